//! Throttling of sign-in guesses and of sign-ups. Attempts are counted in the database,
//! so every instance behind the load balancer sees them, and each attempt is recorded
//! *before* the slow password check, so concurrent guesses (parallel requests) are
//! counted too.
//!
//! Sign-in guesses are counted per email *and address*, so someone guessing at Ana's
//! password locks out only their own address, not Ana (OWASP's authentication cheat
//! sheet: lockouts must not become a weapon). Per address, failures for any email are
//! capped too, and so are attempts still waiting for their answer (a parallel burst). Over a longer window, many failures for one email from many addresses
//! raise a higher ceiling that refuses every address that has failed for it — an address
//! that has not failed (her own phone) still gets in.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::store::{self, AttemptKey, SignInCounts};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::rate_limits::within_limit;

const SIGN_IN: &str = "sign_in";
/// The short window of sign-in counts.
const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// Attempts for one email from one address in `WINDOW`, those in flight included and
/// those followed by a success forgotten.
pub const PER_EMAIL_AND_ADDRESS: i64 = 5;
/// Failures from one address, for any email, in `WINDOW` (a network of many members
/// signing in at once is not held up by their successes).
pub const PER_ADDRESS_FAILURES: i64 = 30;
/// Attempts from one address waiting for their answer at once: failures are counted
/// only once they fail, so a burst of parallel guesses is capped here.
pub const PER_ADDRESS_IN_FLIGHT: i64 = 100;
/// The slower window of the per-email ceiling.
const EMAIL_WINDOW: TimeDelta = TimeDelta::hours(1);
/// Failures for one email, from any address, in `EMAIL_WINDOW`: past this, addresses
/// that failed for it are refused.
pub const PER_EMAIL_FAILURES: i64 = 100;

/// The longest window of any limit: older attempts are forgotten.
const LONGEST_WINDOW: TimeDelta = TimeDelta::hours(1);

/// The refusal when `count` attempts (this one included) since `earliest` pass `limit`
/// in `window`.
fn exceeded(
    count: i64,
    earliest: Option<DateTime<Utc>>,
    limit: i64,
    window: TimeDelta,
    now: DateTime<Utc>,
) -> Option<AppError> {
    within_limit(count - 1, earliest, limit, window, now).err()
}

/// Which sign-in limit `counts` (this attempt included) passes, if any.
fn sign_in_refusal(counts: &SignInCounts, now: DateTime<Utc>) -> Option<AppError> {
    exceeded(counts.pair_attempts, counts.pair_earliest, PER_EMAIL_AND_ADDRESS, WINDOW, now)
        .or_else(|| {
            // This attempt has not failed yet; it counts as the next failure.
            exceeded(counts.address_failures + 1, counts.address_earliest, PER_ADDRESS_FAILURES, WINDOW, now)
        })
        .or_else(|| exceeded(counts.address_in_flight, None, PER_ADDRESS_IN_FLIGHT, TimeDelta::seconds(1), now))
        .or_else(|| {
            let failed_here = counts.pair_failures > 0;
            let ceiling = exceeded(counts.email_failures, counts.email_earliest, PER_EMAIL_FAILURES, EMAIL_WINDOW, now);
            ceiling.filter(|_| failed_here)
        })
}

/// Records a sign-in attempt for `email` from `ip`; `RATE_LIMITED` (and the attempt is
/// not kept) when it goes over a limit. Returns the attempt's id.
pub async fn admit_sign_in(db: &Db, email: &str, ip: &str, now: DateTime<Utc>) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    store::insert_attempt(db, id, SIGN_IN, email, ip, now, now - LONGEST_WINDOW).await?;
    let counts = store::sign_in_counts(db, SIGN_IN, email, ip, now - WINDOW, now - EMAIL_WINDOW).await?;
    match sign_in_refusal(&counts, now) {
        Some(refusal) => {
            store::delete_attempt(db, id).await?;
            Err(refusal)
        }
        None => Ok(id),
    }
}

/// Records an attempt of `kind` for `email` from `ip`; `RATE_LIMITED` (and it is not
/// kept) when the attempts in the last hour pass a limit of `limits`.
async fn admit_hourly(
    db: &Db,
    kind: &str,
    (email, ip): (&str, &str),
    limits: &[(AttemptKey<'_>, i64)],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let window = TimeDelta::hours(1);
    let id = Uuid::now_v7();
    store::insert_attempt(db, id, kind, email, ip, now, now - LONGEST_WINDOW).await?;
    for (key, limit) in limits {
        let attempts = store::count_attempts(db, kind, *key, now - window).await?;
        if let Some(refusal) = exceeded(attempts.count, attempts.earliest, *limit, window, now) {
            store::delete_attempt(db, id).await?;
            return Err(refusal);
        }
    }
    Ok(())
}

/// Records a public request of `kind` (one that emails an address anyone may type) for
/// `email` from `ip`, counted alike whether or not `email` is known; `RATE_LIMITED`
/// past `per_email` or `per_address` in an hour.
pub async fn admit_public_request(
    db: &Db,
    kind: &str,
    (email, ip): (&str, &str),
    (per_email, per_address): (i64, i64),
    now: DateTime<Utc>,
) -> AppResult<()> {
    let limits = [(AttemptKey::Email(email), per_email), (AttemptKey::Ip(ip), per_address)];
    admit_hourly(db, kind, (email, ip), &limits, now).await
}

/// Records a sign-up from `ip`; `RATE_LIMITED` (and it is not kept) past `per_hour`.
pub async fn admit_sign_up(db: &Db, email: &str, ip: &str, per_hour: u32, now: DateTime<Utc>) -> AppResult<()> {
    admit_hourly(db, "sign_up", (email, ip), &[(AttemptKey::Ip(ip), i64::from(per_hour))], now).await
}

/// Password-reset requests for one address per hour, and from one client address.
pub const RESETS_PER_EMAIL: i64 = 3;
pub const RESETS_PER_ADDRESS: i64 = 10;

/// Records a password-reset request for `email` from `ip`, counted alike whether or not
/// `email` is a member's; `RATE_LIMITED` past either hourly limit.
pub async fn admit_password_reset(db: &Db, email: &str, ip: &str, now: DateTime<Utc>) -> AppResult<()> {
    admit_public_request(db, "password_reset", (email, ip), (RESETS_PER_EMAIL, RESETS_PER_ADDRESS), now).await
}

/// Records that attempt `id` failed.
pub async fn failed(db: &Db, id: Uuid) -> AppResult<()> {
    store::mark_failed(db, id).await?;
    Ok(())
}

/// Forgets the sign-in attempts of `email` from `ip` once she gets in there (others'
/// failures for her email still count against their addresses).
pub async fn forget_sign_ins(db: &Db, email: &str, ip: &str) -> AppResult<()> {
    store::delete_attempts_for_email_at(db, SIGN_IN, email, ip).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pair_attempts: i64, pair_failures: i64, email_failures: i64) -> SignInCounts {
        SignInCounts {
            pair_attempts,
            pair_failures,
            pair_earliest: None,
            address_failures: 0,
            address_earliest: None,
            address_in_flight: 1,
            email_failures,
            email_earliest: None,
        }
    }

    #[test]
    fn the_email_ceiling_refuses_only_addresses_that_failed_for_it() {
        let now = Utc::now();
        assert!(sign_in_refusal(&counts(6, 5, 5), now).is_some(), "five guesses from here");
        assert!(sign_in_refusal(&counts(1, 0, 500), now).is_none(), "her own phone has never failed");
        assert!(sign_in_refusal(&counts(2, 1, 500), now).is_some(), "an address that failed for her");
        assert!(sign_in_refusal(&counts(2, 1, 50), now).is_none());
    }

    #[test]
    fn a_burst_from_one_address_is_capped_before_its_guesses_fail() {
        let now = Utc::now();
        let burst = SignInCounts { address_in_flight: PER_ADDRESS_IN_FLIGHT + 1, ..counts(1, 0, 0) };
        assert!(sign_in_refusal(&burst, now).is_some());
        let office = SignInCounts { address_in_flight: 40, ..counts(1, 0, 0) };
        assert!(sign_in_refusal(&office, now).is_none(), "forty colleagues signing in at once");
    }
}
