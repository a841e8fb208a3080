//! `village seed-demo`: fills an empty database with a believable community, through the
//! same rules the API uses, so a newcomer sees something in GraphiQL within a minute.

use anyhow::{Context, bail};
use chrono::{Days, NaiveTime, TimeZone};
use uuid::Uuid;

use crate::coffee_chats::{self, Proposal};
use crate::config::DEFAULT_REPORTS_TO_HOLD;
use crate::db::{self, Db};
use crate::events::{self, Answer, EventFields, RsvpAnswer};
use crate::groups::{self, CreateGroup};
use crate::job_board::{self, Employment, Flexibility, JobDraft, Workplace};
use crate::members::{self, CareerStage, NewMember};
use crate::membership::{GroupVisibility, JoinPolicy};
use crate::moderation::{self, Filed, ModerationSettings, ReportReason};
use crate::moderation_log::{Target, TargetKind};
use crate::programs::{self, ProgramDraft};
use crate::realtime::Bus;
use crate::resources::{self, ChildAge, ResourceDraft, ResourceKind};
use crate::surveys::{self, Audience, Given, QuestionDraft, QuestionKind, SurveyDraft};
use crate::threads::{self, CreateThread, PostReply, Reaction, ReactionTarget};
use crate::{auth, clock, messages, on_db, on_tx};

/// Every demo member signs in with this password.
pub const DEMO_PASSWORD: &str = "village-demo";

const CAST: &[(&str, &str)] = &[
    ("ana", "Ana Lima"),
    ("bea", "Bea Santos"),
    ("chloe", "Chloé Martin"),
    ("dana", "Dana Okafor"),
    ("emma", "Emma Chen"),
    ("farah", "Farah Haddad"),
];
const CONFERENCE_SEATS: i64 = 60;
const CONFERENCE_GOING: usize = 57;

async fn member_count(db: &Db) -> anyhow::Result<i64> {
    Ok(on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM members").fetch_one(pool).await)?)
}

async fn add_members(db: &Db, people: &[(String, String)]) -> anyhow::Result<Vec<Uuid>> {
    let hash = auth::hash_password(DEMO_PASSWORD)?;
    let mut tx = db.begin_write().await?;
    let mut ids = Vec::with_capacity(people.len());
    for (handle, name) in people {
        let id = Uuid::now_v7();
        let email = format!("{handle}@village.demo");
        members::insert(
            &mut tx,
            NewMember {
                id,
                email: &email,
                password_hash: &hash,
                display_name: name,
                now: clock::now(),
                email_verified_at: Some(clock::now()),
            },
        )
        .await?;
        // Handles too, so @ana mentions work in the demo at once.
        const HANDLE: &str = "UPDATE members SET handle = $1 WHERE id = $2";
        on_tx!(&mut tx, conn => sqlx::query(HANDLE).bind(handle).bind(id).execute(conn).await.map(drop))?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

fn group(
    name: &str,
    description: &str,
    visibility: GroupVisibility,
    join_policy: JoinPolicy,
    questions: &[&str],
) -> CreateGroup {
    CreateGroup {
        name: name.into(),
        description: description.into(),
        visibility,
        join_policy,
        join_questions: questions.iter().map(|q| (*q).to_owned()).collect(),
        allow_anonymous_posts: false,
        client_mutation_id: None,
    }
}

async fn thread(
    db: &Db,
    bus: &Bus,
    author: Uuid,
    group_id: Uuid,
    title: &str,
    body: &str,
    replies: &[(Uuid, &str)],
) -> anyhow::Result<()> {
    let create = CreateThread {
        group_id,
        title: title.into(),
        body: body.into(),
        tags: vec![],
        sensitive_topics: vec![],
        anonymous: false,
        client_mutation_id: None,
    };
    let thread = threads::create_thread(db, bus, author, create).await?;
    for (n, (replier, text)) in replies.iter().enumerate() {
        let post = PostReply {
            thread_id: thread.id,
            body: (*text).into(),
            parent_reply_id: None,
            anonymous: false,
            client_mutation_id: None,
        };
        let reply = threads::reply(db, bus, *replier, post).await?;
        let reaction = if n % 2 == 0 { Reaction::Same } else { Reaction::Heart };
        threads::react(db, bus, author, ReactionTarget::Reply(reply.id), reaction, None).await?;
    }
    Ok(())
}

async fn moms_at_work(db: &Db, bus: &Bus, cast: &[Uuid]) -> anyhow::Result<Uuid> {
    let about = "Back at work after a baby? Pumping at the office, sick days, ambition, and everything in between.";
    let moms =
        groups::create(db, cast[0], group("Moms at Work", about, GroupVisibility::Public, JoinPolicy::Open, &[]))
            .await?;
    for member in &cast[1..] {
        groups::join(db, bus, *member, moms.id, vec![]).await?;
    }
    thread(
        db,
        bus,
        cast[0],
        moms.id,
        "Pumping at work: where do you actually go?",
        "Our office has no lactation room. I've been using a meeting room with a sign on the door. What works for you?",
        &[
            (
                cast[1],
                "A storage room with a lock and a mini fridge. I asked facilities and they made it happen in a week.",
            ),
            (cast[2], "I book the same meeting room every day at 10 and 2 and call it 'focus time'."),
            (
                cast[3],
                "Know your rights: in Ontario your employer has to accommodate you. It helped me to say that out loud.",
            ),
            (cast[0], "Thank you all, I'm emailing facilities today."),
        ],
    )
    .await?;
    thread(db, bus, cast[2], moms.id, "Sick days when you're the one who covers",
        "Daycare called again. Third time this month. How do you split sick days with your partner without keeping score?",
        &[(cast[4], "We alternate by default and swap when one of us has a big day. A shared calendar saved us."),
          (cast[5], "Honestly, I keep score. But out loud, together, every Sunday.")]).await?;
    thread(
        db,
        bus,
        cast[4],
        moms.id,
        "Ambition after baby: did it change for you?",
        "I expected to want less. I want more, just differently. Anyone else?",
        &[(cast[1], "Same. Less patience for pointless meetings, more for the work that matters.")],
    )
    .await?;
    Ok(moms.id)
}

async fn returning_from_leave(db: &Db, bus: &Bus, cast: &[Uuid]) -> anyhow::Result<Uuid> {
    let about = "A private circle for the weeks before and after going back. What is said here stays here.";
    let question = "When are you going back, and what worries you most?";
    let circle = group("Returning from leave", about, GroupVisibility::Private, JoinPolicy::Approval, &[question]);
    let circle = groups::create(db, cast[1], CreateGroup { allow_anonymous_posts: true, ..circle }).await?;
    for member in [cast[0], cast[2]] {
        groups::invite(db, cast[1], circle.id, member).await?;
        groups::join(db, bus, member, circle.id, vec![]).await?;
    }
    thread(
        db,
        bus,
        cast[1],
        circle.id,
        "First week back: what helped you?",
        "Mine starts Monday. I'm equal parts excited and terrified.",
        &[
            (cast[0], "Start on a Wednesday if you can. A short first week is a gift."),
            (cast[2], "Plan the first pickup like a meeting you can't miss. It forces you out the door."),
        ],
    )
    .await?;
    an_anonymous_thread(db, bus, cast, circle.id).await?;
    groups::join(db, bus, cast[3], circle.id, vec!["In March; I'm worried about the commute and pumping.".into()])
        .await?;
    Ok(circle.id)
}

/// Chloé asks what she would not ask under her name, and Ana answers the same way: Bea,
/// the circle's owner, sees who they are; everyone else sees "Anonymous member".
async fn an_anonymous_thread(db: &Db, bus: &Bus, cast: &[Uuid], circle: Uuid) -> anyhow::Result<()> {
    let question = CreateThread {
        group_id: circle,
        title: "My manager hinted my role \"might change\" while I was away".into(),
        body: "I go back in three weeks. Is this something I should raise before my first day, or wait and see? \
               I don't want to seem difficult."
            .into(),
        tags: vec![],
        sensitive_topics: vec![],
        anonymous: true,
        client_mutation_id: None,
    };
    let thread = threads::create_thread(db, bus, cast[2], question).await?;
    let answer = |author: Uuid, anonymous: bool, body: &str| {
        let post = PostReply {
            thread_id: thread.id,
            body: body.into(),
            parent_reply_id: None,
            anonymous,
            client_mutation_id: None,
        };
        threads::reply(db, bus, author, post)
    };
    answer(cast[0], true, "Same happened to me. Ask for a return meeting in writing before day one.").await?;
    answer(cast[1], false, "You have every right to ask before you start. Happy to talk it through.").await?;
    Ok(())
}

async fn owning_it(db: &Db, bus: &Bus, organiser: Uuid, group_id: Uuid, attendees: &[Uuid]) -> anyhow::Result<()> {
    let toronto = chrono_tz::America::Toronto;
    let day = clock::now().date_naive().checked_add_days(Days::new(30)).context("date out of range")?;
    let at = |hour| {
        toronto.from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())).single()
    };
    let (Some(starts), Some(ends)) = (at(9), at(17)) else { bail!("no such time in Toronto") };
    let input = EventFields {
        title: "#OwningIt: Making self-employment work for you".into(),
        description: "A one-day conference on freelancing, consulting and running a business around family life. \
                      Talks, workshops, and lunch with 59 other moms who did it."
            .into(),
        starts_at: starts.to_utc(),
        ends_at: ends.to_utc(),
        timezone: "America/Toronto".into(),
        location: Some("Centre for Social Innovation, 192 Spadina Ave".into()),
        city: Some("Toronto".into()),
        online_url: None,
        capacity: Some(CONFERENCE_SEATS),
        kids_welcome: false,
        childcare_provided: true,
        childcare_capacity: Some(10),
        cost_cents: 4_500,
    };
    let conference = events::create_event(db, bus, organiser, group_id, input, None).await?;
    for attendee in attendees.iter().take(CONFERENCE_GOING) {
        groups::join(db, bus, *attendee, group_id, vec![]).await?;
        events::rsvp(db, *attendee, conference.id, Answer { status: RsvpAnswer::Going, kids: 0 }, None).await?;
    }
    Ok(())
}

/// Last spring's #OwningIt, three weeks ago, and its anonymous feedback survey: Ana asked
/// the twelve who went, and all answered (self-employed, from Toronto, Ottawa and
/// Hamilton).
async fn owning_it_feedback(db: &Db, bus: &Bus, organiser: Uuid, moms: Uuid, went: &[Uuid]) -> anyhow::Result<()> {
    let starts = clock::now() - chrono::TimeDelta::days(21);
    let spring = EventFields {
        title: "#OwningIt: spring edition".into(),
        description: "Last spring's day on freelancing and running a business around family life.".into(),
        starts_at: starts,
        ends_at: starts + chrono::TimeDelta::hours(8),
        timezone: "America/Toronto".into(),
        location: Some("Centre for Social Innovation, 192 Spadina Ave".into()),
        city: Some("Toronto".into()),
        online_url: None,
        capacity: Some(CONFERENCE_SEATS),
        kids_welcome: false,
        childcare_provided: false,
        childcare_capacity: None,
        cost_cents: 4_500,
    };
    let event = events::create_event(db, bus, organiser, moms, spring, None).await?;
    for attendee in went {
        events::rsvp(db, *attendee, event.id, Answer { status: RsvpAnswer::Going, kids: 0 }, None).await?;
    }
    let question = |kind, prompt: &str, options: &[&str], required| QuestionDraft {
        kind,
        prompt: prompt.into(),
        options: options.iter().map(|option| (*option).to_owned()).collect(),
        required,
    };
    let draft = SurveyDraft {
        title: "#OwningIt: how was it?".into(),
        intro: "What has your return-to-work experience been like? Your answers shape the next one. \
                Nothing links them to you."
            .into(),
        questions: vec![
            question(QuestionKind::Scale1To5, "How useful was the day?", &[], true),
            question(QuestionKind::MultiChoice, "What helped most?", &["Talks", "Workshops", "Meeting others"], false),
            question(QuestionKind::Text, "What should the next one do differently?", &[], false),
        ],
        audience: Audience::Event(event.id),
        anonymous: true,
        closes_at: clock::now() + chrono::TimeDelta::days(14),
    };
    let survey = surveys::create(db, organiser, draft, None).await?;
    let ids: Vec<Uuid> = surveys::questions(db, survey.id).await?.into_iter().map(|question| question.id).collect();
    let [scale, helped, change] = ids[..] else { bail!("the survey has three questions") };
    let said = [
        "Childcare on site, please.",
        "More on pricing your work.",
        "",
        "A session on taxes.",
        "",
        "",
        "Longer lunch!",
        "",
        "Record the talks for those who could not come.",
        "",
        "More time to meet each other.",
        "",
    ];
    for (n, (member, text)) in (0i64..).zip(went.iter().zip(said)) {
        const STANDING: &str =
            "UPDATE members SET career_stage = 'SELF_EMPLOYED', city = $2, city_key = $3 WHERE id = $1";
        let (city, key) = match n {
            0..5 => ("Toronto", "toronto"),
            5..10 => ("Ottawa", "ottawa"),
            _ => ("Hamilton", "hamilton"),
        };
        on_db!(db, pool => sqlx::query(STANDING).bind(member).bind(city).bind(key).execute(pool).await.map(drop))?;
        let mut given = vec![
            Given { question_id: scale, text: None, choices: vec![], scale: Some(3 + n % 3) },
            Given { question_id: helped, text: None, choices: vec![n % 3, (n + 1) % 3], scale: None },
        ];
        if !text.is_empty() {
            given.push(Given { question_id: change, text: Some(text.into()), choices: vec![], scale: None });
        }
        surveys::answer(db, *member, survey.id, given, None).await?;
    }
    Ok(())
}

/// A guest's spam thread in Moms at Work, reported by Emma and Farah: it waits in Ana's
/// moderation queue.
async fn a_report_waiting(db: &Db, bus: &Bus, cast: &[Uuid], spammer: Uuid, moms: Uuid) -> anyhow::Result<()> {
    let pitch = CreateThread {
        group_id: moms,
        title: "Earn $5k a week from home!!".into(),
        body: "Limited spots. DM me for the opportunity that changed my life.".into(),
        tags: vec![],
        sensitive_topics: vec![],
        anonymous: false,
        client_mutation_id: None,
    };
    let spam = threads::create_thread(db, bus, spammer, pitch).await?;
    let target = Target { kind: TargetKind::Thread, id: spam.id };
    // Two reports, one short of holding it for review with the default setting.
    let settings = ModerationSettings { reports_to_hold: i64::from(DEFAULT_REPORTS_TO_HOLD) };
    let first = Filed { target, reason: ReportReason::Spam, note: "Third time this week." };
    moderation::report(db, bus, settings, cast[4], first).await?;
    moderation::report(db, bus, settings, cast[5], Filed { note: "", ..first }).await?;
    Ok(())
}

/// A few resources: two guides Ana published in Moms at Work, and the circle's own
/// return-to-work checklist from Bea.
async fn library(db: &Db, cast: &[Uuid], moms: Uuid, circle: Uuid) -> anyhow::Result<()> {
    let guide = |title: &str, summary: &str, body: &str, topics: &[&str]| ResourceDraft {
        title: title.into(),
        summary: summary.into(),
        body: Some(body.into()),
        url: None,
        kind: ResourceKind::Guide,
        topics: topics.iter().map(|topic| (*topic).to_owned()).collect(),
        life_stages: vec![CareerStage::Returning, CareerStage::Working],
        child_ages: vec![ChildAge::Baby],
    };
    let pumping = guide(
        "Pumping at work: a practical guide",
        "Where to pump, how to ask for a room and time, and what to pack.",
        "## Ask early\nTell your manager before your first day what you need: a private room (not a bathroom) \
         and two or three breaks a day.\n\n## Pack\nPump, bags, a cooler, a photo of your baby.",
        &["pumping", "breastfeeding"],
    );
    resources::publish(db, cast[0], Some(moms), pumping).await?;
    let daycare = ResourceDraft {
        kind: ResourceKind::Template,
        child_ages: vec![ChildAge::Baby, ChildAge::Toddler],
        life_stages: vec![CareerStage::OnLeave, CareerStage::Returning],
        ..guide(
            "Daycare tour checklist",
            "The questions to ask on a daycare visit, ready to print.",
            "- Ratio of staff to children?\n- Sick-day policy?\n- How do you handle naps?\n- Can I visit any time?",
            &["daycare", "childcare"],
        )
    };
    resources::publish(db, cast[0], Some(moms), daycare).await?;
    let checklist = guide(
        "Your first two weeks back",
        "A week-by-week checklist the circle put together.",
        "Week 1: meet your manager, agree on your hours, find your people.\nWeek 2: plan your first pickup like a meeting.",
        &["returning", "first week"],
    );
    resources::publish(
        db,
        cast[1],
        Some(circle),
        ResourceDraft { life_stages: vec![CareerStage::Returning], ..checklist },
    )
    .await?;
    Ok(())
}

/// The circle's "Returning from leave — spring cohort": four weekly lunch-hour sessions
/// online from six weeks out, offered by Bea; Chloé has a place.
async fn spring_cohort(db: &Db, bus: &Bus, cast: &[Uuid], circle: Uuid) -> anyhow::Result<()> {
    let toronto = chrono_tz::America::Toronto;
    let first_day = clock::now().date_naive().checked_add_days(Days::new(42)).context("date out of range")?;
    let topics = [
        "Planning your first day back",
        "Childcare and the morning rush",
        "Talking to your manager",
        "Your first month, together",
    ];
    let mut sessions = Vec::with_capacity(topics.len());
    for (week, topic) in (0u64..).zip(topics) {
        let day = first_day.checked_add_days(Days::new(7 * week)).context("date out of range")?;
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
        let Some(starts) = toronto.from_local_datetime(&day.and_time(noon)).single() else {
            bail!("no such time in Toronto");
        };
        sessions.push(EventFields {
            title: format!("Week {}: {topic}", week + 1),
            description: String::new(),
            starts_at: starts.to_utc(),
            ends_at: starts.to_utc() + chrono::TimeDelta::hours(1),
            timezone: "America/Toronto".into(),
            location: None,
            city: None,
            online_url: Some("https://meet.village.demo/spring-cohort".into()),
            capacity: None,
            kids_welcome: true,
            childcare_provided: false,
            childcare_capacity: None,
            cost_cents: 0,
        });
    }
    let draft = ProgramDraft {
        title: "Returning from leave — spring cohort".into(),
        description: "Four lunch hours with eight moms going back in the spring: plans, worries and what worked."
            .into(),
        life_stage: CareerStage::Returning,
        capacity: 8,
        sessions,
        group_id: Some(circle),
    };
    let program = programs::create(db, cast[1], draft, None).await?;
    programs::enroll(db, bus, cast[2], program.id, None).await?;
    Ok(())
}

/// Bea and Ana talk about coffee (Ana accepted Bea's first message), and Chloé's first
/// message waits in Ana's requests.
async fn conversations(db: &Db, bus: &Bus, cast: &[Uuid]) -> anyhow::Result<()> {
    let (ana, bea, chloe) = (cast[0], cast[1], cast[2]);
    let start = |body: &str, to: Uuid| messages::StartConversation {
        member_ids: vec![to],
        body: body.into(),
        client_mutation_id: None,
        about_job: None,
    };
    let first =
        messages::start_conversation(db, bus, bea, start("Loved your post on pumping at work. Coffee?", ana)).await?;
    messages::answer_request(db, bus, ana, first.conversation_id, true).await?;
    let lines = [
        (ana, "Yes please! Thursday before drop-off?"),
        (bea, "9:15 at the café by the daycare?"),
        (ana, "Perfect, see you there."),
    ];
    for (author, body) in lines {
        let send = messages::SendMessage {
            conversation_id: first.conversation_id,
            body: body.into(),
            client_mutation_id: None,
            about_job: None,
        };
        messages::send_message(db, bus, author, send).await?;
    }
    let request = start("Hi Ana! I'm organising a returnship panel — would you speak?", ana);
    messages::start_conversation(db, bus, chloe, request).await?;
    Ok(())
}

/// Bea shares a returnship with a referral offer (Dana asks her for one), and Emma a
/// part-time job inside Moms at Work.
async fn job_board(db: &Db, bus: &Bus, cast: &[Uuid], moms: Uuid) -> anyhow::Result<()> {
    let (bea, dana, emma) = (cast[1], cast[3], cast[4]);
    let returnship = JobDraft {
        title: "Product Manager (returnship)".into(),
        company: "Maple Health".into(),
        location: "Toronto, ON".into(),
        workplace: Workplace::Hybrid,
        employment: Employment::FullTime,
        flexibility: vec![Flexibility::Returnship, Flexibility::FlexibleHours],
        industry: Some("Health tech".into()),
        url: Some("https://maple-health.example/careers/pm-returnship".into()),
        description: Some("A 16-week paid return-to-work programme, then a permanent role.".into()),
        can_refer: true,
        expires_at: None,
    };
    let returnship = job_board::post(db, bea, None, returnship, None).await?;
    let bookkeeper = JobDraft {
        title: "Part-time bookkeeper".into(),
        company: "Lune Café Group".into(),
        location: "Montréal, QC".into(),
        workplace: Workplace::Remote,
        employment: Employment::PartTime,
        flexibility: vec![Flexibility::PartTimeOk, Flexibility::FlexibleHours],
        industry: Some("Hospitality".into()),
        url: None,
        description: Some("Twenty hours a week, school hours.".into()),
        can_refer: false,
        expires_at: None,
    };
    job_board::post(db, emma, Some(moms), bookkeeper, None).await?;
    let note = Some("I ran product at a clinic chain before my leave — would you refer me?".to_owned());
    job_board::ask_for_referral(db, bus, dana, returnship.id, note, None).await?;
    Ok(())
}

/// Farah is open to coffee chats; Ana proposed two times and Farah took the second.
async fn coffee_chat(db: &Db, cast: &[Uuid]) -> anyhow::Result<()> {
    let (ana, farah) = (cast[0], cast[5]);
    const OPEN_TO: &str = "UPDATE members SET open_to = '[\"COFFEE_CHATS\",\"MENTORING\"]' WHERE id = $1";
    on_db!(db, pool => sqlx::query(OPEN_TO).bind(farah).execute(pool).await.map(drop))?;
    let day = |days: u64, hour: u32| -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
        let date = clock::now().date_naive().checked_add_days(Days::new(days)).context("a date")?;
        let at = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).context("a time")?);
        Ok(chrono::Utc.from_utc_datetime(&at))
    };
    let slots = vec![
        coffee_chats::Slot { starts_at: day(3, 14)?, ends_at: day(3, 15)? },
        coffee_chats::Slot { starts_at: day(4, 13)?, ends_at: day(4, 14)? },
    ];
    let proposal = Proposal { slots, place: Some("Pilot Coffee, Queen St W".into()), online_url: None };
    let note = Some("Would love to hear how you set up your practice.".to_owned());
    let chat = coffee_chats::propose(db, ana, farah, proposal, note, (None, usize::MAX)).await?;
    coffee_chats::accept(db, farah, chat.id, 1).await?;
    Ok(())
}

/// Fills an empty database with the demo community.
pub async fn seed(db: &Db) -> anyhow::Result<()> {
    if member_count(db).await? > 0 {
        bail!(
            "the database already has members; seed-demo only fills an empty one \
             (embedded: stop the server and delete the data dir, or pass --data-dir to a new one)"
        );
    }
    let mut people: Vec<(String, String)> = CAST.iter().map(|(h, n)| ((*h).to_owned(), (*n).to_owned())).collect();
    people.extend((1..=CONFERENCE_GOING).map(|n| (format!("guest{n}"), format!("Guest {n}"))));
    let ids = add_members(db, &people).await?;
    let (cast, guests) = ids.split_at(CAST.len());
    // Nobody listens live while a database is seeded; the writes publish all the same.
    let bus = Bus::default();
    let moms = moms_at_work(db, &bus, cast).await?;
    let circle = returning_from_leave(db, &bus, cast).await?;
    library(db, cast, moms, circle).await?;
    spring_cohort(db, &bus, cast, circle).await?;
    owning_it(db, &bus, cast[0], moms, &[cast, guests].concat()).await?;
    let went = guests.get(1..13).context("not enough guests")?;
    owning_it_feedback(db, &bus, cast[0], moms, went).await?;
    let spammer = guests.first().copied().context("no guests")?;
    a_report_waiting(db, &bus, cast, spammer, moms).await?;
    conversations(db, &bus, cast).await?;
    job_board(db, &bus, cast, moms).await?;
    coffee_chat(db, cast).await?;
    Ok(())
}

/// Connects, migrates and seeds the database of `url`.
pub async fn run(url: &str) -> anyhow::Result<()> {
    let db = db::connect(url, 4).await?;
    db::migrate(&db).await?;
    seed(&db).await?;
    tracing::info!(
        members = CAST.len() + CONFERENCE_GOING,
        "demo community created; sign in as ana@village.demo / {DEMO_PASSWORD}"
    );
    Ok(())
}
