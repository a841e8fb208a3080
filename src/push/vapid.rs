//! The server's VAPID identity (RFC 8292): a P-256 key pair whose public half clients
//! hand to the browser or OS when subscribing, and whose private half signs pushes.

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::SecretKey;
use rand::RngCore;
use web_push::{PartialVapidSignatureBuilder, VapidSignatureBuilder};

use crate::config::Settings;
use crate::secrets;

/// The server's key pair, and the subject push services may contact.
#[derive(Clone)]
pub struct Vapid {
    /// The uncompressed public point, base64url: what `vapidPublicKey` returns.
    pub public_key: String,
    pub subject: Option<String>,
    /// The private scalar, base64url.
    private_key: String,
}

/// The contact sent when none is configured (development only: production requires one).
const UNCONFIGURED_SUBJECT: &str = "mailto:postmaster@localhost";

fn public_of(private: &SecretKey) -> String {
    URL_SAFE_NO_PAD.encode(private.public_key().to_sec1_bytes())
}

impl Vapid {
    /// The configured (or, embedded, generated) key; the subject must be a `mailto:` or
    /// `https:` URL, and is required in production.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let bytes = secrets::vapid_private_key(settings)?;
        let private = SecretKey::from_slice(&bytes).context("the VAPID private key is not a P-256 key")?;
        let subject = settings.vapid_subject.clone();
        match subject.as_deref() {
            Some(subject) if !(subject.starts_with("mailto:") || subject.starts_with("https:")) => {
                anyhow::bail!("VILLAGE_VAPID_SUBJECT must start with mailto: or https:");
            }
            None if settings.production => anyhow::bail!(
                "VILLAGE_VAPID_SUBJECT is required in production (push services refuse pushes without a contact)"
            ),
            _ => {}
        }
        if subject.is_none() {
            tracing::warn!("no VILLAGE_VAPID_SUBJECT: pushes name {UNCONFIGURED_SUBJECT} as the contact");
        }
        Ok(Self { public_key: public_of(&private), subject, private_key: URL_SAFE_NO_PAD.encode(bytes) })
    }

    /// What signs pushes with the private key.
    pub fn signer(&self) -> anyhow::Result<PartialVapidSignatureBuilder> {
        VapidSignatureBuilder::from_base64_no_sub(&self.private_key).context("the VAPID private key cannot sign")
    }

    /// The `sub` claim: the configured contact.
    pub fn subject_or_default(&self) -> String {
        self.subject.clone().unwrap_or_else(|| UNCONFIGURED_SUBJECT.to_owned())
    }
}

/// A new key pair as (private, public), both base64url.
pub fn new_pair() -> anyhow::Result<(String, String)> {
    loop {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        // Almost every 32 bytes are a valid scalar; the rare other draw is retried.
        if let Ok(private) = SecretKey::from_slice(&bytes) {
            return Ok((URL_SAFE_NO_PAD.encode(bytes), public_of(&private)));
        }
    }
}
