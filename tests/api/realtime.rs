//! The GraphQL WebSocket protocol on /graphql, with a real client: the handshake, every
//! refusal with the close code graphql-transport-ws defines, operations and keep-alive,
//! and the legacy graphql-ws dialect.

use futures_util::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

use crate::support::{
    Member, Socket, TestApp, acknowledged, close_code, connect, receive, send, thread_with_a_reply, watch,
};

#[tokio::test]
async fn an_operation_runs_after_an_authenticated_handshake_and_completes() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
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
    let ana = app.member("ana").await;
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
    let ana = app.member("ana").await;
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
    let ana = app.member("ana").await;
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
    let ana = app.member("ana").await;
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
async fn messages_over_64_kib_are_refused_with_1009() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let mut socket = acknowledged(&app, &ana).await;
    let huge = json!({ "id": "1", "type": "subscribe", "payload": { "query": format!("{{ __typename }} # {}", "x".repeat(70_000)) } });
    let _ = socket.send(Message::text(huge.to_string())).await;
    assert_eq!(close_code(&mut socket).await, 1009);
}

#[tokio::test]
async fn a_text_message_that_is_not_utf8_closes_with_1007() {
    use tokio_tungstenite::tungstenite::protocol::frame::Frame;
    use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let mut socket = acknowledged(&app, &ana).await;
    let not_utf8 = Frame::message(vec![b'{', 0xff, 0xfe, b'}'], OpCode::Data(Data::Text), true);
    socket.send(Message::Frame(not_utf8)).await.unwrap();
    assert_eq!(close_code(&mut socket).await, 1007);
}

#[tokio::test]
async fn the_legacy_graphql_ws_dialect_is_spoken_too() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
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

#[tokio::test]
async fn thread_updates_replay_from_a_cursor_then_follow_live_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    ana.post_reply(&thread, "second").await;
    let mut socket = acknowledged(&app, &bea).await;

    watch(&mut socket, "live", &thread, Some(&first)).await;
    // Posted while the subscription is starting: it arrives by replay or live, once.
    ana.post_reply(&thread, "third").await;
    let mut bodies = Vec::new();
    while bodies.len() < 2 {
        let message = receive(&mut socket).await;
        assert_eq!(message["type"], "next", "{message}");
        assert_eq!(message["payload"]["data"]["threadUpdates"]["kind"], "REPLY_POSTED");
        bodies.push(message["payload"]["data"]["threadUpdates"]["reply"]["body"].as_str().unwrap().to_owned());
    }
    assert_eq!(bodies, ["second", "third"]);

    ana.post_reply(&thread, "fourth").await;
    let live = receive(&mut socket).await;
    assert_eq!(live["payload"]["data"]["threadUpdates"]["reply"]["body"], "fourth", "{live}");
}

#[tokio::test]
async fn edits_and_deletions_reach_subscribers() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &bea).await;
    watch(&mut socket, "1", &thread, Some(&first)).await;
    ana.post_reply(&thread, "to be edited").await;
    let posted = receive(&mut socket).await;
    let reply_id_query = "query($t: ID!) { thread(id: $t) { replies(last: 1) { edges { node { id } } } } }";
    let reply_id = app.graphql(reply_id_query, json!({ "t": thread }), Some(&ana.access_token)).await["data"]["thread"]
        ["replies"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(posted["payload"]["data"]["threadUpdates"]["kind"], "REPLY_POSTED");

    app.graphql(
        "mutation($r: ID!) { editReply(input: { replyId: $r, body: \"edited\" }) { id } }",
        json!({ "r": reply_id }),
        Some(&ana.access_token),
    )
    .await;
    let edited = receive(&mut socket).await;
    assert_eq!(edited["payload"]["data"]["threadUpdates"]["kind"], "REPLY_EDITED", "{edited}");
    assert_eq!(edited["payload"]["data"]["threadUpdates"]["reply"]["body"], "edited");

    app.graphql(
        "mutation($r: ID!) { deleteReply(input: { replyId: $r }) { id } }",
        json!({ "r": reply_id }),
        Some(&ana.access_token),
    )
    .await;
    let deleted = receive(&mut socket).await;
    assert_eq!(deleted["payload"]["data"]["threadUpdates"]["kind"], "REPLY_DELETED");
    assert_eq!(deleted["payload"]["data"]["threadUpdates"]["reply"]["state"], "DELETED");
}

#[tokio::test]
async fn readers_with_different_selections_of_the_thread_each_get_theirs_when_it_is_pinned() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &bea).await;
    let pinned =
        "subscription($t: ID!, $a: String) { threadUpdates(threadId: $t, after: $a) { kind thread { pinned } } }";
    let titled =
        "subscription($t: ID!, $a: String) { threadUpdates(threadId: $t, after: $a) { kind thread { title locked } } }";
    for (id, query) in [("pinned", pinned), ("titled", titled)] {
        let variables = json!({ "t": thread, "a": first });
        send(
            &mut socket,
            json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }),
        )
        .await;
    }
    // Once this reply arrives on both (replayed or live), both are running.
    ana.post_reply(&thread, "probe").await;
    for _ in 0..2 {
        assert_eq!(receive(&mut socket).await["payload"]["data"]["threadUpdates"]["kind"], "REPLY_POSTED");
    }

    let pin = "mutation($t: ID!) { pinThread(input: { threadId: $t }) { pinned } }";
    assert_eq!(
        app.graphql(pin, json!({ "t": thread }), Some(&ana.access_token)).await["data"]["pinThread"]["pinned"],
        true
    );

    let mut seen = std::collections::HashMap::new();
    while seen.len() < 2 {
        let message = receive(&mut socket).await;
        assert_eq!(message["payload"]["data"]["threadUpdates"]["kind"], "THREAD_UPDATED", "{message}");
        seen.insert(
            message["id"].as_str().unwrap().to_owned(),
            message["payload"]["data"]["threadUpdates"]["thread"].clone(),
        );
    }
    assert_eq!(seen["pinned"], json!({ "pinned": true }));
    assert_eq!(seen["titled"], json!({ "title": "Live", "locked": false }));
}

#[tokio::test]
async fn a_completed_live_operation_gets_nothing_more_and_its_id_may_be_used_again() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &bea).await;
    watch(&mut socket, "1", &thread, Some(&first)).await;
    ana.post_reply(&thread, "probe").await;
    assert_eq!(receive(&mut socket).await["payload"]["data"]["threadUpdates"]["reply"]["body"], "probe");

    send(&mut socket, json!({ "id": "1", "type": "complete" })).await;
    // From the first cursor, so nothing posted while they start is missed.
    watch(&mut socket, "1", &thread, Some(&first)).await;
    watch(&mut socket, "2", &thread, Some(&first)).await;
    ana.post_reply(&thread, "after").await;
    let mut bodies = std::collections::BTreeMap::<String, Vec<String>>::new();
    for _ in 0..4 {
        let message = receive(&mut socket).await;
        let body = message["payload"]["data"]["threadUpdates"]["reply"]["body"].as_str().unwrap().to_owned();
        bodies.entry(message["id"].as_str().unwrap().to_owned()).or_default().push(body);
    }
    assert_eq!(bodies["1"], ["probe", "after"]);
    assert_eq!(bodies["2"], ["probe", "after"]);

    // Each live reply comes once per running operation, none for the completed one.
    for body in ["last", "final"] {
        ana.post_reply(&thread, body).await;
        let mut ids = Vec::new();
        for _ in 0..2 {
            let message = receive(&mut socket).await;
            assert_eq!(message["payload"]["data"]["threadUpdates"]["reply"]["body"], body, "{message}");
            ids.push(message["id"].as_str().unwrap().to_owned());
        }
        ids.sort();
        assert_eq!(ids, ["1", "2"]);
    }
}

#[tokio::test]
async fn two_thread_fields_in_one_operation_both_follow_live() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (group, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let other = ana.start_thread(&group, "Other", "Hi").await;
    ana.post_reply(&other, "first").await;
    let page = bea.graphql("query($t: ID!) { thread(id: $t) { replies { edges { cursor } } } }", json!({ "t": other }));
    let other_first = page.await["data"]["thread"]["replies"]["edges"][0]["cursor"].as_str().unwrap().to_owned();
    let mut socket = acknowledged(&app, &bea).await;
    let query = "subscription($t: ID!, $o: ID!, $a: String, $b: String) { \
                 a: threadUpdates(threadId: $t, after: $a) { kind reply { body } } \
                 b: threadUpdates(threadId: $o, after: $b) { kind reply { body } } }";
    let variables = json!({ "t": thread, "o": other, "a": first, "b": other_first });
    send(
        &mut socket,
        json!({ "id": "both", "type": "subscribe", "payload": { "query": query, "variables": variables } }),
    )
    .await;

    // Each is replayed or live: neither is missed while the operation starts.
    ana.post_reply(&thread, "on the first").await;
    let on_first = receive(&mut socket).await;
    assert_eq!(on_first["payload"]["data"]["a"]["reply"]["body"], "on the first", "{on_first}");
    ana.post_reply(&other, "on the other").await;
    let on_other = receive(&mut socket).await;
    assert_eq!(on_other["payload"]["data"]["b"]["reply"]["body"], "on the other", "{on_other}");
    ana.post_reply(&thread, "again on the first").await;
    let again = receive(&mut socket).await;
    assert_eq!(again["payload"]["data"]["a"]["reply"]["body"], "again on the first", "{again}");
}

#[tokio::test]
async fn a_duplicate_live_operation_id_closes_with_4409() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &bea).await;
    watch(&mut socket, "same", &thread, None).await;
    watch(&mut socket, "same", &thread, None).await;
    assert_eq!(close_code(&mut socket).await, 4409);
}

#[tokio::test]
async fn a_removed_member_stops_receiving_with_forbidden_and_outsiders_get_not_found() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (group, thread, first) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;

    let mut outsider = acknowledged(&app, &cat).await;
    watch(&mut outsider, "1", &thread, None).await;
    let refused = receive(&mut outsider).await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["payload"][0]["extensions"]["code"], "NOT_FOUND");

    let mut socket = acknowledged(&app, &bea).await;
    watch(&mut socket, "1", &thread, Some(&first)).await;
    // Once this arrives the subscription is running; only then is she removed.
    ana.post_reply(&thread, "before removal").await;
    assert_eq!(receive(&mut socket).await["payload"]["data"]["threadUpdates"]["reply"]["body"], "before removal");
    let remove = "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { id } }";
    app.graphql(remove, json!({ "g": group, "m": bea.member_id }), Some(&ana.access_token)).await;
    ana.post_reply(&thread, "not for Bea").await;

    loop {
        let message = receive(&mut socket).await;
        assert_ne!(message["payload"]["data"]["threadUpdates"]["reply"]["body"], "not for Bea", "{message}");
        if message["type"] == "error" {
            assert_eq!(message["payload"][0]["extensions"]["code"], "FORBIDDEN", "{message}");
            break;
        }
    }
}

#[tokio::test]
async fn replies_by_a_blocked_member_are_not_delivered_to_the_blocker() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let cat = app.member("cat").await;
    let group = app
        .graphql("query($t: ID!) { thread(id: $t) { group { id } } }", json!({ "t": thread }), Some(&ana.access_token))
        .await;
    let group = group["data"]["thread"]["group"]["id"].as_str().unwrap().to_owned();
    let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
    app.graphql(invite, json!({ "g": group, "m": cat.member_id }), Some(&ana.access_token)).await;
    cat.join_group(&group, &[]).await;
    app.graphql(
        "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }",
        json!({ "m": cat.member_id }),
        Some(&bea.access_token),
    )
    .await;
    let mut socket = acknowledged(&app, &bea).await;
    watch(&mut socket, "1", &thread, Some(&first)).await;

    cat.post_reply(&thread, "from Cat").await;
    ana.post_reply(&thread, "from Ana").await;

    let next = receive(&mut socket).await;
    assert_eq!(next["payload"]["data"]["threadUpdates"]["reply"]["body"], "from Ana", "{next}");
}

#[tokio::test]
async fn with_redis_a_reply_posted_on_one_instance_reaches_a_subscriber_on_another() {
    let app = TestApp::spawn().await;
    if app.settings.redis_url.is_none() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: the in-process bus does not cross instances");
        return;
    }
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let other = app.another_instance().await;
    let mut request = format!("{}/graphql", other.replace("http", "ws")).into_client_request().unwrap();
    request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static("graphql-transport-ws"));
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("upgrade on the other instance");
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", bea.access_token) } }),
    )
    .await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    watch(&mut socket, "1", &thread, Some(&first)).await;

    ana.post_reply(&thread, "across instances").await;

    let next = receive(&mut socket).await;
    assert_eq!(next["payload"]["data"]["threadUpdates"]["reply"]["body"], "across instances", "{next}");
}

#[tokio::test]
async fn delivery_resumes_after_redis_restarts_mid_stream() {
    if std::env::var("VILLAGE_TEST_REDIS_URL").is_err() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL (and redis-server): runs in the Redis stage of CI");
        return;
    }
    let mut redis = crate::support::OwnRedis::start().await;
    let url = redis.url();
    let app = TestApp::spawn_with(|settings| settings.redis_url = Some(url)).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &bea).await;
    watch(&mut socket, "1", &thread, Some(&first)).await;
    ana.post_reply(&thread, "before the restart").await;
    assert_eq!(receive(&mut socket).await["payload"]["data"]["threadUpdates"]["reply"]["body"], "before the restart");

    redis.kill();
    assert_eq!(receive(&mut socket).await["payload"]["data"]["threadUpdates"]["kind"], "RESYNC", "told to catch up");
    redis.start_again().await;

    // Post until one arrives live: the server reconnects and resubscribes on its own.
    for attempt in 0..40 {
        ana.post_reply(&thread, &format!("after the restart {attempt}")).await;
        let arrived = tokio::time::timeout(std::time::Duration::from_millis(500), receive(&mut socket)).await;
        if let Ok(message) = arrived {
            let update = &message["payload"]["data"]["threadUpdates"];
            if update["kind"] == "REPLY_POSTED" {
                assert!(
                    update["reply"]["body"].as_str().is_some_and(|b| b.starts_with("after the restart")),
                    "{message}"
                );
                return;
            }
        }
    }
    panic!("no live update after Redis came back");
}

const ACTIVITY: &str = "subscription($g: ID!) { groupActivity(groupId: $g) { kind thread { title } event { title } member { displayName } joinRequest { answers } } }";

/// Starts `groupActivity` and waits until it is live: creates probe threads until one is
/// seen (the subscription starts asynchronously; there is no replay to cover the gap).
pub(crate) async fn live_group_activity(app: &TestApp, socket: &mut Socket, moderator: &Member, group: &str) {
    send(
        socket,
        json!({ "id": "g", "type": "subscribe", "payload": { "query": ACTIVITY, "variables": { "g": group } } }),
    )
    .await;
    let create =
        "mutation($g: ID!, $t: String!) { createThread(input: { groupId: $g, title: $t, body: \"probe\" }) { id } }";
    for attempt in 0..40 {
        app.graphql(create, json!({ "g": group, "t": format!("probe {attempt}") }), Some(&moderator.access_token))
            .await;
        if tokio::time::timeout(std::time::Duration::from_millis(250), receive(socket)).await.is_ok() {
            // Drain the probes that may still be on their way.
            while tokio::time::timeout(std::time::Duration::from_millis(100), receive(socket)).await.is_ok() {}
            return;
        }
    }
    panic!("groupActivity never became live");
}

#[tokio::test]
async fn group_activity_shows_new_threads_events_and_members_and_join_requests_to_moderators_only() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let query = "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }";
    let input = json!({ "input": { "name": "Founders", "joinPolicy": "APPROVAL", "joinQuestions": ["Why?"] } });
    let group = app.graphql(query, input, Some(&ana.access_token)).await["data"]["createGroup"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
    app.graphql(invite, json!({ "g": group, "m": bea.member_id }), Some(&ana.access_token)).await;
    bea.join_group(&group, &[]).await;

    let mut moderator = acknowledged(&app, &ana).await;
    live_group_activity(&app, &mut moderator, &ana, &group).await;
    let mut member = acknowledged(&app, &bea).await;
    live_group_activity(&app, &mut member, &ana, &group).await;
    while tokio::time::timeout(std::time::Duration::from_millis(100), receive(&mut moderator)).await.is_ok() {}

    let day = crate::events::day(100);
    let event = json!({ "input": { "groupId": group, "title": "Coffee", "startsAt": format!("{day}T14:00:00Z"),
        "endsAt": format!("{day}T15:00:00Z"), "timezone": "America/Toronto", "location": "Café" } });
    app.graphql(
        "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }",
        event,
        Some(&ana.access_token),
    )
    .await;
    cat.join_group(&group, &["Because"]).await;

    for socket in [&mut moderator, &mut member] {
        let created = receive(socket).await;
        assert_eq!(created["payload"]["data"]["groupActivity"]["kind"], "EVENT_CREATED", "{created}");
        assert_eq!(created["payload"]["data"]["groupActivity"]["event"]["title"], "Coffee");
    }
    let requested = receive(&mut moderator).await;
    assert_eq!(requested["payload"]["data"]["groupActivity"]["kind"], "JOIN_REQUESTED", "{requested}");
    assert_eq!(requested["payload"]["data"]["groupActivity"]["joinRequest"]["answers"], json!(["Because"]));
    let nothing = tokio::time::timeout(std::time::Duration::from_millis(300), receive(&mut member)).await;
    assert!(nothing.is_err(), "members who do not moderate see no join requests: {nothing:?}");
}

#[tokio::test]
async fn group_activity_of_a_private_group_is_not_found_for_outsiders() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let cat = app.member("cat").await;
    let group = ana.create_group("Circle", "PRIVATE", "APPROVAL").await;
    let mut socket = acknowledged(&app, &cat).await;
    send(
        &mut socket,
        json!({ "id": "g", "type": "subscribe", "payload": { "query": ACTIVITY, "variables": { "g": group } } }),
    )
    .await;
    let refused = receive(&mut socket).await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["payload"][0]["extensions"]["code"], "NOT_FOUND");
}

#[tokio::test]
async fn a_server_shutting_down_closes_websockets_with_1001() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let mut socket = acknowledged(&app, &ana).await;

    let stopped = tokio::spawn(app.stop());

    assert_eq!(close_code(&mut socket).await, 1001);
    stopped.await.expect("joined").expect("serve returns Ok");
}

#[tokio::test]
async fn handshakes_from_foreign_origins_are_refused_when_origins_are_configured() {
    let app =
        TestApp::spawn_with(|settings| settings.allowed_origins = vec!["https://app.village.example".into()]).await;
    let url = format!("{}/graphql", app.url.replace("http", "ws"));
    let with_origin = |origin: Option<&'static str>| {
        let mut request = url.as_str().into_client_request().unwrap();
        request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static("graphql-transport-ws"));
        if let Some(origin) = origin {
            request.headers_mut().insert("origin", HeaderValue::from_static(origin));
        }
        request
    };

    let foreign = tokio_tungstenite::connect_async(with_origin(Some("https://evil.example"))).await;
    assert!(foreign.is_err_and(|e| e.to_string().contains("403")), "a foreign origin must be refused");
    assert!(tokio_tungstenite::connect_async(with_origin(Some("https://app.village.example"))).await.is_ok());
    assert!(tokio_tungstenite::connect_async(with_origin(None)).await.is_ok(), "native apps send no Origin");
}

#[tokio::test]
async fn a_connection_runs_at_most_fifty_operations_at_once() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &bea).await;
    for n in 0..50 {
        watch(&mut socket, &format!("op{n}"), &thread, None).await;
    }

    watch(&mut socket, "one-too-many", &thread, None).await;

    let refused = receive(&mut socket).await;
    assert_eq!((refused["type"].clone(), refused["id"].clone()), (json!("error"), json!("one-too-many")), "{refused}");
    assert_eq!(refused["payload"][0]["extensions"]["code"], "RATE_LIMITED");
    send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(receive(&mut socket).await["type"], "pong", "the connection stays open");
}

#[tokio::test]
async fn readers_with_the_same_selection_each_see_a_live_reply_as_they_may() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let profile = "mutation { updateProfile(input: { headline: \"Engineer\", visibility: [{ field: HEADLINE, visibility: CONNECTIONS }] }) { id } }";
    app.graphql(profile, json!({}), Some(&ana.access_token)).await;
    let connect = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { status } }";
    app.graphql(connect, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;
    let accept = "mutation($m: ID!) { acceptConnection(input: { memberId: $m }) { status } }";
    app.graphql(accept, json!({ "m": bea.member_id }), Some(&ana.access_token)).await;
    let selection = "subscription($t: ID!, $after: String) { threadUpdates(threadId: $t, after: $after) { kind reply { body author { email headline } reactions { count reactedByMe } } } }";
    let mut sockets = Vec::new();
    for reader in [&ana, &bea, &cat] {
        let mut socket = acknowledged(&app, reader).await;
        let variables = json!({ "t": thread, "after": first });
        send(
            &mut socket,
            json!({ "id": "1", "type": "subscribe", "payload": { "query": selection, "variables": variables } }),
        )
        .await;
        sockets.push(socket);
    }

    let posted = app
        .graphql(
            "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Shared\" }) { id } }",
            json!({ "t": thread }),
            Some(&ana.access_token),
        )
        .await;
    let reply = posted["data"]["postReply"]["id"].as_str().unwrap();
    let mut authors = Vec::new();
    for socket in &mut sockets {
        let update = receive(socket).await["payload"]["data"]["threadUpdates"].clone();
        assert_eq!(update["reply"]["body"], "Shared", "{update}");
        authors.push(update["reply"]["author"].clone());
    }
    assert_eq!(authors[0], json!({ "email": "ana@example.com", "headline": "Engineer" }), "Ana sees all of herself");
    assert_eq!(authors[1], json!({ "email": null, "headline": "Engineer" }), "Bea is connected with Ana");
    assert_eq!(authors[2], json!({ "email": null, "headline": null }), "Cat is not");

    let react = "mutation($r: ID!) { react(input: { replyId: $r, reaction: HUG }) { reacted } }";
    app.graphql(react, json!({ "r": reply }), Some(&bea.access_token)).await;
    let mut reacted_by_me = Vec::new();
    for socket in &mut sockets {
        let update = receive(socket).await["payload"]["data"]["threadUpdates"].clone();
        assert_eq!(update["kind"], "REACTIONS_CHANGED", "{update}");
        assert_eq!(update["reply"]["reactions"][0]["count"], 1, "{update}");
        reacted_by_me.push(update["reply"]["reactions"][0]["reactedByMe"].clone());
    }
    assert_eq!(reacted_by_me, [json!(false), json!(true), json!(false)], "only Bea reacted");

    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": bea.member_id }), Some(&cat.access_token)).await;
    let laugh = "mutation($r: ID!) { react(input: { replyId: $r, reaction: LAUGH }) { reacted } }";
    app.graphql(laugh, json!({ "r": reply }), Some(&ana.access_token)).await;
    let mut counted = Vec::new();
    for socket in &mut sockets {
        let update = receive(socket).await["payload"]["data"]["threadUpdates"].clone();
        let total: i64 =
            update["reply"]["reactions"].as_array().unwrap().iter().map(|r| r["count"].as_i64().unwrap()).sum();
        counted.push(total);
    }
    assert_eq!(counted, [2, 2, 1], "Bea's hug is not counted for Cat, who blocked her");
}

#[tokio::test]
async fn a_conditional_fragment_keeps_a_reader_from_sharing_anothers_rendering() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (_, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let with_author = "subscription($t: ID!, $after: String) { threadUpdates(threadId: $t, after: $after) { reply { body ...Who } } } fragment Who on Reply { author { displayName } }";
    let maybe_author = "subscription($t: ID!, $after: String, $who: Boolean!) { threadUpdates(threadId: $t, after: $after) { reply { body ...Who @include(if: $who) } } } fragment Who on Reply { author { displayName } }";
    let mut sockets = Vec::new();
    for (reader, query) in [(&bea, with_author), (&cat, maybe_author)] {
        let mut socket = acknowledged(&app, reader).await;
        let variables = json!({ "t": thread, "after": first, "who": false });
        send(
            &mut socket,
            json!({ "id": "1", "type": "subscribe", "payload": { "query": query, "variables": variables } }),
        )
        .await;
        sockets.push(socket);
    }

    ana.post_reply(&thread, "Who wrote this?").await;

    let bea_sees = receive(&mut sockets[0]).await["payload"]["data"]["threadUpdates"]["reply"].clone();
    let cat_sees = receive(&mut sockets[1]).await["payload"]["data"]["threadUpdates"]["reply"].clone();
    assert_eq!(bea_sees, json!({ "body": "Who wrote this?", "author": { "displayName": "Ana" } }));
    assert_eq!(cat_sees, json!({ "body": "Who wrote this?" }), "her fragment was excluded");
}

/// A selection of every field `type_name` lists as shareable, nested.
fn shareable_selection(type_name: &str) -> String {
    let shareable = village::threads::shareable_fields();
    let (_, fields) = shareable.iter().find(|(name, _)| name == type_name).expect("listed");
    let fields: Vec<String> = fields
        .iter()
        .map(|(field, child)| match child {
            Some(child) => format!("{field} {{ {} }}", shareable_selection(child)),
            None => (*field).to_owned(),
        })
        .collect();
    fields.join(" ")
}

#[tokio::test]
async fn every_shared_field_reads_live_as_each_reader_reads_it_directly() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (cat, dee) = (app.member("cat").await, app.member("dee").await);
    let (group, thread, first) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
    for reader in [&cat, &dee] {
        app.graphql(invite, json!({ "g": group, "m": reader.member_id }), Some(&ana.access_token)).await;
        reader.join_group(&group, &[]).await;
    }
    let profile = "mutation { updateProfile(input: { handle: \"ana\", headline: \"Engineer\", city: \"Toronto\", bio: \"Two kids\", \
                   interests: [\"running\"], openTo: [MENTORING], \
                   visibility: [{ field: HEADLINE, visibility: CONNECTIONS }, { field: BIO, visibility: ONLY_ME }] }) { id } }";
    app.graphql(profile, json!({}), Some(&ana.access_token)).await;
    // Bea is connected with Ana; Cat only asked to be; Dee follows the thread. Cat and
    // Dee have the same facts (neither connected, neither the author, no reactions), so
    // they may share a rendering, and each must still read what she reads directly.
    // Every shared rendering runs with no reader in its context, whoever renders first,
    // so a viewer-dependent field listed as shareable fails here every time.
    let connect = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { status } }";
    let accept = "mutation($m: ID!) { acceptConnection(input: { memberId: $m }) { status } }";
    app.graphql(connect, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;
    app.graphql(accept, json!({ "m": bea.member_id }), Some(&ana.access_token)).await;
    app.graphql(connect, json!({ "m": ana.member_id }), Some(&cat.access_token)).await;
    let follow = "mutation($t: ID!) { followThread(input: { threadId: $t }) { id } }";
    app.graphql(follow, json!({ "t": thread }), Some(&dee.access_token)).await;
    let reply = shareable_selection("Reply");
    let live = format!(
        "subscription($t: ID!, $after: String) {{ threadUpdates(threadId: $t, after: $after) {{ reply {{ {reply} }} }} }}"
    );
    let readers = [&ana, &bea, &cat, &dee];
    let mut sockets = Vec::new();
    for reader in readers {
        let mut socket = acknowledged(&app, reader).await;
        let payload = json!({ "query": live, "variables": { "t": thread, "after": first } });
        send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": payload })).await;
        sockets.push(socket);
    }

    ana.post_reply(&thread, "Read alike?").await;

    let direct =
        format!("query($t: ID!) {{ thread(id: $t) {{ replies(last: 1) {{ edges {{ node {{ {reply} }} }} }} }} }}");
    for (reader, socket) in readers.into_iter().zip(&mut sockets) {
        let seen_live = receive(socket).await["payload"]["data"]["threadUpdates"]["reply"].clone();
        let read = app.graphql(&direct, json!({ "t": thread }), Some(&reader.access_token)).await;
        let read_directly = read["data"]["thread"]["replies"]["edges"][0]["node"].clone();
        assert_eq!(seen_live["body"], "Read alike?", "{seen_live}");
        assert_eq!(seen_live, read_directly, "{} reads the live reply as she reads it directly", reader.member_id);
    }
}
