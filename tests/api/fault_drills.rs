//! Faults of the services Village stands on, drilled: Redis away or restarted empty
//! costs a job neither attempts nor minutes, and PostgreSQL closing every pooled
//! connection (as a restart does) costs no client an error.

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::support::{OwnRedis, TestApp, eventually, postgres_admin_url};

/// Inserts a due job of `kind` with `attempts` already made and `locked_until` set
/// (as if relayed) or not; returns its id.
async fn due_job(app: &TestApp, kind: &str, attempts: i32, locked_until: Option<DateTime<Utc>>) -> Uuid {
    let insert = "INSERT INTO outbox (id, kind, subject_id, created_at, run_after, attempts, locked_until) \
                  VALUES ($1, $2, $1, $3, $3, $4, $5)";
    let (id, now) = (Uuid::now_v7(), Utc::now() - chrono::Duration::seconds(1));
    village::on_db!(&app.db, pool => sqlx::query(insert).bind(id).bind(kind).bind(now).bind(attempts).bind(locked_until).execute(pool).await.map(drop))
        .expect("a job");
    id
}

/// The job's attempts and when it is due, if it is still there.
async fn job(app: &TestApp, id: Uuid) -> Option<(i32, DateTime<Utc>)> {
    let select = "SELECT attempts, run_after FROM outbox WHERE id = $1";
    village::on_db!(&app.db, pool => sqlx::query_as(select).bind(id).fetch_optional(pool).await).expect("read")
}

#[tokio::test]
async fn while_redis_is_away_a_failing_job_keeps_its_attempts_and_backoff() {
    let mut redis = OwnRedis::start().await;
    let redis_url = redis.url();
    let mut app = TestApp::spawn_with(|settings| {
        settings.redis_url = Some(redis_url);
        settings.no_worker = false;
    })
    .await;
    app.expect_failed_jobs();
    redis.kill();
    // A job that fails whenever it runs, with three attempts behind it.
    let id = due_job(&app, "NO_SUCH_JOB", 3, None).await;

    // Dozens of relay rounds, each failing to pass it on.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (attempts, _) = job(&app, id).await.expect("still queued");
    assert_eq!(attempts, 3, "a relay that could not pass the job on gave back no attempt it had not taken");

    // It cannot run (and fail) before Redis is back: its backoff counts from after this.
    let back = Utc::now();
    redis.start_again().await;
    let (attempts, run_after) = eventually("the job to run once Redis is back", async || {
        job(&app, id).await.filter(|(attempts, _)| *attempts > 3)
    })
    .await;
    assert_eq!(attempts, 4);
    // Its fourth failure waits 16 s or more (2 s doubled three times, jitter only adds), not 2 s.
    assert!(run_after - back >= chrono::Duration::seconds(16), "backoff from its true count: {run_after}");
}

#[tokio::test]
async fn when_redis_restarts_empty_relayed_jobs_are_relayed_again_at_once() {
    let redis = OwnRedis::start().await;
    let redis_url = redis.url();
    let app = TestApp::spawn_with(|settings| {
        settings.redis_url = Some(redis_url);
        settings.no_worker = false;
    })
    .await;
    // A job relayed under a five-minute lease whose entry is then lost with the stream.
    let id = due_job(&app, "REPLY_POSTED", 0, Some(Utc::now() + chrono::Duration::minutes(5))).await;
    let client = redis::Client::open(redis.url()).expect("client");
    let mut connection = client.get_multiplexed_async_connection().await.expect("connected");
    redis::cmd("FLUSHALL").query_async::<()>(&mut connection).await.expect("flushed");

    eventually("the job to run within seconds, not when its lease lapsed", async || {
        job(&app, id).await.is_none().then_some(())
    })
    .await;
}

#[tokio::test]
async fn postgres_closing_every_pooled_connection_costs_no_client_an_error() {
    let Some(admin) = postgres_admin_url() else {
        eprintln!("needs VILLAGE_TEST_DATABASE_URL: a PostgreSQL drill");
        return;
    };
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    // Fill the pool with connections that have served requests.
    let requests = (0..20).map(|_| app.me(&ana.access_token));
    futures_util::future::join_all(requests).await;
    let database: String =
        village::on_db!(&app.db, pool => sqlx::query_scalar("SELECT current_database()").fetch_one(pool).await)
            .expect("name");

    // What a restart does to them: "terminating connection due to administrator command".
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await.expect("admin");
    let terminate =
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()";
    let ended: Vec<bool> =
        sqlx::query_scalar(terminate).bind(&database).fetch_all(&mut admin).await.expect("terminated");
    assert!(!ended.is_empty(), "the server's pooled connections were ended");

    let answers = futures_util::future::join_all((0..20).map(|_| app.me(&ana.access_token))).await;
    let failed: Vec<_> = answers.iter().filter(|answer| !answer["errors"].is_null()).collect();
    assert!(failed.is_empty(), "{failed:?}");
}

/// `graphql_errors_total{code="…"}` on a metrics page.
fn errors_counted(metrics: &str, code: &str) -> f64 {
    let series = format!("graphql_errors_total{{code=\"{code}\"}} ");
    metrics.lines().find_map(|line| line.strip_prefix(&series)?.trim().parse().ok()).unwrap_or(0.0)
}

#[tokio::test]
async fn answers_failing_while_postgres_is_away_are_each_counted_once_as_internal() {
    let Some(admin) = postgres_admin_url() else {
        eprintln!("needs VILLAGE_TEST_DATABASE_URL: a PostgreSQL drill");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let database = crate::support::TestDatabase::create(dir.path()).await;
    // A process of its own: its /metrics counts its own errors only.
    let server = crate::support::ServerProcess::start(dir.path(), &database.url, true).await;
    let signed_up = server
        .graphql(
            "mutation { signUp(input: { email: \"ana@example.com\", password: \"correct horse battery\", displayName: \"Ana\" }) { accessToken } }",
            serde_json::json!({}),
            None,
        )
        .await;
    let token = signed_up["data"]["signUp"]["accessToken"].as_str().expect("signed up").to_owned();
    let name = database.url.rsplit('/').next().expect("a database name").to_owned();
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await.expect("admin");
    let away = [
        format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"),
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    ];
    for statement in &away {
        sqlx::query(statement).execute(&mut admin).await.expect("database away");
    }

    let before = errors_counted(&server.get("/metrics").await, "INTERNAL");
    for _ in 0..3 {
        let answer = server.graphql("{ me { id } }", serde_json::json!({}), Some(&token)).await;
        assert_eq!(answer["errors"][0]["extensions"]["code"], "INTERNAL", "{answer}");
        assert_eq!(answer["errors"][0]["message"], "internal error", "nothing of the cause: {answer}");
    }
    let after = errors_counted(&server.get("/metrics").await, "INTERNAL");

    assert_eq!(after - before, 3.0, "each failed answer counted once");
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).execute(&mut admin).await.expect("back");
    server.terminate().await;
}
