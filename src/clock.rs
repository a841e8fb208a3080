//! The one place the server reads the time. Timestamps are cut to microseconds, the
//! precision PostgreSQL keeps, so a value read back from either database equals the one
//! written and cursors built from it compare exactly. Times a client sends are kept to
//! a range both databases handle alike.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::error::{AppError, AppResult};

/// The current time, to the microsecond.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
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
