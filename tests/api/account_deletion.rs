//! `deleteAccount`: a wrong password changes nothing; the right one takes away
//! everything of hers — readable by no one on any path — keeps her threads and replies
//! as placeholders, hands her seat to the waitlist, closes her sessions and sockets,
//! frees her address, and emails a last confirmation.

use serde_json::{Value, json};

use crate::messages::{conversation, send};
use crate::support::{
    PASSWORD, TestApp, acknowledged, close_code, error_code, error_field, notifications_of, send as live_send,
};

const DELETE: &str = "mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) { deleted } }";
const THREAD: &str = "query($id: ID!) { thread(id: $id) { title body author { id displayName } \
                      replies(first: 20) { edges { node { body author { id displayName } } } } } }";

fn event_input(group: &str, capacity: i64) -> Value {
    let day = (chrono::Utc::now() + chrono::TimeDelta::days(30)).format("%Y-%m-%d").to_string();
    json!({ "input": {
        "groupId": group, "title": "Breakfast club", "startsAt": format!("{day}T14:00:00Z"),
        "endsAt": format!("{day}T16:00:00Z"), "timezone": "America/Toronto", "location": "Café", "city": "Toronto",
        "capacity": capacity
    } })
}

#[tokio::test]
async fn a_deleted_account_leaves_placeholders_frees_its_seat_and_nothing_of_hers_readable() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    let group = bea.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    ana.join_group(&group, &[]).await;
    cleo.join_group(&group, &[]).await;
    let profile =
        "mutation { updateProfile(input: { city: \"Toronto\", headline: \"Ana's secret headline\" }) { id } }";
    assert!(ana.graphql(profile, json!({})).await["errors"].is_null());
    let thread = ana.start_thread(&group, "Ana's private worries", "Ana's long story").await;
    bea.post_reply(&thread, "Bea answers").await;
    let bea_thread = bea.start_thread(&group, "Bea asks", "Anyone?").await;
    ana.post_reply(&bea_thread, "Ana's reply text").await;
    let event = bea
        .graphql("mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }", event_input(&group, 1))
        .await;
    let event = event["data"]["createEvent"]["id"].as_str().unwrap().to_owned();
    let rsvp = "mutation($id: ID!) { rsvp(input: { eventId: $id, status: GOING }) { viewerRsvp { status } } }";
    ana.graphql(rsvp, json!({ "id": event })).await;
    let waiting = cleo.graphql(rsvp, json!({ "id": event })).await;
    assert_eq!(waiting["data"]["rsvp"]["viewerRsvp"]["status"], "WAITLISTED", "{waiting}");
    let chat = conversation(&ana, &[&bea], "Ana's first message").await;
    send(&bea, &chat, "Bea's answer", None).await;
    let feed = ana.graphql("mutation { createCalendarFeed { path } }", json!({})).await;
    let feed = feed["data"]["createCalendarFeed"]["path"].as_str().unwrap().to_owned();
    let (_, bea_notifications) = notifications_of(&app, &bea).await;
    assert!(bea_notifications.iter().any(|n| n["actor"]["displayName"] == "Ana"), "{bea_notifications:?}");
    let mut socket = acknowledged(&app, &ana).await;
    let live = "subscription { notificationEvents { kind unreadCount } }";
    live_send(&mut socket, json!({ "id": "n", "type": "subscribe", "payload": { "query": live } })).await;

    // A wrong password: refused, and nothing changed.
    let wrong = ana.graphql(DELETE, json!({ "input": { "password": "not her password" } })).await;
    assert_eq!((error_code(&wrong), error_field(&wrong)), ("BAD_USER_INPUT", "password"), "{wrong}");
    assert_eq!(app.me(&ana.access_token).await["data"]["me"]["displayName"], "Ana");

    let deleted = ana.graphql(DELETE, json!({ "input": { "password": PASSWORD } })).await;
    assert_eq!(deleted["data"]["deleteAccount"]["deleted"], true, "{deleted}");

    // She is signed out everywhere, her socket closes, and she cannot sign in.
    assert_eq!(error_code(&app.me(&ana.access_token).await), "UNAUTHENTICATED");
    let closed = tokio::time::timeout(std::time::Duration::from_secs(5), close_code(&mut socket)).await;
    assert_eq!(closed.expect("her open socket closes at once"), 4403);
    assert_eq!(error_code(&app.sign_in("ana@example.com", PASSWORD).await), "UNAUTHENTICATED");

    // Her thread and reply stay as placeholders by "Deleted member", her words gone.
    let hers = bea.graphql(THREAD, json!({ "id": thread })).await;
    let hers = &hers["data"]["thread"];
    assert_eq!(hers["title"], "(deleted)");
    assert_eq!(hers["body"], "");
    assert_eq!(hers["author"]["displayName"], "Deleted member");
    assert_ne!(hers["author"]["id"], ana.member_id.as_str(), "nothing links the placeholder to her");
    assert_eq!(hers["replies"]["edges"][0]["node"]["body"], "Bea answers", "others' replies stay");
    let reply = bea.graphql(THREAD, json!({ "id": bea_thread })).await;
    let reply = &reply["data"]["thread"]["replies"]["edges"][0]["node"];
    assert!(reply["body"].is_null() && reply["author"].is_null(), "her reply reads as deleted: {reply}");

    // She is in no list, profile or notification, and her messages are gone.
    let member =
        bea.graphql("query($id: ID!) { member(id: $id) { displayName } }", json!({ "id": ana.member_id })).await;
    assert!(member["data"]["member"].is_null() || error_code(&member) == "NOT_FOUND", "{member}");
    let directory = bea.graphql("{ members(first: 50) { edges { node { displayName headline } } } }", json!({})).await;
    let names = directory["data"]["members"]["edges"].to_string();
    assert!(!names.contains("Ana") && !names.contains("Deleted member"), "{names}");
    let (_, bea_notifications) = notifications_of(&app, &bea).await;
    assert!(!format!("{bea_notifications:?}").contains("Ana"), "{bea_notifications:?}");
    let messages = bea
        .graphql(
            "query($id: ID!) { conversation(id: $id) { messages(first: 10) { edges { node { body } } } } }",
            json!({ "id": chat }),
        )
        .await;
    let bodies = messages["data"]["conversation"]["messages"].to_string();
    assert!(!bodies.contains("Ana's first message"), "{messages}");

    // Her seat went to the waitlist; her calendar feed is gone.
    let seat =
        cleo.graphql("query($id: ID!) { event(id: $id) { viewerRsvp { status } } }", json!({ "id": event })).await;
    assert_eq!(seat["data"]["event"]["viewerRsvp"]["status"], "GOING", "{seat}");
    assert_eq!(app.get(&feed).await.0, 404);

    // Nothing of hers is left in the database.
    let id: uuid::Uuid = ana.member_id.parse().unwrap();
    for (table, column) in [
        ("sessions", "member_id"),
        ("connections", "member_a"),
        ("notifications", "member_id"),
        ("notifications", "actor_id"),
        ("calendar_feeds", "member_id"),
        ("rsvps", "member_id"),
        ("messages", "author_id"),
        ("threads", "author_id"),
        ("replies", "author_id"),
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
        let left: i64 =
            village::on_db!(&app.db, pool => sqlx::query_scalar(&sql).bind(id).fetch_one(pool).await).unwrap();
        assert_eq!(left, 0, "{table}.{column}");
    }
    assert_eq!(app.count("members WHERE email = 'ana@example.com'").await, 0);
    app.jobs_done().await;

    // A last email, and her address is free again.
    let farewell = app.smtp.to("ana@example.com").into_iter().find(|email| email.subject().contains("deleted"));
    assert!(farewell.expect("a confirmation").text().contains("welcome back"));
    let again = app.sign_up("ana@example.com", "Ana").await;
    assert_ne!(again.member_id, ana.member_id);
}

#[tokio::test]
async fn a_group_whose_last_owner_leaves_passes_to_its_longest_standing_moderator() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    let group = ana.create_group("Returning from leave", "PRIVATE", "INVITE_ONLY").await;
    ana.bring_in(&group, &bea).await;
    ana.bring_in(&group, &cleo).await;
    let promote =
        "mutation($g: ID!, $m: ID!) { setMemberRole(input: { groupId: $g, memberId: $m, role: MODERATOR }) { id } }";
    let made = ana.graphql(promote, json!({ "g": group, "m": cleo.member_id })).await;
    assert!(made["errors"].is_null(), "{made}");

    assert!(ana.graphql(DELETE, json!({ "input": { "password": PASSWORD } })).await["errors"].is_null());
    let role =
        cleo.graphql("query($id: ID!) { group(id: $id) { viewerRole memberCount } }", json!({ "id": group })).await;
    assert_eq!(role["data"]["group"]["viewerRole"], "OWNER", "{role}");
    assert_eq!(role["data"]["group"]["memberCount"], 2);
}

#[tokio::test]
async fn nobody_can_take_the_placeholders_address() {
    let app = TestApp::spawn().await;
    let query = "mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }";
    let input = json!({ "input": { "email": "deleted-member@village.invalid", "password": PASSWORD, "displayName": "Deleted member" } });
    let refused = app.graphql(query, input, None).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "email"), "{refused}");
    assert_eq!(app.count("members").await, 0);
}

#[tokio::test]
async fn pushes_owed_when_she_leaves_carry_nothing_of_hers() {
    let service = crate::support::PushService::start().await;
    let app = TestApp::spawn_with(|settings| settings.allow_local_push_endpoints = true).await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    let group = bea.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    ana.join_group(&group, &[]).await;
    cleo.join_group(&group, &[]).await;
    let thread = bea.start_thread(&group, "Pumping rooms", "Where?").await;
    let phone = service.device();
    crate::push_delivery::register(&app, &bea, &phone).await;
    app.jobs_done().await;

    // Ana replies, then Cleo, and Ana leaves before the notifications and pushes are
    // worked out.
    ana.post_reply(&thread, "Ana's words about pumping").await;
    cleo.post_reply(&thread, "Cleo's words").await;
    assert!(ana.graphql(DELETE, json!({ "input": { "password": PASSWORD } })).await["errors"].is_null());
    app.jobs_done().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    for push in service.received() {
        let payload = push.payload.to_string();
        assert!(!payload.contains("Ana"), "{payload}");
    }
    let (_, notifications) = notifications_of(&app, &bea).await;
    assert!(!format!("{notifications:?}").contains("Ana"), "{notifications:?}");
    // Cleo's reply is still news, and the only news.
    assert_eq!(notifications.len(), 1, "{notifications:?}");
    assert_eq!(notifications[0]["actor"]["displayName"], "Cleo");
    assert_eq!(notifications[0]["count"], 1, "Ana's reply is not counted: {notifications:?}");
    assert_eq!(service.delivered_to(&phone).len(), 1, "one push, about Cleo's reply");
}
