//! The hourly clean-up of accounts: sessions that ended more than 30 days ago (with
//! their traded-in refresh tokens), sign-in/sign-up attempts and password-reset requests
//! older than a day, which nothing reads any more, and one-time links a day after they
//! ran out.

use chrono::TimeDelta;
use futures_util::future::BoxFuture;

use super::{account_tokens, store};
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
            let now = clock::now();
            let (sessions, attempts) = store::prune(&self.db, now, KEEP_ENDED_SESSIONS, KEEP_ATTEMPTS).await?;
            let reset_requests = store::prune_reset_requests(&self.db, now - KEEP_ATTEMPTS).await?;
            let links = account_tokens::prune(&self.db, now - KEEP_ATTEMPTS).await?;
            tracing::info!(
                sessions,
                attempts,
                reset_requests,
                links,
                "housekeeping: forgot ended sessions, old sign-in attempts and reset requests, and links run out"
            );
            Ok(Ran::writes(self.db.begin_write().await?))
        })
    }
}
