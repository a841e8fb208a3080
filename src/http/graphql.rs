//! `POST /graphql` (GraphQL over HTTP, JSON) with the request-level refusals: bodies over
//! 1 MiB, malformed JSON, oversized batches and batches whose mutations together pass
//! the per-request caps never reach the executor. `GET /graphql`
//! serves GraphiQL, or upgrades to a WebSocket.

use std::net::SocketAddr;
use std::sync::Arc;

use async_graphql::http::GraphiQLSource;
use async_graphql::{BatchRequest, BatchResponse, ServerError};
use axum::Json;
use axum::body::Body;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use super::AppState;
use crate::db::statements;
use crate::error::AppError;
use crate::graphql::{self, MutationBudget, TrustedDocuments, count_errors, refusal};
use crate::schema::attach_request_data;
use crate::viewer::ClientInfo;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Most operations in one batched request.
pub const MAX_BATCH: usize = 10;

/// A request refused before execution, answered as a GraphQL-shaped error with code
/// `BAD_USER_INPUT` and a machine-readable `reason`.
struct Refusal {
    status: StatusCode,
    error: Box<ServerError>,
}

impl Refusal {
    fn new(status: StatusCode, reason: &'static str, message: String) -> Self {
        Self { status, error: Box::new(refusal(reason, message)) }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        count_errors([self.error.as_ref()]);
        (self.status, Json(json!({ "errors": [self.error] }))).into_response()
    }
}

/// What was wrong with a body that is not a GraphQL request: where the JSON broke, or
/// the shape expected (serde's own words name Rust types, never shown to a client).
fn malformed(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            format!("request body is not JSON (line {}, column {})", error.line(), error.column())
        }
        Category::Data => {
            "request body must be {\"query\", \"variables\"?, \"operationName\"?} or a list of them".to_owned()
        }
    }
}

fn parse_batch(bytes: &[u8], documents: &TrustedDocuments) -> Result<BatchRequest, Refusal> {
    let mut batch: BatchRequest = serde_json::from_slice(bytes)
        .map_err(|error| Refusal::new(StatusCode::BAD_REQUEST, "MALFORMED_JSON", malformed(&error)))?;
    let operations = batch.iter().count();
    if operations == 0 || operations > MAX_BATCH {
        let message = format!("a batch holds 1 to {MAX_BATCH} operations, not {operations}");
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "BATCH_TOO_LARGE", message));
    }
    // Persisted operations get their text before anything reads it.
    for request in batch.iter_mut() {
        documents.resolve(request).map_err(|error| Refusal { status: StatusCode::OK, error: Box::new(error) })?;
    }
    if let BatchRequest::Batch(requests) = &batch {
        let queries = requests.iter().map(|request| request.query.as_str());
        MutationBudget::check_batch(queries)
            .map_err(|error| Refusal { status: StatusCode::BAD_REQUEST, error: Box::new(error) })?;
    }
    Ok(batch)
}

/// Executes a GraphQL request (or a batch of them).
pub async fn graphql_post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        let message = format!("request body exceeds {MAX_BODY_BYTES} bytes");
        return Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", message).into_response();
    };
    let batch = match parse_batch(&bytes, &state.documents) {
        Ok(batch) => batch,
        Err(refusal) => return refusal.into_response(),
    };
    let client = ClientInfo::from_request(peer, &headers, state.settings.behind_proxy);
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok()).map(str::to_owned);
    let (response, statements) = statements::counting(execute(&state, batch, authorization, client)).await;
    let mut response = response.into_response();
    if !state.settings.production {
        response.headers_mut().insert(STATEMENTS_HEADER, HeaderValue::from(statements));
    }
    response
}

/// Development servers report how many SQL statements a request ran in this header.
pub const STATEMENTS_HEADER: &str = "x-village-sql-statements";

async fn execute(
    state: &AppState,
    mut batch: BatchRequest,
    authorization: Option<String>,
    client: ClientInfo,
) -> Response {
    let viewer = match state.auth.viewer(authorization.as_deref()).await {
        Ok(viewer) => viewer,
        Err(error) => return internal(error),
    };
    let budget = Arc::new(MutationBudget::default());
    for request in batch.iter_mut() {
        attach_request_data(&mut request.data, &state.db, viewer.clone(), client.clone(), Arc::clone(&budget));
    }
    let answer = match batch {
        BatchRequest::Single(request) => BatchResponse::Single(graphql::execute(&state.schema, request, &budget).await),
        BatchRequest::Batch(requests) => {
            let mut responses = Vec::with_capacity(requests.len());
            for request in requests {
                responses.push(graphql::execute(&state.schema, request, &budget).await);
            }
            BatchResponse::Batch(responses)
        }
    };
    match &answer {
        BatchResponse::Single(response) => count_errors(&response.errors),
        BatchResponse::Batch(responses) => count_errors(responses.iter().flat_map(|response| &response.errors)),
    }
    Json(answer).into_response()
}

/// The answer when the request failed before execution (the session check could not
/// run): `INTERNAL`, logged and counted like any other error.
fn internal(error: AppError) -> Response {
    let mut server_error = async_graphql::ServerError::new(error.to_string(), None);
    error.annotate(&mut server_error);
    count_errors([&server_error]);
    (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({ "errors": [server_error] }))).into_response()
}

/// GraphiQL in a browser, or the WebSocket endpoint for subscriptions.
pub async fn graphql_get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (mut parts, _body) = request.into_parts();
    if !parts.headers.contains_key(header::UPGRADE) {
        if state.settings.production {
            return StatusCode::NOT_FOUND.into_response();
        }
        return Html(GraphiQLSource::build().endpoint("/graphql").subscription_endpoint("/graphql").finish())
            .into_response();
    }
    let origin = parts.headers.get(header::ORIGIN).and_then(|value| value.to_str().ok());
    if !super::websocket::origin_allowed(&state.settings.allowed_origins, origin) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let client = ClientInfo::from_request(peer, &parts.headers, state.settings.behind_proxy);
    super::websocket::upgrade(state, upgrade, client)
}
