//! Operations endpoints: liveness, readiness, metrics, graceful stop.

use serde_json::{Value, json};

use crate::support::TestApp;

#[tokio::test]
async fn healthz_answers_while_the_process_is_up() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await, (200, "ok".to_owned()));
}

#[tokio::test]
async fn readyz_reports_the_database_and_redis() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get("/readyz").await;
    let body: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["database"], "ok");
    let expected_redis = if app.settings.redis_url.is_some() { "ok" } else { "not configured" };
    assert_eq!(body["redis"], expected_redis);
}

/// The value of the series `series` (name and labels exactly) in a metrics page.
fn sample(metrics: &str, series: &str) -> f64 {
    metrics.lines().find_map(|line| line.strip_prefix(series)?.trim().parse().ok()).unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_requests_errors_and_pool_connections() {
    // The recorder is shared by every server in this test process: compare before/after.
    let app = TestApp::spawn().await;
    let requests = r#"http_requests_total{method="POST",route="/graphql",status="200"}"#;
    let errors = r#"graphql_errors_total{code="UNAUTHENTICATED"}"#;
    let before = app.get("/metrics").await.1;

    let answer = app.graphql("{ me { id } }", json!({}), None).await;
    assert!(answer["errors"].is_array());
    let (status, after) = app.get("/metrics").await;

    assert_eq!(status, 200);
    assert!(sample(&after, requests) > sample(&before, requests), "{after}");
    assert!(sample(&after, errors) > sample(&before, errors), "{after}");
    assert!(after.contains("http_request_duration_seconds_bucket"), "{after}");
    assert!(after.contains("db_pool_connections{"), "{after}");
}

#[tokio::test]
async fn metrics_show_the_job_queue_by_state() {
    let mut app = TestApp::spawn().await;
    app.expect_failed_jobs();
    let insert = "INSERT INTO outbox (id, kind, subject_id, created_at, run_after, attempts, dead_at) \
                  VALUES ($1, 'REPLY_POSTED', $1, $2, $2, 8, $2)";
    let (id, now) = (uuid::Uuid::now_v7(), chrono::Utc::now());
    village::on_db!(&app.db, pool => sqlx::query(insert).bind(id).bind(now).execute(pool).await.map(drop))
        .expect("a dead job");

    let (_, metrics) = app.get("/metrics").await;

    assert_eq!(sample(&metrics, r#"job_queue_jobs{state="dead"}"#), 1.0, "{metrics}");
    assert_eq!(sample(&metrics, r#"job_queue_jobs{state="due"}"#), 0.0, "{metrics}");
}

#[tokio::test]
async fn a_shutdown_request_stops_the_server_cleanly() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.0, 200);
    let url = app.url.clone();

    app.stop().await.expect("serve returns Ok after shutdown");

    assert!(crate::support::http_client().get(format!("{url}/healthz")).send().await.is_err(), "no longer accepting");
}
