//! The `village` binary as an operator meets it: help, clear start-up errors, schema
//! export, migrations, and two server processes sharing one database.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;

use crate::support::{
    JWT_SECRET, PASSWORD, SETTING_VARIABLES, ServerProcess, TestApp, TestDatabase, VAPID_PRIVATE_KEY, connect_to,
    error_code, eventually, postgres_admin_url, receive, send, village,
};

#[tokio::test]
async fn help_lists_every_setting_and_its_variable() {
    let dir = tempfile::tempdir().unwrap();
    let output = village(dir.path()).arg("--help").output().await.unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for variable in SETTING_VARIABLES {
        assert!(help.contains(variable), "--help does not mention {variable}:\n{help}");
    }
    for command in ["serve", "migrate", "export-schema", "seed-demo"] {
        assert!(help.contains(command), "--help does not mention {command}");
    }
}

async fn assert_refuses_to_start(data_dir: &Path, env: &[(&str, &str)], expected: &str) {
    let output = village(data_dir).envs(env.iter().copied()).arg("serve").output().await.unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "started with {env:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Our own errors are one `village: …` line; clap reports bad flags as `error: …`.
    let explained = stderr
        .lines()
        .any(|line| (line.starts_with("village: ") || line.starts_with("error: ")) && line.contains(expected));
    assert!(explained, "{stderr}");
}

#[tokio::test]
async fn unusable_settings_end_the_process_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let not_a_dir = file.join("data");
    let not_a_dir = not_a_dir.to_str().unwrap();

    assert_refuses_to_start(dir.path(), &[("DATABASE_URL", "mysql://db/village")], "unsupported database URL").await;
    assert_refuses_to_start(
        dir.path(),
        &[
            ("DATABASE_URL", "postgres://postgres@127.0.0.1:1/village"),
            ("VILLAGE_JWT_SECRET", JWT_SECRET),
            ("VILLAGE_VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY),
        ],
        "cannot connect to PostgreSQL",
    )
    .await;
    let reachable = postgres_admin_url().unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into());
    assert_refuses_to_start(dir.path(), &[("DATABASE_URL", &reachable)], "VILLAGE_JWT_SECRET is required").await;
    let without_vapid = [("DATABASE_URL", reachable.as_str()), ("VILLAGE_JWT_SECRET", JWT_SECRET)];
    assert_refuses_to_start(dir.path(), &without_vapid, "VILLAGE_VAPID_PRIVATE_KEY is required").await;
    let production = [("VILLAGE_PRODUCTION", "true")];
    assert_refuses_to_start(dir.path(), &production, "VILLAGE_VAPID_SUBJECT is required in production").await;
    let with_subject = [("VILLAGE_PRODUCTION", "true"), ("VILLAGE_VAPID_SUBJECT", "mailto:ops@village.example")];
    assert_refuses_to_start(dir.path(), &with_subject, "VILLAGE_SMTP_URL is required in production").await;
    assert_refuses_to_start(dir.path(), &[("VILLAGE_DATA_DIR", not_a_dir)], "cannot create the data dir").await;
    assert_refuses_to_start(dir.path(), &[("REDIS_URL", "redis://127.0.0.1:1")], "Redis").await;
    assert_refuses_to_start(dir.path(), &[("VILLAGE_BIND", "not-an-address")], "invalid value").await;
    let missing = dir.path().join("no-manifest.json");
    assert_refuses_to_start(
        dir.path(),
        &[("VILLAGE_TRUSTED_DOCUMENTS", missing.to_str().unwrap())],
        "no-manifest.json",
    )
    .await;
    let forged = dir.path().join("forged.json");
    std::fs::write(&forged, r#"{"0000000000000000000000000000000000000000000000000000000000000000": "{ me { id } }"}"#)
        .unwrap();
    assert_refuses_to_start(dir.path(), &[("VILLAGE_TRUSTED_DOCUMENTS", forged.to_str().unwrap())], "forged.json")
        .await;
    let half_apns = [("VILLAGE_APNS_KEY_ID", "ABC123DEFG")];
    assert_refuses_to_start(dir.path(), &half_apns, "APNs needs all of VILLAGE_APNS_KEY").await;
    let not_p8 = crate::support::native_push::fixture("fcm-service-account.key");
    let wrong_key = [
        ("VILLAGE_APNS_KEY", not_p8.to_str().unwrap()),
        ("VILLAGE_APNS_KEY_ID", "ABC123DEFG"),
        ("VILLAGE_APNS_TEAM_ID", "TEAM123456"),
        ("VILLAGE_APNS_TOPIC", "org.village.app"),
    ];
    assert_refuses_to_start(dir.path(), &wrong_key, "VILLAGE_APNS_KEY is not Apple's .p8 key").await;
    let no_credentials = dir.path().join("no-service-account.json");
    let fcm = [("VILLAGE_FCM_CREDENTIALS", no_credentials.to_str().unwrap())];
    assert_refuses_to_start(dir.path(), &fcm, "cannot read VILLAGE_FCM_CREDENTIALS").await;
    assert_refuses_to_start(dir.path(), &[("VILLAGE_FCM_CREDENTIALS", file.to_str().unwrap())], "service-account key")
        .await;
}

#[tokio::test]
async fn export_schema_prints_the_committed_schema_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = village(dir.path()).arg("export-schema").output().await.unwrap();
    assert!(output.status.success());
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql")).unwrap();
    let exported = String::from_utf8_lossy(&output.stdout);
    assert!(exported == committed, "schema.graphql is stale: run `cargo run -- export-schema > schema.graphql`");
}

#[tokio::test]
async fn migrate_creates_the_embedded_database() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let status = village(&data_dir).arg("migrate").status().await.unwrap();
    assert!(status.success());
    assert!(data_dir.join("village.sqlite3").exists());
}

/// The `http://…` address a process logs after `marker`; its output is drained after.
async fn listening_address(stdout: tokio::process::ChildStdout, marker: &str) -> String {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut lines = BufReader::new(stdout).lines();
    let address = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(at) = line.find(marker) {
                let rest = &line[at + marker.len()..];
                return format!("http://{}", rest.split_whitespace().next().unwrap());
            }
        }
        panic!("the process exited before listening");
    })
    .await
    .expect("listening within a minute");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    address
}

const AUTH: &str = "accessToken refreshToken member { id displayName }";

#[tokio::test]
async fn two_server_processes_share_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;
    // With PostgreSQL both get the secret from the environment; with SQLite they share
    // the data dir and the secret generated there.
    let from_env = postgres_admin_url().is_some();
    // Without the grace a retried refresh gets, reuse is refused at once.
    let no_grace = ["--refresh-reuse-grace-secs", "0"];
    let a = ServerProcess::start_with_args(dir.path(), &database.url, from_env, None, &no_grace).await;
    let b = ServerProcess::start_with_args(dir.path(), &database.url, from_env, None, &no_grace).await;

    let signed_up = a.graphql(&format!("mutation {{ signUp(input: {{ email: \"ana@example.com\", password: \"{PASSWORD}\", displayName: \"Ana\" }}) {{ {AUTH} }} }}"), json!({}), None).await;
    let access = signed_up["data"]["signUp"]["accessToken"].as_str().expect("signed up").to_owned();
    let old_refresh = signed_up["data"]["signUp"]["refreshToken"].as_str().unwrap().to_owned();
    assert_eq!(b.graphql("{ me { displayName } }", json!({}), Some(&access)).await["data"]["me"]["displayName"], "Ana");

    let refresh = "mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken refreshToken } }";
    let refreshed = b.graphql(refresh, json!({ "t": old_refresh }), None).await;
    let new_access = refreshed["data"]["refreshSession"]["accessToken"].as_str().expect("refreshed on B").to_owned();
    let reused = a.graphql(refresh, json!({ "t": old_refresh }), None).await;
    assert_eq!(error_code(&reused), "UNAUTHENTICATED", "{reused}");
    assert_eq!(
        error_code(&b.graphql("{ me { id } }", json!({}), Some(&new_access)).await),
        "UNAUTHENTICATED",
        "family revoked for B too"
    );

    let sign_in = format!(
        "mutation {{ signIn(input: {{ email: \"ana@example.com\", password: \"{PASSWORD}\" }}) {{ {AUTH} }} }}"
    );
    let signed_in = b.graphql(&sign_in, json!({}), None).await;
    let token = signed_in["data"]["signIn"]["accessToken"].as_str().expect("signed in on B").to_owned();
    assert_eq!(a.graphql("{ me { displayName } }", json!({}), Some(&token)).await["data"]["me"]["displayName"], "Ana");

    a.terminate().await;
    b.terminate().await;
}

#[tokio::test]
async fn the_in_process_helper_and_the_binary_agree_on_the_schema() {
    let app = TestApp::spawn().await;
    let typename = app.graphql("{ __typename }", json!({}), None).await;
    assert_eq!(typename["data"]["__typename"], "Query");
    assert!(village::schema::sdl().contains("signUp(input: SignUpInput!): AuthPayload!"));
}

#[tokio::test]
async fn with_redis_a_reply_on_one_server_process_reaches_a_subscriber_on_another() {
    let Ok(redis) = std::env::var("VILLAGE_TEST_REDIS_URL") else {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: runs in the Redis stage of CI");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;
    let from_env = postgres_admin_url().is_some();
    let a = ServerProcess::start_with_redis(dir.path(), &database.url, from_env, Some(&redis)).await;
    let b = ServerProcess::start_with_redis(dir.path(), &database.url, from_env, Some(&redis)).await;
    let sign_up = |name: &str| {
        format!(
            "mutation {{ signUp(input: {{ email: \"{name}@example.com\", password: \"{PASSWORD}\", displayName: \"{name}\" }}) {{ accessToken }} }}"
        )
    };
    let ana =
        a.graphql(&sign_up("ana"), json!({}), None).await["data"]["signUp"]["accessToken"].as_str().unwrap().to_owned();
    let bea =
        a.graphql(&sign_up("bea"), json!({}), None).await["data"]["signUp"]["accessToken"].as_str().unwrap().to_owned();
    let group =
        a.graphql("mutation { createGroup(input: { name: \"Moms at Work\" }) { id } }", json!({}), Some(&ana)).await;
    let group = group["data"]["createGroup"]["id"].as_str().unwrap().to_owned();
    a.graphql("mutation($g: ID!) { joinGroup(input: { groupId: $g }) { joined } }", json!({ "g": group }), Some(&bea))
        .await;
    let thread = a
        .graphql(
            "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Live\", body: \"Hi\" }) { id } }",
            json!({ "g": group }),
            Some(&ana),
        )
        .await;
    let thread = thread["data"]["createThread"]["id"].as_str().unwrap().to_owned();
    let reply = "mutation($t: ID!, $b: String!) { postReply(input: { threadId: $t, body: $b }) { id } }";
    a.graphql(reply, json!({ "t": thread, "b": "first" }), Some(&ana)).await;
    let page = b
        .graphql(
            "query($t: ID!) { thread(id: $t) { replies { edges { cursor } } } }",
            json!({ "t": thread }),
            Some(&bea),
        )
        .await;
    let cursor = page["data"]["thread"]["replies"]["edges"][0]["cursor"].as_str().unwrap().to_owned();

    let mut socket = connect_to(&b.url, "graphql-transport-ws").await;
    send(&mut socket, json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {bea}") } }))
        .await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    let updates = "subscription($t: ID!, $a: String) { threadUpdates(threadId: $t, after: $a) { reply { body } } }";
    send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": { "query": updates, "variables": { "t": thread, "a": cursor } } })).await;
    a.graphql(reply, json!({ "t": thread, "b": "from process A" }), Some(&ana)).await;

    let update = receive(&mut socket).await;
    assert_eq!(update["payload"]["data"]["threadUpdates"]["reply"]["body"], "from process A", "{update}");
    a.terminate().await;
    b.terminate().await;
}

#[tokio::test]
async fn a_worker_process_runs_the_jobs_of_a_server_started_without_workers() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;
    let from_env = postgres_admin_url().is_some();
    let server = ServerProcess::start_with_args(dir.path(), &database.url, from_env, None, &["--no-worker"]).await;
    let mut tokens = Vec::new();
    for (email, name) in [("ana@example.com", "Ana"), ("bea@example.com", "Bea")] {
        let query = format!(
            "mutation {{ signUp(input: {{ email: \"{email}\", password: \"{PASSWORD}\", displayName: \"{name}\" }}) {{ {AUTH} }} }}"
        );
        let answer = server.graphql(&query, json!({}), None).await;
        tokens.push(answer["data"]["signUp"]["accessToken"].as_str().expect("signed up").to_owned());
    }
    let group = server
        .graphql("mutation { createGroup(input: { name: \"Moms at Work\" }) { id } }", json!({}), Some(&tokens[0]))
        .await;
    let group = group["data"]["createGroup"]["id"].as_str().expect("group").to_owned();
    let thread = server
        .graphql(
            "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Sick days\", body: \"How?\" }) { id } }",
            json!({ "g": group }),
            Some(&tokens[0]),
        )
        .await;
    let thread = thread["data"]["createThread"]["id"].as_str().expect("thread").to_owned();
    server
        .graphql(
            "mutation($g: ID!) { joinGroup(input: { groupId: $g }) { joined } }",
            json!({ "g": group }),
            Some(&tokens[1]),
        )
        .await;
    server
        .graphql(
            "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Same here\" }) { id } }",
            json!({ "t": thread }),
            Some(&tokens[1]),
        )
        .await;
    let unread = async || {
        server.graphql("{ unreadNotificationCount }", json!({}), Some(&tokens[0])).await["data"]["unreadNotificationCount"].clone()
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(unread().await, 0, "the server runs no jobs");

    let mut worker = village(dir.path());
    worker.args(["worker", "--database-url", &database.url, "--worker-bind", "127.0.0.1:0"]);
    if from_env {
        worker.env("VILLAGE_JWT_SECRET", JWT_SECRET).env("VILLAGE_VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY);
    }
    let mut worker = worker.stdout(Stdio::piped()).spawn().unwrap();
    let ops = listening_address(worker.stdout.take().unwrap(), "worker listening on http://").await;
    let http = crate::support::http_client();
    let health = http.get(format!("{ops}/healthz")).send().await.unwrap().text().await.unwrap();
    let metrics = http.get(format!("{ops}/metrics")).send().await.unwrap().text().await.unwrap();
    assert_eq!(health, "ok");
    assert!(metrics.contains("job_queue_jobs"), "{metrics}");
    eventually("the worker process to run the reply's job", async || (unread().await == 1).then_some(())).await;

    let pid = worker.id().expect("running").to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = tokio::time::timeout(Duration::from_secs(30), worker.wait()).await.expect("exits").unwrap();
    assert!(status.success(), "worker exit status after SIGTERM: {status}");
    server.terminate().await;
}
