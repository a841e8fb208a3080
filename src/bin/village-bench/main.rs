//! `village-bench`: starts real Village servers in their own processes (this build's,
//! or an older `village` binary given with `--server`, for side-by-side figures),
//! drives them with many concurrent clients, checks every answer and prints figures.
//! HTTP scenarios are measured next to a static axum handler in the same run, so the
//! ratio stays comparable across machines and noisy runs.

mod burst;
mod child;
mod live;
mod load;
mod networking;
mod push;
mod scenarios;
mod seeding;
mod soak;

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Scenario {
    /// `signIn` + `me` round trips, and `me` alone, against the static baseline.
    Auth,
    /// Reading thread pages of 20 and 50 replies (authors, reactions) and posting replies.
    Thread,
    /// Replies at a high rate to a thread many members follow: whether the notification
    /// worker keeps up (queue depth, drain time, failed attempts).
    Burst,
    /// Mixed load for a long while (pages, replies, live subscribers, phones coming and
    /// going): the server's resident memory over time.
    Soak,
    /// Many subscribers on one thread while replies are posted at a steady rate:
    /// delivery latency, lost and repeated deliveries.
    Fanout,
    /// Many idle connections with one subscription each: server memory per connection.
    Idle,
    /// Notifications recorded at a steady rate, pushed by a worker process to a local
    /// push service that answers after a delay: pushes/s, commit-to-push latency.
    Push,
    /// Pairs of members chatting, each watching her conversation live: delivery
    /// latency to the other member, lost and repeated messages.
    Dm,
    /// `suggestedMembers` from many viewers at once on a community of many members.
    Suggestions,
    /// Internal: a server process for the live scenarios.
    #[value(name = "serve-child", hide = true)]
    ServeChild,
}

/// Benchmarks for Village.
#[derive(Debug, Parser)]
struct Args {
    /// What to measure.
    #[arg(value_enum, default_value_t = Scenario::Auth)]
    scenario: Scenario,
    /// Concurrent clients (readers, in the thread and soak scenarios).
    #[arg(long, default_value_t = 32)]
    clients: usize,
    /// Thread: members posting replies at once.
    #[arg(long, default_value_t = 16)]
    writers: usize,
    /// Run this `village` binary as the server instead of this build's own (e.g. the
    /// commit before a change, built into its own target dir).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Seconds each measurement runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Database to run on (default: a SQLite file in a temporary directory). A
    /// PostgreSQL database given here gets Village's tables and benchmark members.
    #[arg(long, env = "BENCH_DATABASE_URL")]
    database_url: Option<String>,
    /// Live scenarios: subscribers (connections) to open [default: fanout 5000, idle
    /// 10000, soak 1000].
    #[arg(long)]
    subscribers: Option<usize>,
    /// Fan-out, burst and soak: replies posted per second [default: burst 200, else 20].
    #[arg(long)]
    replies_per_second: Option<u32>,
    /// Burst: members following the thread.
    #[arg(long, default_value_t = 20)]
    followers: usize,
    /// Live scenarios: server processes, sharing the database and Redis (more than one
    /// needs --redis-url and, sensibly, a PostgreSQL --database-url).
    #[arg(long, default_value_t = 1)]
    instances: usize,
    /// Push: notifications to push (one member and device each).
    #[arg(long, default_value_t = 20_000)]
    notifications: usize,
    /// Push: notifications recorded per second.
    #[arg(long, default_value_t = 2500)]
    notifications_per_second: u32,
    /// Push: how long the local push service takes to answer, in milliseconds.
    #[arg(long, default_value_t = 50)]
    push_service_ms: u64,
    /// Push: spread the devices over Web Push, FCM and APNs (else Web Push only).
    #[arg(long)]
    mixed_transports: bool,
    /// DM: pairs of members chatting.
    #[arg(long, default_value_t = 1000)]
    pairs: usize,
    /// DM: messages sent per second, spread over the pairs.
    #[arg(long, default_value_t = 200)]
    messages_per_second: u32,
    /// Suggestions: members in the community.
    #[arg(long, default_value_t = 100_000)]
    members: usize,
    /// Redis for the live and push scenarios' servers.
    #[arg(long, env = "BENCH_REDIS_URL")]
    redis_url: Option<String>,
}

fn live_config(args: &Args, default_subscribers: usize) -> live::LiveConfig {
    live::LiveConfig {
        subscribers: args.subscribers.unwrap_or(default_subscribers),
        replies_per_second: args.replies_per_second.unwrap_or(20).max(1),
        seconds: args.seconds,
        instances: args.instances.max(1),
        database_url: args.database_url.clone(),
        redis_url: args.redis_url.clone(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // reqwest's TLS uses the process's rustls provider: ring, as the server's.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let args = Args::parse();
    if let Some(server) = &args.server {
        let _ = child::SERVER_BINARY.set(std::path::absolute(server)?);
    }
    let backend =
        if args.database_url.as_deref().is_some_and(|url| url.starts_with("postgres")) { "postgres" } else { "sqlite" };
    match args.scenario {
        Scenario::ServeChild => return child::serve().await,
        Scenario::Fanout | Scenario::Idle => {
            let redis = if args.redis_url.is_some() { " + redis" } else { "" };
            println!("village-bench {:?} on {backend}{redis}, {} instance(s)", args.scenario, args.instances.max(1));
            return match args.scenario {
                Scenario::Fanout => live::fanout(&live_config(&args, 5000)).await,
                _ => live::idle(&live_config(&args, 10_000)).await,
            };
        }
        Scenario::Push => {
            let redis = if args.redis_url.is_some() { " + redis" } else { "" };
            println!("village-bench push on {backend}{redis}");
            let config = push::PushConfig {
                notifications: args.notifications,
                per_second: args.notifications_per_second.max(1),
                service_latency: Duration::from_millis(args.push_service_ms),
                database_url: args.database_url.clone(),
                redis_url: args.redis_url.clone(),
                mixed_transports: args.mixed_transports,
            };
            return push::pipeline(&config).await;
        }
        Scenario::Dm => {
            println!("village-bench dm on {backend}: {} pairs, {} messages/s", args.pairs, args.messages_per_second);
            let config = networking::DmConfig {
                pairs: args.pairs.max(1),
                messages_per_second: args.messages_per_second,
                seconds: args.seconds,
                database_url: args.database_url.clone(),
                redis_url: args.redis_url.clone(),
            };
            return networking::dm(&config).await;
        }
        Scenario::Suggestions => {
            println!("village-bench suggestions on {backend}: {} members, {} viewers", args.members, args.clients);
            let run = load::RunConfig { clients: args.clients, duration: Duration::from_secs(args.seconds) };
            return networking::suggestions(args.members, &run, args.database_url.clone()).await;
        }
        Scenario::Burst => {
            let config = burst::BurstConfig {
                followers: args.followers.max(1),
                replies_per_second: args.replies_per_second.unwrap_or(200).max(1),
                seconds: args.seconds,
                database_url: args.database_url.clone(),
                redis_url: args.redis_url.clone(),
            };
            println!(
                "village-bench burst on {backend}: {} replies/s for {} s to a thread {} members follow",
                config.replies_per_second, config.seconds, config.followers
            );
            return burst::burst(&config).await;
        }
        Scenario::Soak => {
            let config = soak::SoakConfig {
                seconds: args.seconds,
                subscribers: args.subscribers.unwrap_or(1000),
                readers: args.clients,
                replies_per_second: args.replies_per_second.unwrap_or(20).max(1),
                database_url: args.database_url.clone(),
                redis_url: args.redis_url.clone(),
            };
            println!(
                "village-bench soak on {backend}: {} s, {} subscribers, {} readers, {} replies/s",
                config.seconds, config.subscribers, config.readers, config.replies_per_second
            );
            return soak::soak(&config).await;
        }
        Scenario::Auth | Scenario::Thread => {}
    }
    let run = load::RunConfig { clients: args.clients, duration: Duration::from_secs(args.seconds) };
    let redis = if args.redis_url.is_some() { " + redis" } else { "" };
    println!(
        "village-bench {:?} on {backend}{redis}: {} clients, {} s per measurement",
        args.scenario, args.clients, args.seconds
    );
    match args.scenario {
        Scenario::Auth => scenarios::auth(args.database_url.clone(), args.redis_url.clone(), &run).await,
        _ => scenarios::thread(args.database_url.clone(), args.redis_url.clone(), &run, args.writers.max(1)).await,
    }
}
