//! Web Push: the server's VAPID identity, the devices members register, their quiet
//! hours, and the jobs that push notifications to their devices.

mod deliver;
mod jobs;
mod payload;
mod public_dns;
mod quiet_hours;
mod schema;
mod sender;
mod store;
mod subscription;
mod vapid;

use crate::config::Settings;

pub use jobs::{Housekeeping as PushHousekeeping, Push, ReleaseHeld};
pub use schema::{PushMutation, PushQuery};
pub use sender::Sender;
pub use vapid::{Vapid, new_pair as new_vapid_pair};

/// What the push API needs from the settings.
#[derive(Clone)]
pub struct PushConfig {
    pub vapid: Vapid,
    /// Whether endpoints on local hosts (and plain http) are accepted.
    pub allow_local_endpoints: bool,
}

impl PushConfig {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        Ok(Self { vapid: Vapid::from_settings(settings)?, allow_local_endpoints: settings.allow_local_push_endpoints })
    }
}
