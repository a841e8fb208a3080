//! The two GraphQL-over-WebSocket protocols: `graphql-transport-ws` (the graphql-ws
//! library's, used by current Apollo, urql and Relay clients) and the legacy `graphql-ws`
//! (subscriptions-transport-ws). Messages are parsed into one shape; replies are written
//! in the dialect the client chose, with the close codes the protocol defines.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Which protocol the client negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `graphql-transport-ws`.
    TransportWs,
    /// Legacy `graphql-ws` (subscriptions-transport-ws).
    Legacy,
}

impl Dialect {
    /// The subprotocol names, most preferred first.
    pub const NAMES: [&'static str; 2] = ["graphql-transport-ws", "graphql-ws"];

    /// The dialect of a negotiated subprotocol name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "graphql-transport-ws" => Some(Self::TransportWs),
            "graphql-ws" => Some(Self::Legacy),
            _ => None,
        }
    }
}

/// Close codes of graphql-transport-ws (the legacy protocol reuses them).
pub mod close {
    pub const BAD_REQUEST: u16 = 4400;
    pub const UNAUTHORIZED: u16 = 4401;
    pub const FORBIDDEN: u16 = 4403;
    pub const INIT_TIMEOUT: u16 = 4408;
    pub const DUPLICATE_ID: u16 = 4409;
    pub const TOO_MANY_INITS: u16 = 4429;
    /// The server is going away (shutdown).
    pub const GOING_AWAY: u16 = 1001;
    /// The server failed.
    pub const INTERNAL_ERROR: u16 = 1011;
    /// RFC 6455's "message too big": a client message over the size limit.
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    /// RFC 6455's "invalid frame payload data": a text message that is not UTF-8.
    pub const INVALID_PAYLOAD: u16 = 1007;
    /// "Try again later": the server holds as many connections as it may.
    pub const TRY_AGAIN_LATER: u16 = 1013;
    /// RFC 6455's policy violation: the member already has as many connections open as
    /// she may.
    pub const TOO_MANY_CONNECTIONS: u16 = 1008;
}

/// A message from the client, in either dialect.
#[derive(Debug)]
pub enum ClientMessage {
    Init(Value),
    Ping(Option<Value>),
    Pong,
    Subscribe { id: String, payload: SubscribePayload },
    Complete { id: String },
    Terminate,
}

/// The operation of a `subscribe` (or legacy `start`) message.
#[derive(Debug, Deserialize)]
pub struct SubscribePayload {
    /// Empty when the operation is sent by its hash (`extensions.persistedQuery`).
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub variables: Option<Value>,
    #[serde(default, rename = "operationName")]
    pub operation_name: Option<String>,
    #[serde(default)]
    pub extensions: Option<Value>,
}

impl SubscribePayload {
    /// Whether it carries a query, or names one by hash.
    fn names_an_operation(&self) -> bool {
        !self.query.is_empty()
            || self.extensions.as_ref().is_some_and(|extensions| extensions.get("persistedQuery").is_some())
    }
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    payload: Option<Value>,
}

fn with_id(id: Option<String>) -> Result<String, String> {
    match id {
        Some(id) if !id.is_empty() && id.len() <= 128 => Ok(id),
        _ => Err("an operation id of 1 to 128 characters is required".into()),
    }
}

impl ClientMessage {
    /// Parses a text frame; the error says what was wrong, for the 4400 close reason.
    pub fn parse(text: &str, dialect: Dialect) -> Result<Self, String> {
        let raw: RawMessage = serde_json::from_str(text).map_err(|_| "invalid message".to_owned())?;
        let payload = || -> Result<SubscribePayload, String> {
            serde_json::from_value(raw.payload.clone().unwrap_or(Value::Null))
                .ok()
                .filter(SubscribePayload::names_an_operation)
                .ok_or_else(|| "invalid subscribe payload".to_owned())
        };
        match (raw.kind.as_str(), dialect) {
            ("connection_init", _) => Ok(Self::Init(raw.payload.clone().unwrap_or(Value::Null))),
            ("ping", Dialect::TransportWs) => Ok(Self::Ping(raw.payload.clone())),
            ("pong", Dialect::TransportWs) => Ok(Self::Pong),
            ("subscribe", Dialect::TransportWs) | ("start", Dialect::Legacy) => {
                let payload = payload()?;
                Ok(Self::Subscribe { id: with_id(raw.id)?, payload })
            }
            ("complete", Dialect::TransportWs) | ("stop", Dialect::Legacy) => {
                Ok(Self::Complete { id: with_id(raw.id)? })
            }
            ("connection_terminate", Dialect::Legacy) => Ok(Self::Terminate),
            (other, _) => Err(format!("unexpected message type {:?}", other.chars().take(40).collect::<String>())),
        }
    }
}

/// The connection was accepted.
pub fn ack() -> String {
    json!({ "type": "connection_ack" }).to_string()
}

/// A keep-alive: a ping (graphql-transport-ws) or `ka` (legacy).
pub fn keep_alive(dialect: Dialect) -> String {
    match dialect {
        Dialect::TransportWs => json!({ "type": "ping" }).to_string(),
        Dialect::Legacy => json!({ "type": "ka" }).to_string(),
    }
}

/// The answer to a client's ping.
pub fn pong(payload: Option<Value>) -> String {
    match payload {
        Some(payload) => json!({ "type": "pong", "payload": payload }).to_string(),
        None => json!({ "type": "pong" }).to_string(),
    }
}

/// A message with an operation id and a payload, serialised straight from `payload`.
#[derive(Serialize)]
struct WithPayload<'a, T> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    payload: &'a T,
}

/// The type of a message carrying a result.
fn next_kind(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::TransportWs => "next",
        Dialect::Legacy => "data",
    }
}

/// One result of operation `id`.
pub fn next<T: Serialize>(dialect: Dialect, id: &str, result: &T) -> String {
    let kind = next_kind(dialect);
    serde_json::to_string(&WithPayload { kind, id, payload: result }).unwrap_or_else(|error| {
        tracing::error!(%error, "cannot encode a result");
        error_message(dialect, id, "internal error")
    })
}

/// One result of operation `id`, already serialised.
pub fn next_serialised(dialect: Dialect, id: &str, result: &str) -> String {
    let kind = next_kind(dialect);
    let id = serde_json::to_string(id).unwrap_or_default();
    format!(r#"{{"type":"{kind}","id":{id},"payload":{result}}}"#)
}

fn error_message(dialect: Dialect, id: &str, message: &str) -> String {
    error(dialect, id, json!([{ "message": message, "extensions": { "code": "INTERNAL" } }]))
}

/// Operation `id` failed before it ran (its errors), and is over.
pub fn error(dialect: Dialect, id: &str, errors: Value) -> String {
    match dialect {
        Dialect::TransportWs => json!({ "type": "error", "id": id, "payload": errors }).to_string(),
        Dialect::Legacy => json!({ "type": "error", "id": id, "payload": { "errors": errors } }).to_string(),
    }
}

/// Operation `id` has no more results.
pub fn complete(id: &str) -> String {
    json!({ "type": "complete", "id": id }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dialects_parse_into_one_shape() {
        let subscribe = r#"{"type":"subscribe","id":"1","payload":{"query":"{ me { id } }"}}"#;
        assert!(matches!(ClientMessage::parse(subscribe, Dialect::TransportWs), Ok(ClientMessage::Subscribe { .. })));
        let start = r#"{"type":"start","id":"1","payload":{"query":"{ me { id } }"}}"#;
        assert!(matches!(ClientMessage::parse(start, Dialect::Legacy), Ok(ClientMessage::Subscribe { .. })));
        assert!(ClientMessage::parse(start, Dialect::TransportWs).is_err());
        assert!(ClientMessage::parse("not json", Dialect::TransportWs).is_err());
        assert!(
            ClientMessage::parse(r#"{"type":"subscribe","payload":{"query":"{}"}}"#, Dialect::TransportWs).is_err()
        );
        assert!(ClientMessage::parse(r#"{"type":"subscribe","id":"1","payload":{}}"#, Dialect::TransportWs).is_err());
        let by_hash = r#"{"type":"subscribe","id":"1","payload":{"query":"","extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}}"#;
        assert!(matches!(ClientMessage::parse(by_hash, Dialect::TransportWs), Ok(ClientMessage::Subscribe { .. })));
    }
}
