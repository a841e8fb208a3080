//! Endpoints for the people and machines that run Village: liveness, readiness (database
//! and Redis answer) and Prometheus metrics, plus the middleware that counts requests.

use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;
use crate::jobs;

const READINESS_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

async fn redis_ready(state: &AppState) -> Option<bool> {
    let mut redis = state.redis.clone()?;
    let ping = redis::cmd("PING");
    let answer = tokio::time::timeout(READINESS_TIMEOUT, ping.query_async::<String>(&mut redis)).await;
    Some(matches!(answer, Ok(Ok(_))))
}

/// `GET /readyz`: 200 when the database (and Redis, when configured) answer, else 503.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.db.ping(READINESS_TIMEOUT).await.is_ok();
    let redis = redis_ready(&state).await;
    let ready = database && redis.unwrap_or(true);
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let redis = match redis {
        None => "not configured",
        Some(true) => "ok",
        Some(false) => "unreachable",
    };
    let database = if database { "ok" } else { "unreachable" };
    (status, Json(json!({ "ready": ready, "database": database, "redis": redis }))).into_response()
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> String {
    let (open, idle) = state.db.pool_connections();
    let backend = state.db.backend();
    metrics::gauge!("db_pool_connections", "state" => "open", "backend" => backend).set(f64::from(open));
    metrics::gauge!("db_pool_connections", "state" => "idle", "backend" => backend).set(idle as f64);
    match jobs::depth(&state.db).await {
        Ok(depth) => {
            for (state, jobs) in [("due", depth.due), ("delayed", depth.delayed), ("dead", depth.dead)] {
                metrics::gauge!("job_queue_jobs", "state" => state).set(jobs as f64);
            }
        }
        Err(error) => tracing::warn!(%error, "cannot read the job queue's depth"),
    }
    metrics::gauge!("realtime_bus_topics").set(state.bus.topic_count() as f64);
    state.metrics.render()
}

/// A fixed label per method, so made-up methods cannot mint new metric series.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// Counts every routed request and times it, by method, route and status.
pub async fn track_requests(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!("http_requests_total", "method" => method, "route" => route, "status" => status).increment(1);
    response
}
