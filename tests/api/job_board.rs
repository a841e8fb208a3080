//! The job board: posting community-wide or inside a group, filtering, saving, editing
//! and closing (the poster only), asking a poster who offers referrals for one (a
//! direct message in her inbox, with the job linked, and a notification), expiry by
//! itself with a notice a few days before, blocks both ways, and bad input that
//! changes nothing.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

use crate::messages::{block, listed};
use crate::support::{Member, TestApp, error_code, error_field, notifications_of};

const JOB: &str = "id title company location workplace employment flexibility industry url canRefer status saved \
                   expiresAt postedBy { id } group { id }";

fn product_manager() -> Value {
    json!({ "title": "Product Manager", "company": "Maple Health", "location": "Toronto, ON", "workplace": "REMOTE",
            "employment": "FULL_TIME", "flexibility": ["FLEXIBLE_HOURS", "RETURNSHIP"], "industry": "Tech",
            "url": "https://maple.example/jobs/pm", "description": "Lead our patient app.", "canRefer": true })
}

fn barista() -> Value {
    json!({ "title": "Weekend barista", "company": "Café Lune", "location": "Montréal", "workplace": "ON_SITE",
            "employment": "PART_TIME", "flexibility": ["PART_TIME_OK"] })
}

async fn post(member: &Member, input: Value) -> Value {
    let query = format!("mutation($input: PostJobInput!) {{ postJob(input: $input) {{ {JOB} }} }}");
    member.graphql(&query, json!({ "input": input })).await
}

/// Posts a job and answers its id.
async fn posted(member: &Member, input: Value) -> String {
    let answer = post(member, input).await;
    answer["data"]["postJob"]["id"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

/// The titles of the jobs `filter` finds for her.
async fn titles(member: &Member, filter: Value) -> Vec<String> {
    let query = "query($f: JobFilterInput) { jobs(filter: $f, first: 20) { edges { node { title } } } }";
    let answer = member.graphql(query, json!({ "f": filter })).await;
    let edges = answer["data"]["jobs"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    edges.iter().filter_map(|edge| edge["node"]["title"].as_str().map(str::to_owned)).collect()
}

async fn job(member: &Member, id: &str) -> Value {
    member.graphql(&format!("query($id: ID!) {{ job(id: $id) {{ {JOB} }} }}"), json!({ "id": id })).await
}

async fn act(member: &Member, mutation: &str, id: &str) -> Value {
    let query = format!("mutation($id: ID!) {{ {mutation}(input: {{ jobId: $id }}) {{ {JOB} }} }}");
    member.graphql(&query, json!({ "id": id })).await
}

async fn ask(member: &Member, id: &str, note: Option<&str>) -> Value {
    let query = "mutation($input: AskForReferralInput!) { askForReferral(input: $input) \
                 { id conversationId body jobId author { id } } }";
    member.graphql(query, json!({ "input": { "jobId": id, "note": note } })).await
}

#[tokio::test]
async fn jobs_are_found_by_every_filter_and_only_open_ones_are_listed() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    let pm = posted(&ana, product_manager()).await;
    posted(&bea, barista()).await;

    assert_eq!(titles(&cleo, json!({})).await, ["Weekend barista", "Product Manager"], "newest first");
    let cases = [
        (json!({ "text": "patient APP" }), vec!["Product Manager"]),
        (json!({ "city": "toronto" }), vec!["Product Manager"]),
        (json!({ "city": "montréal" }), vec!["Weekend barista"]),
        (json!({ "workplace": "ON_SITE" }), vec!["Weekend barista"]),
        (json!({ "employment": "FULL_TIME" }), vec!["Product Manager"]),
        (json!({ "flexibility": ["RETURNSHIP"] }), vec!["Product Manager"]),
        (json!({ "flexibility": ["RETURNSHIP", "JOB_SHARE"] }), vec![]),
        (json!({ "industry": "tech" }), vec!["Product Manager"]),
        (json!({ "canRefer": true }), vec!["Product Manager"]),
        (json!({ "text": "100%_" }), vec![]),
    ];
    for (filter, expected) in cases {
        assert_eq!(titles(&cleo, filter.clone()).await, expected, "{filter}");
    }
    let shown = job(&cleo, &pm).await;
    assert_eq!(shown["data"]["job"]["flexibility"], json!(["FLEXIBLE_HOURS", "RETURNSHIP"]), "{shown}");
    assert_eq!(shown["data"]["job"]["postedBy"]["id"], ana.member_id.as_str());

    let closed = act(&ana, "closeJob", &pm).await;
    assert_eq!(closed["data"]["closeJob"]["status"], "CLOSED", "{closed}");
    assert_eq!(titles(&cleo, json!({})).await, ["Weekend barista"], "a closed job leaves the board");
    assert_eq!(job(&cleo, &pm).await["data"]["job"]["status"], "CLOSED", "and can still be opened");
}

#[tokio::test]
async fn a_job_inside_a_group_is_seen_only_by_its_members() {
    let app = TestApp::spawn().await;
    let (ana, bea, cleo) = (app.member("ana").await, app.member("bea").await, app.member("cleo").await);
    let group = ana.create_group("Moms in Tech", "PRIVATE", "INVITE_ONLY").await;
    ana.bring_in(&group, &bea).await;
    let mut input = product_manager();
    input["groupId"] = json!(group);
    let id = posted(&ana, input.clone()).await;

    assert_eq!(titles(&bea, json!({})).await, ["Product Manager"]);
    assert_eq!(titles(&bea, json!({ "groupId": group })).await, ["Product Manager"]);
    assert_eq!(job(&bea, &id).await["data"]["job"]["group"]["id"], group.as_str());
    assert!(titles(&cleo, json!({})).await.is_empty(), "an outsider does not see it");
    assert_eq!(error_code(&job(&cleo, &id).await), "NOT_FOUND");
    assert_eq!(error_code(&ask(&cleo, &id, None).await), "NOT_FOUND");

    let refused = post(&cleo, input).await;
    assert_eq!(error_code(&refused), "NOT_FOUND", "not her group: {refused}");
    assert_eq!(app.count("job_posts").await, 1, "nothing was posted");
}

#[tokio::test]
async fn a_block_either_way_hides_each_ones_jobs_from_the_other() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let pm = posted(&ana, product_manager()).await;
    posted(&bea, barista()).await;

    block(&bea, &ana).await;

    assert_eq!(titles(&bea, json!({})).await, ["Weekend barista"], "the blocked member's job is gone for her");
    assert_eq!(titles(&ana, json!({})).await, ["Product Manager"], "and hers for the member she blocked");
    assert_eq!(error_code(&ask(&bea, &pm, None).await), "NOT_FOUND");
    assert_eq!(error_code(&act(&bea, "saveJob", &pm).await), "NOT_FOUND");
    assert_eq!((app.count("messages").await, app.count("saved_jobs").await), (0, 0));
}

#[tokio::test]
async fn only_her_poster_edits_or_closes_a_job_and_a_closed_one_stays_closed() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let id = posted(&ana, product_manager()).await;
    let edit = format!("mutation($input: EditJobInput!) {{ editJob(input: $input) {{ {JOB} }} }}");

    let other = bea.graphql(&edit, json!({ "input": { "jobId": id, "title": "Mine now" } })).await;
    assert_eq!(error_code(&other), "FORBIDDEN", "{other}");
    assert_eq!(error_code(&act(&bea, "closeJob", &id).await), "FORBIDDEN");
    assert_eq!(job(&ana, &id).await["data"]["job"]["title"], "Product Manager", "unchanged");

    let edited = ana.graphql(&edit, json!({ "input": { "jobId": id, "title": "Senior PM", "canRefer": false } })).await;
    assert_eq!(edited["data"]["editJob"]["title"], "Senior PM", "{edited}");
    assert_eq!(edited["data"]["editJob"]["canRefer"], false);
    assert_eq!(edited["data"]["editJob"]["company"], "Maple Health", "what she left out stays");

    act(&ana, "closeJob", &id).await;
    let late = ana.graphql(&edit, json!({ "input": { "jobId": id, "title": "Reopened?" } })).await;
    assert_eq!((error_code(&late), error_field(&late)), ("BAD_USER_INPUT", "jobId"), "{late}");
    assert_eq!(job(&ana, &id).await["data"]["job"]["title"], "Senior PM");
}

#[tokio::test]
async fn saved_jobs_are_listed_newest_saved_first_closed_ones_too() {
    let app = TestApp::spawn().await;
    let (ana, bea) = (app.member("ana").await, app.member("bea").await);
    let pm = posted(&ana, product_manager()).await;
    let barista = posted(&ana, barista()).await;

    assert_eq!(act(&bea, "saveJob", &pm).await["data"]["saveJob"]["saved"], true);
    act(&bea, "saveJob", &barista).await;
    act(&bea, "saveJob", &barista).await;
    act(&ana, "closeJob", &pm).await;

    let saved = "{ savedJobs(first: 10) { edges { node { title status saved } } } }";
    let list = bea.graphql(saved, json!({})).await;
    assert_eq!(
        list["data"]["savedJobs"]["edges"],
        json!([{ "node": { "title": "Weekend barista", "status": "OPEN", "saved": true } },
               { "node": { "title": "Product Manager", "status": "CLOSED", "saved": true } }]),
        "{list}"
    );
    assert_eq!(act(&bea, "unsaveJob", &pm).await["data"]["unsaveJob"]["saved"], false);
    assert_eq!(app.count("saved_jobs").await, 1);
}

#[tokio::test]
async fn asking_for_a_referral_writes_to_her_inbox_with_the_job_linked_and_tells_her() {
    let app = TestApp::spawn().await;
    let (ana, cleo) = (app.member("ana").await, app.member("cleo").await);
    let id = posted(&ana, product_manager()).await;
    let off = "mutation { setMessageRequests(input: { fromNonConnections: false }) }";
    ana.graphql(off, json!({})).await;

    let asked = ask(&cleo, &id, Some("I led a returnship cohort at my last job.")).await;

    let message = &asked["data"]["askForReferral"];
    assert_eq!(message["jobId"], id.as_str(), "{asked}");
    assert_eq!(message["body"], "I led a returnship cohort at my last job.");
    let inbox = listed(&ana, "conversations").await;
    assert_eq!(inbox.len(), 1, "in her inbox though they are not connected and she takes no requests");
    assert_eq!(inbox[0]["id"], message["conversationId"]);
    let (unread, list) = notifications_of(&app, &ana).await;
    assert_eq!(unread, 1);
    assert_eq!(list[0]["kind"], "REFERRAL_REQUEST");
    assert_eq!(list[0]["title"], "Cleo asked you for a referral for 'Product Manager'");

    let again = ask(&cleo, &id, None).await;
    assert_eq!(again["data"]["askForReferral"]["conversationId"], message["conversationId"], "the same conversation");
    assert_eq!(
        again["data"]["askForReferral"]["body"],
        "Hi! Could you refer me for 'Product Manager' at Maple Health?"
    );
}

#[tokio::test]
async fn a_referral_cannot_be_asked_of_a_job_without_the_offer_a_closed_one_or_ones_own() {
    let app = TestApp::spawn().await;
    let (ana, cleo) = (app.member("ana").await, app.member("cleo").await);
    let no_offer = posted(&ana, barista()).await;
    let closed = posted(&ana, product_manager()).await;
    act(&ana, "closeJob", &closed).await;
    let own = posted(&cleo, product_manager()).await;

    assert_eq!(error_code(&ask(&cleo, &no_offer, None).await), "FORBIDDEN");
    assert_eq!(error_code(&ask(&cleo, &closed, None).await), "FORBIDDEN");
    let mine = ask(&cleo, &own, None).await;
    assert_eq!((error_code(&mine), error_field(&mine)), ("BAD_USER_INPUT", "jobId"));
    assert_eq!((app.count("conversations").await, app.count("messages").await), (0, 0));
}

#[tokio::test]
async fn a_job_closes_by_itself_and_its_poster_is_told_three_days_before() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let expires = (Utc::now() + TimeDelta::days(10)).to_rfc3339();
    let mut input = product_manager();
    input["expiresAt"] = json!(expires);
    let id = posted(&ana, input).await;
    let expires: DateTime<Utc> = expires.parse().unwrap();

    app.run_jobs_at(expires - TimeDelta::days(3)).await;
    let (_, list) = notifications_of(&app, &ana).await;
    assert_eq!(list[0]["kind"], "JOB_EXPIRING");
    assert_eq!(list[0]["title"], "Your job post 'Product Manager' closes in 3 days");
    assert_eq!(job(&ana, &id).await["data"]["job"]["status"], "OPEN");

    app.run_jobs_at(expires + TimeDelta::seconds(1)).await;
    assert_eq!(job(&ana, &id).await["data"]["job"]["status"], "CLOSED");
    assert_eq!(notifications_of(&app, &ana).await.1.len(), 1, "told once");
}

#[tokio::test]
async fn moving_the_expiry_leaves_the_old_times_doing_nothing() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let first = Utc::now() + TimeDelta::days(5);
    let mut input = product_manager();
    input["expiresAt"] = json!(first.to_rfc3339());
    let id = posted(&ana, input).await;
    let edit = "mutation($input: EditJobInput!) { editJob(input: $input) { expiresAt } }";
    let later = first + TimeDelta::days(20);
    ana.graphql(edit, json!({ "input": { "jobId": id, "expiresAt": later.to_rfc3339() } })).await;

    app.run_jobs_at(first + TimeDelta::seconds(1)).await;

    assert_eq!(job(&ana, &id).await["data"]["job"]["status"], "OPEN", "the old expiry closes nothing");
    assert_eq!(notifications_of(&app, &ana).await.0, 0, "and its notice says nothing");
    app.run_jobs_at(later + TimeDelta::seconds(1)).await;
    assert_eq!(job(&ana, &id).await["data"]["job"]["status"], "CLOSED");
}

#[tokio::test]
async fn bad_jobs_are_refused_and_nothing_is_posted() {
    let app = TestApp::spawn().await;
    let ana = app.member("ana").await;
    let with = |field: &str, value: Value| {
        let mut input = product_manager();
        input[field] = value;
        input
    };
    let cases = [
        (with("title", json!("   ")), "title"),
        (with("company", json!("x".repeat(121))), "company"),
        (with("url", json!("ftp://maple.example")), "url"),
        (with("url", json!("https://maple.example/a b")), "url"),
        (with("expiresAt", json!((Utc::now() - TimeDelta::hours(1)).to_rfc3339())), "expiresAt"),
        (with("expiresAt", json!((Utc::now() + TimeDelta::days(91)).to_rfc3339())), "expiresAt"),
        (with("description", json!("x".repeat(5001))), "description"),
        (with("flexibility", json!(vec!["JOB_SHARE"; 6])), "flexibility"),
        (with("title", json!("nul \u{0} inside")), "title"),
    ];
    for (input, field) in cases {
        let refused = post(&ana, input).await;
        assert_eq!((error_code(&refused), error_field(&refused)), ("BAD_USER_INPUT", field), "{refused}");
    }
    let bad_filter = ana.graphql("{ jobs(filter: { text: \"a\\u0000\" }) { edges { cursor } } }", json!({})).await;
    assert_eq!(error_code(&bad_filter), "BAD_USER_INPUT", "{bad_filter}");
    assert_eq!((app.count("job_posts").await, app.count("outbox WHERE kind <> 'SEND_EMAIL'").await), (0, 0));
}

#[tokio::test]
async fn a_post_retried_with_its_key_is_posted_once_and_posting_is_rate_limited() {
    let app = TestApp::spawn_with(|settings| settings.job_posts_per_day = 2).await;
    let ana = app.member("ana").await;
    let mut input = product_manager();
    input["clientMutationId"] = json!("job-1");

    let first = posted(&ana, input.clone()).await;
    let retried = posted(&ana, input).await;
    assert_eq!(first, retried);
    posted(&ana, barista()).await;
    let over = post(&ana, barista()).await;

    assert_eq!(error_code(&over), "RATE_LIMITED", "{over}");
    assert_eq!(app.count("job_posts").await, 2);
}
