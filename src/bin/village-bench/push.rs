//! The push pipeline: notifications recorded at a steady rate (each with its push job,
//! as the notification worker records them) for members with one device each, a
//! worker in its own process, and a local push service that answers 201 after a
//! delay, like a real one across the internet. Measures pushes per second end to end,
//! the time from a notification's commit to its push arriving, lost and repeated
//! pushes, the worker's CPU per push — and, apart, payload encryptions per second on
//! one core. With `--mixed-transports` a third of the devices are Android phones (FCM)
//! and a third iPhones (APNs, over HTTP/2), served by the same local service.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use uuid::Uuid;
use village::config::Settings;
use village::db::Db;
use village::notifications::{NewNotification, NotificationKind};

use crate::child::{ServerProcess, Storage};
use crate::live::percentile;
use crate::seeding;

/// How the push pipeline is driven.
pub struct PushConfig {
    pub notifications: usize,
    pub per_second: u32,
    pub service_latency: Duration,
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
    /// Devices spread over Web Push, FCM and APNs (else Web Push only).
    pub mixed_transports: bool,
}

/// How often a slice of notifications is recorded.
const ENQUEUE_TICK: Duration = Duration::from_millis(20);
/// How long the run waits without a new push before counting the rest as lost.
const STALL: Duration = Duration::from_secs(30);
/// A real device's public key and auth secret (every bench device shares them; each
/// push still has its own ephemeral key, so encryption costs what it would).
const P256DH: &str = "BO7GFB7O5GlHTtJERGhmZ5rwr-7I4To8avFeZ1ZQus2KxP92ioVHpNjaKjIqgr0d7fmS4E0Pn4CntJ2arOHD1ac";
const AUTH: &str = "x2b6yU0Uy1bi9Qkbj6Ud4w";

/// When each device's push arrived (ns since the start; 0: not yet) and how often.
struct Arrivals {
    start: Instant,
    at: Vec<AtomicU64>,
    times: Vec<AtomicU32>,
    latency: Duration,
}

impl Arrivals {
    fn since_start(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    fn arrived(&self) -> usize {
        self.times.iter().filter(|times| times.load(Ordering::Relaxed) > 0).count()
    }
}

impl Arrivals {
    /// Notes a push to `device`, waits as a service across the internet would.
    async fn arrive(&self, device: usize) {
        if let (Some(at), Some(times)) = (self.at.get(device), self.times.get(device)) {
            let _ = at.compare_exchange(0, self.since_start(), Ordering::Relaxed, Ordering::Relaxed);
            times.fetch_add(1, Ordering::Relaxed);
        }
        tokio::time::sleep(self.latency).await;
    }
}

/// Web Push: answers 201.
async fn web_push(State(arrivals): State<Arc<Arrivals>>, Path(device): Path<usize>) -> StatusCode {
    arrivals.arrive(device).await;
    StatusCode::CREATED
}

/// FCM's token endpoint (the bench does not check the assertion; the tests do).
async fn fcm_token() -> axum::Json<Value> {
    axum::Json(json!({ "access_token": "bench", "expires_in": 3600, "token_type": "Bearer" }))
}

/// FCM's `messages:send`: the device is in the token, `bench-<n>`.
async fn fcm_send(State(arrivals): State<Arc<Arrivals>>, axum::Json(message): axum::Json<Value>) -> StatusCode {
    let token = message["message"]["token"].as_str().unwrap_or_default();
    match token.strip_prefix("bench-").and_then(|n| n.parse().ok()) {
        Some(device) => {
            arrivals.arrive(device).await;
            StatusCode::OK
        }
        None => StatusCode::BAD_REQUEST,
    }
}

/// APNs (HTTP/2 without TLS here): the device is its token, `n` in hex.
async fn apns(State(arrivals): State<Arc<Arrivals>>, Path(token): Path<String>) -> StatusCode {
    match usize::from_str_radix(&token, 16) {
        Ok(device) => {
            arrivals.arrive(device).await;
            StatusCode::OK
        }
        Err(_) => StatusCode::BAD_REQUEST,
    }
}

/// The local services: Web Push and FCM at the first URL, APNs (HTTP/2) at the second.
async fn start_push_service(arrivals: Arc<Arrivals>) -> anyhow::Result<(String, String)> {
    let app = Router::new()
        .route("/push/{device}", post(web_push))
        .route("/token", post(fcm_token))
        .route("/v1/projects/bench/messages:send", post(fcm_send))
        .route("/3/device/{token}", post(apns))
        .with_state(arrivals);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(axum::serve(listener, app.clone()).into_future());
    let http2 = TcpListener::bind("127.0.0.1:0").await?;
    let http2_url = format!("http://{}", http2.local_addr()?);
    tokio::spawn(serve_http2(http2, app));
    Ok((url, http2_url))
}

/// Serves `app` over HTTP/2 without TLS (prior knowledge), as APNs speaks it.
async fn serve_http2(listener: TcpListener, app: Router) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else { continue };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new())
            .serve_connection(hyper_util::rt::TokioIo::new(tcp), service);
        tokio::spawn(connection);
    }
}

/// A file of the throwaway keys the tests use (`tests/fixtures/native-push`).
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/native-push/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The settings that send FCM and APNs pushes to the local `service`, with the tests'
/// throwaway keys (APNs at `apns`); the service account's file is written into `dir`.
fn native_push_env(service: &str, apns: &str, dir: &std::path::Path) -> anyhow::Result<Vec<(String, String)>> {
    let account = json!({
        "type": "service_account", "project_id": "bench", "private_key_id": "bench",
        "private_key": std::fs::read_to_string(fixture("fcm-service-account.key"))?,
        "client_email": "bench@bench.iam.gserviceaccount.com", "token_uri": format!("{service}/token"),
    });
    let credentials = dir.join("fcm.json");
    std::fs::write(&credentials, account.to_string())?;
    let settings = [
        ("VILLAGE_FCM_CREDENTIALS", credentials.display().to_string()),
        ("VILLAGE_FCM_URL", service.to_owned()),
        ("VILLAGE_APNS_KEY", fixture("apns-auth-key.p8")),
        ("VILLAGE_APNS_KEY_ID", "BENCH12345".to_owned()),
        ("VILLAGE_APNS_TEAM_ID", "BENCHTEAM1".to_owned()),
        ("VILLAGE_APNS_TOPIC", "org.village.app".to_owned()),
        ("VILLAGE_APNS_URL", apns.to_owned()),
    ];
    Ok(settings.into_iter().map(|(name, value)| (name.to_owned(), value)).collect())
}

/// The members, each with one device at the push service, and what notifies them.
struct Audience {
    members: Vec<Uuid>,
    author: Uuid,
    group: Uuid,
    thread: Uuid,
}

pub async fn pipeline(config: &PushConfig) -> anyhow::Result<()> {
    let (ours, ece) = encryptions_per_second(Duration::from_secs(2));
    println!("encryptions (aes128gcm, one core): {ours:.0}/s with ring (Village's), {ece:.0}/s with ece (web-push)");
    let arrivals = Arc::new(Arrivals {
        start: Instant::now(),
        at: (0..config.notifications).map(|_| AtomicU64::new(0)).collect(),
        times: (0..config.notifications).map(|_| AtomicU32::new(0)).collect(),
        latency: config.service_latency,
    });
    let (service, apns) = start_push_service(arrivals.clone()).await?;
    let mut storage = Storage::new(config.database_url.clone(), config.redis_url.clone()).await?;
    let keys = tempfile::tempdir()?;
    if config.mixed_transports {
        storage.extra_env = native_push_env(&service, &apns, keys.path())?;
    }
    let server = ServerProcess::start(&storage).await?;
    let settings = storage.settings()?;
    let db = village::db::connect(&storage.database_url, 4).await?;
    let audience = seed(&settings, &db, &server, &service, config).await?;

    let cpu_before = server.cpu_time()?;
    let committed = enqueue(&db, &audience, config.per_second, &arrivals).await?;
    wait_for_pushes(&arrivals).await;
    let cpu = server.cpu_time()? - cpu_before;
    report(config, &arrivals, &committed, cpu);
    db.close().await;
    Ok(())
}

/// Members with a device each, and a public group with a thread by one more member.
async fn seed(
    settings: &Settings,
    db: &Db,
    server: &ServerProcess,
    service: &str,
    config: &PushConfig,
) -> anyhow::Result<Audience> {
    let token = seeding::members_with_sessions(settings, 1).await?.pop().context("an author")?;
    let http = reqwest::Client::new();
    let graphql = async |query: &str, variables: Value| -> anyhow::Result<Value> {
        let body = json!({ "query": query, "variables": variables });
        let answer: Value =
            http.post(format!("{}/graphql", server.url)).bearer_auth(&token).json(&body).send().await?.json().await?;
        ensure!(answer["errors"].is_null(), "GraphQL errors: {}", answer["errors"]);
        Ok(answer)
    };
    let me = graphql("{ me { id } }", json!({})).await?;
    let group = graphql("mutation { createGroup(input: { name: \"Push bench\" }) { id } }", json!({})).await?;
    let group = group["data"]["createGroup"]["id"].as_str().context("group id")?.to_owned();
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Bench\", body: \"Hi\" }) { id } }";
    let thread = graphql(create, json!({ "g": group })).await?;
    let members = seeding::members(db, config.notifications).await?;
    add_devices(db, &members, service, config.mixed_transports).await?;
    Ok(Audience {
        members,
        author: me["data"]["me"]["id"].as_str().context("my id")?.parse()?,
        group: group.parse()?,
        thread: thread["data"]["createThread"]["id"].as_str().context("thread id")?.parse()?,
    })
}

/// One device per member: a browser at `service`, or with `mixed`, by turns a browser,
/// an Android phone (FCM token `bench-<n>`) and an iPhone (APNs token `n` in hex).
async fn add_devices(db: &Db, members: &[Uuid], service: &str, mixed: bool) -> anyhow::Result<()> {
    const WEB_PUSH: &str = "INSERT INTO push_devices (id, member_id, endpoint, p256dh, auth, created_at, updated_at) \
                            VALUES ($1, $2, $3, $4, $5, $6, $6)";
    const NATIVE: &str = "INSERT INTO push_devices (id, member_id, transport, token, app_id, environment, \
                          created_at, updated_at) VALUES ($1, $2, $3, $4, 'org.village.app', $5, $6, $6)";
    let mut tx = db.begin_write().await?;
    for (n, member) in members.iter().enumerate() {
        let (id, now) = (Uuid::now_v7(), village::clock::now());
        match (mixed, n % 3) {
            (true, 1) => {
                let token = format!("bench-{n}");
                village::on_tx!(&mut tx, conn => sqlx::query(NATIVE).bind(id).bind(member).bind("FCM").bind(token).bind(None::<String>).bind(now).execute(conn).await.map(drop))?;
            }
            (true, 2) => {
                let token = format!("{n:064x}");
                village::on_tx!(&mut tx, conn => sqlx::query(NATIVE).bind(id).bind(member).bind("APNS").bind(token).bind("PRODUCTION").bind(now).execute(conn).await.map(drop))?;
            }
            _ => {
                let endpoint = format!("{service}/push/{n}");
                village::on_tx!(&mut tx, conn => sqlx::query(WEB_PUSH).bind(id).bind(member).bind(&endpoint).bind(P256DH).bind(AUTH).bind(now).execute(conn).await.map(drop))?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Records a mention of each member, `per_second` of them a second, each with its push
/// job; returns when each one committed (ns since the start).
async fn enqueue(db: &Db, audience: &Audience, per_second: u32, arrivals: &Arrivals) -> anyhow::Result<Vec<u64>> {
    let per_tick = usize::try_from(u128::from(per_second) * ENQUEUE_TICK.as_millis() / 1000)?.max(1);
    let mut committed = vec![0; audience.members.len()];
    let mut tick = tokio::time::interval(ENQUEUE_TICK);
    for (slice, members) in audience.members.chunks(per_tick).enumerate() {
        tick.tick().await;
        let planned: Vec<NewNotification> = members
            .iter()
            .map(|member| NewNotification {
                group_id: Some(audience.group),
                thread_id: Some(audience.thread),
                actor_id: Some(audience.author),
                push: true,
                ..NewNotification::to(*member, NotificationKind::Mention, format!("bench:{member}"))
            })
            .collect();
        let mut tx = db.begin_write().await?;
        village::notifications::record(&mut tx, planned.into()).await?;
        tx.commit().await?;
        let now = arrivals.since_start();
        committed[slice * per_tick..slice * per_tick + members.len()].fill(now);
    }
    Ok(committed)
}

/// Waits until every push arrived, or none arrived for `STALL`.
async fn wait_for_pushes(arrivals: &Arrivals) {
    let (mut last_count, mut last_progress) = (0, Instant::now());
    while last_count < arrivals.at.len() && last_progress.elapsed() < STALL {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let count = arrivals.arrived();
        if count > last_count {
            (last_count, last_progress) = (count, Instant::now());
        }
    }
    // Late repeats would show up within a claim or two.
    tokio::time::sleep(Duration::from_secs(2)).await;
}

fn report(config: &PushConfig, arrivals: &Arrivals, committed: &[u64], cpu: Duration) {
    let mut latencies = Vec::with_capacity(committed.len());
    let (mut first, mut last) = (u64::MAX, 0);
    for (n, sent) in committed.iter().enumerate() {
        let at = arrivals.at[n].load(Ordering::Relaxed);
        first = first.min(*sent);
        if at > 0 {
            last = last.max(at);
            latencies.push(Duration::from_nanos(at.saturating_sub(*sent)));
        }
    }
    latencies.sort_unstable();
    let delivered = latencies.len();
    let repeated: u32 = arrivals.times.iter().map(|times| times.load(Ordering::Relaxed).saturating_sub(1)).sum();
    let seconds = Duration::from_nanos(last.saturating_sub(first)).as_secs_f64();
    let per_push_us = cpu.as_secs_f64() * 1e6 / delivered.max(1) as f64;
    println!(
        "| transports | notifications | offered/s | service latency ms | pushes/s | p50 ms | p99 ms | max ms | lost | repeated | worker CPU µs/push |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {} | {} | {:.0} |",
        if config.mixed_transports { "Web Push + FCM + APNs" } else { "Web Push" },
        committed.len(),
        config.per_second,
        config.service_latency.as_millis(),
        delivered as f64 / seconds.max(f64::EPSILON),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        committed.len() - delivered,
        repeated,
        per_push_us
    );
}

/// Payload encryptions (RFC 8291, as the sender does them) one thread manages a second.
/// Encryptions per second on one core: Village's own (ring) and web-push's (`ece`,
/// OpenSSL), of the same payload for the same device.
fn encryptions_per_second(run: Duration) -> (f64, f64) {
    let payload = json!({ "title": "Village", "body": "Ana mentioned you in 'Pumping at work'", "url": "/threads/x",
        "threadId": Uuid::now_v7(), "notificationId": Uuid::now_v7(), "badge": 3 })
    .to_string();
    let ours = per_second(run, || village::push::encrypt_for_web_push(P256DH, AUTH, payload.as_bytes()).is_ok());
    let device = web_push::SubscriptionInfo::new("https://push.example.com/x", P256DH, AUTH);
    let ece = per_second(run, || {
        let mut message = web_push::WebPushMessageBuilder::new(&device);
        message.set_payload(web_push::ContentEncoding::Aes128Gcm, payload.as_bytes());
        message.build().is_ok()
    });
    (ours, ece)
}

/// How many times a second `encrypt` succeeds, over `run`.
fn per_second(run: Duration, encrypt: impl Fn() -> bool) -> f64 {
    let started = Instant::now();
    let mut done = 0u64;
    while started.elapsed() < run {
        if encrypt() {
            done += 1;
        }
    }
    done as f64 / started.elapsed().as_secs_f64()
}
