//! The realtime bus: writes publish what changed, after their transaction commits, and
//! subscriptions listen by topic. Messages are JSON so a Redis backend can carry them
//! unchanged between instances; this is the in-process bus of the embedded mode. Each
//! subscriber has a bounded buffer: one that falls behind is told to resync.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;
use tokio::sync::broadcast;

/// Messages a subscriber may fall behind by before it is told to resync.
const SUBSCRIBER_BUFFER: usize = 256;

/// Publishes and delivers messages by topic.
#[derive(Clone, Default)]
pub struct Bus {
    topics: Arc<Mutex<HashMap<String, broadcast::Sender<Arc<Value>>>>>,
}

/// The topic of a thread's changes.
pub fn thread_topic(thread_id: uuid::Uuid) -> String {
    format!("thread:{thread_id}")
}

impl Bus {
    /// Delivers `message` to everyone subscribed to `topic` now.
    pub fn publish(&self, topic: &str, message: Value) {
        let Ok(mut topics) = self.topics.lock() else {
            return;
        };
        // A topic whose last subscriber left is forgotten on its next message.
        if let Some(sender) = topics.get(topic)
            && sender.send(Arc::new(message)).is_err()
        {
            topics.remove(topic);
        }
    }

    /// Starts listening to `topic`.
    pub fn subscribe(&self, topic: &str) -> broadcast::Receiver<Arc<Value>> {
        let mut topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        topics.entry(topic.to_owned()).or_insert_with(|| broadcast::channel(SUBSCRIBER_BUFFER).0).subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_get_what_is_published_on_their_topic_only() {
        let bus = Bus::default();
        let mut thread_a = bus.subscribe("thread:a");
        let mut thread_b = bus.subscribe("thread:b");
        bus.publish("thread:a", serde_json::json!({ "n": 1 }));
        assert_eq!(*thread_a.recv().await.unwrap(), serde_json::json!({ "n": 1 }));
        assert!(thread_b.try_recv().is_err());
    }

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_told_so() {
        let bus = Bus::default();
        let mut slow = bus.subscribe("thread:a");
        for n in 0..=SUBSCRIBER_BUFFER {
            bus.publish("thread:a", serde_json::json!(n));
        }
        assert!(matches!(slow.recv().await, Err(broadcast::error::RecvError::Lagged(_))));
    }
}
