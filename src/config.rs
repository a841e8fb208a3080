//! Command line and environment settings: one struct, every field a flag with an
//! environment fallback, so `village --help` documents the whole configuration.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

/// Distinct members whose open reports hold a thread or a reply for review, unless set.
pub const DEFAULT_REPORTS_TO_HOLD: u32 = 3;

/// The `village` command line.
#[derive(Debug, Parser)]
#[command(name = "village", version, about = "Village: the backend of a community app for working mothers")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub settings: Settings,
}

/// What the process should do; `serve` when none is given.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the API server (the default).
    Serve,
    /// Run only the background workers (notification jobs), no API, until SIGTERM;
    /// /healthz, /readyz and /metrics answer on --worker-bind.
    Worker,
    /// Apply database migrations and exit.
    Migrate,
    /// Print a new VAPID key pair (for VILLAGE_VAPID_PRIVATE_KEY and clients).
    VapidKeys,
    /// Print the GraphQL schema (SDL) to standard output.
    ExportSchema,
    /// Fill an empty database with a demo community (password: village-demo).
    SeedDemo,
    /// Community admins (organisers who send newsletters): only granted here, never by
    /// the API.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
}

/// What `village admin` does.
#[derive(Debug, Clone, Subcommand)]
pub enum AdminAction {
    /// Makes the member with this sign-in email a community admin.
    Grant { email: String },
    /// Makes her a member like any other again.
    Revoke { email: String },
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Every setting of a Village process.
#[derive(Clone, clap::Args)]
pub struct Settings {
    /// Address and port the HTTP server listens on.
    #[arg(long, env = "VILLAGE_BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,

    /// Address and port `village worker` answers /healthz, /readyz and /metrics on (a
    /// port of its own, so a worker and a server on one host do not collide).
    #[arg(long, env = "VILLAGE_WORKER_BIND", default_value = "127.0.0.1:8081", global = true)]
    pub worker_bind: SocketAddr,

    /// Directory for the embedded SQLite database and generated secrets.
    #[arg(long, env = "VILLAGE_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite://…` or `postgres://…`. Defaults to a SQLite file in the data dir.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Maximum connections in the database pool.
    #[arg(long, env = "VILLAGE_DB_MAX_CONNECTIONS", default_value_t = 16,
          value_parser = clap::value_parser!(u32).range(1..=1000), global = true)]
    pub db_max_connections: u32,

    /// Redis URL (`redis://…`), shared by every instance: carries real-time updates between
    /// them; checked by /readyz.
    #[arg(long, env = "REDIS_URL", global = true)]
    pub redis_url: Option<String>,

    /// Secret that signs access tokens (at least 32 bytes). Required with PostgreSQL;
    /// generated into the data dir in embedded mode. Prefer the variable: flags show in `ps`.
    #[arg(long, env = "VILLAGE_JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<String>,

    /// The VAPID private key that signs pushes (base64url, 32 bytes; `village vapid-keys`
    /// makes a pair). Required with PostgreSQL; generated into the data dir in embedded mode.
    #[arg(long, env = "VILLAGE_VAPID_PRIVATE_KEY", hide_env_values = true, global = true)]
    pub vapid_private_key: Option<String>,

    /// Who push services can contact about this server's pushes (`mailto:…` or
    /// `https:…`). Required in production.
    #[arg(long, env = "VILLAGE_VAPID_SUBJECT", global = true)]
    pub vapid_subject: Option<String>,

    /// Accept push endpoints on local hosts and plain http (tests and development only).
    #[arg(long, env = "VILLAGE_ALLOW_LOCAL_PUSH_ENDPOINTS", global = true)]
    pub allow_local_push_endpoints: bool,

    #[command(flatten)]
    pub native_push: NativePushSettings,

    #[command(flatten)]
    pub email: EmailSettings,

    /// Lifetime of an access token, in seconds (10 to 900).
    #[arg(long, env = "VILLAGE_ACCESS_TOKEN_TTL", default_value_t = 900,
          value_parser = clap::value_parser!(u64).range(10..=900), global = true)]
    pub access_token_ttl_secs: u64,

    /// Lifetime of a refresh token since its last use, in days.
    #[arg(long, env = "VILLAGE_REFRESH_TOKEN_TTL_DAYS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=365), global = true)]
    pub refresh_token_ttl_days: u64,

    /// Seconds a refresh token already traded in still gets the same new pair back
    /// (a mobile client whose answer was lost retries); after that, presenting it again
    /// signs the session out. At most half the access-token lifetime counts.
    #[arg(long, env = "VILLAGE_REFRESH_REUSE_GRACE_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=300), global = true)]
    pub refresh_reuse_grace_secs: u64,

    /// Sign-ups accepted from one client address per hour (raise it for a conference
    /// signing up on one venue network).
    #[arg(long, env = "VILLAGE_SIGN_UPS_PER_IP_PER_HOUR", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..), global = true)]
    pub sign_ups_per_ip_per_hour: u32,

    /// Replies one member may post per minute (a burst of all of them, then one every
    /// 60/N seconds); one more gets RATE_LIMITED. Counted across instances with Redis.
    #[arg(long, env = "VILLAGE_REPLIES_PER_MINUTE", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub replies_per_minute: u32,

    /// Threads one member may start per hour.
    #[arg(long, env = "VILLAGE_THREADS_PER_HOUR", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub threads_per_hour: u32,

    /// Reactions (given or taken back) one member may make per minute.
    #[arg(long, env = "VILLAGE_REACTIONS_PER_MINUTE", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub reactions_per_minute: u32,

    /// RSVPs one member may answer per minute.
    #[arg(long, env = "VILLAGE_RSVPS_PER_MINUTE", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub rsvps_per_minute: u32,

    /// Connection requests one member may send per hour.
    #[arg(long, env = "VILLAGE_CONNECTION_REQUESTS_PER_HOUR", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub connection_requests_per_hour: u32,

    /// Direct messages (first ones included) one member may send per minute.
    #[arg(long, env = "VILLAGE_MESSAGES_PER_MINUTE", default_value_t = 30, global = true)]
    pub messages_per_minute: u32,

    /// Coffee chats (new times included) one member may propose per day.
    #[arg(long, env = "VILLAGE_COFFEE_CHATS_PER_DAY", default_value_t = 20, global = true)]
    pub coffee_chats_per_day: u32,

    /// Coffee chats one member may have proposed and still waiting for an answer.
    #[arg(long, env = "VILLAGE_OPEN_COFFEE_CHATS", default_value_t = 5, global = true)]
    pub open_coffee_chats: usize,

    /// Distinct members whose open reports hold a thread or a reply for review: hidden
    /// from all but its author and the group's moderators, who are told.
    #[arg(long, env = "VILLAGE_REPORTS_TO_HOLD", default_value_t = DEFAULT_REPORTS_TO_HOLD,
          value_parser = clap::value_parser!(u32).range(1..=1_000), global = true)]
    pub reports_to_hold: u32,

    /// Reports one member may file per hour.
    #[arg(long, env = "VILLAGE_REPORTS_PER_HOUR", default_value_t = 20, global = true)]
    pub reports_per_hour: u32,

    /// Jobs one member may post to the job board per day.
    #[arg(long, env = "VILLAGE_JOB_POSTS_PER_DAY", default_value_t = 10, global = true)]
    pub job_posts_per_day: u32,

    /// Sessions (signed-in devices) one member may hold; signing in once more ends
    /// her oldest.
    #[arg(long, env = "VILLAGE_SESSIONS_PER_MEMBER", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=1_000), global = true)]
    pub sessions_per_member: u32,

    /// Seconds a WebSocket client has to send `connection_init` before it is closed (4408).
    #[arg(long, env = "VILLAGE_WS_INIT_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=60), global = true)]
    pub ws_init_timeout_secs: u64,

    /// WebSocket connections one member may hold open at once, across all instances
    /// (her phone, tablet and browser tabs); one more is closed with 1008.
    #[arg(long, env = "VILLAGE_WS_CONNECTIONS_PER_MEMBER", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=1000), global = true)]
    pub ws_connections_per_member: u64,

    /// WebSockets this process holds open at once; one more is closed with 1013 (try
    /// again later). Defaults to three quarters of the open-file limit (raised to its
    /// hard limit at start) less 256, keeping the rest for HTTP, the database and Redis.
    #[arg(long, env = "VILLAGE_WS_MAX_CONNECTIONS",
          value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub ws_max_connections: Option<u64>,

    /// WebSockets one client address may hold open without a member's token (before
    /// `connection_init`, or initialised anonymously); one more is closed with 1008.
    #[arg(long, env = "VILLAGE_WS_ANONYMOUS_PER_ADDRESS", default_value_t = 32,
          value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub ws_anonymous_per_address: u64,

    /// Web origins allowed to call the API from a browser (CORS) and to open WebSockets
    /// (comma-separated, e.g. `https://app.village.example`); empty allows any (tokens
    /// travel in headers, never cookies). Native apps send no Origin.
    #[arg(long, env = "VILLAGE_ALLOWED_ORIGINS", value_delimiter = ',', global = true)]
    pub allowed_origins: Vec<String>,

    /// Seconds a worker holds a claimed job before another worker may take it over (a
    /// worker that died lets its jobs go after this long).
    #[arg(long, env = "VILLAGE_JOB_CLAIM_SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600), global = true)]
    pub job_claim_secs: u64,

    /// Serve the API without running the background workers (run `village worker`
    /// processes for them instead).
    #[arg(long, env = "VILLAGE_NO_WORKER", global = true)]
    pub no_worker: bool,

    /// Production mode: no GraphQL introspection, no "did you mean" suggestions, no GraphiQL.
    #[arg(long, env = "VILLAGE_PRODUCTION", global = true)]
    pub production: bool,

    /// A trusted-documents manifest (JSON, `{"<sha256 hex>": "<document>"}`, as the
    /// mobile SDK's build writes it) whose operations clients may send by hash, beside the
    /// SDK's own manifest built into the server.
    #[arg(long, env = "VILLAGE_TRUSTED_DOCUMENTS", global = true)]
    pub trusted_documents: Option<PathBuf>,

    /// Run only the operations of the trusted-documents manifests; any other query text
    /// is refused with `TRUSTED_DOCUMENTS_ONLY` (for a first-party mobile API).
    #[arg(long, env = "VILLAGE_TRUSTED_DOCUMENTS_ONLY", global = true)]
    pub trusted_documents_only: bool,

    /// Take the client address from the last `X-Forwarded-For` entry (set when behind a
    /// load balancer that appends it).
    #[arg(long, env = "VILLAGE_BEHIND_PROXY", global = true)]
    pub behind_proxy: bool,

    /// Log format.
    #[arg(long, env = "VILLAGE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Seconds to wait for in-flight requests after a shutdown signal.
    #[arg(long, env = "VILLAGE_SHUTDOWN_GRACE", default_value_t = 20, global = true)]
    pub shutdown_grace_secs: u64,
}

impl Settings {
    /// Settings for an embedded server in `data_dir`, as if no flag were given (the
    /// environment still applies, as it would to `village serve`).
    pub fn embedded(data_dir: impl Into<PathBuf>) -> Result<Self, clap::Error> {
        let mut settings = Cli::try_parse_from(["village"])?.settings;
        settings.data_dir = data_dir.into();
        Ok(settings)
    }

    /// The database URL in force: the configured one or the embedded SQLite file.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}/village.sqlite3", self.data_dir.display()),
        }
    }

    /// How long an access token lives.
    pub fn access_token_ttl(&self) -> Duration {
        Duration::from_secs(self.access_token_ttl_secs)
    }

    /// How long a traded-in refresh token still gets its pair again: the setting, but
    /// never so long that the access token handed back again has run out.
    pub fn refresh_reuse_grace(&self) -> Duration {
        Duration::from_secs(self.refresh_reuse_grace_secs.min(self.access_token_ttl_secs / 2))
    }

    /// How long a refresh token lives after its last use.
    pub fn refresh_token_ttl(&self) -> Duration {
        Duration::from_secs(self.refresh_token_ttl_days * 24 * 3600)
    }
}

/// Settings as printed at start: passwords in URLs and secrets are hidden.
impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("worker_bind", &self.worker_bind)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.effective_database_url()))
            .field("db_max_connections", &self.db_max_connections)
            .field("redis_url", &self.redis_url.as_deref().map(redact_url))
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "<hidden>"))
            .field("vapid_private_key", &self.vapid_private_key.as_ref().map(|_| "<hidden>"))
            .field("vapid_subject", &self.vapid_subject)
            .field("allow_local_push_endpoints", &self.allow_local_push_endpoints)
            .field("native_push", &self.native_push)
            .field("email", &self.email)
            .field("access_token_ttl_secs", &self.access_token_ttl_secs)
            .field("refresh_token_ttl_days", &self.refresh_token_ttl_days)
            .field("refresh_reuse_grace_secs", &self.refresh_reuse_grace_secs)
            .field("sign_ups_per_ip_per_hour", &self.sign_ups_per_ip_per_hour)
            .field("replies_per_minute", &self.replies_per_minute)
            .field("threads_per_hour", &self.threads_per_hour)
            .field("reactions_per_minute", &self.reactions_per_minute)
            .field("rsvps_per_minute", &self.rsvps_per_minute)
            .field("connection_requests_per_hour", &self.connection_requests_per_hour)
            .field("messages_per_minute", &self.messages_per_minute)
            .field("coffee_chats_per_day", &self.coffee_chats_per_day)
            .field("open_coffee_chats", &self.open_coffee_chats)
            .field("job_posts_per_day", &self.job_posts_per_day)
            .field("reports_per_hour", &self.reports_per_hour)
            .field("reports_to_hold", &self.reports_to_hold)
            .field("sessions_per_member", &self.sessions_per_member)
            .field("ws_init_timeout_secs", &self.ws_init_timeout_secs)
            .field("ws_connections_per_member", &self.ws_connections_per_member)
            .field("ws_max_connections", &self.ws_max_connections)
            .field("ws_anonymous_per_address", &self.ws_anonymous_per_address)
            .field("allowed_origins", &self.allowed_origins)
            .field("job_claim_secs", &self.job_claim_secs)
            .field("no_worker", &self.no_worker)
            .field("production", &self.production)
            .field("trusted_documents", &self.trusted_documents)
            .field("trusted_documents_only", &self.trusted_documents_only)
            .field("behind_proxy", &self.behind_proxy)
            .field("log_format", &self.log_format)
            .field("shutdown_grace_secs", &self.shutdown_grace_secs)
            .finish()
    }
}

/// How email goes out and what its links point at. Without an SMTP server every message
/// is written as an `.eml` file under `<data-dir>/mail/` and its links are logged.
#[derive(Clone, clap::Args)]
pub struct EmailSettings {
    /// The SMTP server: `smtp://user:pass@host:587` (STARTTLS, required),
    /// `smtps://user:pass@host:465` (TLS from the start), or `smtp://host:2525?tls=none`
    /// (no TLS: a relay on this machine, tests). Without it, mail goes to files.
    #[arg(long, env = "VILLAGE_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// Who email comes from, e.g. `Village <hello@village.example>`. Required in
    /// production.
    #[arg(long, env = "VILLAGE_EMAIL_FROM", global = true)]
    pub email_from: Option<String>,

    /// The address members reach this server at, for the links in email (e.g.
    /// `https://api.village.example`). Defaults to `http://<bind>`; required in production.
    #[arg(long, env = "VILLAGE_PUBLIC_URL", global = true)]
    pub public_url: Option<url::Url>,

    /// Let members whose email is not verified yet post, message and RSVP (development
    /// and tests only; by default they may read until they follow the emailed link).
    #[arg(long, env = "VILLAGE_UNVERIFIED_MAY_WRITE", global = true)]
    pub unverified_may_write: bool,

    /// Newsletter emails queued per minute (a steady pace the mail server and the
    /// receiving providers accept).
    #[arg(long, env = "VILLAGE_NEWSLETTER_EMAILS_PER_MINUTE", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(1..=100_000), global = true)]
    pub newsletter_emails_per_minute: u32,
}

impl fmt::Debug for EmailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmailSettings")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("email_from", &self.email_from)
            .field("public_url", &self.public_url.as_ref().map(url::Url::as_str))
            .field("unverified_may_write", &self.unverified_may_write)
            .field("newsletter_emails_per_minute", &self.newsletter_emails_per_minute)
            .finish()
    }
}

/// Where pushes to the native apps go, and the keys they are sent with. FCM is on once
/// its credentials are given, APNs once its four settings are; both are off by default.
#[derive(Clone, clap::Args)]
pub struct NativePushSettings {
    /// The service-account key Google issues for FCM: a path to its JSON.
    #[arg(long, env = "VILLAGE_FCM_CREDENTIALS", global = true)]
    pub fcm_credentials: Option<PathBuf>,

    /// FCM's base URL (staging and tests point it at a relay or a local service).
    #[arg(long, env = "VILLAGE_FCM_URL", default_value = "https://fcm.googleapis.com", global = true)]
    pub fcm_url: String,

    /// Apple's token-signing key (`AuthKey_<key id>.p8`): a path to it, or its PEM text.
    #[arg(long, env = "VILLAGE_APNS_KEY", hide_env_values = true, global = true)]
    pub apns_key: Option<String>,

    /// The id of that key (10 characters, shown beside it in Apple's developer account).
    #[arg(long, env = "VILLAGE_APNS_KEY_ID", global = true)]
    pub apns_key_id: Option<String>,

    /// The Apple developer team id.
    #[arg(long, env = "VILLAGE_APNS_TEAM_ID", global = true)]
    pub apns_team_id: Option<String>,

    /// The iOS app's bundle id, which every push names as its topic.
    #[arg(long, env = "VILLAGE_APNS_TOPIC", global = true)]
    pub apns_topic: Option<String>,

    /// APNs for apps from the App Store and TestFlight.
    #[arg(long, env = "VILLAGE_APNS_URL", default_value = "https://api.push.apple.com", global = true)]
    pub apns_url: String,

    /// APNs for development builds (devices registered with environment SANDBOX).
    #[arg(long, env = "VILLAGE_APNS_SANDBOX_URL", default_value = "https://api.sandbox.push.apple.com", global = true)]
    pub apns_sandbox_url: String,

    /// Certificate authorities (a PEM file) trusted for FCM and APNs beside the
    /// system's: for a staging relay or the tests' local services.
    #[arg(long, env = "VILLAGE_PUSH_CA_CERTIFICATES", global = true)]
    pub push_ca_certificates: Option<PathBuf>,
}

/// Native push settings as printed at start: the APNs key is hidden.
impl fmt::Debug for NativePushSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NativePushSettings")
            .field("fcm_credentials", &self.fcm_credentials)
            .field("fcm_url", &self.fcm_url)
            .field("apns_key", &self.apns_key.as_ref().map(|_| "<hidden>"))
            .field("apns_key_id", &self.apns_key_id)
            .field("apns_team_id", &self.apns_team_id)
            .field("apns_topic", &self.apns_topic)
            .field("apns_url", &self.apns_url)
            .field("apns_sandbox_url", &self.apns_sandbox_url)
            .field("push_ca_certificates", &self.push_ca_certificates)
            .finish()
    }
}

/// Replaces the password of `scheme://user:password@host/…` with `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_hidden() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/village"), "postgres://app:***@db:5432/village");
        assert_eq!(redact_url("redis://:pw@cache:6379"), "redis://:***@cache:6379");
        assert_eq!(redact_url("sqlite://./data/village.sqlite3"), "sqlite://./data/village.sqlite3");
    }

    #[test]
    fn debug_output_hides_the_token_secret() {
        let mut settings = Settings::embedded("/tmp/x").expect("default settings parse");
        settings.jwt_secret = Some("super-secret-value-that-is-long-enough".into());
        let printed = format!("{settings:?}");
        assert!(!printed.contains("super-secret"), "{printed}");
        assert!(printed.contains("<hidden>"));
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
