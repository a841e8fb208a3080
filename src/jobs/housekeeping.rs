//! The hourly clean-up: sessions that ended more than 30 days ago (with their traded-in
//! refresh tokens), sign-in/sign-up attempts older than a day, which the throttle no
//! longer reads, and records of pushes sent over a week ago. It is one scheduled job per hour, so it runs once across every
//! instance; each run schedules the next, and every worker makes sure one is scheduled
//! when it starts.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use uuid::Uuid;

use super::{JobKind, NewJob, store};
use crate::clock;
use crate::db::{Db, Tx};

const KEEP_ENDED_SESSIONS: TimeDelta = TimeDelta::days(30);
const KEEP_ATTEMPTS: TimeDelta = TimeDelta::days(1);
/// Which pushes went where, kept while a crashed job may still run again.
const KEEP_PUSH_DELIVERIES: TimeDelta = TimeDelta::days(7);

/// The next full hour after `now`.
fn next_hour(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now) + TimeDelta::hours(1)
}

/// Records the run of the first full hour after `after` and now (once, however many
/// instances ask).
pub async fn schedule_next(tx: &mut Tx, after: Option<DateTime<Utc>>) -> Result<(), sqlx::Error> {
    let at = next_hour(after.map_or(clock::now(), |after| after.max(clock::now())));
    store::enqueue(tx, NewJob::due_at(JobKind::Housekeeping, Uuid::nil(), at)).await
}

/// Makes sure the next run is scheduled.
pub async fn make_sure_scheduled(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    schedule_next(&mut tx, None).await?;
    tx.commit().await
}

/// Cleans up, and returns the transaction that schedules the next run.
pub async fn run(db: &Db, scheduled_for: Option<DateTime<Utc>>) -> Result<Tx, sqlx::Error> {
    let now = clock::now();
    let (sessions, attempts) = crate::auth::prune(db, now, KEEP_ENDED_SESSIONS, KEEP_ATTEMPTS).await?;
    let deliveries = crate::push::prune_deliveries(db, now - KEEP_PUSH_DELIVERIES).await?;
    tracing::info!(
        sessions,
        attempts,
        deliveries,
        "housekeeping: forgot ended sessions, old sign-in attempts and pushes"
    );
    let mut tx = db.begin_write().await?;
    schedule_next(&mut tx, scheduled_for).await?;
    Ok(tx)
}
