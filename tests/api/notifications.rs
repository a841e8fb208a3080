//! In-app notifications, made by the job worker from the outbox: who is told about
//! replies, events and join requests and as what, collapsing, blocks and lost access,
//! marking read, the live stream, and jobs that fail or never were.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{
    Member, TestApp, acknowledged, error_code, error_field, eventually, eventually_within, notifications_of, receive,
    send, thread_with_a_reply,
};

#[tokio::test]
async fn replies_notify_the_thread_author_once_per_thread_and_never_the_replier() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    assert_eq!(notifications_of(&app, &ana).await.0, 0, "her own reply tells her nothing");

    for body in ["one", "two", "three"] {
        bea.post_reply(&thread, body).await;
    }

    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!(unread, 1, "{list:?}");
    assert_eq!(list[0]["kind"], "REPLY_TO_MY_THREAD");
    assert_eq!(list[0]["count"], 3);
    assert_eq!(list[0]["title"], "3 new replies in 'Live'");
    assert_eq!(list[0]["threadId"], thread.as_str());
    assert_eq!(notifications_of(&app, &bea).await.1, Vec::<Value>::new(), "the replier is not told");

    ana.post_reply(&thread, "thanks").await;
    let (_, bea_list) = notifications_of(&app, &bea).await;
    assert_eq!(bea_list.len(), 1, "replying made Bea a follower");
    assert_eq!(bea_list[0]["kind"], "FOLLOWED_THREAD_ACTIVITY");
    assert_eq!(bea_list[0]["title"], "Ana replied in 'Live'");
}

#[tokio::test]
async fn an_answer_and_a_mention_notify_as_the_most_direct_kind() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (group, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    ana.bring_in(&group, &cat).await;
    let handle = "mutation { updateProfile(input: { handle: \"ana\" }) { handle } }";
    app.graphql(handle, json!({}), Some(&ana.access_token)).await;
    let beas = bea.post_reply(&thread, "a question").await;

    cat.answer_reply(&thread, &beas, "an answer").await;
    cat.post_reply(&thread, "@ana have a look").await;

    let (_, bea_list) = notifications_of(&app, &bea).await;
    assert_eq!(bea_list.len(), 1, "both of Cat's replies fold into her entry for the thread: {bea_list:?}");
    assert_eq!(bea_list[0]["kind"], "REPLY_TO_MY_REPLY", "the most direct reason she had");
    assert_eq!(bea_list[0]["title"], "2 new replies in 'Live'");
    let (unread, ana_list) = notifications_of(&app, &ana).await;
    assert_eq!(unread, 2, "{ana_list:?}");
    assert_eq!(ana_list[0]["kind"], "MENTION", "a mention stands alone");
    assert_eq!(ana_list[0]["title"], "Cat mentioned you in 'Live'");
    assert_eq!((ana_list[1]["kind"].clone(), ana_list[1]["count"].clone()), (json!("REPLY_TO_MY_THREAD"), json!(2)));
}

#[tokio::test]
async fn blocked_members_and_members_who_lost_access_are_not_told() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (group, thread, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    ana.bring_in(&group, &cat).await;
    bea.post_reply(&thread, "Bea follows now").await;
    assert_eq!(notifications_of(&app, &ana).await.0, 1);
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Bea's\", body: \"Hi\" }) { id } }";
    let beas = app.graphql(create, json!({ "g": group }), Some(&bea.access_token)).await;
    let beas = beas["data"]["createThread"]["id"].as_str().expect("Bea's thread").to_owned();
    ana.post_reply(&beas, "Ana follows Bea's thread").await;
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": cat.member_id }), Some(&ana.access_token)).await;

    cat.post_reply(&beas, "from Cat").await;
    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!((unread, list[0]["count"].clone()), (1, json!(1)), "Cat's reply is not told to Ana: {list:?}");

    let remove = "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { id } }";
    app.graphql(remove, json!({ "g": group, "m": bea.member_id }), Some(&ana.access_token)).await;
    ana.post_reply(&thread, "after Bea left").await;
    assert_eq!(notifications_of(&app, &bea).await, (0, Vec::new()), "she can no longer see the thread");
}

#[tokio::test]
async fn marking_read_lowers_the_count_and_bad_input_changes_nothing() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let handle = "mutation { updateProfile(input: { handle: \"ana\" }) { handle } }";
    app.graphql(handle, json!({}), Some(&ana.access_token)).await;
    bea.post_reply(&thread, "hello").await;
    bea.post_reply(&thread, "@ana hello").await;
    let (_, list) = notifications_of(&app, &ana).await;
    let mark =
        "mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount } }";

    for input in [
        json!({}),
        json!({ "ids": [] }),
        json!({ "ids": ["not-an-id"] }),
        json!({ "all": true, "ids": [list[0]["id"]] }),
    ] {
        let refused = app.graphql(mark, json!({ "input": input }), Some(&ana.access_token)).await;
        assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "ids"), "{input}: {refused}");
    }
    assert_eq!(notifications_of(&app, &ana).await.0, 2, "nothing was marked");
    let others = app.graphql(mark, json!({ "input": { "ids": [list[0]["id"]] } }), Some(&bea.access_token)).await;
    assert_eq!(others["data"]["markNotificationsRead"]["marked"], 0, "not hers to mark");

    let one = app.graphql(mark, json!({ "input": { "ids": [list[0]["id"]] } }), Some(&ana.access_token)).await;
    assert_eq!(one["data"]["markNotificationsRead"], json!({ "marked": 1, "unreadCount": 1 }));
    let all = app.graphql(mark, json!({ "input": { "all": true } }), Some(&ana.access_token)).await;
    assert_eq!(all["data"]["markNotificationsRead"], json!({ "marked": 1, "unreadCount": 0 }));

    bea.post_reply(&thread, "one more").await;
    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!((unread, list.len()), (1, 3), "a read entry is not reopened: a new one starts");
    assert_eq!((list[0]["read"].clone(), list[0]["count"].clone()), (json!(false), json!(1)));
}

#[tokio::test]
async fn marking_all_read_leaves_entries_she_cannot_see_for_when_she_can() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    bea.post_reply(&thread, "hello").await;
    assert_eq!(notifications_of(&app, &ana).await.0, 1);
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": bea.member_id }), Some(&ana.access_token)).await;
    let mark = "mutation { markNotificationsRead(input: { all: true }) { marked unreadCount } }";

    let marked = app.graphql(mark, json!({}), Some(&ana.access_token)).await;

    assert_eq!(marked["data"]["markNotificationsRead"], json!({ "marked": 0, "unreadCount": 0 }), "{marked}");
    let unblock = "mutation($m: ID!) { unblockMember(input: { memberId: $m }) { id } }";
    app.graphql(unblock, json!({ "m": bea.member_id }), Some(&ana.access_token)).await;
    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!((unread, list[0]["read"].clone()), (1, json!(false)), "unread, as she never saw it");
}

#[tokio::test]
async fn notification_events_bring_new_entries_and_unread_counts_live() {
    let app = TestApp::spawn_with(|settings| settings.no_worker = false).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let mut socket = acknowledged(&app, &ana).await;
    let subscribe = json!({ "id": "n", "type": "subscribe", "payload": { "query": "subscription { notificationEvents { kind notificationId unreadCount } }" } });
    send(&mut socket, subscribe).await;

    // The stream's start is not observable: reply until an event arrives.
    let mut created = Value::Null;
    for attempt in 0..20 {
        bea.post_reply(&thread, &format!("reply {attempt}")).await;
        if let Ok(message) = tokio::time::timeout(Duration::from_millis(500), receive(&mut socket)).await {
            created = message["payload"]["data"]["notificationEvents"].clone();
            break;
        }
    }
    assert!(
        ["NOTIFICATION_CREATED", "NOTIFICATION_UPDATED"].contains(&created["kind"].as_str().unwrap_or_default()),
        "{created}"
    );
    assert_eq!(created["unreadCount"], 1, "replies collapse into one entry");
    let (_, list) = notifications_of(&app, &ana).await;
    assert_eq!(created["notificationId"], list[0]["id"]);

    bea.post_reply(&thread, "one more").await;
    let grown = receive(&mut socket).await["payload"]["data"]["notificationEvents"].clone();
    assert_eq!(grown["kind"], "NOTIFICATION_UPDATED", "the entry grew, no new one: {grown}");
    assert_eq!((grown["notificationId"].clone(), grown["unreadCount"].clone()), (list[0]["id"].clone(), json!(1)));

    let mark = "mutation { markNotificationsRead(input: { all: true }) { unreadCount } }";
    app.graphql(mark, json!({}), Some(&ana.access_token)).await;
    loop {
        let event = receive(&mut socket).await["payload"]["data"]["notificationEvents"].clone();
        if event["kind"] == "UNREAD_COUNT_CHANGED" {
            assert_eq!(event["unreadCount"], 0);
            break;
        }
    }
}

#[tokio::test]
async fn a_refused_reply_leaves_no_job_and_tells_no_one() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    app.jobs_done().await;
    app.graphql(
        "mutation($t: ID!) { lockThread(input: { threadId: $t, locked: true }) { locked } }",
        json!({ "t": thread }),
        Some(&ana.access_token),
    )
    .await;

    let refused = app
        .graphql(
            "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"too late\" }) { id } }",
            json!({ "t": thread }),
            Some(&bea.access_token),
        )
        .await;

    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(app.count("outbox WHERE kind = 'REPLY_POSTED'").await, 0, "no job was recorded");
    assert_eq!(notifications_of(&app, &ana).await, (0, Vec::new()));
}

#[tokio::test]
async fn a_failing_job_is_kept_with_its_error_for_a_later_retry() {
    let mut app = TestApp::spawn().await;
    app.expect_failed_jobs();
    let insert = "INSERT INTO outbox (id, kind, subject_id, created_at, run_after, attempts) VALUES ($1, 'NO_SUCH_JOB', $1, $2, $2, 0)";
    let (id, now) = (uuid::Uuid::now_v7(), chrono::Utc::now());
    village::on_db!(&app.db, pool => sqlx::query(insert).bind(id).bind(now).execute(pool).await.map(drop))
        .expect("inserted");

    app.run_pending_jobs().await;

    assert_eq!(app.count("outbox WHERE attempts = 1 AND last_error IS NOT NULL AND dead_at IS NULL").await, 1);
    let later = "SELECT COUNT(*) FROM outbox WHERE kind = 'NO_SUCH_JOB' AND run_after > $1";
    let retried_later: i64 =
        village::on_db!(&app.db, pool => sqlx::query_scalar(later).bind(now).fetch_one(pool).await).expect("counted");
    assert_eq!(retried_later, 1, "due again later, with backoff");
}

/// The kinds and titles of her notifications, newest first.
async fn kinds_and_titles(app: &TestApp, member: &Member) -> Vec<(String, String)> {
    let (_, list) = notifications_of(app, member).await;
    list.iter()
        .map(|n| {
            (n["kind"].as_str().unwrap_or_default().to_owned(), n["title"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

fn pair(kind: &str, title: &str) -> (String, String) {
    (kind.to_owned(), title.to_owned())
}

#[tokio::test]
async fn events_tell_the_group_then_whoever_is_going_or_waiting() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (group, _, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    ana.bring_in(&group, &cat).await;
    app.jobs_done().await;
    let create = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let input = json!({ "input": { "groupId": group, "title": "Coffee", "startsAt": "2030-05-01T08:00:00Z",
        "endsAt": "2030-05-01T09:00:00Z", "timezone": "America/Toronto", "location": "Cafe", "capacity": 1 } });
    let created = app.graphql(create, input, Some(&ana.access_token)).await;
    let event = created["data"]["createEvent"]["id"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned();
    assert_eq!(
        kinds_and_titles(&app, &bea).await,
        [pair("NEW_EVENT_IN_GROUP", "New event in 'Moms at Work': 'Coffee'")]
    );
    assert_eq!(kinds_and_titles(&app, &ana).await, [], "not the organiser herself");

    let rsvp = "mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { id } }";
    app.graphql(rsvp, json!({ "e": event }), Some(&bea.access_token)).await;
    app.graphql(rsvp, json!({ "e": event }), Some(&cat.access_token)).await;
    let update =
        "mutation($e: ID!) { updateEvent(input: { eventId: $e, capacity: 2, location: \"Cafe Lima\" }) { id } }";
    app.graphql(update, json!({ "e": event }), Some(&ana.access_token)).await;

    assert_eq!(kinds_and_titles(&app, &bea).await[0], pair("EVENT_CHANGED", "'Coffee' has changed"));
    let cats = kinds_and_titles(&app, &cat).await;
    assert!(cats.contains(&pair("WAITLIST_PROMOTED", "You have a seat at 'Coffee'")), "{cats:?}");
    assert!(
        cats.contains(&pair("EVENT_CHANGED", "'Coffee' has changed")),
        "waitlisted members hear of changes: {cats:?}"
    );

    app.graphql(
        "mutation($e: ID!) { cancelEvent(input: { eventId: $e }) { id } }",
        json!({ "e": event }),
        Some(&ana.access_token),
    )
    .await;
    for member in [&bea, &cat] {
        assert_eq!(kinds_and_titles(&app, member).await[0], pair("EVENT_CANCELLED", "'Coffee' was cancelled"));
    }
    let (_, list) = notifications_of(&app, &bea).await;
    assert_eq!(list[0]["eventId"], event.as_str());
}

#[tokio::test]
async fn join_requests_tell_the_moderators_and_approval_tells_the_member() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let query = "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }";
    let input = json!({ "input": { "name": "Founders", "visibility": "PRIVATE", "joinPolicy": "APPROVAL", "joinQuestions": ["Why?"] } });
    let group = app.graphql(query, input, Some(&ana.access_token)).await["data"]["createGroup"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let bea_asks = bea.join_group(&group, &["I run a studio"]).await;
    cat.join_group(&group, &["Me too"]).await;

    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!((unread, list[0]["kind"].clone(), list[0]["count"].clone()), (1, json!("JOIN_REQUEST"), json!(2)));
    assert_eq!(list[0]["title"], "2 requests to join 'Founders'");
    assert_eq!(kinds_and_titles(&app, &bea).await, [], "outsiders hear nothing of the group");

    let request =
        bea_asks["data"]["joinGroup"]["joinRequest"]["id"].as_str().unwrap_or_else(|| panic!("{bea_asks}")).to_owned();
    let approve = "mutation($r: ID!) { approveJoinRequest(input: { requestId: $r }) { status } }";
    app.graphql(approve, json!({ "r": request }), Some(&ana.access_token)).await;
    assert_eq!(
        kinds_and_titles(&app, &bea).await,
        [pair("JOIN_APPROVED", "Welcome to 'Founders': your request was approved")]
    );
}

/// Runs the jobs due `before` the event's `start`, as if that time had come.
async fn time_passes_until(app: &TestApp, before: chrono::TimeDelta, start: &str) {
    let start = chrono::DateTime::parse_from_rfc3339(start).expect("a time").with_timezone(&chrono::Utc);
    app.run_jobs_at(start - before).await;
}

async fn reminder_titles(app: &TestApp, member: &Member) -> Vec<String> {
    let all = kinds_and_titles(app, member).await;
    all.into_iter().filter(|(kind, _)| kind == "EVENT_REMINDER").map(|(_, title)| title).collect()
}

#[tokio::test]
async fn reminders_wait_for_their_time_and_a_moved_event_keeps_only_its_new_ones() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (group, _, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    let in_hours = |hours: i64| {
        (chrono::Utc::now() + chrono::TimeDelta::hours(hours)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let (start, end) = (in_hours(72), in_hours(73));
    let create = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let input = json!({ "input": { "groupId": group, "title": "Coffee", "startsAt": start, "endsAt": end,
        "timezone": "America/Toronto", "location": "Cafe" } });
    let event = app.graphql(create, input, Some(&ana.access_token)).await["data"]["createEvent"]["id"].clone();
    let rsvp = "mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { id } }";
    app.graphql(rsvp, json!({ "e": event }), Some(&bea.access_token)).await;
    app.jobs_done().await;
    assert_eq!(app.count("outbox WHERE kind LIKE 'EVENT_REMINDER%'").await, 2, "a day and an hour before, not yet due");
    assert_eq!(reminder_titles(&app, &bea).await, Vec::<String>::new());

    let retitle = "mutation($e: ID!) { updateEvent(input: { eventId: $e, title: \"Coffee!\" }) { id } }";
    app.graphql(retitle, json!({ "e": event }), Some(&ana.access_token)).await;
    assert_eq!(app.count("outbox WHERE kind LIKE 'EVENT_REMINDER%'").await, 2, "the same start: no new reminders");

    let (moved, moved_end) = (in_hours(96), in_hours(97));
    let reschedule = "mutation($e: ID!, $s: DateTime!, $end: DateTime!) { updateEvent(input: { eventId: $e, startsAt: $s, endsAt: $end }) { id } }";
    app.graphql(reschedule, json!({ "e": event, "s": moved, "end": moved_end }), Some(&ana.access_token)).await;
    app.jobs_done().await;
    assert_eq!(app.count("outbox WHERE kind LIKE 'EVENT_REMINDER%'").await, 4, "the old start's two and the new one's");

    time_passes_until(&app, chrono::TimeDelta::minutes(30), &start).await;
    assert_eq!(
        reminder_titles(&app, &bea).await,
        Vec::<String>::new(),
        "reminders of a start the event left do nothing"
    );
    time_passes_until(&app, chrono::TimeDelta::hours(24), &moved).await;
    time_passes_until(&app, chrono::TimeDelta::hours(1), &moved).await;
    let reminders = reminder_titles(&app, &bea).await;
    assert_eq!(reminders.len(), 2, "the day's and the hour's: {reminders:?}");
    assert_eq!(
        reminders,
        ["'Coffee!' starts in 60 minutes", "'Coffee!' starts in about 24 hours"],
        "each when its time came, newest first"
    );
    assert!(reminder_titles(&app, &ana).await.is_empty(), "only members going are reminded");
}

#[tokio::test]
async fn preferences_and_mutes_decide_what_reaches_her_but_a_mention_gets_through() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let cat = app.member("cat").await;
    let (group, thread, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    app.graphql(
        "mutation { updateProfile(input: { handle: \"ana\" }) { handle } }",
        json!({}),
        Some(&ana.access_token),
    )
    .await;
    let preferences =
        app.graphql("{ notificationPreferences { kind inApp push } }", json!({}), Some(&ana.access_token)).await;
    let preferences = preferences["data"]["notificationPreferences"].as_array().cloned().unwrap_or_default();
    assert_eq!(preferences.len(), 25);
    assert!(preferences.contains(&json!({ "kind": "REPLY_TO_MY_THREAD", "inApp": true, "push": true })));
    assert!(preferences.contains(&json!({ "kind": "FOLLOWED_THREAD_ACTIVITY", "inApp": true, "push": false })));

    let set = "mutation($in: Boolean!) { setNotificationPreference(input: { kind: REPLY_TO_MY_THREAD, inApp: $in, push: false }) { kind inApp push } }";
    let chosen = app.graphql(set, json!({ "in": false }), Some(&ana.access_token)).await;
    let chosen = chosen["data"]["setNotificationPreference"].as_array().cloned().unwrap_or_default();
    assert!(chosen.contains(&json!({ "kind": "REPLY_TO_MY_THREAD", "inApp": false, "push": false })), "{chosen:?}");
    bea.post_reply(&thread, "not shown").await;
    assert_eq!(notifications_of(&app, &ana).await.0, 0, "she turned that kind off");
    app.graphql(set, json!({ "in": true }), Some(&ana.access_token)).await;

    let mute =
        "mutation($t: ID!, $until: DateTime) { muteThread(input: { threadId: $t, until: $until }) { muted until } }";
    let past =
        app.graphql(mute, json!({ "t": thread, "until": "2020-01-01T00:00:00Z" }), Some(&ana.access_token)).await;
    assert_eq!((error_code(&past), error_field(&past)), ("BAD_USER_INPUT", "until"), "{past}");
    assert_eq!(app.count("notification_mutes").await, 0, "nothing was muted");
    let outsider = app.graphql(mute, json!({ "t": thread }), Some(&cat.access_token)).await;
    assert_eq!(error_code(&outsider), "NOT_FOUND", "{outsider}");
    let muted = app.graphql(mute, json!({ "t": thread }), Some(&ana.access_token)).await;
    assert_eq!(muted["data"]["muteThread"], json!({ "muted": true, "until": null }));
    bea.post_reply(&thread, "muted").await;
    assert_eq!(notifications_of(&app, &ana).await.0, 0, "the thread is muted");
    bea.post_reply(&thread, "@ana still, look").await;
    assert_eq!(kinds_and_titles(&app, &ana).await, [pair("MENTION", "Bea mentioned you in 'Live'")]);

    let unmute = "mutation($t: ID!) { unmuteThread(input: { threadId: $t }) { muted } }";
    app.graphql(unmute, json!({ "t": thread }), Some(&ana.access_token)).await;
    bea.post_reply(&thread, "heard again").await;
    assert_eq!(kinds_and_titles(&app, &ana).await[0], pair("REPLY_TO_MY_THREAD", "Bea replied to your thread 'Live'"));

    let tomorrow = (chrono::Utc::now() + chrono::TimeDelta::days(1)).to_rfc3339();
    let mute_group =
        "mutation($g: ID!, $until: DateTime) { muteGroup(input: { groupId: $g, until: $until }) { muted } }";
    app.graphql(mute_group, json!({ "g": group, "until": tomorrow }), Some(&bea.access_token)).await;
    let create = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let input = json!({ "input": { "groupId": group, "title": "Coffee", "startsAt": "2030-05-01T08:00:00Z",
        "endsAt": "2030-05-01T09:00:00Z", "timezone": "America/Toronto", "location": "Cafe" } });
    app.graphql(create, input, Some(&ana.access_token)).await;
    assert!(
        !kinds_and_titles(&app, &bea).await.iter().any(|(kind, _)| kind == "NEW_EVENT_IN_GROUP"),
        "the group is muted for her"
    );
}

#[tokio::test]
async fn a_member_who_blocked_an_events_organiser_hears_nothing_more_of_it() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (group, _, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let create = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let input = json!({ "input": { "groupId": group, "title": "Coffee", "startsAt": "2030-05-01T08:00:00Z",
        "endsAt": "2030-05-01T09:00:00Z", "timezone": "America/Toronto", "location": "Cafe" } });
    let event = app.graphql(create, input, Some(&ana.access_token)).await["data"]["createEvent"]["id"].clone();
    app.graphql(
        "mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { id } }",
        json!({ "e": event }),
        Some(&bea.access_token),
    )
    .await;
    assert_eq!(kinds_and_titles(&app, &bea).await.len(), 1, "told of the new event");

    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;
    app.graphql(
        "mutation($e: ID!) { cancelEvent(input: { eventId: $e }) { id } }",
        json!({ "e": event }),
        Some(&ana.access_token),
    )
    .await;

    assert_eq!(notifications_of(&app, &bea).await, (0, Vec::new()), "nothing of an event hidden from her");
}

#[tokio::test]
async fn housekeeping_runs_hourly_and_forgets_long_ended_sessions_and_old_attempts() {
    let app = TestApp::spawn_with(|settings| settings.no_worker = false).await;
    let ana = app.member("ana").await;
    app.sign_in("ana@example.com", "wrong password").await;
    let housekeeping = "outbox WHERE kind = 'HOUSEKEEPING'";
    eventually("housekeeping to be scheduled", async || (app.count(housekeeping).await == 1).then_some(())).await;
    assert_eq!(app.count("outbox WHERE kind = 'HOUSEKEEPING'").await, 1, "the next hour's run is scheduled once");
    let long_ago = chrono::Utc::now() - chrono::TimeDelta::days(40);
    let age = ["UPDATE sessions SET revoked_at = $1", "UPDATE auth_attempts SET attempted_at = $1"];
    for sql in age {
        village::on_db!(&app.db, pool => sqlx::query(sql).bind(long_ago).execute(pool).await.map(drop)).expect("aged");
    }
    let (sessions, attempts) = (app.count("sessions").await, app.count("auth_attempts").await);
    assert!(sessions >= 1 && attempts >= 1, "{sessions} sessions, {attempts} attempts to forget");

    let due = "UPDATE outbox SET run_after = $1 WHERE kind = 'HOUSEKEEPING'";
    village::on_db!(&app.db, pool => sqlx::query(due).bind(chrono::Utc::now()).execute(pool).await.map(drop))
        .expect("due");
    app.jobs_done().await;

    assert_eq!((app.count("sessions").await, app.count("auth_attempts").await), (0, 0));
    assert_eq!(app.count("outbox WHERE kind = 'HOUSEKEEPING'").await, 1, "and the next run is scheduled");
    assert_eq!(error_code(&app.me(&ana.access_token).await), "UNAUTHENTICATED", "her ended session stays ended");
}

#[tokio::test]
async fn a_burst_of_replies_worked_by_several_workers_at_once_fails_no_job() {
    let app = TestApp::spawn_with(|settings| {
        settings.no_worker = true;
        settings.replies_per_minute = 10_000;
        settings.sign_ups_per_ip_per_hour = 1_000;
    })
    .await;
    let ana = app.member("ana").await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Busy\", body: \"Go\" }) { id } }";
    let thread =
        app.graphql(create, json!({ "g": group }), Some(&ana.access_token)).await["data"]["createThread"]["id"]
            .as_str()
            .expect("thread")
            .to_owned();
    let mut followers = Vec::new();
    for n in 0..20 {
        let member = app.sign_up(&format!("m{n}@example.com"), &format!("Member {n}")).await;
        member.join_group(&group, &[]).await;
        member.post_reply(&thread, "following").await;
        followers.push(member);
    }
    // A backlog of replies by every follower, each notifying the other nineteen and Ana.
    for round in 0..60 {
        let body = format!("round {round}");
        let posts = followers.iter().map(|member| member.post_reply(&thread, &body));
        futures_util::future::join_all(posts).await;
    }

    // Four workers take the backlog at once, as four instances would.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    for _ in 0..4 {
        let mut settings = app.settings.clone();
        settings.no_worker = false;
        let worker = village::App::build(settings).await.expect("a worker instance");
        let mut stopped = stopped.clone();
        tokio::spawn(worker.work(None, async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }));
    }
    let failed = "outbox WHERE last_error IS NOT NULL";
    eventually_within(Duration::from_secs(120), "the backlog to drain within two minutes", async || {
        let errors = "SELECT last_error FROM outbox WHERE last_error IS NOT NULL";
        let errors: Vec<String> =
            village::on_db!(&app.db, pool => sqlx::query_scalar(errors).fetch_all(pool).await).expect("errors");
        assert!(errors.is_empty(), "a job failed (a failure stays visible for its backoff): {errors:?}");
        (app.count("outbox WHERE kind = 'REPLY_POSTED'").await == 0).then_some(())
    })
    .await;
    assert_eq!(app.count(failed).await, 0);
    let _ = stop.send(true);
}

/// What each member's notifications say, without the ids that differ between servers.
async fn what_they_were_told(app: &TestApp, members: &[&Member]) -> Vec<Vec<Value>> {
    let mut told = Vec::new();
    for member in members {
        let (unread, list) = notifications_of(app, member).await;
        let mut entries = vec![json!(unread)];
        entries.extend(list.iter().map(|entry| {
            json!([entry["kind"], entry["title"], entry["count"], entry["read"], entry["actor"]["displayName"]])
        }));
        told.push(entries);
    }
    told
}

/// A busy minute in a thread: Bea, Cat and Dan follow it; Bea replies three times, Cat
/// answers her, mentions Ana, and Dan (whom Bea blocked) replies. With `each_alone`,
/// every job is run before the next reply; otherwise they wait and run as one backlog.
/// Returns the members and the statements the jobs ran.
async fn busy_minute(app: &TestApp, each_alone: bool) -> ([Member; 4], usize) {
    let (ana, bea, cat, dan) =
        (app.member("ana").await, app.member("bea").await, app.member("cat").await, app.member("dan").await);
    let (group, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    ana.bring_in(&group, &cat).await;
    ana.bring_in(&group, &dan).await;
    let handle = "mutation { updateProfile(input: { handle: \"ana\" }) { handle } }";
    app.graphql(handle, json!({}), Some(&ana.access_token)).await;
    for member in [&bea, &cat, &dan] {
        member.post_reply(&thread, "following").await;
    }
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    bea.graphql(block, json!({ "m": dan.member_id })).await;
    app.run_pending_jobs().await;
    let read_all = "mutation { markNotificationsRead(input: { all: true }) { marked } }";
    for member in [&ana, &bea, &cat, &dan] {
        member.graphql(read_all, json!({})).await;
    }

    let mut statements = 0;
    let mut run_jobs = async || statements += app.run_due_jobs_counting_statements().await;
    let mut last = String::new();
    for body in ["one", "two", "three"] {
        last = bea.post_reply(&thread, body).await;
        if each_alone {
            run_jobs().await;
        }
    }
    let replies: [(&Member, Option<&str>, &str); 3] =
        [(&cat, Some(&last), "an answer"), (&cat, None, "@ana have a look"), (&dan, None, "me too")];
    for (member, parent, body) in replies {
        match parent {
            Some(parent) => member.answer_reply(&thread, parent, body).await,
            None => member.post_reply(&thread, body).await,
        };
        if each_alone {
            run_jobs().await;
        }
    }
    if !each_alone {
        assert_eq!(app.count("outbox WHERE kind = 'REPLY_POSTED'").await, 6, "the backlog waits");
        run_jobs().await;
        assert_eq!(app.count("outbox WHERE kind = 'REPLY_POSTED'").await, 0, "and runs at once");
    }
    ([ana, bea, cat, dan], statements)
}

#[tokio::test]
async fn a_backlog_of_replies_run_together_tells_everyone_what_one_at_a_time_would() {
    let one_at_a_time = TestApp::spawn_with(|settings| settings.no_worker = true).await;
    let together = TestApp::spawn_with(|settings| settings.no_worker = true).await;

    let (alone, alone_statements) = busy_minute(&one_at_a_time, true).await;
    let (folded, folded_statements) = busy_minute(&together, false).await;

    let told_alone = what_they_were_told(&one_at_a_time, &alone.iter().collect::<Vec<_>>()).await;
    let told_together = what_they_were_told(&together, &folded.iter().collect::<Vec<_>>()).await;
    assert_eq!(told_together, told_alone);
    let unread = |told: &[Value], kind: &str| told.iter().find(|entry| entry[0] == kind && entry[3] == false).cloned();
    // Ana: her thread's entry with the other replies, newest since Dan's came last,
    // naming him; then Cat's mention on its own.
    assert_eq!(told_alone[0][0], json!(2), "{:?}", told_alone[0]);
    let ana_thread = json!(["REPLY_TO_MY_THREAD", "5 new replies in 'Live'", 5, false, "Dan"]);
    assert_eq!(told_alone[0][1], ana_thread);
    assert_eq!(told_alone[0][2][0], "MENTION");
    // Bea: Cat's answer and her mention, as the most direct kind (Dan's reply is hidden
    // by her block).
    let bea_thread = json!(["REPLY_TO_MY_REPLY", "2 new replies in 'Live'", 2, false, "Cat"]);
    assert_eq!((told_alone[1][0].clone(), unread(&told_alone[1], "REPLY_TO_MY_REPLY")), (json!(1), Some(bea_thread)));
    for app in [&one_at_a_time, &together] {
        assert_eq!(app.count("threads WHERE reply_count = 10").await, 1, "each reply counted once on the thread");
    }
    assert!(
        folded_statements < alone_statements,
        "the backlog ran in fewer statements ({folded_statements}) than its jobs one by one ({alone_statements})"
    );
}
