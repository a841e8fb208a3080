//! The realtime bus: writes publish what changed, after their transaction commits, and
//! subscriptions listen by topic. In embedded mode it is in-process. With Redis, every
//! message goes through Redis pub/sub — one shared subscriber connection per process,
//! multiplexing all topics — so a change made on one instance reaches subscribers on
//! every instance; when that connection drops it reconnects, resubscribes, and tells
//! local subscribers to resync. Each subscriber has a bounded buffer: one that falls
//! behind is told to resync too.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::StreamExt;
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use serde_json::{Value, json};
use tokio::sync::{broadcast, mpsc, oneshot};

/// Messages a subscriber may fall behind by before it is told to resync.
const SUBSCRIBER_BUFFER: usize = 256;
/// Redis channels are named `village:<topic>`.
const CHANNEL_PREFIX: &str = "village:";
const RECONNECT_DELAY: Duration = Duration::from_millis(500);
/// How long a new subscription waits for Redis to confirm it.
const SUBSCRIBE_TIMEOUT: Duration = Duration::from_secs(2);

type Topics = Arc<Mutex<HashMap<String, broadcast::Sender<Arc<Value>>>>>;

/// Publishes and delivers messages by topic.
#[derive(Clone, Default)]
pub struct Bus {
    topics: Topics,
    redis: Option<RedisLink>,
}

#[derive(Clone)]
struct RedisLink {
    publisher: ConnectionManager,
    /// Topics the shared subscriber connection should add, each with a signal for when
    /// Redis confirmed the subscription.
    subscribe: mpsc::UnboundedSender<(String, oneshot::Sender<()>)>,
}

/// The topic of a thread's changes.
pub fn thread_topic(thread_id: uuid::Uuid) -> String {
    format!("thread:{thread_id}")
}

/// The message a subscriber gets when messages may have been missed.
pub fn resync_message() -> Value {
    json!({ "kind": "RESYNC" })
}

fn deliver(topics: &Topics, topic: &str, message: Value) {
    let mut topics = topics.lock().unwrap_or_else(PoisonError::into_inner);
    // A topic whose last subscriber left is forgotten on its next message.
    if let Some(sender) = topics.get(topic)
        && sender.send(Arc::new(message)).is_err()
    {
        topics.remove(topic);
    }
}

impl Bus {
    /// A bus over Redis pub/sub at `client`, publishing through `publisher`.
    pub fn redis(client: redis::Client, publisher: ConnectionManager) -> Self {
        let topics = Topics::default();
        let (subscribe, requests) = mpsc::unbounded_channel();
        tokio::spawn(listen(client, Arc::clone(&topics), requests));
        Self { topics, redis: Some(RedisLink { publisher, subscribe }) }
    }

    /// Delivers `message` to everyone subscribed to `topic`, on every instance.
    pub async fn publish(&self, topic: &str, message: Value) {
        let Some(redis) = &self.redis else {
            deliver(&self.topics, topic, message);
            return;
        };
        let mut publisher = redis.publisher.clone();
        let channel = format!("{CHANNEL_PREFIX}{topic}");
        if let Err(error) = publisher.publish::<_, _, ()>(channel, message.to_string()).await {
            // Subscribers resume by cursor; the write itself is committed.
            tracing::warn!(%error, topic, "could not publish a realtime update");
        }
    }

    /// Starts listening to `topic`; with Redis, returns once Redis confirmed the
    /// subscription, so nothing published afterwards is missed.
    pub async fn subscribe(&self, topic: &str) -> broadcast::Receiver<Arc<Value>> {
        let (receiver, confirmed) = {
            let mut topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(sender) = topics.get(topic) {
                return sender.subscribe();
            }
            let (sender, receiver) = broadcast::channel(SUBSCRIBER_BUFFER);
            topics.insert(topic.to_owned(), sender);
            let Some(redis) = &self.redis else {
                return receiver;
            };
            let (confirm, confirmed) = oneshot::channel();
            let _ = redis.subscribe.send((topic.to_owned(), confirm));
            (receiver, confirmed)
        };
        // Without a confirmation (Redis down) the reconnect resubscribes and sends RESYNC.
        let _ = tokio::time::timeout(SUBSCRIBE_TIMEOUT, confirmed).await;
        receiver
    }
}

/// The shared subscriber connection: subscribes to every topic with local subscribers,
/// hands messages to them, and reconnects for ever.
async fn listen(
    client: redis::Client,
    topics: Topics,
    mut requests: mpsc::UnboundedReceiver<(String, oneshot::Sender<()>)>,
) {
    loop {
        match client.get_async_pubsub().await {
            Ok(pubsub) => {
                serve_connection(pubsub, &topics, &mut requests).await;
                tracing::warn!("realtime Redis connection lost; reconnecting");
            }
            Err(error) => tracing::warn!(%error, "cannot reach Redis for realtime updates"),
        }
        if requests.is_closed() {
            return;
        }
        // Whatever was published meanwhile is lost to this instance: tell subscribers.
        let current: Vec<String> = topics.lock().unwrap_or_else(PoisonError::into_inner).keys().cloned().collect();
        for topic in current {
            deliver(&topics, &topic, resync_message());
        }
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

async fn serve_connection(
    pubsub: redis::aio::PubSub,
    topics: &Topics,
    requests: &mut mpsc::UnboundedReceiver<(String, oneshot::Sender<()>)>,
) {
    let (mut sink, mut messages) = pubsub.split();
    let current: Vec<String> = topics.lock().unwrap_or_else(PoisonError::into_inner).keys().cloned().collect();
    for topic in current {
        if sink.subscribe(format!("{CHANNEL_PREFIX}{topic}")).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            request = requests.recv() => {
                let Some((topic, confirm)) = request else { return };
                if sink.subscribe(format!("{CHANNEL_PREFIX}{topic}")).await.is_err() {
                    return;
                }
                let _ = confirm.send(());
            }
            message = messages.next() => {
                let Some(message) = message else { return };
                let channel = message.get_channel_name().to_owned();
                let Some(topic) = channel.strip_prefix(CHANNEL_PREFIX) else { continue };
                let Ok(payload) = message.get_payload::<String>() else { continue };
                if let Ok(value) = serde_json::from_str(&payload) {
                    deliver(topics, topic, value);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_get_what_is_published_on_their_topic_only() {
        let bus = Bus::default();
        let mut thread_a = bus.subscribe("thread:a").await;
        let mut thread_b = bus.subscribe("thread:b").await;
        bus.publish("thread:a", json!({ "n": 1 })).await;
        assert_eq!(*thread_a.recv().await.unwrap(), json!({ "n": 1 }));
        assert!(thread_b.try_recv().is_err());
    }

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_told_so() {
        let bus = Bus::default();
        let mut slow = bus.subscribe("thread:a").await;
        for n in 0..=SUBSCRIBER_BUFFER {
            bus.publish("thread:a", json!(n)).await;
        }
        assert!(matches!(slow.recv().await, Err(broadcast::error::RecvError::Lagged(_))));
    }
}
