//! One GraphQL WebSocket connection, speaking the protocol exactly (async-graphql's own
//! handler does not: wrong close codes, no init timeout, no server pings — see
//! PITFALLS.md). async-graphql still executes the operations; this layer owns the
//! handshake, the operation ids, keep-alive and every refusal. A member's connection
//! lives as long as the session it was opened with: every operation checks that session
//! first, and when it ends (signed out anywhere, revoked, token expired) each running
//! operation gets `UNAUTHENTICATED` and the socket closes with 4403. A client refreshes
//! by reconnecting with a new token.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::{Request, Response, ServerError, Variables};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::stream::{BoxStream, StreamExt};
use serde_json::Value;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{Notify, oneshot, watch};
use tokio::task::AbortHandle;
use tokio_stream::StreamMap;
use tokio_tungstenite::tungstenite;

use super::admission::Place;
use super::limit::Lease;
use super::protocol::{self, ClientMessage, Dialect, SubscribePayload, close};
use crate::auth::AuthService;
use crate::clock;
use crate::error::AppError;
use crate::graphql::{self, MutationBudget, TrustedDocuments, annotate_errors, count_errors, refusal as refusal_error};
use crate::http::AppState;
use crate::realtime::handover::{self, Frame, FrameBody, HandOverSlot, Outlet, Registration};
use crate::realtime::{AccessSignals, Heard, Listener, MemberEvent, member_topic};
use crate::schema::attach_request_data;
use crate::viewer::{AccessClaims, ClientInfo, TOKEN_EXPIRED, Viewer};

/// How often the server pings; two unanswered pings and the peer is considered gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
const MAX_MISSED_PONGS: u32 = 2;
/// Keep-alive ticks between two renewals of the connection's lease.
const RENEW_EVERY_TICKS: u32 = 4;
/// Operations one member's connection may run at once.
pub const MAX_OPERATIONS: usize = 50;
/// Operations a connection without a member's token may run at once.
pub const MAX_ANONYMOUS_OPERATIONS: usize = 2;

async fn send(socket: &mut WebSocket, text: String) -> bool {
    socket.send(Message::Text(text.into())).await.is_ok()
}

/// Sends a close frame with `code` (the peer may be gone already).
pub async fn close_with(socket: &mut WebSocket, code: u16, reason: &str) {
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

/// What the connection does after handling something.
enum Next {
    Go,
    /// Close with this code and reason.
    Close(u16, String),
    /// The peer is gone: nothing more to send.
    Gone,
}

/// A frame as the connection sees it: a protocol message's text, nothing to act on, or
/// the end of the connection.
enum Incoming {
    Text(String),
    Nothing,
    End(Next),
}

/// The close frame owed to a client whose message could not be read: over the size
/// limit, or text that is not UTF-8. `None` when the peer is simply gone.
fn unreadable(error: &axum::Error) -> Option<Next> {
    let cause = std::error::Error::source(error).and_then(|cause| cause.downcast_ref::<tungstenite::Error>());
    match cause? {
        tungstenite::Error::Capacity(_) => {
            let reason = format!("messages are limited to {} KiB", super::MAX_MESSAGE_BYTES / 1024);
            Some(Next::Close(close::MESSAGE_TOO_BIG, reason))
        }
        tungstenite::Error::Utf8(_) => Some(Next::Close(close::INVALID_PAYLOAD, "text messages must be UTF-8".into())),
        _ => None,
    }
}

fn sort(message: Option<Result<Message, axum::Error>>) -> Incoming {
    match message {
        Some(Ok(Message::Text(text))) => Incoming::Text(text.to_string()),
        Some(Ok(Message::Binary(_))) => {
            Incoming::End(Next::Close(close::BAD_REQUEST, "binary messages are not supported".into()))
        }
        Some(Ok(Message::Ping(_) | Message::Pong(_))) => Incoming::Nothing,
        Some(Err(error)) => Incoming::End(unreadable(&error).unwrap_or(Next::Gone)),
        Some(Ok(Message::Close(_))) | None => Incoming::End(Next::Gone),
    }
}

/// The error payload of an operation refused with `error`, annotated and counted.
fn refusal(error: AppError) -> Value {
    let server_error = server_error(error);
    count_errors([&server_error]);
    serde_json::to_value([server_error]).unwrap_or(Value::Null)
}

/// The session a member's connection was opened with, and the signals that it may have
/// ended.
struct Session {
    claims: AccessClaims,
    signals: Listener<AccessSignals>,
}

/// Who a connection serves, and her place in the per-member count.
struct Accepted {
    viewer: Viewer,
    lease: Option<Lease>,
    session: Option<Session>,
}

/// Waits for `connection_init` and answers it; `None` when the connection was closed.
async fn handshake(socket: &mut WebSocket, state: &AppState, dialect: Dialect, place: &mut Place) -> Option<Accepted> {
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
        let text = match sort(message) {
            Incoming::Text(text) => text,
            Incoming::Nothing => continue,
            Incoming::End(Next::Close(code, reason)) => {
                close_with(socket, code, &reason).await;
                return None;
            }
            Incoming::End(_) => return None,
        };
        match ClientMessage::parse(&text, dialect) {
            Ok(ClientMessage::Init(payload)) => return accept(socket, state, &payload, place).await,
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

async fn accept(socket: &mut WebSocket, state: &AppState, payload: &Value, place: &mut Place) -> Option<Accepted> {
    let viewer = match state.auth.viewer(authorization(payload)).await {
        Ok(Viewer::Refused(_)) => {
            close_with(socket, close::FORBIDDEN, "Forbidden").await;
            return None;
        }
        Ok(viewer) => viewer,
        Err(error) => {
            tracing::error!(error = %error.for_log(), "WebSocket authentication failed");
            close_with(socket, close::INTERNAL_ERROR, "internal error").await;
            return None;
        }
    };
    let (lease, session) = match viewer {
        Viewer::Member(claims) => {
            let lease = admit_member(socket, state, claims).await?;
            place.authenticated();
            let signals = state.bus.subscribe(&member_topic(claims.member_id)).await;
            (Some(lease), Some(Session { claims, signals }))
        }
        _ => (None, None),
    };
    send(socket, protocol::ack()).await.then_some(Accepted { viewer, lease, session })
}

/// Her place among the connections she may hold; `None` (the socket closed) when she
/// holds as many as she may.
async fn admit_member(socket: &mut WebSocket, state: &AppState, claims: AccessClaims) -> Option<Lease> {
    match state.connection_limit.admit(claims.member_id).await {
        Ok(Some(lease)) => Some(lease),
        Ok(None) => {
            let limit = state.settings.ws_connections_per_member;
            close_with(socket, close::TOO_MANY_CONNECTIONS, &format!("at most {limit} connections per member")).await;
            None
        }
        Err(error) => {
            tracing::error!(%error, "cannot count WebSocket connections");
            close_with(socket, close::INTERNAL_ERROR, "internal error").await;
            None
        }
    }
}

/// Resolves when the server starts shutting down.
async fn shutdown_requested(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await.map(drop);
}

/// How soon a session check the database could not answer is tried again.
const RECHECK_RETRY: Duration = Duration::from_secs(1);

/// Resolves, with the reason, once the session ends: her token expires, or a check —
/// made at once (a sign-out between the handshake's check and the subscription to her
/// signals is caught), on each access signal (sign-out, revocation) and whenever the
/// connection asks through `recheck` — finds it over. A check the database could not
/// answer is tried again shortly. An anonymous connection has no session and never
/// resolves. It runs beside the connection's other work, never blocking it: a check
/// waiting for a database connection must not hold up operations that hold one.
async fn session_over(auth: AuthService, session: Option<Session>, recheck: Arc<Notify>) -> AppError {
    let Some(Session { claims, mut signals }) = session else {
        return std::future::pending().await;
    };
    let lifetime = (claims.expiry() - clock::now()).to_std().unwrap_or(Duration::ZERO);
    let expired = tokio::time::sleep(lifetime);
    tokio::pin!(expired);
    let (mut check_now, mut listening, mut retry_at) = (true, true, None);
    loop {
        if check_now {
            // Boxed: checks are rare, and unboxed the check would size the watch's state.
            retry_at = match Box::pin(auth.require_signed_in(claims)).await {
                Err(ended @ AppError::Unauthenticated(_)) => return ended,
                Err(error) => {
                    tracing::warn!(error = %error.for_log(), "cannot check a WebSocket's session now; trying again shortly");
                    Some(tokio::time::Instant::now() + RECHECK_RETRY)
                }
                Ok(()) => None,
            };
        }
        check_now = tokio::select! {
            () = &mut expired => return AppError::Unauthenticated(TOKEN_EXPIRED),
            () = recheck.notified() => true,
            () = tokio::time::sleep_until(retry_at.unwrap_or_else(tokio::time::Instant::now)), if retry_at.is_some() => true,
            signal = signals.recv(), if listening => match signal {
                Ok(Heard::Message(MemberEvent::Notification(_), _)) => false,
                // A missed message may have been a signal for her: check again.
                Ok(Heard::Message(MemberEvent::AccessChanged, _) | Heard::Resync) | Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => {
                    listening = false;
                    false
                }
            },
        };
    }
}

/// Why a connection must end.
enum Ending {
    /// The server is shutting down.
    Stopping,
    SessionOver(AppError),
}

/// Tells the connection, once, why it must end. The watch runs in a task of its own,
/// so that the connection's loop, woken for every live result, does not poll its timers
/// and signals each time; it stops with the connection.
struct EndingWatch {
    told: oneshot::Receiver<Ending>,
    task: AbortHandle,
}

impl Drop for EndingWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn watch_for_ending(
    auth: AuthService,
    session: Option<Session>,
    recheck: Arc<Notify>,
    mut stopping: watch::Receiver<bool>,
) -> EndingWatch {
    let (tell, told) = oneshot::channel();
    let task = tokio::spawn(async move {
        let ending = tokio::select! {
            biased;
            () = shutdown_requested(&mut stopping) => Ending::Stopping,
            why = session_over(auth, session, recheck) => Ending::SessionOver(why),
        };
        let _ = tell.send(ending);
    });
    EndingWatch { told, task: task.abort_handle() }
}

/// What a running operation yields.
enum Output {
    /// A result to send.
    Response(Response),
    /// Her session was found over before the operation ran.
    SessionOver(AppError),
    /// The operation goes on, served by the feature that took it over.
    HandedOver(Box<dyn Registration>),
    /// The operation has no more results.
    Done,
}

type Operation = BoxStream<'static, Output>;

/// An operation a feature took over (see `realtime::handover`): its results come
/// through the connection's frames, tagged `op`; dropping `seat` stops it.
struct HandedOver {
    id: String,
    op: u64,
    _seat: Box<dyn Any + Send>,
}

/// The queue handed-over operations send their results through.
struct Frames {
    sender: futures_channel::mpsc::Sender<Frame>,
    receiver: futures_channel::mpsc::Receiver<Frame>,
}

/// An accepted connection's running state.
struct Connection {
    socket: WebSocket,
    state: AppState,
    dialect: Dialect,
    client: ClientInfo,
    viewer: Viewer,
    operations: StreamMap<String, Operation>,
    handed_over: Vec<HandedOver>,
    /// Made when the first operation is handed over.
    frames: Option<Frames>,
    missed_pongs: u32,
    ticks: u32,
    lease: Option<Lease>,
    /// Asks the session watch to check her session again.
    recheck: Arc<Notify>,
}

impl Connection {
    /// Acts on one protocol message from the client.
    async fn on_text(&mut self, text: &str) -> Next {
        match ClientMessage::parse(text, self.dialect) {
            Ok(ClientMessage::Subscribe { id, payload }) => self.subscribe(id, payload).await,
            Ok(ClientMessage::Complete { id }) => {
                self.operations.remove(&id);
                self.handed_over.retain(|operation| operation.id != id);
                Next::Go
            }
            Ok(ClientMessage::Ping(payload)) => self.send(protocol::pong(payload)).await,
            Ok(ClientMessage::Pong) => {
                self.missed_pongs = 0;
                Next::Go
            }
            Ok(ClientMessage::Init(_)) => Next::Close(close::TOO_MANY_INITS, "Too many initialisation requests".into()),
            Ok(ClientMessage::Terminate) => Next::Gone,
            Err(reason) => Next::Close(close::BAD_REQUEST, reason),
        }
    }

    async fn send(&mut self, text: String) -> Next {
        if send(&mut self.socket, text).await { Next::Go } else { Next::Gone }
    }

    fn max_operations(&self) -> usize {
        if matches!(self.viewer, Viewer::Member(_)) { MAX_OPERATIONS } else { MAX_ANONYMOUS_OPERATIONS }
    }

    fn running(&self) -> usize {
        self.operations.len() + self.handed_over.len()
    }

    fn ids(&self) -> Vec<String> {
        let handed_over = self.handed_over.iter().map(|operation| operation.id.clone());
        self.operations.keys().cloned().chain(handed_over).collect()
    }

    /// Starts operation `id` (it checks her session before it runs).
    async fn subscribe(&mut self, id: String, payload: SubscribePayload) -> Next {
        if self.operations.contains_key(&id) || self.handed_over.iter().any(|operation| operation.id == id) {
            return Next::Close(close::DUPLICATE_ID, format!("Subscriber for {id} already exists"));
        }
        let max = self.max_operations();
        if self.running() >= max {
            let error = AppError::LimitReached { what: "operations at once on this connection", limit: max };
            return self.send(protocol::error(self.dialect, &id, refusal(error))).await;
        }
        let operation = start(&self.state, &self.viewer, &self.client, payload);
        self.operations.insert(id, operation);
        Next::Go
    }

    /// Passes on one output of operation `id`. Her session found over ends the
    /// connection; an `UNAUTHENTICATED` answer to a member has it checked again.
    async fn on_output(&mut self, id: &str, output: Output) -> Next {
        let response = match output {
            Output::Response(response) => response,
            Output::Done => {
                self.operations.remove(id);
                return self.send(protocol::complete(id)).await;
            }
            Output::HandedOver(registration) => {
                self.operations.remove(id);
                self.hand_over(id, registration);
                return Next::Go;
            }
            // Every operation is told, this one too, and the socket closes.
            Output::SessionOver(why) => return self.end_session(why).await,
        };
        let (text, finished, unauthenticated) = outgoing(self.dialect, id, response);
        if finished {
            self.operations.remove(id);
        }
        if unauthenticated {
            self.check_session();
        }
        self.send(text).await
    }

    /// An `UNAUTHENTICATED` answer to a member has her session checked again.
    fn check_session(&self) {
        if matches!(self.viewer, Viewer::Member(_)) {
            self.recheck.notify_one();
        }
    }

    /// Starts operation `id`, taken over by a feature: it sends through the frames.
    fn hand_over(&mut self, id: &str, registration: Box<dyn Registration>) {
        let frames = self.frames.get_or_insert_with(|| {
            let (sender, receiver) = handover::frames();
            Frames { sender, receiver }
        });
        let outlet = Outlet::new(frames.sender.clone());
        let op = outlet.op();
        let seat = registration.start(outlet);
        self.handed_over.push(HandedOver { id: id.to_owned(), op, _seat: seat });
    }

    /// Passes on a result of a handed-over operation (one since completed is dropped).
    async fn on_frame(&mut self, Frame { op, body }: Frame) -> Next {
        let Some(at) = self.handed_over.iter().position(|operation| operation.op == op) else {
            return Next::Go;
        };
        match body {
            FrameBody::Next(answer) => {
                let text = protocol::next_serialised(self.dialect, &self.handed_over[at].id, &answer);
                self.send(text).await
            }
            FrameBody::End(error) => {
                let ended = self.handed_over.swap_remove(at);
                if matches!(*error, AppError::Unauthenticated(_)) {
                    self.check_session();
                }
                self.send(protocol::error(self.dialect, &ended.id, refusal(*error))).await
            }
        }
    }

    /// Her session ended: every running operation is told, then the socket closes 4403.
    async fn end_session(&mut self, why: AppError) -> Next {
        let ids = self.ids();
        self.handed_over.clear();
        let error = server_error(why);
        let payload = serde_json::to_value([&error]).unwrap_or(Value::Null);
        for id in ids {
            self.operations.remove(&id);
            count_errors([&error]);
            if let Next::Gone = self.send(protocol::error(self.dialect, &id, payload.clone())).await {
                return Next::Gone;
            }
        }
        Next::Close(close::FORBIDDEN, "Forbidden".into())
    }

    /// A keep-alive tick: renew the lease now and then, ping, and give up on a peer that
    /// stopped answering.
    async fn on_tick(&mut self) -> Next {
        self.ticks = self.ticks.wrapping_add(1);
        if let Some(lease) = self.lease.as_ref().filter(|_| self.ticks.is_multiple_of(RENEW_EVERY_TICKS)) {
            lease.renew();
        }
        if self.dialect == Dialect::TransportWs {
            if self.missed_pongs >= MAX_MISSED_PONGS {
                return Next::Close(close::GOING_AWAY, "no pong".into());
            }
            self.missed_pongs += 1;
        }
        self.send(protocol::keep_alive(self.dialect)).await
    }
}

/// Starts one operation: first her session is checked (for a member), then the
/// operation runs; its stream ends with [`Output::Done`].
fn start(state: &AppState, viewer: &Viewer, client: &ClientInfo, payload: SubscribePayload) -> Operation {
    let mut request = match request_of(&state.documents, payload) {
        Ok(request) => request,
        Err(error) => {
            let refused = [Output::Response(Response::from_errors(vec![error])), Output::Done];
            return futures_util::stream::iter(refused).boxed();
        }
    };
    // Each message is a request of its own, with a budget of its own.
    let budget = Arc::new(MutationBudget::default());
    attach_request_data(&mut request.data, &state.db, viewer.clone(), client.clone(), Arc::clone(&budget));
    let hand_over = HandOverSlot::new();
    request.data.insert(hand_over.link());
    let (schema, auth, viewer) = (state.schema.clone(), state.auth.clone(), viewer.clone());
    async_stream::stream! {
        if let Viewer::Member(claims) = viewer {
            // Boxed: the check is over before the operation runs, and unboxed it would
            // size every running subscription's state.
            match Box::pin(auth.require_signed_in(claims)).await {
                Ok(()) => {}
                Err(ended @ AppError::Unauthenticated(_)) => {
                    yield Output::SessionOver(ended);
                    return;
                }
                Err(other) => {
                    yield Output::Response(Response::from_errors(vec![server_error(other)]));
                    yield Output::Done;
                    return;
                }
            }
        }
        let mut results = graphql::execute_stream(&schema, request, &budget);
        while let Some(response) = results.next().await {
            yield Output::Response(response);
        }
        yield match hand_over.take() {
            Some(registration) => Output::HandedOver(registration),
            None => Output::Done,
        };
    }
    .boxed()
}

/// The request a `subscribe` message asks for, its text found by hash when it was sent
/// as a persisted operation.
fn request_of(documents: &TrustedDocuments, payload: SubscribePayload) -> Result<Request, ServerError> {
    let mut request = Request::new(payload.query);
    if let Some(variables) = payload.variables {
        request = request.variables(Variables::from_json(variables));
    }
    if let Some(name) = payload.operation_name {
        request = request.operation_name(name);
    }
    if let Some(extensions) = payload.extensions {
        request.extensions = serde_json::from_value(extensions)
            .map_err(|_| refusal_error("MALFORMED_EXTENSIONS", "extensions must be an object".to_owned()))?;
    }
    documents.resolve(&mut request)?;
    Ok(request)
}

/// `error` as a GraphQL error, annotated.
fn server_error(error: AppError) -> ServerError {
    let mut server_error = ServerError::new(error.to_string(), None);
    error.annotate(&mut server_error);
    server_error
}

/// What to tell the client about one response of an operation: the text, whether the
/// operation is over, and whether an error said `UNAUTHENTICATED`.
fn outgoing(dialect: Dialect, id: &str, mut response: Response) -> (String, bool, bool) {
    response.errors.iter_mut().for_each(annotate_errors);
    count_errors(&response.errors);
    let unauthenticated = response.errors.iter().any(|error| {
        error.extensions.as_ref().and_then(|extensions| extensions.get("code"))
            == Some(&async_graphql::Value::from(crate::error::code::UNAUTHENTICATED))
    });
    let failed = response.data == async_graphql::Value::Null && !response.errors.is_empty();
    if failed {
        let errors = serde_json::to_value(&response.errors).unwrap_or(Value::Null);
        (protocol::error(dialect, id, errors), true, unauthenticated)
    } else {
        (protocol::next(dialect, id, &response), false, unauthenticated)
    }
}

/// Serves one upgraded connection, admitted to `place`, until it closes.
pub async fn serve(mut socket: WebSocket, state: AppState, dialect: Dialect, client: ClientInfo, mut place: Place) {
    let mut stopping = state.stopping.clone();
    let accepted = tokio::select! {
        // Boxed: over once the connection is accepted, it should not size its state.
        accepted = Box::pin(handshake(&mut socket, &state, dialect, &mut place)) => accepted,
        () = shutdown_requested(&mut stopping) => None,
    };
    let Some(Accepted { viewer, lease, session }) = accepted else {
        let stopped = *stopping.borrow();
        if stopped {
            close_with(&mut socket, close::GOING_AWAY, "server shutting down").await;
        }
        return;
    };
    let recheck = Arc::new(Notify::new());
    let ending = watch_for_ending(state.auth.clone(), session, Arc::clone(&recheck), stopping);
    let mut connection = Connection {
        socket,
        state,
        dialect,
        client,
        viewer,
        operations: StreamMap::new(),
        handed_over: Vec::new(),
        frames: None,
        missed_pongs: 0,
        ticks: 0,
        lease,
        recheck,
    };
    let ended = run(&mut connection, ending).await;
    if let Next::Close(code, reason) = ended {
        close_with(&mut connection.socket, code, &reason).await;
    }
    drop(place);
}

/// The next result of a handed-over operation; never, while none was handed over.
async fn next_frame(frames: &mut Option<Frames>) -> Option<Frame> {
    match frames {
        Some(frames) => frames.receiver.next().await,
        None => std::future::pending().await,
    }
}

/// The connection's loop; returns how it ends.
async fn run(connection: &mut Connection, mut ending: EndingWatch) -> Next {
    let mut keep_alive = tokio::time::interval_at(tokio::time::Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        let next = tokio::select! {
            // In this order: nothing is sent once the server stops or her session
            // ended, and a `complete` is read before results queued behind it.
            biased;
            ending = &mut ending.told => match ending {
                Ok(Ending::Stopping) => Next::Close(close::GOING_AWAY, "server shutting down".into()),
                Ok(Ending::SessionOver(why)) => connection.end_session(why).await,
                Err(_) => Next::Close(close::INTERNAL_ERROR, "internal error".into()),
            },
            message = connection.socket.recv() => match sort(message) {
                Incoming::Text(text) => connection.on_text(&text).await,
                Incoming::Nothing => Next::Go,
                Incoming::End(next) => next,
            },
            Some(frame) = next_frame(&mut connection.frames) => connection.on_frame(frame).await,
            Some((id, item)) = connection.operations.next(), if !connection.operations.is_empty() => {
                connection.on_output(&id, item).await
            }
            _ = keep_alive.tick() => connection.on_tick().await,
        };
        if !matches!(next, Next::Go) {
            return next;
        }
    }
}
