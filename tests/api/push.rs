//! Push subscriptions: the server's VAPID key, registering devices (idempotent per
//! endpoint, moving with the device only with its own auth secret), refusing endpoints
//! that are not public https or keys that are not keys, and removing a device.

use serde_json::json;

use crate::support::{TestApp, VAPID_PUBLIC_KEY, error_code, error_field};

const REGISTER: &str = "mutation($input: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $input) { id endpoint userAgent } }";
const MINE: &str = "{ myPushSubscriptions { id endpoint userAgent } }";
/// A real subscription's keys (a P-256 point and 16 bytes).
const P256DH: &str = "BO7GFB7O5GlHTtJERGhmZ5rwr-7I4To8avFeZ1ZQus2KxP92ioVHpNjaKjIqgr0d7fmS4E0Pn4CntJ2arOHD1ac";
const AUTH: &str = "x2b6yU0Uy1bi9Qkbj6Ud4w";

fn device(endpoint: &str) -> serde_json::Value {
    json!({ "input": { "endpoint": endpoint, "p256dh": P256DH, "auth": AUTH, "userAgent": "Pixel 8" } })
}

#[tokio::test]
async fn the_vapid_public_key_is_served() {
    let app = TestApp::spawn().await;
    let answer = app.graphql("{ vapidPublicKey }", json!({}), None).await;
    assert_eq!(answer["data"]["vapidPublicKey"], VAPID_PUBLIC_KEY);
}

#[tokio::test]
async fn a_device_registers_once_per_endpoint_and_moves_with_its_member() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let endpoint = "https://fcm.googleapis.com/fcm/send/abc123";

    let first = app.graphql(REGISTER, device(endpoint), Some(&ana.access_token)).await;
    let again = app.graphql(REGISTER, device(endpoint), Some(&ana.access_token)).await;

    assert_eq!(
        first["data"]["registerPushSubscription"]["id"], again["data"]["registerPushSubscription"]["id"],
        "{again}"
    );
    let mine = app.graphql(MINE, json!({}), Some(&ana.access_token)).await;
    assert_eq!(mine["data"]["myPushSubscriptions"].as_array().map(Vec::len), Some(1));
    app.graphql(REGISTER, device(endpoint), Some(&bea.access_token)).await;
    assert_eq!(app.graphql(MINE, json!({}), Some(&ana.access_token)).await["data"]["myPushSubscriptions"], json!([]));
    assert_eq!(app.count("push_devices").await, 1, "the device moved to Bea");
}

#[tokio::test]
async fn knowing_a_devices_endpoint_does_not_take_its_pushes() {
    let app = TestApp::spawn().await;
    let (ana, eve) = (app.member("ana").await, app.member("eve").await);
    let endpoint = "https://fcm.googleapis.com/fcm/send/anas-phone";
    app.graphql(REGISTER, device(endpoint), Some(&ana.access_token)).await;
    let mut stolen = device(endpoint);
    stolen["input"]["auth"] = json!("AAAAAAAAAAAAAAAAAAAAAA");

    let taken = app.graphql(REGISTER, stolen, Some(&eve.access_token)).await;

    assert_eq!((error_code(&taken), error_field(&taken)), ("CONFLICT", "endpoint"), "{taken}");
    let anas = app.graphql(MINE, json!({}), Some(&ana.access_token)).await;
    assert_eq!(anas["data"]["myPushSubscriptions"][0]["endpoint"], endpoint, "still Ana's: {anas}");
    assert_eq!(app.graphql(MINE, json!({}), Some(&eve.access_token)).await["data"]["myPushSubscriptions"], json!([]));
}

#[tokio::test]
async fn endpoints_that_are_not_public_https_and_malformed_keys_are_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let good = "https://updates.push.services.mozilla.com/wpush/v2/abc";
    let cases = [
        (json!({ "endpoint": "http://push.example.com/x" }), "endpoint"),
        (json!({ "endpoint": "https://127.0.0.1/x" }), "endpoint"),
        (json!({ "endpoint": "https://localhost:8443/x" }), "endpoint"),
        (json!({ "endpoint": "https://192.168.1.20/x" }), "endpoint"),
        (json!({ "endpoint": good, "p256dh": "not-a-key" }), "p256dh"),
        (json!({ "endpoint": good, "auth": "c2hvcnQ" }), "auth"),
    ];
    for (change, field) in cases {
        let mut input = device(good);
        if let (Some(input), Some(change)) = (input["input"].as_object_mut(), change.as_object()) {
            input.extend(change.clone());
        }
        let refused = app.graphql(REGISTER, input, Some(&ana.access_token)).await;
        assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", field), "{change}: {refused}");
    }
    assert_eq!(app.count("push_devices").await, 0);
}

#[tokio::test]
async fn local_endpoints_are_accepted_only_when_allowed() {
    let app = TestApp::spawn_with(|settings| settings.allow_local_push_endpoints = true).await;
    let ana = app.member("ana").await;
    let local = app.graphql(REGISTER, device("http://127.0.0.1:9999/push/1"), Some(&ana.access_token)).await;
    assert_eq!(local["data"]["registerPushSubscription"]["endpoint"], "http://127.0.0.1:9999/push/1", "{local}");
}

#[tokio::test]
async fn a_member_removes_her_own_devices_only() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let registered =
        app.graphql(REGISTER, device("https://fcm.googleapis.com/fcm/send/x"), Some(&ana.access_token)).await;
    let id = registered["data"]["registerPushSubscription"]["id"].clone();
    let remove = "mutation($id: ID!) { removePushSubscription(input: { id: $id }) { removedId } }";

    let not_hers = app.graphql(remove, json!({ "id": id }), Some(&bea.access_token)).await;
    assert_eq!(error_code(&not_hers), "NOT_FOUND", "{not_hers}");
    assert_eq!(app.count("push_devices").await, 1);
    let removed = app.graphql(remove, json!({ "id": id }), Some(&ana.access_token)).await;
    assert_eq!(removed["data"]["removePushSubscription"]["removedId"], id);
    assert_eq!(app.count("push_devices").await, 0);
}

#[tokio::test]
async fn a_member_keeps_her_twenty_most_recent_devices() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    for n in 0..21 {
        let endpoint = format!("https://fcm.googleapis.com/fcm/send/device-{n}");
        app.graphql(REGISTER, device(&endpoint), Some(&ana.access_token)).await;
    }

    let mine = app.graphql(MINE, json!({}), Some(&ana.access_token)).await;
    let endpoints: Vec<&str> = mine["data"]["myPushSubscriptions"]
        .as_array()
        .map(|all| all.iter().filter_map(|s| s["endpoint"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(endpoints.len(), 20);
    assert!(!endpoints.contains(&"https://fcm.googleapis.com/fcm/send/device-0"), "the oldest gave way");
}
