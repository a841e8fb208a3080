//! The `outgoing_emails` table: a row per message, its words kept until it is sent (then
//! erased: links in them are credentials), claimed before it goes so it goes once.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::templates::Rendered;
use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// A message to record.
pub struct NewEmail<'a> {
    pub id: Uuid,
    pub member: Option<Uuid>,
    pub category: &'a str,
    pub to: &'a str,
    pub rendered: &'a Rendered,
    pub list_unsubscribe: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// A message as the sender reads it.
#[derive(Debug, sqlx::FromRow)]
pub struct OutgoingEmail {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub list_unsubscribe: Option<String>,
}

/// Where a message that could not be claimed stands.
#[derive(Debug, sqlx::FromRow)]
pub struct Standing {
    pub claimed_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Records `email` inside `tx`.
pub async fn insert(tx: &mut Tx, email: NewEmail<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO outgoing_emails (id, member_id, category, to_address, subject, text_body, \
                       html_body, list_unsubscribe, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(email.id)
        .bind(email.member)
        .bind(email.category)
        .bind(email.to)
        .bind(&email.rendered.subject)
        .bind(&email.rendered.text)
        .bind(&email.rendered.html)
        .bind(email.list_unsubscribe)
        .bind(email.now)
        .execute(&mut *conn)
        .await.map(drop))?;
    Ok(())
}

/// Claims message `id` for sending now; `None` when it is gone, or already claimed
/// (sent, refused, or being sent).
pub async fn claim(db: &Db, id: Uuid, now: DateTime<Utc>) -> Result<Option<OutgoingEmail>, sqlx::Error> {
    const SQL: &str = "UPDATE outgoing_emails SET claimed_at = $1 WHERE id = $2 AND claimed_at IS NULL \
                       RETURNING id, to_address, subject, text_body, html_body, list_unsubscribe";
    on_db!(db, pool => sqlx::query_as(SQL).bind(now).bind(id).fetch_optional(pool).await)
}

/// Where message `id` stands, when it exists.
pub async fn standing(db: &Db, id: Uuid) -> Result<Option<Standing>, sqlx::Error> {
    const SQL: &str = "SELECT claimed_at, sent_at FROM outgoing_emails WHERE id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

/// Message `id` went (or was refused for good, saying `failure`): its words are erased.
pub async fn settle(db: &Db, id: Uuid, failure: Option<&str>, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str =
        "UPDATE outgoing_emails SET sent_at = $1, failure = $2, text_body = '', html_body = '' WHERE id = $3";
    on_db!(db, pool => sqlx::query(SQL).bind(now).bind(failure).bind(id).execute(pool).await.map(drop))?;
    Ok(())
}

/// Gives up the claim on message `id`, to try it again.
pub async fn release(db: &Db, id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE outgoing_emails SET claimed_at = NULL WHERE id = $1 AND sent_at IS NULL";
    on_db!(db, pool => sqlx::query(SQL).bind(id).execute(pool).await.map(drop))?;
    Ok(())
}

/// Removes, inside `tx`, every message to `member` not sent yet (her account is going).
pub async fn forget_unsent_to(tx: &mut Tx, member: Uuid) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM outgoing_emails WHERE member_id = $1 AND sent_at IS NULL";
    let affected =
        on_tx!(tx, conn => sqlx::query(SQL).bind(member).execute(&mut *conn).await.map(|done| done.rows_affected()))?;
    Ok(affected)
}

/// Forgets the records of messages created before `now - keep`; returns how many.
pub async fn prune(db: &Db, now: DateTime<Utc>, keep: TimeDelta) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM outgoing_emails WHERE created_at < $1";
    let affected =
        on_db!(db, pool => sqlx::query(SQL).bind(now - keep).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(affected)
}
