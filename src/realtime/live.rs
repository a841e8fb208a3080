//! The rhythm every live subscription follows: a message on its topic, a signal that
//! what the subscriber may read changed, a periodic sweep, or her token running out.
//! Access is checked against the database only on signals and sweeps, never per
//! message, so a reply fanned out to thousands of readers costs no query per reader.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;

use super::bus::{Delivery, Listener};
use crate::clock;

/// How often access is checked even without a signal: the safety net for changes the
/// server's own writes did not announce.
const SWEEP_EVERY: Duration = Duration::from_secs(30);

/// What a subscription reacts to next.
pub enum Step {
    /// Something was published on the topic.
    Message(Arc<Delivery>),
    /// The subscriber fell behind and missed messages.
    Lagged,
    /// What she may read may have changed: check again.
    Recheck,
    /// Her access token expired.
    Expired,
}

/// Waits for the next access signal on a member topic (which also carries her
/// notifications); a missed message or a resync counts as a signal.
async fn next_signal(access: &mut Option<Listener>) -> Option<()> {
    let Some(signals) = access else {
        return std::future::pending().await;
    };
    loop {
        match signals.recv().await {
            Ok(message) if !is_access_signal(&message.body) => {}
            Ok(_) | Err(RecvError::Lagged(_)) => return Some(()),
            Err(RecvError::Closed) => return None,
        }
    }
}

/// Whether a member-topic message asks her subscriptions to check access again.
pub fn is_access_signal(body: &serde_json::Value) -> bool {
    let kind = body["kind"].as_str();
    kind == Some(super::ACCESS_CHANGED) || kind == Some(super::bus::RESYNC)
}

/// The steps of a subscription to `live`. `access` carries the subscriber's
/// access-changed signals (her member topic; `None` when `live` is that topic itself);
/// a token expiring at `expires_at` ends the steps with `Expired`. Signals and expiry
/// are taken before messages waiting beside them, so a message that arrives after a
/// revocation's signal is not delivered. (Across instances, a message published in the
/// milliseconds between a revocation's commit and its signal still can be.)
pub fn steps(mut live: Listener, mut access: Option<Listener>, expires_at: DateTime<Utc>) -> impl Stream<Item = Step> {
    let expiry = (expires_at - clock::now()).to_std().unwrap_or(Duration::ZERO);
    async_stream::stream! {
        let expired = tokio::time::sleep(expiry);
        tokio::pin!(expired);
        let mut sweep = tokio::time::interval_at(tokio::time::Instant::now() + SWEEP_EVERY, SWEEP_EVERY);
        loop {
            let step = tokio::select! {
                biased;
                () = &mut expired => Step::Expired,
                signal = next_signal(&mut access) => match signal {
                    Some(()) => Step::Recheck,
                    None => return,
                },
                _ = sweep.tick() => Step::Recheck,
                message = live.recv() => match message {
                    Ok(message) => Step::Message(message),
                    Err(RecvError::Lagged(_)) => Step::Lagged,
                    Err(RecvError::Closed) => return,
                },
            };
            let expired = matches!(step, Step::Expired);
            yield step;
            if expired {
                return;
            }
        }
    }
}
