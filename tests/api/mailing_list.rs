//! The mailing list: double opt-in that answers alike for any address, members joining
//! from their account, community admins (granted by `village admin grant`, never by the
//! API) sending newsletters to an audience at a steady pace, each subscriber once, with
//! one-click unsubscribe; unconfirmed entries expire after a week.

use serde_json::{Value, json};

use crate::support::{Member, TestApp, error_code, village};

const SUBSCRIBE: &str =
    "mutation($input: SubscribeToMailingListInput!) { subscribeToMailingList(input: $input) { ok } }";
const CONFIRM: &str = "mutation($input: ConfirmMailingListInput!) { confirmMailingList(input: $input) { ok } }";
const SEND: &str = "mutation($input: SendNewsletterInput!) { sendNewsletter(input: $input) { newsletterId } }";
const NEWSLETTERS: &str = "{ newsletters { subject recipients finishedAt } }";

async fn subscribe(app: &TestApp, email: &str, interests: &[&str], city: Option<&str>) -> Value {
    let input = json!({ "input": { "email": email, "interests": interests, "city": city } });
    app.graphql(SUBSCRIBE, input, None).await
}

/// Subscribes `email` and follows the emailed link.
async fn confirmed(app: &TestApp, email: &str, interests: &[&str], city: Option<&str>) {
    assert!(subscribe(app, email, interests, city).await["errors"].is_null());
    app.jobs_done().await;
    let token = app.smtp.to(email).last().expect("a confirmation").token("/mailing-list/confirm");
    let answer = app.graphql(CONFIRM, json!({ "input": { "token": token } }), None).await;
    assert_eq!(answer["data"]["confirmMailingList"]["ok"], true, "{answer}");
}

/// Makes `member` a community admin the only way there is: the command line.
pub(crate) async fn grant_admin(app: &TestApp, member: &str) {
    let url = app.settings.database_url.clone().expect("a database URL");
    let output = village(&app.settings.data_dir)
        .args(["--database-url", &url, "admin", "grant", member])
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

async fn send(admin: &Member, subject: &str, audience: Value) -> Value {
    admin
        .graphql(
            SEND,
            json!({ "input": { "subject": subject, "body": "News from the community.", "audience": audience } }),
        )
        .await
}

#[tokio::test]
async fn a_subscription_answers_alike_and_counts_only_once_its_link_is_followed() {
    let app = TestApp::spawn().await;
    let first = subscribe(&app, "zoe@example.com", &["EVENTS"], Some("Toronto")).await;
    assert_eq!(first["data"]["subscribeToMailingList"]["ok"], true, "{first}");
    app.jobs_done().await;
    let email = app.smtp.only_to("zoe@example.com");
    assert!(email.subject().contains("Confirm your subscription"));
    assert_eq!(app.count("mailing_list WHERE confirmed_at IS NULL").await, 1);

    let token = email.token("/mailing-list/confirm");
    assert!(app.graphql(CONFIRM, json!({ "input": { "token": token } }), None).await["errors"].is_null());
    let again = app.graphql(CONFIRM, json!({ "input": { "token": token } }), None).await;
    assert_eq!(error_code(&again), "BAD_USER_INPUT", "a link works once: {again}");

    // Confirmed: the same answer, nothing sent, nothing changed by someone who only knows the address.
    let known = subscribe(&app, "zoe@example.com", &["NEWS"], None).await;
    assert_eq!(known, first);
    app.jobs_done().await;
    assert_eq!(app.smtp.to("zoe@example.com").len(), 1);
    assert_eq!(app.count("mailing_list WHERE interests = '[\"EVENTS\"]' AND city = 'Toronto'").await, 1);
    assert!(subscribe(&app, "zoe@example.com", &[], None).await["errors"].is_null());
    let refused = subscribe(&app, "zoe@example.com", &[], None).await;
    assert_eq!(error_code(&refused), "RATE_LIMITED", "three an hour per address: {refused}");

    // Never confirmed: gone after a week.
    subscribe(&app, "xia@example.com", &[], None).await;
    app.run_jobs_at(chrono::Utc::now() + chrono::TimeDelta::days(8)).await;
    let mut tx = app.db.begin_write().await.unwrap();
    let housekeeping = village::jobs::NewJob::due_at(
        village::jobs::JobKind::MailingListHousekeeping,
        uuid::Uuid::nil(),
        chrono::Utc::now() + chrono::TimeDelta::days(8),
    );
    village::jobs::enqueue(&mut tx, housekeeping).await.unwrap();
    tx.commit().await.unwrap();
    app.run_jobs_at(chrono::Utc::now() + chrono::TimeDelta::days(8)).await;
    assert_eq!(app.count("mailing_list").await, 1, "only Zoe's confirmed entry stays");
}

#[tokio::test]
async fn an_admin_sends_a_newsletter_to_its_audience_once_each_with_one_click_unsubscribe() {
    let app = TestApp::spawn_with(|settings| settings.email.newsletter_emails_per_minute = 1).await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    confirmed(&app, "zoe@example.com", &["EVENTS"], Some("Toronto")).await;
    confirmed(&app, "yan@example.com", &["NEWS"], Some("Montreal")).await;
    subscribe(&app, "xia@example.com", &["EVENTS"], Some("Toronto")).await;
    let joined = bea
        .graphql("mutation { joinMailingList(input: { interests: [EVENTS], city: \"toronto\" }) { ok } }", json!({}))
        .await;
    assert!(joined["errors"].is_null(), "{joined}");

    let refused = send(&ana, "Spring events", json!({})).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "not an admin yet: {refused}");
    assert_eq!(app.count("newsletters").await, 0);
    assert_eq!(error_code(&ana.graphql(NEWSLETTERS, json!({})).await), "FORBIDDEN");

    grant_admin(&app, "ana@example.com").await;
    let sent = send(&ana, "Toronto events", json!({ "interests": ["EVENTS"], "city": "Toronto" })).await;
    assert!(sent["errors"].is_null(), "{sent}");
    // One a minute: the worker's runs, a minute apart.
    for minute in 0..4 {
        app.run_jobs_at(chrono::Utc::now() + chrono::TimeDelta::seconds(61 * minute)).await;
    }
    let got: Vec<(String, usize)> = ["zoe@example.com", "bea@example.com", "yan@example.com", "xia@example.com"]
        .iter()
        .map(|to| (to.to_string(), app.smtp.to(to).iter().filter(|e| e.subject() == "Toronto events").count()))
        .collect();
    assert_eq!(
        got,
        [
            ("zoe@example.com".into(), 1),
            ("bea@example.com".into(), 1),
            ("yan@example.com".into(), 0),
            ("xia@example.com".into(), 0)
        ],
        "the audience, once each; never an unconfirmed address"
    );
    let listed = ana.graphql(NEWSLETTERS, json!({})).await;
    assert_eq!(listed["data"]["newsletters"][0]["recipients"], 2, "{listed}");
    assert!(!listed["data"]["newsletters"][0]["finishedAt"].is_null());

    // Zoe leaves with one click; the next newsletter does not reach her.
    let newsletter = app.smtp.to("zoe@example.com").into_iter().find(|e| e.subject() == "Toronto events").unwrap();
    assert_eq!(newsletter.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    let link = newsletter.header("List-Unsubscribe").unwrap().trim_matches(['<', '>']).to_owned();
    let left = app.http.post(&link).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(left.status().as_u16(), 200);
    send(&ana, "More events", json!({ "interests": ["EVENTS"] })).await;
    for minute in 0..4 {
        app.run_jobs_at(chrono::Utc::now() + chrono::TimeDelta::seconds(61 * minute)).await;
    }
    assert!(app.smtp.to("zoe@example.com").iter().all(|e| e.subject() != "More events"));
    assert_eq!(app.smtp.to("bea@example.com").iter().filter(|e| e.subject() == "More events").count(), 1);
}
