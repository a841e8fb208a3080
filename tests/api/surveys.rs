//! Feedback surveys: moderators ask their group's members, an event's attendees once it
//! is over, or a program's cohort; members answer once and change their answers until
//! it closes; an anonymous survey's rows carry no member id; results count, average,
//! break down only into groups of five or more, and export as CSV.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::messages::block;
use crate::support::{Member, TestApp, error_code, error_field, notifications_of};

const CREATE: &str = "mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id opensAt open \
                      questions { id kind options } } }";
const ANSWER: &str = "mutation($input: AnswerSurveyInput!) { answerSurvey(input: $input) { editKey \
                      survey { responseCount viewerAnswered viewerAnswers { questionId text choices scale } } } }";
const RESULTS: &str = "query($id: ID!, $by: SurveyBreakdown!) { surveyResults(id: $id) { responseCount csv \
    questions { answered average options { label count } textAnswers { text member { displayName } } } \
    breakdown(by: $by) { suppressedResponses minimumGroup groups { value responses questions { options { label count } } } } } }";

/// Ana owns a public group Bea and Cat are in; Dee is in no group.
struct Circle {
    app: TestApp,
    ana: Member,
    bea: Member,
    cat: Member,
    dee: Member,
    group: String,
}

async fn circle() -> Circle {
    let app = TestApp::spawn_with(|settings| settings.sign_ups_per_ip_per_hour = 1_000).await;
    let (ana, bea, cat, dee) =
        (app.member("ana").await, app.member("bea").await, app.member("cat").await, app.member("dee").await);
    let group = ana.create_group("Moms at Work", "PUBLIC", "OPEN").await;
    bea.join_group(&group, &[]).await;
    cat.join_group(&group, &[]).await;
    Circle { app, ana, bea, cat, dee, group }
}

/// Three questions: a required scale, a single choice, a text.
fn feedback(audience: Value, anonymous: bool) -> Value {
    json!({
        "title": "#OwningIt feedback", "intro": "Five minutes, and it shapes the next one.",
        "questions": [
            { "kind": "SCALE_1_5", "prompt": "How useful was the day?", "required": true },
            { "kind": "SINGLE_CHOICE", "prompt": "Best part?", "options": ["Talks", "Workshops", "Lunch"] },
            { "kind": "TEXT", "prompt": "What should we change?" }
        ],
        "audience": audience, "anonymous": anonymous, "closesAt": Utc::now() + Duration::days(14)
    })
}

async fn create(member: &Member, input: Value) -> Value {
    member.graphql(CREATE, json!({ "input": input })).await
}

/// Creates a survey; answers its id and its questions' ids.
async fn created(member: &Member, input: Value) -> (String, Vec<String>) {
    let answer = create(member, input).await;
    let survey = &answer["data"]["createSurvey"];
    let id = survey["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned();
    let questions = survey["questions"].as_array().into_iter().flatten();
    (id, questions.map(|q| q["id"].as_str().unwrap_or_default().to_owned()).collect())
}

async fn answer(member: &Member, survey: &str, answers: Value, edit_key: Option<&str>) -> Value {
    let input = json!({ "input": { "surveyId": survey, "answers": answers, "editKey": edit_key } });
    member.graphql(ANSWER, input).await
}

/// Answers to the three [`feedback`] questions.
fn answers(questions: &[String], scale: i64, choice: i64, text: &str) -> Value {
    json!([
        { "questionId": questions[0], "scale": scale },
        { "questionId": questions[1], "choices": [choice] },
        { "questionId": questions[2], "text": text }
    ])
}

#[tokio::test]
async fn moderators_ask_their_groups_and_bad_surveys_are_refused_with_nothing_made() {
    let Circle { app, ana, bea, group, .. } = circle().await;
    let made = create(&ana, feedback(json!({ "groupId": group }), false)).await;
    assert_eq!(made["data"]["createSurvey"]["open"], true, "{made}");
    let counts = async || (app.count("surveys").await, app.count("survey_questions").await);
    let before = counts().await;

    let with = |change: Value| {
        let mut input = feedback(json!({ "groupId": group }), false);
        if let (Some(input), Value::Object(change)) = (input.as_object_mut(), change) {
            input.extend(change);
        }
        input
    };
    let choice_of_one = json!([{ "kind": "SINGLE_CHOICE", "prompt": "?", "options": ["Only"] }]);
    let text_with_options = json!([{ "kind": "TEXT", "prompt": "?", "options": ["a", "b"] }]);
    let too_many: Vec<Value> = (0..31).map(|n| json!({ "kind": "TEXT", "prompt": format!("Q{n}") })).collect();
    let refused = [
        (create(&bea, with(json!({}))).await, "FORBIDDEN", "<no field>"),
        (create(&ana, with(json!({ "questions": [] }))).await, "BAD_USER_INPUT", "questions"),
        (create(&ana, with(json!({ "questions": too_many }))).await, "BAD_USER_INPUT", "questions"),
        (create(&ana, with(json!({ "questions": choice_of_one }))).await, "BAD_USER_INPUT", "questions"),
        (create(&ana, with(json!({ "questions": text_with_options }))).await, "BAD_USER_INPUT", "questions"),
        (create(&ana, with(json!({ "closesAt": Utc::now() - Duration::days(1) }))).await, "BAD_USER_INPUT", "closesAt"),
        (create(&ana, with(json!({ "audience": {} }))).await, "BAD_USER_INPUT", "audience"),
        (
            create(&ana, with(json!({ "audience": { "groupId": group, "eventId": group } }))).await,
            "BAD_USER_INPUT",
            "audience",
        ),
        (create(&ana, with(json!({ "title": "t".repeat(201) }))).await, "BAD_USER_INPUT", "title"),
    ];
    for (answer, code, field) in refused {
        assert_eq!((error_code(&answer), error_field(&answer)), (code, field), "{answer}");
    }
    assert_eq!(counts().await, before, "nothing refused made a survey or a question");
}

#[tokio::test]
async fn members_answer_once_and_change_their_answers_until_it_closes() {
    let Circle { app, ana, bea, dee, group, .. } = circle().await;
    let (id, questions) = created(&ana, feedback(json!({ "groupId": group }), false)).await;

    let first = answer(&bea, &id, answers(&questions, 4, 1, "More workshops"), None).await;
    let survey = &first["data"]["answerSurvey"]["survey"];
    assert_eq!((survey["responseCount"].clone(), survey["viewerAnswered"].clone()), (json!(1), json!(true)), "{first}");
    assert!(first["data"]["answerSurvey"]["editKey"].is_null(), "no key where her answers are hers");
    let changed = answer(&bea, &id, answers(&questions, 5, 0, "Keep it all"), None).await;
    let survey = &changed["data"]["answerSurvey"]["survey"];
    assert_eq!(survey["responseCount"], 1, "a second answer changes the first: {changed}");
    assert!(survey["viewerAnswers"].to_string().contains("Keep it all"), "{changed}");
    let stored = async || app.count("survey_answers WHERE text = 'Keep it all' OR scale = 5 OR choices = ',0,'").await;
    assert_eq!(stored().await, 3);

    let bad = [
        json!([{ "questionId": questions[1], "choices": [0] }]),
        answers(&questions, 6, 0, "x"),
        answers(&questions, 3, 3, "x"),
        json!([{ "questionId": questions[0], "scale": 3 }, { "questionId": questions[0], "scale": 4 }]),
        json!([{ "questionId": questions[0], "scale": 3 }, { "questionId": questions[1], "choices": [0, 1] }]),
        json!([{ "questionId": questions[0], "scale": 3 }, { "questionId": questions[2], "text": "   " }]),
        json!([{ "questionId": questions[0], "scale": 3 }, { "questionId": id, "text": "elsewhere" }]),
    ];
    for answers in bad {
        let refused = answer(&bea, &id, answers.clone(), None).await;
        assert_eq!(
            (error_code(&refused), error_field(&refused)),
            ("BAD_USER_INPUT", "answers"),
            "{answers}: {refused}"
        );
    }
    assert_eq!(stored().await, 3, "no refused answer changed hers");
    assert_eq!(error_code(&answer(&dee, &id, answers(&questions, 3, 0, "x"), None).await), "NOT_FOUND");

    let close = "UPDATE surveys SET closes_at = $1";
    let closed = Utc::now() - Duration::minutes(1);
    village::on_db!(&app.db, pool => sqlx::query(close).bind(closed).execute(pool).await.map(drop)).expect("closed");
    let late = answer(&bea, &id, answers(&questions, 1, 2, "Too late"), None).await;
    assert_eq!((error_code(&late), error_field(&late)), ("CONFLICT", "surveyId"), "{late}");
    assert_eq!(stored().await, 3, "a closed survey keeps her answers as they were");
}

/// The member ids a table's rows carry, from any column named `member_id`.
async fn member_ids_in(app: &TestApp, table: &str) -> i64 {
    app.count(&format!("{table} WHERE member_id IS NOT NULL")).await
}

#[tokio::test]
async fn an_anonymous_surveys_rows_carry_no_member_id_and_only_its_edit_key_changes_an_answer() {
    let Circle { app, ana, bea, cat, group, .. } = circle().await;
    let (id, questions) = created(&ana, feedback(json!({ "groupId": group }), true)).await;

    let first = answer(&bea, &id, answers(&questions, 2, 0, "The room was cold"), None).await;
    let key = first["data"]["answerSurvey"]["editKey"].as_str().unwrap_or_else(|| panic!("{first}")).to_owned();
    answer(&cat, &id, answers(&questions, 5, 1, "Loved it"), None).await;

    assert_eq!(member_ids_in(&app, "survey_responses").await, 0, "no response names its member");
    assert_eq!(app.count("survey_answered").await, 2, "only a separate mark says who answered");
    let ids: Vec<uuid::Uuid> = village::on_db!(&app.db, pool =>
        sqlx::query_scalar("SELECT id FROM survey_responses").fetch_all(pool).await)
    .expect("ids");
    assert!(ids.iter().all(|id| id.get_version_num() == 4), "random ids, which tell nothing of when: {ids:?}");
    let row_text = async |column: &str| -> Vec<String> {
        let sql = format!("SELECT COALESCE({column}, '') FROM survey_responses");
        village::on_db!(&app.db, pool => sqlx::query_scalar(&sql).fetch_all(pool).await).expect("column")
    };
    assert!(!row_text("edit_key_hash").await.contains(&key), "only the key's hash is kept");

    let again = answer(&bea, &id, answers(&questions, 3, 0, "x"), None).await;
    assert_eq!((error_code(&again), error_field(&again)), ("CONFLICT", "editKey"), "{again}");
    let wrong = answer(&bea, &id, answers(&questions, 3, 0, "x"), Some("not-a-key")).await;
    assert_eq!((error_code(&wrong), error_field(&wrong)), ("BAD_USER_INPUT", "editKey"), "{wrong}");
    let edited = answer(&bea, &id, answers(&questions, 3, 2, "Warmer room, please"), Some(&key)).await;
    let survey = &edited["data"]["answerSurvey"]["survey"];
    assert_eq!(survey["responseCount"], 2, "{edited}");
    assert_eq!(survey["viewerAnswers"], json!([]), "nothing finds her answers again");

    let results = ana.graphql(RESULTS, json!({ "id": id, "by": "CAREER_STAGE" })).await;
    assert_eq!(
        (error_code(&results), error_field(&results)),
        ("CONFLICT", "id"),
        "two answers are two people's: {results}"
    );
    let changed = "survey_answers WHERE text = 'Warmer room, please' OR text = 'Loved it'";
    assert_eq!(app.count(changed).await, 2, "her edit replaced her text");
}

/// Sets her career stage and city.
async fn profile(member: &Member, stage: &str, city: &str) {
    let query = "mutation($s: CareerStage, $c: String) { updateProfile(input: { careerStage: $s, city: $c }) { id } }";
    let answer = member.graphql(query, json!({ "s": stage, "c": city })).await;
    assert!(answer["errors"].is_null(), "{answer}");
}

#[tokio::test]
async fn results_count_and_average_break_down_only_into_groups_of_five_and_export_as_csv() {
    let Circle { app, ana, bea, group, .. } = circle().await;
    let (id, questions) = created(&ana, feedback(json!({ "groupId": group }), true)).await;
    for n in 0..12 {
        let member = app.sign_up(&format!("m{n}@example.com"), &format!("Member {n}")).await;
        member.join_group(&group, &[]).await;
        let (stage, city) = match n {
            0..5 => ("ON_LEAVE", "Toronto"),
            5..10 => ("RETURNING", "Ottawa"),
            _ => ("WORKING", "Montréal"),
        };
        profile(&member, stage, city).await;
        let text = if n == 0 { "=HYPERLINK(\"https://evil.example\")" } else { "Good" };
        answer(&member, &id, answers(&questions, 3 + n % 3, n % 2, text), None).await;
    }

    let by_stage = ana.graphql(RESULTS, json!({ "id": id, "by": "CAREER_STAGE" })).await;
    let results = &by_stage["data"]["surveyResults"];
    assert_eq!(results["responseCount"], 12, "{by_stage}");
    let scale = &results["questions"][0];
    assert_eq!(
        (scale["answered"].clone(), scale["average"].clone()),
        (json!(12), json!(4.0)),
        "3, 4, 5 four times each"
    );
    assert_eq!(
        scale["options"],
        json!([{ "label": "1", "count": 0 }, { "label": "2", "count": 0 }, { "label": "3", "count": 4 },
               { "label": "4", "count": 4 }, { "label": "5", "count": 4 }])
    );
    assert_eq!(results["questions"][1]["options"][0], json!({ "label": "Talks", "count": 6 }));
    let texts = results["questions"][2]["textAnswers"].as_array().cloned().unwrap_or_default();
    assert!(texts.len() == 12 && texts.iter().all(|text| text["member"].is_null()), "no one named: {texts:?}");
    let split = &results["breakdown"];
    let shown = split["groups"].as_array().cloned().unwrap_or_default();
    assert_eq!(shown.len(), 1, "the two working are too few, so a group of five is kept apart with them: {split}");
    assert_eq!(shown[0]["responses"], 5);
    assert_eq!((split["suppressedResponses"].clone(), split["minimumGroup"].clone()), (json!(7), json!(5)));
    let by_city = ana.graphql(RESULTS, json!({ "id": id, "by": "CITY" })).await;
    let cities = &by_city["data"]["surveyResults"]["breakdown"];
    assert_eq!(cities["suppressedResponses"], 7, "Montréal's two never are the whole minus the rest: {by_city}");
    assert!(!cities.to_string().contains("montr"), "{by_city}");

    let csv = results["csv"].as_str().unwrap_or_default();
    assert!(csv.starts_with("question,kind,answer,count\n"), "{csv}");
    assert!(csv.contains("How useful was the day?,SCALE_1_5,average,4.00"), "{csv}");
    assert!(csv.contains("Best part?,SINGLE_CHOICE,Talks,6"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "a formula is quoted, never run: {csv}");

    let asked = bea.graphql(RESULTS, json!({ "id": id, "by": "CITY" })).await;
    assert_eq!(error_code(&asked), "FORBIDDEN", "results are for its creator: {asked}");
}

#[tokio::test]
async fn an_events_survey_asks_only_those_who_went_once_it_is_over() {
    let Circle { app, ana, bea, cat, group, .. } = circle().await;
    let event = |starts: chrono::DateTime<Utc>| {
        json!({ "groupId": group, "title": "#OwningIt", "startsAt": starts, "endsAt": starts + Duration::hours(8),
                "timezone": "America/Toronto", "location": "Toronto" })
    };
    let create_event = "mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }";
    let rsvp = "mutation($e: ID!) { rsvp(input: { eventId: $e, status: GOING }) { id } }";
    let past = ana.graphql(create_event, json!({ "input": event(Utc::now() - Duration::days(2)) })).await;
    let past = past["data"]["createEvent"]["id"].as_str().expect("an event").to_owned();
    let ahead = ana.graphql(create_event, json!({ "input": event(Utc::now() + Duration::days(3)) })).await;
    let ahead = ahead["data"]["createEvent"]["id"].as_str().expect("an event").to_owned();
    for event in [&past, &ahead] {
        bea.graphql(rsvp, json!({ "e": event })).await;
    }

    let (after_past, _) = created(&ana, feedback(json!({ "eventId": past }), true)).await;
    let later = create(&ana, feedback(json!({ "eventId": ahead }), true)).await;
    let later_id = later["data"]["createSurvey"]["id"].as_str().expect("a survey").to_owned();
    assert_eq!(later["data"]["createSurvey"]["open"], false, "it opens when the event is over: {later}");

    let (_, told) = notifications_of(&app, &bea).await;
    let asked: Vec<&Value> = told.iter().filter(|n| n["kind"] == "SURVEY_INVITATION").collect();
    assert_eq!(asked.len(), 1, "asked about the event that is over: {told:?}");
    assert!(notifications_of(&app, &cat).await.1.iter().all(|n| n["kind"] != "SURVEY_INVITATION"), "she did not go");
    assert_eq!(
        error_code(&cat.graphql("query($id: ID!) { survey(id: $id) { id } }", json!({ "id": after_past })).await),
        "NOT_FOUND"
    );
    let early = bea.graphql("query($id: ID!) { survey(id: $id) { id } }", json!({ "id": later_id })).await;
    assert_eq!(error_code(&early), "NOT_FOUND", "not hers to see before the event is over: {early}");

    let ends = Utc::now() + Duration::days(3) + Duration::hours(8);
    app.run_jobs_at(ends + Duration::minutes(1)).await;
    let (_, told) = notifications_of(&app, &bea).await;
    assert_eq!(told.iter().filter(|n| n["kind"] == "SURVEY_INVITATION").count(), 2, "and then the second: {told:?}");
}

#[tokio::test]
async fn a_survey_by_someone_she_blocked_is_not_hers_to_see() {
    let Circle { app: _app, ana, bea, group, .. } = circle().await;
    let (id, questions) = created(&ana, feedback(json!({ "groupId": group }), false)).await;
    block(&bea, &ana).await;
    assert_eq!(error_code(&answer(&bea, &id, answers(&questions, 3, 0, "x"), None).await), "NOT_FOUND");
    let list = bea.graphql("{ surveys(first: 5) { edges { node { id } } } }", json!({})).await;
    assert_eq!(list["data"]["surveys"]["edges"], json!([]), "{list}");
}

#[tokio::test]
async fn a_programs_survey_asks_its_cohort_and_no_one_else() {
    let Circle { app, ana, bea, cat, group, .. } = circle().await;
    let starts = Utc::now() + Duration::days(10);
    let session = json!({ "title": "Week 1", "startsAt": starts, "endsAt": starts + Duration::hours(1),
                          "timezone": "UTC", "onlineUrl": "https://meet.example.org/c" });
    let program = "mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }";
    let input = json!({ "title": "Leading at work", "lifeStage": "WORKING", "capacity": 5, "sessions": [session],
                        "groupId": group });
    let made = ana.graphql(program, json!({ "input": input })).await;
    let program = made["data"]["createProgram"]["id"].as_str().unwrap_or_else(|| panic!("{made}")).to_owned();
    bea.graphql("mutation($p: ID!) { enrollInProgram(input: { programId: $p }) { id } }", json!({ "p": program }))
        .await;

    let refused = create(&cat, feedback(json!({ "programId": program }), false)).await;
    assert_eq!(error_code(&refused), "NOT_FOUND", "not her program's cohort to ask: {refused}");
    let (id, questions) = created(&ana, feedback(json!({ "programId": program }), false)).await;
    let (_, told) = notifications_of(&app, &bea).await;
    assert!(told.iter().any(|n| n["kind"] == "SURVEY_INVITATION"), "{told:?}");
    assert!(answer(&bea, &id, answers(&questions, 4, 0, "Good"), None).await["errors"].is_null());
    assert_eq!(error_code(&answer(&cat, &id, answers(&questions, 4, 0, "x"), None).await), "NOT_FOUND");
}
