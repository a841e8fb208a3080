//! SQL of digests: her setting and its schedule, and what a digest says — each query
//! keeps to her groups, her own RSVPs and notifications, and leaves out members blocked
//! either way.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::schedule::DigestFrequency;
use crate::db::text_enum::{Stored, to_text};
use crate::db::visibility::{blocked_either_way_sql, blocked_named_sql, held_from_sql, shielded_sql};
use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// Her digest setting.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Setting {
    #[sqlx(try_from = "String")]
    pub frequency: Stored<DigestFrequency>,
    pub hour: i64,
    pub next_at: DateTime<Utc>,
}

pub async fn setting(db: &Db, member: Uuid) -> Result<Option<Setting>, sqlx::Error> {
    const SQL: &str = "SELECT frequency, hour, next_at FROM digest_settings WHERE member_id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(member).fetch_optional(pool).await)
}

/// The time zone her digests keep: her quiet hours', else her profile's.
pub async fn time_zone_of(db: &Db, member: Uuid) -> Result<Option<String>, sqlx::Error> {
    const SQL: &str = "SELECT COALESCE(q.time_zone, m.timezone) FROM members m \
                       LEFT JOIN quiet_hours q ON q.member_id = m.id WHERE m.id = $1";
    let found: Option<Option<String>> =
        on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_optional(pool).await)?;
    Ok(found.flatten())
}

/// Records her setting, next due at `next_at`, inside `tx`.
pub async fn save(tx: &mut Tx, member: Uuid, setting: &Setting) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO digest_settings (member_id, frequency, hour, next_at) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (member_id) DO UPDATE SET frequency = excluded.frequency, hour = excluded.hour, \
                       next_at = excluded.next_at";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(member)
        .bind(to_text(setting.frequency.0))
        .bind(setting.hour)
        .bind(setting.next_at)
        .execute(&mut *conn)
        .await
        .map(drop))
}

/// Turns her digests off (an unsubscribe link was followed); false when she had none.
pub async fn stop(db: &Db, member: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE digest_settings SET frequency = 'NONE' WHERE member_id = $1";
    let done = on_db!(db, pool => sqlx::query(SQL).bind(member).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Her setting, if the digest due at `at` is still the one she wants (not off, not
/// rescheduled since).
pub async fn due(tx: &mut Tx, member: Uuid, at: DateTime<Utc>) -> Result<Option<Setting>, sqlx::Error> {
    const SQL: &str = "SELECT frequency, hour, next_at FROM digest_settings \
                       WHERE member_id = $1 AND next_at = $2 AND frequency <> 'NONE'";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(member).bind(at).fetch_optional(&mut *conn).await)
}

/// Records that a digest went at `now` and the next is due at `next_at`.
pub async fn advance(tx: &mut Tx, member: Uuid, now: DateTime<Utc>, next_at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE digest_settings SET last_at = $2, next_at = $3 WHERE member_id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(member).bind(now).bind(next_at).execute(&mut *conn).await.map(drop))
}

/// A busy thread of one of her groups.
#[derive(Debug, sqlx::FromRow)]
pub struct BusyThread {
    pub title: String,
    pub group_name: String,
    pub private: bool,
    pub replies: i64,
}

/// The busiest threads of her groups since `since`, by replies from members not blocked
/// either way with her, in threads by such members (anonymous ones count: a block
/// cannot hide them without telling who wrote them).
pub async fn busiest_threads(db: &Db, member: Uuid, since: DateTime<Utc>) -> Result<Vec<BusyThread>, sqlx::Error> {
    let sql = format!(
        "SELECT t.title, g.name AS group_name, g.visibility = 'PRIVATE' AS private, COUNT(r.id) AS replies \
         FROM threads t JOIN groups g ON g.id = t.group_id \
         JOIN group_memberships gm ON gm.group_id = t.group_id AND gm.member_id = $1 \
         JOIN replies r ON r.thread_id = t.id AND r.created_at > $2 AND r.deleted_at IS NULL AND r.author_id <> $1 \
         WHERE NOT {} AND NOT {} AND NOT {} AND (t.author_id = $1 OR NOT {}) AND NOT r.held_for_review \
         GROUP BY t.id, t.title, g.name, g.visibility ORDER BY COUNT(r.id) DESC, t.id LIMIT 5",
        blocked_named_sql("t.anonymous", "t.author_id", "$1"),
        blocked_named_sql("r.anonymous", "r.author_id", "$1"),
        held_from_sql("t.held_for_review", "t.author_id", "t.group_id", "$1"),
        shielded_sql("t.sensitive_topics", "$1"),
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(member).bind(since).fetch_all(pool).await)
}

/// An upcoming event.
#[derive(Debug, sqlx::FromRow)]
pub struct Upcoming {
    pub title: String,
    pub private: bool,
    pub starts_at: DateTime<Utc>,
}

/// Events of the next two weeks she is going to (`going`), or else that her groups hold
/// and she has not answered; never one organised by someone blocked either way.
pub async fn upcoming(db: &Db, member: Uuid, now: DateTime<Utc>, going: bool) -> Result<Vec<Upcoming>, sqlx::Error> {
    let answered = if going {
        "EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = e.id AND r.member_id = $1 AND r.status = 'GOING')"
    } else {
        "NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = e.id AND r.member_id = $1)"
    };
    let sql = format!(
        "SELECT e.title, g.visibility = 'PRIVATE' AS private, e.starts_at FROM events e \
         JOIN groups g ON g.id = e.group_id \
         JOIN group_memberships gm ON gm.group_id = e.group_id AND gm.member_id = $1 \
         WHERE e.cancelled_at IS NULL AND e.starts_at > $2 AND e.starts_at < $3 AND {answered} AND NOT {} \
         ORDER BY e.starts_at, e.id LIMIT 5",
        blocked_either_way_sql("e.created_by", "$1"),
    );
    let until = now + chrono::TimeDelta::days(14);
    on_db!(db, pool => sqlx::query_as(&sql).bind(member).bind(now).bind(until).fetch_all(pool).await)
}
