//! Throttling of sign-in guesses (per email and per client address) and of sign-ups (per
//! address). Attempts are counted in the database, so every instance behind the load
//! balancer sees them, and each attempt is recorded *before* the slow password check, so
//! concurrent guesses (parallel requests, or one batch) are counted too.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::store::{self, AttemptCount, AttemptKey};
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// What is throttled, and how hard.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    kind: &'static str,
    window: TimeDelta,
    per_email: Option<i64>,
    per_ip: i64,
    /// Count only failed attempts per address, so many members signing in at once from
    /// one network (an office, a conference) are not held up by each other.
    ip_counts_failures_only: bool,
}

/// Sign-ins: 5 attempts per email not followed by a success (in flight ones included),
/// 30 failures per address, in 15 minutes.
pub const SIGN_IN: Limit = Limit {
    kind: "sign_in",
    window: TimeDelta::minutes(15),
    per_email: Some(5),
    per_ip: 30,
    ip_counts_failures_only: true,
};

/// Sign-ups: `per_hour` per address.
pub fn sign_up(per_hour: u32) -> Limit {
    Limit {
        kind: "sign_up",
        window: TimeDelta::hours(1),
        per_email: None,
        per_ip: i64::from(per_hour),
        ip_counts_failures_only: false,
    }
}

/// The longest window of any limit: older attempts are forgotten.
const LONGEST_WINDOW: TimeDelta = TimeDelta::hours(1);

fn exceeded(attempts: &AttemptCount, limit: i64, window: TimeDelta, now: DateTime<Utc>) -> Option<AppError> {
    if attempts.count <= limit {
        return None;
    }
    let frees_at = attempts.earliest.unwrap_or(now) + window;
    let retry_after_secs = u64::try_from((frees_at - now).num_seconds()).unwrap_or(0).max(1);
    Some(AppError::RateLimited { retry_after_secs })
}

/// Records an attempt by `email` from `ip`; `RATE_LIMITED` (and the attempt is not
/// kept) when this one goes over the limit. Returns the attempt's id.
pub async fn admit(db: &Db, limit: Limit, email: &str, ip: &str, now: DateTime<Utc>) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    store::insert_attempt(db, id, limit.kind, email, ip, now, now - LONGEST_WINDOW).await?;
    let since = now - limit.window;
    let mut refusal = None;
    if let Some(per_email) = limit.per_email {
        let attempts = store::count_attempts(db, limit.kind, AttemptKey::Email(email), since).await?;
        refusal = exceeded(&attempts, per_email, limit.window, now);
    }
    if refusal.is_none() {
        let key = if limit.ip_counts_failures_only { AttemptKey::IpFailures(ip) } else { AttemptKey::Ip(ip) };
        let mut attempts = store::count_attempts(db, limit.kind, key, since).await?;
        // This attempt has not failed yet; it counts as the next one.
        attempts.count += i64::from(limit.ip_counts_failures_only);
        refusal = exceeded(&attempts, limit.per_ip, limit.window, now);
    }
    match refusal {
        Some(refusal) => {
            store::delete_attempt(db, id).await?;
            Err(refusal)
        }
        None => Ok(id),
    }
}

/// Records that attempt `id` failed.
pub async fn failed(db: &Db, id: Uuid) -> AppResult<()> {
    store::mark_failed(db, id).await?;
    Ok(())
}

/// Forgets the attempts of `email` once she gets in.
pub async fn forget_email(db: &Db, limit: Limit, email: &str) -> AppResult<()> {
    store::delete_attempts_for_email(db, limit.kind, email).await?;
    Ok(())
}
