//! Running claimed jobs, whichever queue they came from: each through the runner its
//! feature registered (one at a time in the order owed, a run of them owed one after
//! another folded into one, or a batch at once), then
//! settled — removed when done, or retried later with capped exponential backoff and
//! jitter (no sooner than the failure asked), or set aside after `MAX_ATTEMPTS`.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use super::registry::{Ran, Registry, RunBatch, RunFolded, Runner};
use super::store::{self, Job};
use super::{JobSpec, MAX_ATTEMPTS, RetryNotBefore, hourly};
use crate::clock;
use crate::db::{Db, Tx};

const FIRST_RETRY: Duration = Duration::from_secs(2);
const LAST_RETRY: Duration = Duration::from_secs(15 * 60);

/// What jobs run with.
#[derive(Clone)]
pub struct Worker {
    pub db: Db,
    /// Which feature runs which kind.
    pub registry: Arc<Registry>,
    /// How long a claim holds before another worker may take the job (a crashed
    /// worker's).
    pub claim: Duration,
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

/// Jobs for one runner, with what each asks for.
type Batch = Vec<(Job, JobSpec)>;

/// The most jobs folded into one run: a commit's worth, small enough that a run that
/// fails and is retried one job at a time costs little.
const MAX_FOLDED: usize = 64;

/// Adds `job` to `runner`'s last group in `groups` while it has fewer than `room` jobs,
/// else to a new one, so each group keeps the order its jobs were owed in.
fn group<R: ?Sized>(groups: &mut Vec<(Arc<R>, Batch)>, runner: Arc<R>, job: (Job, JobSpec), room: usize) {
    match groups.iter_mut().rev().find(|(r, _)| Arc::ptr_eq(r, &runner)) {
        Some((_, jobs)) if jobs.len() < room => jobs.push(job),
        _ => groups.push((runner, vec![job])),
    }
}

/// A claim's jobs for batch runners, which run after its other jobs and may run beside
/// the next claim's ([`super::overlap`]).
pub struct Batches(Vec<(Arc<dyn RunBatch>, Batch)>);

impl Worker {
    /// Runs `jobs` whose order matters: those run one at a time first, in the order
    /// they were owed; then those a folding runner runs, its jobs (in the order owed:
    /// the newest reply is the one a notification names) a run at a time. Returns how
    /// each went, and the jobs left for batch runners ([`Self::run_batches`]).
    pub async fn run_in_order(&self, jobs: Vec<Job>) -> Result<(Vec<(Uuid, Attempted)>, Batches), sqlx::Error> {
        let mut attempted = Vec::with_capacity(jobs.len());
        let mut folds: Vec<(Arc<dyn RunFolded>, Batch)> = Vec::new();
        let mut batches: Vec<(Arc<dyn RunBatch>, Batch)> = Vec::new();
        for job in jobs {
            match self.runner_for(&job) {
                Ok((Runner::Each(runner), spec)) => {
                    let outcome = self.run_one(&job, spec, runner.run(spec).await).await;
                    attempted.push((job.id, self.settle(&job, outcome).await?));
                }
                Ok((Runner::Folded(runner), spec)) => group(&mut folds, runner, (job, spec), MAX_FOLDED),
                Ok((Runner::Batch(runner), spec)) => group(&mut batches, runner, (job, spec), usize::MAX),
                Err(error) => attempted.push((job.id, self.settle(&job, Err(error)).await?)),
            }
        }
        for (runner, fold) in folds {
            attempted.extend(self.run_folded(runner.as_ref(), fold).await?);
        }
        Ok((attempted, Batches(batches)))
    }

    /// Runs each batch runner's jobs at once; returns how each went.
    pub async fn run_batches(&self, Batches(batches): Batches) -> Result<Vec<(Uuid, Attempted)>, sqlx::Error> {
        let mut attempted = Vec::new();
        for (runner, batch) in batches {
            attempted.extend(self.run_together(runner.as_ref(), batch).await?);
        }
        Ok(attempted)
    }

    /// Runs `jobs` with `runner` as one. If that fails (or a claim lapsed), each runs
    /// alone, so one job that cannot run costs the others nothing.
    async fn run_folded(&self, runner: &dyn RunFolded, jobs: Batch) -> Result<Vec<(Uuid, Attempted)>, sqlx::Error> {
        let mut attempted = Vec::with_capacity(jobs.len());
        if jobs.len() > 1 {
            let specs: Vec<JobSpec> = jobs.iter().map(|(_, spec)| *spec).collect();
            let claimed: Vec<&Job> = jobs.iter().map(|(job, _)| job).collect();
            match self.finish_all(&claimed, runner.run(&specs).await).await {
                Ok(()) => {
                    for (job, _) in &jobs {
                        attempted.push((job.id, self.settle(job, Ok(())).await?));
                    }
                    return Ok(attempted);
                }
                Err(error) => {
                    let error = format!("{error:#}");
                    tracing::warn!(%error, jobs = jobs.len(), "a run of jobs failed together; each runs alone");
                }
            }
        }
        for (job, spec) in jobs {
            let ran = runner.run(std::slice::from_ref(&spec)).await;
            let outcome = self.run_one(&job, spec, ran).await;
            attempted.push((job.id, self.settle(&job, outcome).await?));
        }
        Ok(attempted)
    }

    /// Commits what a run of `jobs` wrote with the removal of every one of them, then
    /// does what was to follow; fails (and undoes the writes) if any claim lapsed.
    async fn finish_all(&self, jobs: &[&Job], ran: anyhow::Result<Ran>) -> anyhow::Result<()> {
        let Ran { mut writes, after_commit } = ran?;
        if !store::finish_all(&mut writes, jobs).await? {
            writes.rollback().await?;
            anyhow::bail!("a job of the run outlived its claim");
        }
        writes.commit().await?;
        if let Some(after_commit) = after_commit {
            after_commit.await;
        }
        Ok(())
    }

    /// What `job` asks for and who runs it (an unknown kind is a job this version
    /// cannot run).
    fn runner_for(&self, job: &Job) -> anyhow::Result<(Runner, JobSpec)> {
        let spec = job.spec()?;
        let runner = self.registry.runner(spec.kind).ok_or_else(|| anyhow::anyhow!("no runner for {:?}", spec.kind))?;
        Ok((runner.clone(), spec))
    }

    /// Runs `batch` with `runner` and removes each job done on its own.
    async fn run_together(&self, runner: &dyn RunBatch, batch: Batch) -> Result<Vec<(Uuid, Attempted)>, sqlx::Error> {
        let specs: Vec<JobSpec> = batch.iter().map(|(_, spec)| *spec).collect();
        let outcomes = runner.run_batch(&specs).await;
        let mut attempted = Vec::with_capacity(batch.len());
        let mut done = Vec::new();
        for ((job, _), outcome) in batch.iter().zip(outcomes) {
            match outcome {
                // Removed together, below.
                Ok(()) => done.push(job),
                Err(error) => attempted.push((job.id, self.settle(job, Err(error)).await?)),
            }
        }
        let removed = store::finish_alone(&self.db, &done).await?;
        for job in done {
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

    /// Finishes `job` after its runner ran it: its writes commit with its removal (an
    /// hourly job's next run scheduled with them), then what was to follow the commit.
    async fn run_one(&self, job: &Job, spec: JobSpec, ran: anyhow::Result<Ran>) -> anyhow::Result<()> {
        let Ran { mut writes, after_commit } = ran?;
        if spec.kind.is_hourly() {
            hourly::schedule_next(&mut writes, spec.kind, spec.scheduled_for).await?;
        }
        if self.finish(job, writes).await?
            && let Some(after_commit) = after_commit
        {
            after_commit.await;
        }
        Ok(())
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
    let jittered = delay + delay.mul_f64(rand::random::<f64>() / 4.0);
    // Whole milliseconds: the retry time stored is one both databases keep exactly.
    Duration::from_millis(u64::try_from(jittered.as_millis()).unwrap_or(u64::MAX))
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
