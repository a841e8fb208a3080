//! The two tokens of a session. Access tokens are short-lived HS256 JWTs naming the
//! member and the session; refresh tokens are opaque (`<session id>.<random>`) and only
//! their SHA-256 is stored, so a database leak reveals no usable token.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::viewer::AccessClaims;

#[derive(Serialize, Deserialize)]
struct Jwt {
    sub: Uuid,
    sid: Uuid,
    iat: i64,
    exp: i64,
}

/// Why an access token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessTokenError {
    Expired,
    Invalid,
}

/// Signs and checks access tokens with the server's secret.
#[derive(Clone)]
pub struct AccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl AccessTokens {
    /// Keys from `secret`; tokens live for `ttl`.
    pub fn new(secret: &[u8], ttl: Duration) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), validation, ttl }
    }

    /// A fresh token for `member_id`'s session `session_id`, and when it expires.
    pub fn issue(
        &self,
        member_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(String, DateTime<Utc>)> {
        let expires_at = now + self.ttl;
        let jwt = Jwt { sub: member_id, sid: session_id, iat: now.timestamp(), exp: expires_at.timestamp() };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &jwt, &self.encoding)?;
        Ok((token, expires_at))
    }

    /// The claims of a valid, unexpired token. A token stops working at the second its
    /// `exp` names (jsonwebtoken alone would still take it then), as every later check
    /// of the session agrees.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, AccessTokenError> {
        match jsonwebtoken::decode::<Jwt>(token, &self.decoding, &self.validation) {
            Ok(data) if data.claims.exp <= crate::clock::now().timestamp() => Err(AccessTokenError::Expired),
            Ok(data) => Ok(AccessClaims {
                member_id: data.claims.sub,
                session_id: data.claims.sid,
                expires_at: data.claims.exp,
                // Known once the session is looked up.
                email_verified: false,
            }),
            Err(error) if matches!(error.kind(), jsonwebtoken::errors::ErrorKind::ExpiredSignature) => {
                Err(AccessTokenError::Expired)
            }
            Err(_) => Err(AccessTokenError::Invalid),
        }
    }
}

/// A refresh token as handed to the client, with the hash that is stored.
pub struct RefreshToken {
    pub token: String,
    pub hash: Vec<u8>,
}

/// A refresh token presented by a client, split into its parts.
pub struct PresentedRefreshToken {
    pub session_id: Uuid,
    pub hash: Vec<u8>,
    secret: Vec<u8>,
}

const REFRESH_SECRET_BYTES: usize = 32;

fn refresh_token(session_id: Uuid, secret: &[u8]) -> RefreshToken {
    RefreshToken {
        token: format!("{}.{}", session_id.simple(), URL_SAFE_NO_PAD.encode(secret)),
        hash: Sha256::digest(secret).to_vec(),
    }
}

/// A new random refresh token for `session_id`.
pub fn new_refresh_token(session_id: Uuid) -> RefreshToken {
    let mut secret = [0u8; REFRESH_SECRET_BYTES];
    rand::rng().fill_bytes(&mut secret);
    refresh_token(session_id, &secret)
}

/// Makes the token that succeeds a presented one: the same for the same token, so a
/// client whose refresh answer was lost and who retries gets the same successor back
/// (nothing secret is stored: the successor is keyed on the server's secret).
#[derive(Clone)]
pub struct Successors {
    key: Vec<u8>,
}

impl Successors {
    /// Successors keyed on `secret` (the token-signing secret, put to a second use).
    pub fn new(secret: &[u8]) -> Self {
        Self {
            key: Sha256::new()
                .chain_update(b"village refresh-token successors")
                .chain_update(secret)
                .finalize()
                .to_vec(),
        }
    }

    /// The token that succeeds `presented`.
    pub fn of(&self, presented: &PresentedRefreshToken) -> anyhow::Result<RefreshToken> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key)?;
        mac.update(presented.session_id.as_bytes());
        mac.update(&presented.secret);
        Ok(refresh_token(presented.session_id, &mac.finalize().into_bytes()))
    }
}

/// Parses a presented refresh token; `None` when it is not one of ours.
pub fn parse_refresh_token(token: &str) -> Option<PresentedRefreshToken> {
    let (session, secret) = token.trim().split_once('.')?;
    let session_id = Uuid::try_parse(session).ok()?;
    let secret = URL_SAFE_NO_PAD.decode(secret).ok()?;
    (secret.len() == REFRESH_SECRET_BYTES).then(|| PresentedRefreshToken {
        session_id,
        hash: Sha256::digest(&secret).to_vec(),
        secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_access_token_round_trips_and_expires() {
        let tokens = AccessTokens::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60));
        let (member_id, session_id) = (Uuid::now_v7(), Uuid::now_v7());
        let (token, expires) = tokens.issue(member_id, session_id, Utc::now()).unwrap_or_default();
        let claims = AccessClaims { member_id, session_id, expires_at: expires.timestamp(), email_verified: false };
        assert_eq!(tokens.verify(&token), Ok(claims));

        let (old, _) =
            tokens.issue(member_id, session_id, Utc::now() - chrono::Duration::minutes(5)).unwrap_or_default();
        assert_eq!(tokens.verify(&old), Err(AccessTokenError::Expired));

        let (at_expiry, _) =
            tokens.issue(member_id, session_id, Utc::now() - chrono::Duration::seconds(60)).unwrap_or_default();
        assert_eq!(tokens.verify(&at_expiry), Err(AccessTokenError::Expired), "a token stops at its exp");

        let other = AccessTokens::new(b"another secret of thirty-two bytes!", Duration::from_secs(60));
        assert_eq!(other.verify(&token), Err(AccessTokenError::Invalid));
        assert_eq!(tokens.verify("not a token"), Err(AccessTokenError::Invalid));
    }

    #[test]
    fn a_refresh_token_parses_back_to_its_session_and_hash() {
        let session_id = Uuid::now_v7();
        let issued = new_refresh_token(session_id);
        let parse = || parse_refresh_token(&issued.token);
        assert!(parse().is_some_and(|p| p.session_id == session_id && p.hash == issued.hash));
        assert!(parse_refresh_token("garbage").is_none());
        let successors = Successors::new(b"0123456789abcdef0123456789abcdef");
        let presented = parse().unwrap();
        let (next, again) = (successors.of(&presented).unwrap(), successors.of(&presented).unwrap());
        assert_eq!(next.token, again.token, "a retry gets the same successor");
        assert_ne!(next.token, issued.token);
        assert!(parse_refresh_token(&format!("{}.c2hvcnQ", session_id.simple())).is_none());
    }
}
