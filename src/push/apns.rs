//! Apple Push Notification service, HTTP/2 with token-based auth: each request carries
//! an ES256 provider token (JWT: our key id and team id) that is replaced every 40
//! minutes, as Apple asks (no more often than 20, no less than 60), and goes to the
//! production or the sandbox host by the device's environment. A provider token Apple
//! calls expired is replaced once, at once; refused again, that host is paused, loudly.

use std::sync::Mutex;

use anyhow::Context;
use chrono::{DateTime, TimeDelta, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};
use web_push::Urgency;

use super::device::PushEnvironment;
use super::payload::Payload;
use super::store::DeviceRow;
use super::transport::{Envelope, Outcome, Pauses, Transport, client_builder};
use crate::clock;
use crate::config::NativePushSettings;

/// How long one provider token is used.
const TOKEN_REUSE: TimeDelta = TimeDelta::minutes(40);

/// APNs' settings, checked at start.
#[derive(Clone)]
pub struct ApnsConfig {
    key: EncodingKey,
    key_id: String,
    team_id: String,
    /// The app's bundle id: every push's `apns-topic`.
    pub topic: String,
    production_url: String,
    sandbox_url: String,
}

impl ApnsConfig {
    /// APNs from the settings: `None` when none of its four settings is given; an error
    /// when only some are, or the key is not a P-256 key.
    pub fn from_settings(settings: &NativePushSettings) -> anyhow::Result<Option<Self>> {
        let parts = (&settings.apns_key, &settings.apns_key_id, &settings.apns_team_id, &settings.apns_topic);
        let (key, key_id, team_id, topic) = match parts {
            (None, None, None, None) => return Ok(None),
            (Some(key), Some(key_id), Some(team_id), Some(topic)) => (key, key_id, team_id, topic),
            _ => anyhow::bail!(
                "APNs needs all of VILLAGE_APNS_KEY, VILLAGE_APNS_KEY_ID, VILLAGE_APNS_TEAM_ID and VILLAGE_APNS_TOPIC"
            ),
        };
        let pem = if key.trim_start().starts_with("-----BEGIN") {
            key.clone()
        } else {
            std::fs::read_to_string(key).with_context(|| format!("cannot read VILLAGE_APNS_KEY at {key}"))?
        };
        let key = EncodingKey::from_ec_pem(pem.as_bytes())
            .context("VILLAGE_APNS_KEY is not Apple's .p8 key (a P-256 private key in PEM)")?;
        let base = |name: &str, url: &str| -> anyhow::Result<String> {
            let url = url::Url::parse(url).with_context(|| format!("{name} is not a URL"))?;
            Ok(url.as_str().trim_end_matches('/').to_owned())
        };
        Ok(Some(Self {
            key,
            key_id: key_id.trim().to_owned(),
            team_id: team_id.trim().to_owned(),
            topic: topic.trim().to_owned(),
            production_url: base("VILLAGE_APNS_URL", &settings.apns_url)?,
            sandbox_url: base("VILLAGE_APNS_SANDBOX_URL", &settings.apns_sandbox_url)?,
        }))
    }
}

/// Sends APNs pushes for this server.
pub struct Apns {
    http: reqwest::Client,
    config: ApnsConfig,
    /// The provider token in use, and when it was made.
    token: Mutex<Option<(String, DateTime<Utc>)>>,
    paused: Pauses,
}

impl Transport for Apns {
    async fn send(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> Outcome {
        let Some(token) = device.token.as_deref() else {
            return Outcome::Rejected("not an APNs device".into());
        };
        let host = match device.environment() {
            Some(PushEnvironment::Sandbox) => &self.config.sandbox_url,
            _ => &self.config.production_url,
        };
        if let Some(until) = self.paused.until(host) {
            return Outcome::RetryAt(until);
        }
        let url = format!("{host}/3/device/{token}");
        let first = match self.post(&url, payload, envelope).await {
            Ok(first) => first,
            Err(outcome) => return outcome,
        };
        if first.reason != "ExpiredProviderToken" {
            return self.outcome(host, first);
        }
        self.forget_provider_token(&first.provider_token);
        match self.post(&url, payload, envelope).await {
            Ok(again) => self.outcome(host, again),
            Err(outcome) => outcome,
        }
    }
}

/// What APNs answered to a push sent with `provider_token`.
struct Answer {
    status: StatusCode,
    reason: String,
    provider_token: String,
}

impl Apns {
    pub fn new(config: ApnsConfig, roots: &[reqwest::Certificate]) -> anyhow::Result<Self> {
        // APNs speaks HTTP/2 only; many pushes share one connection.
        let http = client_builder().http2_prior_knowledge().tls_certs_merge(roots.iter().cloned()).build()?;
        Ok(Self { http, config, token: Mutex::default(), paused: Pauses::default() })
    }

    /// Posts one push; an error when it never got an answer.
    async fn post(&self, url: &str, payload: &Payload, envelope: &Envelope) -> Result<Answer, Outcome> {
        let provider_token = self.provider_token().map_err(|error| {
            let why = format!("cannot sign the APNs provider token: {error}");
            Outcome::RetryAt(self.paused.pause(&self.config.production_url, &why))
        })?;
        let high = matches!(envelope.urgency, Urgency::High | Urgency::Normal);
        let expires = clock::wall().timestamp() + i64::from(envelope.ttl);
        let request = self
            .http
            .post(url)
            .header("authorization", format!("bearer {provider_token}"))
            .header("apns-topic", &self.config.topic)
            .header("apns-push-type", "alert")
            .header("apns-priority", if high { "10" } else { "5" })
            .header("apns-expiration", expires.to_string())
            .header("apns-collapse-id", &envelope.topic)
            .json(&body(payload, envelope));
        let response = request.send().await.map_err(|error| Outcome::RetrySoon(format!("{error}")))?;
        let status = response.status();
        let body = response.json::<Value>().await.unwrap_or_default();
        let reason = body["reason"].as_str().unwrap_or_default().to_owned();
        Ok(Answer { status, reason, provider_token })
    }

    /// What an answer means. A 403 is always about our provider token, so it pauses
    /// the host it came from (a production-only key refused by the sandbox pauses the
    /// sandbox alone); what a device's token brings on stays with that device.
    fn outcome(&self, host: &str, answer: Answer) -> Outcome {
        let Answer { status, reason, provider_token } = answer;
        match (status, reason.as_str()) {
            (status, _) if status.is_success() => Outcome::Delivered,
            (StatusCode::GONE, _) | (StatusCode::BAD_REQUEST, "BadDeviceToken" | "DeviceTokenNotForTopic") => {
                Outcome::Gone
            }
            (StatusCode::PAYLOAD_TOO_LARGE, _) => Outcome::TooLarge,
            (StatusCode::TOO_MANY_REQUESTS, _) => Outcome::RetrySoon(format!("APNs answered 429 ({reason})")),
            (StatusCode::FORBIDDEN, _) => {
                self.forget_provider_token(&provider_token);
                let why = format!(
                    "APNs refused our provider token ({reason}): check VILLAGE_APNS_KEY, VILLAGE_APNS_KEY_ID and \
                     VILLAGE_APNS_TEAM_ID, and that the key is allowed for this host"
                );
                Outcome::RetryAt(self.paused.pause(host, &why))
            }
            (status, _) if status.is_server_error() => Outcome::RetrySoon(format!("APNs answered {status}")),
            (status, reason) => Outcome::Rejected(format!("APNs answered {status} ({reason})")),
        }
    }

    /// The provider token in use, or a new one once it is 40 minutes old (by the wall
    /// clock, which Apple's is compared with).
    fn provider_token(&self) -> Result<String, jsonwebtoken::errors::Error> {
        let mut cached = self.token.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = clock::wall();
        if let Some((token, made)) = cached.as_ref()
            && now - *made < TOKEN_REUSE
        {
            return Ok(token.clone());
        }
        let header = Header { kid: Some(self.config.key_id.clone()), ..Header::new(Algorithm::ES256) };
        let claims = json!({ "iss": self.config.team_id, "iat": now.timestamp() });
        let token = jsonwebtoken::encode(&header, &claims, &self.config.key)?;
        *cached = Some((token.clone(), now));
        Ok(token)
    }

    /// Drops `refused` if it is still the token in use (the sends that used it at the
    /// same time then share one new token, not one each).
    fn forget_provider_token(&self, refused: &str) {
        let mut cached = self.token.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cached.as_ref().is_some_and(|(token, _)| token == refused) {
            *cached = None;
        }
    }
}

/// The alert the system shows, the badge, one thread per thread or event, and what the
/// app needs on a tap.
fn body(payload: &Payload, envelope: &Envelope) -> Value {
    let mut alert = json!({ "title": payload.title });
    if !payload.body.is_empty() {
        alert["body"] = json!(payload.body);
    }
    let mut body = json!({
        "aps": { "alert": alert, "badge": payload.badge, "sound": "default", "thread-id": envelope.topic },
        "url": payload.url,
    });
    for (name, id) in payload.ids() {
        body[name] = json!(id);
    }
    body
}
