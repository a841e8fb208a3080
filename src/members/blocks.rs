//! Blocking, and it holds both ways: once either of two members blocked the other, each
//! one's content disappears for the other everywhere (threads, replies, events,
//! reactions, lists of members), neither can reply to, react to, mention or RSVP to the
//! other's, and where one must still be named to the other she renders as a
//! placeholder. Anonymous posts are the exception: hiding one would tell who wrote it,
//! so a block neither hides it, nor refuses an answer to it, nor holds back its
//! notifications. Other features filter with the SQL fragments from
//! `db::visibility` rather than reading this table themselves.

use std::collections::HashSet;

use uuid::Uuid;

use crate::clock;
use crate::db::{Db, placeholder_list};
use crate::on_db;

/// Records that `blocker` blocked `blocked` (again is fine).
pub async fn record(db: &Db, blocker: Uuid, blocked: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO member_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (blocker_id, blocked_id) DO NOTHING";
    let now = clock::now();
    on_db!(db, pool => sqlx::query(SQL).bind(blocker).bind(blocked).bind(now).execute(pool).await.map(drop))
}

pub async fn lift(db: &Db, blocker: Uuid, blocked: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM member_blocks WHERE blocker_id = $1 AND blocked_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(blocker).bind(blocked).execute(pool).await.map(drop))
}

/// Whether either of `a` and `b` blocked the other.
pub async fn blocked_either_way(db: &Db, a: Uuid, b: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM member_blocks \
                       WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)";
    let count: i64 = on_db!(db, pool => sqlx::query_scalar(SQL).bind(a).bind(b).fetch_one(pool).await)?;
    Ok(count > 0)
}

/// The members with a block either way with `member`.
pub async fn blocked_with(db: &Db, member: Uuid) -> Result<HashSet<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT blocked_id FROM member_blocks WHERE blocker_id = $1 \
                       UNION SELECT blocker_id FROM member_blocks WHERE blocked_id = $1";
    let blocked: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_all(pool).await)?;
    Ok(blocked.into_iter().collect())
}

/// Of `candidates`, those with no block either way with `member`.
pub async fn not_blocked_with(db: &Db, member: Uuid, candidates: &[Uuid]) -> Result<Vec<Uuid>, sqlx::Error> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT blocker_id, blocked_id FROM member_blocks WHERE (blocker_id = $1 AND blocked_id IN ({list})) \
         OR (blocked_id = $1 AND blocker_id IN ({list}))",
        list = placeholder_list(2, candidates.len())
    );
    let blocks: Vec<(Uuid, Uuid)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(member);
        for candidate in candidates {
            query = query.bind(candidate);
        }
        query.fetch_all(pool).await
    })?;
    Ok(candidates.iter().copied().filter(|c| !blocks.iter().any(|(a, b)| a == c || b == c)).collect())
}
