//! A WebSocket client for the tests: connecting in either dialect, sending and
//! receiving protocol messages (answering keep-alives), close codes, and a thread's
//! live updates.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{Session, TestApp};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub async fn connect(app: &TestApp, protocol: &'static str) -> Socket {
    connect_to(&app.url, protocol).await
}

/// A WebSocket to the server at `base_url` speaking `protocol`.
pub async fn connect_to(base_url: &str, protocol: &'static str) -> Socket {
    let mut request = format!("{}/graphql", base_url.replace("http", "ws")).into_client_request().unwrap();
    request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static(protocol));
    let (socket, response) = tokio_tungstenite::connect_async(request).await.expect("upgrade");
    assert_eq!(response.headers()["sec-websocket-protocol"], protocol);
    socket
}

pub async fn send(socket: &mut Socket, message: Value) {
    socket.send(Message::text(message.to_string())).await.expect("sent");
}

/// The next protocol message, skipping keep-alives.
pub async fn receive(socket: &mut Socket) -> Value {
    loop {
        match socket.next().await.expect("a message").expect("readable") {
            Message::Text(text) => {
                let message: Value = serde_json::from_str(&text).expect("JSON");
                match message["type"].as_str() {
                    // Keep-alive, answered as a client does (a long test outlives a ping).
                    Some("ping") => send(socket, json!({ "type": "pong" })).await,
                    Some("ka") => {}
                    _ => return message,
                }
            }
            Message::Close(frame) => panic!("closed: {frame:?}"),
            _ => {}
        }
    }
}

/// The close code the server ends the connection with.
pub async fn close_code(socket: &mut Socket) -> u16 {
    while let Some(message) = socket.next().await {
        match message {
            Ok(Message::Close(Some(frame))) => return frame.code.into(),
            Ok(Message::Close(None)) | Err(_) => return 1005,
            Ok(_) => {}
        }
    }
    1006
}

pub async fn acknowledged(app: &TestApp, session: &Session) -> Socket {
    let mut socket = connect(app, "graphql-transport-ws").await;
    send(&mut socket, json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", session.access_token) } })).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    socket
}

const UPDATES: &str = "subscription($t: ID!, $after: String) { threadUpdates(threadId: $t, after: $after) { kind cursor reply { body state } } }";

pub async fn watch(socket: &mut Socket, id: &str, thread: &str, after: Option<&str>) {
    send(socket, json!({ "id": id, "type": "subscribe", "payload": { "query": UPDATES, "variables": { "t": thread, "after": after } } })).await;
}
