//! The jobs programs owe: telling a member a place opened for her, and the two
//! return-to-work prompts of a member on leave (scheduled when she saves her profile)
//! — eight weeks before her return date,
//! the next program for those coming back that starts before it; on the date, whether
//! to move her career stage to RETURNING. Each prompt goes once per return date: a mark
//! recorded with it (a second one fails its transaction), so neither a second instance
//! nor a restart nor her saving the same date again sends it twice. A prompt whose date
//! or stage changed since it was scheduled does nothing.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::store::{self, Prompt};
use crate::clock;
use crate::db::Db;
use crate::db::text_enum::to_text;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::members::{self, CareerStage};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;

/// Runs the programs' jobs.
pub struct ProgramJobs {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for ProgramJobs {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::ProgramPlaceGiven, JobKind::ReturnToWorkOffer, JobKind::ReturnDateReached]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            match job.kind {
                JobKind::ProgramPlaceGiven => self.place_given(job).await,
                JobKind::ReturnToWorkOffer => self.prompt(job, Prompt::ProgramOffer).await,
                JobKind::ReturnDateReached => self.prompt(job, Prompt::ReturnDateReached).await,
                other => anyhow::bail!("{other:?} is not a programs job"),
            }
        })
    }
}

impl ProgramJobs {
    /// Tells her a place opened for her (she is in the cohort already).
    async fn place_given(&self, job: JobSpec) -> anyhow::Result<Ran> {
        let planned = match (store::cohort_of(&self.db, job.subject).await?, job.target) {
            (Some(cohort), Some(member)) => vec![NewNotification {
                program_id: Some(job.subject),
                group_id: Some(cohort),
                ..NewNotification::to(
                    member,
                    NotificationKind::ProgramPlaceGiven,
                    format!("program-place:{}", job.subject),
                )
            }],
            _ => Vec::new(),
        };
        let planned = notifications::keep_wanted(&self.db, planned).await?;
        notifications::recording(&self.db, &self.bus, planned.into()).await
    }

    /// The return date `job` is about, if she is still on leave returning then (the
    /// moment it was scheduled for is still her date's).
    async fn return_date(&self, job: &JobSpec) -> anyhow::Result<Option<(NaiveDate, DateTime<Utc>)>> {
        let Some((Some(stage), Some(date), timezone)) = store::leave_of(&self.db, job.subject).await? else {
            return Ok(None);
        };
        let moment = members::return_moment(date, timezone.as_deref());
        let current = stage == to_text(CareerStage::OnLeave) && job.scheduled_for == Some(moment);
        Ok(current.then_some((date, moment)))
    }

    /// Sends `prompt` to the member `job` is about, if she is still on leave returning on
    /// the date it was scheduled for and has not had it.
    async fn prompt(&self, job: JobSpec, prompt: Prompt) -> anyhow::Result<Ran> {
        let member = job.subject;
        let planned = match self.return_date(&job).await? {
            Some(date) if !store::prompted(&self.db, member, prompt, date.0).await? => {
                self.plan_prompt(member, prompt, date).await?.map(|planned| (planned, date.0))
            }
            _ => None,
        };
        let Some((planned, return_on)) = planned else {
            return Ok(Ran::writes(self.db.begin_write().await?));
        };
        let wanted = notifications::keep_wanted(&self.db, vec![planned]).await?;
        let mut ran = notifications::recording(&self.db, &self.bus, wanted.into()).await?;
        store::mark_prompted(&mut ran.writes, member, prompt, return_on, clock::now()).await?;
        Ok(ran)
    }

    /// Her notification for `prompt` about returning on `return_on` (at `returns_at`);
    /// none for an offer when no program fits.
    async fn plan_prompt(
        &self,
        member: Uuid,
        prompt: Prompt,
        (return_on, returns_at): (NaiveDate, DateTime<Utc>),
    ) -> anyhow::Result<Option<NewNotification>> {
        let key = format!("return-to-work:{}:{return_on}", to_text(prompt));
        match prompt {
            Prompt::ReturnDateReached => {
                Ok(Some(NewNotification::to(member, NotificationKind::ReturnToWorkCheck, key)))
            }
            Prompt::ProgramOffer => {
                let next = store::next_for_returning(&self.db, member, clock::now(), returns_at).await?;
                let Some((program_id, group_id)) = next else { return Ok(None) };
                Ok(Some(NewNotification {
                    program_id: Some(program_id),
                    group_id,
                    ..NewNotification::to(member, NotificationKind::ProgramOffer, key)
                }))
            }
        }
    }
}
