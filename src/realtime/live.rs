//! The rhythm every live subscription follows: a message from the bus, a missed-messages
//! signal, or a periodic tick on which the subscriber's access is checked again.

use std::sync::Arc;
use std::time::Duration;

use futures_util::Stream;
use serde_json::Value;
use tokio::sync::broadcast::{self, error::RecvError};

/// What a subscription reacts to next.
pub enum Step {
    /// Time to check the subscriber's access again.
    Recheck,
    /// Something was published on the topic.
    Message(Arc<Value>),
    /// The subscriber fell behind and missed messages.
    Lagged,
}

/// The steps of a subscription to `live`, with a recheck every `every`; ends when the
/// bus goes away.
pub fn steps(mut live: broadcast::Receiver<Arc<Value>>, every: Duration) -> impl Stream<Item = Step> {
    async_stream::stream! {
        let mut recheck = tokio::time::interval(every);
        loop {
            let step = tokio::select! {
                _ = recheck.tick() => Step::Recheck,
                message = live.recv() => match message {
                    Ok(message) => Step::Message(message),
                    Err(RecvError::Lagged(_)) => Step::Lagged,
                    Err(RecvError::Closed) => return,
                },
            };
            yield step;
        }
    }
}
