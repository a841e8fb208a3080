//! `village-bench`: starts a real Village server in-process, drives it over HTTP with
//! many concurrent clients, checks every response body and prints throughput and latency
//! percentiles. Each scenario is measured next to a static axum handler in the same run,
//! so the ratio stays comparable across machines and noisy runs.

mod load;
mod scenarios;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use tokio::net::TcpListener;
use village::config::Settings;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Scenario {
    /// `signIn` + `me` round trips, and `me` alone, against the static baseline.
    Auth,
    /// Reading a thread page of 50 replies (authors, reactions) and posting replies.
    Thread,
}

/// Benchmarks for Village.
#[derive(Debug, Parser)]
struct Args {
    /// What to measure.
    #[arg(value_enum, default_value_t = Scenario::Auth)]
    scenario: Scenario,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Seconds each measurement runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Database to run on (default: a SQLite file in a temporary directory). A
    /// PostgreSQL database given here gets Village's tables and benchmark members.
    #[arg(long, env = "BENCH_DATABASE_URL")]
    database_url: Option<String>,
}

/// A server started for the benchmark, with its address.
pub struct BenchServer {
    pub url: String,
    _data_dir: tempfile::TempDir,
}

async fn start_server(database_url: Option<String>) -> anyhow::Result<BenchServer> {
    let data_dir = tempfile::tempdir()?;
    let mut settings = Settings::embedded(PathBuf::from(data_dir.path()))?;
    settings.database_url = database_url;
    settings.jwt_secret = Some(format!("bench-{}", uuid::Uuid::now_v7().simple()));
    settings.sign_ups_per_ip_per_hour = 1_000_000;
    let app = village::App::build(settings).await.context("starting the server")?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(app.serve(listener, std::future::pending()));
    Ok(BenchServer { url, _data_dir: data_dir })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let backend =
        if args.database_url.as_deref().is_some_and(|url| url.starts_with("postgres")) { "postgres" } else { "sqlite" };
    let server = start_server(args.database_url.clone()).await?;
    let run = load::RunConfig { clients: args.clients, duration: Duration::from_secs(args.seconds) };
    println!(
        "village-bench {:?} on {backend}: {} clients, {} s per measurement",
        args.scenario, args.clients, args.seconds
    );
    match args.scenario {
        Scenario::Auth => scenarios::auth(&server, &run).await,
        Scenario::Thread => scenarios::thread(&server, &run).await,
    }
}
