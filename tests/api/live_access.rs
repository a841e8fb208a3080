//! Who keeps receiving live updates: signing out (here or everywhere), a revoked
//! session or an expired token ends a member's subscriptions with UNAUTHENTICATED and
//! closes her sockets (4403) within a second — pushed by an access signal, not found by
//! the 30-second sweep — and nothing sent on such a socket runs as her; blocking a
//! thread's author ends the blocker's subscription to it; each member may hold only so
//! many connections, counted on every instance.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::support::{
    Member, Socket, TestApp, acknowledged, connect_to, eventually_within, receive, send, thread_with_a_reply, watch,
};

/// Far below the 30 s sweep, so an end within it was pushed by a signal.
const PUSHED: Duration = Duration::from_secs(5);
/// How soon a socket must close after its session ended.
pub(crate) const WITHIN_A_SECOND: Duration = Duration::from_secs(1);

const NOTIFICATIONS: &str = "subscription { notificationEvents { kind unreadCount } }";

/// Bea watching Ana's thread, live: the probe reply has arrived.
async fn watching(app: &TestApp, ana: &Member, bea: &Member) -> (String, Socket) {
    let (group, thread, first) = thread_with_a_reply(ana, bea, "PUBLIC").await;
    let mut socket = acknowledged(app, bea).await;
    let subscribe = json!({ "id": "n", "type": "subscribe", "payload": { "query": NOTIFICATIONS } });
    send(&mut socket, subscribe).await;
    watch(&mut socket, "t", &thread, Some(&first)).await;
    ana.post_reply(&thread, "probe").await;
    let probe = receive(&mut socket).await;
    assert_eq!(probe["payload"]["data"]["threadUpdates"]["reply"]["body"], "probe", "{probe}");
    (group, socket)
}

/// The messages ending operations `ids`, by id, in any order, and the close code the
/// connection ends with after them (`None` when it stays open).
async fn ends_of(socket: &mut Socket, ids: &[&str]) -> HashMap<String, Value> {
    let mut ends = HashMap::new();
    while ends.len() < ids.len() {
        let message = receive(socket).await;
        assert_ne!(message["type"], "next", "nothing is delivered after the revocation: {message}");
        if let Some(id) = message["id"].as_str().filter(|id| ids.contains(id)) {
            ends.insert(id.to_owned(), message);
        }
    }
    ends
}

/// Reads until the server closes the connection; its close code. Nothing but the ends
/// of operations may come first.
async fn closed_with(socket: &mut Socket) -> u16 {
    while let Some(message) = socket.next().await {
        match message {
            Ok(Message::Close(Some(frame))) => return frame.code.into(),
            Ok(Message::Close(None)) | Err(_) => return 1005,
            Ok(Message::Text(text)) => {
                let message: Value = serde_json::from_str(&text).unwrap();
                assert_ne!(message["type"], "next", "nothing is delivered once the session ended: {message}");
            }
            Ok(_) => {}
        }
    }
    1006
}

/// Asserts that the socket's operations `ids` end with UNAUTHENTICATED and the socket
/// then closes with 4403, within `within` (a second after a sign-out).
pub(crate) async fn session_over(socket: &mut Socket, ids: &[&str], within: Duration) {
    let ended = async {
        let ends = ends_of(socket, ids).await;
        (ends, closed_with(socket).await)
    };
    let (ends, code) = tokio::time::timeout(within, ended).await.expect("the socket ended in time");
    for end in ends.values() {
        assert_eq!(end["type"], "error", "{end}");
        assert_eq!(end["payload"][0]["extensions"]["code"], "UNAUTHENTICATED", "{end}");
    }
    assert_eq!(code, 4403);
}

#[tokio::test]
async fn signing_out_ends_her_live_subscriptions_and_closes_her_socket_at_once() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, mut socket) = watching(&app, &ana, &bea).await;

    let signed_out = app.graphql("mutation { signOut { sessionsEnded } }", json!({}), Some(&bea.access_token)).await;
    assert_eq!(signed_out["data"]["signOut"]["sessionsEnded"], 1, "{signed_out}");

    session_over(&mut socket, &["t", "n"], WITHIN_A_SECOND).await;
}

#[tokio::test]
async fn signing_out_everywhere_closes_her_sockets_on_every_device() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, mut phone) = watching(&app, &ana, &bea).await;
    let tablet_session = app.sign_in("bea@example.com", crate::support::PASSWORD).await;
    let tablet = app.signed_in(&tablet_session["data"]["signIn"]);
    let mut tablet_socket = acknowledged(&app, &tablet).await;
    send(&mut tablet_socket, json!({ "id": "n", "type": "subscribe", "payload": { "query": NOTIFICATIONS } })).await;

    let ended = app.graphql("mutation { signOutEverywhere { sessionsEnded } }", json!({}), Some(&tablet.access_token));
    assert_eq!(ended.await["data"]["signOutEverywhere"]["sessionsEnded"], 2);

    session_over(&mut phone, &["t", "n"], WITHIN_A_SECOND).await;
    session_over(&mut tablet_socket, &["n"], WITHIN_A_SECOND).await;
}

#[tokio::test]
async fn a_reused_refresh_token_closes_the_sockets_of_the_session_it_revokes() {
    let app = TestApp::spawn_with(|settings| settings.refresh_reuse_grace_secs = 0).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, mut socket) = watching(&app, &ana, &bea).await;
    let refreshed = app.refresh(&bea.refresh_token).await;
    assert!(refreshed["errors"].is_null(), "{refreshed}");

    let reused = app.refresh(&bea.refresh_token).await;
    assert_eq!(crate::support::error_code(&reused), "UNAUTHENTICATED", "{reused}");

    session_over(&mut socket, &["t", "n"], WITHIN_A_SECOND).await;
}

#[tokio::test]
async fn an_expired_token_ends_her_live_subscriptions_and_closes_her_socket() {
    let app = TestApp::spawn_with(|settings| settings.access_token_ttl_secs = 10).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, mut socket) = watching(&app, &ana, &bea).await;

    // The token lives 10 s from sign-up; the sweep would take 30.
    session_over(&mut socket, &["t", "n"], Duration::from_secs(10) + WITHIN_A_SECOND).await;
}

#[tokio::test]
async fn nothing_started_on_a_socket_after_sign_out_runs_as_her() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    let mut socket = acknowledged(&app, &bea).await;
    app.graphql("mutation { signOutEverywhere { sessionsEnded } }", json!({}), Some(&bea.access_token)).await;

    // Sent at once, racing the sign-out's signal: each is refused, or never read.
    let reply = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"after sign-out\" }) { id } }";
    let operations = [
        ("read", json!({ "query": "query($t: ID!) { thread(id: $t) { title } }", "variables": { "t": thread } })),
        ("write", json!({ "query": reply, "variables": { "t": thread } })),
        ("live", json!({ "query": NOTIFICATIONS })),
    ];
    for (id, payload) in operations {
        let _ =
            socket.send(Message::text(json!({ "id": id, "type": "subscribe", "payload": payload }).to_string())).await;
    }

    let code = tokio::time::timeout(WITHIN_A_SECOND, closed_with(&mut socket)).await.expect("closed in time");
    assert_eq!(code, 4403);
    assert_eq!(app.count("replies").await, 1, "only the reply from before the sign-out");
}

#[tokio::test]
async fn blocking_a_threads_author_ends_the_blockers_subscription_to_it() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, mut socket) = watching(&app, &ana, &bea).await;

    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;

    let ended = tokio::time::timeout(PUSHED, ends_of(&mut socket, &["t"])).await.expect("ended well before the sweep");
    assert_eq!(ended["t"]["payload"][0]["extensions"]["code"], "FORBIDDEN", "{}", ended["t"]);
}

/// Opens a connection for `session` on the server at `url`; returns it once
/// acknowledged, or the close code it was refused with.
async fn open(url: &str, session: &Member) -> Result<Socket, u16> {
    let mut socket = connect_to(url, "graphql-transport-ws").await;
    let init = json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", session.access_token) } });
    send(&mut socket, init).await;
    match socket.next().await {
        Some(Ok(Message::Text(text))) if text.contains("connection_ack") => Ok(socket),
        Some(Ok(Message::Close(Some(frame)))) => Err(frame.code.into()),
        other => panic!("neither an acknowledgement nor a close: {other:?}"),
    }
}

#[tokio::test]
async fn a_member_may_hold_only_so_many_connections_and_a_closed_one_frees_its_place() {
    let app = TestApp::spawn_with(|settings| settings.ws_connections_per_member = 2).await;
    let bea = app.member("bea").await;
    let ana = app.member("ana").await;
    let mut first = open(&app.url, &bea).await.expect("first connection");
    let _second = open(&app.url, &bea).await.expect("second connection");

    assert_eq!(open(&app.url, &bea).await.err(), Some(1008), "a third is refused");
    assert!(open(&app.url, &ana).await.is_ok(), "other members are not affected");

    first.close(None).await.expect("closed");
    let freed = async || open(&app.url, &bea).await.ok();
    eventually_within(Duration::from_secs(5), "the closed connection's place to be freed", freed).await;
}

#[tokio::test]
async fn with_redis_the_connection_limit_counts_every_instance() {
    let app = TestApp::spawn_with(|settings| settings.ws_connections_per_member = 1).await;
    if app.settings.redis_url.is_none() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: without Redis each instance counts its own");
        return;
    }
    let bea = app.member("bea").await;
    let other = app.another_instance().await;
    let _here = open(&app.url, &bea).await.expect("first connection");

    assert_eq!(open(&other, &bea).await.err(), Some(1008), "the other instance counts this one's connection");
}
