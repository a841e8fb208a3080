//! Trusted documents: operations sent by their SHA-256 (the Apollo persisted-query
//! shape) on HTTP and the WebSocket, documents registered by hash, and the production
//! switch that runs nothing but the manifests' operations.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::support::{TestApp, connect_to, error_code, error_reason, receive, send};

/// The SDK's manifest, as the server has it built in.
fn sdk_manifest() -> serde_json::Map<String, Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/mobile-sdk/src/generated/persisted-documents.json");
    let text = std::fs::read_to_string(path).expect("the SDK manifest");
    serde_json::from_str(&text).expect("a JSON object")
}

/// The hash of the SDK operation whose text starts with `start`.
fn sdk_hash(start: &str) -> String {
    let manifest = sdk_manifest();
    let found = manifest.iter().find(|(_, document)| document.as_str().is_some_and(|d| d.contains(start)));
    found.map(|(hash, _)| hash.clone()).unwrap_or_else(|| panic!("no SDK operation {start}"))
}

fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn by_hash(hash: &str, variables: Value) -> Value {
    json!({ "variables": variables, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } })
}

const SIGN_UP: &str = "mutation($input: SignUpInput!) { signUp(input: $input) { member { id } } }";

fn sign_up_input(email: &str) -> Value {
    json!({ "input": { "email": email, "password": crate::support::PASSWORD, "displayName": "Ana" } })
}

#[tokio::test]
async fn an_sdk_operation_runs_by_its_hash_alone() {
    let app = TestApp::spawn().await;
    let body = by_hash(&sdk_hash("mutation SignUp("), sign_up_input("ana@example.com"));

    let (status, answer) = app.post_raw(body.to_string(), None).await;

    assert_eq!(status, 200);
    assert!(answer["data"]["signUp"]["accessToken"].is_string(), "{answer}");
    assert_eq!(app.count("members").await, 1);
}

#[tokio::test]
async fn an_unknown_hash_is_asked_for_its_text_once_and_then_remembered() {
    let app = TestApp::spawn().await;
    let query = "query { vapidPublicKey }";
    let hash = sha256(query);

    let (_, unknown) = app.post_raw(by_hash(&hash, json!({})).to_string(), None).await;
    assert_eq!(error_code(&unknown), "PERSISTED_QUERY_NOT_FOUND", "{unknown}");
    let mut registering = by_hash(&hash, json!({}));
    registering["query"] = json!(query);
    let (_, registered) = app.post_raw(registering.to_string(), None).await;
    let (_, remembered) = app.post_raw(by_hash(&hash, json!({})).to_string(), None).await;

    assert!(registered["data"]["vapidPublicKey"].is_string(), "{registered}");
    assert_eq!(remembered["data"], registered["data"], "{remembered}");
}

#[tokio::test]
async fn a_hash_that_is_not_the_texts_is_refused_unexecuted() {
    let app = TestApp::spawn().await;
    let mut body = by_hash(&sha256("query { vapidPublicKey }"), sign_up_input("ana@example.com"));
    body["query"] = json!(SIGN_UP);

    let (_, answer) = app.post_raw(body.to_string(), None).await;

    assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
    assert_eq!(error_reason(&answer), "PERSISTED_QUERY_HASH_MISMATCH");
    assert_eq!(app.count("members").await, 0);
}

#[tokio::test]
async fn trusted_documents_only_refuses_any_other_text_and_runs_the_sdks_by_hash() {
    let app = TestApp::spawn_with(|settings| settings.trusted_documents_only = true).await;
    let text = json!({ "query": SIGN_UP, "variables": sign_up_input("ana@example.com") });
    let (_, refused) = app.post_raw(text.to_string(), None).await;
    let mut registering = by_hash(&sha256(SIGN_UP), sign_up_input("ana@example.com"));
    registering["query"] = json!(SIGN_UP);
    let (_, not_registered) = app.post_raw(registering.to_string(), None).await;

    assert_eq!(error_code(&refused), "TRUSTED_DOCUMENTS_ONLY", "{refused}");
    assert_eq!(error_code(&not_registered), "TRUSTED_DOCUMENTS_ONLY", "{not_registered}");
    assert_eq!(app.count("members").await, 0, "nothing ran");

    let (_, trusted) =
        app.post_raw(by_hash(&sdk_hash("mutation SignUp("), sign_up_input("ana@example.com")).to_string(), None).await;
    assert!(trusted["data"]["signUp"]["member"]["id"].is_string(), "{trusted}");
    assert_eq!(app.count("members").await, 1);
}

#[tokio::test]
async fn trusted_documents_only_holds_on_the_websocket_too() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    let thread = ana.start_thread(&group, "Pumping at work", "Where do you all pump?").await;
    let trusted_only = app.another_instance_with(|settings| settings.trusted_documents_only = true).await;
    let mut socket = connect_to(&trusted_only, "graphql-transport-ws").await;
    let init =
        json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", ana.access_token) } });
    send(&mut socket, init).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");

    let text = "subscription($t: ID!) { threadUpdates(threadId: $t) { kind } }";
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": text, "variables": { "t": thread } } }),
    )
    .await;
    let refused = receive(&mut socket).await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["payload"][0]["extensions"]["code"], "TRUSTED_DOCUMENTS_ONLY");

    // Another instance without Redis hears nothing of this one's writes: a replay from
    // a cursor shows the subscription ran.
    ana.post_reply(&thread, "Mine has a lock").await;
    ana.post_reply(&thread, "The wellness room on 3").await;
    let first = ana
        .graphql("query($t: ID!) { thread(id: $t) { replies(first: 1) { edges { cursor } } } }", json!({ "t": thread }))
        .await;
    let after = first["data"]["thread"]["replies"]["edges"][0]["cursor"].clone();
    let persisted = by_hash(&sdk_hash("subscription ThreadUpdates("), json!({ "threadId": thread, "after": after }));
    send(&mut socket, json!({ "id": "2", "type": "subscribe", "payload": persisted })).await;
    let update = receive(&mut socket).await;
    assert_eq!(update["id"], "2", "{update}");
    assert_eq!(update["payload"]["data"]["threadUpdates"]["reply"]["body"], "The wellness room on 3");
}

#[tokio::test]
async fn a_manifest_named_in_the_settings_is_trusted_beside_the_sdks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let query = "query AppVersionCheck { vapidPublicKey }";
    let path = dir.path().join("manifest.json");
    std::fs::write(&path, json!({ sha256(query): query }).to_string()).expect("written");
    let app = TestApp::spawn_with(|settings| {
        settings.trusted_documents = Some(path.clone());
        settings.trusted_documents_only = true;
    })
    .await;

    let (_, answer) = app.post_raw(by_hash(&sha256(query), json!({})).to_string(), None).await;

    assert!(answer["data"]["vapidPublicKey"].is_string(), "{answer}");
}

#[tokio::test]
async fn trusted_documents_only_refuses_a_batch_holding_any_other_text_whole() {
    let app = TestApp::spawn_with(|settings| settings.trusted_documents_only = true).await;
    let trusted = by_hash(&sdk_hash("mutation SignUp("), sign_up_input("ana@example.com"));
    let text = json!({ "query": SIGN_UP, "variables": sign_up_input("bea@example.com") });

    let (_, answer) = app.post_raw(json!([trusted, text]).to_string(), None).await;

    assert_eq!(error_code(&answer), "TRUSTED_DOCUMENTS_ONLY", "{answer}");
    assert_eq!(app.count("members").await, 0, "not even the trusted operation ran");
}

#[tokio::test]
async fn trusted_documents_only_holds_in_the_legacy_websocket_dialect() {
    let app = TestApp::spawn_with(|settings| settings.trusted_documents_only = true).await;
    let mut socket = connect_to(&app.url, "graphql-ws").await;
    send(&mut socket, json!({ "type": "connection_init", "payload": {} })).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");

    let text = "query { vapidPublicKey }";
    send(&mut socket, json!({ "id": "1", "type": "start", "payload": { "query": text } })).await;
    let refused = receive(&mut socket).await;
    send(
        &mut socket,
        json!({ "id": "2", "type": "start", "payload": by_hash(&sdk_hash("query VapidPublicKey"), json!({})) }),
    )
    .await;
    let trusted = receive(&mut socket).await;

    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "TRUSTED_DOCUMENTS_ONLY");
    assert_eq!(trusted["id"], "2", "{trusted}");
    assert!(trusted["payload"]["data"]["vapidPublicKey"].is_string(), "{trusted}");
}

#[tokio::test]
async fn a_malformed_persisted_query_is_refused_unexecuted_on_http_and_the_websocket() {
    let app = TestApp::spawn().await;
    let malformed =
        [json!({ "version": 1 }), json!({ "sha256Hash": "abc" }), json!({ "sha256Hash": "z".repeat(64) }), json!("x")];
    for persisted in &malformed {
        let body = json!({ "query": SIGN_UP, "variables": sign_up_input("ana@example.com"), "extensions": { "persistedQuery": persisted } });
        let (_, answer) = app.post_raw(body.to_string(), None).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{persisted}: {answer}");
        assert_eq!(error_reason(&answer), "PERSISTED_QUERY_MALFORMED");
    }
    assert_eq!(app.count("members").await, 0, "nothing ran");

    let mut socket = connect_to(&app.url, "graphql-transport-ws").await;
    send(&mut socket, json!({ "type": "connection_init", "payload": {} })).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    let payload = json!({ "query": "{ vapidPublicKey }", "extensions": ["not", "an", "object"] });
    send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": payload })).await;
    let refused = receive(&mut socket).await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["payload"][0]["extensions"]["reason"], "MALFORMED_EXTENSIONS");
    let hash_only = json!({ "query": "", "extensions": { "persistedQuery": { "sha256Hash": 42 } } });
    send(&mut socket, json!({ "id": "2", "type": "subscribe", "payload": hash_only })).await;
    let refused = receive(&mut socket).await;
    assert_eq!(refused["payload"][0]["extensions"]["reason"], "PERSISTED_QUERY_MALFORMED", "{refused}");
}
