//! Situations many tests start from, and what they read back the same way.

use serde_json::{Value, json};

use super::{Member, TestApp};

/// Ana's group (private when asked) with Bea in it and a thread with one reply; returns
/// the group id, the thread id and the cursor of that reply.
pub async fn thread_with_a_reply(ana: &Member, bea: &Member, visibility: &str) -> (String, String, String) {
    let group = ana.create_group("Moms at Work", visibility, "INVITE_ONLY").await;
    ana.bring_in(&group, bea).await;
    let thread = ana.start_thread(&group, "Live", "Hello").await;
    ana.post_reply(&thread, "first").await;
    let page =
        bea.graphql("query($t: ID!) { thread(id: $t) { replies { edges { cursor } } } }", json!({ "t": thread })).await;
    let cursor = page["data"]["thread"]["replies"]["edges"][0]["cursor"].as_str().unwrap().to_owned();
    (group, thread, cursor)
}

const NOTIFICATIONS: &str = "{ unreadNotificationCount notifications(first: 20) { edges { node { id kind title count read groupId threadId eventId conversationId messageId actor { displayName } } } } }";

/// Her unread count and her notifications, newest first, once the jobs before are done.
pub async fn notifications_of(app: &TestApp, member: &Member) -> (i64, Vec<Value>) {
    app.jobs_done().await;
    let answer = member.graphql(NOTIFICATIONS, json!({})).await;
    let edges = answer["data"]["notifications"]["edges"].as_array().cloned().unwrap_or_default();
    let count = answer["data"]["unreadNotificationCount"].as_i64().expect("a count");
    (count, edges.into_iter().map(|edge| edge["node"].clone()).collect())
}
