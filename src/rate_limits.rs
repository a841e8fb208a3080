//! Per-member write rate limits: replies, threads, reactions, RSVPs and connection
//! requests each have a quota per member — a burst of the whole quota, refilled evenly
//! over its period (GCRA). Without Redis the count is kept in the process by governor;
//! with Redis a small script does the same arithmetic there, so a member's quota holds
//! across every instance (and, should Redis fail, the process's own count stands in).
//! A refusal is `RATE_LIMITED` with `retryAfterSeconds`. API resolvers check before they
//! call a service; the server's own callers (seeding, jobs) are not limited.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use governor::clock::{Clock, MonotonicClock};
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use redis::aio::ConnectionManager;
use uuid::Uuid;

use crate::config::Settings;
use crate::error::{AppError, AppResult};

/// A write whose pace is limited per member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Reply,
    Thread,
    Reaction,
    Rsvp,
    ConnectionRequest,
    Message,
    JobPost,
    CoffeeChat,
    Report,
}

impl Action {
    const ALL: [Action; 9] = [
        Self::Reply,
        Self::Thread,
        Self::Reaction,
        Self::Rsvp,
        Self::ConnectionRequest,
        Self::Message,
        Self::JobPost,
        Self::CoffeeChat,
        Self::Report,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::Reply => "reply",
            Self::Thread => "thread",
            Self::Reaction => "reaction",
            Self::Rsvp => "rsvp",
            Self::ConnectionRequest => "connection-request",
            Self::Message => "message",
            Self::JobPost => "job-post",
            Self::CoffeeChat => "coffee-chat",
            Self::Report => "report",
        }
    }
}

/// How many of an action a member may do per period.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    pub count: u32,
    pub period: Duration,
}

impl Allowance {
    fn of(settings: &Settings, action: Action) -> Self {
        const MINUTE: Duration = Duration::from_secs(60);
        const HOUR: Duration = Duration::from_secs(3600);
        const DAY: Duration = Duration::from_secs(24 * 3600);
        let (count, period) = match action {
            Action::Reply => (settings.replies_per_minute, MINUTE),
            Action::Thread => (settings.threads_per_hour, HOUR),
            Action::Reaction => (settings.reactions_per_minute, MINUTE),
            Action::Rsvp => (settings.rsvps_per_minute, MINUTE),
            Action::ConnectionRequest => (settings.connection_requests_per_hour, HOUR),
            Action::Message => (settings.messages_per_minute, MINUTE),
            Action::JobPost => (settings.job_posts_per_day, DAY),
            Action::CoffeeChat => (settings.coffee_chats_per_day, DAY),
            Action::Report => (settings.reports_per_hour, HOUR),
        };
        Self { count, period }
    }

    /// The time one more action adds back to the allowance.
    fn interval(self) -> Duration {
        self.period / self.count.max(1)
    }

    fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.count).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.interval()).unwrap_or(Quota::per_hour(burst)).allow_burst(burst)
    }
}

type Limiter = RateLimiter<Uuid, HashMapStateStore<Uuid>, MonotonicClock>;

/// The per-member write limits of a deployment.
#[derive(Clone)]
pub struct RateLimits {
    inner: Arc<Inner>,
}

struct Inner {
    allowances: Vec<(Action, Allowance)>,
    /// Coffee chats one member may have proposed and still waiting for an answer.
    open_proposals: usize,
    /// Whether members whose email is not confirmed may write (development only).
    unverified_may_write: bool,
    local: Vec<(Action, Limiter)>,
    redis: Option<ConnectionManager>,
}

/// Runs GCRA in Redis: KEYS[1] holds the theoretical arrival time (ms); ARGV are the
/// interval and the burst. Returns 0 when allowed, else milliseconds to wait.
const GCRA: &str = r"
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local over = new_tat - now - burst * interval
if over > 0 then return over end
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil(new_tat - now))
return 0
";

/// `RATE_LIMITED` once `done` actions since `earliest` (counted from the database, over
/// `window`) have reached `limit`: for paces kept in tables rather than here (links
/// emailed, exports, sign-in attempts).
pub fn within_limit(
    done: i64,
    earliest: Option<DateTime<Utc>>,
    limit: i64,
    window: TimeDelta,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if done < limit {
        return Ok(());
    }
    let frees_at = earliest.unwrap_or(now) + window;
    Err(AppError::RateLimited { retry_after_secs: u64::try_from((frees_at - now).num_seconds()).unwrap_or(0).max(1) })
}

fn refused(wait: Duration) -> AppError {
    AppError::RateLimited { retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64 }
}

impl RateLimits {
    /// The limits `settings` set, counted in `redis` when there is one.
    pub fn new(settings: &Settings, redis: Option<ConnectionManager>) -> Self {
        let allowances: Vec<(Action, Allowance)> =
            Action::ALL.iter().map(|action| (*action, Allowance::of(settings, *action))).collect();
        let local = allowances
            .iter()
            .map(|(action, allowance)| (*action, RateLimiter::hashmap_with_clock(allowance.quota(), MonotonicClock)))
            .collect();
        let open_proposals = settings.open_coffee_chats;
        let unverified_may_write = settings.email.unverified_may_write;
        Self { inner: Arc::new(Inner { allowances, open_proposals, unverified_may_write, local, redis }) }
    }

    /// How many coffee chats one member may have proposed and still waiting for an
    /// answer, so proposals never turn into spam.
    pub fn open_proposals(&self) -> usize {
        self.inner.open_proposals
    }

    /// Whether members whose email address is not confirmed yet may post, message and
    /// RSVP (a development setting; by default they only read).
    pub fn unverified_may_write(&self) -> bool {
        self.inner.unverified_may_write
    }

    /// Counts one `action` by `member`; `RATE_LIMITED` when she has used her allowance.
    pub async fn check(&self, action: Action, member: Uuid) -> AppResult<()> {
        if let Some(redis) = &self.inner.redis {
            match self.check_in_redis(redis.clone(), action, member).await {
                Ok(result) => return result,
                Err(error) => tracing::warn!(%error, "cannot count a rate limit in Redis; counting in this process"),
            }
        }
        self.check_here(action, member)
    }

    fn check_here(&self, action: Action, member: Uuid) -> AppResult<()> {
        let Some((_, limiter)) = self.inner.local.iter().find(|(each, _)| *each == action) else {
            return Ok(());
        };
        let result =
            limiter.check_key(&member).map_err(|not_until| refused(not_until.wait_time_from(limiter.clock().now())));
        if limiter.len() > 100_000 {
            limiter.retain_recent();
        }
        result
    }

    async fn check_in_redis(
        &self,
        mut redis: ConnectionManager,
        action: Action,
        member: Uuid,
    ) -> redis::RedisResult<AppResult<()>> {
        let Some((_, allowance)) = self.inner.allowances.iter().find(|(each, _)| *each == action) else {
            return Ok(Ok(()));
        };
        let interval_ms = u64::try_from(allowance.interval().as_millis()).unwrap_or(u64::MAX).max(1);
        let key = format!("village:rate:{}:{member}", action.name());
        let wait_ms: u64 =
            redis::Script::new(GCRA).key(key).arg(interval_ms).arg(allowance.count).invoke_async(&mut redis).await?;
        Ok(if wait_ms == 0 { Ok(()) } else { Err(refused(Duration::from_millis(wait_ms))) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_member_gets_her_allowance_and_no_more_and_others_are_not_affected() {
        let mut settings = Settings::embedded("/tmp/unused").unwrap();
        settings.replies_per_minute = 3;
        let limits = RateLimits::new(&settings, None);
        let (ana, bea) = (Uuid::now_v7(), Uuid::now_v7());
        for _ in 0..3 {
            assert!(limits.check(Action::Reply, ana).await.is_ok());
        }
        let refused = limits.check(Action::Reply, ana).await;
        assert!(
            matches!(refused, Err(AppError::RateLimited { retry_after_secs }) if (1..=20).contains(&retry_after_secs))
        );
        assert!(limits.check(Action::Reply, bea).await.is_ok());
        assert!(limits.check(Action::Reaction, ana).await.is_ok(), "each action has its own allowance");
    }
}
