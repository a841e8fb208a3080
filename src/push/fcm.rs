//! Firebase Cloud Messaging, HTTP v1 (`POST /v1/projects/{project}/messages:send`):
//! Android phones, and iOS apps built on Firebase. Each send carries an OAuth 2.0
//! access token got from Google's token endpoint for an RS256-signed assertion of the
//! service account (RFC 7523); one token serves every send until shortly before it
//! expires, and only one request fetches a new one. A token FCM refuses is replaced
//! once; credentials refused again pause FCM as a whole, loudly. A device's own errors
//! (another project's token, an unusable one) stay with that device, so no member can
//! pause everyone's pushes.

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, TimeDelta, Utc};
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
const TOKEN_MARGIN: TimeDelta = TimeDelta::minutes(5);
/// The key `Pauses` knows FCM by.
const SERVICE: &str = "fcm";
/// How long a failed fetch of an access token is not tried again.
const FAILED_FETCH_BACKOFF: TimeDelta = TimeDelta::seconds(30);

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

/// The access token in hand, and a recent failure to get one.
#[derive(Default)]
struct Tokens {
    current: Option<(String, DateTime<Utc>)>,
    /// Until when a failed fetch is not tried again (every waiting send would).
    failed_until: Option<DateTime<Utc>>,
}

/// Sends FCM messages for this server.
pub struct Fcm {
    http: reqwest::Client,
    config: FcmConfig,
    tokens: tokio::sync::Mutex<Tokens>,
    paused: Pauses,
}

/// What FCM answered to one message.
enum Answer {
    Status { status: StatusCode, code: Option<String>, retry_at: Option<DateTime<Utc>> },
    Unreachable(String),
}

impl Transport for Fcm {
    async fn send(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> Outcome {
        let Some(token) = device.token.as_deref() else {
            return Outcome::Rejected("not an FCM device".into());
        };
        let message = message(token, payload, envelope);
        let access = match self.access_token().await {
            Ok(access) => access,
            Err(outcome) => return outcome,
        };
        let answer = self.post(&access, &message).await;
        let refused = |code: &Option<String>| account_refused(code.as_deref());
        if !matches!(&answer, Answer::Status { status: StatusCode::UNAUTHORIZED, code, .. } if refused(code)) {
            return self.outcome(answer);
        }
        // Our access token was refused (revoked, or expired early): one new token, once.
        self.forget_token(&access).await;
        match self.access_token().await {
            Ok(access) => self.outcome(self.post(&access, &message).await),
            Err(outcome) => outcome,
        }
    }
}

impl Fcm {
    pub fn new(config: FcmConfig, roots: &[reqwest::Certificate]) -> anyhow::Result<Self> {
        let http = client_builder().tls_certs_merge(roots.iter().cloned()).build()?;
        Ok(Self { http, config, tokens: tokio::sync::Mutex::default(), paused: Pauses::default() })
    }

    /// The access token for sends: the one in hand, or (one caller at a time) a new
    /// one; a fetch that failed moments ago is not tried again by every waiting send.
    async fn access_token(&self) -> Result<String, Outcome> {
        let mut tokens = self.tokens.lock().await;
        if let Some(until) = self.paused.until(SERVICE) {
            return Err(Outcome::RetryAt(until));
        }
        let now = clock::wall();
        if let Some((value, replace_at)) = &tokens.current
            && now < *replace_at
        {
            return Ok(value.clone());
        }
        if tokens.failed_until.is_some_and(|until| now < until) {
            return Err(Outcome::RetrySoon("the FCM token endpoint failed moments ago".into()));
        }
        match self.fetch_token().await {
            Ok(fresh) => {
                let value = fresh.0.clone();
                *tokens = Tokens { current: Some(fresh), failed_until: None };
                Ok(value)
            }
            Err(outcome) => {
                tokens.failed_until = Some(now + FAILED_FETCH_BACKOFF);
                Err(outcome)
            }
        }
    }

    /// Drops `refused` if it is still the token in hand.
    async fn forget_token(&self, refused: &str) {
        let mut tokens = self.tokens.lock().await;
        if tokens.current.as_ref().is_some_and(|(value, _)| value == refused) {
            tokens.current = None;
        }
    }

    /// Trades a freshly signed assertion for an access token; answers it and when to
    /// replace it.
    async fn fetch_token(&self) -> Result<(String, DateTime<Utc>), Outcome> {
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
        let assertion = jsonwebtoken::encode(&header, &claims, &self.config.key).map_err(|error| {
            Outcome::RetryAt(self.paused.pause(SERVICE, &format!("cannot sign the FCM assertion: {error}")))
        })?;
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
            expires_in: i64,
        }
        let granted: Granted = answer
            .json()
            .await
            .map_err(|error| Outcome::RetrySoon(format!("the FCM token endpoint's answer: {error}")))?;
        let lifetime = TimeDelta::seconds(granted.expires_in.clamp(0, ASSERTION_SECS)) - TOKEN_MARGIN;
        Ok((granted.access_token, clock::wall() + lifetime))
    }

    async fn post(&self, access: &str, message: &Value) -> Answer {
        let sent = self.http.post(&self.config.send_url).bearer_auth(access).json(message).send().await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return Answer::Unreachable(format!("{error}")),
        };
        let status = response.status();
        let retry_at = retry_after(response.headers());
        let code = if status.is_success() { None } else { error_code(&response.json().await.unwrap_or_default()) };
        Answer::Status { status, code, retry_at }
    }

    /// What an answer means. Only our credentials pause FCM; what a device's token
    /// brings on (another project's, an unusable one) stays with that device.
    fn outcome(&self, answer: Answer) -> Outcome {
        let (status, code, retry_at) = match answer {
            Answer::Status { status, code, retry_at } => (status, code, retry_at),
            Answer::Unreachable(error) => return Outcome::RetrySoon(error),
        };
        match (status, code.as_deref()) {
            (status, _) if status.is_success() => Outcome::Delivered,
            (_, Some("UNREGISTERED" | "SENDER_ID_MISMATCH")) => Outcome::Gone,
            (StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE, _) => match retry_at {
                Some(at) => Outcome::RetryAt(at),
                None => Outcome::RetrySoon(format!("FCM answered {status} without Retry-After")),
            },
            (StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND, code)
                if account_refused(code) =>
            {
                let why = format!(
                    "FCM answered {status} ({}): check the service account's Firebase Cloud Messaging permission, \
                     its project id and VILLAGE_FCM_URL",
                    code.unwrap_or("no error code")
                );
                Outcome::RetryAt(self.paused.pause(SERVICE, &why))
            }
            (status, _) if status.is_server_error() => Outcome::RetrySoon(format!("FCM answered {status}")),
            (status, code) => Outcome::Rejected(format!("FCM answered {status} ({})", code.unwrap_or("no error code"))),
        }
    }
}

/// Whether an error code names our account or project, not a device (a device's own
/// come as an `FcmError` detail: UNREGISTERED, SENDER_ID_MISMATCH, THIRD_PARTY_AUTH_ERROR…).
fn account_refused(code: Option<&str>) -> bool {
    matches!(code, None | Some("UNAUTHENTICATED" | "PERMISSION_DENIED" | "NOT_FOUND"))
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
                "payload": { "aps": { "badge": payload.badge, "sound": "default", "thread-id": envelope.topic } },
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
