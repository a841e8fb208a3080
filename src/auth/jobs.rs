//! The hourly clean-up of accounts: sessions that ended more than 30 days ago (with
//! their traded-in refresh tokens) and sign-in/sign-up attempts older than a day, which
//! the throttle no longer reads.

use chrono::TimeDelta;
use futures_util::future::BoxFuture;

use super::store;
use crate::clock;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};

const KEEP_ENDED_SESSIONS: TimeDelta = TimeDelta::days(30);
const KEEP_ATTEMPTS: TimeDelta = TimeDelta::days(1);

/// Runs `HOUSEKEEPING`.
pub struct Housekeeping {
    pub db: Db,
}

impl RunEach for Housekeeping {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::Housekeeping]
    }

    fn run(&self, _job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let (sessions, attempts) = store::prune(&self.db, clock::now(), KEEP_ENDED_SESSIONS, KEEP_ATTEMPTS).await?;
            tracing::info!(sessions, attempts, "housekeeping: forgot ended sessions and old sign-in attempts");
            Ok(Ran::writes(self.db.begin_write().await?))
        })
    }
}
