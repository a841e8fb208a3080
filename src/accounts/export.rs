//! `requestDataExport`: a job gathers everything Village holds about her — profile,
//! children, groups, threads, replies, reactions, RSVPs, notifications, preferences,
//! mutes, quiet hours, digest, mailing list, devices (never their push secrets),
//! connections, blocks, messages she sent, jobs, coffee chats (what she wrote) — as one
//! JSON document, keeps it for 24 hours and emails
//! her a link; `GET /exports/{token}` hands it over to her session alone. Others appear
//! in it only by id.

use chrono::{DateTime, TimeDelta, Utc};
use futures_util::future::BoxFuture;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::deletion::Accounts;
use super::store;
use crate::auth::{link_token_hash, mint_link_token};
use crate::db::Db;
use crate::db::json_rows::rows_as_json;
use crate::email::Letter;
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, JobSpec, NewJob, Ran, RunEach};
use crate::rate_limits::within_limit;
use crate::viewer::Viewer;
use crate::{clock, members};

/// How long an export can be fetched.
const KEPT_FOR: TimeDelta = TimeDelta::hours(24);
/// Exports one member may ask for per day.
const EXPORTS_PER_DAY: i64 = 3;

/// Each part of an export: its name, and the query of her rows (`$1` is her id).
const SECTIONS: [(&str, &str); 32] = [
    (
        "profile",
        "SELECT id, email, display_name, handle, language, email_verified_at, created_at, headline, industry, city, \
         neighbourhood, career_stage, return_to_work_on, interests, open_to, bio, avatar_url, timezone, \
         headline_visibility, industry_visibility, city_visibility, neighbourhood_visibility, \
         career_stage_visibility, return_to_work_on_visibility, children_visibility, interests_visibility, \
         open_to_visibility, bio_visibility FROM members WHERE id = $1",
    ),
    ("children", "SELECT born_on, due_on FROM member_children WHERE member_id = $1"),
    (
        "groups",
        "SELECT g.id, g.name, m.role, m.joined_at FROM group_memberships m JOIN groups g ON g.id = m.group_id \
         WHERE m.member_id = $1",
    ),
    (
        "threads",
        "SELECT id, group_id, title, body, tags, sensitive_topics, anonymous, created_at, edited_at FROM threads \
         WHERE author_id = $1",
    ),
    ("shielded_topics", "SELECT topic FROM topic_shields WHERE member_id = $1"),
    (
        "reports",
        "SELECT id, target_kind, target_id, reason, note, status, created_at, resolved_at FROM reports \
         WHERE reporter_id = $1",
    ),
    (
        "replies",
        "SELECT id, thread_id, parent_reply_id, body, anonymous, created_at, edited_at, deleted_at FROM replies \
         WHERE author_id = $1",
    ),
    ("reactions", "SELECT target_id, reaction, created_at FROM reactions WHERE member_id = $1"),
    (
        "rsvps",
        "SELECT r.event_id, e.title, r.status, r.kids, r.responded_at FROM rsvps r JOIN events e ON e.id = r.event_id \
         WHERE r.member_id = $1",
    ),
    (
        "notifications",
        "SELECT id, kind, group_id, thread_id, reply_id, event_id, conversation_id, actor_id, created_at, read_at \
         FROM notifications WHERE member_id = $1",
    ),
    ("notificationPreferences", "SELECT kind, in_app, push, email FROM notification_preferences WHERE member_id = $1"),
    ("digest", "SELECT frequency, hour, next_at, last_at FROM digest_settings WHERE member_id = $1"),
    (
        "mailingList",
        "SELECT l.email, l.interests, l.city, l.created_at, l.confirmed_at FROM mailing_list l \
         WHERE l.member_id = $1 OR l.email = (SELECT email FROM members WHERE id = $1)",
    ),
    ("mutes", "SELECT subject_id, until, created_at FROM notification_mutes WHERE member_id = $1"),
    ("quietHours", "SELECT time_zone, windows, updated_at FROM quiet_hours WHERE member_id = $1"),
    (
        "devices",
        "SELECT id, transport, app_id, environment, name, created_at, updated_at FROM push_devices \
         WHERE member_id = $1",
    ),
    (
        "connections",
        "SELECT CASE WHEN member_a = $1 THEN member_b ELSE member_a END AS member_id, requested_by, status, \
         created_at, accepted_at FROM connections WHERE member_a = $1 OR member_b = $1",
    ),
    ("blocks", "SELECT blocked_id, created_at FROM member_blocks WHERE blocker_id = $1"),
    ("messagesSent", "SELECT id, conversation_id, body, created_at FROM messages WHERE author_id = $1"),
    ("messageSettings", "SELECT accepts_requests, push_previews FROM message_settings WHERE member_id = $1"),
    (
        "jobPosts",
        "SELECT id, group_id, title, company, location, description, url, status, expires_at, created_at \
         FROM job_posts WHERE posted_by = $1",
    ),
    ("savedJobs", "SELECT job_post_id, saved_at FROM saved_jobs WHERE member_id = $1"),
    (
        "resourcesPublished",
        "SELECT id, group_id, title, summary, body, url, kind, topics, published_at, unpublished_at FROM resources \
         WHERE published_by = $1",
    ),
    ("bookmarks", "SELECT resource_id, created_at FROM resource_bookmarks WHERE member_id = $1"),
    (
        "resourceSuggestions",
        "SELECT id, url, note, status, created_at, reviewed_at FROM resource_suggestions WHERE member_id = $1",
    ),
    (
        "programsOffered",
        "SELECT id, group_id, cohort_group_id, title, description, life_stage, capacity, created_at FROM programs \
         WHERE created_by = $1",
    ),
    (
        "programEnrollments",
        "SELECT pe.program_id, p.title, pe.status, pe.updated_at FROM program_enrollments pe \
         JOIN programs p ON p.id = pe.program_id WHERE pe.member_id = $1",
    ),
    (
        "surveysCreated",
        "SELECT id, title, intro, group_id, event_id, program_id, anonymous, opens_at, closes_at, created_at \
         FROM surveys WHERE created_by = $1",
    ),
    ("surveysAnswered", "SELECT survey_id FROM survey_answered WHERE member_id = $1"),
    (
        "surveyAnswers",
        "SELECT r.survey_id, a.question_id, a.text, a.choices, a.scale FROM survey_answers a \
         JOIN survey_responses r ON r.id = a.response_id WHERE r.member_id = $1",
    ),
    ("returnToWorkPrompts", "SELECT kind, return_on, sent_at FROM return_to_work_prompts WHERE member_id = $1"),
    (
        "coffeeChats",
        "SELECT id, proposed_by, proposed_to, status, CASE WHEN proposed_by = $1 THEN place END AS place, \
         CASE WHEN proposed_by = $1 THEN online_url END AS online_url, \
         CASE WHEN proposed_by = $1 THEN note END AS note, starts_at, ends_at, created_at \
         FROM coffee_chats WHERE proposed_by = $1 OR proposed_to = $1",
    ),
];

/// Everything Village holds about `member`, as one document.
async fn gather(db: &Db, member: Uuid, now: DateTime<Utc>) -> Result<Value, sqlx::Error> {
    let mut document = Map::new();
    document.insert("exportedAt".into(), json!(now));
    for (name, sql) in SECTIONS {
        document.insert(name.into(), Value::Array(rows_as_json(db, sql, member).await?));
    }
    Ok(Value::Object(document))
}

impl Accounts {
    /// Asks for an export of everything about the viewer; a link follows by email.
    /// `RATE_LIMITED` past a few a day.
    #[tracing::instrument(skip_all)]
    pub async fn request_data_export(&self, member: Uuid) -> AppResult<()> {
        let now = clock::now();
        let mut tx = self.db.begin_write().await?;
        let (asked, earliest) = store::exports_since(&mut tx, member, now - TimeDelta::days(1)).await?;
        within_limit(asked, earliest, EXPORTS_PER_DAY, TimeDelta::days(1), now)?;
        let id = Uuid::now_v7();
        store::insert_export(&mut tx, id, member, now).await?;
        jobs::enqueue(&mut tx, NewJob::system(JobKind::DataExportRequested, id)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Assembles export `id` and emails her its link: gathered first, then stored with
    /// the email in the job's transaction (no lock held while reading).
    async fn assemble(&self, id: Uuid) -> anyhow::Result<Ran> {
        let now = clock::now();
        let Some(member_id) = store::export_owner(&self.db, id).await? else {
            return Ok(Ran::writes(self.db.begin_write().await?));
        };
        let document = gather(&self.db, member_id, now).await?;
        let mut tx = self.db.begin_write().await?;
        let member = members::addressee(&mut tx, member_id).await?;
        let Some(member) = member.filter(|member| member.email_verified_at.is_some()) else {
            return Ok(Ran::writes(tx));
        };
        let minted = mint_link_token();
        if !store::fill_export(&mut tx, id, &minted.hash, &document.to_string(), now, now + KEPT_FOR).await? {
            return Ok(Ran::writes(tx));
        }
        let link = self.postbox.path_link(&format!("exports/{}", minted.token));
        let to = member.recipient();
        let details = json!({ "link": link, "hours": KEPT_FOR.num_hours() });
        self.postbox.queue(&mut tx, to, Letter::DataExportReady, details).await?;
        Ok(Ran::writes(tx))
    }

    /// The export the link `token` leads to, for `viewer` alone (`NOT_FOUND` for anyone
    /// else, or once it ran out).
    pub async fn data_export(&self, viewer: &Viewer, token: &str) -> AppResult<String> {
        let member = viewer.member_id()?;
        store::export_body(&self.db, &link_token_hash(token), member, clock::now()).await?.ok_or(AppError::NotFound)
    }
}

/// Runs `DATA_EXPORT_REQUESTED` (subject: the export) and the hourly
/// `ACCOUNTS_HOUSEKEEPING` (exports that ran out are deleted).
pub struct ExportJobs {
    pub accounts: Accounts,
}

impl RunEach for ExportJobs {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::DataExportRequested, JobKind::AccountsHousekeeping]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            if job.kind == JobKind::AccountsHousekeeping {
                let exports = store::prune_exports(&self.accounts.db, clock::now()).await?;
                tracing::info!(exports, "housekeeping: deleted data exports that ran out");
                return Ok(Ran::writes(self.accounts.db.begin_write().await?));
            }
            self.accounts.assemble(job.subject).await
        })
    }
}
