//! The rules of the job board: what a post may say, who may post where (anyone
//! community-wide, members inside their group), who may change or close it (its
//! poster), when it expires (30 days unless she says, 90 at most), and asking for a
//! referral (only of a poster who offers them, on an open job, never one's own).

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{Employment, Flexibility, JobPost, JobStatus, Workplace};
use super::store::{self, JobFields};
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob, Schedule};
use crate::messages::{self, MessageRow, StartConversation};
use crate::realtime::Bus;
use crate::text::{distinct, optional_body, optional_link, required_line};
use crate::{clock, idempotency, membership};

const MAX_TITLE_CHARS: usize = 200;
const MAX_COMPANY_CHARS: usize = 120;
const MAX_LOCATION_CHARS: usize = 120;
const MAX_INDUSTRY_CHARS: usize = 80;
const MAX_URL_CHARS: usize = 500;
const MAX_DESCRIPTION_CHARS: usize = 5_000;
const MAX_NOTE_CHARS: usize = 2_000;
/// How long a job stays up when the poster does not say, and at most.
const DEFAULT_LIFETIME: TimeDelta = TimeDelta::days(30);
const MAX_LIFETIME: TimeDelta = TimeDelta::days(90);
/// How long before it closes the poster is told.
pub const WARN_BEFORE: TimeDelta = TimeDelta::days(3);

/// A job as a poster writes it, before it is checked.
#[derive(Debug, Clone)]
pub struct JobDraft {
    pub title: String,
    pub company: String,
    pub location: String,
    pub workplace: Workplace,
    pub employment: Employment,
    pub flexibility: Vec<Flexibility>,
    pub industry: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub can_refer: bool,
    pub expires_at: Option<DateTime<Utc>>,
}

impl JobDraft {
    /// The draft checked: texts bounded and not blank, an http(s) link, each
    /// flexibility once, an expiry in the next 90 days.
    fn checked(self, now: DateTime<Utc>) -> AppResult<JobFields> {
        let flexibility = distinct(&self.flexibility);
        let expires_at = clock::to_micros(self.expires_at.unwrap_or(now + DEFAULT_LIFETIME));
        if expires_at <= now || expires_at > now + MAX_LIFETIME {
            return Err(AppError::bad_input("expiresAt", "choose a time in the next 90 days"));
        }
        let industry = self.industry.map(|text| required_line("industry", &text, MAX_INDUSTRY_CHARS)).transpose()?;
        Ok(JobFields {
            title: required_line("title", &self.title, MAX_TITLE_CHARS)?,
            company: required_line("company", &self.company, MAX_COMPANY_CHARS)?,
            location: required_line("location", &self.location, MAX_LOCATION_CHARS)?,
            workplace: self.workplace,
            employment: self.employment,
            flexibility,
            industry,
            url: optional_link("url", self.url, MAX_URL_CHARS)?,
            description: optional_body(
                "description",
                self.description.as_deref().unwrap_or_default(),
                MAX_DESCRIPTION_CHARS,
            )?,
            can_refer: self.can_refer,
            expires_at,
        })
    }

    /// What stored job `job` says, to edit.
    fn of(job: &JobPost) -> Self {
        Self {
            title: job.title.clone(),
            company: job.company.clone(),
            location: job.location.clone(),
            workplace: job.workplace.0,
            employment: job.employment.0,
            flexibility: job.flexibility.0.clone(),
            industry: job.industry.clone(),
            url: job.url.clone(),
            description: Some(job.description.clone()),
            can_refer: job.can_refer,
            expires_at: Some(job.expires_at),
        }
    }
}

/// Job `id`, if `viewer` may see it; `NOT_FOUND` otherwise.
pub async fn visible(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<JobPost> {
    store::find(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Job `id`, if `viewer` posted it (`FORBIDDEN` for one she only sees).
async fn own(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<JobPost> {
    let job = visible(db, viewer, id).await?;
    if job.posted_by != viewer {
        return Err(AppError::Forbidden);
    }
    Ok(job)
}

/// Schedules, in `tx`, the notice to the poster a few days before `expires_at` (when
/// that is still ahead) and the closing at `expires_at`.
async fn schedule_expiry(tx: &mut Tx, id: Uuid, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> AppResult<()> {
    let warn_at = expires_at - WARN_BEFORE;
    if warn_at > now {
        let schedule = Schedule { run_at: warn_at, about: expires_at };
        jobs::enqueue(tx, NewJob { schedule: Some(schedule), ..NewJob::system(JobKind::JobPostExpiring, id) }).await?;
    }
    jobs::enqueue(tx, NewJob::due_at(JobKind::JobPostExpired, id, expires_at)).await?;
    Ok(())
}

/// Posts a job, community-wide or in group `group_id` (she must belong to it).
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn post(
    db: &Db,
    viewer: Uuid,
    group_id: Option<Uuid>,
    draft: JobDraft,
    key: Option<&str>,
) -> AppResult<JobPost> {
    let now = clock::now();
    let fields = draft.checked(now)?;
    if let Some(group_id) = group_id {
        membership::require_poster(db, viewer, group_id).await?;
    }
    let made = idempotency::create_once(db, viewer, "postJob", key, async |tx| {
        let id = Uuid::now_v7();
        store::insert(tx, id, viewer, group_id, &fields, now).await?;
        schedule_expiry(tx, id, fields.expires_at, now).await?;
        Ok(id)
    })
    .await?;
    visible(db, viewer, made.id).await
}

/// Rewrites her open job `id` with `edit` applied to what it says now.
#[tracing::instrument(skip_all, fields(viewer = %viewer, job = %id))]
pub async fn edit(db: &Db, viewer: Uuid, id: Uuid, edit: impl FnOnce(&mut JobDraft)) -> AppResult<JobPost> {
    let job = own(db, viewer, id).await?;
    if job.status.0 == JobStatus::Closed {
        return Err(AppError::bad_input("jobId", "this job is closed"));
    }
    let mut draft = JobDraft::of(&job);
    edit(&mut draft);
    let now = clock::now();
    let fields = draft.checked(now)?;
    let mut tx = db.begin_write().await?;
    if !store::update(&mut tx, id, &fields, now).await? {
        return Err(AppError::bad_input("jobId", "this job is closed"));
    }
    if fields.expires_at != job.expires_at {
        schedule_expiry(&mut tx, id, fields.expires_at, now).await?;
    }
    tx.commit().await?;
    visible(db, viewer, id).await
}

/// Closes her job `id` (closing a closed one changes nothing).
pub async fn close(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<JobPost> {
    own(db, viewer, id).await?;
    let mut tx = db.begin_write().await?;
    store::close(&mut tx, id, clock::now()).await?;
    tx.commit().await?;
    visible(db, viewer, id).await
}

/// Saves job `id` for her, or forgets it (`save` false).
pub async fn set_saved(db: &Db, viewer: Uuid, id: Uuid, save: bool) -> AppResult<JobPost> {
    visible(db, viewer, id).await?;
    if save {
        store::save(db, viewer, id, clock::now()).await?;
    } else {
        store::unsave(db, viewer, id).await?;
    }
    visible(db, viewer, id).await
}

/// Asks the poster of open job `id` for a referral: a direct message with the job
/// linked, in her inbox (she offered referrals) — a new conversation, or theirs.
#[tracing::instrument(skip_all, fields(viewer = %viewer, job = %id))]
pub async fn ask_for_referral(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    id: Uuid,
    note: Option<String>,
    key: Option<String>,
) -> AppResult<MessageRow> {
    let job = visible(db, viewer, id).await?;
    if job.posted_by == viewer {
        return Err(AppError::bad_input("jobId", "this is your own job"));
    }
    if !job.can_refer || job.status.0 == JobStatus::Closed || job.expires_at <= clock::now() {
        return Err(AppError::Forbidden);
    }
    let note = optional_body("note", note.as_deref().unwrap_or_default(), MAX_NOTE_CHARS)?;
    let body =
        if note.is_empty() { format!("Hi! Could you refer me for '{}' at {}?", job.title, job.company) } else { note };
    let ask = StartConversation { member_ids: vec![job.posted_by], body, client_mutation_id: key, about_job: Some(id) };
    messages::start_conversation(db, bus, viewer, ask).await
}
