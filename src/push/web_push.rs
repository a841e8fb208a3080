//! Web Push (RFC 8030) to browsers and home-screen web apps: the payload encrypted for
//! the device (RFC 8291, aes128gcm), signed for its push service (RFC 8292; one
//! signature per service origin, reused for an hour), and the service's answer turned
//! into what to do next. A service that refuses our signature (401/403) is paused for a
//! while, loudly: its devices are kept and their pushes wait.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use url::Url;
use web_push::{PartialVapidSignatureBuilder, SubscriptionInfo, VapidSignature};

use super::encryption;
use super::payload::Payload;
use super::public_dns::{NotPublic, PublicOnly, refused_as_not_public};
use super::store::DeviceRow;
use super::transport::{Envelope, Outcome, Pauses, Transport, client_builder, retry_after};
use super::vapid::Vapid;

/// How long one VAPID signature is reused; it is valid for twelve.
const SIGNATURE_REUSE: Duration = Duration::from_secs(3600);

/// A device's Web Push subscription, as registered.
struct Subscription<'a> {
    endpoint: &'a str,
    p256dh: &'a str,
    auth: &'a str,
}

impl<'a> Subscription<'a> {
    fn of(device: &'a DeviceRow) -> Option<Self> {
        Some(Self {
            endpoint: device.endpoint.as_deref()?,
            p256dh: device.p256dh.as_deref()?,
            auth: device.auth.as_deref()?,
        })
    }
}

/// Sends Web Push for this server.
pub struct WebPush {
    http: reqwest::Client,
    signer: PartialVapidSignatureBuilder,
    subject: String,
    signatures: Mutex<HashMap<String, (VapidSignature, Instant)>>,
    paused: Pauses,
}

impl Transport for WebPush {
    async fn send(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> Outcome {
        let Some(subscription) = Subscription::of(device) else {
            return Outcome::Rejected("not a Web Push subscription".into());
        };
        let Some(origin) = Url::parse(subscription.endpoint).ok().map(|url| url.origin().ascii_serialization()) else {
            return Outcome::Rejected("the endpoint is not a URL".into());
        };
        if let Some(until) = self.paused.until(&origin) {
            return Outcome::RetryAt(until);
        }
        let body = match encryption::encrypt(subscription.p256dh, subscription.auth, &payload.to_bytes()) {
            Ok(body) => body,
            Err(error) => return Outcome::Rejected(format!("cannot encrypt for this device: {error}")),
        };
        let signature = match self.signature(&subscription, &origin) {
            Ok(signature) => signature,
            Err(error) => return Outcome::Rejected(format!("cannot sign for this push service: {error}")),
        };
        match self.post(subscription.endpoint, envelope, &signature, body).await {
            Ok(response) => self.outcome(&origin, response),
            Err(error) if refused_as_not_public(&error) => Outcome::Rejected(NotPublic.to_string()),
            Err(error) => Outcome::RetrySoon(format!("{error}")),
        }
    }
}

impl WebPush {
    /// A sender signing with `vapid`; unless `allow_local`, it connects only to public
    /// addresses.
    pub fn new(vapid: &Vapid, allow_local: bool) -> anyhow::Result<Self> {
        let mut http = client_builder().pool_max_idle_per_host(256);
        if !allow_local {
            http = http.dns_resolver(Arc::new(PublicOnly));
        }
        let http = http.build()?;
        Ok(Self {
            http,
            signer: vapid.signer()?,
            subject: vapid.subject_or_default(),
            signatures: Mutex::default(),
            paused: Pauses::default(),
        })
    }

    /// The signature for pushes to `origin`: its `aud` is the origin (port included),
    /// its `sub` our contact, and it expires in twelve hours.
    fn signature(&self, device: &Subscription<'_>, origin: &str) -> Result<VapidSignature, web_push::WebPushError> {
        let mut cache = self.signatures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((signature, made)) = cache.get(origin)
            && made.elapsed() < SIGNATURE_REUSE
        {
            return Ok(signature.clone());
        }
        let info = SubscriptionInfo::new(device.endpoint, device.p256dh, device.auth);
        let mut builder = self.signer.clone().add_sub_info(&info);
        builder.add_claim("aud", origin);
        builder.add_claim("sub", self.subject.as_str());
        let signature = builder.build()?;
        cache.insert(origin.to_owned(), (signature.clone(), Instant::now()));
        Ok(signature)
    }

    /// Sends an encrypted push (RFC 8030) signed with `signature` (RFC 8292).
    async fn post(
        &self,
        endpoint: &str,
        envelope: &Envelope,
        signature: &VapidSignature,
        body: Vec<u8>,
    ) -> reqwest::Result<reqwest::Response> {
        let authorization = format!("vapid t={}, k={}", signature.auth_t, URL_SAFE_NO_PAD.encode(&signature.auth_k));
        let request = self
            .http
            .post(endpoint)
            .header("TTL", envelope.ttl.to_string())
            .header("Urgency", envelope.urgency.to_string())
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", authorization)
            .header("Topic", &envelope.topic);
        request.body(body).send().await
    }

    fn outcome(&self, origin: &str, response: reqwest::Response) -> Outcome {
        let status = response.status();
        match status {
            status if status.is_success() => Outcome::Delivered,
            StatusCode::NOT_FOUND | StatusCode::GONE => Outcome::Gone,
            StatusCode::PAYLOAD_TOO_LARGE => Outcome::TooLarge,
            StatusCode::TOO_MANY_REQUESTS => match retry_after(response.headers()) {
                Some(at) => Outcome::RetryAt(at),
                None => Outcome::RetrySoon("429 without Retry-After".into()),
            },
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Outcome::RetryAt(self.paused.pause(
                origin,
                &format!(
                    "the push service answered {status} to our VAPID signature (check VILLAGE_VAPID_PRIVATE_KEY and \
                     VILLAGE_VAPID_SUBJECT, and that devices subscribed with this server's key)"
                ),
            )),
            status if status.is_server_error() => Outcome::RetrySoon(format!("the push service answered {status}")),
            status => Outcome::Rejected(format!("the push service answered {status}")),
        }
    }
}
