//! Anonymous posts: where a group's owner allows them, a member posts a thread or a reply
//! as "Anonymous member". Nothing anyone else reads links it to her — queries, live
//! updates, notifications, pushes, emails, exports of others, blocks, reports, reactions,
//! her leaving — while she, the group's owners and moderators, and community admins see
//! who wrote it. An anonymous post mentions no one.

use std::time::Duration;

use serde_json::{Value, json};

use crate::live_access::WITHIN_A_SECOND;
use crate::mailing_list::grant_admin;
use crate::messages::block;
use crate::support::{
    Member, PASSWORD, TestApp, acknowledged, error_code, error_field, notifications_of, receive, send,
};

const ALLOW: &str = "mutation($g: ID!, $a: Boolean!) { setAnonymousPosts(input: { groupId: $g, allowed: $a }) { \
                     id allowAnonymousPosts } }";
const START: &str = "mutation($g: ID!, $t: String!, $b: String!) { createThread(input: { groupId: $g, title: $t, \
                     body: $b, anonymous: true }) { id anonymous author { id } } }";
const REPLY: &str = "mutation($t: ID!, $b: String!, $p: ID) { postReply(input: { threadId: $t, body: $b, \
                     parentReplyId: $p, anonymous: true }) { id anonymous author { id } } }";
const READ: &str = "query($t: ID!) { thread(id: $t) { title anonymous author { id displayName } \
                    replies(first: 10) { edges { cursor node { id state body anonymous author { id displayName } } } } } }";

/// Ana owns a public group that allows anonymous posts, Cat moderates it, Bea and Dee
/// are members and Gia is a community admin outside it.
struct Circle {
    app: TestApp,
    ana: Member,
    bea: Member,
    cat: Member,
    dee: Member,
    gia: Member,
    group: String,
}

async fn circle_with(app: TestApp) -> Circle {
    let (ana, bea, cat, dee, gia) = (
        app.member("ana").await,
        app.member("bea").await,
        app.member("cat").await,
        app.member("dee").await,
        app.member("gia").await,
    );
    grant_admin(&app, "gia@example.com").await;
    let group = ana.create_group("Returning from leave", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat, &dee] {
        member.join_group(&group, &[]).await;
    }
    let role =
        "mutation($g: ID!, $m: ID!) { setMemberRole(input: { groupId: $g, memberId: $m, role: MODERATOR }) { id } }";
    assert!(ana.graphql(role, json!({ "g": group, "m": cat.member_id })).await["errors"].is_null());
    let allowed = ana.graphql(ALLOW, json!({ "g": group, "a": true })).await;
    assert_eq!(allowed["data"]["setAnonymousPosts"]["allowAnonymousPosts"], true, "{allowed}");
    Circle { app, ana, bea, cat, dee, gia, group }
}

async fn circle() -> Circle {
    circle_with(TestApp::spawn().await).await
}

/// Starts an anonymous thread and answers its id.
async fn anonymous_thread(member: &Member, group: &str, title: &str) -> String {
    let answer = member.graphql(START, json!({ "g": group, "t": title, "b": "I'd rather not say who I am" })).await;
    answer["data"]["createThread"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

/// Posts an anonymous reply and answers its id.
async fn anonymous_reply(member: &Member, thread: &str, body: &str) -> String {
    let answer = member.graphql(REPLY, json!({ "t": thread, "b": body })).await;
    answer["data"]["postReply"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

async fn read(member: &Member, thread: &str) -> Value {
    let answer = member.graphql(READ, json!({ "t": thread })).await;
    assert!(answer["errors"].is_null(), "{answer}");
    answer["data"]["thread"].clone()
}

/// Asserts that nothing in `text` names `author`.
fn unlinkable(text: &str, author: &Member, what: &str) {
    assert!(!text.contains(&author.member_id), "{what} carries her id: {text}");
    assert!(!text.contains("Bea"), "{what} carries her name: {text}");
}

#[tokio::test]
async fn only_a_group_whose_owner_allows_it_takes_anonymous_posts_and_the_log_keeps_the_change() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = (app.member("ana").await, app.member("bea").await, app.member("cat").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat] {
        member.join_group(&group, &[]).await;
    }
    let role =
        "mutation($g: ID!, $m: ID!) { setMemberRole(input: { groupId: $g, memberId: $m, role: MODERATOR }) { id } }";
    ana.graphql(role, json!({ "g": group, "m": cat.member_id })).await;
    let thread = bea.start_thread(&group, "Named", "by Bea").await;
    let threads_before = app.count("threads").await;
    let replies_before = app.count("replies").await;

    let refused = bea.graphql(START, json!({ "g": group, "t": "Secret", "b": "words" })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "anonymous"), "{refused}");
    let refused = bea.graphql(REPLY, json!({ "t": thread, "b": "words" })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "anonymous"), "{refused}");
    for not_owner in [&bea, &cat] {
        let refused = not_owner.graphql(ALLOW, json!({ "g": group, "a": true })).await;
        assert_eq!(error_code(&refused), "FORBIDDEN", "owners only: {refused}");
    }
    assert_eq!((app.count("threads").await, app.count("replies").await), (threads_before, replies_before));

    let allowed = ana.graphql(ALLOW, json!({ "g": group, "a": true })).await;
    assert_eq!(allowed["data"]["setAnonymousPosts"]["allowAnonymousPosts"], true, "{allowed}");
    ana.graphql(ALLOW, json!({ "g": group, "a": true })).await;
    let secret = anonymous_thread(&bea, &group, "Secret").await;
    ana.graphql(ALLOW, json!({ "g": group, "a": false })).await;
    let refused = bea.graphql(REPLY, json!({ "t": secret, "b": "again" })).await;
    assert_eq!(error_field(&refused), "anonymous", "stopped again: {refused}");
    assert_eq!(read(&cat, &secret).await["anonymous"], true, "what was posted anonymously stays so");

    let log = "query($g: ID) { moderationLog(groupId: $g, first: 20) { edges { node { action actor { id } } } } }";
    let entries = ana.graphql(log, json!({ "g": group })).await;
    let actions: Vec<&str> = entries["data"]["moderationLog"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{entries}"))
        .iter()
        .filter_map(|edge| edge["node"]["action"].as_str())
        .filter(|action| action.contains("ANONYMOUS"))
        .collect();
    assert_eq!(actions, ["DISALLOW_ANONYMOUS_POSTS", "ALLOW_ANONYMOUS_POSTS"], "once per change: {entries}");
}

#[tokio::test]
async fn an_anonymous_post_mentions_no_one_not_even_in_an_edit() {
    let Circle { app, bea, dee, group, .. } = circle().await;
    let handle = "mutation { updateProfile(input: { handle: \"dee_k\" }) { handle } }";
    assert!(dee.graphql(handle, json!({})).await["errors"].is_null());
    let thread = anonymous_thread(&bea, &group, "Asking quietly").await;
    let reply = anonymous_reply(&bea, &thread, "no one named").await;
    let (threads, replies, mentions) =
        (app.count("threads").await, app.count("replies").await, app.count("mentions").await);

    let refused = bea.graphql(START, json!({ "g": group, "t": "Hi", "b": "what do you think @dee_k?" })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "body"), "{refused}");
    let refused = bea.graphql(REPLY, json!({ "t": thread, "b": "@dee_k you said so" })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "body"), "{refused}");
    let edit = "mutation($r: ID!) { editReply(input: { replyId: $r, body: \"cc @dee_k\" }) { body } }";
    let refused = bea.graphql(edit, json!({ "r": reply })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "body"), "{refused}");

    assert_eq!(
        (app.count("threads").await, app.count("replies").await, app.count("mentions").await),
        (threads, replies, mentions)
    );
    let seen = read(&dee, &thread).await;
    assert_eq!(seen["replies"]["edges"][0]["node"]["body"], "no one named", "the edit changed nothing");
    let (_, told) = notifications_of(&app, &dee).await;
    assert!(told.iter().all(|n| n["kind"] != "MENTION"), "{told:?}");
}

#[tokio::test]
async fn other_members_see_an_anonymous_member_while_she_moderators_and_admins_see_her() {
    let Circle { app, ana, bea, cat, dee, gia, group } = circle().await;
    let thread = anonymous_thread(&bea, &group, "Asking quietly").await;
    anonymous_reply(&bea, &thread, "and a quiet follow-up").await;
    dee.post_reply(&thread, "Dee, named").await;

    let seen = read(&dee, &thread).await;
    assert_eq!((seen["anonymous"].clone(), seen["author"].clone()), (json!(true), Value::Null), "{seen}");
    let first = &seen["replies"]["edges"][0]["node"];
    assert_eq!((first["state"].as_str(), first["anonymous"].as_bool()), (Some("VISIBLE"), Some(true)));
    assert_eq!((first["author"].clone(), first["body"].as_str()), (Value::Null, Some("and a quiet follow-up")));
    assert_eq!(seen["replies"]["edges"][1]["node"]["author"]["displayName"], "Dee");
    unlinkable(&seen.to_string(), &bea, "her thread read by another");

    let lists = "query($g: ID!) { group(id: $g) { threads(first: 10) { edges { cursor node { author { id } } } } \
                 pinnedThreads { author { id } } } feed(first: 10) { edges { cursor node { author { id } } } } }";
    let listed = dee.graphql(lists, json!({ "g": group })).await;
    assert!(listed["errors"].is_null(), "{listed}");
    unlinkable(&listed.to_string(), &bea, "lists and their cursors");

    for (who, sees) in [(&bea, "herself"), (&ana, "the owner"), (&cat, "a moderator"), (&gia, "an admin")] {
        let seen = read(who, &thread).await;
        assert_eq!(seen["author"]["id"], bea.member_id.as_str(), "{sees}: {seen}");
        let reply = &seen["replies"]["edges"][0]["node"];
        assert_eq!(
            (reply["author"]["id"].as_str(), reply["anonymous"].as_bool()),
            (Some(bea.member_id.as_str()), Some(true))
        );
    }

    // Reported, it reaches the moderators with her name; the reporter learns nothing.
    let report =
        "mutation($t: ID!) { report(input: { target: { threadId: $t }, reason: OTHER, note: \"unsure\" }) { id } }";
    assert!(dee.graphql(report, json!({ "t": thread })).await["errors"].is_null());
    let queue = "{ moderationQueue(first: 5) { edges { node { targetId subject { id } } } } }";
    let items = cat.graphql(queue, json!({})).await;
    assert_eq!(
        items["data"]["moderationQueue"]["edges"][0]["node"]["subject"]["id"],
        bea.member_id.as_str(),
        "{items}"
    );
    let hers = dee.graphql("{ myReports(first: 5) { edges { node { targetId status } } } }", json!({})).await;
    unlinkable(&hers.to_string(), &bea, "her report");
    drop(app);
}

#[tokio::test]
async fn a_block_neither_hides_an_anonymous_post_nor_refuses_an_answer_to_one() {
    let Circle { app, ana, bea, dee, group, .. } = circle().await;
    let thread = ana.start_thread(&group, "Daycare", "How long is your waitlist?").await;
    let named = bea.post_reply(&thread, "Bea, named").await;
    let hidden = anonymous_reply(&bea, &thread, "Bea, anonymous").await;
    let deas = anonymous_reply(&dee, &thread, "Dee, anonymous").await;
    let deas_named = dee.post_reply(&thread, "Dee, named").await;
    let anonymous_thread_id = anonymous_thread(&bea, &group, "Bea's secret").await;
    block(&dee, &bea).await;

    let seen = read(&dee, &thread).await;
    let states: Vec<(&str, &str)> = seen["replies"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| (edge["node"]["id"].as_str().unwrap(), edge["node"]["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            (named.as_str(), "HIDDEN"),
            (hidden.as_str(), "VISIBLE"),
            (deas.as_str(), "VISIBLE"),
            (deas_named.as_str(), "VISIBLE")
        ],
        "only the named reply of the member she blocked is hidden"
    );
    assert_eq!(read(&dee, &anonymous_thread_id).await["anonymous"], true, "the anonymous thread stays readable");

    let answer =
        "mutation($t: ID!, $p: ID!) { postReply(input: { threadId: $t, body: \"answer\", parentReplyId: $p }) { id } }";
    let to_named = bea.graphql(answer, json!({ "t": thread, "p": deas_named })).await;
    assert_eq!(error_code(&to_named), "FORBIDDEN", "a block stands between them: {to_named}");
    let to_anonymous = bea.graphql(answer, json!({ "t": thread, "p": deas })).await;
    assert!(to_anonymous["errors"].is_null(), "refusing would tell who wrote it: {to_anonymous}");

    // Whether she is told does not depend on the block either: silence would tell.
    let told = ana.start_thread(&group, "Told", "Who is told?").await;
    dee.post_reply(&told, "following").await;
    anonymous_reply(&bea, &told, "after the block").await;
    let quiet = ana.start_thread(&group, "Quiet", "And now?").await;
    dee.post_reply(&quiet, "following too").await;
    bea.post_reply(&quiet, "Bea, named, after the block").await;
    let (_, hers) = notifications_of(&app, &dee).await;
    let about = |thread: &str| hers.iter().any(|n| n["threadId"] == thread);
    assert!(about(&told) && !about(&quiet), "told of the anonymous reply, not of the named one: {hers:?}");
}

#[tokio::test]
async fn a_block_does_not_change_whether_a_report_on_an_anonymous_post_counts() {
    let app = TestApp::spawn_with(|settings| settings.reports_to_hold = 1).await;
    let Circle { app, ana, bea, dee, group, .. } = circle_with(app).await;
    let thread = ana.start_thread(&group, "Reports", "What counts?").await;
    let named = bea.post_reply(&thread, "Bea, named").await;
    let anonymous = anonymous_reply(&bea, &thread, "Bea, anonymous").await;
    let newcomer = app.member("eve").await;
    newcomer.join_group(&group, &[]).await;
    block(&dee, &bea).await;

    let report = "mutation($r: ID!) { report(input: { target: { replyId: $r }, reason: SPAM, note: \"\" }) { id } }";
    for reply in [&named, &anonymous] {
        assert!(dee.graphql(report, json!({ "r": reply })).await["errors"].is_null());
    }
    let states: Vec<String> = read(&newcomer, &thread).await["replies"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["VISIBLE", "HIDDEN"], "only the anonymous one is held: her report on it counted");
}

#[tokio::test]
async fn she_cannot_react_to_her_own_anonymous_post() {
    let Circle { app, bea, dee, group, .. } = circle().await;
    let thread = anonymous_thread(&bea, &group, "Asking quietly").await;
    let reply = anonymous_reply(&bea, &thread, "me again").await;
    let react = "mutation($t: ID, $r: ID) { react(input: { threadId: $t, replyId: $r, reaction: HEART }) { reacted } }";
    let on_thread = bea.graphql(react, json!({ "t": thread })).await;
    assert_eq!((error_code(&on_thread), error_field(&on_thread)), ("BAD_USER_INPUT", "threadId"), "{on_thread}");
    let on_reply = bea.graphql(react, json!({ "r": reply })).await;
    assert_eq!((error_code(&on_reply), error_field(&on_reply)), ("BAD_USER_INPUT", "replyId"), "{on_reply}");
    assert_eq!(app.count("reactions").await, 0);
    let others = dee.graphql(react, json!({ "t": thread })).await;
    assert_eq!(others["data"]["react"]["reacted"], true, "others react as to any post: {others}");
}

#[tokio::test]
async fn her_anonymous_posts_stay_as_they_were_when_she_deletes_her_account() {
    let Circle { app, bea, dee, group, .. } = circle().await;
    let anonymous = anonymous_thread(&bea, &group, "Asking quietly").await;
    anonymous_reply(&bea, &anonymous, "and quietly again").await;
    let named = bea.start_thread(&group, "Bea's own", "signed").await;
    let delete = "mutation($p: String!) { deleteAccount(input: { password: $p }) { deleted } }";
    let deleted = bea.graphql(delete, json!({ "p": PASSWORD })).await;
    assert_eq!(deleted["data"]["deleteAccount"]["deleted"], true, "{deleted}");

    let kept = read(&dee, &anonymous).await;
    assert_eq!(kept["title"], "Asking quietly", "erasing it now would tell whose it was: {kept}");
    let reply = &kept["replies"]["edges"][0]["node"];
    assert_eq!((reply["state"].as_str(), reply["body"].as_str()), (Some("VISIBLE"), Some("and quietly again")));
    assert_eq!((kept["author"].clone(), reply["author"].clone()), (Value::Null, Value::Null));
    assert_eq!(read(&dee, &named).await["title"], "(deleted)", "her named thread goes as before");
    drop(app);
}

const LIVE: &str = "subscription($t: ID!, $after: String) { threadUpdates(threadId: $t, after: $after) { kind \
                    reply { body anonymous author { id displayName } } } }";

/// The next reply update on `socket`, with its reply.
async fn next_reply(socket: &mut crate::support::Socket) -> Value {
    loop {
        let message = tokio::time::timeout(WITHIN_A_SECOND * 5, receive(socket)).await.expect("an update arrives");
        let update = &message["payload"]["data"]["threadUpdates"];
        if update["kind"] == "REPLY_POSTED" {
            return update["reply"].clone();
        }
    }
}

#[tokio::test]
async fn live_updates_carry_no_author_of_an_anonymous_reply_but_to_herself_and_moderators() {
    let Circle { app, bea, cat, dee, group, .. } = circle().await;
    let thread = dee.start_thread(&group, "Live", "Talk to me").await;
    dee.post_reply(&thread, "first").await;
    let cursors = "query($t: ID!) { thread(id: $t) { replies { edges { cursor } } } }";
    let after =
        dee.graphql(cursors, json!({ "t": thread })).await["data"]["thread"]["replies"]["edges"][0]["cursor"].clone();
    let mut watchers = Vec::new();
    for member in [&dee, &bea, &cat] {
        let mut socket = acknowledged(&app, member).await;
        let variables = json!({ "t": thread, "after": after });
        let subscribe = json!({ "id": "t", "type": "subscribe", "payload": { "query": LIVE, "variables": variables } });
        send(&mut socket, subscribe).await;
        watchers.push(socket);
    }
    // Each is live once the probe reaches her (replayed from the cursor, or live).
    dee.post_reply(&thread, "probe").await;
    for socket in &mut watchers {
        next_reply(socket).await;
    }

    anonymous_reply(&bea, &thread, "quietly").await;
    let to_dee = next_reply(&mut watchers[0]).await;
    assert_eq!(to_dee, json!({ "body": "quietly", "anonymous": true, "author": null }));
    let to_bea = next_reply(&mut watchers[1]).await;
    assert_eq!(to_bea["author"]["id"], bea.member_id.as_str(), "she sees it is hers: {to_bea}");
    let to_cat = next_reply(&mut watchers[2]).await;
    assert_eq!(to_cat["author"]["id"], bea.member_id.as_str(), "a moderator sees who wrote it: {to_cat}");
}

#[tokio::test]
async fn notifications_pushes_and_emails_say_anonymous_member_and_keep_no_actor() {
    let (app, service) = crate::push_delivery::app_and_service().await;
    let Circle { app, bea, dee, group, .. } = circle_with(app).await;
    let thread = dee.start_thread(&group, "Commute", "How do you manage?").await;
    let opt_in = "mutation { setNotificationPreference(input: { kind: REPLY_TO_MY_THREAD, inApp: true, push: true, email: true }) { kind } }";
    assert!(dee.graphql(opt_in, json!({})).await["errors"].is_null());
    let phone = service.device();
    crate::push_delivery::register(&app, &dee, &phone).await;
    app.jobs_done().await;
    let emails_before = app.smtp.to("dee@example.com").len();

    anonymous_reply(&bea, &thread, "I leave at four").await;

    let [push] = service.wait_for(1, Duration::from_secs(10)).await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(push.payload["body"], "Anonymous member replied to your thread 'Commute'");
    unlinkable(&push.payload.to_string(), &bea, "the push");
    let (_, told) = notifications_of(&app, &dee).await;
    let query = "{ notifications(first: 5) { edges { node { title actor { id } actorAnonymous } } } }";
    let listed = dee.graphql(query, json!({})).await;
    let node = &listed["data"]["notifications"]["edges"][0]["node"];
    assert_eq!(node["title"], "Anonymous member replied to your thread 'Commute'", "{told:?}");
    assert_eq!((node["actor"].clone(), node["actorAnonymous"].clone()), (Value::Null, json!(true)));
    let sql = "SELECT actor_id FROM notifications WHERE kind = 'REPLY_TO_MY_THREAD'";
    let stored: Vec<Option<uuid::Uuid>> =
        village::on_db!(&app.db, pool => sqlx::query_scalar(sql).fetch_all(pool).await).unwrap();
    assert_eq!(stored, [None], "no row keeps who it was");
    app.jobs_done().await;
    let emails = app.smtp.to("dee@example.com");
    assert_eq!(emails.len(), emails_before + 1);
    let email = emails.last().unwrap();
    assert!(email.raw.contains("Anonymous member"), "{}", email.raw);
    unlinkable(&email.raw, &bea, "the email");
}

#[tokio::test]
async fn an_anonymous_author_is_told_of_replies_to_her_post_and_others_exports_never_name_her() {
    let Circle { app, bea, dee, group, .. } = circle().await;
    let thread = anonymous_thread(&bea, &group, "Asking quietly").await;
    dee.post_reply(&thread, "You're not alone").await;
    let (_, hers) = notifications_of(&app, &bea).await;
    assert!(hers.iter().any(|n| n["kind"] == "REPLY_TO_MY_THREAD" && n["threadId"] == thread.as_str()), "{hers:?}");

    let dees = dee.start_thread(&group, "Dee's own", "Ask me anything").await;
    anonymous_reply(&bea, &dees, "Anything?").await;
    notifications_of(&app, &dee).await;
    for member in [&dee, &bea] {
        assert!(member.graphql("mutation { requestDataExport { requested } }", json!({})).await["errors"].is_null());
    }
    app.jobs_done().await;
    let export_of = async |member: &Member, email: &str| {
        let email = app.smtp.to(email).into_iter().find(|email| email.subject().contains("data is ready")).unwrap();
        let path = email.link("/exports/").trim_start_matches(&app.url).to_owned();
        let (status, body) = app.get_as(&path, Some(&member.access_token)).await;
        assert_eq!(status, 200);
        body
    };
    let deas = export_of(&dee, "dee@example.com").await;
    assert!(deas.contains("REPLY_TO_MY_THREAD"), "her notifications are in it: {deas}");
    unlinkable(&deas, &bea, "another member's export");
    let beas = export_of(&bea, "bea@example.com").await;
    assert!(beas.contains("Asking quietly") && beas.contains("Anything?"), "hers are hers: {beas}");
    let beas: Value = serde_json::from_str(&beas).unwrap();
    assert_eq!(beas["threads"][0]["anonymous"], true, "marked anonymous, on both databases: {beas}");
}
