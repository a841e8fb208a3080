//! `village seed-demo`: the demo community is there, believable, and private where it
//! should be, with a report waiting in its owner's moderation queue; a second run
//! refuses to touch a database that has members.

use serde_json::json;

use crate::support::{TestApp, error_code};

#[tokio::test]
async fn the_demo_community_has_groups_threads_and_a_nearly_full_conference() {
    let app = TestApp::spawn().await;
    village::seed::seed(&app.db).await.expect("seeded");

    let signed_in = app.sign_in("ana@village.demo", village::seed::DEMO_PASSWORD).await;
    let ana = signed_in["data"]["signIn"]["accessToken"].as_str().expect("demo sign-in").to_owned();
    let home = app
        .graphql(
            "{ myGroups { edges { node { name visibility } } } feed { edges { node { title replyCount } } } \
               events { edges { node { title city capacity goingCount seatsLeft } } } }",
            json!({}),
            Some(&ana),
        )
        .await;
    assert!(home["errors"].is_null(), "{home}");
    let groups: Vec<&str> = home["data"]["myGroups"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["Moms at Work", "Returning from leave"]);
    assert!(home["data"]["feed"]["edges"].as_array().is_some_and(|threads| threads.len() >= 4), "{home}");
    let conference = &home["data"]["events"]["edges"][0]["node"];
    assert_eq!(conference["title"], "#OwningIt: Making self-employment work for you");
    assert_eq!(
        (conference["capacity"].clone(), conference["goingCount"].clone(), conference["seatsLeft"].clone()),
        (json!(60), json!(57), json!(3))
    );

    let dana = app.sign_in("dana@village.demo", village::seed::DEMO_PASSWORD).await;
    let dana = dana["data"]["signIn"]["accessToken"].as_str().unwrap().to_owned();
    let circle = app
        .graphql(
            "{ groups(filter: { search: \"leave\" }) { edges { node { id viewerJoinRequest { status } } } } }",
            json!({}),
            Some(&dana),
        )
        .await;
    let circle_node = &circle["data"]["groups"]["edges"][0]["node"];
    assert_eq!(circle_node["viewerJoinRequest"]["status"], "PENDING", "{circle}");
    let private_threads = app
        .graphql(
            "query($id: ID!) { group(id: $id) { threads { edges { node { id } } } } }",
            json!({ "id": circle_node["id"] }),
            Some(&dana),
        )
        .await;
    assert_eq!(error_code(&private_threads), "NOT_FOUND");

    let inbox = app
        .graphql(
            "{ conversations { edges { node { unreadCount messages(last: 1) { edges { node { body } } } } } }                messageRequests { edges { node { startedBy { displayName } } } } }",
            json!({}),
            Some(&ana),
        )
        .await;
    let talk = &inbox["data"]["conversations"]["edges"][0]["node"];
    assert_eq!(talk["messages"]["edges"][0]["node"]["body"], "Perfect, see you there.", "{inbox}");
    let request = &inbox["data"]["messageRequests"]["edges"][0]["node"];
    assert_eq!(request["startedBy"]["displayName"], "Chloé Martin", "{inbox}");

    let jobs =
        app.graphql("{ jobs { edges { node { title canRefer group { name } } } } }", json!({}), Some(&ana)).await;
    assert_eq!(
        jobs["data"]["jobs"]["edges"],
        json!([{ "node": { "title": "Part-time bookkeeper", "canRefer": false, "group": { "name": "Moms at Work" } } },
               { "node": { "title": "Product Manager (returnship)", "canRefer": true, "group": null } }]),
        "{jobs}"
    );

    let chats = app
        .graphql("{ myCoffeeChats { edges { node { status with { displayName } place } } } }", json!({}), Some(&ana))
        .await;
    assert_eq!(
        chats["data"]["myCoffeeChats"]["edges"],
        json!([{ "node": { "status": "ACCEPTED", "with": { "displayName": "Farah Haddad" }, "place": "Pilot Coffee, Queen St W" } }]),
        "{chats}"
    );

    let queue = app
        .graphql(
            "{ moderationQueue { edges { node { targetKind reportCount reports { reason } } } } }",
            json!({}),
            Some(&ana),
        )
        .await;
    assert_eq!(
        queue["data"]["moderationQueue"]["edges"],
        json!([{ "node": { "targetKind": "THREAD", "reportCount": 2, "reports": [{ "reason": "SPAM" }, { "reason": "SPAM" }] } }]),
        "a report waits for Ana, who owns Moms at Work: {queue}"
    );

    let again = village::seed::seed(&app.db).await;
    assert!(again.is_err_and(|e| e.to_string().contains("already has members")));
}
