//! What a flood of WebSockets or subscriptions cannot do: hold more sockets than the
//! process allows (1013) or more anonymous ones per address than it allows (1008) while
//! /healthz keeps answering, or leave bus topics behind when subscriptions fail.

use serde_json::{Value, json};

use std::time::Duration;

use crate::support::{
    ServerProcess, Socket, TestApp, TestDatabase, acknowledged, close_code, connect, connect_to, eventually_within,
    postgres_admin_url, receive, send,
};

/// Opens `count` sockets that send nothing; returns them.
async fn open_silent(url: &str, count: usize) -> Vec<Socket> {
    let mut sockets = Vec::with_capacity(count);
    for _ in 0..count {
        sockets.push(connect_to(url, "graphql-transport-ws").await);
    }
    sockets
}

#[tokio::test]
async fn sockets_past_the_process_cap_are_refused_with_1013_and_healthz_still_answers() {
    let app = TestApp::spawn_with(|settings| {
        settings.ws_max_connections = Some(20);
        settings.ws_anonymous_per_address = 1_000;
        // The held sockets never initialise: they must outlive the test.
        settings.ws_init_timeout_secs = 60;
    })
    .await;
    let mut held = open_silent(&app.url, 20).await;

    for _ in 0..5 {
        let mut refused = connect(&app, "graphql-transport-ws").await;
        assert_eq!(close_code(&mut refused).await, 1013);
    }
    assert_eq!(app.get("/healthz").await, (200, "ok".to_owned()));

    held.truncate(19);
    eventually_within(Duration::from_millis(2_500), "a closed socket's place to be given to the next", async || {
        let mut socket = connect(&app, "graphql-transport-ws").await;
        send(&mut socket, json!({ "type": "connection_init" })).await;
        (receive_or_close(&mut socket).await == Ok(json!({ "type": "connection_ack" }))).then_some(socket)
    })
    .await;
}

/// The next message, or the close code.
async fn receive_or_close(socket: &mut Socket) -> Result<Value, u16> {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => return Ok(serde_json::from_str(&text).unwrap()),
            Some(Ok(Message::Close(Some(frame)))) => return Err(frame.code.into()),
            Some(Ok(_)) => {}
            _ => return Err(1006),
        }
    }
}

#[tokio::test]
async fn one_address_holds_only_so_many_anonymous_sockets_and_members_do_not_count() {
    let app = TestApp::spawn_with(|settings| settings.ws_anonymous_per_address = 3).await;
    let ana = app.member("ana").await;
    let _anonymous = open_silent(&app.url, 2).await;
    let _member = acknowledged(&app, &ana).await;
    let _third = open_silent(&app.url, 1).await;

    let mut fourth = connect(&app, "graphql-transport-ws").await;

    assert_eq!(close_code(&mut fourth).await, 1008, "three sockets from here have no member's token");
}

/// `realtime_bus_topics` on a /metrics page.
fn bus_topics(metrics: &str) -> f64 {
    metrics.lines().find_map(|line| line.strip_prefix("realtime_bus_topics ")?.trim().parse().ok()).unwrap_or(-1.0)
}

#[tokio::test]
async fn failed_subscriptions_leave_no_bus_topic_behind() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;
    let redis = std::env::var("VILLAGE_TEST_REDIS_URL").ok();
    // A process of its own: its /metrics counts its own topics only.
    let server =
        ServerProcess::start_with_redis(dir.path(), &database.url, postgres_admin_url().is_some(), redis.as_deref())
            .await;
    let signed_up = server
        .graphql(
            "mutation { signUp(input: { email: \"ana@example.com\", password: \"correct horse battery\", displayName: \"Ana\" }) { accessToken } }",
            json!({}),
            None,
        )
        .await;
    let token = signed_up["data"]["signUp"]["accessToken"].as_str().expect("signed up").to_owned();
    let mut socket = connect_to(&server.url, "graphql-transport-ws").await;
    send(&mut socket, json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }))
        .await;
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    let baseline = bus_topics(&server.get("/metrics").await);

    let unknown: Vec<String> = (0..3_000).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    for batch in unknown.chunks(40) {
        for (n, thread) in batch.iter().enumerate() {
            let query = "subscription($t: ID!) { threadUpdates(threadId: $t) { kind } }";
            send(&mut socket, json!({ "id": n.to_string(), "type": "subscribe", "payload": { "query": query, "variables": { "t": thread } } })).await;
        }
        for _ in batch {
            let refused = receive(&mut socket).await;
            assert_eq!(refused["payload"][0]["extensions"]["code"], "NOT_FOUND", "{refused}");
        }
    }

    assert_eq!(bus_topics(&server.get("/metrics").await), baseline, "every failed subscription's topic is gone");
    if let Some(redis) = redis {
        let client = redis::Client::open(redis).unwrap();
        let mut connection = client.get_multiplexed_async_connection().await.unwrap();
        for thread in unknown.iter().step_by(300) {
            let channel = format!("village:thread:{thread}");
            let (_, listeners): (String, i64) =
                redis::cmd("PUBSUB").arg("NUMSUB").arg(&channel).query_async(&mut connection).await.unwrap();
            assert_eq!(listeners, 0, "{channel} is unsubscribed in Redis");
        }
    }
    server.terminate().await;
}

/// The soft and hard "Max open files" of process `pid`.
fn open_file_limits(pid: u32) -> (String, String) {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
    let line = limits.lines().find(|line| line.starts_with("Max open files")).expect("open files");
    let mut numbers = line.split_whitespace().skip(3);
    (numbers.next().unwrap().to_owned(), numbers.next().unwrap().to_owned())
}

#[tokio::test]
async fn the_server_raises_its_soft_open_file_limit_to_the_hard_one() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(dir.path()).await;

    let server = ServerProcess::start_with_soft_file_limit(dir.path(), &database.url, 256).await;

    let (soft, hard) = open_file_limits(server.pid());
    assert_eq!(soft, hard, "started with a soft limit of 256, now {soft} (hard {hard})");
    assert_eq!(server.get("/healthz").await, "ok");
    server.terminate().await;
}
