//! The rhythm every live subscription follows: a message on its topic, a signal that
//! what the subscriber may read changed, a periodic sweep, or her token running out.
//! Access is checked against the database only on signals and sweeps, never per
//! message, so a reply fanned out to thousands of readers costs no query per reader.
//! A feature's subscription says what each step means for its reader ([`Follower`]);
//! [`follow`] runs the steps.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use tokio::sync::broadcast::error::RecvError;

use super::bus::{Delivery, Heard, Listener};
use super::{AccessSignals, MemberEvent};
use crate::clock;
use crate::error::AppError;
use crate::viewer::TOKEN_EXPIRED;

/// How often access is checked even without a signal: the safety net for changes the
/// server's own writes did not announce.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);

/// What a subscription reacts to next.
enum Step<M> {
    /// A message on the topic, with the delivery it came in.
    Message(M, Arc<Delivery>),
    /// Messages may have been missed (she fell behind, or the bus lost Redis for a
    /// while): start again from what is stored.
    Missed,
    /// What she may read may have changed: check again.
    Recheck,
    /// Her access token expired.
    Expired,
}

/// Waits for the next access signal on a member topic (which also carries her
/// notifications); a missed message counts as a signal.
async fn next_signal(access: &mut Option<Listener<AccessSignals>>) -> Option<()> {
    let Some(signals) = access else {
        return std::future::pending().await;
    };
    loop {
        match signals.recv().await {
            Ok(Heard::Message(MemberEvent::Notification(_), _)) => {}
            Ok(Heard::Message(MemberEvent::AccessChanged, _) | Heard::Resync) | Err(RecvError::Lagged(_)) => {
                return Some(());
            }
            Err(RecvError::Closed) => return None,
        }
    }
}

/// What one reader's live subscription makes of each step.
pub trait Follower<M>: Send {
    /// What she is sent.
    type Item: Send;
    /// Checks against the database that she may still read what she follows.
    fn recheck(&mut self) -> impl Future<Output = Result<(), AppError>> + Send;
    /// What she is sent when messages may have been missed.
    fn missed(&mut self) -> impl Future<Output = Result<Option<Self::Item>, AppError>> + Send;
    /// What `message` (which came in `delivery`) means for her, if anything.
    fn message(
        &mut self,
        message: M,
        delivery: Arc<Delivery>,
    ) -> impl Future<Output = Result<Option<Self::Item>, AppError>> + Send;
}

/// What `follower` is sent as the steps of `live` come (see [`steps`]); the stream ends
/// after the first error (her access lost, her token expired), which it carries.
pub fn follow<M, F>(
    mut follower: F,
    live: Listener<M>,
    access: Option<Listener<AccessSignals>>,
    expires_at: DateTime<Utc>,
) -> impl Stream<Item = Result<F::Item, AppError>>
where
    M: DeserializeOwned + Send + 'static,
    F: Follower<M>,
{
    async_stream::stream! {
        let steps = steps(live, access, expires_at);
        futures_util::pin_mut!(steps);
        while let Some(step) = steps.next().await {
            let sent = match step {
                Step::Expired => Err(AppError::Unauthenticated(TOKEN_EXPIRED)),
                // Rare steps are boxed, keeping an idle subscription small.
                Step::Recheck => Box::pin(follower.recheck()).await.map(|()| None),
                Step::Missed => Box::pin(follower.missed()).await,
                Step::Message(message, delivery) => follower.message(message, delivery).await,
            };
            match sent {
                Ok(Some(item)) => yield Ok(item),
                Ok(None) => {}
                Err(error) => { yield Err(error); return; }
            }
        }
    }
}

/// The steps of a subscription to `live`. `access` carries the subscriber's
/// access-changed signals (her member topic; `None` when `live` is that topic itself);
/// a token expiring at `expires_at` ends the steps with `Expired`. Signals and expiry
/// are taken before messages waiting beside them, so a message that arrives after a
/// revocation's signal is not delivered. (Across instances, a message published in the
/// milliseconds between a revocation's commit and its signal still can be.)
fn steps<M: DeserializeOwned>(
    mut live: Listener<M>,
    mut access: Option<Listener<AccessSignals>>,
    expires_at: DateTime<Utc>,
) -> impl Stream<Item = Step<M>> {
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
                heard = live.recv() => match heard {
                    Ok(Heard::Message(message, delivery)) => Step::Message(message, delivery),
                    Ok(Heard::Resync) | Err(RecvError::Lagged(_)) => Step::Missed,
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
