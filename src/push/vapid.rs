//! The server's VAPID identity (RFC 8292): a P-256 key pair whose public half clients
//! hand to the browser or OS when subscribing, and whose private half signs pushes.

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::SecretKey;
use rand::RngCore;

use crate::config::Settings;
use crate::secrets;

/// The server's public key, and the subject push services may contact.
#[derive(Clone)]
pub struct Vapid {
    /// The uncompressed public point, base64url: what `vapidPublicKey` returns.
    pub public_key: String,
    pub subject: Option<String>,
}

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
        Ok(Self { public_key: public_of(&private), subject })
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
