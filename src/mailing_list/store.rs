//! SQL of the mailing list and newsletters, written once for both databases.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// An entry to record (or renew while unconfirmed).
pub struct NewEntry<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub member: Option<Uuid>,
    /// The interests as stored (a JSON list).
    pub interests: &'a str,
    pub city: Option<&'a str>,
    pub city_key: Option<&'a str>,
    /// The confirmation link's hash; none when confirmed at once (her verified address).
    pub token_hash: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Whether the address `email` is on the list, confirmed.
pub async fn confirmed(tx: &mut Tx, email: &str) -> Result<Option<bool>, sqlx::Error> {
    const SQL: &str = "SELECT confirmed_at FROM mailing_list WHERE email = $1";
    let found: Option<Option<DateTime<Utc>>> =
        on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(email).fetch_optional(&mut *conn).await)?;
    Ok(found.map(|at| at.is_some()))
}

/// Records `entry`, replacing an unconfirmed one for the same address (a confirmed one
/// only when its member changes it, however two requests interleave).
pub async fn upsert(tx: &mut Tx, entry: NewEntry<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO mailing_list (id, email, member_id, interests, city, city_key, confirm_token_hash, \
                       created_at, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
                       CASE WHEN $7 IS NULL THEN $8 END) \
                       ON CONFLICT (email) DO UPDATE SET member_id = COALESCE(excluded.member_id, mailing_list.member_id), \
                       interests = excluded.interests, city = excluded.city, city_key = excluded.city_key, \
                       confirm_token_hash = excluded.confirm_token_hash, created_at = excluded.created_at, \
                       confirmed_at = COALESCE(mailing_list.confirmed_at, excluded.confirmed_at) \
                       WHERE mailing_list.confirmed_at IS NULL OR excluded.member_id IS NOT NULL";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(entry.id)
        .bind(entry.email)
        .bind(entry.member)
        .bind(entry.interests)
        .bind(entry.city)
        .bind(entry.city_key)
        .bind(entry.token_hash)
        .bind(entry.now)
        .execute(&mut *conn)
        .await
        .map(drop))
}

/// Confirms the entry whose link hashes to `token_hash`, if sent since `since`.
pub async fn confirm(
    tx: &mut Tx,
    token_hash: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE mailing_list SET confirmed_at = $3, confirm_token_hash = NULL \
                       WHERE confirm_token_hash = $1 AND created_at > $2 AND confirmed_at IS NULL";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(token_hash).bind(since).bind(now).execute(&mut *conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Takes entry `id` off the list; returns whether it was on it.
pub async fn remove(db: &Db, id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM mailing_list WHERE id = $1";
    let done = on_db!(db, pool => sqlx::query(SQL).bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Takes member `member`'s entries under another address than `email` off the list,
/// inside `tx` (she changed her address since).
pub async fn remove_old_addresses(tx: &mut Tx, member: Uuid, email: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM mailing_list WHERE member_id = $1 AND email <> $2";
    on_tx!(tx, conn => sqlx::query(SQL).bind(member).bind(email).execute(&mut *conn).await.map(drop))
}

/// Takes `email` off the list inside `tx` (her account is closing).
pub async fn remove_address(tx: &mut Tx, email: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM mailing_list WHERE email = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(email).execute(&mut *conn).await.map(drop))
}

/// Forgets unconfirmed entries created before `before`; returns how many.
pub async fn prune_unconfirmed(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM mailing_list WHERE confirmed_at IS NULL AND created_at < $1";
    on_db!(db, pool => sqlx::query(SQL).bind(before).execute(pool).await.map(|done| done.rows_affected()))
}

/// A newsletter to record.
pub struct NewNewsletter<'a> {
    pub id: Uuid,
    pub subject: &'a str,
    pub body: &'a str,
    pub interests: &'a str,
    pub city_key: Option<&'a str>,
    pub sent_by: Uuid,
    pub now: DateTime<Utc>,
}

pub async fn insert_newsletter(tx: &mut Tx, newsletter: NewNewsletter<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO newsletters (id, subject, body, interests, city_key, sent_by, created_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(newsletter.id)
        .bind(newsletter.subject)
        .bind(newsletter.body)
        .bind(newsletter.interests)
        .bind(newsletter.city_key)
        .bind(newsletter.sent_by)
        .bind(newsletter.now)
        .execute(&mut *conn)
        .await
        .map(drop))
}

/// A newsletter as its sending job reads it.
#[derive(sqlx::FromRow)]
pub struct NewsletterRow {
    pub subject: String,
    pub body: String,
    pub interests: String,
    pub city_key: Option<String>,
    pub finished_at: Option<DateTime<Utc>>,
}

pub async fn newsletter(tx: &mut Tx, id: Uuid) -> Result<Option<NewsletterRow>, sqlx::Error> {
    const SQL: &str = "SELECT subject, body, interests, city_key, finished_at FROM newsletters WHERE id = $1";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(id).fetch_optional(&mut *conn).await)
}

/// A subscriber a newsletter is still owed to: a member's entry goes to her current
/// address.
#[derive(sqlx::FromRow)]
pub struct Recipient {
    pub id: Uuid,
    pub email: String,
    pub member_id: Option<Uuid>,
}

/// Up to `limit` confirmed subscribers of the audience (`interest_patterns`: any of
/// these LIKE patterns; all when empty; in `city_key` when given) that newsletter `id`
/// has not gone to yet, in a fixed order.
pub async fn owed(
    tx: &mut Tx,
    id: Uuid,
    interest_patterns: &[String],
    city_key: Option<&str>,
    limit: i64,
) -> Result<Vec<Recipient>, sqlx::Error> {
    let interests = if interest_patterns.is_empty() {
        String::new()
    } else {
        let any: Vec<String> = (0..interest_patterns.len()).map(|n| format!("l.interests LIKE ${}", n + 4)).collect();
        format!(" AND ({})", any.join(" OR "))
    };
    let sql = format!(
        "SELECT l.id, COALESCE(m.email, l.email) AS email, l.member_id FROM mailing_list l \
         LEFT JOIN members m ON m.id = l.member_id WHERE l.confirmed_at IS NOT NULL \
         AND ($2 IS NULL OR l.city_key = $2) \
         AND NOT EXISTS (SELECT 1 FROM newsletter_deliveries d WHERE d.newsletter_id = $1 AND d.entry_id = l.id)\
         {interests} ORDER BY l.id LIMIT $3"
    );
    on_tx!(tx, conn => {
        let mut query = sqlx::query_as(&sql).bind(id).bind(city_key).bind(limit);
        for pattern in interest_patterns {
            query = query.bind(pattern);
        }
        query.fetch_all(&mut *conn).await
    })
}

/// Records that newsletter `id` went to entry `entry`.
pub async fn delivered(tx: &mut Tx, id: Uuid, entry: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO newsletter_deliveries (newsletter_id, entry_id, sent_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (newsletter_id, entry_id) DO NOTHING";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(entry).bind(now).execute(&mut *conn).await.map(drop))
}

pub async fn finish(tx: &mut Tx, id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE newsletters SET finished_at = $2 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(now).execute(&mut *conn).await.map(drop))
}

/// The newest `limit` newsletters, with how many they went to.
pub async fn newsletters(
    db: &Db,
    limit: i64,
) -> Result<Vec<(Uuid, String, DateTime<Utc>, i64, Option<DateTime<Utc>>)>, sqlx::Error> {
    const SQL: &str = "SELECT n.id, n.subject, n.created_at, \
                       (SELECT COUNT(*) FROM newsletter_deliveries d WHERE d.newsletter_id = n.id), n.finished_at \
                       FROM newsletters n ORDER BY n.created_at DESC, n.id DESC LIMIT $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(limit).fetch_all(pool).await)
}
