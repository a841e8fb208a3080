//! The jobs pushes run: sending a notification to her devices (a batch at a time, since
//! sends cannot be undone), releasing what her quiet hours held when they end, and the
//! hourly clean-up of the records of pushes sent long ago.

use std::sync::Arc;

use chrono::TimeDelta;
use futures_util::future::BoxFuture;

use super::deliver::{push_notifications, release_held};
use super::sender::Sender;
use super::store;
use crate::clock;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunBatch, RunEach};

/// Which pushes went where, kept while a crashed job may still run again.
const KEEP_PUSH_DELIVERIES: TimeDelta = TimeDelta::days(7);

/// Runs `PUSH_NOTIFICATION` (subject: the notification; target: her).
pub struct Push {
    pub db: Db,
    pub sender: Arc<Sender>,
}

impl RunBatch for Push {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::PushNotification]
    }

    fn run_batch<'a>(&'a self, jobs: &'a [JobSpec]) -> BoxFuture<'a, Vec<anyhow::Result<()>>> {
        Box::pin(async move {
            let targets: Vec<_> = jobs.iter().map(|job| (job.subject, job.target.unwrap_or_default())).collect();
            match push_notifications(&self.sender, &self.db, &targets).await {
                Ok(pushed) => pushed,
                Err(error) => jobs.iter().map(|_| Err(anyhow::anyhow!("cannot prepare pushes: {error}"))).collect(),
            }
        })
    }
}

/// Runs `PUSH_RELEASE` (subject: her; scheduled for: the end of her quiet hours).
pub struct ReleaseHeld {
    pub db: Db,
    pub sender: Arc<Sender>,
}

impl RunEach for ReleaseHeld {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::PushRelease]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(
            async move { Ok(Ran::writes(release_held(&self.sender, &self.db, job.subject, job.scheduled_for).await?)) },
        )
    }
}

/// Runs `PUSH_HOUSEKEEPING`.
pub struct Housekeeping {
    pub db: Db,
}

impl RunEach for Housekeeping {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::PushHousekeeping]
    }

    fn run(&self, _job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let deliveries = store::prune_deliveries(&self.db, clock::now() - KEEP_PUSH_DELIVERIES).await?;
            tracing::info!(deliveries, "housekeeping: forgot the records of old pushes");
            Ok(Ran::writes(self.db.begin_write().await?))
        })
    }
}
