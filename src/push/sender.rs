//! The one way pushes leave: each device through its own transport (Web Push, FCM or
//! APNs). A batch is split by transport and each part sent with its own concurrency, so
//! a slow service does not take the others' turns; no send takes longer than
//! `SEND_AT_MOST`, retries within it included.

use std::time::Duration;

use futures_util::{StreamExt, future, stream};

use super::PushConfig;
use super::apns::Apns;
use super::device::PushTransport;
use super::fcm::Fcm;
use super::payload::Payload;
use super::store::DeviceRow;
use super::transport::{Envelope, Outcome, Transport};
use super::web_push::WebPush;

/// Pushes sent at once per transport (each mostly waits on its push service).
const SENDS_AT_ONCE: usize = 256;
/// The longest one push may take, its second try (smaller, or with a new token)
/// included: the job counts on it (`deliver::SENDING_AT_MOST`).
pub const SEND_AT_MOST: Duration = Duration::from_secs(40);

/// One push to one device.
pub struct Outgoing<'a> {
    pub device: &'a DeviceRow,
    pub payload: &'a Payload,
    pub envelope: &'a Envelope,
}

/// Sends pushes for this server, by every transport it is configured for.
pub struct Sender {
    web_push: WebPush,
    fcm: Option<Fcm>,
    apns: Option<Apns>,
}

impl Sender {
    pub fn new(config: &PushConfig) -> anyhow::Result<Self> {
        let roots = &config.push_ca_certificates;
        Ok(Self {
            web_push: WebPush::new(&config.vapid, config.allow_local_endpoints)?,
            fcm: config.fcm.clone().map(|fcm| Fcm::new(fcm, roots)).transpose()?,
            apns: config.apns.clone().map(|apns| Apns::new(apns, roots)).transpose()?,
        })
    }

    /// Sends each of `sends`; answers their outcomes, in the same order.
    pub async fn send_all(&self, sends: &[Outgoing<'_>]) -> Vec<Outcome> {
        let mut by_transport: [Vec<usize>; 3] = Default::default();
        for (n, send) in sends.iter().enumerate() {
            let part = match send.device.transport {
                PushTransport::WebPush => 0,
                PushTransport::Fcm => 1,
                PushTransport::Apns => 2,
            };
            by_transport[part].push(n);
        }
        let mut parts = Vec::new();
        for part in by_transport {
            let each: Vec<_> = part.into_iter().map(|n| self.send_one(n, &sends[n])).collect();
            parts.push(stream::iter(each).buffer_unordered(SENDS_AT_ONCE).collect::<Vec<_>>());
        }
        let mut outcomes: Vec<(usize, Outcome)> = future::join_all(parts).await.into_iter().flatten().collect();
        outcomes.sort_unstable_by_key(|(n, _)| *n);
        outcomes.into_iter().map(|(_, outcome)| outcome).collect()
    }

    async fn send_one(&self, n: usize, send: &Outgoing<'_>) -> (usize, Outcome) {
        let sending = self.send_shrinking(send.device, send.payload, send.envelope);
        let outcome = tokio::time::timeout(SEND_AT_MOST, sending).await;
        (n, outcome.unwrap_or_else(|_| Outcome::RetrySoon(format!("no answer within {SEND_AT_MOST:?}"))))
    }

    /// Sends `payload` to `device`; one the service finds too large goes once more
    /// without its text.
    async fn send_shrinking(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> Outcome {
        let outcome = self.send(device, payload, envelope).await;
        if outcome != Outcome::TooLarge {
            return outcome;
        }
        self.send(device, &payload.minimal(), envelope).await
    }

    async fn send(&self, device: &DeviceRow, payload: &Payload, envelope: &Envelope) -> Outcome {
        let off = |transport: &str| Outcome::Rejected(format!("{transport} is not configured on this server"));
        match device.transport {
            PushTransport::WebPush => self.web_push.send(device, payload, envelope).await,
            PushTransport::Fcm => match &self.fcm {
                Some(fcm) => fcm.send(device, payload, envelope).await,
                None => off("FCM"),
            },
            PushTransport::Apns => match &self.apns {
                Some(apns) => apns.send(device, payload, envelope).await,
                None => off("APNs"),
            },
        }
    }
}
