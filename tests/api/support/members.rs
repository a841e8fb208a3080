//! Named test members: `app.member("ana")` signs up Ana (ana@example.com) and hands back
//! her tokens with her own way to the server, so a test reads as what she does —
//! `ana.post_reply(&thread, "Same here")`. A `Member` is also her [`Session`].

use std::ops::Deref;

use serde_json::{Value, json};

use super::Session;

/// A signed-up member of a test server, who acts through its API as herself.
#[derive(Debug, Clone)]
pub struct Member {
    session: Session,
    url: String,
    http: reqwest::Client,
}

impl Deref for Member {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

/// The id at `path` in a GraphQL answer, or a failed test that shows the answer.
fn id_at(answer: &Value, path: &[&str]) -> String {
    let id = path.iter().fold(answer, |value, key| &value[*key]);
    id.as_str().unwrap_or_else(|| panic!("no {} in {answer}", path.join("."))).to_owned()
}

impl Member {
    pub(super) fn new(session: Session, url: &str, http: &reqwest::Client) -> Self {
        Self { session, url: url.to_owned(), http: http.clone() }
    }

    /// The same member, talking to the instance at `url`.
    pub fn on(self, url: &str) -> Self {
        Self { url: url.to_owned(), ..self }
    }

    /// Runs one GraphQL operation as her.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        super::post_graphql(&self.http, &self.url, body, Some(&self.access_token)).await.1
    }

    /// Creates a group; returns its id.
    pub async fn create_group(&self, name: &str, visibility: &str, join_policy: &str) -> String {
        let query = "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }";
        let input = json!({ "input": { "name": name, "visibility": visibility, "joinPolicy": join_policy } });
        id_at(&self.graphql(query, input).await, &["data", "createGroup", "id"])
    }

    /// `joinGroup`; returns the whole answer.
    pub async fn join_group(&self, group: &str, answers: &[&str]) -> Value {
        let query = "mutation($input: JoinGroupInput!) { joinGroup(input: $input) { joined group { memberCount viewerRole } joinRequest { id status answers } } }";
        self.graphql(query, json!({ "input": { "groupId": group, "answers": answers } })).await
    }

    /// Invites `member` to `group` and has her join it (she moderates it).
    pub async fn bring_in(&self, group: &str, member: &Member) {
        let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
        self.graphql(invite, json!({ "g": group, "m": member.member_id })).await;
        member.join_group(group, &[]).await;
    }

    /// Starts a thread in `group`; returns its id.
    pub async fn start_thread(&self, group: &str, title: &str, body: &str) -> String {
        let query = "mutation($g: ID!, $t: String!, $b: String!) { createThread(input: { groupId: $g, title: $t, body: $b }) { id } }";
        id_at(&self.graphql(query, json!({ "g": group, "t": title, "b": body })).await, &["data", "createThread", "id"])
    }

    /// Replies in `thread`; returns the reply's id.
    pub async fn post_reply(&self, thread: &str, body: &str) -> String {
        self.reply(thread, body, None).await
    }

    /// Answers reply `parent` in `thread`; returns the answer's id.
    pub async fn answer_reply(&self, thread: &str, parent: &str, body: &str) -> String {
        self.reply(thread, body, Some(parent)).await
    }

    async fn reply(&self, thread: &str, body: &str, parent: Option<&str>) -> String {
        let query = "mutation($t: ID!, $b: String!, $p: ID) { postReply(input: { threadId: $t, body: $b, parentReplyId: $p }) { id } }";
        id_at(&self.graphql(query, json!({ "t": thread, "b": body, "p": parent })).await, &["data", "postReply", "id"])
    }
}
