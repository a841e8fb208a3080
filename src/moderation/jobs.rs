//! The jobs moderation leaves: a moderator's warning tells the member warned, in the app
//! and on her devices (a generic line there), without naming the moderator; content held
//! for review tells its group's moderators.

use futures_util::future::BoxFuture;

use super::store;
use crate::db::Db;
use crate::db::text_enum::to_text;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::membership;
use crate::moderation_log::{self, TargetKind};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;
use crate::threads;

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

/// Runs [`JobKind::ContentHeld`]: the group's owners and moderators (but the member
/// reported) are told that something is held for their review.
pub struct HeldContent {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for HeldContent {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::ContentHeld]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let report = store::find(&self.db, job.subject).await?;
            let Some((report, group_id)) = report.and_then(|report| report.group_id.map(|group| (report, group)))
            else {
                return Ok(Ran { writes: self.db.begin_write().await?, after_commit: None });
            };
            let (thread_id, reply_id) = match report.target_kind.0 {
                TargetKind::Thread => (Some(report.target_id), None),
                TargetKind::Reply => {
                    let audience = threads::reply_audience(&self.db, report.target_id).await?;
                    (audience.map(|audience| audience.thread_id), Some(report.target_id))
                }
                TargetKind::Event | TargetKind::Message | TargetKind::Member => (None, None),
            };
            let moderators = membership::member_ids(&self.db, group_id, true).await?;
            let told = moderators.into_iter().filter(|moderator| *moderator != report.subject_id).map(|moderator| {
                let key = format!("held:{}", report.target_id);
                NewNotification {
                    group_id: Some(group_id),
                    thread_id,
                    reply_id,
                    ..NewNotification::to(moderator, NotificationKind::ContentHeld, key)
                }
            });
            let planned = notifications::keep_wanted(&self.db, told.collect()).await?;
            notifications::recording(&self.db, &self.bus, planned.into()).await
        })
    }
}
