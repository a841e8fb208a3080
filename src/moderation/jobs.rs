//! The job a moderator's warning leaves: the member warned is told, in the app and on
//! her devices (a generic line there), about what it concerned, without naming the
//! moderator.

use futures_util::future::BoxFuture;

use crate::db::Db;
use crate::db::text_enum::to_text;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::moderation_log::{self, TargetKind};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;

/// Runs [`JobKind::ModeratorWarning`].
pub struct Warnings {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for Warnings {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::ModeratorWarning]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let entry = moderation_log::find(&self.db, job.subject).await?;
            let Some((entry, member)) = entry.and_then(|entry| entry.subject_id.map(|member| (entry, member))) else {
                return Ok(Ran { writes: self.db.begin_write().await?, after_commit: None });
            };
            let target =
                |kind| entry.target_id.filter(|_| entry.target_kind.as_deref() == Some(to_text(kind).as_str()));
            let warning = NewNotification {
                group_id: entry.group_id,
                thread_id: target(TargetKind::Thread),
                reply_id: target(TargetKind::Reply),
                event_id: target(TargetKind::Event),
                moderation_entry_id: Some(entry.id),
                push: true,
                ..NewNotification::to(member, NotificationKind::ModeratorWarning, format!("warning:{}", entry.id))
            };
            notifications::recording(&self.db, &self.bus, vec![warning].into()).await
        })
    }
}
