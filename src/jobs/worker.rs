//! Running jobs: without Redis, every tick the worker claims the outbox's due jobs; with
//! Redis, it reads them from the job stream (`on_redis`). Pushes run several at once;
//! a failure is retried later with capped exponential backoff and jitter (or when the
//! failure says). `village serve` runs a worker beside the API until shutdown.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use uuid::Uuid;

use super::store::{self, Job};
use super::stream::JobStream;
use super::{JobKind, MAX_ATTEMPTS, RetryNotBefore, housekeeping, on_redis};
use crate::clock;
use crate::db::{Db, Tx};
use crate::notifications;
use crate::push::{self, Sender};
use crate::realtime::Bus;

const TICK: Duration = Duration::from_millis(200);
/// Jobs claimed at once.
const BATCH: i64 = 256;
/// A relayed job's lease, in claims: long enough for the stream's backlog, after which a
/// job whose entry was lost (Redis restarted empty) is relayed again.
const RELAY_LEASE_CLAIMS: u32 = 5;
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
    /// The Redis stream jobs are relayed to, when there is a Redis; else workers take
    /// them from the outbox directly.
    pub stream: Option<JobStream>,
}

/// How one attempt at a job went.
#[derive(Debug, PartialEq)]
pub enum Attempted {
    Done,
    /// Failed; due again later.
    Retrying,
    /// Failed for the last time, with this error.
    SetAside(String),
}

/// Runs due jobs until `stopping` turns true.
pub async fn run(worker: Worker, stopping: watch::Receiver<bool>) {
    if let Err(error) = housekeeping::make_sure_scheduled(&worker.db).await {
        tracing::warn!(%error, "cannot schedule housekeeping; another worker may");
    }
    match worker.stream.clone() {
        None => worker.take_from_outbox(stopping).await,
        Some(stream) => {
            let lease = worker.claim * RELAY_LEASE_CLAIMS;
            let relay = tokio::spawn(on_redis::relay(worker.db.clone(), stream.clone(), lease, stopping.clone()));
            on_redis::consume(worker, stream, stopping).await;
            if let Err(error) = relay.await {
                tracing::error!(%error, "the job relay panicked");
            }
        }
    }
}

impl Worker {
    /// Every tick, claims and runs the outbox's due jobs.
    async fn take_from_outbox(self, mut stopping: watch::Receiver<bool>) {
        let mut tick = tokio::time::interval(TICK);
        loop {
            tokio::select! {
                _ = stopping.wait_for(|stop| *stop) => return,
                _ = tick.tick() => {}
            }
            // In a task of its own, so a job that panics costs one attempt, not the worker.
            let batch = tokio::spawn({
                let worker = self.clone();
                async move { worker.run_due().await }
            });
            match batch.await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => tracing::warn!(%error, "cannot run jobs now; trying again shortly"),
                Err(error) => tracing::error!(%error, "a job panicked; it returns to the queue when its claim lapses"),
            }
        }
    }

    /// Runs due jobs, a batch at a time, until none is left.
    async fn run_due(&self) -> Result<(), sqlx::Error> {
        if store::bury_abandoned(&self.db).await? > 0 {
            tracing::error!("jobs the worker died on too often were set aside");
        }
        loop {
            let until = clock::now() + chrono::Duration::from_std(self.claim).unwrap_or_default();
            let jobs = store::claim(&self.db, BATCH, until, true).await?;
            let full = jobs.len() == usize::try_from(BATCH).unwrap_or(usize::MAX);
            self.run_batch(jobs).await?;
            if !full {
                return Ok(());
            }
        }
    }

    /// Runs `jobs`: notifications are recorded in the order they were owed (the newest
    /// reply is the one an entry names); then pushes go out, a batch at once. Returns
    /// how each went.
    pub async fn run_batch(&self, jobs: Vec<Job>) -> Result<Vec<(Uuid, Attempted)>, sqlx::Error> {
        let (pushes, in_order): (Vec<Job>, Vec<Job>) = jobs.into_iter().partition(Job::is_push_notification);
        let mut attempted = Vec::with_capacity(in_order.len() + pushes.len());
        for job in in_order {
            let outcome = self.run_one(&job).await;
            attempted.push((job.id, self.settle(&job, outcome).await?));
        }
        if pushes.is_empty() {
            return Ok(attempted);
        }
        let targets: Vec<(Uuid, Uuid)> =
            pushes.iter().map(|job| (job.subject_id, job.target_id.unwrap_or_default())).collect();
        let pushed = match push::push_notifications(&self.sender, &self.db, &targets).await {
            Ok(pushed) => pushed,
            Err(error) => pushes.iter().map(|_| Err(anyhow::anyhow!("cannot prepare pushes: {error}"))).collect(),
        };
        let mut sent = Vec::new();
        for (job, pushed) in pushes.iter().zip(pushed) {
            match pushed {
                // Removed together, below.
                Ok(()) => sent.push(job),
                Err(error) => attempted.push((job.id, self.settle(job, Err(error)).await?)),
            }
        }
        let removed = store::finish_alone(&self.db, &sent).await?;
        for job in sent {
            if !removed.contains(&job.id) {
                warn_outlived(job);
            }
            attempted.push((job.id, self.settle(job, Ok(())).await?));
        }
        Ok(attempted)
    }

    /// Records how an attempt at `job` went: a failure is retried later (no sooner
    /// than it asked), or set aside once out of attempts.
    async fn settle(&self, job: &Job, outcome: anyhow::Result<()>) -> Result<Attempted, sqlx::Error> {
        let result = if outcome.is_ok() { "done" } else { "failed" };
        metrics::counter!("jobs_run_total", "kind" => job.kind.clone(), "result" => result).increment(1);
        let Err(error) = outcome else {
            return Ok(Attempted::Done);
        };
        let not_before = error.downcast_ref::<RetryNotBefore>().map(|retry| retry.at);
        let error = format!("{error:#}");
        let backoff_at = clock::now() + chrono::Duration::from_std(backoff(job.attempts)).unwrap_or_default();
        store::fail(&self.db, job, &error, not_before.map_or(backoff_at, |at| at.max(backoff_at))).await?;
        if job.attempts >= MAX_ATTEMPTS {
            tracing::error!(job = %job.id, kind = job.kind, %error, "job failed for the last time; set aside");
            Ok(Attempted::SetAside(error))
        } else {
            tracing::warn!(job = %job.id, kind = job.kind, attempt = job.attempts, %error, "job failed; will retry");
            Ok(Attempted::Retrying)
        }
    }

    /// Runs one job (any but a notification's push).
    async fn run_one(&self, job: &Job) -> anyhow::Result<()> {
        let spec = job.spec()?;
        let tx = match spec.kind {
            JobKind::Housekeeping => housekeeping::run(&self.db, spec.scheduled_for).await?,
            JobKind::PushRelease => {
                push::release_held(&self.sender, &self.db, spec.subject, spec.scheduled_for).await?
            }
            _ => {
                let planned = notifications::plan(&self.db, spec).await?;
                let mut tx = self.db.begin_write().await?;
                let created = notifications::record(&mut tx, &planned).await?;
                if self.finish(job, tx).await? {
                    notifications::announce_created(&self.db, &self.bus, &created).await;
                }
                return Ok(());
            }
        };
        self.finish(job, tx).await.map(drop)
    }

    /// Removes the done `job`, committing with its writes `tx`; false when it outlived
    /// its claim (another worker took it), and then `tx` is undone.
    async fn finish(&self, job: &Job, mut tx: Tx) -> anyhow::Result<bool> {
        if store::finish(&mut tx, job).await? {
            tx.commit().await?;
            Ok(true)
        } else {
            tx.rollback().await?;
            warn_outlived(job);
            Ok(false)
        }
    }
}

fn warn_outlived(job: &Job) {
    tracing::warn!(job = %job.id, "a job outlived its claim and another worker took it; this run is undone");
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
