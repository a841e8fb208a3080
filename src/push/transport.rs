//! What the three ways of pushing share: how a push service should treat a push (its
//! envelope), what the service's answer means for the job, and pausing a service that
//! refused our credentials.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::header::HeaderMap;
use web_push::Urgency;

use super::payload::Payload;
use super::store::DeviceRow;
use crate::clock;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a push service that refused our credentials is left alone.
const PAUSE: TimeDelta = TimeDelta::minutes(10);
/// The longest `Retry-After` taken at its word.
const LONGEST_RETRY_AFTER: TimeDelta = TimeDelta::hours(24);

/// How the push service should treat a push.
pub struct Envelope {
    /// Seconds the service keeps it for an offline device.
    pub ttl: u32,
    pub urgency: Urgency,
    /// A later push with the same topic replaces this one if it is still undelivered
    /// (32 hex digits: a thread's, an event's, a group's or her own id).
    pub topic: String,
}

/// What the push service's answer means.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Delivered,
    /// The device is gone for good (unregistered, a bad token): forget it.
    Gone,
    /// The payload is too large for the service.
    TooLarge,
    /// Not now; try again no sooner than then (`Retry-After`, a paused service).
    RetryAt(DateTime<Utc>),
    /// A passing failure (5xx, 429 without a date, timeout, reset): try again after a backoff.
    RetrySoon(String),
    /// Refused for good for another reason: set aside and logged, not retried.
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

/// One way of pushing to a device.
pub trait Transport {
    /// Sends `payload` to `device`, once, and says what came of it.
    fn send(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> impl Future<Output = Outcome> + Send;
}

/// Push services (by origin, or a transport as a whole) that refused our credentials,
/// each until when it is left alone.
#[derive(Default)]
pub struct Pauses(Mutex<HashMap<String, DateTime<Utc>>>);

impl Pauses {
    /// Until when `service` is paused, if it is.
    pub fn until(&self, service: &str) -> Option<DateTime<Utc>> {
        let mut paused = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match paused.get(service) {
            Some(until) if *until > clock::now() => Some(*until),
            Some(_) => {
                paused.remove(service);
                None
            }
            None => None,
        }
    }

    /// Pauses `service`, loudly (`why` says what to check); returns until when.
    pub fn pause(&self, service: &str, why: &str) -> DateTime<Utc> {
        let until = clock::now() + PAUSE;
        tracing::error!(push_service = service, %until, "{why}; pushes to it are paused, its devices kept");
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(service.to_owned(), until);
        until
    }
}

/// When an answer says to come back: `Retry-After` in seconds or as an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<DateTime<Utc>> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    let at = match value.parse::<u32>() {
        Ok(seconds) => clock::now() + TimeDelta::seconds(i64::from(seconds)),
        Err(_) => DateTime::parse_from_rfc2822(value).ok()?.to_utc(),
    };
    Some(at.min(clock::now() + LONGEST_RETRY_AFTER))
}

/// An HTTP client for push services: quick to give up on one that does not answer.
/// reqwest's TLS uses the process's rustls provider: ring, as sqlx does.
pub fn client_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().connect_timeout(CONNECT_TIMEOUT).timeout(TOTAL_TIMEOUT)
}
