//! How many WebSocket connections each member has open, counted across every instance:
//! in process in embedded mode, in Redis otherwise. In Redis each member has a sorted
//! set of connection ids scored by when their lease runs out; an open connection renews
//! its lease, so the connections of an instance that crashed stop counting within one
//! lease instead of locking her out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use redis::aio::ConnectionManager;
use uuid::Uuid;

/// How long a connection counts in Redis without being renewed (an open connection
/// renews it every minute).
const LEASE: Duration = Duration::from_secs(180);

/// Counts connections per member against a limit.
#[derive(Clone)]
pub struct ConnectionLimit {
    per_member: usize,
    counts: Counts,
}

#[derive(Clone)]
enum Counts {
    Local(Arc<Mutex<HashMap<Uuid, usize>>>),
    Redis(ConnectionManager),
}

/// One counted connection; it stops counting when dropped.
pub struct Lease {
    member: Uuid,
    id: Uuid,
    counts: Counts,
}

fn key(member: Uuid) -> String {
    format!("village:ws-connections:{member}")
}

fn now_millis() -> i64 {
    crate::clock::now().timestamp_millis()
}

fn lease_millis() -> i64 {
    i64::try_from(LEASE.as_millis()).unwrap_or(i64::MAX)
}

fn lease_ends() -> i64 {
    now_millis() + lease_millis()
}

impl ConnectionLimit {
    /// At most `per_member` connections each, counted in Redis when `redis` is given.
    pub fn new(per_member: usize, redis: Option<ConnectionManager>) -> Self {
        let counts = match redis {
            Some(redis) => Counts::Redis(redis),
            None => Counts::Local(Arc::default()),
        };
        Self { per_member, counts }
    }

    /// Counts a new connection of `member`; `None` when she already has as many as allowed.
    pub async fn admit(&self, member: Uuid) -> redis::RedisResult<Option<Lease>> {
        let lease = Lease { member, id: Uuid::now_v7(), counts: self.counts.clone() };
        let admitted = match &self.counts {
            Counts::Local(counts) => {
                let mut counts = counts.lock().unwrap_or_else(PoisonError::into_inner);
                let count = counts.entry(member).or_default();
                *count += 1;
                *count <= self.per_member
            }
            Counts::Redis(redis) => {
                // Add first, then count: two racing connections may both be refused,
                // but the limit is never passed.
                let (open,): (usize,) = redis::pipe()
                    .atomic()
                    .zrembyscore(key(member), "-inf", now_millis())
                    .ignore()
                    .zadd(key(member), lease.id.to_string(), lease_ends())
                    .ignore()
                    .pexpire(key(member), lease_millis())
                    .ignore()
                    .zcard(key(member))
                    .query_async(&mut redis.clone())
                    .await?;
                open <= self.per_member
            }
        };
        // A refused lease is dropped here, which un-counts it.
        Ok(admitted.then_some(lease))
    }
}

impl Lease {
    /// Keeps the connection counted for another lease (Redis only), in the
    /// background so a slow Redis never holds the connection's deliveries up. A lease
    /// that already lapsed is not brought back (that could pass the limit).
    pub fn renew(&self) {
        let Counts::Redis(redis) = &self.counts else { return };
        let (mut redis, key, id) = (redis.clone(), key(self.member), self.id.to_string());
        tokio::spawn(async move {
            let renewed: redis::RedisResult<()> = redis::pipe()
                .cmd("ZADD")
                .arg(&key)
                .arg("XX")
                .arg(lease_ends())
                .arg(id)
                .pexpire(&key, lease_millis())
                .query_async(&mut redis)
                .await;
            if let Err(error) = renewed {
                tracing::warn!(%error, "cannot renew a WebSocket connection's lease");
            }
        });
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        match &self.counts {
            Counts::Local(counts) => {
                let mut counts = counts.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(count) = counts.get_mut(&self.member) {
                    *count -= 1;
                    if *count == 0 {
                        counts.remove(&self.member);
                    }
                }
            }
            Counts::Redis(redis) => {
                let (mut redis, key, id) = (redis.clone(), key(self.member), self.id.to_string());
                tokio::spawn(async move {
                    let removed: redis::RedisResult<()> =
                        redis::cmd("ZREM").arg(key).arg(id).query_async(&mut redis).await;
                    if let Err(error) = removed {
                        tracing::warn!(%error, "cannot release a WebSocket connection's lease; it lapses on its own");
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_member_gets_her_limit_and_a_closed_connection_frees_its_place() {
        let limit = ConnectionLimit::new(2, None);
        let member = Uuid::now_v7();
        let first = limit.admit(member).await.unwrap();
        let _second = limit.admit(member).await.unwrap().unwrap();
        assert!(limit.admit(member).await.unwrap().is_none());
        assert!(limit.admit(Uuid::now_v7()).await.unwrap().is_some(), "another member is not affected");
        drop(first);
        assert!(limit.admit(member).await.unwrap().is_some());
    }
}
