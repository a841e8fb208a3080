//! The HTTP scenarios: what each client sends and how its answer is checked, against a
//! server in its own process (this build's, or the `--server` binary). Every scenario
//! is printed next to a static axum handler measured in the same run, with the server's
//! CPU time per operation and the SQL statements one request ran.

use std::sync::Arc;

use anyhow::{Context, ensure};
use serde_json::{Value, json};

use crate::child::{ServerProcess, Storage};
use crate::load::{Report, RunConfig, header, measure};
use crate::seeding;

const PASSWORD: &str = "benchmark password";
/// Replies in the thread the read scenario pages through.
const THREAD_REPLIES: usize = 50;
/// What a phone asks for when it opens a thread: the thread, a page of replies, their
/// authors and reactions.
pub const THREAD_PAGE: &str = "query($id: ID!, $n: Int!) { thread(id: $id) { title author { displayName } \
                           replies(first: $n) { edges { cursor node { id body createdAt author { id displayName } \
                           reactions { reaction count reactedByMe } } } } } }";

/// The email of benchmark member `n`; unique per process so runs can share a database.
fn email(n: usize) -> String {
    static RUN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| uuid::Uuid::now_v7().simple().to_string());
    format!("bench{n}-{run}@example.com")
}

/// A client for one server, with its GraphQL endpoint.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    graphql_url: String,
    base_url: String,
}

impl Api {
    pub fn new(server: &ServerProcess, clients: usize) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder().pool_max_idle_per_host(clients).build()?;
        Ok(Self { http, graphql_url: format!("{}/graphql", server.url), base_url: server.url.clone() })
    }

    /// The SQL statements the server ran for one request (development servers say).
    async fn statements(&self, query: &str, variables: Value, token: &str) -> anyhow::Result<usize> {
        let request = self.http.post(&self.graphql_url).json(&json!({ "query": query, "variables": variables }));
        let answer = request.bearer_auth(token).send().await?.error_for_status()?;
        let count = answer.headers().get("x-village-sql-statements").context("no statement count header")?;
        Ok(count.to_str()?.parse()?)
    }

    pub async fn graphql(&self, query: &str, variables: Value, token: Option<&str>) -> anyhow::Result<Value> {
        let mut request = self.http.post(&self.graphql_url).json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let answer: Value = request.send().await?.error_for_status()?.json().await?;
        ensure!(answer["errors"].is_null(), "GraphQL errors: {}", answer["errors"]);
        Ok(answer)
    }

    async fn sign_up(&self, n: usize) -> anyhow::Result<String> {
        let query = "mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }";
        let input =
            json!({ "input": { "email": email(n), "password": PASSWORD, "displayName": format!("Bench {n}") } });
        let answer = self.graphql(query, input, None).await?;
        answer["data"]["signUp"]["accessToken"].as_str().map(str::to_owned).context("no access token")
    }

    async fn members(&self, count: usize) -> anyhow::Result<Arc<Vec<String>>> {
        let mut tokens = Vec::with_capacity(count);
        for n in 0..count {
            tokens.push(self.sign_up(n).await?);
        }
        Ok(Arc::new(tokens))
    }

    /// The static handler every scenario is compared with.
    async fn baseline(&self, run: &RunConfig) -> Report {
        let (http, url) = (self.http.clone(), format!("{}/healthz", self.base_url));
        measure("static handler (GET /healthz)", run, move |_| {
            let (http, url) = (http.clone(), url.clone());
            async move {
                let body = http.get(&url).send().await?.error_for_status()?.text().await?;
                ensure!(body == "ok", "unexpected body {body:?}");
                Ok(())
            }
        })
        .await
    }
}

/// [`measure`], with the server's CPU time per operation.
async fn measured<F, Fut>(server: &ServerProcess, name: &str, run: &RunConfig, operation: F) -> anyhow::Result<Report>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    let cpu_before = server.cpu_time()?;
    let mut report = measure(name, run, operation).await;
    report.server_cpu = Some(server.cpu_time()? - cpu_before);
    Ok(report)
}

fn print(reports: &[Report]) {
    println!("{}", header());
    let base = reports.first().map(Report::throughput);
    for report in reports {
        println!("{}", report.row(base));
    }
}

/// Static handler, `me`, and `signIn` + `me`.
pub async fn auth(database_url: Option<String>, redis_url: Option<String>, run: &RunConfig) -> anyhow::Result<()> {
    let storage = Storage::new(database_url, redis_url).await?;
    let server = ServerProcess::start(&storage).await?;
    let api = Api::new(&server, run.clients)?;
    let tokens = api.members(run.clients).await?;
    let baseline = api.baseline(run).await;

    let (me_api, me_tokens) = (api.clone(), Arc::clone(&tokens));
    let me = measured(&server, "me (bearer token)", run, move |n| {
        let (api, tokens) = (me_api.clone(), Arc::clone(&me_tokens));
        async move {
            let answer = api.graphql("{ me { id displayName } }", json!({}), Some(&tokens[n])).await?;
            ensure!(answer["data"]["me"]["displayName"] == format!("Bench {n}"), "wrong member: {answer}");
            Ok(())
        }
    })
    .await?;

    let sign_in_api = api.clone();
    let sign_in = measured(&server, "signIn + me round trip", run, move |n| {
        let api = sign_in_api.clone();
        async move {
            let query = "mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }";
            let answer =
                api.graphql(query, json!({ "input": { "email": email(n), "password": PASSWORD } }), None).await?;
            let token = answer["data"]["signIn"]["accessToken"].as_str().context("no token")?;
            let me = api.graphql("{ me { displayName } }", json!({}), Some(token)).await?;
            ensure!(me["data"]["me"]["displayName"] == format!("Bench {n}"), "wrong member: {me}");
            Ok(())
        }
    })
    .await?;

    print(&[baseline, me, sign_in]);
    Ok(())
}

/// A group all clients belong to and a thread with [`THREAD_REPLIES`] replies, each
/// with a reaction, by several authors.
pub async fn busy_thread(api: &Api, tokens: &[String]) -> anyhow::Result<String> {
    let create_group = "mutation { createGroup(input: { name: \"Bench group\" }) { id } }";
    let group = api.graphql(create_group, json!({}), Some(&tokens[0])).await?;
    let group = group["data"]["createGroup"]["id"].as_str().context("group id")?.to_owned();
    let join = "mutation($g: ID!) { joinGroup(input: { groupId: $g }) { joined } }";
    for token in &tokens[1..] {
        api.graphql(join, json!({ "g": group }), Some(token)).await?;
    }
    let create_thread = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Busy thread\", body: \"Benchmark\" }) { id } }";
    let thread = api.graphql(create_thread, json!({ "g": group }), Some(&tokens[0])).await?;
    let thread = thread["data"]["createThread"]["id"].as_str().context("thread id")?.to_owned();
    let reply = "mutation($t: ID!, $b: String!) { postReply(input: { threadId: $t, body: $b }) { id } }";
    let react = "mutation($r: ID!) { react(input: { replyId: $r, reaction: HUG }) { reacted } }";
    for n in 0..THREAD_REPLIES {
        let author = &tokens[n % tokens.len()];
        let posted = api.graphql(reply, json!({ "t": thread, "b": format!("Reply {n}") }), Some(author)).await?;
        let reply_id = posted["data"]["postReply"]["id"].as_str().context("reply id")?.to_owned();
        api.graphql(react, json!({ "r": reply_id }), Some(&tokens[(n + 1) % tokens.len()])).await?;
    }
    Ok(thread)
}

/// Pages of 20 and 50 replies (authors, reactions) read by `run.clients` members at
/// once, and replies posted by `writers` members at once, to one busy thread.
pub async fn thread(
    database_url: Option<String>,
    redis_url: Option<String>,
    run: &RunConfig,
    writers: usize,
) -> anyhow::Result<()> {
    let storage = Storage::new(database_url, redis_url).await?;
    let server = ServerProcess::start(&storage).await?;
    let api = Api::new(&server, run.clients)?;
    let tokens = Arc::new(seeding::members_with_sessions(&storage.settings()?, run.clients.max(writers).max(2)).await?);
    let thread = Arc::new(busy_thread(&api, &tokens).await?);
    let baseline = api.baseline(run).await;
    let mut reports = vec![baseline];
    for size in [20, THREAD_REPLIES] {
        let (read_api, read_tokens, read_thread) = (api.clone(), Arc::clone(&tokens), Arc::clone(&thread));
        let mut read = measured(&server, &format!("thread page ({size} replies)"), run, move |n| {
            let (api, tokens, thread) = (read_api.clone(), Arc::clone(&read_tokens), Arc::clone(&read_thread));
            async move {
                let answer = api.graphql(THREAD_PAGE, json!({ "id": *thread, "n": size }), Some(&tokens[n])).await?;
                check_page(&answer, size)
            }
        })
        .await?;
        read.statements = Some(api.statements(THREAD_PAGE, json!({ "id": *thread, "n": size }), &tokens[0]).await?);
        reports.push(read);
    }

    let writing = RunConfig { clients: writers, duration: run.duration };
    let (post_api, post_tokens, post_thread) = (api.clone(), Arc::clone(&tokens), Arc::clone(&thread));
    let mut post = measured(&server, "postReply", &writing, move |n| {
        let (api, tokens, thread) = (post_api.clone(), Arc::clone(&post_tokens), Arc::clone(&post_thread));
        async move {
            let body = format!("Bench reply from client {n}");
            let answer = api.graphql(POST_REPLY, json!({ "t": *thread, "b": body }), Some(&tokens[n])).await?;
            ensure!(answer["data"]["postReply"]["body"] == body.as_str(), "reply not echoed: {answer}");
            Ok(())
        }
    })
    .await?;
    post.statements = Some(api.statements(POST_REPLY, json!({ "t": *thread, "b": "counted" }), &tokens[0]).await?);
    reports.push(post);
    print(&reports);
    Ok(())
}

pub const POST_REPLY: &str =
    "mutation($t: ID!, $b: String!) { postReply(input: { threadId: $t, body: $b }) { id body } }";

/// A page of `size` replies, each with its author and its one reaction.
pub fn check_page(answer: &Value, size: usize) -> anyhow::Result<()> {
    let thread = &answer["data"]["thread"];
    ensure!(thread["author"]["displayName"].is_string(), "a thread without author: {answer}");
    let edges = thread["replies"]["edges"].as_array().context("edges")?;
    ensure!(edges.len() == size, "expected {size} replies, got {}", edges.len());
    for edge in edges {
        let node = &edge["node"];
        ensure!(node["author"]["displayName"].is_string(), "a reply without author: {node}");
        ensure!(node["reactions"][0]["count"] == 1, "a reply without its reaction: {node}");
    }
    Ok(())
}
