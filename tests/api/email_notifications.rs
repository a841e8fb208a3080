//! Notifications by email: on by default only for event changes and cancellations, one
//! email per new notification with `List-Unsubscribe` one-click (RFC 8058) that turns the
//! kind off without signing in; private groups' email says what happened, not what.

use serde_json::json;

use crate::support::{TestApp, thread_with_a_reply};

const PREFERENCES: &str = "{ notificationPreferences { kind inApp push email } }";

#[tokio::test]
async fn an_event_change_is_emailed_with_a_one_click_unsubscribe_that_turns_the_kind_off() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (group, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    let create = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let input = json!({ "input": { "groupId": group, "title": "Coffee", "startsAt": "2030-05-01T08:00:00Z",
        "endsAt": "2030-05-01T09:00:00Z", "timezone": "America/Toronto", "location": "Cafe", "capacity": 5 } });
    let event = ana.graphql(create, input).await["data"]["createEvent"]["id"].as_str().unwrap().to_owned();
    bea.graphql("mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { id } }", json!({ "e": event }))
        .await;
    ana.post_reply(&thread, "A reply Bea is told about in the app, not by email").await;
    app.jobs_done().await;
    let before = app.smtp.to("bea@example.com").len();

    let update = "mutation($e: ID!) { updateEvent(input: { eventId: $e, location: \"Cafe Lima\" }) { id } }";
    assert!(ana.graphql(update, json!({ "e": event })).await["errors"].is_null());
    app.jobs_done().await;
    let emails = app.smtp.to("bea@example.com");
    assert_eq!(emails.len(), before + 1, "one email, for the change only");
    let email = emails.last().unwrap();
    assert_eq!(email.subject(), "'Coffee' has changed");
    assert_eq!(email.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    let unsubscribe = email.header("List-Unsubscribe").unwrap();
    let link = unsubscribe.trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(link.starts_with(&format!("{}/email/unsubscribe/", app.url)), "{link}");
    assert!(email.text().contains(&link), "the footer carries it too");

    // A forged link does nothing; the real one, POSTed as a mail app does, turns it off.
    let forged = format!("{}x", link);
    let answer = app.http.post(&forged).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 404);
    let answer = app
        .http
        .post(&link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    let preferences = bea.graphql(PREFERENCES, json!({})).await.to_string();
    assert!(
        preferences.contains(r#"{"email":false,"inApp":true,"kind":"EVENT_CHANGED","push":true}"#),
        "{preferences}"
    );

    let again = "mutation($e: ID!) { updateEvent(input: { eventId: $e, location: \"Cafe Lima, upstairs\" }) { id } }";
    assert!(ana.graphql(again, json!({ "e": event })).await["errors"].is_null());
    app.jobs_done().await;
    assert_eq!(app.smtp.to("bea@example.com").len(), before + 1, "no more");
}

#[tokio::test]
async fn emailed_replies_from_a_private_group_say_what_happened_not_what_was_said() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PRIVATE").await;
    let opt_in = "mutation { setNotificationPreference(input: { kind: REPLY_TO_MY_THREAD, inApp: true, push: false, email: true }) { kind email } }";
    let set = ana.graphql(opt_in, json!({})).await;
    assert!(set.to_string().contains(r#""email":true,"kind":"REPLY_TO_MY_THREAD""#), "{set}");
    app.jobs_done().await;
    let before = app.smtp.to("ana@example.com").len();
    bea.post_reply(&thread, "My very private words").await;
    app.jobs_done().await;
    let emails = app.smtp.to("ana@example.com");
    assert_eq!(emails.len(), before + 1);
    let email = emails.last().unwrap();
    assert_eq!(email.subject(), "New reply in a private group");
    assert!(!email.raw.contains("private words") && !email.raw.contains("Bea"), "{}", email.raw);
}

#[tokio::test]
async fn nothing_is_emailed_to_an_address_its_member_has_not_confirmed() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let (_, thread, _) = thread_with_a_reply(&ana, &bea, "PUBLIC").await;
    // Bea's address was never confirmed: she signed up with someone else's, perhaps.
    village::on_db!(&app.db, pool => sqlx::query("UPDATE members SET email_verified_at = NULL WHERE email = 'bea@example.com'").execute(pool).await.map(drop)).unwrap();
    let opt_in = "mutation { setNotificationPreference(input: { kind: REPLY_TO_MY_REPLY, inApp: true, push: false, email: true }) { kind } }";
    assert!(bea.graphql(opt_in, json!({})).await["errors"].is_null());
    app.jobs_done().await;
    let before = app.smtp.to("bea@example.com").len();
    let hers = bea.post_reply(&thread, "Bea's reply").await;
    ana.answer_reply(&thread, &hers, "Answering Bea").await;
    app.jobs_done().await;
    assert_eq!(app.smtp.to("bea@example.com").len(), before, "in the app only");
    assert!(app.count("notifications WHERE kind = 'REPLY_TO_MY_REPLY'").await >= 1, "she is told in the app");
}
