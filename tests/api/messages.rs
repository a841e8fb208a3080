//! Direct messages: conversations of 2 to 8, the inbox of connections and the message
//! requests of everyone else (accepted, declined without the sender knowing, or turned
//! off), blocks either way, reading, muting and leaving, replays of a keyed send, and
//! bad input that changes nothing.

use serde_json::{Value, json};

use crate::support::{Member, Socket, TestApp, connect_to, error_code, error_field, receive, send as live_send};

const MESSAGE: &str = "id conversationId body author { id displayName }";
const LEAVE: &str = "mutation($id: ID!) { leaveConversation(input: { conversationId: $id }) { conversationId } }";
const CONVERSATION: &str = "id standing unreadCount mutedUntil readOnly startedBy { id } members { id } \
                            messages(first: 20) { edges { node { body author { id } } } }";

pub(crate) async fn start(from: &Member, to: &[&Member], body: &str) -> Value {
    let ids: Vec<&str> = to.iter().map(|member| member.member_id.as_str()).collect();
    let query =
        format!("mutation($input: StartConversationInput!) {{ startConversation(input: $input) {{ {MESSAGE} }} }}");
    from.graphql(&query, json!({ "input": { "memberIds": ids, "body": body } })).await
}

/// Starts a conversation and answers its id.
pub(crate) async fn conversation(from: &Member, to: &[&Member], body: &str) -> String {
    let started = start(from, to, body).await;
    started["data"]["startConversation"]["conversationId"].as_str().unwrap_or_else(|| panic!("{started}")).to_owned()
}

pub(crate) async fn send(from: &Member, conversation: &str, body: &str, key: Option<&str>) -> Value {
    let query = format!("mutation($input: SendMessageInput!) {{ sendMessage(input: $input) {{ {MESSAGE} }} }}");
    let input = json!({ "conversationId": conversation, "body": body, "clientMutationId": key });
    from.graphql(&query, json!({ "input": input })).await
}

/// Her inbox (`conversations`) or her requests (`messageRequests`).
pub(crate) async fn listed(member: &Member, field: &str) -> Vec<Value> {
    let answer = member
        .graphql(&format!("{{ {field}(first: 20) {{ edges {{ node {{ {CONVERSATION} }} }} }} }}"), json!({}))
        .await;
    let edges = answer["data"][field]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.into_iter().map(|edge| edge["node"].clone()).collect()
}

pub(crate) async fn open(member: &Member, id: &str) -> Value {
    member
        .graphql(&format!("query($id: ID!) {{ conversation(id: $id) {{ {CONVERSATION} }} }}"), json!({ "id": id }))
        .await
}

pub(crate) async fn act(member: &Member, mutation: &str, id: &str) -> Value {
    let query =
        format!("mutation($id: ID!) {{ {mutation}(input: {{ conversationId: $id }}) {{ id standing unreadCount }} }}");
    member.graphql(&query, json!({ "id": id })).await
}

pub(crate) async fn connect(a: &Member, b: &Member) {
    let request = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { status } }";
    a.graphql(request, json!({ "m": b.member_id })).await;
    let accept = "mutation($m: ID!) { acceptConnection(input: { memberId: $m }) { status } }";
    let accepted = b.graphql(accept, json!({ "m": a.member_id })).await;
    assert_eq!(accepted["data"]["acceptConnection"]["status"], "CONNECTED", "{accepted}");
}

pub(crate) async fn block(blocker: &Member, blocked: &Member) {
    let query = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    let answer = blocker.graphql(query, json!({ "m": blocked.member_id })).await;
    assert!(answer["errors"].is_null(), "{answer}");
}

fn bodies(conversation: &Value) -> Vec<String> {
    let edges = conversation["messages"]["edges"].as_array().cloned().unwrap_or_default();
    edges.iter().filter_map(|edge| edge["node"]["body"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn a_connection_writes_straight_to_her_inbox_and_they_talk() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;

    let id = conversation(&ana, &[&bea], "Coffee Thursday?").await;
    let answer = send(&bea, &id, "Yes! 9:30?", None).await;
    assert_eq!(answer["data"]["sendMessage"]["author"]["id"], bea.member_id.as_str(), "{answer}");
    send(&ana, &id, "Perfect", None).await;

    let [inbox] = listed(&bea, "conversations").await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(inbox["standing"], "INBOX");
    assert_eq!(bodies(&inbox), ["Coffee Thursday?", "Yes! 9:30?", "Perfect"]);
    assert_eq!(inbox["unreadCount"], 1, "Ana's last message, not her own");
    assert_eq!(inbox["members"].as_array().map(Vec::len), Some(2));
    assert!(listed(&bea, "messageRequests").await.is_empty());
    let read = act(&bea, "markConversationRead", &id).await;
    assert_eq!(read["data"]["markConversationRead"]["unreadCount"], 0, "{read}");
    assert_eq!(listed(&bea, "conversations").await[0]["unreadCount"], 0);
    let again = conversation(&ana, &[&bea], "And bring the stroller").await;
    assert_eq!(again, id, "a second start with the same member continues their conversation");
}

#[tokio::test]
async fn a_stranger_lands_in_her_requests_until_she_accepts() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);

    let id = conversation(&ana, &[&bea], "Hi! We met at the picnic").await;

    assert!(listed(&bea, "conversations").await.is_empty(), "not in her inbox");
    let [request] = listed(&bea, "messageRequests").await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(
        (request["standing"].as_str(), request["startedBy"]["id"].as_str()),
        (Some("REQUESTED"), Some(ana.member_id.as_str()))
    );
    let early = send(&bea, &id, "Hello", None).await;
    assert_eq!(error_code(&early), "FORBIDDEN", "she answers once she accepts: {early}");
    assert_eq!(bodies(&open(&bea, &id).await["data"]["conversation"]), ["Hi! We met at the picnic"], "nothing changed");

    let accepted = act(&bea, "acceptMessageRequest", &id).await;
    assert_eq!(accepted["data"]["acceptMessageRequest"]["standing"], "INBOX", "{accepted}");
    assert!(send(&bea, &id, "Hello!", None).await["errors"].is_null());
    assert_eq!(listed(&bea, "conversations").await.len(), 1);
    assert!(listed(&bea, "messageRequests").await.is_empty());
}

#[tokio::test]
async fn a_declined_request_disappears_and_its_sender_is_not_told() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let id = conversation(&ana, &[&bea], "Buy my course!").await;

    let declined = act(&bea, "declineMessageRequest", &id).await;
    assert!(declined["errors"].is_null(), "{declined}");

    assert!(listed(&bea, "messageRequests").await.is_empty());
    assert_eq!(error_code(&open(&bea, &id).await), "NOT_FOUND");
    let more = send(&ana, &id, "Limited offer", None).await;
    assert!(more["errors"].is_null(), "the sender sees nothing different: {more}");
    assert_eq!(open(&ana, &id).await["data"]["conversation"]["standing"], "INBOX");
    assert!(listed(&bea, "messageRequests").await.is_empty(), "and it does not come back");
}

#[tokio::test]
async fn a_member_who_takes_no_requests_from_strangers_is_forbidden_and_nothing_is_made() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    connect(&bea, &cleo).await;
    let off = "mutation { setMessageRequests(input: { fromNonConnections: false }) }";
    assert_eq!(bea.graphql(off, json!({})).await["data"]["setMessageRequests"], false);
    assert_eq!(bea.graphql("{ acceptsMessageRequests }", json!({})).await["data"]["acceptsMessageRequests"], false);

    let refused = start(&ana, &[&bea], "Hello").await;

    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(app.count("conversations").await, 0);
    assert_eq!(app.count("messages").await, 0);
    assert!(start(&cleo, &[&bea], "Hi, connection here").await["errors"].is_null(), "connections still can");
}

#[tokio::test]
async fn a_block_either_way_stops_new_conversations_and_makes_old_ones_read_only() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    connect(&ana, &bea).await;
    let id = conversation(&ana, &[&bea], "See you at drop-off").await;
    block(&bea, &ana).await;

    for from in [&ana, &bea] {
        let refused = send(from, &id, "Hello?", None).await;
        assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    }
    let opened = open(&ana, &id).await;
    assert_eq!(opened["data"]["conversation"]["readOnly"], true, "{opened}");
    assert_eq!(bodies(&opened["data"]["conversation"]), ["See you at drop-off"], "nothing was added");
    let blocked_start = start(&ana, &[&cleo, &bea], "Group chat").await;
    assert_eq!(error_code(&blocked_start), "NOT_FOUND", "a blocked member reads as no such member: {blocked_start}");
    let blocker_start = start(&bea, &[&ana], "Wait").await;
    assert_eq!(error_code(&blocker_start), "FORBIDDEN", "the existing conversation is read-only: {blocker_start}");
    assert_eq!(app.count("messages").await, 1);
    assert_eq!(app.count("conversations").await, 1);
}

#[tokio::test]
async fn outsiders_cannot_read_or_write_a_conversation() {
    let app = TestApp::spawn().await;
    let (ana, bea, eve) = (app.member("ana").await, app.member("bea").await, app.member("eve").await);
    let id = conversation(&ana, &[&bea], "Private news").await;

    assert_eq!(error_code(&open(&eve, &id).await), "NOT_FOUND");
    assert_eq!(error_code(&send(&eve, &id, "Hi", None).await), "NOT_FOUND");
    for mutation in ["acceptMessageRequest", "declineMessageRequest", "markConversationRead"] {
        assert_eq!(error_code(&act(&eve, mutation, &id).await), "NOT_FOUND", "{mutation}");
    }
    assert_eq!(error_code(&eve.graphql(LEAVE, json!({ "id": id })).await), "NOT_FOUND");
    let anonymous = app.graphql("query($id: ID!) { conversation(id: $id) { id } }", json!({ "id": id }), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    assert_eq!(app.count("messages").await, 1);
}

#[tokio::test]
async fn a_group_conversation_lands_by_each_members_connection_and_leaving_ends_it_for_her() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    connect(&ana, &bea).await;

    let id = conversation(&ana, &[&bea, &cleo], "Playdate Saturday?").await;

    assert_eq!(listed(&bea, "conversations").await.len(), 1, "Bea is a connection");
    assert_eq!(listed(&cleo, "messageRequests").await.len(), 1, "Cleo is not");
    let left = bea
        .graphql(
            "mutation($id: ID!) { leaveConversation(input: { conversationId: $id }) { conversationId } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(left["data"]["leaveConversation"]["conversationId"], id.as_str(), "{left}");
    assert!(listed(&bea, "conversations").await.is_empty());
    assert_eq!(error_code(&send(&bea, &id, "Back!", None).await), "NOT_FOUND");
    assert_eq!(open(&ana, &id).await["data"]["conversation"]["members"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn writing_again_to_someone_brings_back_the_conversation_she_left_or_was_asked_in() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let id = conversation(&ana, &[&bea], "Hi, from the newsletter").await;
    assert_eq!(
        ana.graphql(LEAVE, json!({ "id": id })).await["data"]["leaveConversation"]["conversationId"],
        id.as_str()
    );

    let answered = conversation(&bea, &[&ana], "Hi Ana!").await;
    assert_eq!(listed(&ana, "messageRequests").await.len(), 1, "Ana left; Bea's message reaches her as a request");
    let back = conversation(&ana, &[&bea], "Sorry, I'm back").await;

    assert_eq!((answered.as_str(), back.as_str()), (id.as_str(), id.as_str()), "one conversation all along");
    let opened = open(&bea, &id).await;
    assert_eq!(opened["data"]["conversation"]["standing"], "INBOX", "writing back answered her request: {opened}");
    assert_eq!(bodies(&opened["data"]["conversation"]), ["Hi, from the newsletter", "Hi Ana!", "Sorry, I'm back"]);
    assert_eq!(listed(&ana, "conversations").await.len(), 1, "back in Ana's inbox");
}

#[tokio::test]
async fn a_send_retried_with_its_key_is_sent_once() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let id = conversation(&ana, &[&bea], "Hi").await;

    let first = send(&ana, &id, "Running late", Some("m-1")).await;
    let again = send(&ana, &id, "Running late", Some("m-1")).await;

    assert_eq!(first["data"]["sendMessage"]["id"], again["data"]["sendMessage"]["id"], "{again}");
    assert_eq!(app.count("messages").await, 2);
}

#[tokio::test]
async fn a_first_message_retried_with_its_key_is_sent_once() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let query =
        format!("mutation($input: StartConversationInput!) {{ startConversation(input: $input) {{ {MESSAGE} }} }}");
    let input = json!({ "input": { "memberIds": [bea.member_id], "body": "Hi!", "clientMutationId": "s-1" } });

    let first = ana.graphql(&query, input.clone()).await;
    let again = ana.graphql(&query, input).await;

    assert_eq!(first["data"]["startConversation"]["id"], again["data"]["startConversation"]["id"], "{again}");
    assert_eq!((app.count("conversations").await, app.count("messages").await), (1, 1));
}

#[tokio::test]
async fn muting_shows_until_when_and_a_time_passed_unmutes() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let id = conversation(&ana, &[&bea], "Hi").await;
    let mute = "mutation($id: ID!, $until: DateTime) { muteConversation(input: { conversationId: $id, until: $until }) { mutedUntil } }";

    let for_good = ana.graphql(mute, json!({ "id": id })).await;
    assert!(
        for_good["data"]["muteConversation"]["mutedUntil"].as_str().is_some_and(|at| at.starts_with("2199")),
        "{for_good}"
    );
    let unmuted = ana.graphql(mute, json!({ "id": id, "until": "2020-01-01T00:00:00Z" })).await;
    assert_eq!(unmuted["data"]["muteConversation"]["mutedUntil"], Value::Null, "{unmuted}");
    let far = ana.graphql(mute, json!({ "id": id, "until": "9999-01-01T00:00:00Z" })).await;
    assert_eq!((error_code(&far), error_field(&far)), ("BAD_USER_INPUT", "until"), "{far}");
}

#[tokio::test]
async fn bad_messages_are_refused_and_change_nothing() {
    let app = TestApp::spawn_with(|settings| settings.messages_per_minute = 10).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let id = conversation(&ana, &[&bea], "Hi").await;
    let mut eight = Vec::new();
    for name in ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"] {
        eight.push(app.member(name).await);
    }
    let too_many: Vec<&Member> = eight.iter().collect();

    let refusals = [
        (start(&ana, &[], "Hello").await, "memberIds"),
        (start(&ana, &[&ana], "Just me").await, "memberIds"),
        (start(&ana, &too_many, "Everyone").await, "memberIds"),
        (start(&ana, &[&bea], "   ").await, "body"),
        (send(&ana, &id, &"x".repeat(20_001), None).await, "body"),
        (send(&ana, &id, "Hi", Some("")).await, "clientMutationId"),
    ];
    for (answer, field) in refusals {
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", field), "{answer}");
    }
    let not_a_request = act(&ana, "acceptMessageRequest", &id).await;
    assert_eq!((error_code(&not_a_request), error_field(&not_a_request)), ("BAD_USER_INPUT", "conversationId"));
    assert_eq!((app.count("conversations").await, app.count("messages").await), (1, 1), "nothing changed");
    let mut limited = Value::Null;
    for n in 0..6 {
        limited = send(&ana, &id, &format!("spam {n}"), None).await;
    }
    assert_eq!(error_code(&limited), "RATE_LIMITED", "{limited}");
}

const UPDATES: &str = "subscription($c: ID!, $after: String) { conversationUpdates(conversationId: $c, after: $after) \
                       { kind cursor message { body author { id } } } }";

async fn watch_conversation(socket: &mut Socket, id: &str, conversation: &str, after: Option<&str>) {
    let payload = json!({ "query": UPDATES, "variables": { "c": conversation, "after": after } });
    live_send(socket, json!({ "id": id, "type": "subscribe", "payload": payload })).await;
}

/// The next `count` messages the socket is sent, as (body, cursor).
async fn next_messages(socket: &mut Socket, count: usize) -> Vec<(String, String)> {
    let mut messages = Vec::new();
    while messages.len() < count {
        let next = receive(socket).await;
        let update = &next["payload"]["data"]["conversationUpdates"];
        assert_eq!(update["kind"], "MESSAGE_SENT", "{next}");
        let body = update["message"]["body"].as_str().unwrap_or_else(|| panic!("{next}")).to_owned();
        messages.push((body, update["cursor"].as_str().unwrap_or_default().to_owned()));
    }
    messages
}

/// The cursor of the conversation's latest message, as `member` reads it.
async fn last_cursor(member: &Member, id: &str) -> String {
    let query = "query($id: ID!) { conversation(id: $id) { messages(last: 1) { edges { cursor } } } }";
    let answer = member.graphql(query, json!({ "id": id })).await;
    let cursor = answer["data"]["conversation"]["messages"]["edges"][0]["cursor"].as_str();
    cursor.unwrap_or_else(|| panic!("{answer}")).to_owned()
}

/// A socket to the server at `url`, signed in as `member`.
async fn signed_in_socket(url: &str, member: &Member) -> Socket {
    let mut socket = connect_to(url, "graphql-transport-ws").await;
    let init =
        json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", member.access_token) } });
    live_send(&mut socket, init).await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    socket
}

#[tokio::test]
async fn conversation_updates_replay_from_a_cursor_then_follow_live_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let id = conversation(&ana, &[&bea], "one").await;
    let first = open(&bea, &id).await;
    let cursor = {
        let query = "query($id: ID!) { conversation(id: $id) { messages(first: 1) { edges { cursor } } } }";
        let answer = bea.graphql(query, json!({ "id": id })).await;
        answer["data"]["conversation"]["messages"]["edges"][0]["cursor"]
            .as_str()
            .unwrap_or_else(|| panic!("{first}"))
            .to_owned()
    };
    send(&ana, &id, "two", None).await;
    let mut socket = signed_in_socket(&app.url, &bea).await;

    watch_conversation(&mut socket, "dm", &id, Some(&cursor)).await;
    // Sent while the subscription starts: it arrives by replay or live, once.
    send(&ana, &id, "three", None).await;
    let replayed: Vec<String> = next_messages(&mut socket, 2).await.into_iter().map(|(body, _)| body).collect();
    assert_eq!(replayed, ["two", "three"]);
    send(&ana, &id, "four", None).await;
    assert_eq!(next_messages(&mut socket, 1).await[0].0, "four");
}

#[tokio::test]
async fn two_members_on_two_instances_talk_live_and_resume_after_a_disconnect_with_no_gap_or_repeat() {
    let app = TestApp::spawn().await;
    if app.settings.redis_url.is_none() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: the in-process bus does not cross instances");
        return;
    }
    let other = app.another_instance().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let id = conversation(&ana, &[&bea], "Hi Bea").await;
    let mut anas = signed_in_socket(&app.url, &ana).await;
    let mut beas = signed_in_socket(&other, &bea).await;
    // From the first message on: what is sent while the subscriptions start arrives
    // by replay or live, once.
    let start = last_cursor(&ana, &id).await;
    watch_conversation(&mut anas, "a", &id, Some(&start)).await;
    watch_conversation(&mut beas, "b", &id, Some(&start)).await;

    send(&bea, &id, "Hi Ana, from the other instance", None).await;
    send(&ana, &id, "Got it", None).await;
    let seen_by_ana = next_messages(&mut anas, 2).await;
    let seen_by_bea = next_messages(&mut beas, 2).await;
    assert_eq!(
        seen_by_ana.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["Hi Ana, from the other instance", "Got it"]
    );
    assert_eq!(
        seen_by_bea.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["Hi Ana, from the other instance", "Got it"]
    );

    drop(beas);
    send(&ana, &id, "Are you there?", None).await;
    send(&ana, &id, "Call me", None).await;
    let mut beas = signed_in_socket(&other, &bea).await;
    watch_conversation(&mut beas, "b", &id, Some(&seen_by_bea[1].1)).await;
    send(&ana, &id, "Never mind", None).await;
    let resumed: Vec<String> = next_messages(&mut beas, 3).await.into_iter().map(|(body, _)| body).collect();
    assert_eq!(resumed, ["Are you there?", "Call me", "Never mind"], "replayed, then live, each once");
}

#[tokio::test]
async fn leaving_ends_her_live_view_and_outsiders_cannot_watch() {
    let app = TestApp::spawn().await;
    let (ana, bea, eve) = (app.member("ana").await, app.member("bea").await, app.member("eve").await);
    let id = conversation(&ana, &[&bea], "Hi").await;
    let mut outsider = signed_in_socket(&app.url, &eve).await;
    watch_conversation(&mut outsider, "x", &id, None).await;
    let refused = receive(&mut outsider).await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["payload"][0]["extensions"]["code"], "NOT_FOUND");

    let mut socket = signed_in_socket(&app.url, &bea).await;
    watch_conversation(&mut socket, "dm", &id, Some(&last_cursor(&bea, &id).await)).await;
    send(&ana, &id, "Still there?", None).await;
    assert_eq!(next_messages(&mut socket, 1).await[0].0, "Still there?", "she is watching");
    let declined = act(&bea, "declineMessageRequest", &id).await;
    assert!(declined["errors"].is_null(), "{declined}");

    let ended = receive(&mut socket).await;
    assert_eq!(
        (ended["type"].as_str(), ended["payload"][0]["extensions"]["code"].as_str()),
        (Some("error"), Some("FORBIDDEN")),
        "{ended}"
    );
    send(&ana, &id, "Hello?", None).await;
    let next = tokio::time::timeout(std::time::Duration::from_millis(500), receive(&mut socket)).await;
    assert!(next.is_err() || next.as_ref().is_ok_and(|m| m["type"] == "complete"), "nothing more: {next:?}");
}
