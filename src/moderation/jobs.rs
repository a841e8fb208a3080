//! The jobs moderation leaves: a moderator's warning tells the member warned, in the app
//! and on her devices (a generic line there), without naming the moderator; content held
//! for review tells its group's moderators.

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::store;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::members;
use crate::membership;
use crate::membership::GroupRole;
use crate::moderation_log::{self, Target, TargetKind};
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
            let target = entry.target_kind.0.zip(entry.target_id).map(|(kind, id)| Target { kind, id });
            let (thread_id, reply_id) = match target {
                Some(target) => thread_and_reply(&self.db, target).await?,
                None => (None, None),
            };
            let warning = NewNotification {
                group_id: entry.group_id,
                thread_id,
                reply_id,
                event_id: target.filter(|target| target.kind == TargetKind::Event).map(|target| target.id),
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
            let target = Target { kind: report.target_kind.0, id: report.target_id };
            let (thread_id, reply_id) = thread_and_reply(&self.db, target).await?;
            // Only admins act on reports about an owner: they are told too.
            let mut told = membership::member_ids(&self.db, group_id, true).await?;
            if membership::role_of(&self.db, report.subject_id, group_id).await? == Some(GroupRole::Owner) {
                told.extend(members::admin_ids(&self.db).await?);
            }
            told.sort_unstable();
            told.dedup();
            let told = told.into_iter().filter(|moderator| *moderator != report.subject_id).map(|moderator| {
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

/// The thread (and the reply) a notification about `target` opens.
async fn thread_and_reply(db: &Db, target: Target) -> anyhow::Result<(Option<Uuid>, Option<Uuid>)> {
    Ok(match target.kind {
        TargetKind::Thread => (Some(target.id), None),
        TargetKind::Reply => {
            let audience = threads::reply_audience(db, target.id).await?;
            (audience.map(|audience| audience.thread_id), Some(target.id))
        }
        TargetKind::Event | TargetKind::Message | TargetKind::Member => (None, None),
    })
}
