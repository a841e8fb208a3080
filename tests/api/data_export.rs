//! `requestDataExport`: a job gathers what Village holds about her and emails a link
//! that only her session opens, for 24 hours; others appear in it only by id, devices
//! without their push secrets; a few a day.

use serde_json::{Value, json};

use crate::messages::{conversation, send};
use crate::support::{TestApp, error_code};

const REQUEST: &str = "mutation { requestDataExport { requested } }";

async fn download(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String) {
    app.get_as(path, token).await
}

#[tokio::test]
async fn her_export_holds_what_is_hers_and_opens_for_her_session_alone() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let profile = "mutation { updateProfile(input: { headline: \"Product lead, back from leave\", children: [{ bornYear: 2025, bornMonth: 3 }] }) { id } }";
    assert!(ana.graphql(profile, json!({})).await["errors"].is_null());
    let group = bea.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    ana.join_group(&group, &[]).await;
    let thread = ana.start_thread(&group, "Pumping rooms", "Where does everyone pump?").await;
    bea.post_reply(&thread, "Bea's own words").await;
    ana.post_reply(&thread, "Thanks Bea!").await;
    let chat = conversation(&ana, &[&bea], "Coffee next week?").await;
    send(&bea, &chat, "Bea's private answer", None).await;
    let device = "mutation { registerDevice(input: { transport: FCM, token: \"fcm-secret-token-123\", appId: \"org.village.app\" }) { id } }";
    ana.graphql(device, json!({})).await;

    let connect = "mutation($m: ID!) { requestConnection(input: { memberId: $m }) { __typename } }";
    let accept = "mutation($m: ID!) { acceptConnection(input: { memberId: $m }) { __typename } }";
    assert!(ana.graphql(connect, json!({ "m": bea.member_id })).await["errors"].is_null());
    assert!(bea.graphql(accept, json!({ "m": ana.member_id })).await["errors"].is_null());

    let asked = ana.graphql(REQUEST, json!({})).await;
    assert_eq!(asked["data"]["requestDataExport"]["requested"], true, "{asked}");
    app.jobs_done().await;
    let email =
        app.smtp.to("ana@example.com").into_iter().find(|email| email.subject().contains("data is ready")).unwrap();
    let link = email.link("/exports/");
    let path = link.trim_start_matches(&app.url).to_owned();

    assert_eq!(download(&app, &path, None).await.0, 401, "her session is required");
    assert_eq!(download(&app, &path, Some(&bea.access_token)).await.0, 404, "nobody else's");
    let (status, body) = download(&app, &path, Some(&ana.access_token)).await;
    assert_eq!(status, 200);
    let export: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(export["profile"][0]["email"], "ana@example.com");
    assert_eq!(export["profile"][0]["headline"], "Product lead, back from leave");
    assert_eq!(export["children"].as_array().unwrap().len(), 1);
    assert_eq!(export["threads"][0]["body"], "Where does everyone pump?");
    assert_eq!(export["replies"][0]["body"], "Thanks Bea!");
    assert_eq!(export["messagesSent"][0]["body"], "Coffee next week?");
    assert_eq!(export["groups"][0]["name"], "Moms at Work");
    assert_eq!(export["threads"][0]["id"], thread.as_str());
    assert_eq!(export["connections"][0]["member_id"], bea.member_id.as_str(), "others by id, on both databases");
    assert!(export["notificationPreferences"].is_array() && export["digest"].is_array());
    for secret in ["Bea's own words", "Bea's private answer", "bea@example.com", "fcm-secret-token-123"] {
        assert!(!body.contains(secret), "{secret} is not hers: {body}");
    }

    // Once it ran out, the link leads nowhere, and housekeeping deletes it.
    let past = chrono::Utc::now() - chrono::TimeDelta::minutes(1);
    village::on_db!(&app.db, pool => sqlx::query("UPDATE data_exports SET expires_at = $1").bind(past).execute(pool).await.map(drop)).unwrap();
    assert_eq!(download(&app, &path, Some(&ana.access_token)).await.0, 404);
    // The hourly clean-up, as the worker schedules it.
    let mut tx = app.db.begin_write().await.unwrap();
    let housekeeping = village::jobs::NewJob::due_at(
        village::jobs::JobKind::AccountsHousekeeping,
        uuid::Uuid::nil(),
        chrono::Utc::now(),
    );
    village::jobs::enqueue(&mut tx, housekeeping).await.unwrap();
    tx.commit().await.unwrap();
    app.jobs_done().await;
    assert_eq!(app.count("data_exports").await, 0);
}

#[tokio::test]
async fn exports_are_limited_to_a_few_a_day_and_a_refused_one_records_nothing() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    for _ in 0..3 {
        assert!(ana.graphql(REQUEST, json!({})).await["errors"].is_null());
    }
    let refused = ana.graphql(REQUEST, json!({})).await;
    assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused}");
    assert_eq!(app.count("data_exports").await, 3);
    assert_eq!(app.count("outbox WHERE kind = 'DATA_EXPORT_REQUESTED'").await, 3);
}
