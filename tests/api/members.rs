//! Member profiles: fields with audiences, children with derived ages, connections, the
//! directory and its filters, and blocking.

use serde_json::{Value, json};

use crate::support::{Member, TestApp, error_code, error_field};

const PROFILE: &str = "id displayName handle headline industry city neighbourhood careerStage returnToWorkDate \
                       interests openTo bio timezone children { bornYear bornMonth dueDate ageMonths } connectionStatus";

async fn update(app: &TestApp, token: &str, input: Value) -> Value {
    let query = format!("mutation($input: UpdateProfileInput!) {{ updateProfile(input: $input) {{ {PROFILE} }} }}");
    app.graphql(&query, json!({ "input": input }), Some(token)).await
}

async fn profile_of(app: &TestApp, token: &str, id: &str) -> Value {
    let query = format!("query($id: ID!) {{ member(id: $id) {{ {PROFILE} }} }}");
    app.graphql(&query, json!({ "id": id }), Some(token)).await["data"]["member"].clone()
}

async fn ana_with_profile(app: &TestApp) -> Member {
    let ana = app.sign_up("ana@example.com", "Ana Lima").await;
    let due = (chrono::Utc::now().date_naive() + chrono::Days::new(90)).to_string();
    let answer = update(app, &ana.access_token, json!({
        "handle": "ana", "headline": "Product manager, returning from leave", "industry": "Tech",
        "city": "Toronto", "neighbourhood": "Leslieville", "careerStage": "RETURNING",
        "returnToWorkDate": "2027-01-11", "interests": ["running", "negotiation"], "openTo": ["COFFEE_CHATS", "MENTORING"],
        "bio": "Two kids, one dog.", "timezone": "America/Toronto",
        "children": [{ "bornYear": 2023, "bornMonth": 4 }, { "dueDate": due }],
        "visibility": [{ "field": "BIO", "visibility": "ONLY_ME" }]
    })).await;
    assert!(answer["errors"].is_null(), "{answer}");
    ana
}

#[tokio::test]
async fn a_member_sees_her_whole_profile_and_derived_ages() {
    let app = TestApp::spawn().await;
    let ana = ana_with_profile(&app).await;
    let me = profile_of(&app, &ana.access_token, &ana.member_id).await;
    assert_eq!(me["headline"], "Product manager, returning from leave");
    assert_eq!(me["openTo"], json!(["COFFEE_CHATS", "MENTORING"]));
    assert_eq!(me["bio"], "Two kids, one dog.", "she sees her own ONLY_ME fields");
    assert_eq!(me["children"][0]["bornYear"], 2023);
    assert!(me["children"][0]["ageMonths"].as_i64().is_some_and(|months| months >= 40), "{me}");
    assert_eq!(me["children"][1]["ageMonths"], Value::Null, "not born yet");
}

#[tokio::test]
async fn hidden_fields_read_as_null_until_members_connect() {
    let app = TestApp::spawn().await;
    let ana = ana_with_profile(&app).await;
    let bea = app.member("bea").await;

    let stranger_view = profile_of(&app, &bea.access_token, &ana.member_id).await;
    assert_eq!(stranger_view["city"], "Toronto");
    assert_eq!(stranger_view["neighbourhood"], Value::Null, "CONNECTIONS by default");
    assert_eq!(stranger_view["children"], Value::Null);
    assert_eq!(stranger_view["bio"], Value::Null);

    let request = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { status } }";
    let asked = app.graphql(request, json!({ "m": ana.member_id }), Some(&bea.access_token)).await;
    assert_eq!(asked["data"]["requestConnection"]["status"], "REQUESTED_BY_ME", "{asked}");
    assert_eq!(profile_of(&app, &ana.access_token, &bea.member_id).await["connectionStatus"], "REQUESTED_BY_THEM");
    let accept = "mutation($m: ID!) { acceptConnection(input: { memberId: $m }) { status } }";
    assert_eq!(
        app.graphql(accept, json!({ "m": bea.member_id }), Some(&ana.access_token)).await["data"]["acceptConnection"]["status"],
        "CONNECTED"
    );

    let connected_view = profile_of(&app, &bea.access_token, &ana.member_id).await;
    assert_eq!(connected_view["neighbourhood"], "Leslieville");
    assert_eq!(connected_view["children"][0]["bornYear"], 2023);
    assert_eq!(connected_view["bio"], Value::Null, "ONLY_ME stays hidden");
    assert_eq!(connected_view["connectionStatus"], "CONNECTED");
}

#[tokio::test]
async fn update_profile_refuses_bad_input_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let ana = ana_with_profile(&app).await;
    let before = profile_of(&app, &ana.access_token, &ana.member_id).await;
    let cases = [
        (json!({ "handle": "a" }), "handle"),
        (json!({ "handle": "ana smith" }), "handle"),
        (json!({ "headline": "h".repeat(121) }), "headline"),
        (json!({ "avatarUrl": "http://example.com/a.png" }), "avatarUrl"),
        (json!({ "timezone": "Mars/Olympus" }), "timezone"),
        (json!({ "children": [{ "bornYear": 2099, "bornMonth": 1 }] }), "children"),
        (json!({ "children": [{ "bornYear": 2020, "bornMonth": 13 }] }), "children"),
        (json!({ "children": [{ "dueDate": "2001-01-01" }] }), "children"),
        (json!({ "children": [{ "dueDate": "2099-01-01" }] }), "children"),
        (json!({ "interests": vec!["x"; 21] }), "interests"),
        (json!({ "displayName": " " }), "displayName"),
        (json!({ "openTo": vec!["MENTORING"; 60_000] }), "openTo"),
        (json!({ "visibility": vec![json!({ "field": "BIO", "visibility": "MEMBERS" }); 20_000] }), "visibility"),
        (
            json!({ "visibility": [{ "field": "BIO", "visibility": "ONLY_ME" }, { "field": "BIO", "visibility": "MEMBERS" }] }),
            "visibility",
        ),
    ];
    for (input, field) in cases {
        let answer = update(&app, &ana.access_token, input).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", field), "{answer}");
    }
    let bea = app.member("bea").await;
    let taken = update(&app, &bea.access_token, json!({ "handle": "ANA" })).await;
    assert_eq!((error_code(&taken), error_field(&taken)), ("CONFLICT", "handle"));
    assert_eq!(profile_of(&app, &ana.access_token, &ana.member_id).await, before);
}

#[tokio::test]
async fn the_directory_filters_on_what_the_viewer_may_see() {
    let app = TestApp::spawn().await;
    let ana = ana_with_profile(&app).await;
    let bea = app.sign_up("bea@example.com", "Bea Santos").await;
    update(&app, &bea.access_token, json!({ "city": "toronto", "careerStage": "SELF_EMPLOYED", "openTo": ["PLAYDATES"],
        "children": [{ "bornYear": 2016, "bornMonth": 9 }], "visibility": [{ "field": "CHILDREN", "visibility": "MEMBERS" }] })).await;
    let cat = app.member("cat").await;
    update(
        &app,
        &cat.access_token,
        json!({ "city": "Toronto", "visibility": [{ "field": "CITY", "visibility": "ONLY_ME" }] }),
    )
    .await;
    let viewer = app.member("dee").await;

    let search = "query($f: MemberFilter) { members(filter: $f) { edges { node { displayName } } } }";
    let names = |answer: Value| -> Vec<String> {
        answer["data"]["members"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["displayName"].as_str().unwrap().to_owned())
            .collect()
    };
    let find = |filter: Value| {
        let app = &app;
        let token = viewer.access_token.clone();
        async move { names(app.graphql(search, json!({ "f": filter }), Some(&token)).await) }
    };
    assert_eq!(find(json!({ "city": "TORONTO" })).await, ["Ana Lima", "Bea Santos"], "Cat's city is hers alone");
    assert_eq!(find(json!({ "careerStage": "SELF_EMPLOYED" })).await, ["Bea Santos"]);
    assert_eq!(find(json!({ "openTo": "COFFEE_CHATS" })).await, ["Ana Lima"]);
    assert_eq!(find(json!({ "search": "product" })).await, ["Ana Lima"]);
    assert_eq!(find(json!({ "search": "santos" })).await, ["Bea Santos"]);
    assert_eq!(find(json!({ "childMinAgeYears": 5, "childMaxAgeYears": 12 })).await, ["Bea Santos"]);
    assert_eq!(
        find(json!({ "childMaxAgeYears": 4 })).await,
        Vec::<String>::new(),
        "Ana's children are for her connections"
    );
    for (filter, field) in [
        (json!({ "childMinAgeYears": 9, "childMaxAgeYears": 2 }), "childMinAgeYears"),
        (json!({ "childMinAgeYears": 4_000_000_000u32 }), "childMinAgeYears"),
        (json!({ "childMaxAgeYears": 41 }), "childMaxAgeYears"),
    ] {
        let bad = app.graphql(search, json!({ "f": filter }), Some(&viewer.access_token)).await;
        assert_eq!((error_code(&bad), error_field(&bad)), ("BAD_USER_INPUT", field), "{filter}: {bad}");
    }
    assert_eq!(find(json!({ "childMinAgeYears": 20 })).await, Vec::<String>::new(), "no child is that old here");
    let _ = ana;
}

#[tokio::test]
async fn blocked_members_never_appear_in_the_directory_and_cannot_connect() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let bea = app.member("bea").await;
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    app.graphql(block, json!({ "m": bea.member_id }), Some(&ana.access_token)).await;

    for (viewer, other) in [(&ana, &bea), (&bea, &ana)] {
        let listed = app.graphql("{ members { edges { node { id } } } }", json!({}), Some(&viewer.access_token)).await;
        let ids: Vec<&str> = listed["data"]["members"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap())
            .collect();
        assert!(!ids.contains(&other.member_id.as_str()), "{listed}");
        let direct = app
            .graphql(
                "query($id: ID!) { member(id: $id) { id } }",
                json!({ "id": other.member_id }),
                Some(&viewer.access_token),
            )
            .await;
        assert_eq!(error_code(&direct), "NOT_FOUND");
    }
    let request = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { status } }";
    assert_eq!(
        error_code(&app.graphql(request, json!({ "m": ana.member_id }), Some(&bea.access_token)).await),
        "FORBIDDEN"
    );
    assert_eq!(app.count("connections").await, 0);
    let myself = app.graphql(block, json!({ "m": ana.member_id }), Some(&ana.access_token)).await;
    assert_eq!(error_field(&myself), "memberId");
}

#[tokio::test]
async fn filters_fold_case_beyond_ascii_on_both_databases() {
    let app = TestApp::spawn().await;
    let eve = app.sign_up("eve@example.com", "Ève Tremblay").await;
    update(&app, &eve.access_token, json!({ "city": "Montréal", "industry": "Édition" })).await;
    let viewer = app.member("dee").await;
    let search = "query($f: MemberFilter) { members(filter: $f) { edges { node { displayName } } } }";

    for filter in [json!({ "city": "MONTRÉAL" }), json!({ "industry": "édition" }), json!({ "search": "ÈVE" })] {
        let answer = app.graphql(search, json!({ "f": filter }), Some(&viewer.access_token)).await;
        assert_eq!(answer["data"]["members"]["edges"][0]["node"]["displayName"], "Ève Tremblay", "{filter}: {answer}");
    }
}
