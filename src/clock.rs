//! The one place the server reads the time. Timestamps are cut to microseconds, the
//! precision PostgreSQL keeps, so a value read back from either database equals the one
//! written and cursors built from it compare exactly.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// The current time, to the microsecond.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
}
