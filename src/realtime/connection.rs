//! One GraphQL WebSocket connection, speaking the protocol exactly (async-graphql's own
//! handler does not: wrong close codes, no init timeout, no server pings — see
//! PITFALLS.md). async-graphql still executes the operations; this layer owns the
//! handshake, the operation ids, keep-alive and every refusal.

use std::time::Duration;

use async_graphql::{Request, Response, Variables};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::stream::{self, BoxStream, StreamExt};
use serde_json::Value;
use tokio::sync::watch;
use tokio_stream::StreamMap;

use super::limit::Lease;
use super::protocol::{self, ClientMessage, Dialect, SubscribePayload, close};
use crate::auth::{ClientInfo, Viewer};
use crate::graphql::{annotate_errors, attach_request_data};
use crate::server::AppState;

/// How often the server pings; two unanswered pings and the peer is considered gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
const MAX_MISSED_PONGS: u32 = 2;
/// Keep-alive ticks between two renewals of the connection's lease.
const RENEW_EVERY_TICKS: u32 = 4;
/// Operations one connection may run at once.
pub const MAX_OPERATIONS: usize = 50;

async fn send(socket: &mut WebSocket, text: String) -> bool {
    socket.send(Message::Text(text.into())).await.is_ok()
}

async fn close_with(socket: &mut WebSocket, code: u16, reason: &str) {
    let frame = CloseFrame { code, reason: reason.chars().take(100).collect::<String>().into() };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

/// The `authorization` of a `connection_init` payload, at its top level or as
/// `headers.Authorization`, the two shapes clients send.
fn authorization(payload: &Value) -> Option<&str> {
    payload
        .get("authorization")
        .or_else(|| payload.get("Authorization"))
        .or_else(|| payload.get("headers")?.get("Authorization"))
        .or_else(|| payload.get("headers")?.get("authorization"))
        .and_then(Value::as_str)
}

/// Who a connection serves, and her place in the per-member count.
struct Accepted {
    viewer: Viewer,
    lease: Option<Lease>,
}

/// Waits for `connection_init` and answers it; `None` when the connection was closed.
async fn handshake(socket: &mut WebSocket, state: &AppState, dialect: Dialect) -> Option<Accepted> {
    let deadline = tokio::time::sleep(Duration::from_secs(state.settings.ws_init_timeout_secs));
    tokio::pin!(deadline);
    loop {
        let message = tokio::select! {
            () = &mut deadline => {
                close_with(socket, close::INIT_TIMEOUT, "Connection initialisation timeout").await;
                return None;
            }
            message = socket.recv() => message,
        };
        let text = match message {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Binary(_))) => {
                close_with(socket, close::BAD_REQUEST, "binary messages are not supported").await;
                return None;
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(Message::Close(_)) | Err(_)) | None => return None,
        };
        match ClientMessage::parse(&text, dialect) {
            Ok(ClientMessage::Init(payload)) => return accept(socket, state, &payload).await,
            Ok(ClientMessage::Subscribe { .. }) => {
                close_with(socket, close::UNAUTHORIZED, "Unauthorized").await;
                return None;
            }
            Ok(ClientMessage::Ping(payload)) => {
                if !send(socket, protocol::pong(payload)).await {
                    return None;
                }
            }
            Ok(ClientMessage::Terminate) => return None,
            Ok(ClientMessage::Pong | ClientMessage::Complete { .. }) => {}
            Err(reason) => {
                close_with(socket, close::BAD_REQUEST, &reason).await;
                return None;
            }
        }
    }
}

async fn accept(socket: &mut WebSocket, state: &AppState, payload: &Value) -> Option<Accepted> {
    let viewer = match state.auth.viewer(authorization(payload)).await {
        Ok(Viewer::Refused(_)) => {
            close_with(socket, close::FORBIDDEN, "Forbidden").await;
            return None;
        }
        Ok(viewer) => viewer,
        Err(error) => {
            tracing::error!(?error, "WebSocket authentication failed");
            close_with(socket, close::INTERNAL_ERROR, "internal error").await;
            return None;
        }
    };
    let lease = match viewer.member_id() {
        Ok(member) => match state.connection_limit.admit(member).await {
            Ok(Some(lease)) => Some(lease),
            Ok(None) => {
                let limit = state.settings.ws_connections_per_member;
                close_with(socket, close::TOO_MANY_CONNECTIONS, &format!("at most {limit} connections per member"))
                    .await;
                return None;
            }
            Err(error) => {
                tracing::error!(%error, "cannot count WebSocket connections");
                close_with(socket, close::INTERNAL_ERROR, "internal error").await;
                return None;
            }
        },
        Err(_) => None,
    };
    send(socket, protocol::ack()).await.then_some(Accepted { viewer, lease })
}

/// Resolves when the server starts shutting down.
async fn shutdown_requested(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await.map(drop);
}

type Operation = BoxStream<'static, Option<Response>>;

/// Starts one operation; its stream ends with `None` once it has no more results.
fn start(state: &AppState, viewer: &Viewer, client: &ClientInfo, payload: SubscribePayload) -> Operation {
    let mut request = Request::new(payload.query);
    if let Some(variables) = payload.variables {
        request = request.variables(Variables::from_json(variables));
    }
    if let Some(name) = payload.operation_name {
        request = request.operation_name(name);
    }
    attach_request_data(&mut request.data, &state.db, viewer.clone(), client.clone());
    state.schema.execute_stream(request).map(Some).chain(stream::once(async { None })).boxed()
}

/// What to tell the client about one item of an operation.
fn outgoing(dialect: Dialect, id: &str, item: Option<Response>) -> (String, bool) {
    let Some(mut response) = item else {
        return (protocol::complete(id), true);
    };
    response.errors.iter_mut().for_each(annotate_errors);
    let failed = response.data == async_graphql::Value::Null && !response.errors.is_empty();
    if failed {
        let errors = serde_json::to_value(&response.errors).unwrap_or(Value::Null);
        (protocol::error(dialect, id, errors), true)
    } else {
        (protocol::next(dialect, id, &response), false)
    }
}

/// Serves one upgraded connection until it closes.
pub async fn serve(mut socket: WebSocket, state: AppState, dialect: Dialect, client: ClientInfo) {
    let mut stopping = state.stopping.clone();
    let accepted = tokio::select! {
        // Boxed: over once the connection is accepted, it should not size its state.
        accepted = Box::pin(handshake(&mut socket, &state, dialect)) => accepted,
        () = shutdown_requested(&mut stopping) => None,
    };
    let Some(Accepted { viewer, lease }) = accepted else {
        let stopped = *stopping.borrow();
        if stopped {
            close_with(&mut socket, close::GOING_AWAY, "server shutting down").await;
        }
        return;
    };
    let mut operations: StreamMap<String, Operation> = StreamMap::new();
    let mut keep_alive = tokio::time::interval_at(tokio::time::Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    let (mut missed_pongs, mut ticks) = (0, 0u32);
    // Made once, not on every turn of the loop: a busy connection wakes for every update.
    let shutdown = shutdown_requested(&mut stopping);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => {
                close_with(&mut socket, close::GOING_AWAY, "server shutting down").await;
                return;
            }
            message = socket.recv() => {
                let text = match message {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        close_with(&mut socket, close::BAD_REQUEST, "binary messages are not supported").await;
                        return;
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                };
                match ClientMessage::parse(&text, dialect) {
                    Ok(ClientMessage::Subscribe { id, payload }) => {
                        if operations.contains_key(&id) {
                            close_with(&mut socket, close::DUPLICATE_ID, &format!("Subscriber for {id} already exists")).await;
                            return;
                        }
                        if operations.len() >= MAX_OPERATIONS {
                            let errors = serde_json::json!([{ "message": format!("at most {MAX_OPERATIONS} operations per connection"),
                                "extensions": { "code": "RATE_LIMITED" } }]);
                            if !send(&mut socket, protocol::error(dialect, &id, errors)).await {
                                return;
                            }
                            continue;
                        }
                        operations.insert(id, start(&state, &viewer, &client, payload));
                    }
                    Ok(ClientMessage::Complete { id }) => {
                        operations.remove(&id);
                    }
                    Ok(ClientMessage::Ping(payload)) => {
                        if !send(&mut socket, protocol::pong(payload)).await {
                            return;
                        }
                    }
                    Ok(ClientMessage::Pong) => missed_pongs = 0,
                    Ok(ClientMessage::Init(_)) => {
                        close_with(&mut socket, close::TOO_MANY_INITS, "Too many initialisation requests").await;
                        return;
                    }
                    Ok(ClientMessage::Terminate) => return,
                    Err(reason) => {
                        close_with(&mut socket, close::BAD_REQUEST, &reason).await;
                        return;
                    }
                }
            }
            Some((id, item)) = operations.next(), if !operations.is_empty() => {
                let (text, finished) = outgoing(dialect, &id, item);
                if finished {
                    operations.remove(&id);
                }
                if !send(&mut socket, text).await {
                    return;
                }
            }
            _ = keep_alive.tick() => {
                ticks = ticks.wrapping_add(1);
                if let Some(lease) = lease.as_ref().filter(|_| ticks % RENEW_EVERY_TICKS == 0) {
                    lease.renew();
                }
                if dialect == Dialect::TransportWs {
                    if missed_pongs >= MAX_MISSED_PONGS {
                        close_with(&mut socket, close::GOING_AWAY, "no pong").await;
                        return;
                    }
                    missed_pongs += 1;
                }
                if !send(&mut socket, protocol::keep_alive(dialect)).await {
                    return;
                }
            }
        }
    }
}
