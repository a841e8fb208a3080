//! Soak: everyday load mixed in one server process for minutes — thread pages read,
//! replies posted, a hot thread's subscribers receiving them, phones connecting and
//! leaving — with the server's resident memory read throughout, to show that what a
//! burst of work takes is given back rather than kept.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

use crate::child::{ServerProcess, Storage};
use crate::live::{Socket, connect};
use crate::scenarios::{Api, POST_REPLY, THREAD_PAGE, busy_thread, check_page};
use crate::seeding;

/// What to mix and for how long.
pub struct SoakConfig {
    pub seconds: u64,
    pub subscribers: usize,
    pub readers: usize,
    pub replies_per_second: u32,
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
}

/// Phones that open the thread live, stay a second and leave, per second.
const VISITS_PER_SECOND: u32 = 5;
const SAMPLE_EVERY: Duration = Duration::from_secs(10);
const UPDATES: &str =
    "subscription($t: ID!) { threadUpdates(threadId: $t) { kind reply { id body author { displayName } } } }";

/// What the load did, counted by every task.
#[derive(Default)]
struct Done {
    pages: AtomicUsize,
    replies: AtomicUsize,
    visits: AtomicUsize,
    deliveries: AtomicUsize,
    errors: AtomicUsize,
}

pub async fn soak(config: &SoakConfig) -> anyhow::Result<()> {
    let storage = Storage::new(config.database_url.clone(), config.redis_url.clone()).await?;
    let server = ServerProcess::start(&storage).await?;
    let tokens = Arc::new(
        seeding::members_with_sessions(&storage.settings()?, config.subscribers.max(config.readers).max(2)).await?,
    );
    let api = Api::new(&server, config.readers * 2)?;
    let thread = Arc::new(busy_thread(&api, &tokens).await?);
    let (running, done) = (Arc::new(AtomicBool::new(true)), Arc::new(Done::default()));

    let mut tasks = Vec::new();
    for n in 0..config.subscribers {
        let socket = subscribe(&server.url, &tokens[n], &thread).await?;
        tasks.push(tokio::spawn(receive(socket, Arc::clone(&running), Arc::clone(&done))));
    }
    for n in 0..config.readers {
        let (api, tokens, thread, running, done) =
            (api.clone(), Arc::clone(&tokens), Arc::clone(&thread), Arc::clone(&running), Arc::clone(&done));
        tasks.push(tokio::spawn(async move {
            while running.load(Ordering::Relaxed) {
                let page = api.graphql(THREAD_PAGE, json!({ "id": *thread, "n": 20 }), Some(&tokens[n])).await;
                count(&done.pages, &done.errors, page.and_then(|answer| check_page(&answer, 20)));
            }
        }));
    }
    tasks.push(tokio::spawn(post_replies(
        api.clone(),
        Arc::clone(&tokens),
        Arc::clone(&thread),
        config.replies_per_second,
        Arc::clone(&running),
        Arc::clone(&done),
    )));
    tasks.push(tokio::spawn(visit(
        server.url.clone(),
        Arc::clone(&tokens),
        Arc::clone(&thread),
        Arc::clone(&running),
        Arc::clone(&done),
    )));

    let warm_up = Duration::from_secs((config.seconds / 10).max(10));
    let (started, mut samples) = (Instant::now(), Vec::new());
    println!("| after s | resident MiB | pages | replies | deliveries | visits | errors |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    while started.elapsed() < Duration::from_secs(config.seconds) {
        tokio::time::sleep(SAMPLE_EVERY.min(Duration::from_secs(config.seconds).saturating_sub(started.elapsed())))
            .await;
        let resident = server.resident_bytes()?;
        samples.push((started.elapsed(), resident));
        println!(
            "| {:.0} | {:.1} | {} | {} | {} | {} | {} |",
            started.elapsed().as_secs_f64(),
            mib(resident),
            done.pages.load(Ordering::Relaxed),
            done.replies.load(Ordering::Relaxed),
            done.deliveries.load(Ordering::Relaxed),
            done.visits.load(Ordering::Relaxed),
            done.errors.load(Ordering::Relaxed),
        );
    }
    running.store(false, Ordering::Relaxed);
    let at_end = server.resident_bytes()?;
    for task in tasks {
        task.abort();
    }
    tokio::time::sleep(SAMPLE_EVERY).await;
    let idle_after = server.resident_bytes()?;

    let after_warm_up = samples
        .iter()
        .find(|(at, _)| *at >= warm_up)
        .map(|(_, rss)| *rss)
        .context("the run is shorter than its warm-up")?;
    let peak = samples.iter().map(|(_, rss)| *rss).max().unwrap_or(at_end);
    println!(
        "resident memory: after the {:.0} s warm-up {:.1} MiB, peak {:.1} MiB, at the end {:.1} MiB ({:+.1} %), \
         {:.0} s after the load stopped {:.1} MiB",
        warm_up.as_secs_f64(),
        mib(after_warm_up),
        mib(peak),
        mib(at_end),
        (at_end as f64 / after_warm_up as f64 - 1.0) * 100.0,
        SAMPLE_EVERY.as_secs_f64(),
        mib(idle_after),
    );
    ensure!(done.errors.load(Ordering::Relaxed) == 0, "some answers were wrong or failed");
    Ok(())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn count(ok: &AtomicUsize, errors: &AtomicUsize, result: anyhow::Result<()>) {
    match result {
        Ok(()) => ok.fetch_add(1, Ordering::Relaxed),
        Err(error) => {
            if errors.fetch_add(1, Ordering::Relaxed) == 0 {
                eprintln!("soak: first failure: {error:#}");
            }
            0
        }
    };
}

/// A connection with `threadUpdates` started on `thread`.
async fn subscribe(url: &str, token: &str, thread: &str) -> anyhow::Result<Socket> {
    let mut socket = connect(url.to_owned(), token.to_owned()).await?;
    let start =
        json!({ "id": "1", "type": "subscribe", "payload": { "query": UPDATES, "variables": { "t": thread } } });
    socket.send(Message::Text(Utf8Bytes::from(start.to_string()))).await?;
    Ok(socket)
}

/// Reads a subscriber's socket, answering pings and counting replies delivered.
async fn receive(mut socket: Socket, running: Arc<AtomicBool>, done: Arc<Done>) {
    while running.load(Ordering::Relaxed) {
        match socket.next().await {
            Some(Ok(Message::Text(text))) if text.contains("\"ping\"") => {
                let _ = socket.send(Message::Text(Utf8Bytes::from_static(r#"{"type":"pong"}"#))).await;
            }
            Some(Ok(Message::Text(text))) if text.contains("REPLY_POSTED") => {
                done.deliveries.fetch_add(1, Ordering::Relaxed);
            }
            Some(Ok(_)) => {}
            _ => {
                done.errors.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
    }
}

async fn post_replies(
    api: Api,
    tokens: Arc<Vec<String>>,
    thread: Arc<String>,
    per_second: u32,
    running: Arc<AtomicBool>,
    done: Arc<Done>,
) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / per_second.max(1));
    let mut n = 0usize;
    while running.load(Ordering::Relaxed) {
        ticks.tick().await;
        let (api, tokens, thread, done) = (api.clone(), Arc::clone(&tokens), Arc::clone(&thread), Arc::clone(&done));
        n += 1;
        tokio::spawn(async move {
            let body = format!("soak {n}");
            let answer =
                api.graphql(POST_REPLY, json!({ "t": *thread, "b": body }), Some(&tokens[n % tokens.len()])).await;
            count(
                &done.replies,
                &done.errors,
                answer.and_then(|answer| {
                    ensure!(answer["data"]["postReply"]["body"] == body.as_str(), "reply not echoed: {answer}");
                    Ok(())
                }),
            );
        });
    }
}

/// Phones opening the thread live for a second, then leaving.
async fn visit(url: String, tokens: Arc<Vec<String>>, thread: Arc<String>, running: Arc<AtomicBool>, done: Arc<Done>) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / VISITS_PER_SECOND);
    let mut n = 0usize;
    while running.load(Ordering::Relaxed) {
        ticks.tick().await;
        n += 1;
        let (url, token, thread, done) =
            (url.clone(), tokens[n % tokens.len()].clone(), Arc::clone(&thread), Arc::clone(&done));
        tokio::spawn(async move {
            let visit = async {
                let mut socket = subscribe(&url, &token, &thread).await?;
                tokio::time::sleep(Duration::from_secs(1)).await;
                socket.close(None).await?;
                anyhow::Ok(())
            };
            count(&done.visits, &done.errors, visit.await);
        });
    }
}
