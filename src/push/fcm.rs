//! Firebase Cloud Messaging, HTTP v1 (`POST /v1/projects/{project}/messages:send`):
//! Android phones, and iOS apps built on Firebase. Each send carries an OAuth 2.0
//! access token got from Google's token endpoint for an RS256-signed assertion of the
//! service account (RFC 7523); one token serves every send until shortly before it
//! expires, and only one request fetches a new one. A service account Google refuses
//! pauses FCM as a whole, loudly; a device's own errors stay with that device.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use web_push::Urgency;

use super::payload::Payload;
use super::store::DeviceRow;
use super::transport::{Envelope, Outcome, Pauses, Transport, client_builder, retry_after};
use crate::clock;

/// What the access token lets us do: send FCM messages, nothing else.
const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";
const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// An assertion's lifetime (Google takes at most an hour).
const ASSERTION_SECS: i64 = 3600;
/// How long before its expiry an access token is replaced.
const TOKEN_MARGIN: Duration = Duration::from_secs(300);
/// The key `Pauses` knows FCM by.
const SERVICE: &str = "fcm";

/// The service-account key Google issues (the JSON file), the parts FCM needs.
#[derive(Clone, Deserialize)]
struct ServiceAccount {
    project_id: String,
    private_key_id: String,
    private_key: String,
    client_email: String,
    token_uri: String,
}

/// FCM's settings, checked at start.
#[derive(Clone)]
pub struct FcmConfig {
    account: ServiceAccount,
    key: EncodingKey,
    /// `{base}/v1/projects/{project}/messages:send`.
    send_url: String,
}

impl FcmConfig {
    /// Reads the service-account key at `credentials`; sends go to `base_url`.
    pub fn load(credentials: &Path, base_url: &str) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(credentials)
            .with_context(|| format!("cannot read VILLAGE_FCM_CREDENTIALS at {}", credentials.display()))?;
        let account: ServiceAccount = serde_json::from_str(&text)
            .context("VILLAGE_FCM_CREDENTIALS is not a Google service-account key (JSON with project_id, private_key, client_email, token_uri)")?;
        let key = EncodingKey::from_rsa_pem(account.private_key.as_bytes())
            .context("the FCM service account's private_key is not an RSA key in PEM")?;
        url::Url::parse(&account.token_uri).context("the FCM service account's token_uri is not a URL")?;
        let base = url::Url::parse(base_url).context("VILLAGE_FCM_URL is not a URL")?;
        let send_url =
            format!("{}/v1/projects/{}/messages:send", base.as_str().trim_end_matches('/'), account.project_id);
        Ok(Self { account, key, send_url })
    }
}

/// An access token and when to stop using it.
struct AccessToken {
    value: String,
    replace_at: Instant,
}

/// Sends FCM messages for this server.
pub struct Fcm {
    http: reqwest::Client,
    config: FcmConfig,
    token: tokio::sync::Mutex<Option<AccessToken>>,
    paused: Pauses,
}

impl Transport for Fcm {
    async fn send(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> Outcome {
        let Some(token) = device.token.as_deref() else {
            return Outcome::Rejected("not an FCM device".into());
        };
        if let Some(until) = self.paused.until(SERVICE) {
            return Outcome::RetryAt(until);
        }
        let access = match self.access_token().await {
            Ok(access) => access,
            Err(outcome) => return outcome,
        };
        let sent = self.http.post(&self.config.send_url).bearer_auth(&access).json(&message(token, payload, envelope));
        match sent.send().await {
            Ok(response) => self.outcome(response).await,
            Err(error) => Outcome::RetrySoon(format!("{error}")),
        }
    }
}

impl Fcm {
    pub fn new(config: FcmConfig, roots: &[reqwest::Certificate]) -> anyhow::Result<Self> {
        let http = client_builder().tls_certs_merge(roots.iter().cloned()).build()?;
        Ok(Self { http, config, token: tokio::sync::Mutex::default(), paused: Pauses::default() })
    }

    /// The access token for sends: the one in hand, or (one caller at a time) a new one.
    async fn access_token(&self) -> Result<String, Outcome> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref().filter(|token| Instant::now() < token.replace_at) {
            return Ok(token.value.clone());
        }
        let fresh = self.fetch_token().await?;
        let value = fresh.value.clone();
        *cached = Some(fresh);
        Ok(value)
    }

    /// Trades a freshly signed assertion for an access token.
    async fn fetch_token(&self) -> Result<AccessToken, Outcome> {
        let account = &self.config.account;
        let now = clock::wall().timestamp();
        let claims = json!({
            "iss": account.client_email,
            "scope": SCOPE,
            "aud": account.token_uri,
            "iat": now,
            "exp": now + ASSERTION_SECS,
        });
        let header = Header { kid: Some(account.private_key_id.clone()), ..Header::new(Algorithm::RS256) };
        let assertion = jsonwebtoken::encode(&header, &claims, &self.config.key)
            .map_err(|error| Outcome::Rejected(format!("cannot sign the FCM assertion: {error}")))?;
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", GRANT_TYPE)
            .append_pair("assertion", &assertion)
            .finish();
        let answer = self
            .http
            .post(&account.token_uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .map_err(|error| Outcome::RetrySoon(format!("the FCM token endpoint: {error}")))?;
        let status = answer.status();
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Outcome::RetrySoon(format!("the FCM token endpoint answered {status}")));
        }
        if !status.is_success() {
            let why = format!(
                "Google's token endpoint answered {status} to our service account's assertion (check \
                 VILLAGE_FCM_CREDENTIALS: a key deleted or of another project?)"
            );
            return Err(Outcome::RetryAt(self.paused.pause(SERVICE, &why)));
        }
        #[derive(Deserialize)]
        struct Granted {
            access_token: String,
            expires_in: u64,
        }
        let granted: Granted = answer
            .json()
            .await
            .map_err(|error| Outcome::RetrySoon(format!("the FCM token endpoint's answer: {error}")))?;
        let lifetime = Duration::from_secs(granted.expires_in).saturating_sub(TOKEN_MARGIN);
        Ok(AccessToken { value: granted.access_token, replace_at: Instant::now() + lifetime })
    }

    async fn outcome(&self, response: reqwest::Response) -> Outcome {
        let status = response.status();
        if status.is_success() {
            return Outcome::Delivered;
        }
        let retry_at = retry_after(response.headers());
        let body: Value = response.json().await.unwrap_or_default();
        let code = error_code(&body);
        match (status, code.as_deref()) {
            (_, Some("UNREGISTERED")) | (StatusCode::NOT_FOUND, _) => Outcome::Gone,
            (StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE, _) => match retry_at {
                Some(at) => Outcome::RetryAt(at),
                None => Outcome::RetrySoon(format!("FCM answered {status} without Retry-After")),
            },
            // The token belongs to another Firebase project: this device's problem only.
            (_, Some("SENDER_ID_MISMATCH")) => Outcome::Rejected("the token is of another Firebase project".into()),
            (StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN, _) => {
                *self.token.lock().await = None;
                let why = format!(
                    "FCM answered {status} ({}): check the service account's Firebase Cloud Messaging permission",
                    code.as_deref().unwrap_or("no error code")
                );
                Outcome::RetryAt(self.paused.pause(SERVICE, &why))
            }
            (status, _) if status.is_server_error() => Outcome::RetrySoon(format!("FCM answered {status}")),
            (status, code) => Outcome::Rejected(format!("FCM answered {status} ({})", code.unwrap_or("no error code"))),
        }
    }
}

/// FCM's error code in an error answer: the `FcmError` detail's, else the status.
fn error_code(body: &Value) -> Option<String> {
    let error = &body["error"];
    let details = error["details"].as_array().into_iter().flatten();
    let fcm = details.filter_map(|detail| detail["errorCode"].as_str()).next();
    fcm.or_else(|| error["status"].as_str()).map(str::to_owned)
}

/// The message for `token`: shown by the system (title, line, badge), with what the app
/// needs on a tap as data, collapsing per thread or event on Android and on iOS.
fn message(token: &str, payload: &Payload, envelope: &Envelope) -> Value {
    let high = matches!(envelope.urgency, Urgency::High | Urgency::Normal);
    let expires = clock::wall().timestamp() + i64::from(envelope.ttl);
    let mut notification = json!({ "title": payload.title });
    if !payload.body.is_empty() {
        notification["body"] = json!(payload.body);
    }
    json!({
        "message": {
            "token": token,
            "notification": notification,
            "data": data(payload),
            "android": {
                "collapse_key": envelope.topic,
                "priority": if high { "HIGH" } else { "NORMAL" },
                "ttl": format!("{}s", envelope.ttl),
                "notification": { "tag": envelope.topic, "notification_count": payload.badge },
            },
            "apns": {
                "headers": {
                    "apns-collapse-id": envelope.topic,
                    "apns-priority": if high { "10" } else { "5" },
                    "apns-expiration": expires.to_string(),
                },
                "payload": { "aps": { "badge": payload.badge, "thread-id": envelope.topic } },
            },
        }
    })
}

/// What the app reads when she taps: FCM data values are strings.
fn data(payload: &Payload) -> Value {
    let mut data = json!({ "url": payload.url, "badge": payload.badge.to_string() });
    for (name, id) in payload.ids() {
        data[name] = json!(id.to_string());
    }
    data
}
