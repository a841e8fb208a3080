//! `TestApp`: a real Village server started in-process on 127.0.0.1:0 against a fresh
//! database — a SQLite file by default, or a new PostgreSQL database (dropped afterwards)
//! when `VILLAGE_TEST_DATABASE_URL` is set; Redis when `VILLAGE_TEST_REDIS_URL` is set.
//! It runs no job worker unless asked: `jobs_done()` runs the due jobs in the test.
//! Members act through it as themselves (`app.member("ana")`), tests wait with
//! `eventually()`, and each test ends with a check that no job was set aside.

#![allow(dead_code)] // each test module uses a different part of the helper

mod eventually;
mod fixtures;
mod live;
mod members;
pub mod native_push;
mod postgres;
mod process;
mod push_service;
mod redis;
mod smtp;
pub use postgres::postgres_admin_url;

use std::time::Duration;

use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use village::config::Settings;
use village::db::Db;

pub use eventually::{eventually, eventually_within};
pub use fixtures::{notifications_of, thread_with_a_reply};
pub use live::{Socket, acknowledged, close_code, connect, connect_to, receive, send, watch};
pub use members::Member;
pub use native_push::{APNS_TOPIC, NativeAnswer, NativePush, NativeReceived};
pub use postgres::TestDatabase;
pub use process::{SETTING_VARIABLES, ServerProcess, village};
pub use push_service::{Answer, PushService, Received, TestDevice};
pub use redis::OwnRedis;
pub use smtp::SmtpServer;

/// The token secret every test server signs with.
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";
/// The tests' VAPID key pair (from `village vapid-keys`).
pub const VAPID_PRIVATE_KEY: &str = "pozVe5yfFgibeEzDW8yAeRtS1X7ZB__j06M-zKoFnXU";
pub const VAPID_PUBLIC_KEY: &str =
    "BO7GFB7O5GlHTtJERGhmZ5rwr-7I4To8avFeZ1ZQus2KxP92ioVHpNjaKjIqgr0d7fmS4E0Pn4CntJ2arOHD1ac";
/// The contact the test servers give push services.
pub const VAPID_SUBJECT: &str = "mailto:ops@village.example";
pub const PASSWORD: &str = "correct horse battery";

/// A running server and a client for it.
pub struct TestApp {
    pub url: String,
    pub http: reqwest::Client,
    /// A separate pool on the server's database, for asserting what is stored.
    pub db: Db,
    pub settings: Settings,
    /// The mail server the server sends through: what it received.
    pub smtp: SmtpServer,
    /// What the server's jobs run with, for running them here when it runs no worker.
    jobs: village::jobs::Worker,
    /// Whether the test makes jobs fail on purpose (the end-of-test check allows it).
    failed_jobs_expected: bool,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _database: TestDatabase,
    _data_dir: TempDir,
}

/// Tokens of a signed-in test member.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub member_id: String,
}

impl Session {
    pub fn from_payload(payload: &Value) -> Self {
        let text = |key: &str| payload[key].as_str().unwrap_or_default().to_owned();
        Self {
            access_token: text("accessToken"),
            refresh_token: text("refreshToken"),
            member_id: payload["member"]["id"].as_str().unwrap_or_default().to_owned(),
        }
    }
}

/// An HTTP client for the tests (reqwest's TLS takes the process's rustls provider:
/// ring, as the server installs it; a test may need one before any server starts).
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("client")
}

/// The GraphQL selection of an `AuthPayload` that [`Session`] reads.
pub const AUTH_FIELDS: &str = "accessToken accessTokenExpiresAt refreshToken member { id displayName email }";

/// Settings for a test server on `database`, with `data_dir` for anything embedded.
pub fn test_settings(database: &TestDatabase, data_dir: &std::path::Path) -> Settings {
    let mut settings = Settings::embedded(data_dir).expect("default settings");
    settings.database_url = Some(database.url.clone());
    settings.redis_url = std::env::var("VILLAGE_TEST_REDIS_URL").ok();
    settings.jwt_secret = Some(JWT_SECRET.to_owned());
    settings.vapid_private_key = Some(VAPID_PRIVATE_KEY.to_owned());
    settings.vapid_subject = Some(VAPID_SUBJECT.to_owned());
    settings.db_max_connections = 5;
    settings.shutdown_grace_secs = 5;
    // Jobs run when the test says (`jobs_done`), so what one does happens at a known
    // point; a test of the background pipeline itself sets `no_worker = false`.
    settings.no_worker = true;
    // Members post as soon as they sign up; the tests of email verification turn the
    // production rule back on.
    settings.email.unverified_may_write = true;
    settings
}

impl TestApp {
    /// A server with default settings.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A server whose settings `adjust` changes first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let database = TestDatabase::create(data_dir.path()).await;
        let smtp = SmtpServer::start().await;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let mut settings = test_settings(&database, data_dir.path());
        // Where it listens, so the links in its email lead back to it.
        settings.bind = listener.local_addr().expect("address");
        settings.email.smtp_url = Some(smtp.url());
        adjust(&mut settings);
        let app = village::App::build(settings.clone()).await.expect("server starts");
        let jobs = app.jobs();
        let (shutdown, stop) = oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(listener, async move {
            let _ = stop.await;
        }));
        let db = village::db::connect(&database.url, 2).await.expect("second pool");
        let http = http_client();
        Self {
            url,
            http,
            db,
            settings,
            smtp,
            jobs,
            failed_jobs_expected: false,
            shutdown: Some(shutdown),
            server: Some(server),
            _database: database,
            _data_dir: data_dir,
        }
    }

    /// Starts a second server on the same database and Redis (another instance behind
    /// the same load balancer); returns its base URL. It stops with the test.
    pub async fn another_instance(&self) -> String {
        self.another_instance_with(|_| {}).await
    }

    /// [`Self::another_instance`] with its settings adjusted.
    pub async fn another_instance_with(&self, adjust: impl FnOnce(&mut Settings)) -> String {
        let mut settings = self.settings.clone();
        adjust(&mut settings);
        let app = village::App::build(settings).await.expect("another instance starts");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(app.serve(listener, std::future::pending()));
        url
    }

    /// Stops the server gracefully and returns what `serve` returned.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.server.take() {
            Some(server) => server.await?,
            None => Ok(()),
        }
    }

    /// POSTs a raw body to /graphql; returns the status and the JSON answer.
    pub async fn post_raw(&self, body: impl Into<reqwest::Body>, token: Option<&str>) -> (u16, Value) {
        post_graphql(&self.http, &self.url, body, token).await
    }

    /// Runs one operation and also returns how many SQL statements the server ran for it.
    pub async fn graphql_counting_statements(&self, query: &str, variables: Value, token: &str) -> (Value, usize) {
        let body = json!({ "query": query, "variables": variables });
        let response =
            self.http.post(format!("{}/graphql", self.url)).bearer_auth(token).json(&body).send().await.expect("sent");
        let statements =
            response.headers()["x-village-sql-statements"].to_str().expect("header").parse().expect("count");
        (response.json().await.expect("JSON answer"), statements)
    }

    /// Runs one GraphQL operation, optionally as the bearer of `token`.
    pub async fn graphql(&self, query: &str, variables: Value, token: Option<&str>) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        self.post_raw(body, token).await.1
    }

    /// Signs up a member named `name` with `email` and the test password, her address
    /// confirmed (as if she had followed the emailed link).
    pub async fn sign_up(&self, email: &str, name: &str) -> Member {
        let member = self.sign_up_unconfirmed(email, name).await;
        let confirm = "UPDATE members SET email_verified_at = created_at WHERE email = $1";
        let email = email.trim().to_lowercase();
        village::on_db!(&self.db, pool => sqlx::query(confirm).bind(&email).execute(pool).await.map(drop))
            .expect("address confirmed");
        member
    }

    /// Signs up a member whose address is not confirmed yet.
    pub async fn sign_up_unconfirmed(&self, email: &str, name: &str) -> Member {
        let query = format!("mutation($input: SignUpInput!) {{ signUp(input: $input) {{ {AUTH_FIELDS} }} }}");
        let input = json!({ "input": { "email": email, "password": PASSWORD, "displayName": name } });
        let answer = self.graphql(&query, input, None).await;
        assert!(answer["errors"].is_null(), "sign-up failed: {answer}");
        self.signed_in(&answer["data"]["signUp"])
    }

    /// The member an `AuthPayload` (of a sign-in or refresh) signed in.
    pub fn signed_in(&self, payload: &Value) -> Member {
        Member::new(Session::from_payload(payload), &self.url, &self.http)
    }

    /// Signs up the member `name` ("ana": Ana, ana@example.com), her address confirmed.
    pub async fn member(&self, name: &str) -> Member {
        self.sign_up(&format!("{name}@example.com"), &display_name_of(name)).await
    }

    /// Signs up the member `name` without confirming her address.
    pub async fn unconfirmed_member(&self, name: &str) -> Member {
        self.sign_up_unconfirmed(&format!("{name}@example.com"), &display_name_of(name)).await
    }

    /// Signs in; returns the whole answer.
    pub async fn sign_in(&self, email: &str, password: &str) -> Value {
        let query = format!("mutation($input: SignInInput!) {{ signIn(input: $input) {{ {AUTH_FIELDS} }} }}");
        self.graphql(&query, json!({ "input": { "email": email, "password": password } }), None).await
    }

    /// Refreshes; returns the whole answer.
    pub async fn refresh(&self, refresh_token: &str) -> Value {
        let query =
            format!("mutation($input: RefreshSessionInput!) {{ refreshSession(input: $input) {{ {AUTH_FIELDS} }} }}");
        self.graphql(&query, json!({ "input": { "refreshToken": refresh_token } }), None).await
    }

    /// `me` as the bearer of `token`; returns the whole answer.
    pub async fn me(&self, token: &str) -> Value {
        self.graphql("{ me { id displayName email } }", json!({}), Some(token)).await
    }

    /// Once every due job has run: run here when the server runs no worker
    /// (`no_worker`), waited for when it does.
    pub async fn jobs_done(&self) {
        if self.settings.no_worker {
            return self.run_pending_jobs().await;
        }
        let depth = async || village::jobs::depth(&self.db).await.expect("queue depth");
        eventually("the worker to run every due job", async || (depth().await.due == 0).then_some(())).await;
    }

    /// Runs every due job here, and those they make due, until none is left.
    pub async fn run_pending_jobs(&self) {
        let depth = async || village::jobs::depth(&self.db).await.expect("queue depth");
        eventually_within(Duration::from_secs(60), "every due job to run", async || {
            village::jobs::run_due(&self.jobs).await.expect("jobs ran");
            (depth().await.due == 0).then_some(())
        })
        .await;
    }

    /// Runs the jobs due now here, once, and returns the SQL statements they ran.
    pub async fn run_due_jobs_counting_statements(&self) -> usize {
        let run = async { village::jobs::run_due(&self.jobs).await.expect("jobs ran") };
        village::db::statements::counting(run).await.1
    }

    /// Runs here, as if it were `at`, every job due by then and those they make due:
    /// how a test makes a reminder's, a quiet window's or a retry's time come.
    /// Only on a server without a worker, whose claims the later time would overrun.
    pub async fn run_jobs_at(&self, at: chrono::DateTime<chrono::Utc>) {
        assert!(self.settings.no_worker, "jobs run at another time only where no worker runs them now");
        village::clock::as_if_at(at, self.run_pending_jobs()).await;
    }

    /// Lets this test end with jobs that failed or were set aside (it makes them fail
    /// on purpose).
    pub fn expect_failed_jobs(&mut self) {
        self.failed_jobs_expected = true;
    }

    /// Rows in `table` (a fixed table name, optionally with a WHERE clause, from the test).
    pub async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let count = village::on_db!(&self.db, pool => sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await);
        count.expect("count rows")
    }

    /// GET a path; returns status and body text.
    pub async fn get(&self, path: &str) -> (u16, String) {
        self.get_as(path, None).await
    }

    /// GET a path as the bearer of `token`; returns status and body text.
    pub async fn get_as(&self, path: &str, token: Option<&str>) -> (u16, String) {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("GET");
        (response.status().as_u16(), response.text().await.unwrap_or_default())
    }
}

/// "ana" → "Ana".
fn display_name_of(name: &str) -> String {
    let mut display_name = name.to_owned();
    display_name[..1].make_ascii_uppercase();
    display_name
}

/// POSTs `body` to `url`'s /graphql, optionally as the bearer of `token`; returns the
/// status and the JSON answer.
async fn post_graphql(
    http: &reqwest::Client,
    url: &str,
    body: impl Into<reqwest::Body>,
    token: Option<&str>,
) -> (u16, Value) {
    let mut request = http.post(format!("{url}/graphql")).header("content-type", "application/json").body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Every test ends with no job failing or set aside unless it said it would: a job's
/// failure is one the API never shows.
impl Drop for TestApp {
    fn drop(&mut self) {
        if self.failed_jobs_expected || std::thread::panicking() {
            return;
        }
        let url = self._database.url.clone();
        // Its own runtime on its own thread: the test's runtime is the one dropping us.
        let dead = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                let db = village::db::connect(&url, 1).await.expect("connected");
                let sql = "SELECT kind || ': ' || COALESCE(last_error, '') FROM outbox \
                           WHERE dead_at IS NOT NULL OR last_error IS NOT NULL";
                village::on_db!(&db, pool => sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await)
                    .expect("failed jobs read")
            })
        })
        .join()
        .expect("failed jobs read");
        assert!(dead.is_empty(), "jobs failed or were set aside: {dead:?}");
    }
}

/// The `extensions.code` of the first error of a GraphQL answer.
pub fn error_code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("<no error code>")
}

/// The `extensions.field` of the first error.
pub fn error_field(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["field"].as_str().unwrap_or("<no field>")
}

/// The `extensions.reason` of the first error.
pub fn error_reason(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["reason"].as_str().unwrap_or("<no reason>")
}
