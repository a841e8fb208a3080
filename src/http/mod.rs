//! Village over HTTP: the state every handler shares, the router, GraphQL over HTTP and
//! WebSocket on `/graphql`, the iCalendar files, the pages account emails link to, data
//! exports, and the endpoints for operators. Only
//! this layer (and `server`, which assembles it) knows about axum; features never
//! import it.

mod account_pages;
mod calendar;
mod exports;
mod graphql;
mod ops;
pub mod websocket;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::from_fn;
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;
use redis::aio::ConnectionManager;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::accounts::Accounts;
use crate::auth::AuthService;
use crate::config::Settings;
use crate::db::Db;
use crate::graphql::TrustedDocuments;
use crate::mailing_list::MailingList;
use crate::realtime::Bus;
use crate::schema::VillageSchema;
use websocket::{Admission, ConnectionLimit};

pub use graphql::{MAX_BATCH, MAX_BODY_BYTES, STATEMENTS_HEADER};

const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler shares. Every request clones it, so it is one shared pointer.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The services and settings behind an [`AppState`].
pub struct Shared {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub redis: Option<ConnectionManager>,
    /// The realtime bus, for its topic count on /metrics.
    pub bus: Bus,
    pub schema: VillageSchema,
    /// The operations clients may send by hash (and, trusted-only, the only ones that run).
    pub documents: Arc<TrustedDocuments>,
    pub auth: AuthService,
    /// Data exports, for `/exports/{token}`.
    pub accounts: Accounts,
    /// Mailing-list confirmations, for their page.
    pub mailing_list: MailingList,
    pub metrics: PrometheusHandle,
    /// WebSocket connections per member, counted across instances.
    pub connection_limit: ConnectionLimit,
    /// This process's caps on open WebSockets (all, and anonymous per address).
    pub admission: Admission,
    /// Turns true when the server starts shutting down, so long-lived WebSocket
    /// connections close with 1001 instead of holding the drain up.
    pub stopping: watch::Receiver<bool>,
}

/// The operations endpoints alone, for a worker process.
pub fn ops_router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route_layer(from_fn(ops::track_requests))
        .with_state(state)
}

/// Browsers may call the API from the allowed origins (any, when none are set): a PWA
/// served from its own origin. Tokens go in the `Authorization` header, never cookies,
/// so no credentials are allowed.
fn cors(allowed: &[String]) -> CorsLayer {
    let origins = if allowed.is_empty() {
        AllowOrigin::any()
    } else {
        // The same rule as for WebSocket handshakes.
        let allowed = allowed.to_vec();
        AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            websocket::origin_allowed(&allowed, Some(origin.to_str().unwrap_or_default()))
        })
    };
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(Duration::from_secs(3600))
}

/// Every route of a server.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql::graphql_get).post(graphql::graphql_post))
        .route("/events/{file}", get(calendar::event_ics))
        .route("/calendar/{file}", get(calendar::feed_ics))
        .merge(account_pages::routes())
        .route("/exports/{token}", get(exports::data_export))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route_layer(from_fn(ops::track_requests))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(cors(&state.settings.allowed_origins))
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
