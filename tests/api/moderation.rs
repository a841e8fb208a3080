//! Member safety: reports reach those who moderate what was reported (a group's
//! moderators, or community admins for members and messages), grouped by target and
//! never shown to the member reported; moderators dismiss, warn, remove content, mute or
//! remove her in the group, and admins suspend her (her sockets close, sign-in is
//! refused with the reason); what enough members report is held for review; every act,
//! old and new, is in an append-only log. Sensitive-topic shields keep threads on topics
//! she chose not to see out of her feed, group activity and pushes, and collapsed in
//! lists.

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};

use crate::live_access::{WITHIN_A_SECOND, session_over};
use crate::mailing_list::grant_admin;
use crate::messages::conversation;
use crate::support::{
    Member, TestApp, acknowledged, error_code, error_field, error_reason, notifications_of, receive, send, watch,
};

const REPORT: &str = "mutation($input: ReportInput!) { report(input: $input) { id targetKind status reason note } }";
const QUEUE: &str = "query($f: ModerationQueueFilter) { moderationQueue(filter: $f, first: 20) { edges { node { \
                     targetKind targetId groupId status reportCount subject { id } \
                     reports { id reason note status reporter { id } } } } } }";
const RESOLVE: &str = "mutation($input: ResolveReportInput!) { resolveReport(input: $input) { id status action } }";
const LOG: &str = "query($g: ID) { moderationLog(groupId: $g, first: 50) { edges { node { action targetKind targetId \
                   groupId note until actor { id } subject { id } } } } }";
const MY_REPORTS: &str = "{ myReports(first: 20) { edges { node { id status action targetId reporter { id } } } } }";

async fn report(member: &Member, target: Value, reason: &str) -> Value {
    member.graphql(REPORT, json!({ "input": { "target": target, "reason": reason, "note": "please look" } })).await
}

/// Files a report and answers its id.
async fn reported(member: &Member, target: Value, reason: &str) -> String {
    let answer = report(member, target, reason).await;
    answer["data"]["report"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

async fn queue(member: &Member, filter: Value) -> Vec<Value> {
    let answer = member.graphql(QUEUE, json!({ "f": filter })).await;
    let edges = answer["data"]["moderationQueue"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.into_iter().map(|edge| edge["node"].clone()).collect()
}

async fn resolve(member: &Member, report: &str, action: &str, extra: Value) -> Value {
    let mut input = json!({ "reportId": report, "action": action });
    if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
        input.extend(extra.clone());
    }
    member.graphql(RESOLVE, json!({ "input": input })).await
}

async fn log(member: &Member, group: Option<&str>) -> Vec<Value> {
    let answer = member.graphql(LOG, json!({ "g": group })).await;
    let edges = answer["data"]["moderationLog"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.into_iter().map(|edge| edge["node"].clone()).collect()
}

fn actions(entries: &[Value]) -> Vec<&str> {
    entries.iter().filter_map(|entry| entry["action"].as_str()).collect()
}

async fn my_reports(member: &Member) -> Vec<Value> {
    let answer = member.graphql(MY_REPORTS, json!({})).await;
    let edges = answer["data"]["myReports"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.into_iter().map(|edge| edge["node"].clone()).collect()
}

/// Ana owns a private group with Bea, Cat and Dee in it; Bea wrote a thread and a
/// reply in it. Answers the group, the thread and the reply.
struct Circle {
    app: TestApp,
    ana: Member,
    bea: Member,
    cat: Member,
    dee: Member,
    group: String,
    thread: String,
    reply: String,
}

async fn circle() -> Circle {
    let app = TestApp::spawn().await;
    let (ana, bea, cat, dee) =
        (app.member("ana").await, app.member("bea").await, app.member("cat").await, app.member("dee").await);
    let group = ana.create_group("Returning from leave", "PRIVATE", "INVITE_ONLY").await;
    for member in [&bea, &cat, &dee] {
        ana.bring_in(&group, member).await;
    }
    let thread = bea.start_thread(&group, "Pumping at work", "Where do you all pump?").await;
    let reply = bea.post_reply(&thread, "something hurtful").await;
    Circle { app, ana, bea, cat, dee, group, thread, reply }
}

#[tokio::test]
async fn reports_reach_the_groups_moderators_grouped_by_what_was_reported_and_never_the_member_reported() {
    let Circle { app, ana, bea, cat, dee, reply, .. } = circle().await;
    let first = reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    reported(&dee, json!({ "replyId": reply }), "HATE").await;

    let again = report(&cat, json!({ "replyId": reply }), "SPAM").await;
    assert_eq!((error_code(&again), error_field(&again)), ("CONFLICT", "target"), "{again}");
    let own = report(&bea, json!({ "replyId": reply }), "SPAM").await;
    assert_eq!((error_code(&own), error_field(&own)), ("BAD_USER_INPUT", "target"), "{own}");
    assert_eq!(app.count("reports").await, 2, "neither refusal stored a report");

    let items = queue(&ana, json!({})).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["targetKind"], "REPLY");
    assert_eq!(items[0]["targetId"], reply.as_str());
    assert_eq!(items[0]["reportCount"], 2);
    assert_eq!(items[0]["subject"]["id"], bea.member_id.as_str());
    let reporters: Vec<&str> =
        items[0]["reports"].as_array().unwrap().iter().filter_map(|r| r["reporter"]["id"].as_str()).collect();
    assert_eq!(reporters, [dee.member_id.as_str(), cat.member_id.as_str()], "newest first, moderators see who");
    let hateful = queue(&ana, json!({ "reason": "HATE" })).await;
    assert_eq!(hateful[0]["reportCount"], 1, "{hateful:?}");

    // Bea moderates nothing: her queue is empty, and she files no report to see.
    assert!(queue(&bea, json!({})).await.is_empty());
    assert!(my_reports(&bea).await.is_empty());
    let theirs = my_reports(&cat).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!((theirs[0]["id"].as_str(), theirs[0]["status"].as_str()), (Some(first.as_str()), Some("OPEN")));
}

#[tokio::test]
async fn only_what_she_can_see_can_be_reported() {
    let Circle { app, reply, thread, .. } = circle().await;
    let outsider = app.member("eve").await;
    for target in [json!({ "replyId": reply }), json!({ "threadId": thread })] {
        let answer = report(&outsider, target, "SPAM").await;
        assert_eq!(error_code(&answer), "NOT_FOUND", "{answer}");
    }
    let two = report(&outsider, json!({ "replyId": reply, "threadId": thread }), "SPAM").await;
    assert_eq!((error_code(&two), error_field(&two)), ("BAD_USER_INPUT", "target"), "{two}");
    let long = outsider
        .graphql(REPORT, json!({ "input": { "target": { "memberId": outsider.member_id }, "reason": "OTHER", "note": "x".repeat(1_001) } }))
        .await;
    assert_eq!((error_code(&long), error_field(&long)), ("BAD_USER_INPUT", "note"), "{long}");
    assert_eq!(app.count("reports").await, 0);
}

#[tokio::test]
async fn removing_reported_content_leaves_a_placeholder_closes_every_report_on_it_and_is_logged() {
    let Circle { app, ana, bea, cat, dee, group, thread, reply } = circle().await;
    let on_reply = reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    reported(&dee, json!({ "replyId": reply }), "HARASSMENT").await;
    let on_thread = reported(&cat, json!({ "threadId": thread }), "MEDICAL_MISINFORMATION").await;

    let removed = resolve(&ana, &on_reply, "REMOVE_CONTENT", json!({ "note": "personal attack" })).await;
    assert_eq!(removed["data"]["resolveReport"]["status"], "ACTIONED", "{removed}");
    resolve(&ana, &on_thread, "REMOVE_CONTENT", json!({})).await;

    let read = "query($t: ID!) { thread(id: $t) { title body locked removedByModerator \
                replies(first: 5) { edges { node { state body } } } } }";
    let seen = cat.graphql(read, json!({ "t": thread })).await;
    let seen = &seen["data"]["thread"];
    assert_eq!(seen["title"], "(removed by a moderator)", "{seen}");
    assert_eq!(
        (seen["body"].as_str(), seen["locked"].as_bool(), seen["removedByModerator"].as_bool()),
        (Some(""), Some(true), Some(true))
    );
    assert_eq!(seen["replies"]["edges"][0]["node"]["state"], "REMOVED", "{seen}");

    assert!(queue(&ana, json!({})).await.is_empty(), "nothing open is left");
    assert_eq!(queue(&ana, json!({ "status": "ACTIONED" })).await.len(), 2);
    let dees = my_reports(&dee).await;
    assert_eq!((dees[0]["status"].as_str(), dees[0]["action"].as_str()), (Some("ACTIONED"), Some("REMOVE_CONTENT")));
    let again = resolve(&ana, &on_reply, "DISMISS", json!({})).await;
    assert_eq!(error_code(&again), "CONFLICT", "{again}");

    let entries = log(&ana, Some(&group)).await;
    assert_eq!(actions(&entries), ["REMOVE_THREAD", "REMOVE_REPLY"], "{entries:?}");
    assert_eq!(entries[1]["note"], "personal attack");
    assert_eq!(entries[1]["actor"]["id"], ana.member_id.as_str());
    assert_eq!(entries[1]["subject"]["id"], bea.member_id.as_str());
    drop(app);
}

#[tokio::test]
async fn a_muted_member_cannot_post_in_that_group_until_the_time_even_after_leaving_and_joining_again() {
    let Circle { app, ana, bea, cat, group, thread, reply, .. } = circle().await;
    let id = reported(&cat, json!({ "replyId": reply }), "SPAM").await;
    let past =
        resolve(&ana, &id, "MUTE_IN_GROUP", json!({ "until": (Utc::now() - TimeDelta::hours(1)).to_rfc3339() })).await;
    assert_eq!((error_code(&past), error_field(&past)), ("BAD_USER_INPUT", "until"), "{past}");
    assert_eq!(my_reports(&cat).await[0]["status"], "OPEN", "a refused action leaves the report open");
    assert!(log(&ana, Some(&group)).await.is_empty(), "and logs nothing");

    let until = (Utc::now() + TimeDelta::days(1)).to_rfc3339();
    let muted = resolve(&ana, &id, "MUTE_IN_GROUP", json!({ "until": until, "note": "cool off" })).await;
    assert_eq!(muted["data"]["resolveReport"]["action"], "MUTE_IN_GROUP", "{muted}");

    let replies_before = app.count("replies").await;
    let reply_query = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"again\" }) { id } }";
    let refused = bea.graphql(reply_query, json!({ "t": thread })).await;
    assert_eq!((error_code(&refused), error_reason(&refused)), ("FORBIDDEN", "MUTED"), "{refused}");
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"t\", body: \"b\" }) { id } }";
    let refused = bea.graphql(create, json!({ "g": group })).await;
    assert_eq!((error_code(&refused), error_reason(&refused)), ("FORBIDDEN", "MUTED"), "{refused}");

    let leave = "mutation($g: ID!) { leaveGroup(input: { groupId: $g }) { id } }";
    bea.graphql(leave, json!({ "g": group })).await;
    ana.bring_in(&group, &bea).await;
    let refused = bea.graphql(reply_query, json!({ "t": thread })).await;
    assert_eq!(error_reason(&refused), "MUTED", "{refused}");
    assert_eq!(app.count("replies").await, replies_before);
    let edit = "mutation($r: ID!) { editReply(input: { replyId: $r, body: \"worse\" }) { body } }";
    let refused = bea.graphql(edit, json!({ "r": reply })).await;
    assert_eq!(error_reason(&refused), "MUTED", "{refused}");
    assert_eq!(app.count("replies WHERE body = 'something hurtful'").await, 1, "her reply is as it was");

    // Elsewhere she posts as before.
    let other = bea.create_group("Night owls", "PUBLIC", "OPEN").await;
    bea.start_thread(&other, "Up again", "3 am club").await;
    let entries = log(&ana, Some(&group)).await;
    assert_eq!(actions(&entries), ["MUTE_IN_GROUP"]);
    assert!(entries[0]["until"].is_string(), "{entries:?}");
}

#[tokio::test]
async fn a_moderator_removes_a_reported_member_from_the_group_and_cannot_act_on_reports_about_herself() {
    let Circle { app, ana, bea, cat, group, reply, .. } = circle().await;
    let mods =
        "mutation($g: ID!, $m: ID!) { setMemberRole(input: { groupId: $g, memberId: $m, role: MODERATOR }) { id } }";
    ana.graphql(mods, json!({ "g": group, "m": cat.member_id })).await;
    let id = reported(&app.member("fay").await, json!({ "memberId": bea.member_id }), "OTHER").await;
    assert!(queue(&cat, json!({})).await.is_empty(), "a member report is for admins");
    let hers = resolve(&cat, &id, "DISMISS", json!({})).await;
    assert_eq!(error_code(&hers), "NOT_FOUND", "{hers}");

    let on_reply = reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    let about_cat = cat.start_thread(&group, "Mine", "my words").await;
    let on_cat = reported(&bea, json!({ "threadId": about_cat }), "SPAM").await;
    assert_eq!(queue(&cat, json!({})).await.len(), 1, "the report about her own thread is not in her queue");
    let own = resolve(&cat, &on_cat, "DISMISS", json!({})).await;
    assert_eq!(error_code(&own), "FORBIDDEN", "{own}");

    let owners_thread = ana.start_thread(&group, "House rules", "Be kind").await;
    let on_owner = reported(&bea, json!({ "threadId": owners_thread }), "OTHER").await;
    let buried = resolve(&cat, &on_owner, "DISMISS", json!({})).await;
    assert_eq!(error_code(&buried), "FORBIDDEN", "a moderator does not judge the owner: {buried}");
    assert_eq!(app.count("reports WHERE status = 'OPEN'").await, 4, "nothing was closed");

    let removed = resolve(&cat, &on_reply, "REMOVE_FROM_GROUP", json!({ "note": "repeated" })).await;
    assert_eq!(removed["data"]["resolveReport"]["status"], "ACTIONED", "{removed}");
    let role = "query($g: ID!) { group(id: $g) { viewerRole } }";
    let hers = bea.graphql(role, json!({ "g": group })).await;
    assert!(hers["data"]["group"]["viewerRole"].is_null(), "she is no longer in it: {hers}");
    let entries = log(&ana, Some(&group)).await;
    assert_eq!(actions(&entries), ["REMOVE_FROM_GROUP", "CHANGE_ROLE"], "{entries:?}");
    assert_eq!(entries[1]["note"], "MEMBER -> MODERATOR");
    let hers = log(&cat, Some(&group)).await;
    assert_eq!(actions(&hers), ["REMOVE_FROM_GROUP"], "entries about herself are left out: {hers:?}");
}

#[tokio::test]
async fn only_admins_suspend_and_a_suspended_member_is_signed_out_at_once_and_refused_sign_in_with_the_reason() {
    let Circle { app, ana, bea, cat, reply, .. } = circle().await;
    let id = reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    let until = (Utc::now() + TimeDelta::days(7)).to_rfc3339();
    let by_moderator = resolve(&ana, &id, "SUSPEND", json!({ "until": until, "note": "threats" })).await;
    assert_eq!(error_code(&by_moderator), "FORBIDDEN", "{by_moderator}");
    assert_eq!(my_reports(&cat).await[0]["status"], "OPEN");

    let admin = app.member("gia").await;
    grant_admin(&app, "gia@example.com").await;
    assert_eq!(queue(&admin, json!({})).await.len(), 1, "admins see every queue");
    let reasonless = resolve(&admin, &id, "SUSPEND", json!({ "until": until })).await;
    assert_eq!((error_code(&reasonless), error_field(&reasonless)), ("BAD_USER_INPUT", "note"), "{reasonless}");

    let mut socket = acknowledged(&app, &bea).await;
    let notifications = "subscription { notificationEvents { kind } }";
    send(&mut socket, json!({ "id": "n", "type": "subscribe", "payload": { "query": notifications } })).await;
    let suspended = resolve(&admin, &id, "SUSPEND", json!({ "until": until, "note": "threats against members" })).await;
    assert_eq!(suspended["data"]["resolveReport"]["action"], "SUSPEND", "{suspended}");
    session_over(&mut socket, &["n"], WITHIN_A_SECOND).await;

    let signed_in = app.sign_in("bea@example.com", crate::support::PASSWORD).await;
    assert_eq!((error_code(&signed_in), error_reason(&signed_in)), ("FORBIDDEN", "SUSPENDED"), "{signed_in}");
    let message = signed_in["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("threats against members"), "{message}");
    let refreshed = app.refresh(&bea.refresh_token).await;
    assert_eq!(error_code(&refreshed), "UNAUTHENTICATED", "{refreshed}");
    let entries = log(&admin, None).await;
    assert_eq!(actions(&entries), ["SUSPEND"], "{entries:?}");
}

#[tokio::test]
async fn reports_on_members_and_messages_go_to_admins_who_may_remove_a_message() {
    let Circle { app, ana, bea, cat, .. } = circle().await;
    let chat = conversation(&bea, &[&cat], "you again").await;
    let read = "query($c: ID!) { conversation(id: $c) { messages(first: 5) { edges { node { id body removedByModerator } } } } }";
    let before = cat.graphql(read, json!({ "c": chat })).await;
    let message = before["data"]["conversation"]["messages"]["edges"][0]["node"]["id"].as_str().unwrap().to_owned();
    let on_message = reported(&cat, json!({ "messageId": message }), "HARASSMENT").await;
    reported(&cat, json!({ "memberId": bea.member_id }), "HARASSMENT").await;
    let stranger = report(&app.member("hal").await, json!({ "messageId": message }), "SPAM").await;
    assert_eq!(error_code(&stranger), "NOT_FOUND", "not her conversation: {stranger}");

    assert!(queue(&ana, json!({})).await.is_empty(), "a group owner is not an admin");
    let admin = app.member("gia").await;
    grant_admin(&app, "gia@example.com").await;
    reported(&bea, json!({ "memberId": admin.member_id }), "HARASSMENT").await;
    let items = queue(&admin, json!({})).await;
    let kinds: Vec<&str> = items.iter().filter_map(|item| item["targetKind"].as_str()).collect();
    assert_eq!(kinds, ["MEMBER", "MESSAGE"], "not the report about herself: {items:?}");
    assert!(items.iter().all(|item| item["groupId"].is_null()));

    resolve(&admin, &on_message, "REMOVE_CONTENT", json!({ "note": "abuse" })).await;
    let after = cat.graphql(read, json!({ "c": chat })).await;
    let node = &after["data"]["conversation"]["messages"]["edges"][0]["node"];
    assert_eq!((node["body"].as_str(), node["removedByModerator"].as_bool()), (Some(""), Some(true)), "{after}");
}

#[tokio::test]
async fn the_moderation_log_keeps_every_moderators_act_for_those_who_may_read_it_and_nothing_alters_it() {
    let Circle { app, ana, bea, cat, dee, group, thread, reply } = circle().await;
    let pin = "mutation($t: ID!) { pinThread(input: { threadId: $t, pinned: true }) { id } }";
    ana.graphql(pin, json!({ "t": thread })).await;
    let lock = "mutation($t: ID!) { lockThread(input: { threadId: $t, locked: true }) { id } }";
    ana.graphql(lock, json!({ "t": thread })).await;
    let delete = "mutation($r: ID!) { deleteReply(input: { replyId: $r }) { state } }";
    ana.graphql(delete, json!({ "r": reply })).await;
    ana.graphql(delete, json!({ "r": reply })).await; // again: nothing more to do, nothing more logged
    let remove = "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { id } }";
    ana.graphql(remove, json!({ "g": group, "m": dee.member_id })).await;
    let others = cat.create_group("Cat's circle", "PRIVATE", "INVITE_ONLY").await;
    cat.bring_in(&others, &bea).await;
    let theirs = bea.start_thread(&others, "Hello", "hi").await;
    cat.graphql(pin, json!({ "t": theirs })).await;

    let entries = log(&ana, None).await;
    assert_eq!(actions(&entries), ["REMOVE_FROM_GROUP", "REMOVE_REPLY", "LOCK_THREAD", "PIN_THREAD"], "{entries:?}");
    assert!(entries.iter().all(|entry| entry["groupId"] == group.as_str()), "only her group's: {entries:?}");
    assert_eq!(actions(&log(&cat, None).await), ["PIN_THREAD"]);
    let not_hers = bea.graphql(LOG, json!({ "g": group })).await;
    assert_eq!(error_code(&not_hers), "FORBIDDEN", "{not_hers}");
    assert!(log(&bea, None).await.is_empty());
    let admin = app.member("gia").await;
    grant_admin(&app, "gia@example.com").await;
    assert_eq!(log(&admin, None).await.len(), 5);

    // No operation edits or deletes an entry, and the database refuses to.
    let schema = ana.graphql("{ __schema { mutationType { fields { name } } } }", json!({})).await;
    let mutations = schema["data"]["__schema"]["mutationType"]["fields"].as_array().unwrap();
    let touching_log: Vec<&Value> = mutations
        .iter()
        .filter(|field| field["name"].as_str().unwrap_or_default().to_lowercase().contains("log"))
        .collect();
    assert!(touching_log.is_empty(), "{touching_log:?}");
    let forged = ana.graphql("mutation { deleteModerationLogEntry(id: \"x\") }", json!({})).await;
    assert!(forged["data"].is_null() && !forged["errors"].is_null(), "{forged}");
    for sql in ["UPDATE moderation_log SET note = 'edited'", "DELETE FROM moderation_log"] {
        let refused = village::on_db!(&app.db, pool => sqlx::query(sql).execute(pool).await.map(drop));
        assert!(refused.is_err(), "{sql} was let through");
    }
    assert_eq!(app.count("moderation_log WHERE note = 'edited'").await, 0);
    assert_eq!(app.count("moderation_log").await, 5);
}

#[tokio::test]
async fn reports_are_rate_limited_per_member() {
    let app = TestApp::spawn_with(|settings| settings.reports_per_hour = 2).await;
    let ana = app.member("ana").await;
    let members = [app.member("bea").await, app.member("cat").await, app.member("dee").await];
    for member in &members[..2] {
        reported(&ana, json!({ "memberId": member.member_id }), "SPAM").await;
    }
    let third = report(&ana, json!({ "memberId": members[2].member_id }), "SPAM").await;
    assert_eq!(error_code(&third), "RATE_LIMITED", "{third}");
    assert_eq!(app.count("reports").await, 2);
}

#[tokio::test]
async fn a_report_outlives_its_reporters_account_and_reports_about_a_deleted_member_pass_to_the_placeholder() {
    let Circle { app, ana, bea, cat, dee, reply, thread, .. } = circle().await;
    reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    let on_thread = reported(&dee, json!({ "threadId": thread }), "SPAM").await;
    let delete = "mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) { deleted } }";
    for member in [&cat, &bea] {
        let deleted = member.graphql(delete, json!({ "input": { "password": crate::support::PASSWORD } })).await;
        assert_eq!(deleted["data"]["deleteAccount"]["deleted"], true, "{deleted}");
    }

    let items = queue(&ana, json!({})).await;
    assert_eq!(items.len(), 2, "both still wait: {items:?}");
    let reply_item = items.iter().find(|item| item["targetKind"] == "REPLY").expect("the reply's item");
    assert!(reply_item["reports"][0]["reporter"].is_null(), "her account is gone: {reply_item}");
    let muted =
        resolve(&ana, &on_thread, "MUTE_IN_GROUP", json!({ "until": (Utc::now() + TimeDelta::days(1)).to_rfc3339() }))
            .await;
    assert_eq!(error_code(&muted), "CONFLICT", "nobody left to mute: {muted}");
    assert_eq!(app.count("group_mutes").await, 0);
}

#[tokio::test]
async fn a_warning_tells_her_in_the_moderators_words_without_naming_the_moderator() {
    let Circle { app, ana, bea, cat, group, reply, .. } = circle().await;
    let id = reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    let wordless = resolve(&ana, &id, "WARN", json!({})).await;
    assert_eq!((error_code(&wordless), error_field(&wordless)), ("BAD_USER_INPUT", "note"), "{wordless}");
    assert_eq!(my_reports(&cat).await[0]["status"], "OPEN");

    let warned = resolve(&ana, &id, "WARN", json!({ "note": "Please keep it kind: we all have hard days." })).await;
    assert_eq!(warned["data"]["resolveReport"]["action"], "WARN", "{warned}");
    let (_, notifications) = notifications_of(&app, &bea).await;
    let warning = notifications.iter().find(|n| n["kind"] == "MODERATOR_WARNING").expect("she is told");
    assert_eq!(warning["title"], "A moderator warned you: Please keep it kind: we all have hard days.");
    assert!(warning["actor"].is_null(), "the moderator is not named: {warning}");
    assert_eq!(warning["groupId"], group.as_str());
    let (_, theirs) = notifications_of(&app, &cat).await;
    assert!(theirs.iter().all(|n| n["kind"] != "MODERATOR_WARNING"), "only she is told");
    assert_eq!(actions(&log(&ana, Some(&group)).await), ["WARN"]);

    let off = "mutation { setNotificationPreference(input: { kind: MODERATOR_WARNING, inApp: false, push: false }) { kind } }";
    let refused = bea.graphql(off, json!({})).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "kind"), "{refused}");
    assert_eq!(app.count("notification_preferences").await, 0);
}

#[tokio::test]
async fn a_warning_is_pushed_with_a_generic_line_even_from_a_public_group() {
    let (app, service) = crate::push_delivery::app_and_service().await;
    let (ana, bea, cat) = (app.member("ana").await, app.member("bea").await, app.member("cat").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    bea.join_group(&group, &[]).await;
    cat.join_group(&group, &[]).await;
    let thread = bea.start_thread(&group, "Rant", "words").await;
    let id = reported(&cat, json!({ "threadId": thread }), "HATE").await;
    let phone = service.device();
    crate::push_delivery::register(&app, &bea, &phone).await;

    resolve(&ana, &id, "WARN", json!({ "note": "Name-calling is not okay here" })).await;

    let [push] = service.wait_for(1, Duration::from_secs(10)).await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(push.payload["body"], "A message from the moderators");
    let text = push.payload.to_string();
    assert!(!text.contains("Name-calling") && !text.contains("Ana"), "the lock screen shows nothing of it: {text}");
}

/// How `member` sees the circle's thread and its first reply: the thread's title (or the
/// error code), and the reply's state and body.
async fn seen(member: &Member, thread: &str) -> (String, String, Value) {
    let query = "query($t: ID!) { thread(id: $t) { title heldForReview replies(first: 5) { edges { node { state body heldForReview } } } } }";
    let answer = member.graphql(query, json!({ "t": thread })).await;
    if !answer["errors"].is_null() {
        return (error_code(&answer).to_owned(), String::new(), Value::Null);
    }
    let reply = answer["data"]["thread"]["replies"]["edges"][0]["node"].clone();
    (
        answer["data"]["thread"]["title"].as_str().unwrap_or_default().to_owned(),
        reply["state"].as_str().unwrap_or_default().to_owned(),
        reply,
    )
}

async fn group_titles(member: &Member, group: &str) -> Vec<String> {
    let query = "query($g: ID!) { group(id: $g) { threads(first: 20) { edges { node { title } } } } feed(first: 20) { edges { node { title } } } }";
    let answer = member.graphql(query, json!({ "g": group })).await;
    let titles = |edges: &Value| -> Vec<String> {
        edges
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|edge| edge["node"]["title"].as_str().map(str::to_owned))
            .collect()
    };
    let (listed, fed) =
        (titles(&answer["data"]["group"]["threads"]["edges"]), titles(&answer["data"]["feed"]["edges"]));
    assert_eq!(listed, fed, "the group's list and her feed agree: {answer}");
    listed
}

#[tokio::test]
async fn what_enough_members_report_is_held_from_all_but_its_author_and_moderators_who_are_told() {
    let app = TestApp::spawn_with(|settings| settings.reports_to_hold = 2).await;
    let (ana, bea, cat, dee, eve) = (
        app.member("ana").await,
        app.member("bea").await,
        app.member("cat").await,
        app.member("dee").await,
        app.member("eve").await,
    );
    let group = ana.create_group("Returning from leave", "PRIVATE", "INVITE_ONLY").await;
    for member in [&bea, &cat, &dee, &eve] {
        ana.bring_in(&group, member).await;
    }
    let thread = bea.start_thread(&group, "Pumping at work", "Where do you all pump?").await;
    let reply = bea.post_reply(&thread, "something hurtful").await;

    let on_reply = reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    assert_eq!(seen(&eve, &thread).await.1, "VISIBLE", "one report holds nothing");
    // From the reported reply on, so the probe comes (replayed or live) however soon
    // after subscribing it is posted.
    let cursors = "query($t: ID!) { thread(id: $t) { replies { edges { cursor } } } }";
    let page = eve.graphql(cursors, json!({ "t": thread })).await;
    let after = page["data"]["thread"]["replies"]["edges"][0]["cursor"].as_str().map(str::to_owned);
    let mut live = acknowledged(&app, &eve).await;
    watch(&mut live, "t", &thread, after.as_deref()).await;
    bea.post_reply(&thread, "probe").await;
    let probe = tokio::time::timeout(WITHIN_A_SECOND * 5, receive(&mut live)).await.expect("the probe arrives");
    assert_eq!(probe["payload"]["data"]["threadUpdates"]["reply"]["body"], "probe", "{probe}");
    reported(&dee, json!({ "replyId": reply }), "HARASSMENT").await;
    let update =
        tokio::time::timeout(WITHIN_A_SECOND * 5, receive(&mut live)).await.expect("the hold reaches her live");
    let live_reply = &update["payload"]["data"]["threadUpdates"]["reply"];
    assert_eq!((live_reply["state"].as_str(), live_reply["body"].is_null()), (Some("HIDDEN"), true), "{update}");
    let (_, state, node) = seen(&eve, &thread).await;
    assert_eq!(
        (state.as_str(), node["body"].is_null(), node["heldForReview"].as_bool()),
        ("HIDDEN", true, Some(false)),
        "{node}"
    );
    for insider in [&bea, &ana] {
        let (_, state, node) = seen(insider, &thread).await;
        assert_eq!((state.as_str(), node["heldForReview"].as_bool()), ("VISIBLE", Some(true)), "{node}");
    }
    let (_, told) = notifications_of(&app, &ana).await;
    let held = told.iter().find(|n| n["kind"] == "CONTENT_HELD").expect("the owner is told");
    assert_eq!(
        (held["groupId"].as_str(), held["threadId"].as_str()),
        (Some(group.as_str()), Some(thread.as_str())),
        "{held}"
    );
    let (_, hers) = notifications_of(&app, &bea).await;
    assert!(hers.iter().all(|n| n["kind"] != "CONTENT_HELD"), "the member reported is not told");

    // The thread itself, held: gone for the others, everywhere they look.
    reported(&cat, json!({ "threadId": thread }), "SPAM").await;
    let on_thread = reported(&dee, json!({ "threadId": thread }), "SPAM").await;
    assert_eq!(seen(&eve, &thread).await.0, "NOT_FOUND");
    assert!(group_titles(&eve, &group).await.is_empty());
    assert_eq!(group_titles(&bea, &group).await, ["Pumping at work"], "its author still sees it");
    assert_eq!(group_titles(&ana, &group).await, ["Pumping at work"], "so do its moderators");

    // Dismissed: seen again, and the same reporters cannot hold it again.
    resolve(&ana, &on_thread, "DISMISS", json!({})).await;
    assert_eq!(group_titles(&eve, &group).await, ["Pumping at work"]);
    for member in [&cat, &dee] {
        reported(member, json!({ "threadId": thread }), "SPAM").await;
    }
    assert_eq!(group_titles(&eve, &group).await, ["Pumping at work"], "dismissed reporters do not count again");

    // A member action keeps what she wrote held; only its author and moderators see it.
    resolve(&ana, &on_reply, "WARN", json!({ "note": "Be kind" })).await;
    let (title, state, _) = seen(&eve, &thread).await;
    assert_eq!((title.as_str(), state.as_str()), ("Pumping at work", "HIDDEN"));
    assert_eq!(seen(&ana, &thread).await.1, "VISIBLE");
}

#[tokio::test]
async fn reports_by_members_outside_the_group_or_blocked_with_the_author_do_not_hold_anything() {
    let app = TestApp::spawn_with(|settings| settings.reports_to_hold = 2).await;
    let (ana, bea, cat, eve) =
        (app.member("ana").await, app.member("bea").await, app.member("cat").await, app.member("eve").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat, &eve] {
        member.join_group(&group, &[]).await;
    }
    let thread = bea.start_thread(&group, "My side hustle", "details").await;
    let welcome = ana.start_thread(&group, "Welcome", "Say hi").await;
    let reply = bea.post_reply(&welcome, "DM me").await;
    let outsiders = [app.member("fay").await, app.member("gia").await];
    for outsider in &outsiders {
        reported(outsider, json!({ "threadId": thread }), "SPAM").await;
    }
    assert_eq!(
        group_titles(&eve, &group).await,
        ["Welcome", "My side hustle"],
        "two reports from outside hold nothing"
    );

    // Cat blocked Bea and reports her reply (she may); with an outsider's, still nothing.
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    cat.graphql(block, json!({ "m": bea.member_id })).await;
    reported(&cat, json!({ "replyId": reply }), "HARASSMENT").await;
    reported(&outsiders[0], json!({ "replyId": reply }), "HARASSMENT").await;
    assert_eq!(seen(&eve, &welcome).await.1, "VISIBLE");
    assert_eq!(app.count("reports").await, 4);
}

const SHIELD: &str = "mutation($t: [SensitiveTopic!]!) { setShieldedTopics(input: { topics: $t }) }";
const SENSITIVE: &str = "mutation($g: ID!, $t: String!) { createThread(input: { groupId: $g, title: $t, \
                         body: \"We lost our baby at 12 weeks\", sensitiveTopics: [PREGNANCY_LOSS] }) { id } }";

/// Titles, bodies and `collapsed` of a group's threads as `member` lists them.
async fn listed(member: &Member, group: &str) -> Vec<(String, String, bool)> {
    let query = "query($g: ID!) { group(id: $g) { threads(first: 20) { edges { node { title body collapsed } } } } }";
    let answer = member.graphql(query, json!({ "g": group })).await;
    let edges = answer["data"]["group"]["threads"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges
        .iter()
        .map(|edge| {
            let node = &edge["node"];
            let text = |key: &str| node[key].as_str().unwrap_or_default().to_owned();
            (text("title"), text("body"), node["collapsed"].as_bool().unwrap_or_default())
        })
        .collect()
}

async fn feed_titles(member: &Member) -> Vec<String> {
    let answer = member.graphql("{ feed(first: 20) { edges { node { title } } } }", json!({})).await;
    let edges = answer["data"]["feed"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.iter().filter_map(|edge| edge["node"]["title"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn a_shielded_topic_leaves_her_feed_and_group_activity_and_shows_collapsed_until_she_opens_it() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = (app.member("ana").await, app.member("bea").await, app.member("cat").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat] {
        member.join_group(&group, &[]).await;
    }
    let shielded = bea.graphql(SHIELD, json!({ "t": ["PREGNANCY_LOSS", "FERTILITY", "PREGNANCY_LOSS"] })).await;
    assert_eq!(shielded["data"]["setShieldedTopics"], json!(["PREGNANCY_LOSS", "FERTILITY"]), "{shielded}");
    let mine = bea.graphql("{ shieldedTopics }", json!({})).await;
    assert_eq!(mine["data"]["shieldedTopics"], json!(["PREGNANCY_LOSS", "FERTILITY"]));

    let mut socket = acknowledged(&app, &bea).await;
    crate::realtime::live_group_activity(&app, &mut socket, &ana, &group).await;
    let sensitive = cat.graphql(SENSITIVE, json!({ "g": group, "t": "Our loss" })).await;
    let sensitive = sensitive["data"]["createThread"]["id"].as_str().expect("created").to_owned();
    cat.start_thread(&group, "Daycare waitlists", "How long?").await;
    let next = tokio::time::timeout(WITHIN_A_SECOND * 5, receive(&mut socket)).await.expect("activity arrives");
    assert_eq!(
        next["payload"]["data"]["groupActivity"]["thread"]["title"], "Daycare waitlists",
        "not the shielded one: {next}"
    );

    assert!(!feed_titles(&bea).await.contains(&"Our loss".to_owned()), "out of her feed");
    assert!(feed_titles(&ana).await.contains(&"Our loss".to_owned()), "in the others'");
    let hers = listed(&bea, &group).await;
    assert!(hers.contains(&("Sensitive topic: pregnancy loss".to_owned(), String::new(), true)), "{hers:?}");
    assert!(listed(&ana, &group).await.contains(&(
        "Our loss".to_owned(),
        "We lost our baby at 12 weeks".to_owned(),
        false
    )));
    let in_list = "query($g: ID!) { group(id: $g) { threads(first: 20) { edges { node { collapsed tags \
                   replies(first: 5) { edges { node { body } } } } } } } }";
    cat.post_reply(&sensitive, "Thinking of you all").await;
    let answer = bea.graphql(in_list, json!({ "g": group })).await;
    let edges = answer["data"]["group"]["threads"]["edges"].as_array().cloned().unwrap_or_default();
    let collapsed = edges.iter().find(|edge| edge["node"]["collapsed"] == true).expect("a collapsed thread");
    let shown = (collapsed["node"]["tags"].clone(), collapsed["node"]["replies"]["edges"].clone());
    assert_eq!(shown, (json!([]), json!([])), "{answer}");
    let opened = bea
        .graphql(
            "query($t: ID!) { thread(id: $t) { title body collapsed sensitiveTopics } }",
            json!({ "t": sensitive }),
        )
        .await;
    assert_eq!(
        opened["data"]["thread"],
        json!({ "title": "Our loss", "body": "We lost our baby at 12 weeks", "collapsed": false, "sensitiveTopics": ["PREGNANCY_LOSS"] })
    );

    // Her notifications about it do not name it.
    let reply = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Holding you\" }) { id } }";
    bea.graphql(reply, json!({ "t": sensitive })).await;
    cat.post_reply(&sensitive, "Thank you").await;
    let (_, told) = notifications_of(&app, &bea).await;
    let about = told.iter().find(|n| n["threadId"] == sensitive.as_str()).expect("she is told");
    assert!(!about["title"].as_str().unwrap_or_default().contains("Our loss"), "{about}");
}

#[tokio::test]
async fn a_threads_author_or_a_moderator_sets_its_topics_and_no_one_else() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = (app.member("ana").await, app.member("bea").await, app.member("cat").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat] {
        member.join_group(&group, &[]).await;
    }
    bea.graphql(SHIELD, json!({ "t": ["CHILD_ILLNESS"] })).await;
    let thread = cat.start_thread(&group, "Hospital week", "Our son is in the NICU").await;
    let set = "mutation($t: ID!, $s: [SensitiveTopic!]!) { setThreadSensitiveTopics(input: { threadId: $t, topics: $s }) { sensitiveTopics } }";
    let refused = bea.graphql(set, json!({ "t": thread, "s": ["CHILD_ILLNESS"] })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(feed_titles(&bea).await, ["Hospital week"], "unchanged");

    let by_moderator = ana.graphql(set, json!({ "t": thread, "s": ["CHILD_ILLNESS"] })).await;
    assert_eq!(by_moderator["data"]["setThreadSensitiveTopics"]["sensitiveTopics"], json!(["CHILD_ILLNESS"]));
    assert!(feed_titles(&bea).await.is_empty());
    let by_author = cat.graphql(set, json!({ "t": thread, "s": [] })).await;
    assert_eq!(error_code(&by_author), "FORBIDDEN", "only a moderator takes a topic away: {by_author}");
    let added = cat.graphql(set, json!({ "t": thread, "s": ["CHILD_ILLNESS", "BIRTH_TRAUMA"] })).await;
    assert_eq!(added["data"]["setThreadSensitiveTopics"]["sensitiveTopics"], json!(["BIRTH_TRAUMA", "CHILD_ILLNESS"]));
    let too_many = ana.graphql(set, json!({ "t": thread, "s": vec!["FERTILITY"; 6] })).await;
    assert_eq!((error_code(&too_many), error_field(&too_many)), ("BAD_USER_INPUT", "topics"), "{too_many}");
    let cleared = ana.graphql(set, json!({ "t": thread, "s": [] })).await;
    assert_eq!(cleared["data"]["setThreadSensitiveTopics"]["sensitiveTopics"], json!([]));
    assert_eq!(feed_titles(&bea).await, ["Hospital week"]);
    let entries = log(&ana, Some(&group)).await;
    assert_eq!(actions(&entries), ["SET_THREAD_TOPICS", "SET_THREAD_TOPICS"], "a moderator's changes are logged");
    assert_eq!((entries[0]["note"].as_str(), entries[1]["note"].as_str()), (Some(""), Some("CHILD_ILLNESS")));
}

#[tokio::test]
async fn a_push_about_a_shielded_thread_carries_a_generic_line() {
    let (app, service) = crate::push_delivery::app_and_service().await;
    let (ana, bea, cat) = (app.member("ana").await, app.member("bea").await, app.member("cat").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat] {
        member.join_group(&group, &[]).await;
    }
    let sensitive = cat.graphql(SENSITIVE, json!({ "g": group, "t": "Our loss" })).await;
    let sensitive = sensitive["data"]["createThread"]["id"].as_str().expect("created").to_owned();
    let hers = bea.post_reply(&sensitive, "Holding you").await;
    bea.graphql(SHIELD, json!({ "t": ["PREGNANCY_LOSS"] })).await;
    let phone = service.device();
    crate::push_delivery::register(&app, &bea, &phone).await;

    cat.answer_reply(&sensitive, &hers, "Thank you").await;

    let [push] = service.wait_for(1, Duration::from_secs(10)).await.try_into().unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(push.payload["body"], "Something new on a topic you chose not to see");
    assert!(!push.payload.to_string().contains("Our loss"), "{}", push.payload);
}
