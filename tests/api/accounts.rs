//! Accounts and sessions: sign-up, sign-in, refresh rotation with reuse detection,
//! sign-out, throttling — and that refused attempts change nothing.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::support::{AUTH_FIELDS, JWT_SECRET, PASSWORD, TestApp, error_code, error_field};

#[tokio::test]
async fn sign_up_me_refresh_reuse_and_sign_in_work_end_to_end() {
    let app = TestApp::spawn_with(|settings| settings.refresh_reuse_grace_secs = 0).await;
    let ana = app.sign_up("Ana@Example.com", "Ana").await;

    let me = app.me(&ana.access_token).await;
    assert_eq!(me["data"]["me"]["email"], "ana@example.com", "{me}");
    assert_eq!(me["data"]["me"]["id"], ana.member_id.as_str());

    let refreshed = app.refresh(&ana.refresh_token).await;
    let new_access = refreshed["data"]["refreshSession"]["accessToken"].as_str().expect("new access token").to_owned();
    let new_refresh =
        refreshed["data"]["refreshSession"]["refreshToken"].as_str().expect("new refresh token").to_owned();
    assert_ne!(new_refresh, ana.refresh_token);
    assert_eq!(app.me(&new_access).await["data"]["me"]["displayName"], "Ana");

    // Presenting the rotated token again: refused, and the whole session family ends.
    let reused = app.refresh(&ana.refresh_token).await;
    assert_eq!(error_code(&reused), "UNAUTHENTICATED", "{reused}");
    assert_eq!(error_code(&app.refresh(&new_refresh).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.me(&new_access).await), "UNAUTHENTICATED");

    let signed_in = app.sign_in("  ANA@example.com", PASSWORD).await;
    let token = signed_in["data"]["signIn"]["accessToken"].as_str().expect("signed in");
    assert_eq!(app.me(token).await["data"]["me"]["displayName"], "Ana");
}

#[tokio::test]
async fn a_second_sign_up_with_the_same_email_is_a_conflict_and_changes_nothing() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    let (members, sessions) = (app.count("members").await, app.count("sessions").await);

    let query = format!("mutation($input: SignUpInput!) {{ signUp(input: $input) {{ {AUTH_FIELDS} }} }}");
    let input =
        json!({ "input": { "email": " ANA@Example.COM ", "password": "another password", "displayName": "Imposter" } });
    let answer = app.graphql(&query, input, None).await;

    assert_eq!(error_code(&answer), "CONFLICT", "{answer}");
    assert_eq!(error_field(&answer), "email");
    assert!(answer["data"].is_null());
    assert_eq!((app.count("members").await, app.count("sessions").await), (members, sessions));
}

#[tokio::test]
async fn sign_up_refuses_bad_input_field_by_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let query = format!("mutation($input: SignUpInput!) {{ signUp(input: $input) {{ {AUTH_FIELDS} }} }}");
    let cases = [
        ("not-an-email", PASSWORD, "Ana", "email"),
        ("ana@example.com", "short", "Ana", "password"),
        ("ana@example.com", &"x".repeat(300), "Ana", "password"),
        ("ana@example.com", PASSWORD, "   ", "displayName"),
        ("ana@example.com", PASSWORD, &"A".repeat(81), "displayName"),
    ];
    for (email, password, name, field) in cases {
        let input = json!({ "input": { "email": email, "password": password, "displayName": name } });
        let answer = app.graphql(&query, input, None).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        assert_eq!(error_field(&answer), field, "{answer}");
    }
    let missing_field = app.graphql(&query, json!({ "input": { "email": "ana@example.com" } }), None).await;
    assert_eq!(error_code(&missing_field), "BAD_USER_INPUT", "{missing_field}");
    assert_eq!((app.count("members").await, app.count("sessions").await), (0, 0));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    let sessions = app.count("sessions").await;

    let wrong_password = app.sign_in("ana@example.com", "not her password").await;
    let unknown_email = app.sign_in("nobody@example.com", PASSWORD).await;

    assert_eq!(error_code(&wrong_password), "UNAUTHENTICATED");
    assert_eq!(wrong_password["errors"][0]["message"], unknown_email["errors"][0]["message"]);
    assert_eq!(wrong_password["errors"][0]["extensions"], unknown_email["errors"][0]["extensions"]);
    assert_eq!(app.count("sessions").await, sessions);
}

#[tokio::test]
async fn repeated_failed_sign_ins_for_one_email_are_throttled_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    for _ in 0..5 {
        assert_eq!(error_code(&app.sign_in("ana@example.com", "guess guess").await), "UNAUTHENTICATED");
    }
    let sessions = app.count("sessions").await;

    let throttled = app.sign_in("ana@example.com", PASSWORD).await;

    assert_eq!(error_code(&throttled), "RATE_LIMITED", "{throttled}");
    assert!(throttled["errors"][0]["extensions"]["retryAfterSeconds"].as_u64().is_some_and(|s| s > 0));
    assert_eq!(app.count("sessions").await, sessions, "a throttled attempt signs nobody in");
    // Another member is not affected by Ana's throttle.
    app.member("bea").await;
    assert!(app.sign_in("bea@example.com", PASSWORD).await["errors"].is_null());
}

#[tokio::test]
async fn concurrent_guesses_are_throttled_too() {
    let app = TestApp::spawn().await;
    app.member("ana").await;

    let answers = join_all((0..10).map(|_| app.sign_in("ana@example.com", "guess guess"))).await;

    let codes: Vec<&str> = answers.iter().map(error_code).collect();
    assert!(codes.iter().filter(|code| **code == "UNAUTHENTICATED").count() <= 5, "{codes:?}");
    assert!(codes.iter().all(|code| *code == "UNAUTHENTICATED" || *code == "RATE_LIMITED"), "{codes:?}");
    // However the race went, the window allows five real guesses in all, no more.
    let mut guessed = codes.iter().filter(|code| **code == "UNAUTHENTICATED").count();
    while error_code(&app.sign_in("ana@example.com", "guess again").await) == "UNAUTHENTICATED" {
        guessed += 1;
        assert!(guessed <= 5, "more than five guesses were checked");
    }
    assert_eq!(guessed, 5);
    assert_eq!(error_code(&app.sign_in("ana@example.com", PASSWORD).await), "RATE_LIMITED");
}

/// Signs in as if from `address` (the server trusts X-Forwarded-For behind a proxy).
async fn sign_in_from(app: &TestApp, address: &str, email: &str, password: &str) -> Value {
    let query = format!("mutation($input: SignInInput!) {{ signIn(input: $input) {{ {AUTH_FIELDS} }} }}");
    let body = json!({ "query": query, "variables": { "input": { "email": email, "password": password } } });
    let response = app.http.post(format!("{}/graphql", app.url)).header("x-forwarded-for", address).json(&body);
    response.send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn guessing_at_her_password_locks_out_the_guesser_not_her() {
    let app = TestApp::spawn_with(|settings| settings.behind_proxy = true).await;
    app.member("ana").await;
    for _ in 0..5 {
        let guess = sign_in_from(&app, "203.0.113.9", "ana@example.com", "guess guess").await;
        assert_eq!(error_code(&guess), "UNAUTHENTICATED", "{guess}");
    }
    let sessions = app.count("sessions").await;

    let guesser = sign_in_from(&app, "203.0.113.9", "ana@example.com", PASSWORD).await;
    let ana = sign_in_from(&app, "198.51.100.7", "ana@example.com", PASSWORD).await;

    assert_eq!(error_code(&guesser), "RATE_LIMITED", "{guesser}");
    assert!(ana["errors"].is_null(), "Ana signs in from her own phone: {ana}");
    assert_eq!(app.count("sessions").await, sessions + 1);
}

#[tokio::test]
async fn many_failures_for_one_email_refuse_every_address_that_failed_but_not_a_new_one() {
    let app = TestApp::spawn_with(|settings| settings.behind_proxy = true).await;
    app.member("ana").await;
    // A botnet: a hundred and one addresses, one guess each.
    for n in 0..101 {
        let guess =
            sign_in_from(&app, &format!("10.9.{}.{}", n / 200, n % 200 + 1), "ana@example.com", "guess guess").await;
        assert_eq!(error_code(&guess), "UNAUTHENTICATED", "{guess}");
    }

    let bot = sign_in_from(&app, "10.9.0.1", "ana@example.com", PASSWORD).await;
    let ana = sign_in_from(&app, "198.51.100.7", "ana@example.com", PASSWORD).await;

    assert_eq!(error_code(&bot), "RATE_LIMITED", "an address that failed for her, past the ceiling: {bot}");
    assert!(ana["errors"].is_null(), "{ana}");
}

#[tokio::test]
async fn sign_ups_from_one_address_are_throttled() {
    let app = TestApp::spawn().await;
    for n in 0..20 {
        app.sign_up(&format!("m{n}@example.com"), "Member").await;
    }
    let query = format!("mutation($input: SignUpInput!) {{ signUp(input: $input) {{ {AUTH_FIELDS} }} }}");
    let input =
        json!({ "input": { "email": "one-too-many@example.com", "password": PASSWORD, "displayName": "Late" } });

    let answer = app.graphql(&query, input, None).await;

    assert_eq!(error_code(&answer), "RATE_LIMITED", "{answer}");
    assert_eq!(app.count("members").await, 20);
}

#[tokio::test]
async fn repeated_failed_sign_ins_from_one_address_are_throttled() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    for n in 0..30 {
        let answer = app.sign_in(&format!("stranger{n}@example.com"), "guess guess").await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED", "{answer}");
    }
    let sessions = app.count("sessions").await;

    let throttled = app.sign_in("ana@example.com", PASSWORD).await;

    assert_eq!(error_code(&throttled), "RATE_LIMITED", "{throttled}");
    assert_eq!(app.count("sessions").await, sessions, "a throttled attempt signs nobody in");
}

#[tokio::test]
async fn of_two_concurrent_refreshes_of_one_token_both_get_the_same_pair_and_the_session_lives() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;

    let (first, second) = tokio::join!(app.refresh(&ana.refresh_token), app.refresh(&ana.refresh_token));

    assert!(first["errors"].is_null() && second["errors"].is_null(), "{first} {second}");
    assert_eq!(first["data"]["refreshSession"], second["data"]["refreshSession"], "one pair, answered twice");
    let next = first["data"]["refreshSession"]["refreshToken"].as_str().expect("token");
    assert!(app.refresh(next).await["errors"].is_null(), "the session goes on");
}

#[tokio::test]
async fn a_retry_within_the_grace_window_gets_the_same_pair_and_the_session_lives() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let first = app.refresh(&ana.refresh_token).await;

    // The answer was lost in a tunnel; the phone tries again with the same token.
    let retried = app.refresh(&ana.refresh_token).await;

    assert_eq!(retried["data"]["refreshSession"], first["data"]["refreshSession"], "{retried}");
    let access = retried["data"]["refreshSession"]["accessToken"].as_str().expect("access token");
    assert_eq!(app.me(access).await["data"]["me"]["displayName"], "Ana");
    assert_eq!(app.count("sessions WHERE revoked_at IS NULL").await, 1, "not revoked");
}

#[tokio::test]
async fn reuse_after_the_grace_window_revokes_the_whole_family() {
    let app = TestApp::spawn_with(|settings| settings.refresh_reuse_grace_secs = 1).await;
    let ana = app.member("ana").await;
    let first = app.refresh(&ana.refresh_token).await;
    let next_refresh = first["data"]["refreshSession"]["refreshToken"].as_str().expect("refreshed").to_owned();
    let next_access = first["data"]["refreshSession"]["accessToken"].as_str().expect("refreshed").to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;

    let reused = app.refresh(&ana.refresh_token).await;

    assert_eq!(error_code(&reused), "UNAUTHENTICATED", "{reused}");
    assert_eq!(error_code(&app.refresh(&next_refresh).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.me(&next_access).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_token_traded_in_two_rotations_ago_still_revokes_the_session() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let second =
        app.refresh(&ana.refresh_token).await["data"]["refreshSession"]["refreshToken"].as_str().unwrap().to_owned();
    let third = app.refresh(&second).await;
    let third_access = third["data"]["refreshSession"]["accessToken"].as_str().expect("third pair").to_owned();

    assert_eq!(error_code(&app.refresh(&ana.refresh_token).await), "UNAUTHENTICATED");

    assert_eq!(error_code(&app.me(&third_access).await), "UNAUTHENTICATED", "the thief's session ends too");
}

/// A refresh token for Ana's live session with a secret the server never issued.
fn forged_refresh_token(real: &str) -> String {
    let session = real.split('.').next().expect("session part");
    format!("{session}.{}", "A".repeat(43))
}

#[tokio::test]
async fn unknown_or_forged_refresh_tokens_are_refused_and_end_nothing() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let sign_out = "mutation($input: SignOutInput) { signOut(input: $input) { sessionsEnded } }";

    for token in ["garbage", "", &forged_refresh_token(&ana.refresh_token)] {
        assert_eq!(error_code(&app.refresh(token).await), "UNAUTHENTICATED", "{token}");
        let out = app.graphql(sign_out, json!({ "input": { "refreshToken": token } }), None).await;
        assert_eq!(error_code(&out), "UNAUTHENTICATED", "{token}: {out}");
    }

    assert_eq!(app.me(&ana.access_token).await["data"]["me"]["displayName"], "Ana", "her session is untouched");
    assert!(app.refresh(&ana.refresh_token).await["errors"].is_null());
}

#[tokio::test]
async fn sign_out_ends_this_device_only() {
    let app = TestApp::spawn().await;
    let phone = app.member("ana").await;
    let laptop_answer = app.sign_in("ana@example.com", PASSWORD).await;
    let laptop = laptop_answer["data"]["signIn"]["accessToken"].as_str().expect("laptop signed in");

    let out = app.graphql("mutation { signOut { sessionsEnded } }", json!({}), Some(&phone.access_token)).await;

    assert_eq!(out["data"]["signOut"]["sessionsEnded"], 1, "{out}");
    assert_eq!(error_code(&app.me(&phone.access_token).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.refresh(&phone.refresh_token).await), "UNAUTHENTICATED");
    assert_eq!(app.me(laptop).await["data"]["me"]["displayName"], "Ana");
}

#[tokio::test]
async fn sign_out_with_a_refresh_token_works_after_the_access_token_is_gone() {
    let app = TestApp::spawn().await;
    let phone = app.member("ana").await;
    let query = "mutation($input: SignOutInput) { signOut(input: $input) { sessionsEnded } }";

    let out = app.graphql(query, json!({ "input": { "refreshToken": phone.refresh_token } }), None).await;

    assert_eq!(out["data"]["signOut"]["sessionsEnded"], 1, "{out}");
    assert_eq!(error_code(&app.me(&phone.access_token).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session() {
    let app = TestApp::spawn().await;
    let phone = app.member("ana").await;
    let laptop_answer = app.sign_in("ana@example.com", PASSWORD).await;
    let laptop = laptop_answer["data"]["signIn"]["accessToken"].as_str().expect("laptop signed in").to_owned();
    let bea = app.member("bea").await;

    let out = app.graphql("mutation { signOutEverywhere { sessionsEnded } }", json!({}), Some(&laptop)).await;

    assert_eq!(out["data"]["signOutEverywhere"]["sessionsEnded"], 2, "{out}");
    for token in [&phone.access_token, &laptop] {
        assert_eq!(error_code(&app.me(token).await), "UNAUTHENTICATED");
    }
    assert_eq!(error_code(&app.refresh(&phone.refresh_token).await), "UNAUTHENTICATED");
    assert_eq!(app.me(&bea.access_token).await["data"]["me"]["displayName"], "Bea", "others stay signed in");
}

#[tokio::test]
async fn signing_out_requires_a_session() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    for mutation in ["mutation { signOut { sessionsEnded } }", "mutation { signOutEverywhere { sessionsEnded } }"] {
        let answer = app.graphql(mutation, json!({}), None).await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED", "{answer}");
    }
    assert_eq!(app.count("sessions WHERE revoked_at IS NULL").await, 1);
}

fn signed_token(claims: Value, secret: &str) -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(secret.as_bytes());
    jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &key).expect("token signs")
}

#[tokio::test]
async fn expired_forged_and_malformed_access_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let session_id = app.refresh(&ana.refresh_token).await; // a live session id is in the refresh token
    let sid =
        session_id["data"]["refreshSession"]["refreshToken"].as_str().and_then(|t| t.split('.').next()).expect("sid");
    let sid = uuid::Uuid::try_parse(sid).expect("session uuid").to_string();
    let now = chrono::Utc::now().timestamp();

    let expired =
        signed_token(json!({ "sub": ana.member_id, "sid": sid, "iat": now - 1000, "exp": now - 100 }), JWT_SECRET);
    let wrong_algorithm = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &json!({ "sub": ana.member_id, "sid": sid, "iat": now, "exp": now + 600 }),
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .expect("token signs");
    let forged = signed_token(
        json!({ "sub": ana.member_id, "sid": sid, "iat": now, "exp": now + 600 }),
        "a different secret of enough length!!",
    );

    let answer = app.me(&expired).await;
    assert_eq!(error_code(&answer), "UNAUTHENTICATED");
    assert_eq!(answer["errors"][0]["message"], "access token expired");
    for token in [forged.as_str(), wrong_algorithm.as_str(), "garbage", ""] {
        assert_eq!(error_code(&app.me(token).await), "UNAUTHENTICATED", "{token}");
    }
    let anonymous = app.graphql("{ me { id } }", json!({}), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_token_at_its_expiry_second_is_refused_over_http_and_websocket_alike() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let refreshed = app.refresh(&ana.refresh_token).await;
    let sid = refreshed["data"]["refreshSession"]["refreshToken"].as_str().and_then(|t| t.split('.').next()).unwrap();
    let sid = uuid::Uuid::try_parse(sid).unwrap().to_string();
    let now = chrono::Utc::now().timestamp();
    // Its `exp` is this very second: the session is live, the token is not.
    let at_expiry = signed_token(json!({ "sub": ana.member_id, "sid": sid, "iat": now - 900, "exp": now }), JWT_SECRET);

    let over_http = app.me(&at_expiry).await;
    let mut socket = crate::support::connect(&app, "graphql-transport-ws").await;
    let init = json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {at_expiry}") } });
    crate::support::send(&mut socket, init).await;

    assert_eq!(error_code(&over_http), "UNAUTHENTICATED", "{over_http}");
    assert_eq!(crate::support::close_code(&mut socket).await, 4403, "refused at init, not acknowledged then NOT_FOUND");
}

#[tokio::test]
async fn a_members_email_is_shown_to_herself_only() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let bea = app.member("bea").await;

    let directory =
        app.graphql("{ members { edges { node { id email } } } }", json!({}), Some(&bea.access_token)).await;

    let edges = directory["data"]["members"]["edges"].as_array().expect("edges").clone();
    let email_of = |id: &str| edges.iter().find(|e| e["node"]["id"] == id).map(|e| e["node"]["email"].clone());
    assert_eq!(email_of(&ana.member_id), Some(Value::Null));
    assert_eq!(email_of(&bea.member_id), Some(json!("bea@example.com")));
    let anonymous = app.graphql("{ members { edges { node { id } } } }", json!({}), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
}

#[tokio::test]
async fn many_members_signing_in_at_once_from_one_network_are_not_throttled() {
    let app = TestApp::spawn_with(|settings| settings.sign_ups_per_ip_per_hour = 100).await;
    let emails: Vec<String> = (0..40).map(|n| format!("m{n}@example.com")).collect();
    for email in &emails {
        app.sign_up(email, "Member").await;
    }

    let answers = futures_util::future::join_all(emails.iter().map(|email| app.sign_in(email, PASSWORD))).await;

    let refused: Vec<&Value> = answers.iter().filter(|answer| !answer["errors"].is_null()).collect();
    assert!(refused.is_empty(), "{refused:?}");
}

#[tokio::test]
async fn with_redis_a_session_ended_on_one_instance_is_refused_on_another_that_had_just_trusted_it() {
    let app = TestApp::spawn().await;
    if app.settings.redis_url.is_none() {
        eprintln!("needs VILLAGE_TEST_REDIS_URL: without Redis no instance remembers sessions");
        return;
    }
    let ana = app.member("ana").await;
    let other = app.another_instance().await;
    let me_elsewhere = async || -> Value {
        let body = json!({ "query": "{ me { id } }" });
        let answer = app.http.post(format!("{other}/graphql")).bearer_auth(&ana.access_token).json(&body).send();
        answer.await.expect("sent").json().await.expect("JSON")
    };
    assert!(me_elsewhere().await["errors"].is_null(), "the other instance confirmed her session");

    let sign_out = "mutation { signOut { sessionsEnded } }";
    assert_eq!(app.graphql(sign_out, json!({}), Some(&ana.access_token)).await["data"]["signOut"]["sessionsEnded"], 1);

    let refused = crate::support::eventually_within(
        std::time::Duration::from_secs(2),
        "the other instance to hear",
        async || {
            let answer = me_elsewhere().await;
            (error_code(&answer) == "UNAUTHENTICATED").then_some(answer)
        },
    )
    .await;
    assert!(refused["data"]["me"].is_null(), "{refused}");
}
