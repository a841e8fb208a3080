//! The GraphQL WebSocket protocol on /graphql, with a real client: the handshake, every
//! refusal with the close code graphql-transport-ws defines, operations and keep-alive,
//! and the legacy graphql-ws dialect.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::support::{Session, TestApp};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

async fn connect(app: &TestApp, protocol: &'static str) -> Socket {
    let mut request = format!("{}/graphql", app.url.replace("http", "ws")).into_client_request().unwrap();
    request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static(protocol));
    let (socket, response) = tokio_tungstenite::connect_async(request).await.expect("upgrade");
    assert_eq!(response.headers()["sec-websocket-protocol"], protocol);
    socket
}

async fn send(socket: &mut Socket, message: Value) {
    socket.send(Message::text(message.to_string())).await.expect("sent");
}

/// The next protocol message, skipping keep-alives.
async fn receive(socket: &mut Socket) -> Value {
    loop {
        match socket.next().await.expect("a message").expect("readable") {
            Message::Text(text) => {
                let message: Value = serde_json::from_str(&text).expect("JSON");
                if message["type"] != "ka" {
                    return message;
                }
            }
            Message::Close(frame) => panic!("closed: {frame:?}"),
            _ => {}
        }
    }
}

/// The close code the server ends the connection with.
async fn close_code(socket: &mut Socket) -> u16 {
    while let Some(message) = socket.next().await {
        match message {
            Ok(Message::Close(Some(frame))) => return frame.code.into(),
            Ok(Message::Close(None)) | Err(_) => return 1005,
            Ok(_) => {}
        }
    }
    1006
}

async fn acknowledged(app: &TestApp, session: &Session) -> Socket {
    let mut socket = connect(app, "graphql-transport-ws").await;
    send(&mut socket, json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", session.access_token) } })).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    socket
}

#[tokio::test]
async fn an_operation_runs_after_an_authenticated_handshake_and_completes() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    let mut socket = acknowledged(&app, &ana).await;

    send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": { "query": "{ me { displayName } }" } }))
        .await;

    let next = receive(&mut socket).await;
    assert_eq!((next["type"].clone(), next["id"].clone()), (json!("next"), json!("1")), "{next}");
    assert_eq!(next["payload"]["data"]["me"]["displayName"], "Ana");
    assert_eq!(receive(&mut socket).await, json!({ "type": "complete", "id": "1" }));
}

#[tokio::test]
async fn the_token_may_come_in_headers_and_errors_carry_codes() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    let mut socket = connect(&app, "graphql-transport-ws").await;
    let init = json!({ "type": "connection_init", "payload": { "headers": { "Authorization": format!("Bearer {}", ana.access_token) } } });
    send(&mut socket, init).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");

    send(&mut socket, json!({ "id": "bad", "type": "subscribe", "payload": { "query": "{ nope }" } })).await;

    let error = receive(&mut socket).await;
    assert_eq!(error["type"], "error", "{error}");
    assert_eq!(error["payload"][0]["extensions"]["code"], "BAD_USER_INPUT");
    send(&mut socket, json!({ "type": "ping", "payload": { "n": 1 } })).await;
    assert_eq!(receive(&mut socket).await, json!({ "type": "pong", "payload": { "n": 1 } }));
}

#[tokio::test]
async fn no_connection_init_in_time_closes_with_4408() {
    let app = TestApp::spawn_with(|settings| settings.ws_init_timeout_secs = 1).await;
    let mut socket = connect(&app, "graphql-transport-ws").await;
    assert_eq!(close_code(&mut socket).await, 4408);
}

#[tokio::test]
async fn a_second_connection_init_closes_with_4429() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    let mut socket = acknowledged(&app, &ana).await;
    send(&mut socket, json!({ "type": "connection_init" })).await;
    assert_eq!(close_code(&mut socket).await, 4429);
}

#[tokio::test]
async fn subscribing_before_the_acknowledgement_closes_with_4401() {
    let app = TestApp::spawn().await;
    let mut socket = connect(&app, "graphql-transport-ws").await;
    send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": { "query": "{ __typename }" } })).await;
    assert_eq!(close_code(&mut socket).await, 4401);
}

#[tokio::test]
async fn a_bad_or_signed_out_token_closes_with_4403() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    app.graphql("mutation { signOut { sessionsEnded } }", json!({}), Some(&ana.access_token)).await;
    for token in ["Bearer not-a-token".to_owned(), format!("Bearer {}", ana.access_token)] {
        let mut socket = connect(&app, "graphql-transport-ws").await;
        send(&mut socket, json!({ "type": "connection_init", "payload": { "authorization": token } })).await;
        assert_eq!(close_code(&mut socket).await, 4403);
    }
}

#[tokio::test]
async fn malformed_and_binary_messages_close_with_4400() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    let mut socket = acknowledged(&app, &ana).await;
    socket.send(Message::text("{ not json")).await.unwrap();
    assert_eq!(close_code(&mut socket).await, 4400);

    let mut socket = acknowledged(&app, &ana).await;
    send(&mut socket, json!({ "id": "1", "type": "subscribe" })).await;
    assert_eq!(close_code(&mut socket).await, 4400);

    let mut socket = connect(&app, "graphql-transport-ws").await;
    socket.send(Message::binary(vec![1, 2, 3])).await.unwrap();
    assert_eq!(close_code(&mut socket).await, 4400);
}

#[tokio::test]
async fn messages_over_64_kib_are_refused() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    let mut socket = acknowledged(&app, &ana).await;
    let huge = json!({ "id": "1", "type": "subscribe", "payload": { "query": format!("{{ __typename }} # {}", "x".repeat(70_000)) } });
    let _ = socket.send(Message::text(huge.to_string())).await;
    let code = close_code(&mut socket).await;
    assert!(code == 1009 || code == 1006 || code == 1005, "closed with {code}");
}

#[tokio::test]
async fn the_legacy_graphql_ws_dialect_is_spoken_too() {
    let app = TestApp::spawn().await;
    let ana = app.sign_up("ana@example.com", "Ana").await;
    let mut socket = connect(&app, "graphql-ws").await;
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", ana.access_token) } }),
    )
    .await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");

    send(&mut socket, json!({ "id": "1", "type": "start", "payload": { "query": "{ me { displayName } }" } })).await;

    let data = receive(&mut socket).await;
    assert_eq!(data["type"], "data", "{data}");
    assert_eq!(data["payload"]["data"]["me"]["displayName"], "Ana");
    assert_eq!(receive(&mut socket).await, json!({ "type": "complete", "id": "1" }));
}
