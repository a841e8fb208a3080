//! Programs: community admins offer them anywhere and group moderators in their groups;
//! enrolling takes a place (the private cohort group and GOING to its sessions) or a
//! place in line, exactly under concurrency; giving a place up (leaving, being removed,
//! closing the account) undoes both and moves the first in line up. Members on leave
//! are offered the next program for coming back eight weeks before their return date,
//! once, and asked on the date whether they are back.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::mailing_list::grant_admin;
use crate::messages::block;
use crate::support::{Member, PASSWORD, TestApp, error_code, error_field, eventually, notifications_of};

const CREATE: &str = "mutation($input: CreateProgramInput!) { createProgram(input: $input) { id capacity \
                      cohort { id visibility } sessions { title event { id capacity } } } }";
const PROGRAM: &str = "query($id: ID!) { program(id: $id) { title enrolledCount waitlistCount cohort { id } \
                       viewerEnrollment { status waitlistPosition } sessions { event { id viewerRsvp { status } } } } }";
const ENROLL: &str = "mutation($id: ID!) { enrollInProgram(input: { programId: $id }) { enrolledCount \
                      viewerEnrollment { status waitlistPosition } cohort { id } } }";
const LEAVE: &str = "mutation($id: ID!) { leaveProgram(input: { programId: $id }) { enrolledCount \
                     viewerEnrollment { status } cohort { id } } }";

/// Gia is a community admin; Ana owns a public group Bea and Cat are in.
struct Community {
    app: TestApp,
    gia: Member,
    ana: Member,
    bea: Member,
    cat: Member,
    group: String,
}

async fn community() -> Community {
    let app = TestApp::spawn_with(|settings| settings.sign_ups_per_ip_per_hour = 1_000).await;
    let (gia, ana, bea, cat) =
        (app.member("gia").await, app.member("ana").await, app.member("bea").await, app.member("cat").await);
    grant_admin(&app, "gia@example.com").await;
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    bea.join_group(&group, &[]).await;
    cat.join_group(&group, &[]).await;
    Community { app, gia, ana, bea, cat, group }
}

/// A two-hour online session `days` from now.
fn session(title: &str, starts_at: DateTime<Utc>) -> Value {
    json!({ "title": title, "startsAt": starts_at, "endsAt": starts_at + Duration::hours(2),
            "timezone": "America/Toronto", "onlineUrl": "https://meet.example.org/cohort" })
}

fn in_days(days: i64) -> DateTime<Utc> {
    Utc::now() + Duration::days(days)
}

/// A program for those coming back from leave, with two sessions starting in `days`.
fn returning(title: &str, capacity: i64, days: i64) -> Value {
    json!({ "title": title, "description": "Six weeks together before the first day back", "lifeStage": "RETURNING",
            "capacity": capacity, "sessions": [session("Week 1", in_days(days)), session("Week 2", in_days(days + 7))] })
}

async fn create(member: &Member, input: Value) -> Value {
    member.graphql(CREATE, json!({ "input": input })).await
}

/// Creates a program and answers its id.
async fn created(member: &Member, input: Value) -> String {
    let answer = create(member, input).await;
    answer["data"]["createProgram"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

async fn program(member: &Member, id: &str) -> Value {
    member.graphql(PROGRAM, json!({ "id": id })).await
}

async fn enroll(member: &Member, id: &str) -> Value {
    member.graphql(ENROLL, json!({ "id": id })).await
}

/// The RSVP statuses `member` has stored for the sessions of `program`, as the database holds them.
async fn session_rsvps(app: &TestApp, program: &str, member: &Member) -> Vec<String> {
    let sql = "SELECT r.status FROM rsvps r JOIN events e ON e.id = r.event_id JOIN programs p \
               ON p.cohort_group_id = e.group_id WHERE p.id = $1 AND r.member_id = $2 ORDER BY e.starts_at";
    let (program, member) = (uuid(program), uuid(&member.member_id));
    village::on_db!(&app.db, pool => sqlx::query_scalar(sql).bind(program).bind(member).fetch_all(pool).await)
        .expect("rsvps")
}

fn uuid(id: &str) -> uuid::Uuid {
    id.parse().expect("a uuid")
}

/// `base` with the fields of `extra` set over it.
fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
    base
}

#[tokio::test]
async fn admins_offer_programs_anywhere_moderators_in_their_groups_and_members_nowhere() {
    let Community { app, gia, ana, bea, group, .. } = community().await;
    let everyone = create(&gia, returning("Returning from leave — spring cohort", 12, 30)).await;
    let program = &everyone["data"]["createProgram"];
    assert_eq!(program["cohort"]["visibility"], "PRIVATE", "{everyone}");
    assert!(program["sessions"][0]["event"]["capacity"].is_null(), "the cohort is a session's limit");
    let ours = with(returning("Leading at work", 8, 20), json!({ "groupId": group }));
    assert!(create(&ana, ours.clone()).await["errors"].is_null());
    let counts = async || (app.count("programs").await, app.count("groups").await, app.count("events").await);
    let before = counts().await;

    let too_many: Vec<Value> = (0..21).map(|day| session("S", in_days(10 + day))).collect();
    let backwards = json!([{ "title": "S", "startsAt": in_days(9), "endsAt": in_days(8), "timezone": "UTC",
                             "onlineUrl": "https://meet.example.org/x" }]);
    let base = returning("Refused", 5, 20);
    let refused = [
        (create(&ana, returning("Community-wide", 5, 20)).await, "FORBIDDEN", "<no field>"),
        (create(&bea, ours).await, "FORBIDDEN", "<no field>"),
        (create(&gia, returning("No places", 0, 20)).await, "BAD_USER_INPUT", "capacity"),
        (create(&gia, with(base.clone(), json!({ "sessions": [] }))).await, "BAD_USER_INPUT", "sessions"),
        (create(&gia, with(base.clone(), json!({ "sessions": too_many }))).await, "BAD_USER_INPUT", "sessions"),
        (create(&gia, with(base.clone(), json!({ "sessions": backwards }))).await, "BAD_USER_INPUT", "endsAt"),
        (create(&gia, returning(&"T".repeat(81), 5, 20)).await, "BAD_USER_INPUT", "title"),
    ];
    for (answer, code, field) in refused {
        assert_eq!(error_code(&answer), code, "{answer}");
        assert_eq!(error_field(&answer), field, "{answer}");
    }
    assert_eq!(counts().await, before, "nothing refused left a program, a cohort or a session behind");
}

#[tokio::test]
async fn enrolling_puts_her_in_the_cohort_and_at_its_sessions_and_leaving_undoes_both() {
    let Community { app, gia, ana, bea, .. } = community().await;
    let id = created(&gia, returning("Returning from leave", 10, 14)).await;

    let enrolled = enroll(&bea, &id).await;
    let answer = &enrolled["data"]["enrollInProgram"];
    assert_eq!(answer["viewerEnrollment"]["status"], "ENROLLED", "{enrolled}");
    assert_eq!(answer["enrolledCount"], 1);
    let cohort = answer["cohort"]["id"].as_str().expect("she sees her cohort").to_owned();
    assert_eq!(session_rsvps(&app, &id, &bea).await, ["GOING", "GOING"], "seated at both sessions");
    let again = enroll(&bea, &id).await;
    assert_eq!(again["data"]["enrollInProgram"]["enrolledCount"], 1, "enrolling again changes nothing");

    let directory = "{ groups(filter: { search: \"returning\" }) { edges { node { id } } } }";
    let listed = |answer: Value| answer["data"]["groups"]["edges"].to_string().contains(&cohort);
    assert!(listed(bea.graphql(directory, json!({})).await), "her cohort is in her directory");
    assert!(!listed(ana.graphql(directory, json!({})).await), "others find the program, not its cohort");
    let outside = program(&ana, &id).await;
    assert!(outside["data"]["program"]["cohort"].is_null(), "the cohort is private: {outside}");
    assert!(outside["data"]["program"]["sessions"][0]["event"].is_null(), "the sessions' events too");

    let cohort_leave = "mutation($g: ID!) { leaveGroup(input: { groupId: $g }) { id } }";
    let refused = bea.graphql(cohort_leave, json!({ "g": cohort })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("CONFLICT", "groupId"), "{refused}");
    let invite = "mutation($g: ID!, $m: ID!) { inviteToGroup(input: { groupId: $g, memberId: $m }) { id } }";
    let refused = gia.graphql(invite, json!({ "g": cohort, "m": ana.member_id })).await;
    assert_eq!((error_code(&refused), error_field(&refused)), ("CONFLICT", "groupId"), "{refused}");
    assert_eq!(session_rsvps(&app, &id, &bea).await, ["GOING", "GOING"], "a refused leave changed nothing");
    assert_eq!(app.count("group_invitations").await, 0);

    let left = bea.graphql(LEAVE, json!({ "id": id })).await;
    let answer = &left["data"]["leaveProgram"];
    assert_eq!(answer["viewerEnrollment"]["status"], "LEFT", "{left}");
    assert_eq!(answer["enrolledCount"], 0);
    assert!(answer["cohort"].is_null(), "out of the cohort");
    assert_eq!(session_rsvps(&app, &id, &bea).await, ["NOT_GOING", "NOT_GOING"], "and of its sessions");
    let never = ana.graphql(LEAVE, json!({ "id": id })).await;
    assert_eq!((error_code(&never), error_field(&never)), ("BAD_USER_INPUT", "programId"), "{never}");
}

#[tokio::test]
async fn forty_simultaneous_enrolments_fill_twelve_places_exactly_and_a_freed_place_goes_to_the_first_in_line() {
    let Community { app, gia, .. } = community().await;
    let id = created(&gia, returning("Returning from leave", 12, 14)).await;
    let app = &app;
    let people = join_all(
        (0..40).map(|n| async move { app.sign_up(&format!("m{n}@example.com"), &format!("Member {n}")).await }),
    )
    .await;

    let answers = join_all(people.iter().map(|member| enroll(member, &id))).await;

    let status = |answer: &Value| answer["data"]["enrollInProgram"]["viewerEnrollment"].clone();
    let enrolled: Vec<usize> = (0..40).filter(|n| status(&answers[*n])["status"] == "ENROLLED").collect();
    let mut positions: Vec<i64> = answers.iter().filter_map(|a| status(a)["waitlistPosition"].as_i64()).collect();
    positions.sort_unstable();
    assert_eq!(enrolled.len(), 12, "{:?}", answers.iter().find(|a| !a["errors"].is_null()));
    assert_eq!(positions, (1..=28).collect::<Vec<i64>>(), "waitlist positions 1..28, no gaps or repeats");
    let cohort = "group_memberships WHERE group_id IN (SELECT cohort_group_id FROM programs)";
    assert_eq!(app.count(cohort).await, 13, "the twelve with a place and the organiser");
    let seated = "rsvps WHERE status = 'GOING'";
    assert_eq!(app.count(seated).await, 24, "the twelve with a place, at both sessions");

    let first_in_line = (0..40).find(|n| status(&answers[*n])["waitlistPosition"] == 1).expect("a first in line");
    let leaving = &people[enrolled[0]];
    leaving.graphql(LEAVE, json!({ "id": id })).await;
    let promoted = program(&people[first_in_line], &id).await;
    let read = &promoted["data"]["program"];
    assert_eq!(read["viewerEnrollment"]["status"], "ENROLLED", "{promoted}");
    assert!(read["cohort"]["id"].is_string(), "she is in the cohort");
    assert_eq!((read["enrolledCount"].clone(), read["waitlistCount"].clone()), (json!(12), json!(27)));
    assert_eq!(session_rsvps(app, &id, &people[first_in_line]).await, ["GOING", "GOING"]);
    let (_, told) = notifications_of(app, &people[first_in_line]).await;
    assert_eq!(told[0]["kind"], "PROGRAM_PLACE_GIVEN", "{told:?}");
    assert!(told[0]["title"].as_str().unwrap_or_default().contains("Returning from leave"), "{told:?}");
}

#[tokio::test]
async fn organisers_remove_a_member_from_a_program_and_a_closed_account_gives_its_place_up() {
    let Community { app, gia, ana, bea, cat, group } = community().await;
    let id = created(&ana, with(returning("Leading at work", 1, 14), json!({ "groupId": group }))).await;
    enroll(&bea, &id).await;
    enroll(&cat, &id).await;
    let remove =
        "mutation($p: ID!, $m: ID!) { removeFromProgram(input: { programId: $p, memberId: $m }) { enrolledCount } }";

    let refused = cat.graphql(remove, json!({ "p": id, "m": bea.member_id })).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(session_rsvps(&app, &id, &bea).await, ["GOING", "GOING"], "a refused removal changed nothing");
    let removed = ana.graphql(remove, json!({ "p": id, "m": bea.member_id })).await;
    assert_eq!(removed["data"]["removeFromProgram"]["enrolledCount"], 1, "{removed}");
    assert_eq!(session_rsvps(&app, &id, &bea).await, ["NOT_GOING", "NOT_GOING"]);
    assert_eq!(program(&cat, &id).await["data"]["program"]["viewerEnrollment"]["status"], "ENROLLED");
    assert_eq!(app.count("moderation_log WHERE action = 'REMOVE_FROM_GROUP'").await, 1, "the removal is logged");
    let back = enroll(&bea, &id).await;
    assert_eq!(error_code(&back), "FORBIDDEN", "a member removed does not enrol again: {back}");
    assert_eq!(program(&cat, &id).await["data"]["program"]["enrolledCount"], 1, "nothing changed");

    let dee = app.member("dee").await;
    dee.join_group(&group, &[]).await;
    enroll(&dee, &id).await;
    let delete = "mutation($p: String!) { deleteAccount(input: { password: $p }) { deleted } }";
    let deleted = cat.graphql(delete, json!({ "p": PASSWORD })).await;
    assert!(deleted["errors"].is_null(), "{deleted}");
    let read = program(&dee, &id).await;
    assert_eq!(read["data"]["program"]["viewerEnrollment"]["status"], "ENROLLED", "her place went on: {read}");
    assert_eq!(read["data"]["program"]["enrolledCount"], 1);
    let _ = gia;
}

#[tokio::test]
async fn a_program_in_a_private_group_or_by_someone_she_blocked_is_not_hers_to_see_or_join() {
    let Community { app, gia, ana, bea, cat, .. } = community().await;
    let circle = ana.create_group("Returning circle", "PRIVATE", "INVITE_ONLY").await;
    ana.bring_in(&circle, &bea).await;
    let private = created(&ana, with(returning("Circle cohort", 5, 14), json!({ "groupId": circle }))).await;
    let everyone = created(&gia, returning("Open cohort", 5, 14)).await;
    block(&cat, &gia).await;

    for id in [&private, &everyone] {
        assert_eq!(error_code(&program(&cat, id).await), "NOT_FOUND");
        assert_eq!(error_code(&enroll(&cat, id).await), "NOT_FOUND");
    }
    let list = "{ programs(first: 10) { edges { node { title } } } }";
    let seen = cat.graphql(list, json!({})).await;
    assert_eq!(seen["data"]["programs"]["edges"], json!([]), "{seen}");
    assert_eq!(app.count("program_enrollments").await, 0, "nothing enrolled her");
    assert_eq!(enroll(&bea, &private).await["data"]["enrollInProgram"]["viewerEnrollment"]["status"], "ENROLLED");
    block(&bea, &ana).await;
    let left = bea.graphql(LEAVE, json!({ "id": private })).await;
    assert_eq!(left["data"]["leaveProgram"]["viewerEnrollment"]["status"], "LEFT", "a block never traps her: {left}");
}

/// Sets her career stage to ON_LEAVE, returning on `date`.
async fn on_leave_until(member: &Member, date: chrono::NaiveDate) {
    let query =
        "mutation($d: NaiveDate) { updateProfile(input: { careerStage: ON_LEAVE, returnToWorkDate: $d }) { id } }";
    let answer = member.graphql(query, json!({ "d": date })).await;
    assert!(answer["errors"].is_null(), "{answer}");
}

async fn prompts_of(app: &TestApp, member: &Member, kind: &str) -> Vec<Value> {
    let (_, told) = notifications_of(app, member).await;
    told.into_iter().filter(|n| n["kind"] == kind).collect()
}

#[tokio::test]
async fn eight_weeks_before_her_return_she_is_offered_the_next_program_for_coming_back_once() {
    let Community { app, gia, bea, cat, .. } = community().await;
    let return_on = (Utc::now() + Duration::weeks(20)).date_naive();
    let returns_at = return_on.and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("9:00")).and_utc();
    created(&gia, with(returning("Leading at work", 10, 100), json!({ "lifeStage": "WORKING" }))).await;
    created(&gia, returning("Too late: after she is back", 10, 150)).await;
    let offered = created(&gia, returning("Returning from leave — spring cohort", 10, 98)).await;
    on_leave_until(&bea, return_on).await;
    on_leave_until(&cat, return_on).await;
    let stage = "mutation { updateProfile(input: { careerStage: WORKING }) { id } }";
    cat.graphql(stage, json!({})).await;

    app.run_jobs_at(returns_at - Duration::weeks(9)).await;
    assert!(prompts_of(&app, &bea, "PROGRAM_OFFER").await.is_empty(), "not before eight weeks");
    app.run_jobs_at(returns_at - Duration::weeks(8) + Duration::minutes(1)).await;
    let offers = prompts_of(&app, &bea, "PROGRAM_OFFER").await;
    assert_eq!(offers.len(), 1, "{offers:?}");
    assert!(offers[0]["title"].as_str().unwrap_or_default().contains("spring cohort"), "{offers:?}");
    let offer_id = "{ notifications(first: 5) { edges { node { kind programId } } } }";
    let ids = bea.graphql(offer_id, json!({})).await;
    assert!(ids.to_string().contains(&offered), "the offer leads to the program: {ids}");
    assert!(prompts_of(&app, &cat, "PROGRAM_OFFER").await.is_empty(), "she is back at work already");

    on_leave_until(&bea, return_on).await;
    app.run_jobs_at(returns_at - Duration::weeks(7)).await;
    assert_eq!(prompts_of(&app, &bea, "PROGRAM_OFFER").await.len(), 1, "saving the same date again sends nothing");

    app.run_jobs_at(returns_at + Duration::minutes(1)).await;
    let asked = prompts_of(&app, &bea, "RETURN_TO_WORK_CHECK").await;
    assert_eq!(asked.len(), 1, "on the date she is asked whether she is back: {asked:?}");
    assert!(prompts_of(&app, &cat, "RETURN_TO_WORK_CHECK").await.is_empty());
    assert_eq!(app.count("return_to_work_prompts").await, 2);
}

#[tokio::test]
async fn the_offer_recorded_before_a_restart_goes_once_from_two_new_instances() {
    let Community { app, gia, bea, .. } = community().await;
    let return_on = (Utc::now() + Duration::weeks(7)).date_naive();
    created(&gia, returning("Returning from leave — spring cohort", 10, 21)).await;
    // This instance runs no worker: the offer, due at once, waits in the database.
    on_leave_until(&bea, return_on).await;

    let workers = |settings: &mut village::config::Settings| settings.no_worker = false;
    let (first, second) = (app.another_instance_with(workers).await, app.another_instance_with(workers).await);
    let bea = bea.on(&first);
    eventually("the offer to be made", async || (app.count("return_to_work_prompts").await == 1).then_some(())).await;
    let bea = bea.on(&second);
    on_leave_until(&bea, return_on).await;
    app.jobs_done().await;

    assert_eq!(app.count("notifications WHERE kind = 'PROGRAM_OFFER'").await, 1, "one offer across both");
    assert_eq!(app.count("return_to_work_prompts").await, 1);
}

#[tokio::test]
async fn an_ended_program_takes_no_enrolment_and_removing_someone_without_a_place_is_refused() {
    let Community { app, ana, bea, cat, group, .. } = community().await;
    let past = with(returning("Last spring's cohort", 5, -30), json!({ "groupId": group }));
    let ended = created(&ana, past).await;
    let running = created(&ana, with(returning("Leading at work", 5, 14), json!({ "groupId": group }))).await;
    enroll(&bea, &running).await;
    let before =
        (app.count("program_enrollments").await, app.count("group_memberships").await, app.count("rsvps").await);

    let late = enroll(&cat, &ended).await;
    assert_eq!((error_code(&late), error_field(&late)), ("CONFLICT", "programId"), "{late}");
    let remove = "mutation($p: ID!, $m: ID!) { removeFromProgram(input: { programId: $p, memberId: $m }) { id } }";
    let nobody = ana.graphql(remove, json!({ "p": running, "m": cat.member_id })).await;
    assert_eq!((error_code(&nobody), error_field(&nobody)), ("BAD_USER_INPUT", "memberId"), "{nobody}");
    let bad_id = ana.graphql(remove, json!({ "p": running, "m": "not-an-id" })).await;
    assert_eq!((error_code(&bad_id), error_field(&bad_id)), ("BAD_USER_INPUT", "memberId"), "{bad_id}");

    let after =
        (app.count("program_enrollments").await, app.count("group_memberships").await, app.count("rsvps").await);
    assert_eq!(after, before, "nothing refused changed an enrolment, a cohort or a session");
    assert_eq!(app.count("moderation_log").await, 0, "and nothing was logged");
}
