//! Email digests: at her local hour, the busiest threads of her groups (none by or
//! counting members blocked either way), her unread mentions and upcoming events; the
//! next one scheduled as each goes; a rescheduled one's old time does nothing; one
//! click stops them; threads on topics she shields herself from stay out.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;

use crate::support::{TestApp, error_code};

const SET: &str = "mutation($f: DigestFrequency!, $h: Int!) { setDigest(input: { frequency: $f, hour: $h }) { frequency hour nextAt } }";

fn at(value: &serde_json::Value) -> DateTime<Utc> {
    value.as_str().expect("a time").parse().expect("RFC 3339")
}

#[tokio::test]
async fn a_daily_digest_goes_at_her_hour_with_what_she_may_read_and_schedules_the_next() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo, dan) =
        (app.member("ana").await, app.member("bea").await, app.member("cleo").await, app.member("dan").await);
    let group = bea.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&ana, &cleo, &dan] {
        member.join_group(&group, &[]).await;
    }
    let busy = bea.start_thread(&group, "Daycare waitlists", "How long did you wait?").await;
    cleo.post_reply(&busy, "Eight months").await;
    dan.post_reply(&busy, "A year").await;
    let hidden = dan.start_thread(&group, "Dan's own thread", "...").await;
    cleo.post_reply(&hidden, "Replying to Dan").await;
    let block = "mutation($m: ID!) { blockMember(input: { memberId: $m }) { id } }";
    assert!(ana.graphql(block, json!({ "m": dan.member_id })).await["errors"].is_null());

    let bad = ana.graphql(SET, json!({ "f": "DAILY", "h": 24 })).await;
    assert_eq!(error_code(&bad), "BAD_USER_INPUT", "{bad}");
    let set = ana.graphql(SET, json!({ "f": "DAILY", "h": 8 })).await;
    let due = at(&set["data"]["setDigest"]["nextAt"]);
    assert!(due > Utc::now() && due <= Utc::now() + TimeDelta::days(1), "{set}");
    app.jobs_done().await;
    let before = app.smtp.to("ana@example.com").len();

    app.run_jobs_at(due + TimeDelta::seconds(1)).await;
    let emails = app.smtp.to("ana@example.com");
    assert_eq!(emails.len(), before + 1, "one digest");
    let digest = emails.last().unwrap();
    assert_eq!(digest.subject(), "Your Village digest");
    let text = digest.text();
    assert!(text.contains("'Daycare waitlists' in Moms at Work: 1 new reply"), "Dan's reply is not counted: {text}");
    assert!(!text.contains("Dan's own thread"), "{text}");
    assert_eq!(digest.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));

    let settings = ana.graphql("{ digestSettings { frequency nextAt } }", json!({})).await;
    assert_eq!(at(&settings["data"]["digestSettings"]["nextAt"]), due + TimeDelta::days(1), "{settings}");

    // One click stops them: the next due time sends nothing.
    let link = digest.header("List-Unsubscribe").unwrap().trim_matches(['<', '>']).to_owned();
    assert_eq!(app.http.post(&link).body("List-Unsubscribe=One-Click").send().await.unwrap().status().as_u16(), 200);
    app.run_jobs_at(due + TimeDelta::days(1) + TimeDelta::seconds(1)).await;
    assert_eq!(app.smtp.to("ana@example.com").len(), before + 1);
    let settings = ana.graphql("{ digestSettings { frequency nextAt } }", json!({})).await;
    assert_eq!(settings["data"]["digestSettings"]["frequency"], "NONE");
}

#[tokio::test]
async fn a_rescheduled_digest_does_nothing_at_its_old_time() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let group = bea.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    ana.join_group(&group, &[]).await;
    let thread = bea.start_thread(&group, "Sleep regressions", "Send coffee").await;
    bea.post_reply(&thread, "Day three").await;
    let first = at(&ana.graphql(SET, json!({ "f": "DAILY", "h": 6 })).await["data"]["setDigest"]["nextAt"]);
    let moved = at(&ana.graphql(SET, json!({ "f": "WEEKLY", "h": 20 })).await["data"]["setDigest"]["nextAt"]);
    assert_ne!(first, moved);
    app.jobs_done().await;
    let before = app.smtp.to("ana@example.com").len();
    app.run_jobs_at(first + TimeDelta::seconds(1)).await;
    if first < moved {
        assert_eq!(app.smtp.to("ana@example.com").len(), before, "the old time does nothing");
    }
    app.run_jobs_at(moved + TimeDelta::seconds(1)).await;
    assert_eq!(app.smtp.to("ana@example.com").len(), before + 1, "the new one goes, once");
}

#[tokio::test]
async fn a_digest_leaves_out_threads_on_topics_she_shields_herself_from() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    let group = bea.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    for member in [&ana, &cleo] {
        member.join_group(&group, &[]).await;
    }
    let create = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Trying for a second\", \
                  body: \"Month 14\", sensitiveTopics: [FERTILITY] }) { id } }";
    let sensitive = bea.graphql(create, json!({ "g": group })).await;
    let sensitive = sensitive["data"]["createThread"]["id"].as_str().expect("created").to_owned();
    cleo.post_reply(&sensitive, "Sending hope").await;
    let busy = bea.start_thread(&group, "Daycare waitlists", "How long did you wait?").await;
    cleo.post_reply(&busy, "Eight months").await;
    ana.graphql("mutation { setShieldedTopics(input: { topics: [FERTILITY] }) }", json!({})).await;

    let set = ana.graphql(SET, json!({ "f": "DAILY", "h": 8 })).await;
    let due = at(&set["data"]["setDigest"]["nextAt"]);
    app.jobs_done().await;
    app.run_jobs_at(due + TimeDelta::seconds(1)).await;
    let text = app.smtp.to("ana@example.com").last().expect("a digest").text();
    assert!(text.contains("'Daycare waitlists'"), "{text}");
    assert!(!text.contains("Trying for a second"), "{text}");
}
