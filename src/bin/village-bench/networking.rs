//! The networking scenarios, against a server in its own process. DM: pairs of members
//! chatting, each member watching her conversation live — delivery latency from send to
//! the other member's socket, lost and repeated deliveries. Suggestions: a community of
//! many members with profiles, and `suggestedMembers` asked by many viewers at once —
//! latency percentiles next to a static handler on the same server.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;
use village::db::Db;

use crate::child::{ServerProcess, Storage};
use crate::live::{Socket, connect, percentile};
use crate::load::{RunConfig, header, measure};
use crate::seeding;

/// How long deliveries may still arrive once the last message is sent.
const DRAIN: Duration = Duration::from_secs(10);
const UPDATES: &str = "subscription($c: ID!, $after: String) { conversationUpdates(conversationId: $c, after: $after) \
                       { kind cursor message { id body author { id } } } }";

/// What the DM scenario runs against and how hard.
pub struct DmConfig {
    pub pairs: usize,
    pub messages_per_second: u32,
    pub seconds: u64,
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
}

async fn graphql(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let request =
        http.post(format!("{url}/graphql")).bearer_auth(token).json(&json!({ "query": query, "variables": variables }));
    let answer: Value = request.send().await?.error_for_status()?.json().await?;
    ensure!(answer["errors"].is_null(), "GraphQL errors: {}", answer["errors"]);
    Ok(answer)
}

/// Connects `a` and `b` straight in the database (the pair's conversation then lands
/// in the inbox).
async fn connect_pair(db: &Db, a: Uuid, b: Uuid) -> anyhow::Result<()> {
    const SQL: &str = "INSERT INTO connections (member_a, member_b, requested_by, status, created_at, accepted_at) \
                       VALUES ($1, $2, $1, 'ACCEPTED', $3, $3)";
    let (low, high) = (a.min(b), a.max(b));
    let now = village::clock::now();
    village::on_db!(db, pool => sqlx::query(SQL).bind(low).bind(high).bind(now).execute(pool).await.map(drop))?;
    Ok(())
}

/// One pair's conversation: its id and the cursor of its first message.
struct Pair {
    conversation: String,
    after: String,
    tokens: [String; 2],
}

async fn start_pair(http: &reqwest::Client, url: &str, a: &(Uuid, String), b: &(Uuid, String)) -> anyhow::Result<Pair> {
    let start = "mutation($input: StartConversationInput!) { startConversation(input: $input) { conversationId } }";
    let input = json!({ "input": { "memberIds": [b.0.to_string()], "body": "hello" } });
    let started = graphql(http, url, &a.1, start, input).await?;
    let conversation =
        started["data"]["startConversation"]["conversationId"].as_str().context("conversation")?.to_owned();
    let last = "query($c: ID!) { conversation(id: $c) { messages(last: 1) { edges { cursor } } } }";
    let page = graphql(http, url, &a.1, last, json!({ "c": conversation })).await?;
    let after = page["data"]["conversation"]["messages"]["edges"][0]["cursor"].as_str().context("cursor")?.to_owned();
    Ok(Pair { conversation, after, tokens: [a.1.clone(), b.1.clone()] })
}

/// What one member's socket saw of the messages meant for her.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    duplicates: usize,
}

/// Reads `socket` until `until` (ns since `start`, 0: not yet set): each message body
/// "dm {n} to {side}" for `side` is one delivery, timed from `sent[n]`.
async fn watch(
    mut socket: Socket,
    side: usize,
    start: Instant,
    sent: Arc<Vec<AtomicU64>>,
    until: Arc<AtomicU64>,
) -> Seen {
    let mut seen = Seen::default();
    let mut got = std::collections::HashSet::new();
    loop {
        let deadline = until.load(Ordering::Acquire);
        if deadline != 0 && start.elapsed().as_nanos() as u64 > deadline {
            return seen;
        }
        let Ok(Some(Ok(Message::Text(text)))) = tokio::time::timeout(Duration::from_millis(200), socket.next()).await
        else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
        let body = value["payload"]["data"]["conversationUpdates"]["message"]["body"].as_str().unwrap_or_default();
        let Some((n, to)) = body.strip_prefix("dm ").and_then(|rest| rest.split_once(" to ")) else { continue };
        let (Ok(n), Ok(to)) = (n.parse::<usize>(), to.parse::<usize>()) else { continue };
        if to != side {
            continue;
        }
        if !got.insert(n) {
            seen.duplicates += 1;
            continue;
        }
        let at = sent.get(n).map_or(0, |time| time.load(Ordering::Acquire));
        let now = start.elapsed().as_nanos() as u64;
        seen.latencies.push(Duration::from_nanos(now.saturating_sub(at)));
    }
}

/// DM: `pairs` pairs, both members of each watching their conversation live, messages
/// at a steady rate spread over the pairs, each to the other member of its pair.
pub async fn dm(config: &DmConfig) -> anyhow::Result<()> {
    let mut storage = Storage::new(config.database_url.clone(), config.redis_url.clone()).await?;
    storage.extra_env.push(("VILLAGE_MESSAGES_PER_MINUTE".into(), "10000".into()));
    storage.extra_env.push(("VILLAGE_WS_CONNECTIONS_PER_MEMBER".into(), "10".into()));
    let server = ServerProcess::start(&storage).await?;
    let settings = storage.settings()?;
    let members = seeding::signed_in(&settings, config.pairs * 2).await?;
    let db = village::db::connect(&settings.effective_database_url(), 4).await?;
    for pair in members.chunks(2) {
        connect_pair(&db, pair[0].0, pair[1].0).await?;
    }
    db.close().await;
    let http = reqwest::Client::new();
    let mut pairs = Vec::with_capacity(config.pairs);
    for pair in members.chunks(2) {
        pairs.push(start_pair(&http, &server.url, &pair[0], &pair[1]).await?);
    }

    let messages = usize::try_from(u64::from(config.messages_per_second) * config.seconds)?;
    let start = Instant::now();
    let sent: Arc<Vec<AtomicU64>> = Arc::new((0..messages).map(|_| AtomicU64::new(0)).collect());
    let until = Arc::new(AtomicU64::new(0));
    let mut watchers = Vec::with_capacity(config.pairs * 2);
    for (p, pair) in pairs.iter().enumerate() {
        for side in 0..2 {
            let mut socket = connect(server.url.clone(), pair.tokens[side].clone()).await?;
            let variables = json!({ "c": pair.conversation, "after": pair.after });
            let subscribe =
                json!({ "id": "1", "type": "subscribe", "payload": { "query": UPDATES, "variables": variables } });
            socket.send(Message::text(subscribe.to_string())).await?;
            let (sent, until) = (Arc::clone(&sent), Arc::clone(&until));
            watchers.push(tokio::spawn(watch(socket, p * 2 + side, start, sent, until)));
        }
    }

    let cpu_before = server.cpu_time()?;
    let pairs = Arc::new(pairs);
    let sending = Instant::now();
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / config.messages_per_second.max(1));
    let mut sends = Vec::with_capacity(messages);
    for n in 0..messages {
        ticks.tick().await;
        let (http, url, pairs, sent) = (http.clone(), server.url.clone(), Arc::clone(&pairs), Arc::clone(&sent));
        sends.push(tokio::spawn(async move {
            let p = n % pairs.len();
            let from = (n / pairs.len()) % 2;
            let pair = &pairs[p];
            let send = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }";
            let body = format!("dm {n} to {}", p * 2 + (1 - from));
            sent[n].store(start.elapsed().as_nanos() as u64, Ordering::Release);
            let input = json!({ "input": { "conversationId": pair.conversation, "body": body } });
            graphql(&http, &url, &pair.tokens[from], send, input).await.map(drop)
        }));
    }
    let mut failed = 0;
    for send in sends {
        if !matches!(send.await, Ok(Ok(()))) {
            failed += 1;
        }
    }
    let rate = messages as f64 / sending.elapsed().as_secs_f64();
    until.store(start.elapsed().as_nanos() as u64 + DRAIN.as_nanos() as u64, Ordering::Release);
    let (mut latencies, mut duplicates) = (Vec::new(), 0);
    for watcher in watchers {
        let seen = watcher.await?;
        duplicates += seen.duplicates;
        latencies.extend(seen.latencies);
    }
    latencies.sort_unstable();
    let cpu = (server.cpu_time()? - cpu_before).as_secs_f64() * 1e6 / latencies.len().max(1) as f64;
    println!(
        "| pairs | sockets | messages/s | messages | delivered | p50 ms | p90 ms | p99 ms | max ms | lost | duplicates |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {rate:.1} | {messages} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {duplicates} |",
        config.pairs,
        config.pairs * 2,
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        (messages - failed).saturating_sub(latencies.len()),
    );
    println!("server CPU per message (send, store, fan-out, notification job): {cpu:.0} µs; failed sends: {failed}");
    Ok(())
}

const CITIES: [&str; 12] = [
    "Toronto",
    "Montréal",
    "Vancouver",
    "Calgary",
    "Ottawa",
    "Halifax",
    "Winnipeg",
    "Québec",
    "Victoria",
    "Edmonton",
    "Regina",
    "Hamilton",
];
const INDUSTRIES: [&str; 10] = [
    "Law",
    "Health tech",
    "Finance",
    "Education",
    "Retail",
    "Software",
    "Public service",
    "Marketing",
    "Nursing",
    "Design",
];
const STAGES: [&str; 6] = ["EXPECTING", "ON_LEAVE", "RETURNING", "WORKING", "SELF_EMPLOYED", "BETWEEN_ROLES"];

/// `count` members with profiles spread over the cities, industries and stages (a third
/// show their children, born over the last six years), written in batches.
async fn community(db: &Db, count: usize) -> anyhow::Result<()> {
    const BATCH: usize = 500;
    let run = Uuid::now_v7().simple().to_string();
    let now = village::clock::now();
    for first in (0..count).step_by(BATCH) {
        let rows: Vec<usize> = (first..(first + BATCH).min(count)).collect();
        let mut members = String::from(
            "INSERT INTO members (id, email, password_hash, display_name, created_at, updated_at, name_key, city, \
             city_key, industry, industry_key, career_stage, children_visibility, open_to) VALUES ",
        );
        let mut kids = String::from("INSERT INTO member_children (id, member_id, born_on) VALUES ");
        let (mut member_values, mut kid_values) = (Vec::new(), Vec::new());
        for (i, n) in rows.iter().enumerate() {
            let p = i * 13;
            let values: Vec<String> = (1..=13).map(|k| format!("${}", p + k)).collect();
            member_values.push(format!("({}, '[\"COFFEE_CHATS\"]')", values.join(", ")));
            if n % 3 == 0 {
                let q = kid_values.len() * 3;
                kid_values.push(format!("(${}, ${}, ${})", q + 1, q + 2, q + 3));
            }
        }
        members += &member_values.join(", ");
        kids += &kid_values.join(", ");
        let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::now_v7()).collect();
        let mut tx = db.begin_write().await?;
        village::on_tx!(&mut tx, conn => {
            let mut query = sqlx::query(&members);
            for (n, id) in rows.iter().zip(&ids) {
                let (city, industry) = (CITIES[n % CITIES.len()], INDUSTRIES[(n / 7) % INDUSTRIES.len()]);
                query = query
                    .bind(*id).bind(format!("c{n}-{run}@example.com")).bind("x").bind(format!("Member {n}"))
                    .bind(now).bind(now).bind(format!("member {n}")).bind(city).bind(city.to_lowercase())
                    .bind(industry).bind(industry.to_lowercase()).bind(STAGES[(n / 3) % STAGES.len()])
                    .bind(if n % 3 == 0 { "MEMBERS" } else { "CONNECTIONS" });
            }
            query.execute(conn).await.map(drop)
        })?;
        if !kid_values.is_empty() {
            village::on_tx!(&mut tx, conn => {
                let mut query = sqlx::query(&kids);
                for (n, id) in rows.iter().zip(&ids).filter(|(n, _)| *n % 3 == 0) {
                    let born = now.date_naive() - chrono::TimeDelta::days(i64::try_from(n % 2190).unwrap_or(0));
                    query = query.bind(Uuid::now_v7()).bind(*id).bind(born);
                }
                query.execute(conn).await.map(drop)
            })?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// Suggestions: `members` members, then `suggestedMembers(first: 10)` from
/// `run.clients` viewers at once (each in Toronto, in law, on leave, with a toddler).
pub async fn suggestions(members: usize, run: &RunConfig, database_url: Option<String>) -> anyhow::Result<()> {
    let storage = Storage::new(database_url, None).await?;
    let settings = storage.settings()?;
    let db = village::db::connect(&settings.effective_database_url(), 4).await?;
    village::db::migrate(&db).await?;
    let seeding_started = Instant::now();
    community(&db, members).await?;
    let viewers = seeding::signed_in(&settings, run.clients).await?;
    for (id, _) in &viewers {
        const SQL: &str = "UPDATE members SET city = 'Toronto', city_key = 'toronto', industry = 'Law', \
                           industry_key = 'law', career_stage = 'ON_LEAVE', open_to = '[\"COFFEE_CHATS\"]' WHERE id = $1";
        village::on_db!(&db, pool => sqlx::query(SQL).bind(*id).execute(pool).await.map(drop))?;
        const KID: &str = "INSERT INTO member_children (id, member_id, born_on) VALUES ($1, $2, $3)";
        let born = village::clock::now().date_naive() - chrono::TimeDelta::days(400);
        village::on_db!(&db, pool => sqlx::query(KID).bind(Uuid::now_v7()).bind(*id).bind(born).execute(pool).await.map(drop))?;
    }
    db.close().await;
    println!("seeded {members} members in {:.1} s", seeding_started.elapsed().as_secs_f64());
    let server = ServerProcess::start(&storage).await?;
    let http = reqwest::Client::builder().pool_max_idle_per_host(run.clients).build()?;
    let tokens: Arc<Vec<String>> = Arc::new(viewers.into_iter().map(|(_, token)| token).collect());

    let (base_http, health) = (http.clone(), format!("{}/healthz", server.url));
    let baseline = measure("static handler (GET /healthz)", run, move |_| {
        let (http, url) = (base_http.clone(), health.clone());
        async move {
            ensure!(http.get(&url).send().await?.error_for_status()?.text().await? == "ok", "unexpected body");
            Ok(())
        }
    })
    .await;
    let url = server.url.clone();
    let suggested = measure("suggestedMembers (first: 10)", run, move |n| {
        let (http, url, tokens) = (http.clone(), url.clone(), Arc::clone(&tokens));
        async move {
            let query = "{ suggestedMembers(first: 10) { member { id displayName } summary } }";
            let answer = graphql(&http, &url, &tokens[n], query, json!({})).await?;
            let list = answer["data"]["suggestedMembers"].as_array().context("suggestions")?;
            ensure!(list.len() == 10, "expected 10 suggestions, got {}", list.len());
            ensure!(list.iter().all(|s| s["summary"].as_str().is_some_and(|line| !line.is_empty())), "{answer}");
            Ok(())
        }
    })
    .await;
    println!("{}", header());
    let base = baseline.throughput();
    println!("{}", baseline.row(Some(base)));
    println!("{}", suggested.row(Some(base)));
    Ok(())
}
