//! The jobs programs owe: telling a member a place opened for her, and the two
//! return-to-work prompts of a member on leave (scheduled when she saves her profile)
//! — eight weeks before her return date,
//! the next program for those coming back that starts before it; on the date, whether
//! to move her career stage to RETURNING. Each prompt goes once per return date: a mark
//! recorded with it (a second one fails its transaction), so neither a second instance
//! nor a restart nor her saving the same date again sends it twice. A prompt whose date
//! or stage changed since it was scheduled does nothing.

use chrono::NaiveDate;
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::store::{self, Prompt};
use crate::clock;
use crate::db::Db;
use crate::db::text_enum::to_text;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::members::CareerStage;
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

    /// Sends `prompt` to the member `job` is about, if she is still on leave returning on
    /// the date it was scheduled for and has not had it.
    async fn prompt(&self, job: JobSpec, prompt: Prompt) -> anyhow::Result<Ran> {
        let member = job.subject;
        let Some(return_on) = job.scheduled_for.map(|about| about.date_naive()) else {
            return Ok(Ran::writes(self.db.begin_write().await?));
        };
        let still_on_leave = matches!(store::leave_of(&self.db, member).await?,
            Some((Some(stage), Some(date))) if stage == to_text(CareerStage::OnLeave) && date == return_on);
        let planned = if still_on_leave && !store::prompted(&self.db, member, prompt, return_on).await? {
            self.plan_prompt(member, prompt, return_on).await?
        } else {
            None
        };
        let Some(planned) = planned else {
            return Ok(Ran::writes(self.db.begin_write().await?));
        };
        let wanted = notifications::keep_wanted(&self.db, vec![planned]).await?;
        let mut ran = notifications::recording(&self.db, &self.bus, wanted.into()).await?;
        store::mark_prompted(&mut ran.writes, member, prompt, return_on, clock::now()).await?;
        Ok(ran)
    }

    /// Her notification for `prompt`; none for an offer when no program fits.
    async fn plan_prompt(
        &self,
        member: Uuid,
        prompt: Prompt,
        return_on: NaiveDate,
    ) -> anyhow::Result<Option<NewNotification>> {
        let key = format!("return-to-work:{}:{return_on}", to_text(prompt));
        match prompt {
            Prompt::ReturnDateReached => {
                Ok(Some(NewNotification::to(member, NotificationKind::ReturnToWorkCheck, key)))
            }
            Prompt::ProgramOffer => {
                let next = store::next_for_returning(
                    &self.db,
                    member,
                    clock::now(),
                    return_on.and_time(chrono::NaiveTime::MIN).and_utc(),
                )
                .await?;
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
