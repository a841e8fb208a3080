//! Events: organising, RSVPs with a waitlist that holds under concurrency, childcare
//! places, cancellation, privacy, and iCalendar export.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::support::{Member, TestApp, error_code, error_field};

const EVENT_FIELDS: &str = "id title capacity goingCount waitlistCount seatsLeft onlineUrl cancelled \
                            viewerRsvp { status kids waitlistPosition }";

struct Setup {
    app: TestApp,
    ana: Member,
    bea: Member,
    group: String,
}

async fn setup(visibility: &str) -> Setup {
    let app = TestApp::spawn_with(|settings| settings.sign_ups_per_ip_per_hour = 1_000).await;
    let ana = app.member("ana").await;
    let bea = app.member("bea").await;
    let group = ana.create_group("Moms at Work", visibility, "OPEN").await;
    if visibility == "PUBLIC" {
        bea.join_group(&group, &[]).await;
    }
    Setup { app, ana, bea, group }
}

/// The day `days` from today, as `YYYY-MM-DD` (events are set ahead of whenever the
/// tests run).
pub fn day(days: u64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(days)).to_string()
}

/// The day of the tests' usual event.
fn event_day() -> String {
    day(100)
}

fn event_input(group: &str, extra: Value) -> Value {
    let mut input = json!({
        "groupId": group, "title": "#OwningIt: Making self-employment work for you",
        "startsAt": format!("{}T14:00:00Z", event_day()), "endsAt": format!("{}T21:00:00Z", event_day()), "timezone": "America/Toronto",
        "location": "Centre for Social Innovation", "city": "Toronto", "capacity": 60
    });
    if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
        input.extend(extra.clone());
    }
    input
}

impl Setup {
    async fn create_event(&self, extra: Value) -> Value {
        let query =
            format!("mutation($input: CreateEventInput!) {{ createEvent(input: $input) {{ {EVENT_FIELDS} }} }}");
        self.app
            .graphql(&query, json!({ "input": event_input(&self.group, extra) }), Some(&self.ana.access_token))
            .await
    }

    async fn event_id(&self, extra: Value) -> String {
        let answer = self.create_event(extra).await;
        answer["data"]["createEvent"]["id"].as_str().unwrap_or_else(|| panic!("event created: {answer}")).to_owned()
    }

    async fn rsvp(&self, token: &str, event: &str, status: &str, kids: i64) -> Value {
        let query = format!("mutation($input: RsvpInput!) {{ rsvp(input: $input) {{ {EVENT_FIELDS} }} }}");
        let input = json!({ "input": { "eventId": event, "status": status, "kids": kids } });
        self.app.graphql(&query, input, Some(token)).await
    }

    async fn members(&self, count: usize) -> Vec<Member> {
        let mut members = Vec::with_capacity(count);
        for chunk in (0..count).collect::<Vec<_>>().chunks(20) {
            let signed_up = join_all(chunk.iter().map(|n| async move {
                let member = self.app.sign_up(&format!("m{n}@example.com"), &format!("Member {n}")).await;
                member.join_group(&self.group, &[]).await;
                member
            }))
            .await;
            members.extend(signed_up);
        }
        members
    }
}

fn rsvp_of(answer: &Value) -> &Value {
    &answer["data"]["rsvp"]["viewerRsvp"]
}

#[tokio::test]
async fn an_rsvp_sent_again_with_its_key_is_not_applied_again() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({})).await;
    let query = format!("mutation($input: RsvpInput!) {{ rsvp(input: $input) {{ {EVENT_FIELDS} }} }}");
    let going = json!({ "input": { "eventId": event, "status": "GOING", "clientMutationId": "rsvp-1" } });

    let first = s.app.graphql(&query, going.clone(), Some(&s.bea.access_token)).await;
    assert_eq!(rsvp_of(&first)["status"], "GOING", "{first}");
    let changed = s.rsvp(&s.bea.access_token, &event, "NOT_GOING", 0).await;
    let replayed = s.app.graphql(&query, going, Some(&s.bea.access_token)).await;

    assert_eq!(rsvp_of(&replayed)["status"], "NOT_GOING", "a late replay does not undo her change: {replayed}");
    assert_eq!(replayed["data"]["rsvp"]["goingCount"], changed["data"]["rsvp"]["goingCount"]);
}

#[tokio::test]
async fn an_rsvp_with_an_unusable_key_is_refused_and_changes_nothing() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({})).await;
    let query = "mutation($input: RsvpInput!) { rsvp(input: $input) { id } }";
    let rsvps = s.app.count("rsvps").await;
    for key in [String::new(), "k".repeat(129), "tab\tinside".to_owned()] {
        let input = json!({ "input": { "eventId": event, "status": "GOING", "clientMutationId": key } });
        let refused = s.app.graphql(query, input, Some(&s.bea.access_token)).await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
        assert_eq!(error_field(&refused), "clientMutationId");
    }
    assert_eq!(s.app.count("rsvps").await, rsvps);
}

#[tokio::test]
async fn organisers_create_events_and_bad_input_creates_nothing() {
    let s = setup("PUBLIC").await;
    let created = s.create_event(json!({ "onlineUrl": "https://meet.example.com/owning-it" })).await;
    assert_eq!(created["data"]["createEvent"]["seatsLeft"], 60, "{created}");
    assert_eq!(
        created["data"]["createEvent"]["onlineUrl"], "https://meet.example.com/owning-it",
        "the organiser sees the link"
    );

    let cases = [
        (json!({ "endsAt": format!("{}T13:00:00Z", event_day()) }), "endsAt"),
        (json!({ "endsAt": format!("{}T13:00:00Z", day(140)) }), "endsAt"),
        (json!({ "startsAt": "-262143-01-01T00:00:00Z" }), "startsAt"),
        (json!({ "startsAt": "+10000-01-01T00:00:00Z", "endsAt": "+10000-01-01T01:00:00Z" }), "startsAt"),
        (json!({ "startsAt": "2019-01-01T00:00:00Z", "endsAt": "2019-01-01T01:00:00Z" }), "startsAt"),
        (
            json!({ "startsAt": format!("{}T14:00:00Z", day(6 * 366)), "endsAt": format!("{}T15:00:00Z", day(6 * 366)) }),
            "startsAt",
        ),
        (json!({ "costCents": 9_000_000_000_000_000_000i64 }), "costCents"),
        (json!({ "timezone": "Toronto/Somewhere" }), "timezone"),
        (json!({ "location": null }), "location"),
        (json!({ "capacity": 0 }), "capacity"),
        (json!({ "childcareProvided": true }), "childcareCapacity"),
        (json!({ "costCents": -5 }), "costCents"),
        (json!({ "onlineUrl": "javascript:alert(1)" }), "onlineUrl"),
        (json!({ "title": " " }), "title"),
    ];
    let query = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    for (extra, field) in cases {
        let answer =
            s.app.graphql(query, json!({ "input": event_input(&s.group, extra) }), Some(&s.ana.access_token)).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", field), "{answer}");
    }
    let by_member =
        s.app.graphql(query, json!({ "input": event_input(&s.group, json!({})) }), Some(&s.bea.access_token)).await;
    assert_eq!(error_code(&by_member), "FORBIDDEN");
    assert_eq!(s.app.count("events").await, 1);
}

#[tokio::test]
async fn times_out_of_range_are_bad_input_everywhere_and_change_nothing() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({})).await;
    let read = "query($id: ID!) { event(id: $id) { startsAt endsAt } }";
    let before = s.app.graphql(read, json!({ "id": event }), Some(&s.ana.access_token)).await;
    let update = "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id } }";
    for (starts_at, ends_at) in [
        ("0000-01-01T00:00:00Z", "0000-01-01T01:00:00Z"),
        ("9999-12-31T22:59:59Z", "9999-12-31T23:59:59Z"),
        ("-0001-01-01T00:00:00Z", "-0001-01-01T01:00:00Z"),
        ("+262142-01-01T00:00:00Z", "+262142-01-01T01:00:00Z"),
    ] {
        let input = json!({ "input": { "eventId": event, "startsAt": starts_at, "endsAt": ends_at } });
        let answer = s.app.graphql(update, input, Some(&s.ana.access_token)).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("BAD_USER_INPUT", "startsAt"), "{answer}");
    }
    assert_eq!(s.app.graphql(read, json!({ "id": event }), Some(&s.ana.access_token)).await, before);

    let list = "query($f: EventsFilter) { events(filter: $f) { edges { node { id } } } }";
    let far =
        s.app.graphql(list, json!({ "f": { "from": "+262142-01-01T00:00:00Z" } }), Some(&s.bea.access_token)).await;
    assert_eq!((error_code(&far), error_field(&far)), ("BAD_USER_INPUT", "from"), "{far}");
    let mute = "mutation($g: ID!) { muteGroup(input: { groupId: $g, until: \"9999-01-01T00:00:00Z\" }) { muted } }";
    let forever = s.app.graphql(mute, json!({ "g": s.group }), Some(&s.bea.access_token)).await;
    assert_eq!((error_code(&forever), error_field(&forever)), ("BAD_USER_INPUT", "until"), "{forever}");
}

#[tokio::test]
async fn a_full_event_waitlists_in_order_and_promotes_when_someone_leaves() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "capacity": 2, "onlineUrl": "https://meet.example.com/x" })).await;
    let people = s.members(4).await;

    let answers = [
        s.rsvp(&people[0].access_token, &event, "GOING", 0).await,
        s.rsvp(&people[1].access_token, &event, "GOING", 0).await,
        s.rsvp(&people[2].access_token, &event, "GOING", 0).await,
        s.rsvp(&people[3].access_token, &event, "GOING", 0).await,
    ];
    let statuses: Vec<&str> = answers.iter().map(|a| rsvp_of(a)["status"].as_str().unwrap_or("?")).collect();
    assert_eq!(statuses, ["GOING", "GOING", "WAITLISTED", "WAITLISTED"], "{answers:?}");
    assert_eq!(rsvp_of(&answers[3])["waitlistPosition"], 2);
    assert_eq!(answers[0]["data"]["rsvp"]["onlineUrl"], "https://meet.example.com/x");
    assert_eq!(answers[2]["data"]["rsvp"]["onlineUrl"], Value::Null, "the link is for members who are going");

    let left = s.rsvp(&people[1].access_token, &event, "NOT_GOING", 0).await;
    assert_eq!(rsvp_of(&left)["status"], "NOT_GOING", "{left}");
    let read = format!("query($id: ID!) {{ event(id: $id) {{ {EVENT_FIELDS} }} }}");
    let promoted = s.app.graphql(&read, json!({ "id": event }), Some(&people[2].access_token)).await;
    assert_eq!(promoted["data"]["event"]["viewerRsvp"]["status"], "GOING", "{promoted}");
    let next = s.app.graphql(&read, json!({ "id": event }), Some(&people[3].access_token)).await;
    assert_eq!(next["data"]["event"]["viewerRsvp"]["waitlistPosition"], 1);
    assert_eq!(
        (next["data"]["event"]["goingCount"].clone(), next["data"]["event"]["waitlistCount"].clone()),
        (json!(2), json!(1))
    );
}

#[tokio::test]
async fn two_hundred_simultaneous_rsvps_fill_sixty_seats_exactly() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "capacity": 60 })).await;
    let people = s.members(200).await;

    let answers = join_all(people.iter().map(|p| s.rsvp(&p.access_token, &event, "GOING", 0))).await;

    let going = answers.iter().filter(|a| rsvp_of(a)["status"] == "GOING").count();
    let mut positions: Vec<i64> = answers
        .iter()
        .filter(|a| rsvp_of(a)["status"] == "WAITLISTED")
        .filter_map(|a| rsvp_of(a)["waitlistPosition"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(going, 60, "{:?}", answers.iter().find(|a| !a["errors"].is_null()));
    assert_eq!(positions, (1..=140).collect::<Vec<i64>>(), "waitlist positions are 1..140 with no gaps or repeats");

    let first_going = answers.iter().position(|a| rsvp_of(a)["status"] == "GOING").unwrap();
    let first_waiting = answers.iter().position(|a| rsvp_of(a)["waitlistPosition"] == 1).unwrap();
    s.rsvp(&people[first_going].access_token, &event, "NOT_GOING", 0).await;
    let read = format!("query($id: ID!) {{ event(id: $id) {{ {EVENT_FIELDS} }} }}");
    let promoted = s.app.graphql(&read, json!({ "id": event }), Some(&people[first_waiting].access_token)).await;
    assert_eq!(promoted["data"]["event"]["viewerRsvp"]["status"], "GOING", "the first in line moves up");
    assert_eq!(promoted["data"]["event"]["goingCount"], 60);
    assert_eq!(promoted["data"]["event"]["waitlistCount"], 139);
}

#[tokio::test]
async fn childcare_places_are_waited_for_like_seats_in_arrival_order_among_those_who_fit() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "childcareProvided": true, "childcareCapacity": 3 })).await;
    let adults_only = s.event_id(json!({ "title": "Wine & networking" })).await;
    let cat = &s.members(1).await[0];

    assert_eq!(rsvp_of(&s.rsvp(&s.ana.access_token, &event, "GOING", 2).await)["status"], "GOING");
    let waiting = s.rsvp(&s.bea.access_token, &event, "GOING", 2).await;
    assert_eq!(rsvp_of(&waiting)["status"], "WAITLISTED", "seats are free, childcare is not: {waiting}");
    let later = s.rsvp(&cat.access_token, &event, "GOING", 0).await;
    assert_eq!(rsvp_of(&later)["status"], "GOING", "her children need no place: she does not wait behind Bea");

    let never = s.rsvp(&s.bea.access_token, &event, "GOING", 4).await;
    assert_eq!((error_code(&never), error_field(&never)), ("BAD_USER_INPUT", "kids"), "{never}");
    let kids_at_wine = s.rsvp(&s.bea.access_token, &adults_only, "GOING", 1).await;
    assert_eq!((error_code(&kids_at_wine), error_field(&kids_at_wine)), ("BAD_USER_INPUT", "kids"));
    let bea_now = "query($id: ID!) { event(id: $id) { viewerRsvp { status kids } } }";
    let unchanged = s.app.graphql(bea_now, json!({ "id": event }), Some(&s.bea.access_token)).await;
    assert_eq!(unchanged["data"]["event"]["viewerRsvp"], json!({ "status": "WAITLISTED", "kids": 2 }));

    s.rsvp(&s.ana.access_token, &event, "NOT_GOING", 0).await;
    let promoted = s.app.graphql(bea_now, json!({ "id": event }), Some(&s.bea.access_token)).await;
    assert_eq!(promoted["data"]["event"]["viewerRsvp"], json!({ "status": "GOING", "kids": 2 }), "{promoted}");
}

#[tokio::test]
async fn childcare_cannot_shrink_below_what_someone_on_the_waitlist_needs() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "childcareProvided": true, "childcareCapacity": 3, "capacity": 1 })).await;
    s.rsvp(&s.ana.access_token, &event, "GOING", 0).await;
    assert_eq!(rsvp_of(&s.rsvp(&s.bea.access_token, &event, "GOING", 3).await)["status"], "WAITLISTED");
    let update = "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { childcareCapacity } }";

    let shrunk = s
        .app
        .graphql(update, json!({ "input": { "eventId": event, "childcareCapacity": 2 } }), Some(&s.ana.access_token))
        .await;

    assert_eq!((error_code(&shrunk), error_field(&shrunk)), ("CONFLICT", "childcareCapacity"), "{shrunk}");
}

#[tokio::test]
async fn an_update_clears_optional_fields_with_null_and_keeps_those_left_out() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "capacity": 1, "onlineUrl": "https://meet.example.com/x" })).await;
    s.rsvp(&s.ana.access_token, &event, "GOING", 0).await;
    assert_eq!(rsvp_of(&s.rsvp(&s.bea.access_token, &event, "GOING", 0).await)["status"], "WAITLISTED");
    let update = "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { capacity location city onlineUrl waitlistCount } }";

    let no_place = json!({ "input": { "eventId": event, "location": null, "onlineUrl": null } });
    let refused = s.app.graphql(update, no_place, Some(&s.ana.access_token)).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", "location"), "{refused}");

    let cleared = json!({ "input": { "eventId": event, "capacity": null, "location": null, "city": null } });
    let answer = s.app.graphql(update, cleared, Some(&s.ana.access_token)).await;
    assert_eq!(
        answer["data"]["updateEvent"],
        json!({ "capacity": null, "location": null, "city": null, "onlineUrl": "https://meet.example.com/x", "waitlistCount": 0 }),
        "no seat limit any more: the waitlist went in; {answer}"
    );
}

#[tokio::test]
async fn cancelled_events_take_no_rsvps_and_more_seats_promote_the_waitlist() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "capacity": 1 })).await;
    s.rsvp(&s.ana.access_token, &event, "GOING", 0).await;
    assert_eq!(rsvp_of(&s.rsvp(&s.bea.access_token, &event, "GOING", 0).await)["status"], "WAITLISTED");
    let update =
        "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { capacity goingCount waitlistCount } }";

    let shrink = s
        .app
        .graphql(
            update,
            json!({ "input": { "eventId": event, "capacity": 1, "title": " " } }),
            Some(&s.ana.access_token),
        )
        .await;
    assert_eq!(error_field(&shrink), "title");
    let by_member =
        s.app.graphql(update, json!({ "input": { "eventId": event, "capacity": 5 } }), Some(&s.bea.access_token)).await;
    assert_eq!(error_code(&by_member), "FORBIDDEN");
    let grown =
        s.app.graphql(update, json!({ "input": { "eventId": event, "capacity": 2 } }), Some(&s.ana.access_token)).await;
    assert_eq!(grown["data"]["updateEvent"], json!({ "capacity": 2, "goingCount": 2, "waitlistCount": 0 }), "{grown}");

    let cancel = "mutation($id: ID!) { cancelEvent(input: { eventId: $id }) { cancelled } }";
    assert_eq!(
        s.app.graphql(cancel, json!({ "id": event }), Some(&s.ana.access_token)).await["data"]["cancelEvent"]["cancelled"],
        true
    );
    let late = s.rsvp(&s.bea.access_token, &event, "NOT_GOING", 0).await;
    assert_eq!(error_code(&late), "CONFLICT", "{late}");
    assert_eq!(error_code(&s.app.graphql(cancel, json!({ "id": event }), Some(&s.ana.access_token)).await), "CONFLICT");
}

#[tokio::test]
async fn events_filter_by_city_kids_and_time_and_hide_private_groups() {
    let s = setup("PUBLIC").await;
    s.event_id(json!({ "title": "Toronto coffee", "kidsWelcome": true })).await;
    s.event_id(json!({ "title": "Montreal brunch", "city": "Montréal", "startsAt": format!("{}T14:00:00Z", day(148)), "endsAt": format!("{}T16:00:00Z", day(148)) })).await;
    let private = s.ana.create_group("Returning from leave", "PRIVATE", "APPROVAL").await;
    let query = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let secret = s
        .app
        .graphql(
            query,
            json!({ "input": event_input(&private, json!({ "title": "Private circle" })) }),
            Some(&s.ana.access_token),
        )
        .await;
    let secret = secret["data"]["createEvent"]["id"].as_str().unwrap().to_owned();

    let list = "query($f: EventsFilter) { events(filter: $f) { edges { node { title } } } }";
    let titles = |answer: Value| -> Vec<String> {
        answer["data"]["events"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(s.app.graphql(list, json!({}), Some(&s.bea.access_token)).await),
        ["Toronto coffee", "Montreal brunch"]
    );
    assert_eq!(
        titles(s.app.graphql(list, json!({ "f": { "city": "toronto" } }), Some(&s.bea.access_token)).await),
        ["Toronto coffee"]
    );
    assert_eq!(
        titles(s.app.graphql(list, json!({ "f": { "city": "MONTRÉAL" } }), Some(&s.bea.access_token)).await),
        ["Montreal brunch"]
    );
    assert_eq!(
        titles(s.app.graphql(list, json!({ "f": { "kidsWelcome": true } }), Some(&s.bea.access_token)).await),
        ["Toronto coffee"]
    );
    assert_eq!(
        titles(
            s.app
                .graphql(list, json!({ "f": { "from": format!("{}T00:00:00Z", day(118)) } }), Some(&s.bea.access_token))
                .await
        ),
        ["Montreal brunch"]
    );
    assert_eq!(
        titles(s.app.graphql(list, json!({}), Some(&s.ana.access_token)).await).len(),
        3,
        "members see their private group's events"
    );

    let read = "query($id: ID!) { event(id: $id) { title } }";
    assert_eq!(error_code(&s.app.graphql(read, json!({ "id": secret }), Some(&s.bea.access_token)).await), "NOT_FOUND");
    assert_eq!(error_code(&s.rsvp(&s.bea.access_token, &secret, "GOING", 0).await), "NOT_FOUND");
    assert_eq!(s.app.get_as(&format!("/events/{secret}.ics"), Some(&s.bea.access_token)).await.0, 404);
}

#[tokio::test]
async fn events_export_to_icalendar_and_a_private_feed_lists_what_she_is_going_to() {
    let s = setup("PUBLIC").await;
    let going = s.event_id(json!({ "title": "Coffee chat" })).await;
    s.event_id(json!({ "title": "Not for me" })).await;
    s.rsvp(&s.bea.access_token, &going, "GOING", 0).await;

    assert_eq!(s.app.get(&format!("/events/{going}.ics")).await.0, 401, "signed-in members only");
    let (status, ics) = s.app.get_as(&format!("/events/{going}.ics"), Some(&s.bea.access_token)).await;
    assert_eq!(status, 200);
    let start = format!("DTSTART:{}T140000Z", event_day().replace('-', ""));
    for line in ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:Coffee chat", start.as_str(), "END:VCALENDAR"] {
        assert!(ics.contains(line), "{line} missing from:\n{ics}");
    }

    let feed = s.app.graphql("mutation { createCalendarFeed { path } }", json!({}), Some(&s.bea.access_token)).await;
    let path = feed["data"]["createCalendarFeed"]["path"].as_str().expect("feed path").to_owned();
    let (status, body) = s.app.get(&path).await;
    assert_eq!(status, 200);
    assert!(body.contains("SUMMARY:Coffee chat") && !body.contains("Not for me"), "{body}");
    assert_eq!(s.app.get("/calendar/not-a-token.ics").await.0, 404);
    let renewed = s.app.graphql("mutation { createCalendarFeed { path } }", json!({}), Some(&s.bea.access_token)).await;
    assert_ne!(renewed["data"]["createCalendarFeed"]["path"].as_str(), Some(path.as_str()));
    assert_eq!(s.app.get(&path).await.0, 404, "the old feed stops working");
}

#[tokio::test]
async fn only_group_members_rsvp_and_a_removed_member_gives_up_her_seat() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "capacity": 1 })).await;
    let outsider = s.app.sign_up("out@example.com", "Outsider").await;
    assert_eq!(error_code(&s.rsvp(&outsider.access_token, &event, "GOING", 0).await), "FORBIDDEN");
    assert_eq!(s.app.count("rsvps").await, 0);

    let people = s.members(1).await;
    assert_eq!(rsvp_of(&s.rsvp(&s.bea.access_token, &event, "GOING", 0).await)["status"], "GOING");
    assert_eq!(rsvp_of(&s.rsvp(&people[0].access_token, &event, "GOING", 0).await)["status"], "WAITLISTED");

    let remove = "mutation($g: ID!, $m: ID!) { removeMember(input: { groupId: $g, memberId: $m }) { id } }";
    let removed = s.app.graphql(remove, json!({ "g": s.group, "m": s.bea.member_id }), Some(&s.ana.access_token)).await;
    assert!(removed["errors"].is_null(), "{removed}");

    let read = format!("query($id: ID!) {{ event(id: $id) {{ {EVENT_FIELDS} }} }}");
    let next = s.app.graphql(&read, json!({ "id": event }), Some(&people[0].access_token)).await;
    assert_eq!(next["data"]["event"]["viewerRsvp"]["status"], "GOING", "{next}");
    assert_eq!(next["data"]["event"]["goingCount"], 1);
}

#[tokio::test]
async fn childcare_places_cannot_shrink_below_those_taken() {
    let s = setup("PUBLIC").await;
    let event = s.event_id(json!({ "childcareProvided": true, "childcareCapacity": 4 })).await;
    s.rsvp(&s.bea.access_token, &event, "GOING", 3).await;
    let update = "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { childcareCapacity } }";

    for input in
        [json!({ "eventId": event, "childcareCapacity": 2 }), json!({ "eventId": event, "childcareProvided": false })]
    {
        let answer = s.app.graphql(update, json!({ "input": input }), Some(&s.ana.access_token)).await;
        assert_eq!((error_code(&answer), error_field(&answer)), ("CONFLICT", "childcareCapacity"), "{answer}");
    }
    let read = "query($id: ID!) { event(id: $id) { childcareCapacity childcarePlacesLeft } }";
    let unchanged = s.app.graphql(read, json!({ "id": event }), Some(&s.ana.access_token)).await;
    assert_eq!(unchanged["data"]["event"], json!({ "childcareCapacity": 4, "childcarePlacesLeft": 1 }));
}
