//! The WebSocket endpoint on `/graphql` (graphql-transport-ws and legacy graphql-ws).
//! Buffers are sized for many idle mobile connections rather than tungstenite's 128 KiB
//! default; the bearer token arrives in `connection_init`.

use async_graphql::Data;
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::ws::WebSocketUpgrade;
use axum::response::Response;
use serde_json::Value;

use super::loaders;
use crate::auth::{ClientInfo, Viewer};
use crate::server::AppState;

/// Largest message a client may send.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
const READ_BUFFER_BYTES: usize = 4 * 1024;
const WRITE_BUFFER_BYTES: usize = 4 * 1024;

/// The `authorization` of a `connection_init` payload, either at its top level or as
/// `headers.Authorization`, the two shapes clients send.
fn authorization(payload: &Value) -> Option<&str> {
    payload
        .get("authorization")
        .or_else(|| payload.get("Authorization"))
        .or_else(|| payload.get("headers")?.get("Authorization"))
        .or_else(|| payload.get("headers")?.get("authorization"))
        .and_then(Value::as_str)
}

/// Completes the upgrade and serves the GraphQL WebSocket protocol on it.
pub fn upgrade(state: AppState, upgrade: WebSocketUpgrade, protocol: GraphQLProtocol, client: ClientInfo) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| {
            let schema = state.schema.clone();
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let viewer = state.auth.viewer(authorization(&payload)).await?;
                    if let Viewer::Refused(reason) = viewer {
                        return Err(async_graphql::Error::new(reason));
                    }
                    let mut data = Data::default();
                    loaders::attach(&mut data, &state.db, viewer, client);
                    Ok(data)
                })
                .serve()
        })
}
