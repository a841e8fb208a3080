//! "Moms like me": who is suggested, in what order and why — only from what each member
//! shows every member, never someone blocked either way, connected or dismissed.

use chrono::{Datelike, Months, TimeDelta, Utc};
use serde_json::{Value, json};

use crate::messages::{block, connect};
use crate::support::{Member, TestApp, error_code};

const SUGGESTED: &str =
    "query($first: Int) { suggestedMembers(first: $first) { member { id displayName } reasons summary } }";

async fn profile(member: &Member, input: Value) {
    let query = "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }";
    let answer = member.graphql(query, json!({ "input": input })).await;
    assert!(answer["errors"].is_null(), "{answer}");
}

/// A child born `months` ago.
fn child(months: u32) -> Value {
    let born = Utc::now().date_naive().checked_sub_months(Months::new(months)).unwrap();
    json!({ "bornYear": born.year(), "bornMonth": born.month() })
}

fn everyone_sees(fields: &[&str]) -> Value {
    json!(fields.iter().map(|field| json!({ "field": field, "visibility": "MEMBERS" })).collect::<Vec<_>>())
}

async fn suggested(member: &Member) -> Vec<(String, String)> {
    let answer = member.graphql(SUGGESTED, json!({ "first": 10 })).await;
    let list = answer["data"]["suggestedMembers"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    list.iter()
        .map(|s| {
            (
                s["member"]["displayName"].as_str().unwrap_or_default().to_owned(),
                s["summary"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn members_who_share_most_come_first_and_each_says_why_from_what_she_shows() {
    let app = TestApp::spawn().await;
    let names = ["ana", "bea", "cleo", "dana", "emma", "farah", "gia"];
    let mut members = Vec::new();
    for name in names {
        members.push(app.member(name).await);
    }
    let [ana, bea, cleo, dana, emma, farah, gia] = &members[..] else { unreachable!() };
    let back = Utc::now().date_naive() + TimeDelta::days(100);
    let on = |day: u32| back.with_day(day).unwrap().to_string();
    let mom_like_ana = |day: u32| {
        json!({ "careerStage": "ON_LEAVE", "returnToWorkDate": on(day), "city": "Toronto", "industry": "Law",
                "children": [child(20), child(44)], "openTo": ["COFFEE_CHATS"],
                "visibility": everyone_sees(&["RETURN_TO_WORK_DATE", "CHILDREN"]) })
    };
    profile(
        ana,
        json!({ "careerStage": "ON_LEAVE", "returnToWorkDate": on(5), "city": "Toronto",
                         "children": [child(14), child(40)], "openTo": ["COFFEE_CHATS"] }),
    )
    .await;
    profile(bea, mom_like_ana(25)).await;
    profile(
        cleo,
        json!({ "city": "Toronto", "industry": "Law", "careerStage": "WORKING",
                          "visibility": [{ "field": "CITY", "visibility": "CONNECTIONS" }] }),
    )
    .await;
    for other in [dana, emma, farah] {
        profile(other, mom_like_ana(25)).await;
    }
    let hidden = ["CAREER_STAGE", "CITY", "INDUSTRY", "RETURN_TO_WORK_DATE", "CHILDREN", "OPEN_TO"];
    let hidden: Vec<Value> = hidden.iter().map(|f| json!({ "field": f, "visibility": "ONLY_ME" })).collect();
    let mut gia_profile = mom_like_ana(25);
    gia_profile["visibility"] = json!(hidden);
    profile(gia, gia_profile).await;
    block(ana, dana).await;
    connect(ana, emma).await;
    let dismissed = ana
        .graphql("mutation($m: ID!) { dismissSuggestion(input: { memberId: $m }) }", json!({ "m": farah.member_id }))
        .await;
    assert_eq!(dismissed["data"]["dismissSuggestion"], true, "{dismissed}");

    let month = back.format("%B");
    assert_eq!(
        suggested(ana).await,
        [(
            "Bea".to_owned(),
            format!("Also returning from leave in {month} · Toronto · kids 1 and 3 · Open to coffee chats")
        )],
        "Cleo shows her city to connections only and shares no industry Ana shows; Dana is blocked, Emma connected, \
         Farah dismissed, Gia shows nothing"
    );
}

#[tokio::test]
async fn a_hidden_field_is_never_used_to_rank_and_bad_requests_are_refused() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    profile(&ana, json!({ "city": "Toronto", "industry": "Law" })).await;
    profile(&bea, json!({ "city": "Toronto", "industry": "Law", "visibility": [{ "field": "INDUSTRY", "visibility": "ONLY_ME" }] })).await;
    profile(&cleo, json!({ "city": "Toronto", "industry": "Law" })).await;

    assert_eq!(
        suggested(&ana).await,
        [("Cleo".to_owned(), "Toronto · Also in Law".to_owned()), ("Bea".to_owned(), "Toronto".to_owned())]
    );
    for first in [0, 51] {
        let refused = ana.graphql(SUGGESTED, json!({ "first": first })).await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    }
    let unknown = ana
        .graphql(
            "mutation { dismissSuggestion(input: { memberId: \"01890000-0000-7000-8000-000000000000\" }) }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&unknown), "NOT_FOUND", "{unknown}");
    assert_eq!(app.count("suggestion_dismissals").await, 0);
}
