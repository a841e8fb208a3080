//! What one member's writes may cost: a request runs at most ten mutations and one
//! sign-in (aliases and batches count), each kind of write has a per-member pace that
//! holds across instances, and a member keeps at most so many sessions. Every refusal
//! changes nothing.

use serde_json::{Value, json};

use crate::support::{AUTH_FIELDS, Member, PASSWORD, TestApp, error_code, error_reason};

/// Ana's open group with a thread, and Bea in it.
async fn conversation(app: &TestApp) -> (Member, Member, String) {
    let ana = app.member("ana").await;
    let bea = app.member("bea").await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    bea.join_group(&group, &[]).await;
    let create =
        "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Sick days\", body: \"How?\" }) { id } }";
    let thread = app.graphql(create, json!({ "g": group }), Some(&ana.access_token)).await;
    (ana, bea, thread["data"]["createThread"]["id"].as_str().expect("thread").to_owned())
}

fn aliased(count: usize, field: &str) -> String {
    let fields: Vec<String> = (0..count).map(|n| format!("a{n}: {field}")).collect();
    format!("mutation {{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn two_hundred_aliased_sign_ins_are_refused_before_any_runs() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    let sessions = app.count("sessions").await;
    let sign_in =
        format!("signIn(input: {{ email: \"ana@example.com\", password: \"{PASSWORD}\" }}) {{ accessToken }}");

    let answer = app.graphql(&aliased(200, &sign_in), json!({}), None).await;

    assert_eq!((error_code(&answer), error_reason(&answer)), ("BAD_USER_INPUT", "TOO_MANY_MUTATIONS"), "{answer}");
    assert_eq!(app.count("sessions").await, sessions, "no session was made");
    let two = app.graphql(&aliased(2, &sign_in), json!({}), None).await;
    assert_eq!(error_reason(&two), "TOO_MANY_MUTATIONS", "one sign-in per request");
}

#[tokio::test]
async fn aliased_replies_past_ten_are_refused_and_a_batch_is_counted_whole_before_any_runs() {
    let app = TestApp::spawn().await;
    let (_, bea, thread) = conversation(&app).await;
    let reply = format!("postReply(input: {{ threadId: \"{thread}\", body: \"@ana @bea same\" }}) {{ id }}");

    let answer = app.graphql(&aliased(200, &reply), json!({}), Some(&bea.access_token)).await;
    assert_eq!(error_reason(&answer), "TOO_MANY_MUTATIONS", "{answer}");
    assert_eq!(app.count("replies").await, 0);

    let three = json!({ "query": aliased(3, &reply) });
    let four_of_three = Value::from(vec![three.clone(); 4]).to_string();
    let (status, refused) = app.post_raw(four_of_three, Some(&bea.access_token)).await;
    assert_eq!((status, error_reason(&refused)), (400, "TOO_MANY_MUTATIONS"), "{refused}");
    assert_eq!(app.count("replies").await, 0, "twelve writes in one batch: none ran");

    let three_of_three = Value::from(vec![three; 3]).to_string();
    let (_, answers) = app.post_raw(three_of_three, Some(&bea.access_token)).await;
    let reasons: Vec<&str> = answers.as_array().expect("three answers").iter().map(error_reason).collect();
    assert_eq!(reasons, ["<no reason>"; 3], "{answers}");
    assert_eq!(app.count("replies").await, 9);
}

#[tokio::test]
async fn a_member_posting_faster_than_her_pace_is_rate_limited_and_nothing_is_posted() {
    let app = TestApp::spawn_with(|settings| settings.replies_per_minute = 3).await;
    let (ana, bea, thread) = conversation(&app).await;
    let reply = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Same here\" }) { id } }";
    for _ in 0..3 {
        let posted = app.graphql(reply, json!({ "t": thread }), Some(&bea.access_token)).await;
        assert!(posted["errors"].is_null(), "{posted}");
    }

    let fourth = app.graphql(reply, json!({ "t": thread }), Some(&bea.access_token)).await;

    assert_eq!(error_code(&fourth), "RATE_LIMITED", "{fourth}");
    let wait = fourth["errors"][0]["extensions"]["retryAfterSeconds"].as_u64().expect("retryAfterSeconds");
    assert!((1..=20).contains(&wait), "one reply comes back every 20 s: {wait}");
    assert_eq!(app.count("replies").await, 3);
    let other = app.graphql(reply, json!({ "t": thread }), Some(&ana.access_token)).await;
    assert!(other["errors"].is_null(), "Ana has a pace of her own: {other}");
}

#[tokio::test]
async fn a_retried_reply_is_answered_even_when_her_pace_is_spent() {
    let app = TestApp::spawn_with(|settings| settings.replies_per_minute = 1).await;
    let (_, bea, thread) = conversation(&app).await;
    let reply = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Same\", clientMutationId: \"tunnel-1\" }) { id } }";
    let first = app.graphql(reply, json!({ "t": thread }), Some(&bea.access_token)).await;

    // The answer was lost; the phone retries with the same key.
    let retried = app.graphql(reply, json!({ "t": thread }), Some(&bea.access_token)).await;

    assert_eq!(retried["data"]["postReply"]["id"], first["data"]["postReply"]["id"], "{retried}");
    assert_eq!(app.count("replies").await, 1);
}

#[tokio::test]
async fn with_redis_the_pace_holds_on_every_instance() {
    let app = TestApp::spawn_with(|settings| settings.reactions_per_minute = 2).await;
    if app.settings.redis_url.is_none() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: without Redis each instance counts its own");
        return;
    }
    let (_, bea, thread) = conversation(&app).await;
    let other = app.another_instance().await;
    let react = "mutation($t: ID!) { react(input: { threadId: $t, reaction: HUG }) { reacted } }";
    for _ in 0..2 {
        assert!(app.graphql(react, json!({ "t": thread }), Some(&bea.access_token)).await["errors"].is_null());
    }

    let body = json!({ "query": react, "variables": { "t": thread } });
    let elsewhere: Value = app
        .http
        .post(format!("{other}/graphql"))
        .bearer_auth(&bea.access_token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(error_code(&elsewhere), "RATE_LIMITED", "{elsewhere}");
}

#[tokio::test]
async fn each_kind_of_write_has_its_pace() {
    let app = TestApp::spawn_with(|settings| {
        settings.threads_per_hour = 1;
        settings.connection_requests_per_hour = 1;
    })
    .await;
    let (ana, bea, _) = conversation(&app).await;
    let cat = app.member("cat").await;
    let groups = "{ myGroups { edges { node { id } } } }";
    let group =
        app.graphql(groups, json!({}), Some(&ana.access_token)).await["data"]["myGroups"]["edges"][0]["node"]["id"]
            .clone();
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Again\", body: \"x\" }) { id } }";

    // Ana started one thread in `conversation`: her hour's allowance.
    let second = app.graphql(create, json!({ "g": group }), Some(&ana.access_token)).await;
    assert_eq!(error_code(&second), "RATE_LIMITED", "{second}");
    assert_eq!(app.count("threads").await, 1);

    let connect = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { status } }";
    assert!(app.graphql(connect, json!({ "m": bea.member_id }), Some(&cat.access_token)).await["errors"].is_null());
    let again = app.graphql(connect, json!({ "m": ana.member_id }), Some(&cat.access_token)).await;
    assert_eq!(error_code(&again), "RATE_LIMITED", "{again}");
    assert_eq!(app.count("connections").await, 1);
}

#[tokio::test]
async fn signing_in_past_the_session_cap_ends_her_least_recently_used_session() {
    let app = TestApp::spawn_with(|settings| settings.sessions_per_member = 3).await;
    let phone = app.member("ana").await;
    let query = format!("mutation($input: SignInInput!) {{ signIn(input: $input) {{ {AUTH_FIELDS} }} }}");
    let sign_in = async || {
        let answer =
            app.graphql(&query, json!({ "input": { "email": "ana@example.com", "password": PASSWORD } }), None).await;
        app.signed_in(&answer["data"]["signIn"])
    };
    let (tablet, laptop) = (sign_in().await, sign_in().await);
    // Her phone, signed in first, refreshes: it is in use; the tablet is the least used.
    let phone = app.signed_in(&app.refresh(&phone.refresh_token).await["data"]["refreshSession"]);

    let browser = sign_in().await;

    assert_eq!(error_code(&app.me(&tablet.access_token).await), "UNAUTHENTICATED", "the least recently used ended");
    for session in [&phone, &laptop, &browser] {
        assert_eq!(app.me(&session.access_token).await["data"]["me"]["displayName"], "Ana");
    }
    assert_eq!(app.count("sessions WHERE revoked_at IS NULL").await, 3);
}
