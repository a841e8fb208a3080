//! The live scenarios, against servers in their own processes. Fan-out: thousands of
//! subscribers on one thread while replies are posted at a steady rate — delivery
//! latency from the moment a reply is sent to the moment each subscriber has parsed
//! it, and how many deliveries were lost or repeated. Idle: thousands of connections
//! with one subscription each — the server's resident memory per connection.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::child::{ServerProcess, Storage, cpu_time_of};
use crate::seeding;

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// What a live scenario runs against and how hard.
pub struct LiveConfig {
    pub subscribers: usize,
    pub replies_per_second: u32,
    pub seconds: u64,
    pub instances: usize,
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
}

/// What each subscriber asks for: a mobile client's thread view.
const UPDATES: &str = "subscription($t: ID!, $after: String) { threadUpdates(threadId: $t, after: $after) { \
                       kind cursor reply { id body createdAt author { id displayName } \
                       reactions { reaction count reactedByMe } } } }";
/// Connections opened at once while setting up.
const OPENING_CONCURRENCY: usize = 64;
/// Subscriptions started at once, then a pause: a steady arrival rather than one
/// storm, whose transient peak would stay in the server's resident memory.
const SUBSCRIBE_WAVE: usize = 100;
const SUBSCRIBE_PAUSE: Duration = Duration::from_millis(50);
/// How long stragglers get after the last reply before they count as lost.
const DRAIN: Duration = Duration::from_secs(10);
const WARM_UP_BODY: &str = "warm-up";

/// Servers, members and a thread with one reply to resume after.
struct Stage {
    servers: Vec<ServerProcess>,
    readers: Vec<String>,
    author: String,
    thread: String,
    resume_after: String,
    http: reqwest::Client,
    _storage: Storage,
}

impl Stage {
    async fn set_up(config: &LiveConfig, readers: usize) -> anyhow::Result<Self> {
        if config.instances > 1 && config.redis_url.is_none() {
            bail!("more than one instance needs --redis-url (instances share updates through Redis)");
        }
        let storage = Storage::new(config.database_url.clone(), config.redis_url.clone()).await?;
        let mut servers = Vec::with_capacity(config.instances);
        for _ in 0..config.instances {
            servers.push(ServerProcess::start(&storage).await?);
        }
        let settings = storage.settings()?;
        let mut readers = seeding::members_with_sessions(&settings, readers + 1).await?;
        let author = readers.pop().context("no author")?;
        let http = reqwest::Client::new();
        let mut stage = Self {
            servers,
            readers,
            author,
            thread: String::new(),
            resume_after: String::new(),
            http,
            _storage: storage,
        };
        stage.start_thread().await?;
        Ok(stage)
    }

    async fn graphql(&self, server: usize, query: &str, variables: Value) -> anyhow::Result<Value> {
        let url = format!("{}/graphql", self.servers[server % self.servers.len()].url);
        let request =
            self.http.post(url).bearer_auth(&self.author).json(&json!({ "query": query, "variables": variables }));
        let answer: Value = request.send().await?.error_for_status()?.json().await?;
        ensure!(answer["errors"].is_null(), "GraphQL errors: {}", answer["errors"]);
        Ok(answer)
    }

    /// A public group with a thread and a first reply; subscribers resume after it, so
    /// a subscription that starts late still gets everything (by replay).
    async fn start_thread(&mut self) -> anyhow::Result<()> {
        let group =
            self.graphql(0, "mutation { createGroup(input: { name: \"Live bench\" }) { id } }", json!({})).await?;
        let group = group["data"]["createGroup"]["id"].as_str().context("group id")?.to_owned();
        let create =
            "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Live\", body: \"Bench\" }) { id } }";
        let thread = self.graphql(0, create, json!({ "g": group })).await?;
        self.thread = thread["data"]["createThread"]["id"].as_str().context("thread id")?.to_owned();
        self.post(0, "first").await?;
        let page = self
            .graphql(
                0,
                "query($t: ID!) { thread(id: $t) { replies { edges { cursor } } } }",
                json!({ "t": self.thread }),
            )
            .await?;
        self.resume_after =
            page["data"]["thread"]["replies"]["edges"][0]["cursor"].as_str().context("cursor")?.to_owned();
        Ok(())
    }

    async fn post(&self, server: usize, body: &str) -> anyhow::Result<()> {
        let query = "mutation($t: ID!, $b: String!) { postReply(input: { threadId: $t, body: $b }) { id } }";
        self.graphql(server, query, json!({ "t": self.thread, "b": body })).await.map(drop)
    }

    /// Opens every reader's connection, spread over the instances.
    async fn open_connections(&self) -> anyhow::Result<Vec<Socket>> {
        let opened: Vec<anyhow::Result<Socket>> = futures_util::stream::iter(self.readers.iter().enumerate())
            .map(|(n, token)| connect(self.servers[n % self.servers.len()].url.clone(), token.clone()))
            .buffer_unordered(OPENING_CONCURRENCY)
            .collect()
            .await;
        opened.into_iter().collect()
    }

    /// Starts `threadUpdates` on every connection.
    async fn subscribe_all(&self, sockets: &mut [Socket]) -> anyhow::Result<()> {
        let variables = json!({ "t": self.thread, "after": self.resume_after });
        let subscribe =
            json!({ "id": "1", "type": "subscribe", "payload": { "query": UPDATES, "variables": variables } });
        let subscribe = Utf8Bytes::from(subscribe.to_string());
        for wave in sockets.chunks_mut(SUBSCRIBE_WAVE) {
            for socket in wave {
                socket.send(Message::Text(subscribe.clone())).await?;
            }
            tokio::time::sleep(SUBSCRIBE_PAUSE).await;
        }
        Ok(())
    }

    /// Opens every reader's connection with its subscription.
    async fn open_subscriptions(&self) -> anyhow::Result<Vec<Socket>> {
        let mut sockets = self.open_connections().await?;
        self.subscribe_all(&mut sockets).await?;
        Ok(sockets)
    }
}

/// A connection acknowledged for the member with `token`.
pub async fn connect(base_url: String, token: String) -> anyhow::Result<Socket> {
    let mut request = format!("{}/graphql", base_url.replace("http", "ws")).into_client_request()?;
    request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static("graphql-transport-ws"));
    let small_buffers = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(4096);
    let (mut socket, _) = tokio_tungstenite::connect_async_with_config(request, Some(small_buffers), false).await?;
    let init = json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } });
    socket.send(Message::text(init.to_string())).await?;
    match socket.next().await {
        Some(Ok(Message::Text(text))) if text.contains("connection_ack") => Ok(socket),
        other => bail!("not acknowledged: {other:?}"),
    }
}

/// When each measured reply was sent, in nanoseconds since the run's start (0: not yet).
struct SendTimes {
    start: Instant,
    sent: Vec<AtomicU64>,
}

impl SendTimes {
    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

/// What one subscriber saw.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    received: Vec<bool>,
    duplicates: usize,
    wrong: usize,
}

/// A message from the server, read only as far as the bench needs (a client cheaper
/// than a full JSON tree leaves more of the shared cores to the server).
#[derive(serde::Deserialize)]
struct Incoming<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default, borrow)]
    payload: Option<Payload<'a>>,
}

#[derive(serde::Deserialize)]
struct Payload<'a> {
    #[serde(default, borrow)]
    data: Option<Data<'a>>,
}

#[derive(serde::Deserialize)]
struct Data<'a> {
    #[serde(rename = "threadUpdates", borrow)]
    thread_updates: Update<'a>,
}

#[derive(serde::Deserialize)]
struct Update<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(default, borrow)]
    reply: Option<ReplyView<'a>>,
}

#[derive(serde::Deserialize)]
struct ReplyView<'a> {
    #[serde(borrow)]
    body: Cow<'a, str>,
    #[serde(default, borrow)]
    author: Option<AuthorView<'a>>,
}

#[derive(serde::Deserialize)]
struct AuthorView<'a> {
    #[serde(rename = "displayName", borrow)]
    display_name: Cow<'a, str>,
}

/// The measured reply `text` stands for, if it is one.
fn sequence_of(body: &str) -> Option<usize> {
    body.strip_prefix("fanout ")?.parse().ok()
}

/// Reads one subscriber's socket until `until`: answers pings, marks the warm-up in
/// `ready`, and times every measured reply.
async fn follow(mut socket: Socket, times: Arc<SendTimes>, ready: Arc<AtomicUsize>, until: Arc<AtomicU64>) -> Seen {
    let mut seen = Seen { received: vec![false; times.sent.len()], ..Seen::default() };
    let mut warmed_up = false;
    loop {
        let deadline = until.load(Ordering::Acquire);
        let left = Duration::from_nanos(deadline.saturating_sub(times.now()));
        if deadline != 0 && left.is_zero() {
            return seen;
        }
        let wait = if deadline == 0 { Duration::from_secs(1) } else { left };
        let text = match tokio::time::timeout(wait, socket.next()).await {
            Err(_) => continue,
            Ok(Some(Ok(Message::Text(text)))) => text,
            Ok(Some(Ok(_))) => continue,
            Ok(_) => return seen,
        };
        let Ok(message) = serde_json::from_str::<Incoming>(&text) else {
            seen.wrong += 1;
            continue;
        };
        if message.kind == "ping" {
            let _ = socket.send(Message::Text(Utf8Bytes::from_static(r#"{"type":"pong"}"#))).await;
            continue;
        }
        let Some(update) = message.payload.and_then(|payload| payload.data).map(|data| data.thread_updates) else {
            continue;
        };
        let Some(reply) = update.reply else { continue };
        if reply.body == WARM_UP_BODY && !warmed_up {
            warmed_up = true;
            ready.fetch_add(1, Ordering::AcqRel);
        }
        let Some(n) = sequence_of(&reply.body).filter(|n| *n < seen.received.len()) else { continue };
        let sent = times.sent[n].load(Ordering::Acquire);
        let authored = reply.author.is_some_and(|author| !author.display_name.is_empty());
        if update.kind != "REPLY_POSTED" || !authored {
            seen.wrong += 1;
        } else if seen.received[n] {
            seen.duplicates += 1;
        } else {
            seen.received[n] = true;
            seen.latencies.push(Duration::from_nanos(times.now().saturating_sub(sent)));
            if seen.latencies.len() == seen.received.len() {
                return seen;
            }
        }
    }
}

/// Every subscriber's reader, with the live count and the stop time they share.
struct Followers {
    ready: Arc<AtomicUsize>,
    until: Arc<AtomicU64>,
    tasks: Vec<tokio::task::JoinHandle<Seen>>,
}

impl Followers {
    fn start(sockets: Vec<Socket>, times: &Arc<SendTimes>) -> Self {
        let (ready, until) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicU64::new(0)));
        let tasks = sockets
            .into_iter()
            .map(|socket| tokio::spawn(follow(socket, Arc::clone(times), Arc::clone(&ready), Arc::clone(&until))))
            .collect();
        Self { ready, until, tasks }
    }

    /// Posts the warm-up reply and waits until every follower has it.
    async fn wait_until_live(&self, stage: &Stage) -> anyhow::Result<()> {
        stage.post(0, WARM_UP_BODY).await?;
        let (started, all) = (Instant::now(), self.tasks.len());
        while self.ready.load(Ordering::Acquire) < all {
            if started.elapsed() > Duration::from_secs(120) {
                bail!("only {} of {all} subscriptions went live", self.ready.load(Ordering::Acquire));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }
}

/// CPU time all server processes have used so far.
fn server_cpu(servers: &[ServerProcess]) -> anyhow::Result<Duration> {
    servers.iter().map(ServerProcess::cpu_time).sum()
}

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else { return 0.0 };
    let rank = ((last as f64) * p).round() as usize;
    sorted[rank.min(last)].as_secs_f64() * 1000.0
}

/// Fan-out: one thread, `subscribers` subscriptions, replies at a steady rate.
pub async fn fanout(config: &LiveConfig) -> anyhow::Result<()> {
    let stage = Stage::set_up(config, config.subscribers).await?;
    let replies = usize::try_from(u64::from(config.replies_per_second) * config.seconds)?;
    let times = Arc::new(SendTimes { start: Instant::now(), sent: (0..replies).map(|_| AtomicU64::new(0)).collect() });
    let followers = Followers::start(stage.open_subscriptions().await?, &times);
    followers.wait_until_live(&stage).await?;

    let stage = Arc::new(stage);
    let cpu_before = server_cpu(&stage.servers)?;
    let bench_cpu_before = cpu_time_of("self")?;
    let posting_started = Instant::now();
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / config.replies_per_second);
    let mut posts = Vec::with_capacity(replies);
    for n in 0..replies {
        ticks.tick().await;
        let (stage, times) = (Arc::clone(&stage), Arc::clone(&times));
        posts.push(tokio::spawn(async move {
            times.sent[n].store(times.now(), Ordering::Release);
            stage.post(n, &format!("fanout {n}")).await
        }));
    }
    let mut failed_posts = 0;
    for post in posts {
        if !matches!(post.await, Ok(Ok(()))) {
            failed_posts += 1;
        }
    }
    let posting = posting_started.elapsed();
    followers.until.store(times.now() + u64::try_from(DRAIN.as_nanos())?, Ordering::Release);

    let (mut latencies, mut delivered, mut duplicates, mut wrong) = (Vec::new(), 0, 0, 0);
    for follower in followers.tasks {
        let seen = follower.await?;
        delivered += seen.received.iter().filter(|r| **r).count();
        duplicates += seen.duplicates;
        wrong += seen.wrong;
        latencies.extend(seen.latencies);
    }
    latencies.sort_unstable();
    let per_delivery = |cpu: Duration| cpu.as_secs_f64() * 1e6 / delivered.max(1) as f64;
    let cpu_per_delivery = per_delivery(server_cpu(&stage.servers)? - cpu_before);
    let bench_cpu_per_delivery = per_delivery(cpu_time_of("self")? - bench_cpu_before);
    let expected = config.subscribers * (replies - failed_posts);
    let memory: Vec<String> = stage
        .servers
        .iter()
        .map(|s| s.resident_bytes().map_or("?".into(), |b| format!("{} MiB", b / (1024 * 1024))))
        .collect();
    println!(
        "| subscribers | instances | replies/s | replies | deliveries | p50 ms | p90 ms | p99 ms | max ms | lost | duplicates | wrong |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {:.1} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {} | {} |",
        config.subscribers,
        config.instances,
        replies as f64 / posting.as_secs_f64(),
        replies,
        delivered,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        expected.saturating_sub(delivered),
        duplicates,
        wrong,
    );
    println!(
        "CPU per delivery: server {cpu_per_delivery:.1} µs, this bench's clients {bench_cpu_per_delivery:.1} µs; \
         failed posts: {failed_posts}; server resident memory at the end: {}",
        memory.join(", ")
    );
    Ok(())
}

/// Idle: `subscribers` connections, then one live subscription on each; the server's
/// resident memory per connection, and what the subscription adds.
pub async fn idle(config: &LiveConfig) -> anyhow::Result<()> {
    let stage = Stage::set_up(config, config.subscribers).await?;
    let server = &stage.servers[0];
    let before = server.resident_bytes()?;
    let mut sockets = stage.open_connections().await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let connected = server.resident_bytes()?;
    stage.subscribe_all(&mut sockets).await?;
    let times = Arc::new(SendTimes { start: Instant::now(), sent: Vec::new() });
    let followers = Followers::start(sockets, &times);
    followers.wait_until_live(&stage).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let subscribed = server.resident_bytes()?;
    let (n, mib, kib) = (config.subscribers as f64, 1024.0 * 1024.0, 1024.0);
    println!(
        "| connections | RSS before MiB | connected MiB | subscribed MiB | KiB per connection | of which the subscription |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
        config.subscribers,
        before as f64 / mib,
        connected as f64 / mib,
        subscribed as f64 / mib,
        subscribed.saturating_sub(before) as f64 / n / kib,
        subscribed.saturating_sub(connected) as f64 / n / kib,
    );
    for follower in followers.tasks {
        follower.abort();
    }
    Ok(())
}
