//! Push: the server's VAPID identity, the devices members register (Web Push
//! subscriptions and native apps on FCM or APNs), their quiet hours, and the jobs that
//! push notifications to their devices through one pipeline for all three transports.

mod apns;
mod deliver;
mod device;
mod encryption;
mod fcm;
mod jobs;
mod native;
mod payload;
mod public_dns;
mod quiet_hours;
mod schema;
mod sender;
mod sign_out;
mod store;
mod subscription;
mod transport;
mod vapid;
mod web_push;

use anyhow::Context;

use crate::config::Settings;

pub use apns::ApnsConfig;
pub use encryption::{EncryptionError, encrypt as encrypt_for_web_push};
pub use fcm::FcmConfig;
pub use jobs::{Housekeeping as PushHousekeeping, Push, ReleaseHeld};
pub use schema::{PushMutation, PushQuery};
pub use sender::Sender;
pub use sign_out::ForgetSessionDevices;
pub use vapid::{Vapid, new_pair as new_vapid_pair};

/// What the push API and its sender need from the settings, checked at start.
#[derive(Clone)]
pub struct PushConfig {
    pub vapid: Vapid,
    /// Whether endpoints on local hosts (and plain http) are accepted.
    pub allow_local_endpoints: bool,
    /// FCM, when its credentials are given.
    pub fcm: Option<FcmConfig>,
    /// APNs, when its key, key id, team id and topic are given.
    pub apns: Option<ApnsConfig>,
    /// Certificate authorities trusted for FCM and APNs beside the system's.
    pub push_ca_certificates: Vec<reqwest::Certificate>,
}

impl PushConfig {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let native = &settings.native_push;
        let fcm = native.fcm_credentials.as_deref().map(|path| FcmConfig::load(path, &native.fcm_url)).transpose()?;
        let push_ca_certificates = match &native.push_ca_certificates {
            Some(path) => {
                let pem = std::fs::read(path)
                    .with_context(|| format!("cannot read VILLAGE_PUSH_CA_CERTIFICATES at {}", path.display()))?;
                reqwest::Certificate::from_pem_bundle(&pem)
                    .context("VILLAGE_PUSH_CA_CERTIFICATES is not PEM certificates")?
            }
            None => Vec::new(),
        };
        Ok(Self {
            vapid: Vapid::from_settings(settings)?,
            allow_local_endpoints: settings.allow_local_push_endpoints,
            fcm,
            apns: ApnsConfig::from_settings(native)?,
            push_ca_certificates,
        })
    }
}
