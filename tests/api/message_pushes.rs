//! What a direct message tells the others: an in-app notification (a new message, or
//! a message request from a stranger) gathered per conversation, and a push whose lock
//! screen line names only the writer unless she opts into the text; nothing for a
//! muted conversation, across a block, or for a declined request; quiet hours hold it;
//! reading the conversation reads its notification. And the order and uniqueness
//! rules of conversations that pushes depend on: two starts at once make one
//! conversation of two, a keyed retry after a block gets its message back.

use std::time::Duration;

use serde_json::json;

use crate::messages::{act, block, connect, conversation, send, start};
use crate::push_delivery::{quiet_now, register, settled};
use crate::support::{PushService, TestApp, TestDatabase, error_code, error_field, notifications_of};

const PREVIEWS: &str = "mutation($on: Boolean!) { setMessagePreviews(input: { inPushes: $on }) }";
const MARK_READ: &str = "mutation($input: MarkConversationReadInput!) { markConversationRead(input: $input) \
                         { unreadCount } }";

async fn with_push_service(worker: bool) -> (TestApp, PushService) {
    let service = PushService::start().await;
    let app = TestApp::spawn_with(|settings| {
        settings.allow_local_push_endpoints = true;
        settings.no_worker = !worker;
    })
    .await;
    (app, service)
}

#[tokio::test]
async fn a_message_notifies_her_and_pushes_who_wrote_but_not_what() {
    let (app, service) = with_push_service(true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let phone = service.device();
    register(&app, &bea, &phone).await;

    let id = conversation(&ana, &[&bea], "My milk supply dropped after going back").await;
    let [push] = service.wait_for(1, Duration::from_secs(10)).await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(push.payload["body"], "New message from Ana");
    assert_eq!(push.payload["conversationId"], id.as_str());
    assert_eq!(push.payload["url"], format!("/conversations/{id}"));
    assert!(!push.payload.to_string().contains("milk"), "the text stays off the lock screen: {}", push.payload);
    let (unread, list) = notifications_of(&app, &bea).await;
    assert_eq!(unread, 1);
    assert_eq!(list[0]["kind"], "NEW_MESSAGE");
    assert_eq!(list[0]["title"], "New message from Ana");
    assert_eq!(list[0]["conversationId"], id.as_str());
    assert!(list[0]["groupId"].is_null());

    send(&ana, &id, "Any tips?", None).await;
    service.wait_for(2, Duration::from_secs(10)).await;
    settled(&app).await;
    assert_eq!(service.delivered_to(&phone).len(), 2, "one push per message: {:?}", service.received());
    assert_eq!(service.delivered_to(&phone)[1].payload["body"], "2 new messages");
    let (unread, list) = notifications_of(&app, &bea).await;
    assert_eq!((unread, list.len(), list[0]["count"].as_i64()), (1, 1, Some(2)), "one entry per conversation");
    assert_eq!(notifications_of(&app, &ana).await.0, 0, "never told of her own messages");

    let read = bea.graphql(MARK_READ, json!({ "input": { "conversationId": id } })).await;
    assert_eq!(read["data"]["markConversationRead"]["unreadCount"], 0, "{read}");
    assert_eq!(notifications_of(&app, &bea).await.0, 0, "reading the conversation reads its notification");
}

#[tokio::test]
async fn the_text_shows_in_the_push_only_when_she_opts_in() {
    let (app, service) = with_push_service(true).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let phone = service.device();
    register(&app, &bea, &phone).await;
    let set = bea.graphql(PREVIEWS, json!({ "on": true })).await;
    assert_eq!(set["data"]["setMessagePreviews"], true, "{set}");
    assert_eq!(bea.graphql("{ showsMessagePreviews }", json!({})).await["data"]["showsMessagePreviews"], true);

    conversation(&ana, &[&bea], "Coffee Thursday?").await;

    let [push] = service.wait_for(1, Duration::from_secs(10)).await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(push.payload["body"], "Ana: Coffee Thursday?");
}

#[tokio::test]
async fn a_strangers_message_is_a_request_and_declining_it_takes_the_notification_away() {
    let app = TestApp::spawn().await;
    let (ana, chloe) = (app.member("ana").await, app.member("chloe").await);

    let id = conversation(&chloe, &[&ana], "Hi! Saw your post about daycare").await;

    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!((unread, list[0]["kind"].as_str()), (1, Some("MESSAGE_REQUEST")));
    assert_eq!(list[0]["title"], "Chloe sent you a message request");
    let declined = act(&ana, "declineMessageRequest", &id).await;
    assert!(declined["errors"].is_null(), "{declined}");
    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!((unread, list.len()), (0, 0), "a declined request leaves nothing behind");
}

#[tokio::test]
async fn a_muted_conversation_and_a_block_made_before_the_job_ran_notify_nobody() {
    // No worker: the jobs run when the test says, here after the block.
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    connect(&ana, &bea).await;
    connect(&ana, &cleo).await;
    let with_bea = conversation(&ana, &[&bea], "one").await;
    let with_cleo = conversation(&ana, &[&cleo], "one").await;
    app.jobs_done().await;
    let mute = "mutation($id: ID!) { muteConversation(input: { conversationId: $id }) { mutedUntil } }";
    bea.graphql(mute, json!({ "id": with_bea })).await;

    send(&ana, &with_bea, "two", None).await;
    send(&ana, &with_cleo, "two", None).await;
    block(&cleo, &ana).await;
    app.jobs_done().await;

    assert_eq!(app.count("notifications").await, 2, "the first messages' entries, nothing more");
    assert_eq!(app.count("notifications WHERE happenings > 1").await, 0, "neither entry took the second message");
    assert_eq!(notifications_of(&app, &cleo).await.0, 0, "and nothing from the member she blocked shows");
}

#[tokio::test]
async fn quiet_hours_hold_a_messages_push_but_not_its_notification() {
    let (app, service) = with_push_service(false).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let phone = service.device();
    register(&app, &bea, &phone).await;
    quiet_now(&app, &bea).await;

    conversation(&ana, &[&bea], "Late-night question").await;
    settled(&app).await;

    assert_eq!(service.received().len(), 0, "held, not pushed");
    assert_eq!(app.count("push_held").await, 1);
    assert_eq!(notifications_of(&app, &bea).await.0, 1, "in the app at once");
}

#[tokio::test]
async fn two_starts_at_once_between_the_same_two_make_one_conversation() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;

    let (to_bea, to_ana) = ([&bea], [&ana]);
    let (first, second) = tokio::join!(start(&ana, &to_bea, "Hi Bea"), start(&bea, &to_ana, "Hi Ana"));

    let of = |answer: &serde_json::Value| answer["data"]["startConversation"]["conversationId"].clone();
    assert!(of(&first).is_string(), "{first}");
    assert_eq!(of(&first), of(&second), "{first} {second}");
    assert_eq!(app.count("conversations").await, 1);
    assert_eq!(app.count("messages").await, 2);
}

#[tokio::test]
async fn two_members_with_a_block_between_them_cannot_be_put_in_one_conversation() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    connect(&ana, &bea).await;
    connect(&ana, &cleo).await;
    block(&bea, &cleo).await;

    let refused = start(&ana, &[&bea, &cleo], "Planning the picnic").await;

    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!((app.count("conversations").await, app.count("messages").await), (0, 0));
}

#[tokio::test]
async fn a_keyed_retry_after_a_block_gets_the_message_it_sent() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let id = conversation(&ana, &[&bea], "one").await;
    let first = send(&ana, &id, "two", Some("k-1")).await;

    block(&bea, &ana).await;
    let retried = send(&ana, &id, "two", Some("k-1")).await;

    assert_eq!(retried["data"]["sendMessage"]["id"], first["data"]["sendMessage"]["id"], "{retried}");
    assert_eq!(error_code(&send(&ana, &id, "three", Some("k-2")).await), "FORBIDDEN", "new sends are refused");
    assert_eq!(app.count("messages").await, 2);
}

#[tokio::test]
async fn reading_up_to_a_message_leaves_the_later_ones_unread_and_never_goes_back() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    connect(&ana, &bea).await;
    let id = conversation(&ana, &[&bea], "one").await;
    let two = send(&ana, &id, "two", None).await["data"]["sendMessage"]["id"].clone();
    send(&ana, &id, "three", None).await;
    let elsewhere = conversation(&bea, &[&app.member("cleo").await], "hi").await;
    let other = send(&bea, &elsewhere, "there", None).await["data"]["sendMessage"]["id"].clone();

    let read = bea.graphql(MARK_READ, json!({ "input": { "conversationId": id, "upTo": two } })).await;
    assert_eq!(read["data"]["markConversationRead"]["unreadCount"], 1, "{read}");
    let refused = bea.graphql(MARK_READ, json!({ "input": { "conversationId": id, "upTo": other } })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "upTo"), "{refused}");
    let first = ana
        .graphql(
            "query($id: ID!) { conversation(id: $id) { messages(first: 1) { edges { node { id } } } } }",
            json!({ "id": id }),
        )
        .await;
    let one = first["data"]["conversation"]["messages"]["edges"][0]["node"]["id"].clone();
    let back = bea.graphql(MARK_READ, json!({ "input": { "conversationId": id, "upTo": one } })).await;
    assert_eq!(back["data"]["markConversationRead"]["unreadCount"], 1, "reading never goes back: {back}");
}

#[tokio::test]
async fn two_members_on_two_instances_each_get_one_push_per_message() {
    let (app, service) = with_push_service(true).await;
    if app.settings.redis_url.is_none() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: one instance is the whole story on SQLite");
        return;
    }
    let other = app.another_instance().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let bea = bea.on(&other);
    connect(&ana, &bea).await;
    let (anas_phone, beas_phone) = (service.device(), service.device());
    register(&app, &ana, &anas_phone).await;
    register(&app, &bea, &beas_phone).await;
    let id = conversation(&ana, &[&bea], "Hi Bea").await;
    service.wait_for(1, Duration::from_secs(10)).await;

    // Each message waits for the push before it, so none can stand in for another.
    let mut sent = 1;
    for round in 0..3 {
        for (from, to) in [(&bea, "Ana"), (&ana, "Bea")] {
            send(from, &id, &format!("to {to}, {round}"), None).await;
            sent += 1;
            service.wait_for(sent, Duration::from_secs(10)).await;
        }
    }

    settled(&app).await;
    assert_eq!(service.delivered_to(&beas_phone).len(), 4, "the first message and three more");
    assert_eq!(service.delivered_to(&anas_phone).len(), 3);
    let last = service.delivered_to(&beas_phone).pop().map(|push| push.payload["body"].clone());
    assert_eq!(last, Some(json!("4 new messages")));
    assert!(service.received().iter().all(|push| push.status == 201));
}

#[tokio::test]
async fn notifications_and_held_pushes_from_before_messages_notified_survive_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;
    let db = database.migrated_to(12).await;
    let (member, group, notification) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    let old_rows = [
        "INSERT INTO members (id, email, password_hash, display_name, created_at, updated_at) \
         VALUES ($1, 'ana@example.com', 'x', 'Ana', $4, $4)",
        "INSERT INTO groups (id, name, description, visibility, join_policy, join_questions, search_key, \
         member_count, created_by, created_at, updated_at) \
         VALUES ($2, 'Moms at Work', '', 'PUBLIC', 'OPEN', '[]', 'moms at work', 1, $1, $4, $4)",
        "INSERT INTO notifications (id, member_id, kind, kind_rank, group_id, happenings, collapse_key, \
         created_at, updated_at) VALUES ($3, $1, 'JOIN_APPROVED', 0, $2, 1, 'joined', $4, $4)",
        "INSERT INTO push_held (member_id, notification_id, held_at) VALUES ($1, $3, $4)",
    ];
    let now = chrono::Utc::now();
    for sql in old_rows {
        village::on_db!(&db, pool => sqlx::query(sql).bind(member).bind(group).bind(notification).bind(now)
            .execute(pool).await.map(drop))
        .expect("an old row");
    }

    village::db::migrate(&db).await.expect("upgraded");

    let read = "SELECT n.kind, n.group_id, n.conversation_id FROM notifications n \
                JOIN push_held h ON h.notification_id = n.id WHERE n.id = $1";
    let row: (String, Option<uuid::Uuid>, Option<uuid::Uuid>) =
        village::on_db!(&db, pool => sqlx::query_as(read).bind(notification).fetch_one(pool).await).expect("kept");
    assert_eq!(row, ("JOIN_APPROVED".to_owned(), Some(group), None), "the entry and its held push stay");
}
