//! What makes a push subscription acceptable: an `https` endpoint on a public host (no
//! IP literals, no localhost or local names — unless local endpoints are allowed for
//! tests and development), a P-256 public key and a 16-byte auth secret, as browsers
//! and phones hand them over (base64url).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use url::{Host, Url};

use super::native::device_name;
use crate::error::AppError;

/// Longest endpoint accepted (real ones are a few hundred characters).
const MAX_ENDPOINT_CHARS: usize = 1024;
const AUTH_BYTES: usize = 16;
const MAX_USER_AGENT_CHARS: usize = 200;

/// A subscription as a client registers it, checked.
#[derive(Debug, Clone)]
pub struct ValidSubscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub user_agent: Option<String>,
}

fn public_host(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(_) | Host::Ipv6(_) => false,
        Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            let local = ["localhost", "local", "internal", "lan", "home.arpa"];
            name.contains('.') && !local.iter().any(|suffix| name == *suffix || name.ends_with(&format!(".{suffix}")))
        }
    }
}

fn valid_endpoint(endpoint: &str, allow_local: bool) -> Result<String, AppError> {
    let refuse = |why: &str| AppError::bad_input("endpoint", why);
    if endpoint.chars().count() > MAX_ENDPOINT_CHARS {
        return Err(refuse("the endpoint is too long"));
    }
    let url = Url::parse(endpoint.trim()).map_err(|_| refuse("the endpoint is not a URL"))?;
    let host = url.host().ok_or_else(|| refuse("the endpoint has no host"))?;
    if allow_local {
        if !matches!(url.scheme(), "https" | "http") {
            return Err(refuse("the endpoint must be an http(s) URL"));
        }
    } else {
        if url.scheme() != "https" {
            return Err(refuse("the endpoint must be an https URL"));
        }
        if !public_host(&host) {
            return Err(refuse("the endpoint must be on a public host"));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("the endpoint must not carry credentials"));
    }
    Ok(url.to_string())
}

fn valid_p256dh(key: &str) -> Result<String, AppError> {
    let refuse = || AppError::bad_input("p256dh", "p256dh must be a P-256 public key in base64url");
    let bytes = URL_SAFE_NO_PAD.decode(key.trim().trim_end_matches('=')).map_err(|_| refuse())?;
    p256::PublicKey::from_sec1_bytes(&bytes).map_err(|_| refuse())?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn valid_auth(auth: &str) -> Result<String, AppError> {
    let refuse = || AppError::bad_input("auth", "auth must be 16 bytes in base64url");
    let bytes = URL_SAFE_NO_PAD.decode(auth.trim().trim_end_matches('=')).map_err(|_| refuse())?;
    if bytes.len() != AUTH_BYTES {
        return Err(refuse());
    }
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

impl ValidSubscription {
    /// Checks what a client sent.
    pub fn check(
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        user_agent: Option<String>,
        allow_local: bool,
    ) -> Result<Self, AppError> {
        Ok(Self {
            endpoint: valid_endpoint(endpoint, allow_local)?,
            p256dh: valid_p256dh(p256dh)?,
            auth: valid_auth(auth)?,
            user_agent: user_agent.and_then(|agent| device_name(&agent, MAX_USER_AGENT_CHARS)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_https_on_public_hosts_unless_local_ones_are_allowed() {
        assert!(valid_endpoint("https://fcm.googleapis.com/fcm/send/abc", false).is_ok());
        for refused in [
            "http://push.example.com/x",
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://10.0.0.8/x",
            "https://localhost/x",
            "https://push.localhost/x",
            "https://printer.local/x",
            "https://intranet/x",
            "https://user:secret@push.example.com/x",
            "not a url",
        ] {
            assert!(valid_endpoint(refused, false).is_err(), "{refused}");
        }
        assert!(valid_endpoint("http://127.0.0.1:8999/push/1", true).is_ok());
    }
}
