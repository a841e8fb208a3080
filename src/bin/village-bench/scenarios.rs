//! The scenarios: what each client sends and how its answer is checked.

use std::sync::Arc;

use anyhow::{Context, ensure};
use serde_json::{Value, json};

use crate::BenchServer;
use crate::load::{RunConfig, header, measure};

const PASSWORD: &str = "benchmark password";

/// The email of benchmark member `n`; unique per process so runs can share a database.
fn email(n: usize) -> String {
    static RUN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| uuid::Uuid::now_v7().simple().to_string());
    format!("bench{n}-{run}@example.com")
}

async fn graphql(http: &reqwest::Client, url: &str, body: Value, token: Option<&str>) -> anyhow::Result<Value> {
    let mut request = http.post(url).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let answer: Value = request.send().await?.error_for_status()?.json().await?;
    ensure!(answer["errors"].is_null(), "GraphQL errors: {}", answer["errors"]);
    Ok(answer)
}

async fn sign_up(http: &reqwest::Client, url: &str, n: usize) -> anyhow::Result<String> {
    let body = json!({
        "query": "mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }",
        "variables": { "input": { "email": email(n), "password": PASSWORD, "displayName": format!("Bench {n}") } }
    });
    let answer = graphql(http, url, body, None).await?;
    answer["data"]["signUp"]["accessToken"].as_str().map(str::to_owned).context("no access token")
}

fn http_client(clients: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder().pool_max_idle_per_host(clients).build()?)
}

/// Static handler, `me`, and `signIn` + `me`.
pub async fn auth(server: &BenchServer, run: &RunConfig) -> anyhow::Result<()> {
    let http = http_client(run.clients)?;
    let graphql_url = format!("{}/graphql", server.url);
    let mut tokens = Vec::with_capacity(run.clients);
    for n in 0..run.clients {
        tokens.push(sign_up(&http, &graphql_url, n).await?);
    }
    let tokens = Arc::new(tokens);

    let (client, url) = (http.clone(), format!("{}/healthz", server.url));
    let baseline = measure("static handler (GET /healthz)", run, move |_| {
        let (client, url) = (client.clone(), url.clone());
        async move {
            let body = client.get(&url).send().await?.error_for_status()?.text().await?;
            ensure!(body == "ok", "unexpected body {body:?}");
            Ok(())
        }
    })
    .await;

    let (client, url, me_tokens) = (http.clone(), graphql_url.clone(), Arc::clone(&tokens));
    let me = measure("me (bearer token)", run, move |n| {
        let (client, url, tokens) = (client.clone(), url.clone(), Arc::clone(&me_tokens));
        async move {
            let answer =
                graphql(&client, &url, json!({ "query": "{ me { id displayName } }" }), Some(&tokens[n])).await?;
            ensure!(answer["data"]["me"]["displayName"] == format!("Bench {n}"), "wrong member: {answer}");
            Ok(())
        }
    })
    .await;

    let (client, url) = (http.clone(), graphql_url.clone());
    let sign_in = measure("signIn + me round trip", run, move |n| {
        let (client, url) = (client.clone(), url.clone());
        async move {
            let body = json!({
                "query": "mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }",
                "variables": { "input": { "email": email(n), "password": PASSWORD } }
            });
            let answer = graphql(&client, &url, body, None).await?;
            let token = answer["data"]["signIn"]["accessToken"].as_str().context("no token")?;
            let me = graphql(&client, &url, json!({ "query": "{ me { displayName } }" }), Some(token)).await?;
            ensure!(me["data"]["me"]["displayName"] == format!("Bench {n}"), "wrong member: {me}");
            Ok(())
        }
    })
    .await;

    println!("{}", header());
    let base = baseline.throughput();
    for report in [&baseline, &me, &sign_in] {
        println!("{}", report.row(Some(base)));
    }
    Ok(())
}
