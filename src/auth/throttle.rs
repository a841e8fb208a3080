//! Throttling of failed sign-ins, per email and per client address. Failures are
//! counted in the database so that every instance behind the load balancer sees them.

use chrono::{DateTime, TimeDelta, Utc};

use super::store::{self, FailureCount};
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// How long a failed attempt counts against an email or address.
const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// Failed attempts for one email within the window before it is throttled.
const MAX_FAILURES_PER_EMAIL: i64 = 5;
/// Failed attempts from one address within the window (several members may share it).
const MAX_FAILURES_PER_IP: i64 = 30;

fn check(failures: &FailureCount, limit: i64, now: DateTime<Utc>) -> AppResult<()> {
    if failures.count < limit {
        return Ok(());
    }
    let frees_at = failures.earliest.unwrap_or(now) + WINDOW;
    let retry_after_secs = u64::try_from((frees_at - now).num_seconds()).unwrap_or(0).max(1);
    Err(AppError::RateLimited { retry_after_secs })
}

/// `RATE_LIMITED` when `email` or `ip` has failed too often lately.
pub async fn ensure_allowed(db: &Db, email: &str, ip: &str, now: DateTime<Utc>) -> AppResult<()> {
    let since = now - WINDOW;
    check(&store::failures_for_email(db, email, since).await?, MAX_FAILURES_PER_EMAIL, now)?;
    check(&store::failures_for_ip(db, ip, since).await?, MAX_FAILURES_PER_IP, now)
}

/// Counts a failed attempt.
pub async fn record_failure(db: &Db, email: &str, ip: &str, now: DateTime<Utc>) -> AppResult<()> {
    store::record_failure(db, email, ip, now, now - WINDOW).await?;
    Ok(())
}

/// Forgets the failures of `email` once she gets in.
pub async fn record_success(db: &Db, email: &str) -> AppResult<()> {
    store::clear_failures(db, email).await?;
    Ok(())
}
