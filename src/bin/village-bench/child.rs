//! Servers in their own processes, for the live scenarios: the bench's thousands of
//! client sockets then do not share a process (or a file-descriptor limit) with the
//! server's, and the server's resident memory can be read on its own. The bench runs
//! itself with `serve-child`; settings come through the environment, as `village
//! serve` reads them.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sqlx::Connection;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpListener;
use tokio::process::{Child, Command};
use village::config::Settings;

/// The kernel's USER_HZ, in which /proc reports CPU time (100 on Linux).
const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// A server process and its address.
pub struct ServerProcess {
    pub url: String,
    child: Child,
}

/// What the server processes of one run share: a data dir (removed afterwards), the
/// database (a SQLite file there, or a fresh database on the PostgreSQL server given),
/// Redis if any, fresh secrets, and which server binary runs.
pub struct Storage {
    data_dir: tempfile::TempDir,
    pub database_url: String,
    redis_url: Option<String>,
    /// A `village` binary to run instead of this build's own server (`serve-child`).
    server_binary: Option<PathBuf>,
    jwt_secret: String,
    vapid_private_key: String,
    /// More settings for the servers, as environment variables.
    pub extra_env: Vec<(String, String)>,
}

impl Storage {
    pub async fn new(database_url: Option<String>, redis_url: Option<String>) -> anyhow::Result<Self> {
        let data_dir = tempfile::tempdir()?;
        let database_url = match database_url {
            Some(url) if url.starts_with("postgres") => fresh_postgres_database(&url).await?,
            Some(url) => url,
            None => format!("sqlite://{}/village.sqlite3", data_dir.path().display()),
        };
        Ok(Self {
            data_dir,
            database_url,
            redis_url,
            server_binary: SERVER_BINARY.get().cloned(),
            jwt_secret: format!("bench-{}", uuid::Uuid::now_v7().simple()),
            vapid_private_key: village::push::new_vapid_pair()?.0,
            extra_env: Vec::new(),
        })
    }

    /// Settings as the servers have them, for seeding their database directly.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let mut settings = Settings::embedded(self.data_dir.path())?;
        settings.database_url = Some(self.database_url.clone());
        settings.jwt_secret = Some(self.jwt_secret.clone());
        Ok(settings)
    }
}

/// The `village` binary `--server` names, set once at start; unset: this build's own.
pub static SERVER_BINARY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// A new, empty database on the PostgreSQL server of `url`, so runs (and the builds
/// compared side by side) never see each other's rows or migrations; returns its URL.
async fn fresh_postgres_database(url: &str) -> anyhow::Result<String> {
    let mut server = sqlx::PgConnection::connect(url).await.context("connecting to PostgreSQL")?;
    let name = format!("village_bench_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut server).await?;
    let mut fresh = url::Url::parse(url)?;
    fresh.set_path(&name);
    Ok(fresh.to_string())
}

/// A port free on the loopback interface right now.
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl ServerProcess {
    /// Starts a server on `storage`; returns once it listens.
    pub async fn start(storage: &Storage) -> anyhow::Result<Self> {
        let mut command = match &storage.server_binary {
            Some(binary) => Command::new(binary),
            None => {
                let mut own = Command::new(std::env::current_exe()?);
                own.arg("serve-child");
                own
            }
        };
        command
            .env("VILLAGE_DATA_DIR", storage.data_dir.path())
            .env("DATABASE_URL", &storage.database_url)
            .env("VILLAGE_JWT_SECRET", &storage.jwt_secret)
            .env("VILLAGE_VAPID_PRIVATE_KEY", &storage.vapid_private_key)
            .env("VILLAGE_SIGN_UPS_PER_IP_PER_HOUR", "1000000")
            // The load comes from a few members on one address: lift what limits them.
            .env("VILLAGE_REPLIES_PER_MINUTE", "10000")
            .env("VILLAGE_UNVERIFIED_MAY_WRITE", "true")
            .env("VILLAGE_WS_ANONYMOUS_PER_ADDRESS", "1000000")
            .env("VILLAGE_DB_MAX_CONNECTIONS", "16")
            .env_remove("REDIS_URL")
            .stdout(Stdio::piped())
            .kill_on_drop(true);
        if let Some(redis) = &storage.redis_url {
            command.env("REDIS_URL", redis);
        }
        command.envs(storage.extra_env.iter().map(|(name, value)| (name, value)));
        if storage.server_binary.is_some() {
            let (port, worker_port) = (free_port()?, free_port()?);
            command
                .env("VILLAGE_BIND", format!("127.0.0.1:{port}"))
                .env("VILLAGE_WORKER_BIND", format!("127.0.0.1:{worker_port}"))
                .stdout(Stdio::null());
            let child = command.spawn().context("starting the server binary")?;
            let server = Self { url: format!("http://127.0.0.1:{port}"), child };
            server.wait_until_healthy().await?;
            return Ok(server);
        }
        let mut child = command.spawn().context("starting a server process")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut first_line = String::new();
        BufReader::new(stdout).read_line(&mut first_line).await?;
        let Some(url) = first_line.trim().strip_prefix("listening ") else {
            bail!("the server process did not start: {first_line:?}");
        };
        Ok(Self { url: url.to_owned(), child })
    }

    async fn wait_until_healthy(&self) -> anyhow::Result<()> {
        let (http, started) = (reqwest::Client::new(), Instant::now());
        while started.elapsed() < Duration::from_secs(60) {
            let answer = http.get(format!("{}/healthz", self.url)).send().await;
            if answer.is_ok_and(|answer| answer.status().is_success()) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("the server at {} did not come up within a minute", self.url)
    }

    /// CPU time the process has used so far, user and system.
    pub fn cpu_time(&self) -> anyhow::Result<Duration> {
        cpu_time_of(&self.child.id().context("the server process ended")?.to_string())
    }
    /// The process's resident memory, in bytes.
    pub fn resident_bytes(&self) -> anyhow::Result<u64> {
        let pid = self.child.id().context("the server process ended")?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let kib = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .context("no VmRSS in /proc")?;
        Ok(kib * 1024)
    }
}

/// CPU time process `pid` ("self" for this one) has used so far, user and system.
pub fn cpu_time_of(pid: &str) -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name (which may hold spaces) start at its ')'.
    let fields: Vec<&str> = stat.rsplit_once(')').context("odd /proc stat")?.1.split_whitespace().collect();
    let ticks = |n: usize| fields.get(n).and_then(|f| f.parse::<u64>().ok()).context("odd /proc stat");
    // utime and stime are fields 14 and 15 of stat(5); the list here starts at field 3.
    let total = ticks(11)? + ticks(12)?;
    Ok(Duration::from_millis(total * 1000 / CLOCK_TICKS_PER_SECOND))
}

/// The `serve-child` mode: a server configured from the environment, announcing its
/// address on stdout.
pub async fn serve() -> anyhow::Result<()> {
    let data_dir = std::env::var("VILLAGE_DATA_DIR").context("VILLAGE_DATA_DIR")?;
    let settings = Settings::embedded(data_dir)?;
    let app = village::App::build(settings).await?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    println!("listening http://{}", listener.local_addr()?);
    app.serve(listener, std::future::pending()).await
}
