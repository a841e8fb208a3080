//! Threads and replies: posting, nesting, editing, deleting, pinning, locking, reactions,
//! mentions, follows, blocking and privacy — with refusals that change nothing.

use serde_json::{Value, json};

use crate::support::{Member, TestApp, error_code, error_field};

const THREAD_FIELDS: &str =
    "id title body tags pinned locked replyCount viewerFollows viewerCanReply author { displayName }";

struct Community {
    app: TestApp,
    ana: Member,
    bea: Member,
    cat: Member,
    group: String,
}

/// Ana owns a public open group that Bea joined; Cat is signed up but not a member.
async fn community(visibility: &str) -> Community {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let bea = app.member("bea").await;
    let cat = app.member("cat").await;
    let group = ana.create_group("Moms at Work", visibility, "OPEN").await;
    if visibility == "PUBLIC" {
        bea.join_group(&group, &[]).await;
    } else {
        let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
        app.graphql(invite, json!({ "g": group, "m": bea.member_id }), Some(&ana.access_token)).await;
        bea.join_group(&group, &[]).await;
    }
    Community { app, ana, bea, cat, group }
}

impl Community {
    async fn create_thread(&self, token: &str, title: &str, body: &str) -> Value {
        let query =
            format!("mutation($input: CreateThreadInput!) {{ createThread(input: $input) {{ {THREAD_FIELDS} }} }}");
        let input = json!({ "input": { "groupId": self.group, "title": title, "body": body, "tags": ["work"] } });
        self.app.graphql(&query, input, Some(token)).await
    }

    async fn thread_id(&self, token: &str, title: &str) -> String {
        let answer = self.create_thread(token, title, "First post").await;
        answer["data"]["createThread"]["id"].as_str().unwrap_or_else(|| panic!("thread created: {answer}")).to_owned()
    }

    async fn reply(&self, token: &str, thread: &str, body: &str, parent: Option<&str>) -> Value {
        let query =
            "mutation($input: PostReplyInput!) { postReply(input: $input) { id state body author { displayName } } }";
        let input = json!({ "input": { "threadId": thread, "body": body, "parentReplyId": parent } });
        self.app.graphql(query, input, Some(token)).await
    }

    async fn reply_id(&self, token: &str, thread: &str, body: &str) -> String {
        let answer = self.reply(token, thread, body, None).await;
        answer["data"]["postReply"]["id"].as_str().unwrap_or_else(|| panic!("reply posted: {answer}")).to_owned()
    }

    async fn replies(&self, token: &str, thread: &str) -> Value {
        let query = "query($id: ID!) { thread(id: $id) { replyCount replies(first: 50) { edges { node { id state body author { displayName } reactions { reaction count reactedByMe } } } } } }";
        self.app.graphql(query, json!({ "id": thread }), Some(token)).await
    }
}

fn edges(answer: &Value, path: &[&str]) -> Vec<Value> {
    let mut node = answer;
    for key in path {
        node = &node[*key];
    }
    node["edges"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_thread_with_replies_reads_in_order_with_authors_and_shows_in_the_feed() {
    let c = community("PUBLIC").await;
    let created = c.create_thread(&c.ana.access_token, "Pumping at work", "Where do you pump?").await;
    let thread = &created["data"]["createThread"];
    assert_eq!(thread["viewerFollows"], true, "{created}");
    assert_eq!(thread["viewerCanReply"], true);
    let id = thread["id"].as_str().unwrap().to_owned();

    c.reply_id(&c.bea.access_token, &id, "In a meeting room with a sign").await;
    c.reply_id(&c.ana.access_token, &id, "Thanks!").await;
    // The count and the feed's order follow the replies' jobs.
    c.app.jobs_done().await;

    let read = c.replies(&c.bea.access_token, &id).await;
    assert_eq!(read["data"]["thread"]["replyCount"], 2, "{read}");
    let bodies: Vec<String> = edges(&read, &["data", "thread", "replies"])
        .iter()
        .map(|e| e["node"]["body"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(bodies, ["In a meeting room with a sign", "Thanks!"]);
    let feed =
        c.app.graphql("{ feed { edges { node { title replyCount } } } }", json!({}), Some(&c.bea.access_token)).await;
    assert_eq!(feed["data"]["feed"]["edges"][0]["node"]["title"], "Pumping at work", "{feed}");
    let listed = c
        .app
        .graphql(
            "query($g: ID!) { group(id: $g) { threads(orderBy: NEWEST) { edges { node { title } } } } }",
            json!({ "g": c.group }),
            Some(&c.cat.access_token),
        )
        .await;
    assert_eq!(
        listed["data"]["group"]["threads"]["edges"][0]["node"]["title"], "Pumping at work",
        "public groups are readable"
    );
}

#[tokio::test]
async fn create_thread_refuses_bad_input_and_non_members_and_changes_nothing() {
    let c = community("PUBLIC").await;
    let query = "mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }";
    let cases = [
        (json!({ "title": "  ", "body": "b" }), "title"),
        (json!({ "title": "t".repeat(201), "body": "b" }), "title"),
        (json!({ "title": "t", "body": "" }), "body"),
        (json!({ "title": "t", "body": "b".repeat(20_001) }), "body"),
        (json!({ "title": "t", "body": "b", "tags": vec!["x"; 11] }), "tags"),
    ];
    for (mut input, field) in cases {
        input["groupId"] = json!(c.group);
        let answer = c.app.graphql(query, json!({ "input": input }), Some(&c.ana.access_token)).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", field), "{answer}");
    }
    let outsider = c.create_thread(&c.cat.access_token, "Hello", "I am not a member").await;
    assert_eq!(error_code(&outsider), "FORBIDDEN");
    assert_eq!(c.app.count("threads").await, 0);
}

#[tokio::test]
async fn a_private_groups_threads_are_not_found_for_outsiders_and_removed_members() {
    let c = community("PRIVATE").await;
    let thread = c.thread_id(&c.ana.access_token, "Returning after leave").await;
    let read = "query($id: ID!) { thread(id: $id) { title } }";

    assert_eq!(error_code(&c.app.graphql(read, json!({ "id": thread }), Some(&c.cat.access_token)).await), "NOT_FOUND");
    assert_eq!(error_code(&c.reply(&c.cat.access_token, &thread, "hi", None).await), "NOT_FOUND");
    let threads = "query($g: ID!) { group(id: $g) { threads { edges { node { id } } } } }";
    assert_eq!(
        error_code(&c.app.graphql(threads, json!({ "g": c.group }), Some(&c.cat.access_token)).await),
        "NOT_FOUND"
    );
    let feed = c.app.graphql("{ feed { edges { node { id } } } }", json!({}), Some(&c.cat.access_token)).await;
    assert_eq!(feed["data"]["feed"]["edges"], json!([]));

    let remove = "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { id } }";
    c.app.graphql(remove, json!({ "g": c.group, "m": c.bea.member_id }), Some(&c.ana.access_token)).await;
    assert_eq!(error_code(&c.app.graphql(read, json!({ "id": thread }), Some(&c.bea.access_token)).await), "NOT_FOUND");
    assert_eq!(c.app.count("replies").await, 0);
}

#[tokio::test]
async fn a_reply_count_follows_the_replies_and_heals_after_a_count_was_missed() {
    let c = community("PUBLIC").await;
    let created = c.create_thread(&c.ana.access_token, "Pumping at work", "Where do you pump?").await;
    let id = created["data"]["createThread"]["id"].as_str().expect("a thread").to_owned();
    c.reply_id(&c.bea.access_token, &id, "In a meeting room").await;
    c.app.jobs_done().await;
    // As if the count's job had been set aside: the stored count fell behind.
    let behind = "UPDATE threads SET reply_count = 0";
    village::on_db!(&c.app.db, pool => sqlx::query(behind).execute(pool).await.map(drop)).expect("count set back");

    c.reply_id(&c.ana.access_token, &id, "Thanks!").await;
    c.app.jobs_done().await;

    let read = c.replies(&c.bea.access_token, &id).await;
    assert_eq!(read["data"]["thread"]["replyCount"], 2, "the next reply's count is made afresh: {read}");
}

#[tokio::test]
async fn a_locked_thread_takes_no_replies_and_only_moderators_lock_or_pin() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Sick days").await;
    let lock = "mutation($id: ID!) { lockThread(input: { threadId: $id }) { locked viewerCanReply } }";
    let pin = "mutation($id: ID!) { pinThread(input: { threadId: $id }) { pinned } }";

    assert_eq!(error_code(&c.app.graphql(lock, json!({ "id": thread }), Some(&c.bea.access_token)).await), "FORBIDDEN");
    assert_eq!(error_code(&c.app.graphql(pin, json!({ "id": thread }), Some(&c.bea.access_token)).await), "FORBIDDEN");
    let locked = c.app.graphql(lock, json!({ "id": thread }), Some(&c.ana.access_token)).await;
    assert_eq!(locked["data"]["lockThread"]["locked"], true, "{locked}");
    assert_eq!(locked["data"]["lockThread"]["viewerCanReply"], false);

    assert_eq!(error_code(&c.reply(&c.bea.access_token, &thread, "Can I still reply?", None).await), "FORBIDDEN");
    assert_eq!(c.app.count("replies").await, 0);

    assert_eq!(
        c.app.graphql(pin, json!({ "id": thread }), Some(&c.ana.access_token)).await["data"]["pinThread"]["pinned"],
        true
    );
    let pinned = c
        .app
        .graphql(
            "query($g: ID!) { group(id: $g) { pinnedThreads { id } } }",
            json!({ "g": c.group }),
            Some(&c.bea.access_token),
        )
        .await;
    assert_eq!(pinned["data"]["group"]["pinnedThreads"][0]["id"], thread.as_str(), "{pinned}");
}

#[tokio::test]
async fn replies_nest_one_level_within_their_own_thread() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Childcare").await;
    let other = c.thread_id(&c.ana.access_token, "Other").await;
    let top = c.reply_id(&c.bea.access_token, &thread, "Top level").await;
    let nested = c.reply(&c.ana.access_token, &thread, "Nested", Some(&top)).await;
    let nested_id = nested["data"]["postReply"]["id"].as_str().expect("nested reply").to_owned();

    let too_deep = c.reply(&c.bea.access_token, &thread, "Too deep", Some(&nested_id)).await;
    assert_eq!((error_code(&too_deep), error_field(&too_deep)), ("BAD_USER_INPUT", "parentReplyId"), "{too_deep}");
    let elsewhere = c.reply(&c.bea.access_token, &other, "Wrong thread", Some(&top)).await;
    assert_eq!(error_field(&elsewhere), "parentReplyId");
    assert_eq!(c.app.count("replies").await, 2);
}

#[tokio::test]
async fn authors_edit_and_delete_their_replies_and_moderators_remove_any() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Ambition").await;
    let bea_reply = c.reply_id(&c.bea.access_token, &thread, "Original").await;
    let second = c.reply_id(&c.bea.access_token, &thread, "Second").await;
    let edit = "mutation($id: ID!, $b: String!) { editReply(input: { replyId: $id, body: $b }) { body editedAt } }";
    let delete = "mutation($id: ID!) { deleteReply(input: { replyId: $id }) { state body author { displayName } } }";

    let not_hers = c.app.graphql(edit, json!({ "id": bea_reply, "b": "Hijacked" }), Some(&c.ana.access_token)).await;
    assert_eq!(error_code(&not_hers), "FORBIDDEN");
    let blank = c.app.graphql(edit, json!({ "id": bea_reply, "b": " " }), Some(&c.bea.access_token)).await;
    assert_eq!(error_field(&blank), "body");
    let edited = c.app.graphql(edit, json!({ "id": bea_reply, "b": "Edited" }), Some(&c.bea.access_token)).await;
    assert_eq!(edited["data"]["editReply"]["body"], "Edited", "{edited}");
    assert!(edited["data"]["editReply"]["editedAt"].is_string());

    let outsider = c.app.graphql(delete, json!({ "id": bea_reply }), Some(&c.cat.access_token)).await;
    assert_eq!(error_code(&outsider), "FORBIDDEN");
    let deleted = c.app.graphql(delete, json!({ "id": bea_reply }), Some(&c.bea.access_token)).await;
    assert_eq!(
        deleted["data"]["deleteReply"],
        json!({ "state": "DELETED", "body": null, "author": null }),
        "{deleted}"
    );
    let removed = c.app.graphql(delete, json!({ "id": second }), Some(&c.ana.access_token)).await;
    assert_eq!(removed["data"]["deleteReply"]["state"], "REMOVED", "{removed}");

    let read = c.replies(&c.bea.access_token, &thread).await;
    let states: Vec<String> = edges(&read, &["data", "thread", "replies"])
        .iter()
        .map(|e| e["node"]["state"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(states, ["DELETED", "REMOVED"], "deleted replies keep their place");
}

#[tokio::test]
async fn a_reaction_sent_again_with_its_key_is_not_taken_back() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Wins this week").await;
    let reply = c.reply_id(&c.ana.access_token, &thread, "I got promoted!").await;
    let react = "mutation($id: ID!, $key: String) { react(input: { replyId: $id, reaction: HUG, clientMutationId: $key }) { reacted reactions { count } } }";
    let keyed = json!({ "id": reply, "key": "hug-1" });

    let first = c.app.graphql(react, keyed.clone(), Some(&c.bea.access_token)).await;
    let replayed = c.app.graphql(react, keyed, Some(&c.bea.access_token)).await;

    assert_eq!(first["data"]["react"], json!({ "reacted": true, "reactions": [{ "count": 1 }] }), "{first}");
    assert_eq!(replayed["data"]["react"], first["data"]["react"], "the replay answers as the first did: {replayed}");
    let again = c.app.graphql(react, json!({ "id": reply, "key": "hug-2" }), Some(&c.bea.access_token)).await;
    assert_eq!(again["data"]["react"]["reacted"], false, "a new key takes it back: {again}");

    let delete = "mutation($id: ID!) { deleteReply(input: { replyId: $id }) { state } }";
    c.app.graphql(delete, json!({ "id": reply }), Some(&c.ana.access_token)).await;
    let late = c.app.graphql(react, json!({ "id": reply, "key": "hug-2" }), Some(&c.bea.access_token)).await;
    assert!(late["errors"].is_null(), "a late retry on a reply deleted since still succeeds: {late}");
    let fresh = c.app.graphql(react, json!({ "id": reply, "key": "hug-3" }), Some(&c.bea.access_token)).await;
    assert_eq!(error_code(&fresh), "NOT_FOUND", "a new reaction to it is refused");
}

#[tokio::test]
async fn a_reaction_with_an_unusable_key_is_refused_and_changes_nothing() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Wins this week").await;
    let receipts = c.app.count("mutation_receipts").await;
    let react = "mutation($t: ID!, $key: String) { react(input: { threadId: $t, reaction: HUG, clientMutationId: $key }) { reacted } }";
    for key in [String::new(), "k".repeat(129), "line\nbreak".to_owned()] {
        let refused = c.app.graphql(react, json!({ "t": thread, "key": key }), Some(&c.bea.access_token)).await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
        assert_eq!(error_field(&refused), "clientMutationId");
    }
    assert_eq!(c.app.count("reactions").await, 0);
    assert_eq!(c.app.count("mutation_receipts").await, receipts);
}

#[tokio::test]
async fn reactions_toggle_once_per_member_and_reaction() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Wins this week").await;
    let reply = c.reply_id(&c.ana.access_token, &thread, "I got promoted!").await;
    let react = "mutation($id: ID!, $r: Reaction!) { react(input: { replyId: $id, reaction: $r }) { reacted reactions { reaction count reactedByMe } } }";

    let first = c.app.graphql(react, json!({ "id": reply, "r": "CELEBRATE" }), Some(&c.bea.access_token)).await;
    assert_eq!(first["data"]["react"]["reacted"], true, "{first}");
    c.app.graphql(react, json!({ "id": reply, "r": "CELEBRATE" }), Some(&c.ana.access_token)).await;
    let read = c.replies(&c.bea.access_token, &thread).await;
    let reactions = &edges(&read, &["data", "thread", "replies"])[0]["node"]["reactions"];
    assert_eq!(reactions, &json!([{ "reaction": "CELEBRATE", "count": 2, "reactedByMe": true }]), "{read}");

    let undone = c.app.graphql(react, json!({ "id": reply, "r": "CELEBRATE" }), Some(&c.bea.access_token)).await;
    assert_eq!(undone["data"]["react"]["reacted"], false);
    assert_eq!(
        undone["data"]["react"]["reactions"],
        json!([{ "reaction": "CELEBRATE", "count": 1, "reactedByMe": false }])
    );

    let both =
        "mutation($t: ID!, $r: ID!) { react(input: { threadId: $t, replyId: $r, reaction: HEART }) { reacted } }";
    let ambiguous = c.app.graphql(both, json!({ "t": thread, "r": reply }), Some(&c.bea.access_token)).await;
    assert_eq!(error_code(&ambiguous), "BAD_USER_INPUT");
    let outsider = c.app.graphql(react, json!({ "id": reply, "r": "HUG" }), Some(&c.cat.access_token)).await;
    assert_eq!(error_code(&outsider), "FORBIDDEN");
    assert_eq!(c.app.count("reactions").await, 1);
}

#[tokio::test]
async fn mentions_are_recorded_for_known_handles_except_across_blocks() {
    let c = community("PUBLIC").await;
    let handle = "mutation($h: String!) { updateProfile(input: { handle: $h }) { handle } }";
    assert_eq!(
        c.app.graphql(handle, json!({ "h": "Bea_B" }), Some(&c.bea.access_token)).await["data"]["updateProfile"]["handle"],
        "bea_b"
    );
    c.app.graphql(handle, json!({ "h": "cat" }), Some(&c.cat.access_token)).await;
    let taken = c.app.graphql(handle, json!({ "h": "CAT" }), Some(&c.ana.access_token)).await;
    assert_eq!((error_code(&taken), error_field(&taken)), ("CONFLICT", "handle"), "{taken}");
    let thread = c.thread_id(&c.ana.access_token, "Mentors").await;

    c.reply_id(&c.ana.access_token, &thread, "@bea_b and @cat, and @nobody, what do you think?").await;
    assert_eq!(c.app.count("mentions").await, 2);

    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    c.app.graphql(block, json!({ "m": c.ana.member_id }), Some(&c.cat.access_token)).await;
    c.reply_id(&c.ana.access_token, &thread, "@cat again").await;
    assert_eq!(c.app.count("mentions").await, 2, "a blocked member cannot mention her blocker");
}

#[tokio::test]
async fn a_blocked_members_content_is_hidden_from_the_blocker_with_placeholders() {
    let c = community("PUBLIC").await;
    let anas_thread = c.thread_id(&c.ana.access_token, "Ana's thread").await;
    let beas_thread = c.thread_id(&c.bea.access_token, "Bea's thread").await;
    let anas_reply = c.reply_id(&c.ana.access_token, &beas_thread, "Ana replies").await;
    c.reply_id(&c.bea.access_token, &beas_thread, "Bea replies").await;
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    c.app.graphql(block, json!({ "m": c.ana.member_id }), Some(&c.bea.access_token)).await;

    let read = c.replies(&c.bea.access_token, &beas_thread).await;
    let nodes: Vec<Value> =
        edges(&read, &["data", "thread", "replies"]).into_iter().map(|e| e["node"].clone()).collect();
    assert_eq!(nodes[0]["state"], "HIDDEN", "{read}");
    assert_eq!((nodes[0]["body"].clone(), nodes[0]["author"].clone()), (Value::Null, Value::Null));
    assert_eq!(nodes[1]["body"], "Bea replies");

    let thread = c
        .app
        .graphql("query($id: ID!) { thread(id: $id) { id } }", json!({ "id": anas_thread }), Some(&c.bea.access_token))
        .await;
    assert_eq!(error_code(&thread), "NOT_FOUND");
    let feed = c.app.graphql("{ feed { edges { node { title } } } }", json!({}), Some(&c.bea.access_token)).await;
    assert_eq!(feed["data"]["feed"]["edges"], json!([{ "node": { "title": "Bea's thread" } }]), "{feed}");

    let answer_blocked = c.reply(&c.bea.access_token, &beas_thread, "To Ana", Some(&anas_reply)).await;
    assert_eq!(error_code(&answer_blocked), "FORBIDDEN", "{answer_blocked}");
    let beas_reply = edges(&read, &["data", "thread", "replies"])[1]["node"]["id"].as_str().unwrap().to_owned();
    let to_bea = c.reply(&c.ana.access_token, &beas_thread, "To Bea", Some(&beas_reply)).await;
    assert_eq!(error_code(&to_bea), "NOT_FOUND", "the blocked one no longer sees the blocker's thread");
    assert_eq!(c.app.count("replies").await, 2);

    c.app
        .graphql(
            "mutation($m: ID!) { unblockMember(input: { memberId: $m }) { id } }",
            json!({ "m": c.ana.member_id }),
            Some(&c.bea.access_token),
        )
        .await;
    let visible = c.replies(&c.bea.access_token, &beas_thread).await;
    assert_eq!(edges(&visible, &["data", "thread", "replies"])[0]["node"]["body"], "Ana replies");
}

#[tokio::test]
async fn a_block_holds_both_ways_and_the_blocker_renders_as_a_placeholder() {
    let c = community("PUBLIC").await;
    let anas_thread = c.thread_id(&c.ana.access_token, "Ana's thread").await;
    let anas_reply = c.reply_id(&c.ana.access_token, &anas_thread, "Ana replies").await;
    let beas_thread = c.thread_id(&c.bea.access_token, "Bea's thread").await;
    c.reply_id(&c.ana.access_token, &beas_thread, "Ana answers Bea").await;
    let react = "mutation($t: ID, $r: ID) { react(input: { threadId: $t, replyId: $r, reaction: HUG }) { reacted } }";
    c.cat.join_group(&c.group, &[]).await;
    c.app.graphql(react, json!({ "t": anas_thread }), Some(&c.bea.access_token)).await;
    c.app.graphql(react, json!({ "t": anas_thread }), Some(&c.cat.access_token)).await;
    c.app
        .graphql("mutation { updateProfile(input: { handle: \"ana\" }) { id } }", json!({}), Some(&c.ana.access_token))
        .await;
    // Ana blocks Bea: from now on, Bea is the one blocked.
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { displayName } }";
    let blocked = c.app.graphql(block, json!({ "m": c.bea.member_id }), Some(&c.ana.access_token)).await;
    assert_eq!(blocked["data"]["blockMember"]["displayName"], "Unavailable member", "{blocked}");
    let (replies, mentions) = (c.app.count("replies").await, c.app.count("mentions").await);

    let to_her_thread = c.reply(&c.bea.access_token, &anas_thread, "Still here", None).await;
    assert_eq!(error_code(&to_her_thread), "NOT_FOUND", "{to_her_thread}");
    let on_her_reply = c.app.graphql(react, json!({ "r": anas_reply }), Some(&c.bea.access_token)).await;
    assert_eq!(error_code(&on_her_reply), "NOT_FOUND", "{on_her_reply}");
    let on_her_thread = c.app.graphql(react, json!({ "t": anas_thread }), Some(&c.bea.access_token)).await;
    assert_eq!(error_code(&on_her_thread), "NOT_FOUND", "{on_her_thread}");
    c.reply_id(&c.bea.access_token, &beas_thread, "@ana look").await;
    assert_eq!((c.app.count("replies").await, c.app.count("mentions").await), (replies + 1, mentions));

    let read = c.replies(&c.bea.access_token, &beas_thread).await;
    let first = &edges(&read, &["data", "thread", "replies"])[0]["node"];
    assert_eq!((first["state"].clone(), first["author"].clone()), (json!("HIDDEN"), Value::Null), "{read}");
    let counts = "query($t: ID!) { thread(id: $t) { reactions { reaction count } } }";
    let seen_by_ana = c.app.graphql(counts, json!({ "t": anas_thread }), Some(&c.ana.access_token)).await;
    assert_eq!(
        seen_by_ana["data"]["thread"]["reactions"],
        json!([{ "reaction": "HUG", "count": 1 }]),
        "Bea's hug is not counted for her"
    );
    let member = c
        .app
        .graphql("query($m: ID!) { member(id: $m) { id } }", json!({ "m": c.ana.member_id }), Some(&c.bea.access_token))
        .await;
    assert_eq!(error_code(&member), "NOT_FOUND");
}

#[tokio::test]
async fn a_retried_reply_with_the_same_client_mutation_id_is_posted_once() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Flaky networks").await;
    let query = "mutation($input: PostReplyInput!) { postReply(input: $input) { id } }";
    let input =
        json!({ "input": { "threadId": thread, "body": "Sent from the train", "clientMutationId": "reply-1" } });

    let first = c.app.graphql(query, input.clone(), Some(&c.bea.access_token)).await;
    let retry = c.app.graphql(query, input, Some(&c.bea.access_token)).await;

    assert_eq!(first["data"]["postReply"]["id"], retry["data"]["postReply"]["id"], "{first} {retry}");
    assert_eq!(c.app.count("replies").await, 1);
}

#[tokio::test]
async fn members_follow_and_unfollow_threads_and_repliers_follow_automatically() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Negotiating flexible hours").await;
    let follows = "query($id: ID!) { thread(id: $id) { viewerFollows } }";
    assert_eq!(
        c.app.graphql(follows, json!({ "id": thread }), Some(&c.bea.access_token)).await["data"]["thread"]["viewerFollows"],
        false
    );

    c.reply_id(&c.bea.access_token, &thread, "Following!").await;
    assert_eq!(
        c.app.graphql(follows, json!({ "id": thread }), Some(&c.bea.access_token)).await["data"]["thread"]["viewerFollows"],
        true
    );

    let unfollow = "mutation($id: ID!) { unfollowThread(input: { threadId: $id }) { viewerFollows } }";
    assert_eq!(
        c.app.graphql(unfollow, json!({ "id": thread }), Some(&c.bea.access_token)).await["data"]["unfollowThread"]["viewerFollows"],
        false
    );
    let follow = "mutation($id: ID!) { followThread(input: { threadId: $id }) { viewerFollows } }";
    assert_eq!(
        c.app.graphql(follow, json!({ "id": thread }), Some(&c.cat.access_token)).await["data"]["followThread"]["viewerFollows"],
        true
    );
}

#[tokio::test]
async fn a_page_of_replies_with_authors_and_reactions_costs_the_same_few_statements_at_any_size() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Busy thread").await;
    let mut authors = vec![c.ana.clone(), c.bea.clone()];
    for n in 0..3 {
        let member = c.app.sign_up(&format!("m{n}@example.com"), &format!("Member {n}")).await;
        member.join_group(&c.group, &[]).await;
        authors.push(member);
    }
    let react = "mutation($id: ID!) { react(input: { replyId: $id, reaction: HUG }) { reacted } }";
    for n in 0..50 {
        let author = &authors[n % authors.len()];
        let reply = c.reply_id(&author.access_token, &thread, &format!("Reply {n}")).await;
        c.app.graphql(react, json!({ "id": reply }), Some(&authors[(n + 1) % authors.len()].access_token)).await;
    }
    // The worker's notification jobs for those replies are not to share the CPU with
    // the measured requests.
    c.app.jobs_done().await;
    let page = "query($id: ID!, $n: Int!) { thread(id: $id) { title author { displayName } reactions { count } \
                replies(first: $n) { edges { node { body author { displayName } reactions { reaction count reactedByMe } } } } } }";
    // A warm process: her session was confirmed a moment ago, and with Redis (access
    // signals reaching every instance) it is trusted for a few seconds.
    c.app.graphql("{ me { id } }", json!({}), Some(&c.bea.access_token)).await;
    let session_lookup = usize::from(c.app.settings.redis_url.is_none());

    let (small, small_cost) =
        c.app.graphql_counting_statements(page, json!({ "id": thread, "n": 5 }), &c.bea.access_token).await;
    let (full, full_cost) =
        c.app.graphql_counting_statements(page, json!({ "id": thread, "n": 50 }), &c.bea.access_token).await;

    assert_eq!(edges(&small, &["data", "thread", "replies"]).len(), 5, "{small}");
    assert!(full["data"]["thread"]["author"]["displayName"].is_string(), "{full}");
    assert_eq!(full["data"]["thread"]["reactions"], json!([]));
    let replies = edges(&full, &["data", "thread", "replies"]);
    assert_eq!(replies.len(), 50);
    assert!(
        replies
            .iter()
            .all(|e| e["node"]["author"]["displayName"].is_string() && e["node"]["reactions"][0]["count"] == 1)
    );
    // The thread with its author and reactions, then the page with theirs.
    let expected = 2 + session_lookup;
    assert_eq!((small_cost, full_cost), (expected, expected), "a page of 5 costs {small_cost}, of 50 {full_cost}");
}

#[tokio::test]
async fn posting_a_reply_costs_four_statements_besides_the_session_check() {
    let c = community("PUBLIC").await;
    let thread = c.thread_id(&c.ana.access_token, "Busy thread").await;
    c.reply_id(&c.bea.access_token, &thread, "I follow it now").await;
    let session_lookup = usize::from(c.app.settings.redis_url.is_none());
    let post = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Counted\" }) { id body } }";

    let (answer, cost) = c.app.graphql_counting_statements(post, json!({ "t": thread }), &c.bea.access_token).await;

    assert_eq!(answer["data"]["postReply"]["body"], "Counted", "{answer}");
    // The thread as she sees it; in one transaction the reply, its notification job
    // and the thread's count (which also refuses a thread locked meanwhile).
    assert_eq!(cost, 4 + session_lookup, "postReply costs {cost}");
    assert_eq!(c.app.count("replies").await, 2);
}

#[tokio::test]
async fn mentions_of_members_who_cannot_read_a_private_group_are_not_recorded() {
    let c = community("PRIVATE").await;
    let handle = "mutation($h: String!) { updateProfile(input: { handle: $h }) { handle } }";
    c.app.graphql(handle, json!({ "h": "bea" }), Some(&c.bea.access_token)).await;
    c.app.graphql(handle, json!({ "h": "cat" }), Some(&c.cat.access_token)).await;
    let thread = c.thread_id(&c.ana.access_token, "Private circle").await;

    c.reply_id(&c.ana.access_token, &thread, "@bea and @cat, thoughts?").await;

    assert_eq!(c.app.count("mentions").await, 1, "only Bea, who is in the group, is mentioned");
}

#[tokio::test]
async fn a_client_mutation_id_reused_for_another_thread_is_a_conflict() {
    let c = community("PUBLIC").await;
    let first = c.thread_id(&c.ana.access_token, "First").await;
    let second = c.thread_id(&c.ana.access_token, "Second").await;
    let query = "mutation($input: PostReplyInput!) { postReply(input: $input) { id } }";
    let reply =
        |thread: &str| json!({ "input": { "threadId": thread, "body": "Hello", "clientMutationId": "same-key" } });

    assert!(c.app.graphql(query, reply(&first), Some(&c.bea.access_token)).await["errors"].is_null());
    let reused = c.app.graphql(query, reply(&second), Some(&c.bea.access_token)).await;

    assert_eq!((error_code(&reused), error_field(&reused)), ("CONFLICT", "clientMutationId"), "{reused}");
    assert_eq!(c.app.count("replies").await, 1);
}
