//! The worker loop: every tick it claims the due jobs and runs them, pushes several at
//! once; a failure is retried later with capped exponential backoff and jitter (or when the
//! failure says). `village serve` runs it beside the API until shutdown.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{StreamExt, stream};
use tokio::sync::watch;

use super::store::{self, Job};
use super::{JobKind, MAX_ATTEMPTS, RetryNotBefore, housekeeping};
use crate::clock;
use crate::db::Db;
use crate::notifications;
use crate::push::{self, Sender};
use crate::realtime::Bus;

const TICK: Duration = Duration::from_millis(200);
/// Jobs claimed at once.
const BATCH: i64 = 200;
/// Push jobs of a batch run at once (each mostly waits on a push service).
const PUSHES_AT_ONCE: usize = 64;
const FIRST_RETRY: Duration = Duration::from_secs(2);
const LAST_RETRY: Duration = Duration::from_secs(15 * 60);

/// What jobs run with.
#[derive(Clone)]
pub struct Worker {
    pub db: Db,
    pub bus: Bus,
    pub sender: Arc<Sender>,
    /// How long a claim holds before another worker may take the job (a crashed
    /// worker's).
    pub claim: Duration,
}

/// Runs due jobs until `stopping` turns true.
pub async fn run(worker: Worker, mut stopping: watch::Receiver<bool>) {
    if let Err(error) = housekeeping::make_sure_scheduled(&worker.db).await {
        tracing::warn!(%error, "cannot schedule housekeeping; another worker may");
    }
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => return,
            _ = tick.tick() => {}
        }
        // In a task of its own, so a job that panics costs one attempt, not the worker.
        let batch = tokio::spawn({
            let worker = worker.clone();
            async move { worker.run_due().await }
        });
        match batch.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "cannot run jobs now; trying again shortly"),
            Err(error) => tracing::error!(%error, "a job panicked; it returns to the queue when its claim lapses"),
        }
    }
}

impl Worker {
    /// Runs due jobs, a batch at a time, until none is left.
    async fn run_due(&self) -> Result<(), sqlx::Error> {
        if store::bury_abandoned(&self.db).await? > 0 {
            tracing::error!("jobs the worker died on too often were set aside");
        }
        loop {
            let until = clock::now() + chrono::Duration::from_std(self.claim).unwrap_or_default();
            let jobs = store::claim(&self.db, BATCH, until).await?;
            let full = jobs.len() == usize::try_from(BATCH).unwrap_or(usize::MAX);
            // Notifications are recorded in the order they were owed (the newest reply
            // is the one an entry names); pushes, which wait on push services, go at once.
            let (pushes, in_order): (Vec<Job>, Vec<Job>) = jobs.into_iter().partition(Job::is_push);
            for job in in_order {
                self.attempt(job).await?;
            }
            let outcomes: Vec<Result<(), sqlx::Error>> =
                stream::iter(pushes).map(|job| self.attempt(job)).buffer_unordered(PUSHES_AT_ONCE).collect().await;
            outcomes.into_iter().collect::<Result<(), _>>()?;
            if !full {
                return Ok(());
            }
        }
    }

    /// Runs `job` once, recording a failure for a later retry.
    async fn attempt(&self, job: Job) -> Result<(), sqlx::Error> {
        let outcome = self.run_one(&job).await;
        let result = if outcome.is_ok() { "done" } else { "failed" };
        metrics::counter!("jobs_run_total", "kind" => job.kind.clone(), "result" => result).increment(1);
        let Err(error) = outcome else {
            return Ok(());
        };
        let not_before = error.downcast_ref::<RetryNotBefore>().map(|retry| retry.at);
        let error = format!("{error:#}");
        if job.attempts >= MAX_ATTEMPTS {
            tracing::error!(job = %job.id, kind = job.kind, %error, "job failed for the last time; set aside");
        } else {
            tracing::warn!(job = %job.id, kind = job.kind, attempt = job.attempts, %error, "job failed; will retry");
        }
        let backoff_at = clock::now() + chrono::Duration::from_std(backoff(job.attempts)).unwrap_or_default();
        store::fail(&self.db, &job, &error, not_before.map_or(backoff_at, |at| at.max(backoff_at))).await
    }

    /// Runs one job: its work and its removal commit together.
    async fn run_one(&self, job: &Job) -> anyhow::Result<()> {
        let spec = job.spec()?;
        let (mut tx, created) = match spec.kind {
            JobKind::Housekeeping => (housekeeping::run(&self.db, spec.scheduled_for).await?, Vec::new()),
            JobKind::PushNotification | JobKind::PushRelease => {
                (push::run_job(&self.sender, &self.db, spec).await?, Vec::new())
            }
            _ => {
                let planned = notifications::plan(&self.db, spec).await?;
                let mut tx = self.db.begin_write().await?;
                let created = notifications::record(&mut tx, &planned).await?;
                (tx, created)
            }
        };
        if !store::finish(&mut tx, job).await? {
            tx.rollback().await?;
            tracing::warn!(job = %job.id, "a job outlived its claim and another worker took it; this run is undone");
            return Ok(());
        }
        tx.commit().await?;
        notifications::announce_created(&self.db, &self.bus, &created).await;
        Ok(())
    }
}

/// How long to wait before attempt `attempts + 1`: doubling from `FIRST_RETRY` up to
/// `LAST_RETRY`, with up to a quarter of random extra so retries do not bunch up.
fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(16);
    let delay = FIRST_RETRY.saturating_mul(1 << doublings).min(LAST_RETRY);
    delay + delay.mul_f64(rand::random::<f64>() / 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_a_cap() {
        let first = backoff(1);
        assert!(first >= FIRST_RETRY && first <= FIRST_RETRY.mul_f64(1.25));
        let third = backoff(3);
        assert!(third >= FIRST_RETRY * 4 && third <= (FIRST_RETRY * 4).mul_f64(1.25));
        let late = backoff(30);
        assert!(late >= LAST_RETRY && late <= LAST_RETRY.mul_f64(1.25));
    }
}
