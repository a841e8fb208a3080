//! The resource library: community admins publish anywhere and group moderators in
//! their groups; members find resources by full-text search (ranked, stemmed, on either
//! database) and filters, get recommendations for their career stage and children's
//! ages, bookmark them, and suggest links that admins review.

use chrono::{Datelike, Utc};
use serde_json::{Value, json};

use crate::mailing_list::grant_admin;
use crate::messages::block;
use crate::support::{Member, TestApp, error_code, error_field};

const PUBLISH: &str = "mutation($input: PublishResourceInput!) { publishResource(input: $input) { id title } }";
const SEARCH: &str = "query($f: ResourceFilterInput, $first: Int, $after: String) { resources(filter: $f, \
                      first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { title } } } }";

/// Gia is a community admin; Ana owns a private group Bea belongs to; Cat is in no group.
struct Library {
    app: TestApp,
    gia: Member,
    ana: Member,
    bea: Member,
    cat: Member,
    group: String,
}

async fn library() -> Library {
    let app = TestApp::spawn().await;
    let (gia, ana, bea, cat) =
        (app.member("gia").await, app.member("ana").await, app.member("bea").await, app.member("cat").await);
    grant_admin(&app, "gia@example.com").await;
    let group = ana.create_group("Returning from leave", "PRIVATE", "INVITE_ONLY").await;
    ana.bring_in(&group, &bea).await;
    Library { app, gia, ana, bea, cat, group }
}

async fn publish(member: &Member, input: Value) -> Value {
    member.graphql(PUBLISH, json!({ "input": input })).await
}

/// Publishes and answers the new resource's id.
async fn published(member: &Member, input: Value) -> String {
    let answer = publish(member, input).await;
    answer["data"]["publishResource"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

fn guide(title: &str, body: &str) -> Value {
    json!({ "title": title, "summary": "A short guide", "body": body, "kind": "GUIDE" })
}

/// The titles `member` finds with `filter`, in order.
async fn titles(member: &Member, filter: Value) -> Vec<String> {
    let answer = member.graphql(SEARCH, json!({ "f": filter, "first": 20 })).await;
    let edges = answer["data"]["resources"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.iter().filter_map(|edge| edge["node"]["title"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn admins_publish_anywhere_moderators_in_their_groups_and_members_nowhere() {
    let Library { app, gia, ana, bea, group, .. } = library().await;
    published(&gia, guide("Your rights on return", "What the law says")).await;
    published(
        &ana,
        json!({ "title": "Our circle's reading", "summary": "Links we liked", "url": "https://example.org/read",
        "kind": "LINK", "groupId": group, "topics": ["Returning ", "returning", "first week"] }),
    )
    .await;
    let before = app.count("resources").await;

    let refused = [
        (publish(&ana, guide("Community-wide", "only admins")).await, "FORBIDDEN", ""),
        (
            publish(&bea, json!({ "title": "Mine", "summary": "s", "body": "b", "kind": "GUIDE", "groupId": group }))
                .await,
            "FORBIDDEN",
            "",
        ),
        (
            publish(
                &gia,
                json!({ "title": "Both", "summary": "s", "body": "b", "url": "https://x.org", "kind": "LINK" }),
            )
            .await,
            "BAD_USER_INPUT",
            "body",
        ),
        (publish(&gia, json!({ "title": "Neither", "summary": "s", "kind": "LINK" })).await, "BAD_USER_INPUT", "body"),
        (
            publish(&gia, json!({ "title": "Script", "summary": "s", "url": "javascript:alert(1)", "kind": "LINK" }))
                .await,
            "BAD_USER_INPUT",
            "url",
        ),
        (
            publish(
                &gia,
                json!({ "title": "Commas", "summary": "s", "body": "b", "kind": "GUIDE", "topics": ["a,b"] }),
            )
            .await,
            "BAD_USER_INPUT",
            "topics",
        ),
        (
            publish(
                &gia,
                json!({ "title": "Many", "summary": "s", "body": "b", "kind": "GUIDE", "topics": vec!["t"; 11] }),
            )
            .await,
            "BAD_USER_INPUT",
            "topics",
        ),
        (
            publish(&gia, json!({ "title": " ", "summary": "s", "body": "b", "kind": "GUIDE" })).await,
            "BAD_USER_INPUT",
            "title",
        ),
    ];
    for (answer, code, field) in &refused {
        let field = if field.is_empty() { "<no field>" } else { field };
        assert_eq!((error_code(answer), error_field(answer)), (*code, field), "{answer}");
    }
    let nowhere = publish(
        &gia,
        json!({ "title": "Lost", "summary": "s", "body": "b", "kind": "GUIDE",
        "groupId": uuid::Uuid::now_v7().to_string() }),
    )
    .await;
    assert_eq!(error_code(&nowhere), "NOT_FOUND", "no such group: {nowhere}");
    assert_eq!(app.count("resources").await, before, "nothing refused was stored");

    let read = "{ resources(first: 5) { edges { node { title topics body url kind group { name } publishedBy { displayName } } } } }";
    let seen = bea.graphql(read, json!({})).await;
    let newest = &seen["data"]["resources"]["edges"][0]["node"];
    assert_eq!(
        newest,
        &json!({ "title": "Our circle's reading", "topics": ["returning", "first week"], "body": null,
                 "url": "https://example.org/read", "kind": "LINK", "group": { "name": "Returning from leave" },
                 "publishedBy": { "displayName": "Ana" } }),
        "{seen}"
    );

    // An admin manages a private group's resources without being in it.
    let into_private =
        "mutation($input: PublishResourceInput!) { publishResource(input: $input) { title groupId group { name } } }";
    let private = gia
        .graphql(into_private, json!({ "input": { "title": "Admins' note", "summary": "s", "body": "b", "kind": "GUIDE", "groupId": group } }))
        .await;
    assert_eq!(
        private["data"]["publishResource"],
        json!({ "title": "Admins' note", "groupId": group, "group": null }),
        "{private}"
    );
}

#[tokio::test]
async fn a_groups_resources_are_for_those_who_may_read_it_and_never_across_a_block() {
    let Library { app: _app, gia, ana, bea, cat, group } = library().await;
    let circle = published(
        &ana,
        json!({ "title": "Circle only", "summary": "s", "body": "b", "kind": "GUIDE", "groupId": group }),
    )
    .await;
    published(&gia, guide("For everyone", "b")).await;

    assert_eq!(titles(&bea, json!({})).await, ["For everyone", "Circle only"]);
    assert_eq!(titles(&cat, json!({})).await, ["For everyone"], "not in the group");
    let by_id = "query($id: ID!) { resource(id: $id) { title } }";
    assert_eq!(error_code(&cat.graphql(by_id, json!({ "id": circle })).await), "NOT_FOUND");
    assert_eq!(bea.graphql(by_id, json!({ "id": circle })).await["data"]["resource"]["title"], "Circle only");

    block(&gia, &bea).await;
    assert_eq!(titles(&bea, json!({})).await, ["Circle only"], "a block either way hides the publisher's resources");
}

#[tokio::test]
async fn full_text_search_finds_every_word_stemmed_and_ranks_title_matches_first() {
    let Library { app: _app, gia, bea, .. } = library().await;
    published(&gia, guide("Childcare costs explained", "Budgeting for daycare and a nanny share.")).await;
    published(&gia, guide("Back to the office", "Where to pump: finding a pumping room and a schedule that works."))
        .await;
    published(&gia, guide("Pumping at work", "Your rights, the gear, and a schedule.")).await;
    published(&gia, json!({ "title": "Negotiating flexible hours", "summary": "Scripts for the conversation", "body": "Ask for a trial period.",
        "kind": "TEMPLATE", "lifeStages": ["RETURNING"], "topics": ["flexibility"] }))
    .await;

    assert_eq!(titles(&bea, json!({ "text": "pumping" })).await, ["Pumping at work", "Back to the office"]);
    assert_eq!(titles(&bea, json!({ "text": "pumps" })).await, ["Pumping at work", "Back to the office"], "stemmed");
    assert_eq!(titles(&bea, json!({ "text": "pumping daycare" })).await, Vec::<String>::new(), "every word");
    assert_eq!(titles(&bea, json!({ "text": "schedule PUMP" })).await.len(), 2);
    assert_eq!(titles(&bea, json!({ "text": "daycare" })).await, ["Childcare costs explained"]);
    assert_eq!(titles(&bea, json!({ "text": "\"pumping\" * ( -" })).await.len(), 2, "no query syntax");
    assert_eq!(
        titles(&bea, json!({ "text": "pumping at the office" })).await,
        ["Back to the office"],
        "common words left out"
    );
    assert_eq!(
        titles(&bea, json!({ "text": "flexibility" })).await,
        ["Negotiating flexible hours"],
        "topics are searched"
    );

    assert_eq!(titles(&bea, json!({ "kind": "TEMPLATE" })).await, ["Negotiating flexible hours"]);
    assert_eq!(titles(&bea, json!({ "lifeStage": "RETURNING" })).await, ["Negotiating flexible hours"]);
    assert_eq!(titles(&bea, json!({ "topic": "Flexibility" })).await, ["Negotiating flexible hours"]);
    assert_eq!(titles(&bea, json!({ "text": "pumping", "kind": "TEMPLATE" })).await, Vec::<String>::new());

    let nothing = bea.graphql(SEARCH, json!({ "f": { "text": " -- * " } })).await;
    assert_eq!((error_code(&nothing), error_field(&nothing)), ("BAD_USER_INPUT", "text"), "{nothing}");

    // A ranked list pages by its place in the ranking.
    let first = bea.graphql(SEARCH, json!({ "f": { "text": "pumping" }, "first": 1 })).await;
    let page = &first["data"]["resources"];
    assert_eq!(
        (page["pageInfo"]["hasNextPage"].as_bool(), page["edges"][0]["node"]["title"].as_str()),
        (Some(true), Some("Pumping at work"))
    );
    let after = page["pageInfo"]["endCursor"].clone();
    let second = bea.graphql(SEARCH, json!({ "f": { "text": "pumping" }, "first": 1, "after": after })).await;
    let page = &second["data"]["resources"];
    assert_eq!(
        (page["pageInfo"]["hasNextPage"].as_bool(), page["edges"][0]["node"]["title"].as_str()),
        (Some(false), Some("Back to the office"))
    );
    let forged = bea.graphql(SEARCH, json!({ "f": {}, "after": "bm9wZQ" })).await;
    assert_eq!((error_code(&forged), error_field(&forged)), ("BAD_USER_INPUT", "after"), "{forged}");
}

#[tokio::test]
async fn those_who_may_publish_there_edit_and_unpublish_and_search_follows() {
    let Library { app, gia, ana, bea, group, .. } = library().await;
    let id = published(
        &ana,
        json!({ "title": "Pumping at work", "summary": "s", "body": "b", "kind": "GUIDE", "groupId": group }),
    )
    .await;
    let edit = "mutation($input: EditResourceInput!) { editResource(input: $input) { title body url } }";

    let refused = bea.graphql(edit, json!({ "input": { "resourceId": id, "title": "Mine now" } })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let bad = ana.graphql(edit, json!({ "input": { "resourceId": id, "url": "https://x.org", "body": "both" } })).await;
    let by = "query($r: ID!) { resource(id: $r) { editedBy { displayName } } }";
    assert_eq!(bea.graphql(by, json!({ "r": id })).await["data"]["resource"]["editedBy"], Value::Null);
    assert_eq!((error_code(&bad), error_field(&bad)), ("BAD_USER_INPUT", "body"), "{bad}");
    assert_eq!(titles(&bea, json!({ "text": "pumping" })).await, ["Pumping at work"], "refused edits changed nothing");

    let edited = ana.graphql(edit, json!({ "input": { "resourceId": id, "title": "Expressing milk at the office", "url": "https://example.org/milk" } })).await;
    assert_eq!(
        edited["data"]["editResource"],
        json!({ "title": "Expressing milk at the office", "body": null, "url": "https://example.org/milk" }),
        "a new link replaces the body: {edited}"
    );
    assert!(titles(&bea, json!({ "text": "pumping" })).await.is_empty(), "the old words are gone from the index");
    assert_eq!(bea.graphql(by, json!({ "r": id })).await["data"]["resource"]["editedBy"]["displayName"], "Ana");
    assert_eq!(titles(&bea, json!({ "text": "milk office" })).await, ["Expressing milk at the office"]);

    bea.graphql("mutation($r: ID!) { bookmarkResource(input: { resourceId: $r }) { bookmarked } }", json!({ "r": id }))
        .await;
    let unpublish = "mutation($r: ID!) { unpublishResource(input: { resourceId: $r }) }";
    assert_eq!(error_code(&bea.graphql(unpublish, json!({ "r": id })).await), "FORBIDDEN");
    let done = gia.graphql(unpublish, json!({ "r": id })).await;
    assert_eq!(done["data"]["unpublishResource"], id.as_str(), "an admin may too: {done}");
    assert!(titles(&bea, json!({})).await.is_empty());
    let marks = bea.graphql("{ bookmarks { edges { node { title } } } }", json!({})).await;
    assert_eq!(marks["data"]["bookmarks"]["edges"], json!([]), "{marks}");
    assert_eq!(error_code(&ana.graphql(unpublish, json!({ "r": id })).await), "NOT_FOUND", "gone already");
    assert_eq!(app.count("resources").await, 1, "kept, out of the library");
}

#[tokio::test]
async fn recommendations_follow_her_career_stage_then_her_childrens_ages() {
    let Library { app: _app, gia, bea, .. } = library().await;
    let resource = |title: &str, extra: Value| {
        let mut input = guide(title, "b");
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        input
    };
    published(&gia, resource("For returners", json!({ "lifeStages": ["RETURNING", "ON_LEAVE"] }))).await;
    published(&gia, resource("For toddlers' parents", json!({ "childAges": ["TODDLER"] }))).await;
    published(&gia, resource("For expecting parents", json!({ "lifeStages": ["EXPECTING"] }))).await;
    published(&gia, resource("For everyone", json!({}))).await;
    let two_years_ago = Utc::now().date_naive().year() - 2;
    let profile = format!(
        "mutation {{ updateProfile(input: {{ careerStage: RETURNING, children: [{{ bornYear: {two_years_ago}, bornMonth: 1 }}] }}) {{ id }} }}"
    );
    let updated = bea.graphql(&profile, json!({})).await;
    assert!(updated["errors"].is_null(), "{updated}");

    let query = "query($n: Int!) { recommendedResources(first: $n) { title } }";
    let answer = bea.graphql(query, json!({ "n": 10 })).await;
    let titles: Vec<&str> =
        answer["data"]["recommendedResources"].as_array().unwrap().iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(titles, ["For returners", "For toddlers' parents", "For everyone", "For expecting parents"], "{answer}");
    let two = bea.graphql(query, json!({ "n": 2 })).await;
    assert_eq!(two["data"]["recommendedResources"].as_array().map(Vec::len), Some(2));
    // A stranger's public group is no recommendation, whatever it claims to be for.
    let strangers = gia.create_group("Anyone's", "PUBLIC", "OPEN").await;
    let mut loud = resource("Loud", json!({ "lifeStages": ["RETURNING"], "childAges": ["TODDLER"] }));
    loud["groupId"] = json!(strangers);
    published(&gia, loud).await;
    let answer = bea.graphql(query, json!({ "n": 1 })).await;
    assert_eq!(answer["data"]["recommendedResources"][0]["title"], "For returners", "{answer}");
    let many = bea.graphql(query, json!({ "n": 21 })).await;
    assert_eq!((error_code(&many), error_field(&many)), ("BAD_USER_INPUT", "first"), "{many}");
}

#[tokio::test]
async fn a_groups_moderators_publish_ten_a_day_and_admins_as_many_as_they_need() {
    let Library { app, gia, ana, group, .. } = library().await;
    let in_circle = |n: usize| json!({ "title": format!("Note {n}"), "summary": "s", "body": "b", "kind": "GUIDE", "groupId": group });
    for n in 0..10 {
        published(&ana, in_circle(n)).await;
    }
    let over = publish(&ana, in_circle(10)).await;
    assert_eq!(error_code(&over), "RATE_LIMITED", "{over}");
    for n in 0..11 {
        published(&gia, guide(&format!("Guide {n}"), "b")).await;
    }
    assert_eq!(app.count("resources").await, 21);
}

#[tokio::test]
async fn members_bookmark_what_they_may_see() {
    let Library { app, gia, ana, bea, cat, group } = library().await;
    let open = published(&gia, guide("For everyone", "b")).await;
    let circle = published(
        &ana,
        json!({ "title": "Circle only", "summary": "s", "body": "b", "kind": "GUIDE", "groupId": group }),
    )
    .await;
    let mark = "mutation($r: ID!) { bookmarkResource(input: { resourceId: $r }) { title bookmarked } }";
    let unmark = "mutation($r: ID!) { unbookmarkResource(input: { resourceId: $r }) { bookmarked } }";
    let list = "{ bookmarks { edges { node { title } } } }";

    for id in [&open, &circle, &open] {
        assert_eq!(bea.graphql(mark, json!({ "r": id })).await["data"]["bookmarkResource"]["bookmarked"], true);
    }
    let marks = bea.graphql(list, json!({})).await;
    assert_eq!(
        marks["data"]["bookmarks"]["edges"],
        json!([{ "node": { "title": "Circle only" } }, { "node": { "title": "For everyone" } }])
    );
    assert_eq!(error_code(&cat.graphql(mark, json!({ "r": circle })).await), "NOT_FOUND", "not hers to see");
    assert_eq!(cat.graphql(list, json!({})).await["data"]["bookmarks"]["edges"], json!([]));
    assert_eq!(bea.graphql(unmark, json!({ "r": open })).await["data"]["unbookmarkResource"]["bookmarked"], false);
    let marks = bea.graphql(list, json!({})).await;
    assert_eq!(marks["data"]["bookmarks"]["edges"], json!([{ "node": { "title": "Circle only" } }]));

    // Out of the circle, its resource leaves her bookmarks, and she may still forget it.
    ana.graphql(
        "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { id } }",
        json!({ "g": group, "m": bea.member_id }),
    )
    .await;
    assert_eq!(bea.graphql(list, json!({})).await["data"]["bookmarks"]["edges"], json!([]));
    let forgotten = bea.graphql(unmark, json!({ "r": circle })).await;
    assert_eq!(forgotten["data"]["unbookmarkResource"], Value::Null, "{forgotten}");
    assert_eq!(app.count("resource_bookmarks").await, 0);
}

#[tokio::test]
async fn members_suggest_links_a_few_a_day_and_admins_review_them_once() {
    let Library { app, gia, bea, .. } = library().await;
    let suggest =
        "mutation($u: String!) { suggestResource(input: { url: $u, note: \"This helped me\" }) { id status } }";
    let bad = bea.graphql(suggest, json!({ "u": "not a link" })).await;
    assert_eq!((error_code(&bad), error_field(&bad)), ("BAD_USER_INPUT", "url"), "{bad}");
    let mut first = String::new();
    for n in 0..10 {
        let answer = bea.graphql(suggest, json!({ "u": format!("https://example.org/{n}") })).await;
        assert_eq!(answer["data"]["suggestResource"]["status"], "OPEN", "{answer}");
        if n == 0 {
            first = answer["data"]["suggestResource"]["id"].as_str().unwrap().to_owned();
        }
    }
    let over = bea.graphql(suggest, json!({ "u": "https://example.org/11" })).await;
    assert_eq!(error_code(&over), "RATE_LIMITED", "{over}");
    assert_eq!(app.count("resource_suggestions").await, 10);

    let queue = "{ resourceSuggestions(first: 20) { edges { node { url note suggestedBy { displayName } } } } }";
    assert_eq!(error_code(&bea.graphql(queue, json!({})).await), "FORBIDDEN");
    let open = gia.graphql(queue, json!({})).await;
    let edges = open["data"]["resourceSuggestions"]["edges"].as_array().cloned().unwrap_or_default();
    assert_eq!(edges.len(), 10, "{open}");
    assert_eq!(
        edges[0]["node"],
        json!({ "url": "https://example.org/9", "note": "This helped me", "suggestedBy": { "displayName": "Bea" } })
    );

    let review = "mutation($s: ID!) { reviewResourceSuggestion(input: { suggestionId: $s, accepted: true }) { status reviewedAt } }";
    assert_eq!(error_code(&bea.graphql(review, json!({ "s": first })).await), "FORBIDDEN");
    let reviewed = gia.graphql(review, json!({ "s": first })).await;
    assert_eq!(reviewed["data"]["reviewResourceSuggestion"]["status"], "ACCEPTED", "{reviewed}");
    let again = gia.graphql(review, json!({ "s": first })).await;
    assert_eq!((error_code(&again), error_field(&again)), ("CONFLICT", "suggestionId"), "{again}");
    let accepted = gia.graphql("{ resourceSuggestions(status: ACCEPTED) { edges { node { url } } } }", json!({})).await;
    assert_eq!(
        accepted["data"]["resourceSuggestions"]["edges"],
        json!([{ "node": { "url": "https://example.org/0" } }])
    );
}
