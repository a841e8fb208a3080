//! The GraphQL platform: refusals before any resolver runs (size, JSON, batch, aliases,
//! directives, depth, complexity), production switches, Relay pagination, WebSocket.

use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, error_code, error_field, error_reason};

fn sign_up_body(email: &str) -> Value {
    json!({
        "query": "mutation($input: SignUpInput!) { signUp(input: $input) { member { id } } }",
        "variables": { "input": { "email": email, "password": PASSWORD, "displayName": "Ana" } }
    })
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_refused_unexecuted() {
    let app = TestApp::spawn().await;
    let mut body = sign_up_body("ana@example.com");
    body["variables"]["padding"] = json!("x".repeat(1024 * 1024));

    let (status, answer) = app.post_raw(body.to_string(), None).await;

    assert_eq!(status, 413);
    assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
    assert_eq!(error_reason(&answer), "BODY_TOO_LARGE");
    assert_eq!(app.count("members").await, 0);
}

#[tokio::test]
async fn malformed_json_is_refused_unexecuted() {
    let app = TestApp::spawn().await;
    let truncated = sign_up_body("ana@example.com").to_string();
    let truncated = &truncated[..truncated.len() - 5];
    for body in [truncated, "", "[1, 2]", r#"{"query": 42}"#] {
        let (status, answer) = app.post_raw(body.to_owned(), None).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(error_code(&answer), "BAD_USER_INPUT");
        assert_eq!(error_reason(&answer), "MALFORMED_JSON", "{body}: {answer}");
        let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(!message.contains("enum") && !message.contains("BatchRequest"), "no Rust type names: {message}");
    }
    assert_eq!(app.count("members").await, 0);
}

fn create_group_body(name: &str) -> Value {
    json!({
        "query": "mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }",
        "variables": { "input": { "name": name } }
    })
}

#[tokio::test]
async fn batches_run_up_to_ten_operations_and_larger_ones_are_refused_whole() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let eleven: Vec<Value> = (0..11).map(|n| create_group_body(&format!("Group {n}"))).collect();

    let (status, answer) = app.post_raw(Value::from(eleven).to_string(), Some(&ana.access_token)).await;

    assert_eq!(status, 400);
    assert_eq!(error_reason(&answer), "BATCH_TOO_LARGE", "{answer}");
    assert_eq!(app.count("groups").await, 0);

    let ten: Vec<Value> = (0..10).map(|n| create_group_body(&format!("Group {n}"))).collect();
    let (status, answers) = app.post_raw(Value::from(ten).to_string(), Some(&ana.access_token)).await;
    assert_eq!(status, 200);
    let answers = answers.as_array().expect("one answer per operation").clone();
    assert_eq!(answers.len(), 10);
    assert!(answers.iter().all(|answer| answer["errors"].is_null()), "{answers:?}");
    assert_eq!(app.count("groups").await, 10);
}

#[tokio::test]
async fn too_many_aliases_or_directives_are_refused_unexecuted() {
    let app = TestApp::spawn().await;
    let input = format!(r#"input: {{ email: "a@example.com", password: "{PASSWORD}", displayName: "Ana" }}"#);
    let aliases: String = (0..201).map(|n| format!("a{n}: signUp({input}) {{ accessToken }} ")).collect();
    let directives: String = (0..201).map(|_| "@include(if: true) ").collect();
    let cases = [
        (format!("mutation {{ {aliases} }}"), "TOO_MANY_ALIASES"),
        (format!("mutation {{ signUp({input}) {{ accessToken {directives} }} }}"), "TOO_MANY_DIRECTIVES"),
    ];
    for (query, reason) in cases {
        let answer = app.graphql(&query, json!({}), None).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        assert_eq!(error_reason(&answer), reason);
    }
    assert_eq!(app.count("members").await, 0);
}

#[tokio::test]
async fn too_deep_and_too_complex_queries_are_refused_before_resolving() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }";
    let page = "members(first: 100) { edges { cursor node { id displayName email createdAt } } }";
    let complex = format!("{{ a: {page} b: {page} c: {page} d: {page} e: {page} }}");

    for (query, reason) in [(deep.to_owned(), "QUERY_TOO_DEEP"), (complex, "QUERY_TOO_COMPLEX")] {
        let answer = app.graphql(&query, json!({}), Some(&ana.access_token)).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        assert_eq!(error_reason(&answer), reason);
        assert!(answer["data"].is_null(), "nothing was resolved: {answer}");
    }
    let one_page = app.graphql(&format!("{{ {page} }}"), json!({}), Some(&ana.access_token)).await;
    assert!(one_page["errors"].is_null(), "a single full page is fine: {one_page}");
}

#[tokio::test]
async fn unknown_fields_and_wrong_argument_types_are_bad_user_input() {
    let app = TestApp::spawn().await;
    for query in ["{ nope }", "{ members(first: \"ten\") { edges { cursor } } }", "{ me { "] {
        let answer = app.graphql(query, json!({}), None).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{query}: {answer}");
    }
}

#[tokio::test]
async fn development_servers_offer_introspection_suggestions_and_graphiql() {
    let app = TestApp::spawn().await;
    let introspection = app.graphql("{ __schema { queryType { name } } }", json!({}), None).await;
    assert_eq!(introspection["data"]["__schema"]["queryType"]["name"], "Query");
    let typo = app.graphql("{ membrs { edges { cursor } } }", json!({}), None).await;
    assert!(typo["errors"][0]["message"].as_str().is_some_and(|m| m.contains("Did you mean")), "{typo}");
    let (status, page) = app.get("/graphql").await;
    assert_eq!(status, 200);
    assert!(page.contains("graphiql"), "GraphiQL page expected");
}

#[tokio::test]
async fn production_servers_hide_introspection_suggestions_and_graphiql() {
    let app = TestApp::spawn_with(|settings| {
        settings.production = true;
        settings.vapid_subject = Some("mailto:ops@village.example".into());
        settings.email.email_from = Some("Village <hello@village.example>".into());
        settings.email.public_url = Some("https://api.village.example".parse().unwrap());
    })
    .await;
    let introspection = app.graphql("{ __schema { queryType { name } } }", json!({}), None).await;
    // async-graphql answers disabled introspection with null, not an error.
    assert!(introspection["data"]["__schema"].is_null(), "{introspection}");
    let type_lookup = app.graphql(r#"{ __type(name: "Member") { name } }"#, json!({}), None).await;
    assert!(type_lookup["data"]["__type"].is_null(), "{type_lookup}");
    let typo = app.graphql("{ membrs { edges { cursor } } }", json!({}), None).await;
    assert_eq!(error_code(&typo), "BAD_USER_INPUT");
    assert!(typo["errors"][0]["message"].as_str().is_some_and(|m| !m.contains("Did you mean")), "{typo}");
    assert_eq!(app.get("/graphql").await.0, 404);
}

#[tokio::test]
async fn the_member_directory_pages_forward_and_backward_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(app.sign_up(&format!("m{n}@example.com"), &format!("Member {n}")).await.member_id.clone());
    }
    let token =
        app.sign_in("m0@example.com", PASSWORD).await["data"]["signIn"]["accessToken"].as_str().unwrap().to_owned();
    let query = "query($after: String) { members(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";

    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let answer = app.graphql(query, json!({ "after": after }), Some(&token)).await;
        let connection = &answer["data"]["members"];
        seen.extend(
            connection["edges"].as_array().expect("edges").iter().map(|e| e["node"]["id"].as_str().unwrap().to_owned()),
        );
        if connection["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, ids);

    let last_two = app
        .graphql("{ members(last: 2) { edges { node { id } } pageInfo { hasPreviousPage } } }", json!({}), Some(&token))
        .await;
    let last_ids: Vec<&str> = last_two["data"]["members"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(last_ids, [ids[3].as_str(), ids[4].as_str()]);
    assert_eq!(last_two["data"]["members"]["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn bad_page_arguments_name_the_argument() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let cases = [
        ("{ members(first: 101) { edges { cursor } } }", "first"),
        ("{ members(first: -1) { edges { cursor } } }", "first"),
        ("{ members(first: 1, last: 1) { edges { cursor } } }", "last"),
        (r#"{ members(after: "not-a-cursor") { edges { cursor } } }"#, "after"),
        (r#"{ members(last: 2, before: "bm9wZQ") { edges { cursor } } }"#, "before"),
    ];
    for (query, field) in cases {
        let answer = app.graphql(query, json!({}), Some(&ana.access_token)).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{query}: {answer}");
        assert_eq!(error_field(&answer), field, "{query}: {answer}");
    }
}

#[tokio::test]
async fn top_level_fields_come_back_in_the_order_asked() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let query = "{ notifications { edges { node { id } } } groups { edges { node { id } } } me { id } \
                 b: vapidPublicKey ...More } fragment More on Query { a: __typename events { edges { node { id } } } }";
    let body = json!({ "query": query });

    let response = app.http.post(format!("{}/graphql", app.url)).bearer_auth(&ana.access_token).json(&body);
    let text = response.send().await.unwrap().text().await.unwrap();

    let keys = ["\"notifications\"", "\"groups\"", "\"me\"", "\"b\"", "\"a\"", "\"events\""];
    let at: Vec<usize> = keys.iter().map(|key| text.find(key).unwrap_or_else(|| panic!("{key} in {text}"))).collect();
    assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
}

#[tokio::test]
async fn fragments_spreading_into_billions_of_fields_are_refused_unexpanded() {
    let app = TestApp::spawn().await;
    // 3 KB of text standing for 4^30 fields.
    let mut query = String::from("query { ...F0 }");
    for n in 0..30 {
        query += &format!(" fragment F{n} on Query {{ ...F{next} ...F{next} ...F{next} ...F{next} }}", next = n + 1);
    }
    query += " fragment F30 on Query { __typename }";
    let cycle = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
    // 20 000 fragments, each spreading the next: no walk may recurse that deep.
    let mut chain = String::from("query { ...C0 }");
    for n in 0..20_000 {
        chain += &format!(" fragment C{n} on Query {{ ...C{} }}", n + 1);
    }
    chain += " fragment C20000 on Query { __typename }";

    let bomb = app.graphql(&query, json!({}), None).await;
    let looped = app.graphql(cycle, json!({}), None).await;
    let deep = app.graphql(&chain, json!({}), None).await;

    assert_eq!(error_reason(&bomb), "QUERY_TOO_COMPLEX", "{bomb}");
    assert_eq!(error_reason(&looped), "GRAPHQL_VALIDATION_FAILED", "{looped}");
    assert_eq!(error_reason(&deep), "QUERY_TOO_DEEP", "{}", deep.to_string().chars().take(300).collect::<String>());
    assert_eq!(app.get("/healthz").await.0, 200, "the server is still up");
}

/// The `access-control-allow-origin` a browser at `origin` is told before it posts.
async fn preflight(url: &str, origin: &str) -> Option<String> {
    let response = crate::support::http_client()
        .request(reqwest::Method::OPTIONS, format!("{url}/graphql"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization, content-type")
        .send()
        .await
        .expect("preflight answered");
    let allowed = response.headers().get("access-control-allow-origin")?;
    Some(allowed.to_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn browsers_may_call_the_api_from_the_allowed_origins_only() {
    let open = TestApp::spawn().await;
    assert_eq!(
        preflight(&open.url, "https://app.village.example").await.as_deref(),
        Some("*"),
        "any origin by default"
    );

    let listed =
        TestApp::spawn_with(|settings| settings.allowed_origins = vec!["https://app.village.example".into()]).await;
    assert_eq!(
        preflight(&listed.url, "https://app.village.example").await.as_deref(),
        Some("https://app.village.example")
    );
    assert_eq!(preflight(&listed.url, "https://evil.example").await, None, "another origin is not allowed");
}
