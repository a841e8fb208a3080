//! The job a posted reply leaves its thread: count the reply and move the thread up to
//! it in the feed. Done after the reply commits rather than with it, so that replies to
//! a busy thread do not queue on the thread's row (held, on PostgreSQL, through each
//! commit's flush); a burst of them is counted in one statement per thread.

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::store;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunFolded};

/// Runs `THREAD_ACTIVITY` (subject: the reply).
pub struct CountReplies {
    pub db: Db,
}

impl RunFolded for CountReplies {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::ThreadActivity]
    }

    fn run<'a>(&'a self, jobs: &'a [JobSpec]) -> BoxFuture<'a, anyhow::Result<Ran>> {
        Box::pin(async move {
            let replies: Vec<Uuid> = jobs.iter().map(|job| job.subject).collect();
            let mut writes = self.db.begin_write().await?;
            store::count_replies(&mut writes, &replies).await?;
            Ok(Ran::writes(writes))
        })
    }
}
