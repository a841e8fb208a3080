//! One-click unsubscribe links (RFC 8058): a token naming a member and what she stops
//! getting (`scope`), signed with the server's secret, so the link works without signing
//! in, needs no table, and cannot be forged for someone else or another scope.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Bytes of the signature a token carries.
const SIGNATURE_BYTES: usize = 16;
/// The longest scope a token may name.
const MAX_SCOPE_BYTES: usize = 64;

/// Signs and reads unsubscribe tokens.
#[derive(Clone)]
pub struct Unsubscribes {
    key: Vec<u8>,
}

impl Unsubscribes {
    /// Tokens keyed on `secret` (the token-signing secret, put to another use).
    pub fn new(secret: &[u8]) -> Self {
        Self { key: Sha256::new().chain_update(b"village unsubscribe links").chain_update(secret).finalize().to_vec() }
    }

    fn signature(&self, message: &[u8]) -> Vec<u8> {
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mac) => mac,
            // HMAC takes a key of any length.
            Err(_) => return Vec::new(),
        };
        mac.update(message);
        mac.finalize().into_bytes()[..SIGNATURE_BYTES].to_vec()
    }

    /// The token that unsubscribes `member` from `scope`.
    pub fn token(&self, member: Uuid, scope: &str) -> String {
        let mut message = member.as_bytes().to_vec();
        message.extend_from_slice(scope.as_bytes());
        format!("{}.{}", URL_SAFE_NO_PAD.encode(&message), URL_SAFE_NO_PAD.encode(self.signature(&message)))
    }

    /// Whom `token` unsubscribes, from what; `None` when it is not one we signed.
    pub fn read(&self, token: &str) -> Option<(Uuid, String)> {
        let (message, signature) = token.split_once('.')?;
        let message = URL_SAFE_NO_PAD.decode(message).ok()?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        if message.len() <= 16 || message.len() > 16 + MAX_SCOPE_BYTES || signature.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).ok()?;
        mac.update(&message);
        mac.verify_truncated_left(&signature).ok()?;
        let member = Uuid::from_slice(&message[..16]).ok()?;
        let scope = String::from_utf8(message[16..].to_vec()).ok()?;
        Some((member, scope))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_and_cannot_be_altered_or_forged() {
        let links = Unsubscribes::new(b"secret-secret-secret-secret-secret!!");
        let member = Uuid::now_v7();
        let token = links.token(member, "kind:EVENT_CHANGED");
        assert_eq!(links.read(&token), Some((member, "kind:EVENT_CHANGED".to_owned())));

        let other = links.token(Uuid::now_v7(), "kind:EVENT_CHANGED");
        let (_, other_signature) = other.split_once('.').unwrap();
        let (message, _) = token.split_once('.').unwrap();
        assert_eq!(links.read(&format!("{message}.{other_signature}")), None, "a signature is its message's");
        assert_eq!(Unsubscribes::new(b"another secret, another server!!!!").read(&token), None);
        assert_eq!(links.read("garbage"), None);
        assert_eq!(links.read(&format!("{message}.")), None);
    }
}
