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
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::StreamExt;
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::{OnceCell, broadcast, mpsc, oneshot};

/// Redis channels are named `village:<topic>`.
const CHANNEL_PREFIX: &str = "village:";
const RECONNECT_DELAY: Duration = Duration::from_millis(500);
/// How long a new subscription waits for Redis to confirm it.
const SUBSCRIBE_TIMEOUT: Duration = Duration::from_secs(2);

type Topics = Arc<Mutex<HashMap<String, broadcast::Sender<Arc<Delivery>>>>>;

/// A stream of changes of type `M` that subscribers listen to, with how many messages
/// a subscriber may fall behind by before she is told to resync. Each feature names its
/// own topics and the type of their messages.
pub struct Topic<M> {
    name: String,
    buffer: usize,
    message: PhantomData<fn() -> M>,
}

impl<M> Topic<M> {
    /// The topic `name` (unique across features, e.g. `thread:<id>`), buffering `buffer`
    /// messages per subscriber.
    pub fn new(name: String, buffer: usize) -> Self {
        Self { name, buffer, message: PhantomData }
    }
}

impl<M> Clone for Topic<M> {
    fn clone(&self) -> Self {
        Self::new(self.name.clone(), self.buffer)
    }
}

impl<M> std::fmt::Debug for Topic<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Topic").field("name", &self.name).finish_non_exhaustive()
    }
}

/// A message as subscribers receive it: what was published (as it travels, JSON), or
/// word that messages may have been missed.
pub struct Delivery {
    body: Value,
    resync: bool,
    shared: OnceCell<Arc<dyn Any + Send + Sync>>,
}

/// What a listener heard.
pub enum Heard<M> {
    /// A message, with the delivery it came in (for [`Delivery::shared`]).
    Message(M, Arc<Delivery>),
    /// Messages may have been missed (the bus lost Redis for a while, or one could not
    /// be read): start again from what is stored.
    Resync,
}

impl Delivery {
    fn new(body: Value) -> Arc<Self> {
        Arc::new(Self { body, resync: false, shared: OnceCell::new() })
    }

    fn resync() -> Arc<Self> {
        Arc::new(Self { body: Value::Null, resync: true, shared: OnceCell::new() })
    }

    /// The message as an `M`; a body that is not one (a newer version's?) is logged and
    /// heard as a resync.
    fn heard<M: DeserializeOwned>(self: Arc<Self>) -> Heard<M> {
        if self.resync {
            return Heard::Resync;
        }
        match M::deserialize(&self.body) {
            Ok(message) => Heard::Message(message, self),
            Err(error) => {
                tracing::warn!(%error, "a realtime message could not be read; resyncing");
                Heard::Resync
            }
        }
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

/// One subscriber's place on a topic of `M`s. Dropping it leaves the topic, and the
/// last to leave forgets it.
pub struct Listener<M> {
    /// Taken (and dropped) only when the listener leaves, under the topics' lock.
    receiver: Option<broadcast::Receiver<Arc<Delivery>>>,
    topics: Topics,
    name: String,
    redis: Option<mpsc::UnboundedSender<Request>>,
    message: PhantomData<fn() -> M>,
}

impl<M: DeserializeOwned> Listener<M> {
    /// The next message, or how many were missed ([`RecvError::Lagged`]).
    pub async fn recv(&mut self) -> Result<Heard<M>, RecvError> {
        match self.receiver.as_mut() {
            Some(receiver) => receiver.recv().await.map(Delivery::heard),
            None => Err(RecvError::Closed),
        }
    }

    /// The next message if one is waiting, without waiting for one.
    pub fn try_recv(&mut self) -> Option<Result<Heard<M>, RecvError>> {
        let receiver = self.receiver.as_mut()?;
        match receiver.try_recv() {
            Ok(delivery) => Some(Ok(Delivery::heard(delivery))),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Lagged(missed)) => Some(Err(RecvError::Lagged(missed))),
            Err(TryRecvError::Closed) => Some(Err(RecvError::Closed)),
        }
    }
}

impl<M> Drop for Listener<M> {
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

fn deliver(topics: &Topics, topic: &str, delivery: Arc<Delivery>) {
    let topics = topics.lock().unwrap_or_else(PoisonError::into_inner);
    // A topic is in the map only while it has listeners (the last one removes it).
    if let Some(sender) = topics.get(topic) {
        let _ = sender.send(delivery);
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
    pub async fn publish<M: Serialize>(&self, topic: &Topic<M>, message: &M) {
        let body = match serde_json::to_value(message) {
            Ok(body) => body,
            Err(error) => return tracing::error!(%error, topic = topic.name, "cannot encode a realtime update"),
        };
        let Some(redis) = &self.redis else {
            deliver(&self.topics, &topic.name, Delivery::new(body));
            return;
        };
        let mut publisher = redis.publisher.clone();
        let channel = format!("{CHANNEL_PREFIX}{}", topic.name);
        if let Err(error) = publisher.publish::<_, _, ()>(channel, body.to_string()).await {
            // Subscribers resume by cursor; the write itself is committed.
            tracing::warn!(%error, topic = topic.name, "could not publish a realtime update");
        }
    }

    /// Starts listening to `topic`; with Redis, returns once Redis confirmed the
    /// subscription, so nothing published afterwards is missed.
    pub async fn subscribe<M>(&self, topic: &Topic<M>) -> Listener<M> {
        let redis = self.redis.as_ref().map(|redis| redis.requests.clone());
        let listener = |receiver| Listener {
            receiver: Some(receiver),
            topics: Arc::clone(&self.topics),
            name: topic.name.clone(),
            redis: redis.clone(),
            message: PhantomData,
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
        // Without a confirmation (Redis down) the reconnect resubscribes and resyncs.
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
        deliver(topics, &topic, Delivery::resync());
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
                if let Ok(body) = serde_json::from_str(&payload) {
                    deliver(topics, topic, Delivery::new(body));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn topic<M>(buffer: usize) -> Topic<M> {
        Topic::new(format!("test:{}", Uuid::now_v7()), buffer)
    }

    async fn next(listener: &mut Listener<u32>) -> Option<u32> {
        match listener.recv().await {
            Ok(Heard::Message(n, _)) => Some(n),
            _ => None,
        }
    }

    #[tokio::test]
    async fn subscribers_get_what_is_published_on_their_topic_only() {
        let bus = Bus::default();
        let (a, b) = (topic::<u32>(8), topic::<u32>(8));
        let mut thread_a = bus.subscribe(&a).await;
        let mut thread_b = bus.subscribe(&b).await;
        bus.publish(&a, &1).await;
        assert_eq!(next(&mut thread_a).await, Some(1));
        let nothing = tokio::time::timeout(Duration::from_millis(50), thread_b.recv()).await;
        assert!(nothing.is_err(), "nothing arrived on the other topic");
    }

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_told_so() {
        let bus = Bus::default();
        let topic = topic::<u32>(16);
        let mut slow = bus.subscribe(&topic).await;
        for n in 0..=16 {
            bus.publish(&topic, &n).await;
        }
        assert!(matches!(slow.recv().await, Err(RecvError::Lagged(_))));
    }

    #[tokio::test]
    async fn a_message_of_another_shape_is_heard_as_a_resync() {
        let bus = Bus::default();
        let numbers = topic::<u32>(8);
        let mut listener = bus.subscribe(&numbers).await;
        bus.publish(&Topic::<&str>::new(numbers.name.clone(), 8), &"not a number").await;
        assert!(matches!(listener.recv().await, Ok(Heard::Resync)));
    }

    #[tokio::test]
    async fn what_one_subscriber_loads_for_a_message_the_others_share() {
        let bus = Bus::default();
        let topic = topic::<u32>(8);
        let (mut first, mut second) = (bus.subscribe(&topic).await, bus.subscribe(&topic).await);
        bus.publish(&topic, &1).await;
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok::<_, anyhow::Error>(String::from("the reply"))
        };
        let (Ok(Heard::Message(_, a)), Ok(Heard::Message(_, b))) = (first.recv().await, second.recv().await) else {
            panic!("both heard the message");
        };
        let (a, b) = (a.shared(load).await.unwrap(), b.shared(load).await.unwrap());
        assert_eq!((a.as_str(), b.as_str()), ("the reply", "the reply"));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_topic_is_forgotten_when_its_last_listener_leaves() {
        let bus = Bus::default();
        let topic = topic::<u32>(8);
        let first = bus.subscribe(&topic).await;
        let second = bus.subscribe(&topic).await;
        assert_eq!(bus.topic_count(), 1);

        drop(first);
        assert_eq!(bus.topic_count(), 1, "one listener is left");
        drop(second);
        assert_eq!(bus.topic_count(), 0);
    }
}
