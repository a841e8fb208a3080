//! Email and the account flows it carries: the verification link and what an
//! unconfirmed member may do, password reset (no enumeration), changing password and
//! email — each through the real SMTP server of the tests, and each refusal checked to
//! change nothing. Also: a message goes once, a busy mail server gets it again later,
//! and with no SMTP server mail lands in `.eml` files.

use serde_json::{Value, json};

use crate::support::{Member, PASSWORD, TestApp, error_code, error_field, error_reason};

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn verified_app() -> TestApp {
    TestApp::spawn_with(|settings| settings.email.unverified_may_write = false).await
}

async fn account(member: &Member, mutation: &str, input: Value) -> Value {
    let query = format!("mutation($input: {}Input!) {{ {mutation}(input: $input) {{ ok }} }}", input_type(mutation));
    member.graphql(&query, json!({ "input": input })).await
}

fn input_type(mutation: &str) -> &'static str {
    match mutation {
        "verifyEmail" | "confirmEmailChange" => "LinkToken",
        "changeEmail" => "ChangeEmail",
        _ => "Unknown",
    }
}

async fn anonymous(app: &TestApp, query: &str, input: Value) -> Value {
    app.graphql(query, json!({ "input": input }), None).await
}

async fn create_group(member: &Member) -> Value {
    let query =
        "mutation { createGroup(input: { name: \"Night shift\", visibility: PUBLIC, joinPolicy: OPEN }) { id } }";
    member.graphql(query, json!({})).await
}

async fn email_verified(member: &Member) -> Value {
    member.graphql("{ me { emailVerified } }", json!({})).await["data"]["me"]["emailVerified"].clone()
}

#[tokio::test]
async fn a_new_member_reads_until_she_follows_the_emailed_link_then_she_may_post() {
    let app = verified_app().await;
    let ana = app.unconfirmed_member("ana").await;
    assert_eq!(email_verified(&ana).await, false);

    let refused = create_group(&ana).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(error_reason(&refused), "EMAIL_NOT_VERIFIED");
    assert_eq!(app.count("groups").await, 0, "nothing was created");
    let profile =
        ana.graphql("mutation { updateProfile(input: { headline: \"Buy cheap pills\" }) { id } }", json!({})).await;
    assert_eq!(error_reason(&profile), "EMAIL_NOT_VERIFIED", "{profile}");
    assert_eq!(app.count("members WHERE headline IS NOT NULL").await, 0);
    assert!(ana.graphql("{ groups(first: 5) { edges { node { id } } } }", json!({})).await["errors"].is_null());

    app.jobs_done().await;
    let email = app.smtp.only_to("ana@example.com");
    assert_eq!(email.subject(), "Confirm your email for Village");
    assert_eq!(email.header("From").as_deref(), Some("Village <village@localhost>"));
    assert!(email.link("/account/verify-email").starts_with(&format!("{}/account/verify-email?token=", app.url)));
    assert!(email.html().contains("Confirm my email"), "an HTML part too");
    assert!(email.header("List-Unsubscribe").is_none(), "an account email is not a list");

    let token = email.token("/account/verify-email");
    let verified = account(&ana, "verifyEmail", json!({ "token": token })).await;
    assert_eq!(verified["data"]["verifyEmail"]["ok"], true, "{verified}");
    assert_eq!(email_verified(&ana).await, true);
    assert!(create_group(&ana).await["errors"].is_null(), "the same session may post at once");

    let again = account(&ana, "verifyEmail", json!({ "token": token })).await;
    assert_eq!(error_code(&again), "BAD_USER_INPUT", "a link works once: {again}");
    assert_eq!(error_field(&again), "token");
}

#[tokio::test]
async fn verification_links_are_limited_to_a_few_an_hour_and_stop_once_confirmed() {
    let app = verified_app().await;
    let ana = app.unconfirmed_member("ana").await;
    let resend = "mutation { resendVerification { ok } }";
    for _ in 0..2 {
        assert!(ana.graphql(resend, json!({})).await["errors"].is_null());
    }
    let refused = ana.graphql(resend, json!({})).await;
    assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused}");
    app.jobs_done().await;
    let emails = app.smtp.to("ana@example.com");
    assert_eq!(emails.len(), 3, "the sign-up's link and two more, none for the refusal");

    // Any of them works; then a resend is pointless.
    let token = emails[1].token("/account/verify-email");
    assert!(account(&ana, "verifyEmail", json!({ "token": token })).await["errors"].is_null());
    assert_eq!(error_code(&ana.graphql(resend, json!({})).await), "CONFLICT");
}

#[tokio::test]
async fn an_expired_verification_link_is_refused_and_confirms_nothing() {
    let app = verified_app().await;
    let ana = app.unconfirmed_member("ana").await;
    app.jobs_done().await;
    let token = app.smtp.only_to("ana@example.com").token("/account/verify-email");
    // A week passes.
    let past = chrono::Utc::now() - chrono::TimeDelta::minutes(1);
    let expire = "UPDATE account_tokens SET expires_at = $1";
    village::on_db!(&app.db, pool => sqlx::query(expire).bind(past).execute(pool).await.map(drop)).unwrap();

    let refused = account(&ana, "verifyEmail", json!({ "token": token })).await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(email_verified(&ana).await, false);
}

const REQUEST_RESET: &str =
    "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { ok } }";
const RESET: &str = "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { ok } }";

#[tokio::test]
async fn a_password_reset_answers_alike_for_anyone_and_the_link_resets_once_ending_every_session() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let on_her_tablet = app.sign_in("ana@example.com", PASSWORD).await;
    assert!(on_her_tablet["errors"].is_null());

    let hers = anonymous(&app, REQUEST_RESET, json!({ "email": "ANA@example.com" })).await;
    let nobodys = anonymous(&app, REQUEST_RESET, json!({ "email": "nobody@example.com" })).await;
    assert_eq!(hers, nobodys, "the same answer whether or not she is a member");
    assert_eq!(hers["data"]["requestPasswordReset"]["ok"], true);
    assert_eq!(app.count("password_reset_requests").await, 2, "the same work for both");

    app.jobs_done().await;
    assert!(app.smtp.to("nobody@example.com").is_empty(), "no email to an address that is no member's");
    let email = app.smtp.to("ana@example.com").into_iter().find(|email| email.subject().contains("Reset")).unwrap();
    assert!(email.text().contains("30 minutes"), "{}", email.text());
    let token = email.token("/account/reset-password");

    let too_short = anonymous(&app, RESET, json!({ "token": token, "newPassword": "short" })).await;
    assert_eq!(error_field(&too_short), "newPassword", "{too_short}");
    assert!(app.sign_in("ana@example.com", PASSWORD).await["errors"].is_null(), "nothing changed");

    let reset = anonymous(&app, RESET, json!({ "token": token, "newPassword": NEW_PASSWORD })).await;
    assert_eq!(reset["data"]["resetPassword"]["ok"], true, "{reset}");
    assert_eq!(error_code(&app.me(&ana.access_token).await), "UNAUTHENTICATED", "every session ended");
    let tablet_token = on_her_tablet["data"]["signIn"]["accessToken"].as_str().unwrap();
    assert_eq!(error_code(&app.me(tablet_token).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.sign_in("ana@example.com", PASSWORD).await), "UNAUTHENTICATED");
    assert!(app.sign_in("ana@example.com", NEW_PASSWORD).await["errors"].is_null());

    let reused = anonymous(&app, RESET, json!({ "token": token, "newPassword": "yet another passphrase" })).await;
    assert_eq!(error_code(&reused), "BAD_USER_INPUT", "a link works once: {reused}");
    assert!(app.sign_in("ana@example.com", NEW_PASSWORD).await["errors"].is_null(), "nothing changed");

    app.jobs_done().await;
    let notice = app.smtp.to("ana@example.com").into_iter().find(|email| email.subject().contains("was changed"));
    assert!(notice.expect("she is told").text().contains("every device was signed out"));
}

#[tokio::test]
async fn reset_requests_are_limited_per_address_and_a_refused_one_records_nothing() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    for _ in 0..3 {
        assert!(anonymous(&app, REQUEST_RESET, json!({ "email": "ana@example.com" })).await["errors"].is_null());
    }
    let refused = anonymous(&app, REQUEST_RESET, json!({ "email": "ana@example.com" })).await;
    assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused}");
    let unknown = anonymous(&app, REQUEST_RESET, json!({ "email": "zoe@example.com" })).await;
    assert!(unknown["errors"].is_null(), "another address is counted on its own");
    assert_eq!(app.count("password_reset_requests").await, 4);

    // Each request's link makes the ones before it stop working: one of three works.
    app.jobs_done().await;
    let reset_emails = app.smtp.to("ana@example.com");
    let links: Vec<String> = reset_emails
        .iter()
        .filter(|email| email.subject().contains("Reset"))
        .map(|email| email.token("/account/reset-password"))
        .collect();
    assert_eq!(links.len(), 3);
    let mut worked = 0;
    for token in &links {
        let answer = anonymous(&app, RESET, json!({ "token": token, "newPassword": NEW_PASSWORD })).await;
        if answer["errors"].is_null() {
            worked += 1;
        } else {
            assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        }
    }
    assert_eq!(worked, 1);
}

const CHANGE_PASSWORD: &str =
    "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { sessionsEnded } }";

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_her_other_sessions() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let tablet = app.signed_in(&app.sign_in("ana@example.com", PASSWORD).await["data"]["signIn"]);

    let wrong = json!({ "input": { "currentPassword": "not my password", "newPassword": NEW_PASSWORD } });
    let refused = ana.graphql(CHANGE_PASSWORD, wrong).await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(error_field(&refused), "currentPassword");
    assert!(app.sign_in("ana@example.com", PASSWORD).await["errors"].is_null(), "unchanged");

    let right = json!({ "input": { "currentPassword": PASSWORD, "newPassword": NEW_PASSWORD } });
    let changed = ana.graphql(CHANGE_PASSWORD, right).await;
    assert_eq!(changed["data"]["changePassword"]["sessionsEnded"], 2, "the tablet and the check's sign-in: {changed}");
    assert!(app.me(&ana.access_token).await["errors"].is_null(), "this session goes on");
    assert_eq!(error_code(&app.me(&tablet.access_token).await), "UNAUTHENTICATED");
    assert!(app.sign_in("ana@example.com", NEW_PASSWORD).await["errors"].is_null());
    app.jobs_done().await;
    let notice = app.smtp.to("ana@example.com").into_iter().find(|email| email.subject().contains("was changed"));
    assert!(notice.expect("she is told").text().contains("other devices were signed out"));
}

#[tokio::test]
async fn changing_the_email_keeps_the_old_address_until_the_new_one_confirms() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    app.member("bea").await;

    let wrong = account(&ana, "changeEmail", json!({ "newEmail": "ana@new.example", "password": "nope nope" })).await;
    assert_eq!(error_field(&wrong), "password", "{wrong}");
    assert_eq!(app.count("account_tokens WHERE purpose = 'CHANGE_EMAIL'").await, 0, "nothing recorded");
    // Another member's address: the same answer, and nothing is sent to her.
    let taken = account(&ana, "changeEmail", json!({ "newEmail": "bea@example.com", "password": PASSWORD })).await;
    assert_eq!(taken["data"]["changeEmail"]["ok"], true, "{taken}");

    let asked = account(&ana, "changeEmail", json!({ "newEmail": "Ana@New.example", "password": PASSWORD })).await;
    assert_eq!(asked["data"]["changeEmail"]["ok"], true, "{asked}");
    app.jobs_done().await;
    let confirm = app.smtp.only_to("ana@new.example");
    assert_eq!(app.smtp.to("bea@example.com").len(), 1, "only her own sign-up link");
    assert!(!confirm.text().contains("Ana"), "nothing she typed goes to an unconfirmed address");
    let notices: Vec<String> = app
        .smtp
        .to("ana@example.com")
        .iter()
        .filter(|email| email.subject().contains("about to change"))
        .map(|email| email.text())
        .collect();
    assert!(notices.iter().any(|text| text.contains("ana@new.example")), "the old address is told: {notices:?}");
    assert_eq!(app.me(&ana.access_token).await["data"]["me"]["email"], "ana@example.com", "not yet");

    let token = confirm.token("/account/confirm-email");
    let confirmed = account(&ana, "confirmEmailChange", json!({ "token": token })).await;
    assert!(confirmed["errors"].is_null(), "{confirmed}");
    assert_eq!(app.me(&ana.access_token).await["data"]["me"]["email"], "ana@new.example");
    assert!(app.sign_in("ana@new.example", PASSWORD).await["errors"].is_null());
    assert_eq!(error_code(&app.sign_in("ana@example.com", PASSWORD).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_password_change_cancels_a_pending_email_change() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    account(&ana, "changeEmail", json!({ "newEmail": "thief@example.net", "password": PASSWORD })).await;
    let right = json!({ "input": { "currentPassword": PASSWORD, "newPassword": NEW_PASSWORD } });
    assert!(ana.graphql(CHANGE_PASSWORD, right).await["errors"].is_null());
    app.jobs_done().await;
    let token = app.smtp.only_to("thief@example.net").token("/account/confirm-email");
    let refused = account(&ana, "confirmEmailChange", json!({ "token": token })).await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(app.me(&ana.access_token).await["data"]["me"]["email"], "ana@example.com");
}

#[tokio::test]
async fn a_busy_mail_server_gets_the_message_again_later_and_a_sent_message_never_goes_twice() {
    let mut app = TestApp::spawn().await;
    app.expect_failed_jobs();
    app.smtp.refuse_next(1);
    app.unconfirmed_member("ana").await;
    app.jobs_done().await;
    assert!(app.smtp.to("ana@example.com").is_empty(), "refused for now");
    assert_eq!(app.count("outgoing_emails WHERE claimed_at IS NULL AND sent_at IS NULL").await, 1, "kept to retry");

    app.run_jobs_at(chrono::Utc::now() + chrono::TimeDelta::minutes(10)).await;
    let email = app.smtp.only_to("ana@example.com");
    assert!(email.subject().contains("Confirm"));
    assert_eq!(app.count("outgoing_emails WHERE text_body = '' AND sent_at IS NOT NULL").await, 1, "words erased");

    // The job run again (a worker that crashed after sending): nothing goes twice.
    let id: uuid::Uuid =
        village::on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM outgoing_emails").fetch_one(pool).await)
            .unwrap();
    let mut tx = app.db.begin_write().await.unwrap();
    village::jobs::enqueue(&mut tx, village::jobs::NewJob::system(village::jobs::JobKind::SendEmail, id))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.jobs_done().await;
    assert_eq!(app.smtp.to("ana@example.com").len(), 1);
}

#[tokio::test]
async fn without_an_smtp_server_mail_is_written_to_eml_files_in_the_data_dir() {
    let app = TestApp::spawn_with(|settings| settings.email.smtp_url = None).await;
    app.unconfirmed_member("ana").await;
    app.jobs_done().await;
    let dir = app.settings.data_dir.join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().unwrap(), "eml");
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    let message = mail_parser::MessageParser::default().parse(raw.as_bytes()).unwrap();
    assert_eq!(message.to().and_then(|to| to.first()).and_then(|to| to.address()), Some("ana@example.com"));
    assert!(message.body_text(0).unwrap().contains("/account/verify-email?token="));
}

#[tokio::test]
async fn the_link_pages_use_a_link_only_when_its_button_is_pressed() {
    let app = verified_app().await;
    let ana = app.unconfirmed_member("ana").await;
    app.jobs_done().await;
    let link = app.smtp.only_to("ana@example.com").link("/account/verify-email");
    let path = link.trim_start_matches(&app.url).to_owned();

    let (status, page) = app.get(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("<form method=\"post\">") && page.contains("Confirm my email"), "{page}");
    assert_eq!(email_verified(&ana).await, false, "opening the link (a mail scanner) uses nothing");

    let (escaped_status, escaped) = app.get("/account/verify-email?token=%3Cscript%3E").await;
    assert_eq!(escaped_status, 200);
    assert!(!escaped.contains("<script>") && escaped.contains("&lt;script&gt;"), "{escaped}");

    let token = app.smtp.only_to("ana@example.com").token("/account/verify-email");
    let (status, done) = press(&app, "/account/verify-email", &[("token", &token)]).await;
    assert_eq!(status, 200);
    assert!(done.contains("Your email is confirmed"), "{done}");
    assert_eq!(email_verified(&ana).await, true);

    let (again, _) = press(&app, "/account/verify-email", &[("token", &token)]).await;
    assert_eq!(again, 400);
}

/// Submits a page's form to `path`; returns the status and the page.
async fn press(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let response = app
        .http
        .post(format!("{}{path}", app.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_reset_page_sets_the_password_its_form_is_given() {
    let app = TestApp::spawn().await;
    app.member("ana").await;
    anonymous(&app, REQUEST_RESET, json!({ "email": "ana@example.com" })).await;
    app.jobs_done().await;
    let token = app
        .smtp
        .to("ana@example.com")
        .iter()
        .find(|e| e.subject().contains("Reset"))
        .unwrap()
        .token("/account/reset-password");
    let (status, page) = app.get(&format!("/account/reset-password?token={token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("type=\"password\""), "{page}");
    let (status, done) =
        press(&app, "/account/reset-password", &[("token", &token), ("new_password", NEW_PASSWORD)]).await;
    assert_eq!(status, 200, "{done}");
    assert!(app.sign_in("ana@example.com", NEW_PASSWORD).await["errors"].is_null());
}
