//! The queue without Redis: every tick, a worker claims the outbox's due jobs itself
//! (`SKIP LOCKED` on PostgreSQL keeps instances from claiming the same rows) and runs
//! them, a claim's pushes going on beside the next claim's jobs.

use std::time::Duration;

use tokio::sync::watch;

use super::overlap::Overlap;
use super::runner::Worker;
use super::store;
use crate::clock;

const TICK: Duration = Duration::from_millis(200);
/// Jobs claimed at once.
const BATCH: i64 = 256;

/// Every tick, claims and runs the outbox's due jobs, until `stopping`.
pub async fn work(worker: Worker, mut stopping: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => return,
            _ = tick.tick() => {}
        }
        // In a task of its own, so a job that panics costs one attempt, not the worker.
        let batch = tokio::spawn({
            let worker = worker.clone();
            async move { run_due(&worker).await }
        });
        match batch.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "cannot run jobs now; trying again shortly"),
            Err(error) => tracing::error!(%error, "a job panicked; it returns to the queue when its claim lapses"),
        }
    }
}

/// Runs the outbox's due jobs, a batch at a time, until none is left; returns once all
/// of them ran, even when one part failed (nothing it started is left running).
pub async fn run_due(worker: &Worker) -> Result<(), sqlx::Error> {
    if store::bury_abandoned(&worker.db).await? > 0 {
        tracing::error!("jobs the worker died on too often were set aside");
    }
    let mut batches = Overlap::new();
    let claimed = claim_and_run(worker, &mut batches).await;
    let finished = batches.finish().await;
    claimed.and(finished)
}

/// Claims and runs due jobs until a claim comes back short, each claim's batch runners'
/// part going on in `batches`.
async fn claim_and_run(worker: &Worker, batches: &mut Overlap<sqlx::Error>) -> Result<(), sqlx::Error> {
    loop {
        let until = clock::now() + chrono::Duration::from_std(worker.claim).unwrap_or_default();
        let jobs = store::claim(&worker.db, BATCH, until, true).await?;
        let full = jobs.len() == usize::try_from(BATCH).unwrap_or(usize::MAX);
        let (_, rest) = worker.run_in_order(jobs).await?;
        let worker = worker.clone();
        batches.start(async move { worker.run_batches(rest).await.map(drop) }).await?;
        if !full {
            return Ok(());
        }
    }
}
