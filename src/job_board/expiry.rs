//! The jobs a post's expiry schedules: a few days before, its poster is told (in the
//! app, and pushed if she wants); at the time, it closes. Both do nothing for a post
//! closed already or whose expiry moved since (the new time has jobs of its own).

use futures_util::future::BoxFuture;

use super::model::JobStatus;
use super::store;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;

/// Runs [`JobKind::JobPostExpiring`] and [`JobKind::JobPostExpired`].
pub struct Expiry {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for Expiry {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::JobPostExpiring, JobKind::JobPostExpired]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let post = store::by_id(&self.db, job.subject).await?;
            let due =
                post.filter(|post| post.status.0 == JobStatus::Open && job.scheduled_for == Some(post.expires_at));
            let Some(post) = due else {
                return Ok(Ran { writes: self.db.begin_write().await?, after_commit: None });
            };
            if job.kind == JobKind::JobPostExpired {
                let mut writes = self.db.begin_write().await?;
                store::close(&mut writes, post.id, post.expires_at).await?;
                return Ok(Ran { writes, after_commit: None });
            }
            let key = format!("job-expiring:{}", post.id);
            let notice = NewNotification {
                job_post_id: Some(post.id),
                ..NewNotification::to(post.posted_by, NotificationKind::JobExpiring, key)
            };
            let planned = notifications::keep_wanted(&self.db, vec![notice]).await?;
            notifications::recording(&self.db, &self.bus, planned.into()).await
        })
    }
}
