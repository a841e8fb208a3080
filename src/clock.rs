//! The one place the server reads the time. Timestamps are cut to microseconds, the
//! precision PostgreSQL keeps, so a value read back from either database equals the one
//! written and cursors built from it compare exactly. Times a client sends are kept to
//! a range both databases handle alike. Work can be run as if at another time
//! ([`as_if_at`]): how tests make a reminder's or a quiet window's hour come.

use std::future::Future;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::error::{AppError, AppResult};

tokio::task_local! {
    /// The time the work this task runs is set at.
    static SET_AT: DateTime<Utc>;
}

/// The current time, to the microsecond: the system's, or the one the work in hand
/// is set at.
pub fn now() -> DateTime<Utc> {
    to_micros(SET_AT.try_with(|at| *at).unwrap_or_else(|_| Utc::now()))
}

/// `time` to the microsecond, as both databases keep times (and cursors compare them).
pub fn to_micros(time: DateTime<Utc>) -> DateTime<Utc> {
    time.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(time)
}

/// The system's time, whatever the work in hand is set at: for what other services
/// check against their own clocks (the issue and expiry times of the tokens we sign).
pub fn wall() -> DateTime<Utc> {
    Utc::now()
}

/// Runs `work` as if it were `at`: every [`now`] it reads in this task is `at` (what it
/// spawns reads the system clock, unless spawned through [`keeping_time`]). The server
/// itself never does this.
pub async fn as_if_at<F: Future>(at: DateTime<Utc>, work: F) -> F::Output {
    SET_AT.scope(at, work).await
}

/// `work`, to be spawned, set at the time the work in hand is set at (if it is).
pub fn keeping_time<F: Future>(work: F) -> impl Future<Output = F::Output> {
    let set_at = SET_AT.try_with(|at| *at).ok();
    async move {
        match set_at {
            Some(at) => SET_AT.scope(at, work).await,
            None => work.await,
        }
    }
}

/// The earliest time any input may name.
pub const EARLIEST_YEAR: i32 = 1900;
/// The year before which any input's time must fall.
pub const LATEST_YEAR: i32 = 2200;

/// `at`, if it falls in years 1900–2199: both databases store, order and read back such
/// times alike, and nothing a member does lies outside them. `BAD_USER_INPUT` on
/// `field` otherwise.
pub fn within_range(field: &'static str, at: DateTime<Utc>) -> AppResult<DateTime<Utc>> {
    use chrono::Datelike;
    if (EARLIEST_YEAR..LATEST_YEAR).contains(&at.year()) {
        Ok(at)
    } else {
        Err(AppError::bad_input(
            field,
            format!("{field} must fall between the years {EARLIEST_YEAR} and {}", LATEST_YEAR - 1),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_set_at_a_time_reads_that_time_and_nothing_else_does() {
        let at = now() + TimeDelta::days(365);

        let (inside, spawned) = as_if_at(at, async { (now(), tokio::spawn(async { now() }).await) }).await;

        assert_eq!(inside, at);
        assert!(spawned.is_ok_and(|spawned| spawned < at), "what it spawns reads the system clock");
        assert!(now() < at, "outside, the system clock");
    }
}
