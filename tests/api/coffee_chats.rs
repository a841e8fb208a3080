//! Coffee chats: proposed only to a member who shows she is open to them, 1 to 3 times
//! at a place or online, answered by whoever is awaited, cancelled or moved by either,
//! each change told to the other; an accepted chat lands in both calendar feeds with
//! reminders a day and an hour before; times in each one's time zone; a cap on
//! proposals waiting for an answer; blocks; bad input that changes nothing.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

use crate::messages::{block, connect};
use crate::support::{Member, TestApp, error_code, error_field, notifications_of};

const CHAT: &str = "id status awaitingMe timeZone place onlineUrl note proposedBy { id } with { id displayName } \
                    slots { startsAt endsAt localStart } time { startsAt localStart }";

async fn open_to_coffee(member: &Member, visibility: &str, zone: &str) {
    let query = "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }";
    let input = json!({ "openTo": ["COFFEE_CHATS"], "timezone": zone,
                        "visibility": [{ "field": "OPEN_TO", "visibility": visibility }] });
    let answer = member.graphql(query, json!({ "input": input })).await;
    assert!(answer["errors"].is_null(), "{answer}");
}

/// A 45-minute time `days` from now, on the hour, `hours` later.
fn slot(days: i64, hours: i64) -> Value {
    let start = (Utc::now() + TimeDelta::days(days)).with_timezone(&Utc);
    let start = start - TimeDelta::seconds(start.timestamp() % 3600) + TimeDelta::hours(hours);
    json!({ "startsAt": start.to_rfc3339(), "endsAt": (start + TimeDelta::minutes(45)).to_rfc3339() })
}

async fn propose(from: &Member, to: &Member, input: Value) -> Value {
    let mut input = input;
    input["memberId"] = json!(to.member_id);
    let query =
        format!("mutation($input: ProposeCoffeeChatInput!) {{ proposeCoffeeChat(input: $input) {{ {CHAT} }} }}");
    from.graphql(&query, json!({ "input": input })).await
}

fn at_the_cafe() -> Value {
    json!({ "slots": [slot(2, 9), slot(3, 15)], "place": "Café Lune, Queen St", "note": "Returnships?" })
}

async fn proposed(from: &Member, to: &Member) -> String {
    let answer = propose(from, to, at_the_cafe()).await;
    answer["data"]["proposeCoffeeChat"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

async fn act(member: &Member, mutation: &str, input: Value) -> Value {
    let query =
        format!("mutation($input: {}Input!) {{ {mutation}(input: $input) {{ {CHAT} }} }}", input_type(mutation));
    member.graphql(&query, json!({ "input": input })).await
}

fn input_type(mutation: &str) -> &'static str {
    match mutation {
        "acceptCoffeeChat" => "AcceptCoffeeChat",
        "rescheduleCoffeeChat" => "RescheduleCoffeeChat",
        _ => "CoffeeChat",
    }
}

async fn chat(member: &Member, id: &str) -> Value {
    member.graphql(&format!("query($id: ID!) {{ coffeeChat(id: $id) {{ {CHAT} }} }}"), json!({ "id": id })).await
}

async fn feed(app: &TestApp, member: &Member) -> String {
    let made = member.graphql("mutation { createCalendarFeed { path } }", json!({})).await;
    let path = made["data"]["createCalendarFeed"]["path"].as_str().unwrap_or_else(|| panic!("{made}")).to_owned();
    let (status, body) = app.get(&path).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_proposal_accepted_is_on_in_both_calendars_and_each_sees_her_own_time_zone() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    open_to_coffee(&bea, "MEMBERS", "America/Vancouver").await;
    let set_zone = "mutation { updateProfile(input: { timezone: \"America/Toronto\" }) { id } }";
    ana.graphql(set_zone, json!({})).await;

    let id = proposed(&ana, &bea).await;
    let waiting = chat(&bea, &id).await;
    let seen = &waiting["data"]["coffeeChat"];
    assert_eq!((seen["status"].as_str(), seen["awaitingMe"].as_bool()), (Some("PROPOSED"), Some(true)), "{waiting}");
    assert_eq!(seen["timeZone"], "America/Vancouver");
    assert_eq!(seen["with"]["id"], ana.member_id.as_str());
    let (_, list) = notifications_of(&app, &bea).await;
    assert_eq!(
        (list[0]["kind"].as_str(), list[0]["title"].as_str()),
        (Some("COFFEE_CHAT_PROPOSED"), Some("Ana proposed a coffee chat"))
    );
    assert_eq!(
        error_code(&act(&ana, "acceptCoffeeChat", json!({ "id": id, "slot": 0 })).await),
        "FORBIDDEN",
        "she awaits Bea"
    );

    let accepted = act(&bea, "acceptCoffeeChat", json!({ "id": id, "slot": 1 })).await;
    let on = &accepted["data"]["acceptCoffeeChat"];
    assert_eq!(on["status"], "ACCEPTED", "{accepted}");
    let starts: DateTime<Utc> = on["time"]["startsAt"].as_str().unwrap().parse().unwrap();
    let local = |zone: chrono_tz::Tz| starts.with_timezone(&zone).to_rfc3339();
    assert_eq!(on["time"]["localStart"], local(chrono_tz::America::Vancouver).as_str(), "hers: {on}");
    let for_ana = chat(&ana, &id).await;
    assert_eq!(for_ana["data"]["coffeeChat"]["time"]["localStart"], local(chrono_tz::America::Toronto).as_str());
    let (_, list) = notifications_of(&app, &ana).await;
    assert_eq!(list[0]["title"], "Bea accepted your coffee chat");

    for member in [&ana, &bea] {
        let calendar = feed(&app, member).await;
        assert!(calendar.contains(&format!("UID:{id}@village-coffee")), "{calendar}");
        assert!(calendar.contains(&format!("DTSTART:{}", starts.format("%Y%m%dT%H%M%SZ"))), "{calendar}");
        assert!(calendar.contains("LOCATION:Café Lune\\, Queen St"), "{calendar}");
    }
    let summary = feed(&app, &bea).await;
    assert!(summary.contains("SUMMARY:Coffee chat with Ana"), "{summary}");

    app.run_jobs_at(starts - TimeDelta::days(1)).await;
    app.run_jobs_at(starts - TimeDelta::hours(1)).await;
    let (_, list) = notifications_of(&app, &bea).await;
    let reminders: Vec<&str> =
        list.iter().filter(|n| n["kind"] == "COFFEE_CHAT_REMINDER").filter_map(|n| n["title"].as_str()).collect();
    assert_eq!(
        reminders,
        ["Your coffee chat with Ana starts in 60 minutes", "Your coffee chat with Ana starts in about 24 hours"]
    );
}

#[tokio::test]
async fn only_a_member_who_shows_she_is_open_to_coffee_chats_can_be_asked() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo, dana) =
        (app.member("ana").await, app.member("bea").await, app.member("cleo").await, app.member("dana").await);
    open_to_coffee(&cleo, "CONNECTIONS", "UTC").await;
    open_to_coffee(&dana, "MEMBERS", "UTC").await;

    assert_eq!(error_code(&propose(&ana, &bea, at_the_cafe()).await), "FORBIDDEN", "not open to them");
    assert_eq!(error_code(&propose(&ana, &cleo, at_the_cafe()).await), "FORBIDDEN", "hidden from non-connections");
    block(&dana, &ana).await;
    assert_eq!(error_code(&propose(&ana, &dana, at_the_cafe()).await), "NOT_FOUND", "blocked");
    assert_eq!(app.count("coffee_chats").await, 0);

    connect(&ana, &cleo).await;
    let answer = propose(&ana, &cleo, at_the_cafe()).await;
    assert_eq!(answer["data"]["proposeCoffeeChat"]["status"], "PROPOSED", "a connection sees it: {answer}");
}

#[tokio::test]
async fn declining_cancelling_and_new_times_are_told_to_the_other_and_end_its_reminders() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    open_to_coffee(&bea, "MEMBERS", "UTC").await;

    let declined = proposed(&ana, &bea).await;
    let answer = act(&bea, "declineCoffeeChat", json!({ "id": declined })).await;
    assert_eq!(answer["data"]["declineCoffeeChat"]["status"], "DECLINED", "{answer}");
    assert_eq!(notifications_of(&app, &ana).await.1[0]["title"], "Bea declined your coffee chat");

    let id = proposed(&ana, &bea).await;
    let on = act(&bea, "acceptCoffeeChat", json!({ "id": id, "slot": 0 })).await;
    let starts: DateTime<Utc> = on["data"]["acceptCoffeeChat"]["time"]["startsAt"].as_str().unwrap().parse().unwrap();
    let moved = act(
        &ana,
        "rescheduleCoffeeChat",
        json!({ "id": id, "slots": [slot(5, 10)], "onlineUrl": "https://meet.example/ana" }),
    )
    .await;
    let moved = &moved["data"]["rescheduleCoffeeChat"];
    assert_eq!((moved["status"].as_str(), moved["awaitingMe"].as_bool()), (Some("PROPOSED"), Some(false)), "{moved}");
    assert!(moved["place"].is_null());
    assert_eq!(notifications_of(&app, &bea).await.1[0]["title"], "Ana proposed a coffee chat");
    assert!(!feed(&app, &ana).await.contains(&id), "off the calendar until accepted again");
    app.run_jobs_at(starts - TimeDelta::hours(1)).await;
    let (_, list) = notifications_of(&app, &bea).await;
    assert!(list.iter().all(|n| n["kind"] != "COFFEE_CHAT_REMINDER"), "a moved chat's old reminders do nothing");

    let cancelled = act(&bea, "cancelCoffeeChat", json!({ "id": id })).await;
    assert_eq!(cancelled["data"]["cancelCoffeeChat"]["status"], "CANCELLED", "{cancelled}");
    assert_eq!(notifications_of(&app, &ana).await.1[0]["title"], "Bea cancelled your coffee chat");
    let again = act(&ana, "cancelCoffeeChat", json!({ "id": id })).await;
    assert_eq!((error_code(&again), error_field(&again)), ("BAD_USER_INPUT", "id"));
}

#[tokio::test]
async fn her_chats_list_by_status_and_outsiders_see_none_of_them() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    open_to_coffee(&bea, "MEMBERS", "UTC").await;
    let first = proposed(&ana, &bea).await;
    let second = proposed(&ana, &bea).await;
    act(&bea, "acceptCoffeeChat", json!({ "id": second, "slot": 0 })).await;

    let mine = "query($s: CoffeeChatStatus) { myCoffeeChats(status: $s, first: 10) { edges { node { id status } } } }";
    let all = ana.graphql(mine, json!({})).await;
    assert_eq!(all["data"]["myCoffeeChats"]["edges"].as_array().map(Vec::len), Some(2), "{all}");
    let on = bea.graphql(mine, json!({ "s": "ACCEPTED" })).await;
    assert_eq!(on["data"]["myCoffeeChats"]["edges"], json!([{ "node": { "id": second, "status": "ACCEPTED" } }]));
    assert_eq!(error_code(&chat(&cleo, &first).await), "NOT_FOUND");
    assert_eq!(error_code(&act(&cleo, "cancelCoffeeChat", json!({ "id": first })).await), "NOT_FOUND");
    let empty = cleo.graphql(mine, json!({})).await;
    assert_eq!(empty["data"]["myCoffeeChats"]["edges"], json!([]));

    block(&bea, &ana).await;
    assert_eq!(error_code(&chat(&ana, &first).await), "NOT_FOUND", "a block hides their chats from both");
}

#[tokio::test]
async fn proposals_waiting_for_an_answer_are_capped() {
    let app = TestApp::spawn_with(|settings| settings.open_coffee_chats = 2).await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    open_to_coffee(&bea, "MEMBERS", "UTC").await;
    open_to_coffee(&cleo, "MEMBERS", "UTC").await;
    proposed(&ana, &bea).await;
    let answered = proposed(&ana, &cleo).await;

    let over = propose(&ana, &bea, at_the_cafe()).await;
    assert_eq!(error_code(&over), "RATE_LIMITED", "{over}");
    assert_eq!(app.count("coffee_chats").await, 2);
    act(&cleo, "declineCoffeeChat", json!({ "id": answered })).await;
    let room = propose(&ana, &bea, at_the_cafe()).await;
    assert_eq!(room["data"]["proposeCoffeeChat"]["status"], "PROPOSED", "an answer frees a place: {room}");
    assert_eq!(error_code(&propose(&ana, &cleo, at_the_cafe()).await), "RATE_LIMITED");

    block(&bea, &ana).await;
    let after_block = propose(&ana, &cleo, at_the_cafe()).await;
    assert_eq!(
        after_block["data"]["proposeCoffeeChat"]["status"], "PROPOSED",
        "chats a block hid do not count: {after_block}"
    );
}

#[tokio::test]
async fn bad_proposals_are_refused_and_nothing_is_made() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    open_to_coffee(&bea, "MEMBERS", "UTC").await;
    let past = json!({ "startsAt": (Utc::now() - TimeDelta::hours(2)).to_rfc3339(),
                       "endsAt": (Utc::now() - TimeDelta::hours(1)).to_rfc3339() });
    let long = {
        let mut s = slot(2, 9);
        s["endsAt"] = json!((Utc::now() + TimeDelta::days(3)).to_rfc3339());
        s
    };
    let cases = [
        (json!({ "slots": [], "place": "Café" }), "slots"),
        (json!({ "slots": [slot(1, 1), slot(1, 2), slot(1, 3), slot(1, 4)], "place": "Café" }), "slots"),
        (json!({ "slots": [past], "place": "Café" }), "slots"),
        (json!({ "slots": [long], "place": "Café" }), "slots"),
        (json!({ "slots": [slot(2, 9)] }), "place"),
        (json!({ "slots": [slot(2, 9)], "place": "Café", "onlineUrl": "https://meet.example/x" }), "place"),
        (json!({ "slots": [slot(2, 9)], "onlineUrl": "javascript:alert(1)" }), "onlineUrl"),
        (json!({ "slots": [slot(2, 9)], "place": "Café", "note": "x".repeat(1001) }), "note"),
    ];
    for (input, field) in cases {
        let refused = propose(&ana, &bea, input).await;
        assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", field), "{refused}");
    }
    let to_herself = propose(&ana, &ana, at_the_cafe()).await;
    assert_eq!((error_code(&to_herself), error_field(&to_herself)), ("BAD_USER_INPUT", "memberId"));
    assert_eq!((app.count("coffee_chats").await, app.count("outbox WHERE kind <> 'SEND_EMAIL'").await), (0, 0));

    let id = proposed(&ana, &bea).await;
    let no_slot = act(&bea, "acceptCoffeeChat", json!({ "id": id, "slot": 5 })).await;
    assert_eq!((error_code(&no_slot), error_field(&no_slot)), ("BAD_USER_INPUT", "slot"));
    assert_eq!(chat(&bea, &id).await["data"]["coffeeChat"]["status"], "PROPOSED", "unchanged");
}
