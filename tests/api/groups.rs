//! Groups: creating, joining under each policy, moderation, roles, privacy of private
//! groups — and that every refusal changes nothing.

use serde_json::{Value, json};

use crate::support::{Member, TestApp, error_code, error_field};

const GROUP_FIELDS: &str = "id name description visibility joinPolicy joinQuestions memberCount viewerRole";

async fn three_members(app: &TestApp) -> (Member, Member, Member) {
    (app.member("ana").await, app.member("bea").await, app.member("cat").await)
}

async fn members_of(app: &TestApp, token: &str, group_id: &str) -> Value {
    let query = "query($id: ID!) { group(id: $id) { members { edges { node { role member { displayName } } } } } }";
    app.graphql(query, json!({ "id": group_id }), Some(token)).await
}

#[tokio::test]
async fn creating_a_group_makes_the_creator_its_owner_and_a_retry_returns_the_same_group() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let query = format!("mutation($input: CreateGroupInput!) {{ createGroup(input: $input) {{ {GROUP_FIELDS} }} }}");
    let input = json!({ "input": {
        "name": " Moms at Work ", "description": "Pumping at the office, sick days, ambition.",
        "clientMutationId": "create-moms-at-work"
    } });

    let first = app.graphql(&query, input.clone(), Some(&ana.access_token)).await;
    let retry = app.graphql(&query, input, Some(&ana.access_token)).await;

    let group = &first["data"]["createGroup"];
    assert_eq!(group["name"], "Moms at Work", "{first}");
    assert_eq!(group["visibility"], "PUBLIC");
    assert_eq!(group["joinPolicy"], "OPEN");
    assert_eq!(group["memberCount"], 1);
    assert_eq!(group["viewerRole"], "OWNER");
    assert_eq!(retry["data"]["createGroup"]["id"], group["id"], "{retry}");
    assert_eq!(app.count("groups").await, 1);
    let mine =
        app.graphql("{ myGroups { edges { node { name viewerRole } } } }", json!({}), Some(&ana.access_token)).await;
    assert_eq!(mine["data"]["myGroups"]["edges"][0]["node"]["name"], "Moms at Work", "{mine}");
}

#[tokio::test]
async fn create_group_refuses_bad_input_and_strangers_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let query = "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }";
    let cases = [
        (json!({ "name": "   " }), "name"),
        (json!({ "name": "x".repeat(81) }), "name"),
        (json!({ "name": "Ok", "description": "d".repeat(2001) }), "description"),
        (json!({ "name": "Ok", "joinQuestions": ["1", "2", "3", "4", "5", "6"] }), "joinQuestions"),
        (json!({ "name": "Ok", "joinQuestions": [""] }), "joinQuestions"),
        (json!({ "name": "Ok", "clientMutationId": "" }), "clientMutationId"),
    ];
    for (input, field) in cases {
        let answer = app.graphql(query, json!({ "input": input }), Some(&ana.access_token)).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        assert_eq!(error_field(&answer), field, "{answer}");
    }
    let bad_enum =
        app.graphql(query, json!({ "input": { "name": "Ok", "visibility": "SECRET" } }), Some(&ana.access_token)).await;
    assert_eq!(error_code(&bad_enum), "BAD_USER_INPUT", "{bad_enum}");
    let anonymous = app.graphql(query, json!({ "input": { "name": "Ok" } }), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    assert_eq!((app.count("groups").await, app.count("group_memberships").await), (0, 0));
}

#[tokio::test]
async fn joining_an_open_group_is_immediate_and_joining_twice_changes_nothing() {
    let app = TestApp::spawn().await;
    let (ana, bea, _) = three_members(&app).await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;

    let joined = bea.join_group(&group, &[]).await;
    let again = bea.join_group(&group, &[]).await;

    assert_eq!(joined["data"]["joinGroup"]["joined"], true, "{joined}");
    assert_eq!(joined["data"]["joinGroup"]["group"]["viewerRole"], "MEMBER");
    assert_eq!(again["data"]["joinGroup"]["group"]["memberCount"], 2, "{again}");
    assert_eq!(app.count("group_memberships").await, 2);
}

#[tokio::test]
async fn an_approval_group_takes_requests_with_answers_that_moderators_decide() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = three_members(&app).await;
    let query = "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }";
    let input = json!({ "input": { "name": "Returning from leave", "visibility": "PRIVATE", "joinPolicy": "APPROVAL",
                                   "joinQuestions": ["When do you go back?"] } });
    let group = app.graphql(query, input, Some(&ana.access_token)).await["data"]["createGroup"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let wrong_answers = bea.join_group(&group, &[]).await;
    assert_eq!(error_field(&wrong_answers), "answers", "{wrong_answers}");
    assert_eq!(app.count("group_join_requests").await, 0);

    let requested = bea.join_group(&group, &["In March"]).await;
    assert_eq!(requested["data"]["joinGroup"]["joined"], false, "{requested}");
    assert_eq!(requested["data"]["joinGroup"]["joinRequest"]["status"], "PENDING");
    let request_id = requested["data"]["joinGroup"]["joinRequest"]["id"].as_str().unwrap().to_owned();
    let asked_twice = bea.join_group(&group, &["In March"]).await;
    assert_eq!(asked_twice["data"]["joinGroup"]["joinRequest"]["id"], request_id.as_str());

    let pending =
        "query($id: ID!) { group(id: $id) { joinRequests { edges { node { answers member { displayName } } } } } }";
    let seen = app.graphql(pending, json!({ "id": group }), Some(&ana.access_token)).await;
    assert_eq!(seen["data"]["group"]["joinRequests"]["edges"][0]["node"]["answers"][0], "In March", "{seen}");
    assert_eq!(error_code(&app.graphql(pending, json!({ "id": group }), Some(&cat.access_token)).await), "NOT_FOUND");

    let approve = "mutation($id: ID!) { approveJoinRequest(input: { requestId: $id }) { status } }";
    let not_moderator = app.graphql(approve, json!({ "id": request_id }), Some(&bea.access_token)).await;
    assert_eq!(error_code(&not_moderator), "NOT_FOUND", "a non-member of a private group sees nothing");
    let approved = app.graphql(approve, json!({ "id": request_id }), Some(&ana.access_token)).await;
    assert_eq!(approved["data"]["approveJoinRequest"]["status"], "APPROVED", "{approved}");
    let twice = app.graphql(approve, json!({ "id": request_id }), Some(&ana.access_token)).await;
    assert_eq!(error_code(&twice), "CONFLICT");
    assert_eq!(app.count("group_memberships").await, 2);
    let roster = members_of(&app, &bea.access_token, &group).await;
    assert_eq!(roster["data"]["group"]["members"]["edges"].as_array().map(Vec::len), Some(2), "{roster}");
}

#[tokio::test]
async fn a_declined_request_adds_nobody() {
    let app = TestApp::spawn().await;
    let (ana, bea, _) = three_members(&app).await;
    let group = ana.create_group("Founders", "PUBLIC", "APPROVAL").await;
    let requested = bea.join_group(&group, &[]).await;
    let request_id = requested["data"]["joinGroup"]["joinRequest"]["id"].as_str().unwrap().to_owned();

    let decline = "mutation($id: ID!) { declineJoinRequest(input: { requestId: $id }) { status } }";
    let declined = app.graphql(decline, json!({ "id": request_id }), Some(&ana.access_token)).await;

    assert_eq!(declined["data"]["declineJoinRequest"]["status"], "DECLINED", "{declined}");
    assert_eq!(app.count("group_memberships").await, 1);
}

#[tokio::test]
async fn an_invite_only_group_admits_only_invited_members() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = three_members(&app).await;
    let group = ana.create_group("Board", "PRIVATE", "INVITE_ONLY").await;

    let uninvited = bea.join_group(&group, &[]).await;
    assert_eq!(error_code(&uninvited), "FORBIDDEN", "{uninvited}");
    assert_eq!(app.count("group_memberships").await, 1);

    let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
    let invited = app.graphql(invite, json!({ "g": group, "m": bea.member_id }), Some(&ana.access_token)).await;
    assert!(invited["errors"].is_null(), "{invited}");
    let by_outsider = app.graphql(invite, json!({ "g": group, "m": cat.member_id }), Some(&cat.access_token)).await;
    assert_eq!(error_code(&by_outsider), "NOT_FOUND");

    assert_eq!(bea.join_group(&group, &[]).await["data"]["joinGroup"]["joined"], true);
    assert_eq!(error_code(&cat.join_group(&group, &[]).await), "FORBIDDEN");
    assert_eq!(app.count("group_memberships").await, 2);
}

#[tokio::test]
async fn a_private_group_shows_its_name_but_not_its_members_to_outsiders() {
    let app = TestApp::spawn().await;
    let (ana, bea, _) = three_members(&app).await;
    let group = ana.create_group("Returning from leave", "PRIVATE", "APPROVAL").await;

    let fields =
        "query($id: ID!) { group(id: $id) { name joinQuestions memberCount approximateMemberCount viewerRole } }";
    let outside = app.graphql(fields, json!({ "id": group }), Some(&bea.access_token)).await;
    let inside = app.graphql(fields, json!({ "id": group }), Some(&ana.access_token)).await;
    assert_eq!(outside["data"]["group"]["name"], "Returning from leave", "{outside}");
    assert_eq!(outside["data"]["group"]["viewerRole"], Value::Null);
    assert_eq!(outside["data"]["group"]["memberCount"], Value::Null, "outsiders never learn the exact size");
    assert_eq!(outside["data"]["group"]["approximateMemberCount"], 0, "fewer than ten");
    assert_eq!(inside["data"]["group"]["memberCount"], 1, "{inside}");
    assert_eq!(error_code(&members_of(&app, &bea.access_token, &group).await), "NOT_FOUND");
    let page = "query($id: ID!) { group(id: $id) { name pinnedThreads { id } threads { edges { cursor } } members { edges { cursor } } } }";
    let join_screen = app.graphql(page, json!({ "id": group }), Some(&bea.access_token)).await;
    assert_eq!(
        join_screen["data"]["group"]["name"], "Returning from leave",
        "the rest of the group answers: {join_screen}"
    );
    for field in ["pinnedThreads", "threads", "members"] {
        assert_eq!(join_screen["data"]["group"][field], Value::Null, "{field} is withheld");
    }
    assert_eq!(join_screen["errors"].as_array().map(Vec::len), Some(3), "{join_screen}");
    assert_eq!(error_code(&join_screen), "NOT_FOUND");
    let listed = app.graphql("{ groups { edges { node { name } } } }", json!({}), Some(&bea.access_token)).await;
    assert_eq!(listed["data"]["groups"]["edges"][0]["node"]["name"], "Returning from leave");
}

#[tokio::test]
async fn a_removed_member_loses_access_at_once_and_only_moderators_remove() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = three_members(&app).await;
    let group = ana.create_group("Returning from leave", "PRIVATE", "INVITE_ONLY").await;
    let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
    for member in [&bea, &cat] {
        app.graphql(invite, json!({ "g": group, "m": member.member_id }), Some(&ana.access_token)).await;
        member.join_group(&group, &[]).await;
    }
    let remove = "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { memberCount } }";

    let by_member = app.graphql(remove, json!({ "g": group, "m": cat.member_id }), Some(&bea.access_token)).await;
    assert_eq!(error_code(&by_member), "FORBIDDEN");
    let owner = app.graphql(remove, json!({ "g": group, "m": ana.member_id }), Some(&bea.access_token)).await;
    assert_eq!(error_code(&owner), "FORBIDDEN");
    assert_eq!(app.count("group_memberships").await, 3);

    let removed = app.graphql(remove, json!({ "g": group, "m": cat.member_id }), Some(&ana.access_token)).await;
    assert_eq!(removed["data"]["removeMember"]["memberCount"], 2, "{removed}");
    assert_eq!(error_code(&members_of(&app, &cat.access_token, &group).await), "NOT_FOUND");
}

#[tokio::test]
async fn only_owners_change_roles_and_a_group_keeps_an_owner() {
    let app = TestApp::spawn().await;
    let (ana, bea, _) = three_members(&app).await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    bea.join_group(&group, &[]).await;
    let set_role = "mutation($g: ID!, $m: ID!, $r: GroupRole!) { setMemberRole(input: { groupId: $g, memberId: $m, role: $r }) { id } }";

    let by_member =
        app.graphql(set_role, json!({ "g": group, "m": bea.member_id, "r": "OWNER" }), Some(&bea.access_token)).await;
    assert_eq!(error_code(&by_member), "FORBIDDEN");
    let last_owner =
        app.graphql(set_role, json!({ "g": group, "m": ana.member_id, "r": "MEMBER" }), Some(&ana.access_token)).await;
    assert_eq!(error_code(&last_owner), "CONFLICT");
    assert_eq!(error_field(&last_owner), "role");

    let promoted = app
        .graphql(set_role, json!({ "g": group, "m": bea.member_id, "r": "MODERATOR" }), Some(&ana.access_token))
        .await;
    assert!(promoted["errors"].is_null(), "{promoted}");
    let roster = members_of(&app, &ana.access_token, &group).await;
    let roles: Vec<&str> = roster["data"]["group"]["members"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["OWNER", "MODERATOR"]);
}

#[tokio::test]
async fn the_last_owner_cannot_leave_while_others_remain_but_members_can() {
    let app = TestApp::spawn().await;
    let (ana, bea, _) = three_members(&app).await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    bea.join_group(&group, &[]).await;
    let leave = "mutation($g: ID!) { leaveGroup(input: { groupId: $g }) { memberCount viewerRole } }";

    let owner_leaves = app.graphql(leave, json!({ "g": group }), Some(&ana.access_token)).await;
    assert_eq!(error_code(&owner_leaves), "CONFLICT", "{owner_leaves}");
    assert_eq!(app.count("group_memberships").await, 2);

    let left = app.graphql(leave, json!({ "g": group }), Some(&bea.access_token)).await;
    assert_eq!(left["data"]["leaveGroup"]["memberCount"], 1, "{left}");
    assert_eq!(left["data"]["leaveGroup"]["viewerRole"], Value::Null);
}

#[tokio::test]
async fn group_ids_are_checked_and_unknown_groups_are_not_found() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let query = "query($id: ID!) { group(id: $id) { name } }";
    let malformed = app.graphql(query, json!({ "id": "not-a-uuid" }), Some(&ana.access_token)).await;
    assert_eq!((error_code(&malformed), error_field(&malformed)), ("BAD_USER_INPUT", "id"));
    let unknown = app.graphql(query, json!({ "id": uuid::Uuid::now_v7().to_string() }), Some(&ana.access_token)).await;
    assert_eq!(error_code(&unknown), "NOT_FOUND");
    assert_eq!(error_code(&ana.join_group(&uuid::Uuid::now_v7().to_string(), &[]).await), "NOT_FOUND");
}

#[tokio::test]
async fn the_group_directory_searches_names_and_pages() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    for name in ["Moms at Work", "Returning from leave", "Founders 100%", "Work & play"] {
        ana.create_group(name, "PUBLIC", "OPEN").await;
    }
    let search = "query($s: String) { groups(filter: { search: $s }) { edges { node { name } } } }";
    let names = |answer: &Value| -> Vec<String> {
        answer["data"]["groups"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(&app.graphql(search, json!({ "s": "work" }), Some(&ana.access_token)).await),
        ["Work & play", "Moms at Work"]
    );
    assert_eq!(names(&app.graphql(search, json!({ "s": "100%" }), Some(&ana.access_token)).await), ["Founders 100%"]);
    assert_eq!(names(&app.graphql(search, json!({ "s": "%" }), Some(&ana.access_token)).await), ["Founders 100%"]);
    let first_two =
        app.graphql("{ groups(first: 2) { pageInfo { hasNextPage } } }", json!({}), Some(&ana.access_token)).await;
    assert_eq!(first_two["data"]["groups"]["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn a_join_request_from_someone_who_blocked_the_moderator_shows_neither_her_nor_her_answers() {
    let app = TestApp::spawn().await;
    let (ana, bea, _) = three_members(&app).await;
    let query = "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }";
    let input = json!({ "input": { "name": "Loss support", "visibility": "PRIVATE", "joinPolicy": "APPROVAL",
                                   "joinQuestions": ["What brings you here?"] } });
    let group = app.graphql(query, input, Some(&ana.access_token)).await["data"]["createGroup"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    bea.join_group(&group, &["Something private"]).await;
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;

    let pending =
        "query($id: ID!) { group(id: $id) { joinRequests { edges { node { answers member { displayName } } } } } }";
    let seen = app.graphql(pending, json!({ "id": group }), Some(&ana.access_token)).await;
    let request = &seen["data"]["group"]["joinRequests"]["edges"][0]["node"];
    assert_eq!(request["member"]["displayName"], "Unavailable member", "{seen}");
    assert_eq!(request["answers"], json!([]), "{seen}");

    let unblock = "mutation($m: ID!) { unblockMember(input: { memberId: $m }) { id } }";
    app.graphql(unblock, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;
    let seen = app.graphql(pending, json!({ "id": group }), Some(&ana.access_token)).await;
    assert_eq!(seen["data"]["group"]["joinRequests"]["edges"][0]["node"]["answers"], json!(["Something private"]));
}

#[tokio::test]
async fn a_member_blocked_either_way_is_left_out_of_the_member_list() {
    let app = TestApp::spawn().await;
    let (ana, bea, cat) = three_members(&app).await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&bea, &cat] {
        member.join_group(&group, &[]).await;
    }
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": cat.member_id }), Some(&bea.access_token)).await;

    let names = async |token: &str| -> Vec<String> {
        let roster = members_of(&app, token, &group).await;
        let edges = roster["data"]["group"]["members"]["edges"].as_array().cloned().unwrap_or_default();
        edges.iter().map(|e| e["node"]["member"]["displayName"].as_str().unwrap_or_default().to_owned()).collect()
    };

    assert_eq!(names(&bea.access_token).await, ["Ana", "Bea"]);
    assert_eq!(names(&cat.access_token).await, ["Ana", "Cat"], "the one she was blocked by is left out for her too");
}
