//! The worker loop: every tick it claims the due jobs and runs each; a failure is
//! retried later with capped exponential backoff and jitter. `village serve` runs it
//! beside the API until shutdown.

use std::time::Duration;

use tokio::sync::watch;

use super::store::{self, Job};
use super::{JobKind, MAX_ATTEMPTS, housekeeping};
use crate::clock;
use crate::db::Db;
use crate::notifications;
use crate::realtime::Bus;

const TICK: Duration = Duration::from_millis(200);
/// Jobs claimed at once.
const BATCH: i64 = 50;
/// How long a claim holds before another worker may take the job (a crashed worker's).
const CLAIM: Duration = Duration::from_secs(60);
const FIRST_RETRY: Duration = Duration::from_secs(2);
const LAST_RETRY: Duration = Duration::from_secs(15 * 60);

/// Runs due jobs until `stopping` turns true.
pub async fn run(db: Db, bus: Bus, mut stopping: watch::Receiver<bool>) {
    if let Err(error) = housekeeping::make_sure_scheduled(&db).await {
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
            let (db, bus) = (db.clone(), bus.clone());
            async move { run_due(&db, &bus).await }
        });
        match batch.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "cannot run jobs now; trying again shortly"),
            Err(error) => tracing::error!(%error, "a job panicked; it returns to the queue when its claim lapses"),
        }
    }
}

async fn run_due(db: &Db, bus: &Bus) -> Result<(), sqlx::Error> {
    if store::bury_abandoned(db).await? > 0 {
        tracing::error!("jobs the worker died on too often were set aside");
    }
    let until = clock::now() + chrono::Duration::from_std(CLAIM).unwrap_or_default();
    for job in store::claim(db, BATCH, until).await? {
        let outcome = run_one(db, bus, &job).await;
        let result = if outcome.is_ok() { "done" } else { "failed" };
        metrics::counter!("jobs_run_total", "kind" => job.kind.clone(), "result" => result).increment(1);
        if let Err(error) = outcome {
            let error = format!("{error:#}");
            if job.attempts >= MAX_ATTEMPTS {
                tracing::error!(job = %job.id, kind = job.kind, %error, "job failed for the last time; set aside");
            } else {
                tracing::warn!(job = %job.id, kind = job.kind, attempt = job.attempts, %error, "job failed; will retry");
            }
            let retry_at = clock::now() + chrono::Duration::from_std(backoff(job.attempts)).unwrap_or_default();
            store::fail(db, &job, &error, retry_at).await?;
        }
    }
    Ok(())
}

/// Runs one job: its work and its removal commit together.
async fn run_one(db: &Db, bus: &Bus, job: &Job) -> anyhow::Result<()> {
    let spec = job.spec()?;
    let (mut tx, created) = if spec.kind == JobKind::Housekeeping {
        housekeeping::run(db).await?;
        let mut tx = db.begin_write().await?;
        housekeeping::schedule_next(&mut tx, spec.scheduled_for).await?;
        (tx, Vec::new())
    } else {
        let planned = notifications::plan(db, spec).await?;
        let mut tx = db.begin_write().await?;
        let created = notifications::record(&mut tx, &planned).await?;
        (tx, created)
    };
    if !store::finish(&mut tx, job).await? {
        tx.rollback().await?;
        tracing::warn!(job = %job.id, "a job outlived its claim and another worker took it; this run is undone");
        return Ok(());
    }
    tx.commit().await?;
    notifications::announce_created(db, bus, &created).await;
    Ok(())
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
