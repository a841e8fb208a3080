//! The job surveys owe: when one opens (at once, or once its event is over), asking its
//! audience — everyone but its creator who has not answered yet — to answer.

use futures_util::future::BoxFuture;

use super::store;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;

/// Runs the survey jobs.
pub struct SurveyJobs {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for SurveyJobs {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::SurveyOpened]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let planned = match store::head(&self.db, job.subject).await? {
                Some((group_id, opens_at)) if Some(opens_at) == job.scheduled_for => {
                    let key = format!("survey:{}", job.subject);
                    let ask = |member| NewNotification {
                        survey_id: Some(job.subject),
                        group_id,
                        ..NewNotification::to(member, NotificationKind::SurveyInvitation, key.clone())
                    };
                    store::yet_to_answer(&self.db, job.subject).await?.into_iter().map(ask).collect()
                }
                _ => Vec::new(),
            };
            let planned = notifications::keep_wanted(&self.db, planned).await?;
            notifications::recording(&self.db, &self.bus, planned.into()).await
        })
    }
}
