//! The mailing list's jobs: sending a newsletter a minute's worth at a time, and the
//! hourly clean-up of subscriptions never confirmed.

use futures_util::future::BoxFuture;

use super::service::{CONFIRM_WITHIN, MailingList};
use super::store;
use crate::clock;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};

/// Runs `NEWSLETTER_SEND` (subject: the newsletter) and `MAILING_LIST_HOUSEKEEPING`.
pub struct NewsletterJobs {
    pub list: MailingList,
}

impl RunEach for NewsletterJobs {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::NewsletterSend, JobKind::MailingListHousekeeping]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let now = clock::now();
            if job.kind == JobKind::MailingListHousekeeping {
                let entries = store::prune_unconfirmed(&self.list.db, now - CONFIRM_WITHIN).await?;
                tracing::info!(entries, "housekeeping: forgot mailing-list subscriptions never confirmed");
                return Ok(Ran::writes(self.list.db.begin_write().await?));
            }
            let mut tx = self.list.db.begin_write().await?;
            self.list.send_some(&mut tx, job.subject, now).await?;
            Ok(Ran::writes(tx))
        })
    }
}
