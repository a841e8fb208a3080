//! Sends one push to one device (RFC 8030): the payload encrypted for the device (RFC
//! 8291, aes128gcm), signed for its push service (RFC 8292; one signature per service
//! origin, reused for an hour), and the service's answer turned into what to do next.
//! A service that refuses our signature (401/403) is paused for a while, loudly: its
//! devices are kept and their pushes wait.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use url::Url;
use web_push::{
    ContentEncoding, PartialVapidSignatureBuilder, SubscriptionInfo, Urgency, VapidSignature, WebPushMessage,
    WebPushMessageBuilder,
};

use super::public_dns::{NotPublic, PublicOnly, refused_as_not_public};
use super::vapid::Vapid;
use crate::clock;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(15);
/// How long one VAPID signature is reused; it is valid for twelve.
const SIGNATURE_REUSE: Duration = Duration::from_secs(3600);
/// How long a push service that refused our signature is left alone.
const PAUSE: TimeDelta = TimeDelta::minutes(10);
/// The longest `Retry-After` taken at its word.
const LONGEST_RETRY_AFTER: TimeDelta = TimeDelta::hours(24);

/// A device's subscription, as registered.
pub struct Device<'a> {
    pub endpoint: &'a str,
    pub p256dh: &'a str,
    pub auth: &'a str,
}

/// How the push service should treat a push.
pub struct Envelope {
    /// Seconds the service keeps it for an offline device.
    pub ttl: u32,
    pub urgency: Urgency,
    /// A later push with the same topic replaces this one if it is still undelivered
    /// (at most 32 base64url characters).
    pub topic: String,
}

/// What the push service's answer means.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Delivered,
    /// The device is gone for good (404, 410): forget it.
    Gone,
    /// The payload is too large for the service (413).
    TooLarge,
    /// Not now; try again no sooner than then (429 with `Retry-After`, a paused service).
    RetryAt(DateTime<Utc>),
    /// A passing failure (5xx, timeout, reset): try again after a backoff.
    RetrySoon(String),
    /// Refused for good for another reason (a 400, a device's keys that are not keys).
    Rejected(String),
}

impl Outcome {
    /// The label `/metrics` counts it under.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Delivered => "delivered",
            Self::Gone => "gone",
            Self::TooLarge => "too_large",
            Self::RetryAt(_) => "deferred",
            Self::RetrySoon(_) => "failed",
            Self::Rejected(_) => "rejected",
        }
    }
}

/// Sends pushes for this server.
pub struct Sender {
    http: reqwest::Client,
    signer: PartialVapidSignatureBuilder,
    subject: String,
    signatures: Mutex<HashMap<String, (VapidSignature, Instant)>>,
    paused: Mutex<HashMap<String, DateTime<Utc>>>,
}

impl Sender {
    /// A sender signing with `vapid`; unless `allow_local`, it connects only to public
    /// addresses.
    pub fn new(vapid: &Vapid, allow_local: bool) -> anyhow::Result<Self> {
        // reqwest's TLS uses the process's rustls provider: ring, as sqlx does.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TOTAL_TIMEOUT)
            .pool_max_idle_per_host(256);
        if !allow_local {
            http = http.dns_resolver(Arc::new(PublicOnly));
        }
        let http = http.build()?;
        Ok(Self {
            http,
            signer: vapid.signer()?,
            subject: vapid.subject_or_default(),
            signatures: Mutex::default(),
            paused: Mutex::default(),
        })
    }

    /// Sends `payload` (JSON) to `device`.
    pub async fn send(&self, device: &Device<'_>, envelope: &Envelope, payload: &[u8]) -> Outcome {
        let Some(origin) = Url::parse(device.endpoint).ok().map(|url| url.origin().ascii_serialization()) else {
            return Outcome::Rejected("the endpoint is not a URL".into());
        };
        if let Some(until) = self.paused_until(&origin) {
            return Outcome::RetryAt(until);
        }
        let message = match self.message(device, envelope, payload, &origin) {
            Ok(message) => message,
            Err(error) => return Outcome::Rejected(format!("cannot encrypt for this device: {error}")),
        };
        match self.post(device.endpoint, message).await {
            Ok(response) => self.outcome(&origin, response),
            Err(error) if refused_as_not_public(&error) => Outcome::Rejected(NotPublic.to_string()),
            Err(error) => Outcome::RetrySoon(format!("{error}")),
        }
    }

    fn message(
        &self,
        device: &Device<'_>,
        envelope: &Envelope,
        payload: &[u8],
        origin: &str,
    ) -> Result<WebPushMessage, web_push::WebPushError> {
        let info = SubscriptionInfo::new(device.endpoint, device.p256dh, device.auth);
        let mut builder = WebPushMessageBuilder::new(&info);
        builder.set_ttl(envelope.ttl);
        builder.set_urgency(envelope.urgency);
        builder.set_topic(envelope.topic.clone());
        builder.set_vapid_signature(self.signature(origin, &info)?);
        builder.set_payload(ContentEncoding::Aes128Gcm, payload);
        builder.build()
    }

    /// The signature for pushes to `origin`: its `aud` is the origin (port included),
    /// its `sub` our contact, and it expires in twelve hours.
    fn signature(&self, origin: &str, info: &SubscriptionInfo) -> Result<VapidSignature, web_push::WebPushError> {
        let mut cache = self.signatures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((signature, made)) = cache.get(origin)
            && made.elapsed() < SIGNATURE_REUSE
        {
            return Ok(signature.clone());
        }
        let mut builder = self.signer.clone().add_sub_info(info);
        builder.add_claim("aud", origin);
        builder.add_claim("sub", self.subject.as_str());
        let signature = builder.build()?;
        cache.insert(origin.to_owned(), (signature.clone(), Instant::now()));
        Ok(signature)
    }

    async fn post(&self, endpoint: &str, message: WebPushMessage) -> reqwest::Result<reqwest::Response> {
        let mut request = self.http.post(endpoint).header("TTL", message.ttl.to_string());
        if let Some(urgency) = message.urgency {
            request = request.header("Urgency", urgency.to_string());
        }
        if let Some(topic) = message.topic {
            request = request.header("Topic", topic);
        }
        if let Some(payload) = message.payload {
            request = request
                .header("Content-Encoding", payload.content_encoding.to_str())
                .header("Content-Type", "application/octet-stream");
            for (name, value) in payload.crypto_headers {
                request = request.header(name, value);
            }
            request = request.body(payload.content);
        }
        request.send().await
    }

    fn outcome(&self, origin: &str, response: reqwest::Response) -> Outcome {
        let status = response.status();
        match status {
            status if status.is_success() => Outcome::Delivered,
            StatusCode::NOT_FOUND | StatusCode::GONE => Outcome::Gone,
            StatusCode::PAYLOAD_TOO_LARGE => Outcome::TooLarge,
            StatusCode::TOO_MANY_REQUESTS => match retry_after(&response) {
                Some(at) => Outcome::RetryAt(at),
                None => Outcome::RetrySoon("429 without Retry-After".into()),
            },
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Outcome::RetryAt(self.pause(origin, status)),
            status if status.is_server_error() => Outcome::RetrySoon(format!("the push service answered {status}")),
            status => Outcome::Rejected(format!("the push service answered {status}")),
        }
    }

    fn paused_until(&self, origin: &str) -> Option<DateTime<Utc>> {
        let mut paused = self.paused.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match paused.get(origin) {
            Some(until) if *until > clock::now() => Some(*until),
            Some(_) => {
                paused.remove(origin);
                None
            }
            None => None,
        }
    }

    fn pause(&self, origin: &str, status: StatusCode) -> DateTime<Utc> {
        let until = clock::now() + PAUSE;
        tracing::error!(
            push_service = origin,
            %status,
            %until,
            "the push service refused our VAPID signature; pushes to it are paused (check VILLAGE_VAPID_PRIVATE_KEY \
             and VILLAGE_VAPID_SUBJECT, and that devices subscribed with this server's key)"
        );
        self.paused.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(origin.to_owned(), until);
        until
    }
}

/// When a 429 says to come back: `Retry-After` in seconds or as an HTTP date.
fn retry_after(response: &reqwest::Response) -> Option<DateTime<Utc>> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    let at = match value.parse::<u32>() {
        Ok(seconds) => clock::now() + TimeDelta::seconds(i64::from(seconds)),
        Err(_) => DateTime::parse_from_rfc2822(value).ok()?.to_utc(),
    };
    Some(at.min(clock::now() + LONGEST_RETRY_AFTER))
}
