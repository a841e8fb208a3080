//! Hourly work (clean-ups): one scheduled job per kind per hour, so it runs once across
//! every instance. The worker schedules the next run in the same transaction that
//! finishes one, and makes sure one is scheduled when it starts.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use uuid::Uuid;

use super::{JobKind, NewJob, store};
use crate::clock;
use crate::db::{Db, Tx};

/// The next full hour after `now`.
fn next_hour(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now) + TimeDelta::hours(1)
}

/// Records the run of `kind` in the first full hour after `after` and now (once, however
/// many instances ask).
pub async fn schedule_next(tx: &mut Tx, kind: JobKind, after: Option<DateTime<Utc>>) -> Result<(), sqlx::Error> {
    let at = next_hour(after.map_or(clock::now(), |after| after.max(clock::now())));
    store::enqueue(tx, NewJob::due_at(kind, Uuid::nil(), at)).await
}

/// Makes sure the next run of every hourly kind is scheduled.
pub async fn make_sure_scheduled(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for kind in JobKind::HOURLY {
        schedule_next(&mut tx, kind, None).await?;
    }
    tx.commit().await
}
