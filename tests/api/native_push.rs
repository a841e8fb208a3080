//! Native push (FCM and APNs) beside Web Push, against local services that check what
//! Google's and Apple's do: registering phones (idempotent per token, never moved to
//! another member, removed with the session that signs out saying so), one push per
//! device of each transport with the same headline and badge, quiet hours, and each
//! answer the services give (a forgotten token, Retry-After, a refused message, refused
//! credentials, an expired provider token).

use std::time::Duration;

use serde_json::{Value, json};

use crate::push_delivery::{quiet_now, register, settled, topic_of};
use crate::support::{
    APNS_TOPIC, Member, NativeAnswer, NativePush, NativeReceived, PushService, TestApp, TestDatabase, error_code,
    error_field, notifications_of, thread_with_a_reply,
};

const REGISTER: &str =
    "mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id transport name appId environment } }";
const DEVICES: &str = "{ myDevices { __typename id transport name createdAt \
                       ... on NativeDevice { appId environment } ... on PushSubscription { endpoint } } }";

/// A new FCM registration token, as Firebase hands them out.
fn fcm_token() -> String {
    format!("fcm-{}:APA91b{}", uuid::Uuid::now_v7().simple(), uuid::Uuid::now_v7().simple())
}

/// A new APNs device token (32 bytes, hex).
fn apns_token() -> String {
    format!("{}{}", uuid::Uuid::now_v7().simple(), uuid::Uuid::now_v7().simple())
}

async fn register_device(app: &TestApp, member: &Member, input: Value) -> Value {
    app.graphql(REGISTER, json!({ "input": input }), Some(&member.access_token)).await
}

/// Registers an Android phone for her; returns its token.
pub async fn register_fcm(app: &TestApp, member: &Member) -> String {
    let token = fcm_token();
    let input = json!({ "transport": "FCM", "token": token, "appId": "org.village.app", "deviceName": "Pixel 8" });
    let answer = register_device(app, member, input).await;
    assert_eq!(answer["data"]["registerDevice"]["transport"], "FCM", "{answer}");
    token
}

/// Registers an iPhone for her, its build on `environment`; returns its token.
pub async fn register_apns(app: &TestApp, member: &Member, environment: &str) -> String {
    let token = apns_token();
    let input = json!({ "transport": "APNS", "token": token, "appId": APNS_TOPIC, "environment": environment });
    let answer = register_device(app, member, input).await;
    assert_eq!(answer["data"]["registerDevice"]["environment"], environment, "{answer}");
    token
}

async fn app_with(native: &NativePush, worker: bool) -> TestApp {
    TestApp::spawn_with(|settings| {
        settings.allow_local_push_endpoints = true;
        settings.no_worker = !worker;
        native.configure(settings);
    })
    .await
}

async fn devices(app: &TestApp, member: &Member) -> Vec<Value> {
    let answer = app.graphql(DEVICES, json!({}), Some(&member.access_token)).await;
    answer["data"]["myDevices"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"))
}

fn only(received: Vec<NativeReceived>) -> NativeReceived {
    let [push] = received.try_into().unwrap_or_else(|r: Vec<_>| panic!("not one push: {r:?}"));
    assert!(push.problems.is_empty(), "{:?}", push.problems);
    push
}

#[tokio::test]
async fn a_phone_registers_once_per_token_and_is_listed_beside_her_browsers() {
    let (native, service) = (NativePush::start().await, PushService::start().await);
    let app = app_with(&native, false).await;
    let ana = app.member("ana").await;
    let token = fcm_token();
    let input =
        json!({ "transport": "FCM", "token": token, "appId": "org.village.app", "deviceName": " Pixel\u{7} 8 " });

    let first = register_device(&app, &ana, input.clone()).await;
    let again = register_device(&app, &ana, with(&input, json!({ "deviceName": "Ana's Pixel" }))).await;
    let iphone = register_device(
        &app,
        &ana,
        json!({ "transport": "APNS", "token": apns_token().to_uppercase(), "appId": APNS_TOPIC, "environment": "SANDBOX" }),
    )
    .await;
    register(&app, &ana, &service.device()).await;

    assert_eq!(first["data"]["registerDevice"]["id"], again["data"]["registerDevice"]["id"], "{again}");
    assert_eq!(first["data"]["registerDevice"]["name"], "Pixel 8", "trimmed, no control characters");
    assert_eq!(first["data"]["registerDevice"]["environment"], Value::Null, "FCM has no environment");
    let listed = devices(&app, &ana).await;
    let kinds: Vec<(&str, &str)> =
        listed.iter().map(|d| (d["__typename"].as_str().unwrap(), d["transport"].as_str().unwrap())).collect();
    assert_eq!(kinds, [("NativeDevice", "FCM"), ("NativeDevice", "APNS"), ("PushSubscription", "WEB_PUSH")]);
    assert_eq!(listed[0]["name"], "Ana's Pixel", "registering again updates it");
    assert_eq!(listed[1]["environment"], "SANDBOX");
    assert_eq!(listed[1]["appId"], APNS_TOPIC);
    assert!(iphone["errors"].is_null(), "{iphone}");

    let removed = app
        .graphql(
            "mutation($id: ID!) { removeDevice(input: { id: $id }) { removedId } }",
            json!({ "id": listed[1]["id"] }),
            Some(&ana.access_token),
        )
        .await;
    assert_eq!(removed["data"]["removeDevice"]["removedId"], listed[1]["id"], "{removed}");
    assert_eq!(devices(&app, &ana).await.len(), 2);
}

/// `input` with the fields of `changes` set.
fn with(input: &Value, changes: Value) -> Value {
    let mut changed = input.clone();
    for (key, value) in changes.as_object().cloned().unwrap_or_default() {
        changed[key] = value;
    }
    changed
}

#[tokio::test]
async fn another_members_token_is_not_moved_and_bad_registrations_change_nothing() {
    let native = NativePush::start().await;
    let app = app_with(&native, false).await;
    let (ana, eve) = (app.member("ana").await, app.member("eve").await);
    let token = register_fcm(&app, &ana).await;
    let valid = json!({ "transport": "FCM", "token": token, "appId": "org.village.app" });

    let taken = register_device(&app, &eve, valid.clone()).await;
    assert_eq!((error_code(&taken), error_field(&taken)), ("CONFLICT", "token"), "{taken}");

    let refused = [
        (with(&valid, json!({ "transport": "WEB_PUSH" })), "transport"),
        (with(&valid, json!({ "token": "" })), "token"),
        (with(&valid, json!({ "token": "has spaces in it" })), "token"),
        (with(&valid, json!({ "token": "a".repeat(4097) })), "token"),
        (json!({ "transport": "APNS", "token": "not-hex", "appId": APNS_TOPIC }), "token"),
        (json!({ "transport": "APNS", "token": apns_token(), "appId": "org.someone.else" }), "appId"),
        (with(&valid, json!({ "appId": "org village app" })), "appId"),
        (with(&valid, json!({ "environment": "SANDBOX", "token": fcm_token() })), "environment"),
    ];
    for (input, field) in refused {
        let answer = register_device(&app, &eve, input.clone()).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", field), "{input}: {answer}");
    }
    assert_eq!(app.count("push_devices").await, 1, "only Ana's phone");
    assert_eq!(devices(&app, &ana).await.len(), 1);
    assert!(devices(&app, &eve).await.is_empty());
}

#[tokio::test]
async fn a_server_without_fcm_or_apns_refuses_native_devices() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    for input in [
        json!({ "transport": "FCM", "token": fcm_token(), "appId": "org.village.app" }),
        json!({ "transport": "APNS", "token": apns_token(), "appId": APNS_TOPIC }),
    ] {
        let answer = register_device(&app, &ana, input).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", "transport"), "{answer}");
    }
    assert_eq!(app.count("push_devices").await, 0);
}

#[tokio::test]
async fn signing_out_saying_so_removes_the_devices_that_session_registered_and_no_others() {
    let (native, service) = (NativePush::start().await, PushService::start().await);
    let app = app_with(&native, false).await;
    let ana = app.member("ana").await;
    let tablet = app.signed_in(&app.sign_in("ana@example.com", crate::support::PASSWORD).await["data"]["signIn"]);
    let phone_token = register_fcm(&app, &ana).await;
    register(&app, &ana, &service.device()).await;
    register_apns(&app, &tablet, "PRODUCTION").await;
    let plain_sign_out = "mutation { signOut { sessionsEnded } }";
    let sign_out = "mutation { signOut(input: { removePushDevices: true }) { sessionsEnded } }";

    let out = app.graphql(sign_out, json!({}), Some(&ana.access_token)).await;

    assert_eq!(out["data"]["signOut"]["sessionsEnded"], 1, "{out}");
    let left = devices(&app, &tablet).await;
    assert_eq!(left.len(), 1, "only the tablet's own registration stays: {left:?}");
    assert_eq!(left[0]["transport"], "APNS");
    // The phone's token is free again: Bea signs in on it.
    let bea = app.member("bea").await;
    let input = json!({ "transport": "FCM", "token": phone_token, "appId": "org.village.app" });
    let moved = register_device(&app, &bea, input).await;
    assert!(moved["errors"].is_null(), "{moved}");
    let out = app.graphql(plain_sign_out, json!({}), Some(&tablet.access_token)).await;
    assert_eq!(out["data"]["signOut"]["sessionsEnded"], 1, "{out}");
    assert_eq!(app.count("push_devices").await, 2, "a sign-out that does not say so keeps its devices");
}

#[tokio::test]
async fn one_reply_pushes_once_to_each_transport_with_the_same_headline_and_badge() {
    let (native, service) = (NativePush::start().await, PushService::start().await);
    let app = app_with(&native, true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let browser = service.device();
    register(&app, &ana, &browser).await;
    let android = register_fcm(&app, &ana).await;
    let iphone = register_apns(&app, &ana, "PRODUCTION").await;
    let dev_iphone = register_apns(&app, &ana, "SANDBOX").await;

    bea.post_reply(&thread, "Same here").await;

    service.wait_for(1, Duration::from_secs(10)).await;
    native.wait_for(3, Duration::from_secs(10)).await;
    settled(&app).await;
    let [web] = service.delivered_to(&browser).try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(native.received().len(), 3, "one push per phone: {:?}", native.received());
    let headline = "Bea replied to your thread 'Live'";
    assert_eq!((web.payload["body"].as_str(), web.payload["badge"].as_i64()), (Some(headline), Some(1)));
    for (token, service) in [(&android, "FCM"), (&iphone, "APNS"), (&dev_iphone, "APNS_SANDBOX")] {
        let push = only(native.delivered_to(token));
        assert_eq!(push.service, service, "the build's environment picks the host");
        assert_eq!((push.title.as_deref(), push.body.as_deref()), (Some("Village"), Some(headline)));
        assert_eq!(push.badge, Some(1));
        assert_eq!(push.collapse_id, Some(topic_of(&thread)), "collapsed per thread");
        assert_eq!(push.thread_id.as_deref(), Some(thread.as_str()));
        assert_eq!(push.notification_id.as_deref(), web.payload["notificationId"].as_str());
    }
    assert_eq!(only(native.delivered_to(&android)).collapse_key, Some(topic_of(&thread)));
    assert_eq!(native.token_requests(), 1, "one access token from the token endpoint");
    assert_eq!(native.provider_tokens().len(), 1, "one provider token for both APNs hosts");
}

#[tokio::test]
async fn a_private_groups_push_says_nothing_of_its_content_on_phones_either() {
    let native = NativePush::start().await;
    let app = app_with(&native, true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    let (android, iphone) = (register_fcm(&app, &ana).await, register_apns(&app, &ana, "PRODUCTION").await);

    bea.post_reply(&thread, "My boss said no to pumping breaks").await;

    native.wait_for(2, Duration::from_secs(10)).await;
    for token in [&android, &iphone] {
        let push = only(native.delivered_to(token));
        assert_eq!(push.body.as_deref(), Some("New reply in a private group"));
        let text = format!("{push:?}");
        for secret in ["Live", "Bea", "pumping", "Moms at Work"] {
            assert!(!text.contains(secret), "{secret:?} reached the lock screen: {text}");
        }
    }
}

#[tokio::test]
async fn quiet_hours_release_one_collapsed_push_on_each_transport() {
    let (native, service) = (NativePush::start().await, PushService::start().await);
    let app = app_with(&native, false).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (group, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let other = ana.start_thread(&group, "Daycare", "Tips?").await;
    let browser = service.device();
    register(&app, &ana, &browser).await;
    let (android, iphone) = (register_fcm(&app, &ana).await, register_apns(&app, &ana, "PRODUCTION").await);
    quiet_now(&app, &ana).await;

    bea.post_reply(&thread, "one").await;
    bea.post_reply(&other, "two").await;
    settled(&app).await;
    assert_eq!(service.received().len() + native.received().len(), 0, "held, not pushed");
    let release = "SELECT run_after FROM outbox WHERE kind = 'PUSH_RELEASE'";
    let at: chrono::DateTime<chrono::Utc> =
        village::on_db!(&app.db, pool => sqlx::query_scalar(release).fetch_one(pool).await).expect("one release");

    app.run_jobs_at(at).await;

    native.wait_for(2, Duration::from_secs(10)).await;
    settled(&app).await;
    let web = service.delivered_to(&browser);
    assert_eq!(web.len(), 1, "{web:?}");
    for token in [&android, &iphone] {
        let push = only(native.delivered_to(token));
        assert_eq!(push.body.as_deref(), Some("2 new notifications"));
        assert_eq!(push.badge, Some(2));
        assert_eq!(push.notification_id.as_deref(), web[0].payload["notificationId"].as_str());
    }
    assert_eq!(native.received().len(), 2, "one push for both, on each phone");
    assert_eq!(app.count("push_held").await, 0);
}

#[tokio::test]
async fn tokens_the_services_call_unregistered_or_bad_are_forgotten() {
    let native = NativePush::start().await;
    let app = app_with(&native, true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let android = register_fcm(&app, &ana).await;
    let (old_iphone, bad_iphone) =
        (register_apns(&app, &ana, "PRODUCTION").await, register_apns(&app, &ana, "PRODUCTION").await);
    native.answer_next(&android, &[NativeAnswer::fcm(404, "UNREGISTERED")]);
    native.answer_next(&old_iphone, &[NativeAnswer::apns(410, "Unregistered")]);
    native.answer_next(&bad_iphone, &[NativeAnswer::apns(400, "BadDeviceToken")]);

    bea.post_reply(&thread, "one").await;
    native.wait_for(3, Duration::from_secs(10)).await;
    settled(&app).await;
    assert_eq!(app.count("push_devices").await, 0, "all three forgotten");

    bea.post_reply(&thread, "two").await;
    settled(&app).await;
    assert_eq!(native.received().len(), 3, "nothing more to forgotten tokens");
    assert_eq!(notifications_of(&app, &ana).await.0, 1, "the in-app entry stays");
}

/// When the next PUSH_NOTIFICATION job is due.
async fn next_push_due(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    let sql = "SELECT run_after FROM outbox WHERE kind = 'PUSH_NOTIFICATION'";
    village::on_db!(&app.db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).expect("a push job")
}

fn statuses(received: &[NativeReceived]) -> Vec<u16> {
    received.iter().map(|push| push.status).collect()
}

#[tokio::test]
async fn fcm_is_retried_no_sooner_than_its_retry_after_and_a_refused_message_is_set_aside() {
    let native = NativePush::start().await;
    let app = app_with(&native, false).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let (android, tablet) = (register_fcm(&app, &ana).await, register_fcm(&app, &ana).await);
    native.answer_next(&android, &[NativeAnswer::fcm(429, "QUOTA_EXCEEDED").retry_after("30")]);
    native.answer_next(&tablet, &[NativeAnswer::fcm(400, "INVALID_ARGUMENT")]);

    bea.post_reply(&thread, "Same here").await;
    app.jobs_done().await;
    let asked = native.received().len();
    let due = next_push_due(&app).await;
    app.run_jobs_at(due - chrono::TimeDelta::milliseconds(1)).await;
    assert_eq!(native.received().len(), asked, "not retried before its Retry-After");
    assert!(due - chrono::Utc::now() > chrono::TimeDelta::seconds(25), "due in 30 s, not at the backoff: {due}");
    app.run_jobs_at(due).await;

    settled(&app).await;
    assert_eq!(statuses(&native.received().into_iter().filter(|p| p.token == android).collect::<Vec<_>>()), [429, 200]);
    assert_eq!(statuses(&native.received().into_iter().filter(|p| p.token == tablet).collect::<Vec<_>>()), [400]);
    assert_eq!(app.count("push_devices").await, 2, "both devices kept");
    assert_eq!(app.count("outbox WHERE kind = 'PUSH_NOTIFICATION'").await, 0, "the refused message is not retried");
}

#[tokio::test]
async fn fcm_refusing_our_credentials_pauses_fcm_and_keeps_its_devices() {
    let native = NativePush::start().await;
    let mut app = app_with(&native, true).await;
    app.expect_failed_jobs();
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let android = register_fcm(&app, &ana).await;
    let iphone = register_apns(&app, &ana, "PRODUCTION").await;
    native.answer_next(&android, &[NativeAnswer::fcm(403, "PERMISSION_DENIED")]);

    bea.post_reply(&thread, "one").await;
    native.wait_for(2, Duration::from_secs(10)).await;
    bea.post_reply(&thread, "two").await;
    native.wait_for(3, Duration::from_secs(10)).await;
    settled(&app).await;

    assert_eq!(statuses(&native.received().into_iter().filter(|p| p.token == android).collect::<Vec<_>>()), [403]);
    assert_eq!(native.delivered_to(&iphone).len(), 2, "APNs goes on");
    assert_eq!(app.count("push_devices").await, 2, "the devices are kept");
    let later = "SELECT COUNT(*) FROM outbox WHERE kind = 'PUSH_NOTIFICATION' AND run_after > $1 AND dead_at IS NULL";
    let in_nine_minutes = chrono::Utc::now() + chrono::TimeDelta::minutes(9);
    let waiting: i64 =
        village::on_db!(&app.db, pool => sqlx::query_scalar(later).bind(in_nine_minutes).fetch_one(pool).await)
            .expect("counted");
    assert!(waiting >= 1, "the FCM pushes wait for the pause to end");
}

#[tokio::test]
async fn an_expired_provider_token_is_replaced_once_then_that_apns_host_pauses() {
    let native = NativePush::start().await;
    let mut app = app_with(&native, true).await;
    app.expect_failed_jobs();
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let iphone = register_apns(&app, &ana, "PRODUCTION").await;
    bea.post_reply(&thread, "one").await;
    native.wait_for(1, Duration::from_secs(10)).await;
    settled(&app).await;
    // A new provider token differs from the last only once a second has passed (`iat`).
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = NativeAnswer::apns(403, "ExpiredProviderToken");
    native.answer_next(&iphone, std::slice::from_ref(&expired));

    bea.post_reply(&thread, "two").await;
    native.wait_for(3, Duration::from_secs(10)).await;
    settled(&app).await;
    assert_eq!(statuses(&native.received()), [200, 403, 200], "sent again at once");
    assert_eq!(native.provider_tokens().len(), 2, "with a new provider token");

    native.answer_next(&iphone, &[expired.clone(), expired]);
    bea.post_reply(&thread, "three").await;
    native.wait_for(5, Duration::from_secs(10)).await;
    bea.post_reply(&thread, "four").await;
    settled(&app).await;
    assert_eq!(statuses(&native.received()), [200, 403, 200, 403, 403], "refused twice: paused, nothing more sent");
    assert_eq!(app.count("push_devices").await, 1, "the device is kept");
}

#[tokio::test]
async fn a_devices_own_errors_never_pause_its_transport_for_everyone() {
    let native = NativePush::start().await;
    let mut app = app_with(&native, true).await;
    app.expect_failed_jobs();
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let (android, iphone) = (register_fcm(&app, &ana).await, register_apns(&app, &ana, "PRODUCTION").await);
    // Tokens made to fail, as anyone could register: another app's web token, another
    // project's token, and a sandbox build against a production-only key.
    let (foreign, other_project) = (register_fcm(&app, &ana).await, register_fcm(&app, &ana).await);
    let sandbox = register_apns(&app, &ana, "SANDBOX").await;
    native.answer_next(&foreign, &[NativeAnswer::fcm(401, "THIRD_PARTY_AUTH_ERROR")]);
    native.answer_next(&other_project, &[NativeAnswer::fcm(403, "SENDER_ID_MISMATCH")]);
    native.answer_next(&sandbox, &[NativeAnswer::apns(403, "BadEnvironmentKeyInToken")]);

    bea.post_reply(&thread, "one").await;
    native.wait_for(5, Duration::from_secs(10)).await;
    settled(&app).await;
    bea.post_reply(&thread, "two").await;
    native.wait_for(8, Duration::from_secs(10)).await;
    settled(&app).await;

    assert_eq!(native.delivered_to(&android).len(), 2, "FCM goes on");
    assert_eq!(native.delivered_to(&iphone).len(), 2, "the production host goes on");
    let to = |token: &str| statuses(&native.received().into_iter().filter(|p| p.token == token).collect::<Vec<_>>());
    assert_eq!(to(&foreign), [401, 200], "set aside, not paused: her next push is tried");
    assert_eq!(to(&other_project), [403], "another project's token is forgotten");
    assert_eq!(to(&sandbox), [403], "the sandbox host is paused");
    assert_eq!(devices(&app, &ana).await.len(), 4, "all but the other project's token kept");
}

#[tokio::test]
async fn one_access_token_serves_every_send_until_it_is_due_or_refused() {
    let native = NativePush::start().await;
    let app = app_with(&native, true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut phones = Vec::new();
    for _ in 0..20 {
        phones.push(register_fcm(&app, &ana).await);
    }
    // Five minutes and a second: replaced a second after it is handed out.
    native.token_lifetime(301);

    bea.post_reply(&thread, "one").await;
    native.wait_for(20, Duration::from_secs(10)).await;
    settled(&app).await;
    assert_eq!(native.token_requests(), 1, "twenty sends at once, one token fetched");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    native.token_lifetime(3599);
    bea.post_reply(&thread, "two").await;
    native.wait_for(40, Duration::from_secs(10)).await;
    settled(&app).await;
    assert_eq!(native.token_requests(), 2, "a token due for replacement is replaced once");
    native.revoke_access_tokens();
    bea.post_reply(&thread, "three").await;
    native.wait_for(60, Duration::from_secs(10)).await;
    settled(&app).await;

    assert_eq!(native.token_requests(), 3, "a refused token is replaced once, for all");
    assert!(phones.iter().all(|phone| native.delivered_to(phone).len() == 3), "{:?}", native.received());
}

#[tokio::test]
async fn apns_too_many_requests_is_retried_until_delivered_once() {
    let native = NativePush::start().await;
    let app = app_with(&native, false).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let iphone = register_apns(&app, &ana, "PRODUCTION").await;
    native.answer_next(&iphone, &[NativeAnswer::apns(429, "TooManyRequests")]);

    bea.post_reply(&thread, "Same here").await;
    app.jobs_done().await;
    assert_eq!(statuses(&native.received()), [429]);
    app.run_jobs_at(next_push_due(&app).await).await;

    settled(&app).await;
    assert_eq!(statuses(&native.received()), [429, 200]);
    assert_eq!(app.count("outbox WHERE kind = 'PUSH_NOTIFICATION'").await, 0);
}

#[tokio::test]
async fn browsers_registered_before_native_push_and_their_push_records_survive_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;
    let db = database.migrated_to(10).await;
    let (member, device, now) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7(), chrono::Utc::now());
    let old_rows = [
        "INSERT INTO members (id, email, password_hash, display_name, created_at, updated_at) \
         VALUES ($1, 'ana@example.com', 'x', 'Ana', $3, $3)",
        "INSERT INTO push_subscriptions (id, member_id, endpoint, p256dh, auth, user_agent, created_at, updated_at) \
         VALUES ($2, $1, 'https://push.example.com/1', 'key', 'secret', 'Pixel 8', $3, $3)",
        "INSERT INTO push_deliveries (dedupe_key, subscription_id, claimed_at, sent_at) VALUES ('n:1', $2, $3, $3)",
    ];
    for sql in old_rows {
        village::on_db!(&db, pool => sqlx::query(sql).bind(member).bind(device).bind(now).execute(pool).await.map(drop))
            .expect("an old row");
    }

    village::db::migrate(&db).await.expect("upgraded");

    let read = "SELECT transport, endpoint, p256dh, auth, name FROM push_devices WHERE id = $1";
    let row: (String, String, String, String, String) =
        village::on_db!(&db, pool => sqlx::query_as(read).bind(device).fetch_one(pool).await).expect("kept");
    assert_eq!(
        row,
        ("WEB_PUSH".into(), "https://push.example.com/1".into(), "key".into(), "secret".into(), "Pixel 8".into())
    );
    let claimed = "SELECT COUNT(*) FROM push_deliveries WHERE device_id = $1 AND dedupe_key = 'n:1'";
    let kept: i64 =
        village::on_db!(&db, pool => sqlx::query_scalar(claimed).bind(device).fetch_one(pool).await).expect("read");
    assert_eq!(kept, 1, "the record that it went stays, so a job run again does not push twice");
}

#[tokio::test]
async fn a_phone_whose_session_ended_gets_no_more_pushes_and_its_token_is_free() {
    let native = NativePush::start().await;
    let app = app_with(&native, true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let lost_phone = register_fcm(&app, &ana).await;
    // Signed in on a tablet too: signing out everywhere ends both.
    app.sign_in("ana@example.com", crate::support::PASSWORD).await;
    let everywhere =
        app.graphql("mutation { signOutEverywhere { sessionsEnded } }", json!({}), Some(&ana.access_token));
    assert_eq!(everywhere.await["data"]["signOutEverywhere"]["sessionsEnded"], 2);
    let ana = app.signed_in(&app.sign_in("ana@example.com", crate::support::PASSWORD).await["data"]["signIn"]);
    let new_phone = register_fcm(&app, &ana).await;

    bea.post_reply(&thread, "Same here").await;
    native.wait_for(1, Duration::from_secs(10)).await;
    settled(&app).await;

    assert_eq!(native.received().len(), 1, "only the phone she is signed in on: {:?}", native.received());
    assert_eq!(only(native.delivered_to(&new_phone)).body.as_deref(), Some("Bea replied to your thread 'Live'"));
    assert_eq!(devices(&app, &ana).await.len(), 1, "the lost phone is not listed");
    let cleo = app.member("cleo").await;
    let input = json!({ "transport": "FCM", "token": lost_phone, "appId": "org.village.app" });
    let taken = register_device(&app, &cleo, input).await;
    assert!(taken["errors"].is_null(), "whoever signs in on it next registers it: {taken}");
    assert_eq!(devices(&app, &cleo).await.len(), 1);
}
