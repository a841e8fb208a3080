//! `village seed-demo`: the demo community is there, believable, and private where it
//! should be, with a report waiting in its owner's moderation queue and an anonymous
//! question in the private circle; a second run refuses to touch a database that has
//! members.

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
    let events = home["data"]["events"]["edges"].as_array().cloned().unwrap_or_default();
    let upcoming =
        events.iter().find(|edge| edge["node"]["title"].as_str().is_some_and(|t| t.starts_with("#OwningIt: Making")));
    let conference = &upcoming.unwrap_or_else(|| panic!("the conference: {home}"))["node"];
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

    // The circle's anonymous question: Ana, a member, sees no author (but her own
    // anonymous answer's); Bea, its owner, sees both.
    let bea = app.sign_in("bea@village.demo", village::seed::DEMO_PASSWORD).await;
    let bea = bea["data"]["signIn"]["accessToken"].as_str().unwrap().to_owned();
    let anonymous = "{ feed { edges { node { anonymous author { displayName } group { name } \
                     replies { edges { node { anonymous author { displayName } } } } } } } }";
    let asked_by = |token: &str| {
        let token = token.to_owned();
        let app = &app;
        async move {
            let feed = app.graphql(anonymous, json!({}), Some(&token)).await;
            let edges = feed["data"]["feed"]["edges"].as_array().cloned().unwrap_or_default();
            let question =
                edges.into_iter().find(|edge| edge["node"]["anonymous"] == true).expect("an anonymous thread");
            question["node"].clone()
        }
    };
    let to_ana = asked_by(&ana).await;
    assert_eq!(
        (to_ana["author"].clone(), to_ana["group"]["name"].clone(), to_ana["replies"]["edges"][0]["node"].clone()),
        (
            json!(null),
            json!("Returning from leave"),
            json!({ "anonymous": true, "author": { "displayName": "Ana Lima" } })
        ),
        "{to_ana}"
    );
    let to_bea = asked_by(&bea).await;
    assert_eq!(
        (
            to_bea["author"]["displayName"].as_str(),
            to_bea["replies"]["edges"][0]["node"]["author"]["displayName"].as_str()
        ),
        (Some("Chloé Martin"), Some("Ana Lima")),
        "the owner sees who asked and who answered: {to_bea}"
    );

    // The library: Ana finds the pumping guide; Dana, outside the circle, not its checklist.
    let library = "{ resources(filter: { text: \"pumping\" }) { edges { node { title group { name } } } } }";
    let found = app.graphql(library, json!({}), Some(&ana)).await;
    assert_eq!(
        found["data"]["resources"]["edges"][0]["node"],
        json!({ "title": "Pumping at work: a practical guide", "group": { "name": "Moms at Work" } }),
        "{found}"
    );
    let everything = "{ resources { edges { node { title } } } }";
    let to_dana = app.graphql(everything, json!({}), Some(&dana)).await.to_string();
    let to_bea = app.graphql(everything, json!({}), Some(&bea)).await.to_string();
    assert!(!to_dana.contains("first two weeks") && to_bea.contains("first two weeks"), "{to_dana}");

    // The circle's spring cohort: Ana, in the circle, sees it with Chloé's place taken;
    // Dana, outside it, does not.
    let cohorts = "{ programs { edges { node { title enrolledCount capacity sessions { title } } } } }";
    let to_ana = app.graphql(cohorts, json!({}), Some(&ana)).await;
    let spring = &to_ana["data"]["programs"]["edges"][0]["node"];
    assert_eq!(
        (spring["title"].as_str(), spring["enrolledCount"].as_i64(), spring["sessions"][0]["title"].as_str()),
        (Some("Returning from leave — spring cohort"), Some(1), Some("Week 1: Planning your first day back")),
        "{to_ana}"
    );
    let to_dana = app.graphql(cohorts, json!({}), Some(&dana)).await;
    assert_eq!(to_dana["data"]["programs"]["edges"], json!([]), "{to_dana}");

    // Last spring's #OwningIt feedback: twelve anonymous answers, Ana's to read; by city
    // Hamilton's two are too few, and so one group of five is kept apart with them.
    let feedback = "{ surveys { edges { node { id title anonymous responseCount } } } }";
    let listed = app.graphql(feedback, json!({}), Some(&ana)).await;
    let survey = &listed["data"]["surveys"]["edges"][0]["node"];
    assert_eq!(
        (survey["title"].as_str(), survey["anonymous"].as_bool(), survey["responseCount"].as_i64()),
        (Some("#OwningIt: how was it?"), Some(true), Some(12)),
        "{listed}"
    );
    let results = "query($id: ID!) { surveyResults(id: $id) { breakdown(by: CITY) { suppressedResponses groups { value responses } } } }";
    let split = app.graphql(results, json!({ "id": survey["id"] }), Some(&ana)).await;
    assert_eq!(
        split["data"]["surveyResults"]["breakdown"],
        json!({ "suppressedResponses": 7, "groups": [{ "value": "toronto", "responses": 5 }] }),
        "{split}"
    );

    let again = village::seed::seed(&app.db).await;
    assert!(again.is_err_and(|e| e.to_string().contains("already has members")));
}
