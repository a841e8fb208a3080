//! The GraphQL WebSocket endpoint on `/graphql` (graphql-transport-ws and the legacy
//! graphql-ws), with buffers sized for many idle mobile connections rather than
//! tungstenite's 128 KiB default, and the caps that keep sockets from exhausting the
//! process.

mod admission;
mod connection;
mod limit;
mod protocol;

use axum::extract::ws::WebSocketUpgrade;
use axum::response::Response;

use super::AppState;
use crate::viewer::ClientInfo;
use protocol::Dialect;

pub use admission::{Admission, default_max_connections, raise_open_files_limit};
pub use limit::ConnectionLimit;

/// Largest message a client may send.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// What tungstenite reads at a time, allocated for every connection up front. Clients
/// send little (a subscription's query, pings); a longer message grows the buffer.
const READ_BUFFER_BYTES: usize = 1024;
const WRITE_BUFFER_BYTES: usize = 4 * 1024;

/// Whether a handshake from `origin` may proceed: any when no origins are configured,
/// and any without an Origin header (native apps send none; browsers always do).
pub fn origin_allowed(allowed: &[String], origin: Option<&str>) -> bool {
    match origin {
        Some(origin) if !allowed.is_empty() => allowed.iter().any(|a| a.trim().eq_ignore_ascii_case(origin)),
        _ => true,
    }
}

/// Completes a WebSocket upgrade on `/graphql` and serves the protocol the client chose
/// (graphql-transport-ws when it names none) — or, past the process's caps, closes it
/// at once with a code that says why.
pub fn upgrade(state: AppState, upgrade: WebSocketUpgrade, client: ClientInfo) -> Response {
    let upgrade = upgrade
        .protocols(Dialect::NAMES)
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES);
    let dialect = upgrade
        .selected_protocol()
        .and_then(|name| name.to_str().ok())
        .and_then(Dialect::from_name)
        .unwrap_or(Dialect::TransportWs);
    match state.admission.admit(&client.ip) {
        Ok(place) => upgrade.on_upgrade(move |socket| connection::serve(socket, state, dialect, client, place)),
        Err(refusal) => upgrade.on_upgrade(move |mut socket| async move {
            let (code, reason) = refusal.close_frame();
            connection::close_with(&mut socket, code, reason).await;
        }),
    }
}
