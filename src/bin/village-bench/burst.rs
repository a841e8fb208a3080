//! Burst: replies posted at a steady high rate to one thread that many members follow,
//! to see whether the notification worker keeps up — the job queue's depth while
//! posting, how long it takes to drain afterwards, and jobs that failed an attempt
//! (deadlocks between workers among them).

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use serde_json::json;
use tokio::sync::watch;

use crate::child::{ServerProcess, Storage};
use crate::live::percentile;
use crate::scenarios::Api;
use crate::seeding;

/// How hard and on what.
pub struct BurstConfig {
    pub followers: usize,
    pub replies_per_second: u32,
    pub seconds: u64,
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
}

/// How often the queue's depth is read.
const SAMPLE_EVERY: Duration = Duration::from_millis(250);
/// How long the queue gets to drain after the last reply.
const DRAIN_LIMIT: Duration = Duration::from_secs(600);

/// What the queue looked like.
#[derive(Default, Clone, Copy)]
struct QueueWatch {
    deepest: i64,
    failed_attempts: i64,
}

pub async fn burst(config: &BurstConfig) -> anyhow::Result<()> {
    let storage = Storage::new(config.database_url.clone(), config.redis_url.clone()).await?;
    let server = ServerProcess::start(&storage).await?;
    let tokens = Arc::new(seeding::members_with_sessions(&storage.settings()?, config.followers + 1).await?);
    let api = Api::new(&server, 64)?;
    let thread = Arc::new(followed_thread(&api, &tokens).await?);
    let db = village::db::connect(&storage.database_url, 2).await?;
    let notifications_before = count_notifications(&db).await?;

    let (stop, stopped) = watch::channel(false);
    let watcher = tokio::spawn(watch_queue(db.clone(), stopped));
    let cpu_before = server.cpu_time()?;
    let replies = usize::try_from(u64::from(config.replies_per_second) * config.seconds)?;
    let started = Instant::now();
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / config.replies_per_second.max(1));
    let mut posts = Vec::with_capacity(replies);
    for n in 0..replies {
        ticks.tick().await;
        let (api, tokens, thread) = (api.clone(), Arc::clone(&tokens), Arc::clone(&thread));
        posts.push(tokio::spawn(async move {
            let sent = Instant::now();
            let query = "mutation($t: ID!, $b: String!) { postReply(input: { threadId: $t, body: $b }) { id } }";
            api.graphql(query, json!({ "t": *thread, "b": format!("burst {n}") }), Some(&tokens[n % tokens.len()]))
                .await?;
            anyhow::Ok(sent.elapsed())
        }));
    }
    let (mut latencies, mut failed) = (Vec::with_capacity(replies), 0);
    for post in posts {
        match post.await {
            Ok(Ok(latency)) => latencies.push(latency),
            _ => failed += 1,
        }
    }
    let posting = started.elapsed();
    let depth_after_posting = village::jobs::depth(&db).await?.due;
    let drained_in = wait_until_drained(&db).await?;
    let cpu = server.cpu_time()? - cpu_before;
    stop.send_replace(true);
    let seen = watcher.await.context("the queue watcher failed")??;
    let notifications = count_notifications(&db).await? - notifications_before;
    db.close().await;

    latencies.sort_unstable();
    let posted = latencies.len();
    println!(
        "| followers | replies/s | replies | failed | post p50 ms | post p99 ms | deepest queue | queue when posting ended | drained after s | jobs that failed an attempt | notifications |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {:.1} | {posted} | {failed} | {:.1} | {:.1} | {} | {depth_after_posting} | {:.1} | {} | {notifications} |",
        config.followers,
        replies as f64 / posting.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        seen.deepest,
        drained_in.as_secs_f64(),
        seen.failed_attempts,
    );
    println!(
        "server CPU per reply (request, transaction, its notification job): {:.2} ms",
        cpu.as_secs_f64() * 1000.0 / posted.max(1) as f64
    );
    ensure!(failed == 0, "{failed} replies failed");
    Ok(())
}

/// A public group of the author and the followers, with a thread every one follows.
async fn followed_thread(api: &Api, tokens: &[String]) -> anyhow::Result<String> {
    let group = api.graphql("mutation { createGroup(input: { name: \"Burst\" }) { id } }", json!({}), Some(&tokens[0]));
    let group = group.await?["data"]["createGroup"]["id"].as_str().context("group id")?.to_owned();
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Burst\", body: \"Bench\" }) { id } }";
    let thread = api.graphql(create, json!({ "g": group }), Some(&tokens[0])).await?;
    let thread = thread["data"]["createThread"]["id"].as_str().context("thread id")?.to_owned();
    let join = "mutation($g: ID!) { joinGroup(input: { groupId: $g }) { joined } }";
    let follow = "mutation($t: ID!) { followThread(input: { threadId: $t }) { viewerFollows } }";
    for token in &tokens[1..] {
        api.graphql(join, json!({ "g": group }), Some(token)).await?;
        api.graphql(follow, json!({ "t": thread }), Some(token)).await?;
    }
    Ok(thread)
}

async fn count_notifications(db: &village::db::Db) -> anyhow::Result<i64> {
    Ok(village::on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM notifications").fetch_one(pool).await)?)
}

/// Reads the queue's depth until told to stop; returns the deepest it was.
async fn watch_queue(db: village::db::Db, mut stopped: watch::Receiver<bool>) -> anyhow::Result<QueueWatch> {
    const FAILED: &str = "SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL";
    let mut seen = QueueWatch::default();
    while !*stopped.borrow() {
        seen.deepest = seen.deepest.max(village::jobs::depth(&db).await?.due);
        let failed: i64 = village::on_db!(&db, pool => sqlx::query_scalar(FAILED).fetch_one(pool).await)?;
        seen.failed_attempts = seen.failed_attempts.max(failed);
        let _ = tokio::time::timeout(SAMPLE_EVERY, stopped.changed()).await;
    }
    Ok(seen)
}

/// Waits until no job is due; returns how long that took.
async fn wait_until_drained(db: &village::db::Db) -> anyhow::Result<Duration> {
    let started = Instant::now();
    while village::jobs::depth(db).await?.due > 0 {
        ensure!(started.elapsed() < DRAIN_LIMIT, "the queue did not drain within {DRAIN_LIMIT:?}");
        tokio::time::sleep(SAMPLE_EVERY).await;
    }
    Ok(started.elapsed())
}
