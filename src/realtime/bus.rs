//! The realtime bus: writes publish what changed, after their transaction commits, and
//! subscriptions listen by topic. In embedded mode it is in-process. With Redis, every
//! message goes through Redis pub/sub — one shared subscriber connection per process,
//! multiplexing all topics — so a change made on one instance reaches subscribers on
//! every instance; when that connection drops it reconnects, resubscribes, and tells
//! local subscribers to resync. Each subscriber has a bounded buffer: one that falls
//! behind is told to resync too. A delivered message has room for what one subscriber
//! loads on behalf of all the others in the process, so a reply read for 5 000
//! subscribers is read once. A topic lives while someone listens: when its last
//! [`Listener`] goes (the subscription ended, failed its access check, or the client
//! left), the topic is forgotten and, with Redis, unsubscribed.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::StreamExt;
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use serde_json::{Value, json};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{OnceCell, broadcast, mpsc, oneshot};
use uuid::Uuid;

/// Redis channels are named `village:<topic>`.
const CHANNEL_PREFIX: &str = "village:";
const RECONNECT_DELAY: Duration = Duration::from_millis(500);
/// How long a new subscription waits for Redis to confirm it.
const SUBSCRIBE_TIMEOUT: Duration = Duration::from_secs(2);

type Topics = Arc<Mutex<HashMap<String, broadcast::Sender<Arc<Delivery>>>>>;

/// A stream of changes subscribers listen to, with how many messages a subscriber may
/// fall behind by before she is told to resync.
#[derive(Debug, Clone)]
pub struct Topic {
    name: String,
    buffer: usize,
}

impl Topic {
    /// A thread's replies and changes: busy, and shared by every reader of the thread.
    pub fn thread(thread_id: Uuid) -> Self {
        Self { name: format!("thread:{thread_id}"), buffer: 256 }
    }

    /// A group's activity.
    pub fn group(group_id: Uuid) -> Self {
        Self { name: format!("group:{group_id}"), buffer: 64 }
    }

    /// One member's own stream: her notifications and changes to what she may read.
    /// Quiet and kept by each of her connections, so its buffer is small.
    pub fn member(member_id: Uuid) -> Self {
        Self { name: format!("member:{member_id}"), buffer: 16 }
    }
}

/// A message as subscribers receive it.
pub struct Delivery {
    /// What was published.
    pub body: Value,
    shared: OnceCell<Arc<dyn Any + Send + Sync>>,
}

impl Delivery {
    fn new(body: Value) -> Arc<Self> {
        Arc::new(Self { body, shared: OnceCell::new() })
    }

    /// What `load` makes of this message, loaded by the first subscriber in the process
    /// who asks and shared with the rest; a failed load is tried again by the next.
    pub async fn shared<T, E, F>(&self, load: impl FnOnce() -> F) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        E: From<anyhow::Error>,
        F: Future<Output = Result<T, E>>,
    {
        let loaded = self
            .shared
            .get_or_try_init(|| async { load().await.map(|value| Arc::new(value) as Arc<dyn Any + Send + Sync>) })
            .await?;
        Arc::clone(loaded).downcast::<T>().map_err(|_| anyhow::anyhow!("a bus message was shared as two types").into())
    }
}

/// Publishes and delivers messages by topic.
#[derive(Clone, Default)]
pub struct Bus {
    topics: Topics,
    redis: Option<RedisLink>,
}

#[derive(Clone)]
struct RedisLink {
    publisher: ConnectionManager,
    /// Changes to the topics the shared subscriber connection listens to.
    requests: mpsc::UnboundedSender<Request>,
}

/// A change to the shared subscriber connection's topics.
enum Request {
    /// Listen to a topic; the sender is told once Redis confirmed it.
    Subscribe(String, oneshot::Sender<()>),
    /// Stop listening to a topic nobody here listens to any more.
    Unsubscribe(String),
}

/// One subscriber's place on a topic. Dropping it leaves the topic, and the last to
/// leave forgets it.
pub struct Listener {
    /// Taken (and dropped) only when the listener leaves, under the topics' lock.
    receiver: Option<broadcast::Receiver<Arc<Delivery>>>,
    topics: Topics,
    name: String,
    redis: Option<mpsc::UnboundedSender<Request>>,
}

impl Listener {
    /// The next message, or how many were missed ([`RecvError::Lagged`]).
    pub async fn recv(&mut self) -> Result<Arc<Delivery>, RecvError> {
        match self.receiver.as_mut() {
            Some(receiver) => receiver.recv().await,
            None => Err(RecvError::Closed),
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let mut topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        // The receiver goes and the count is read under one lock: of two listeners
        // leaving at once, the second sees none left; a new one cannot join between.
        drop(self.receiver.take());
        let last = topics.get(&self.name).is_some_and(|sender| sender.receiver_count() == 0);
        if last {
            topics.remove(&self.name);
            if let Some(redis) = &self.redis {
                let _ = redis.send(Request::Unsubscribe(self.name.clone()));
            }
        }
    }
}

/// The kind of the message a subscriber gets when messages may have been missed.
pub const RESYNC: &str = "RESYNC";

fn resync_message() -> Value {
    json!({ "kind": RESYNC })
}

fn deliver(topics: &Topics, topic: &str, message: Value) {
    let topics = topics.lock().unwrap_or_else(PoisonError::into_inner);
    // A topic is in the map only while it has listeners (the last one removes it).
    if let Some(sender) = topics.get(topic) {
        let _ = sender.send(Delivery::new(message));
    }
}

impl Bus {
    /// A bus over Redis pub/sub at `client`, publishing through `publisher`.
    pub fn redis(client: redis::Client, publisher: ConnectionManager) -> Self {
        let topics = Topics::default();
        let (requests, received) = mpsc::unbounded_channel();
        tokio::spawn(listen(client, Arc::clone(&topics), received));
        Self { topics, redis: Some(RedisLink { publisher, requests }) }
    }

    /// How many topics have listeners in this process (for /metrics).
    pub fn topic_count(&self) -> usize {
        self.topics.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Delivers `message` to everyone subscribed to `topic`, on every instance.
    pub async fn publish(&self, topic: &Topic, message: Value) {
        let Some(redis) = &self.redis else {
            deliver(&self.topics, &topic.name, message);
            return;
        };
        let mut publisher = redis.publisher.clone();
        let channel = format!("{CHANNEL_PREFIX}{}", topic.name);
        if let Err(error) = publisher.publish::<_, _, ()>(channel, message.to_string()).await {
            // Subscribers resume by cursor; the write itself is committed.
            tracing::warn!(%error, topic = topic.name, "could not publish a realtime update");
        }
    }

    /// Starts listening to `topic`; with Redis, returns once Redis confirmed the
    /// subscription, so nothing published afterwards is missed.
    pub async fn subscribe(&self, topic: &Topic) -> Listener {
        let redis = self.redis.as_ref().map(|redis| redis.requests.clone());
        let listener = |receiver| Listener {
            receiver: Some(receiver),
            topics: Arc::clone(&self.topics),
            name: topic.name.clone(),
            redis: redis.clone(),
        };
        let (listener, confirmed) = {
            let mut topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(sender) = topics.get(&topic.name) {
                return listener(sender.subscribe());
            }
            let (sender, receiver) = broadcast::channel(topic.buffer);
            topics.insert(topic.name.clone(), sender);
            let Some(redis) = &redis else {
                return listener(receiver);
            };
            let (confirm, confirmed) = oneshot::channel();
            let _ = redis.send(Request::Subscribe(topic.name.clone(), confirm));
            (listener(receiver), confirmed)
        };
        // Without a confirmation (Redis down) the reconnect resubscribes and sends RESYNC.
        let _ = tokio::time::timeout(SUBSCRIBE_TIMEOUT, confirmed).await;
        listener
    }
}

/// The shared subscriber connection: subscribes to every topic with local subscribers,
/// hands messages to them, and reconnects for ever.
async fn listen(client: redis::Client, topics: Topics, mut requests: mpsc::UnboundedReceiver<Request>) {
    let mut after_outage = false;
    loop {
        match client.get_async_pubsub().await {
            Ok(pubsub) => {
                serve_connection(pubsub, &topics, &mut requests, after_outage).await;
                tracing::warn!("realtime Redis connection lost; reconnecting");
            }
            Err(error) => tracing::warn!(%error, "cannot reach Redis for realtime updates"),
        }
        if requests.is_closed() {
            return;
        }
        // Whatever is published meanwhile is lost to this instance: tell subscribers now,
        // and again once resubscribed (the gap is closed only then).
        resync_all(&topics);
        after_outage = true;
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

/// Tells every local subscriber that messages may have been missed.
fn resync_all(topics: &Topics) {
    let current: Vec<String> = topics.lock().unwrap_or_else(PoisonError::into_inner).keys().cloned().collect();
    for topic in current {
        deliver(topics, &topic, resync_message());
    }
}

async fn serve_connection(
    pubsub: redis::aio::PubSub,
    topics: &Topics,
    requests: &mut mpsc::UnboundedReceiver<Request>,
    after_outage: bool,
) {
    let (mut sink, mut messages) = pubsub.split();
    let current: Vec<String> = topics.lock().unwrap_or_else(PoisonError::into_inner).keys().cloned().collect();
    for topic in current {
        if sink.subscribe(format!("{CHANNEL_PREFIX}{topic}")).await.is_err() {
            return;
        }
    }
    if after_outage {
        resync_all(topics);
    }
    loop {
        tokio::select! {
            request = requests.recv() => match request {
                None => return,
                Some(Request::Subscribe(topic, confirm)) => {
                    if sink.subscribe(format!("{CHANNEL_PREFIX}{topic}")).await.is_err() {
                        return;
                    }
                    let _ = confirm.send(());
                }
                Some(Request::Unsubscribe(topic)) => {
                    // A listener may have come back since: then the topic stays.
                    let listened = topics.lock().unwrap_or_else(PoisonError::into_inner).contains_key(&topic);
                    if !listened && sink.unsubscribe(format!("{CHANNEL_PREFIX}{topic}")).await.is_err() {
                        return;
                    }
                }
            },
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
        let (a, b) = (Topic::thread(Uuid::now_v7()), Topic::thread(Uuid::now_v7()));
        let mut thread_a = bus.subscribe(&a).await;
        let mut thread_b = bus.subscribe(&b).await;
        bus.publish(&a, json!({ "n": 1 })).await;
        assert_eq!(thread_a.recv().await.unwrap().body, json!({ "n": 1 }));
        let nothing = tokio::time::timeout(Duration::from_millis(50), thread_b.recv()).await;
        assert!(nothing.is_err(), "nothing arrived on the other topic");
    }

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_told_so() {
        let bus = Bus::default();
        let topic = Topic::member(Uuid::now_v7());
        let mut slow = bus.subscribe(&topic).await;
        for n in 0..=topic.buffer {
            bus.publish(&topic, json!(n)).await;
        }
        assert!(matches!(slow.recv().await, Err(RecvError::Lagged(_))));
    }

    #[tokio::test]
    async fn what_one_subscriber_loads_for_a_message_the_others_share() {
        let bus = Bus::default();
        let topic = Topic::thread(Uuid::now_v7());
        let (mut first, mut second) = (bus.subscribe(&topic).await, bus.subscribe(&topic).await);
        bus.publish(&topic, json!({ "replyId": 1 })).await;
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok::<_, anyhow::Error>(String::from("the reply"))
        };
        let a = first.recv().await.unwrap().shared(load).await.unwrap();
        let b = second.recv().await.unwrap().shared(load).await.unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("the reply", "the reply"));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_topic_is_forgotten_when_its_last_listener_leaves() {
        let bus = Bus::default();
        let topic = Topic::thread(Uuid::now_v7());
        let first = bus.subscribe(&topic).await;
        let second = bus.subscribe(&topic).await;
        assert_eq!(bus.topic_count(), 1);

        drop(first);
        assert_eq!(bus.topic_count(), 1, "one listener is left");
        drop(second);
        assert_eq!(bus.topic_count(), 0);
    }
}
