//! SQL for sessions and failed sign-in attempts, written once for both databases.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// A session as stored: one per signed-in device.
#[derive(Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub member_id: Uuid,
    pub refresh_token_hash: Vec<u8>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A session about to be created.
pub struct NewSession<'a> {
    pub id: Uuid,
    pub member_id: Uuid,
    pub refresh_token_hash: &'a [u8],
    pub user_agent: Option<&'a str>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Why a session ended, kept for support and audits.
#[derive(Debug, Clone, Copy)]
pub enum RevokeReason {
    SignOut,
    SignOutEverywhere,
    RefreshTokenReuse,
}

impl RevokeReason {
    fn as_str(self) -> &'static str {
        match self {
            Self::SignOut => "sign_out",
            Self::SignOutEverywhere => "sign_out_everywhere",
            Self::RefreshTokenReuse => "refresh_token_reuse",
        }
    }
}

/// Inserts a session inside `tx`.
pub async fn insert_session(tx: &mut Tx, session: NewSession<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO sessions (id, member_id, refresh_token_hash, user_agent, created_at, refreshed_at, expires_at) \
                       VALUES ($1, $2, $3, $4, $5, $5, $6)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(session.id)
        .bind(session.member_id)
        .bind(session.refresh_token_hash)
        .bind(session.user_agent)
        .bind(session.now)
        .bind(session.expires_at)
        .execute(conn)
        .await
        .map(drop))?;
    Ok(())
}

/// The session `id`, whatever its state.
pub async fn find_session(db: &Db, id: Uuid) -> Result<Option<SessionRow>, sqlx::Error> {
    const SQL: &str = "SELECT member_id, refresh_token_hash, expires_at, revoked_at FROM sessions WHERE id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

/// Whether session `id` of `member_id` is neither revoked nor expired at `now`.
pub async fn session_is_active(db: &Db, id: Uuid, member_id: Uuid, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "SELECT COUNT(*) FROM sessions WHERE id = $1 AND member_id = $2 AND revoked_at IS NULL AND expires_at > $3";
    let count: i64 =
        on_db!(db, pool => sqlx::query_scalar(SQL).bind(id).bind(member_id).bind(now).fetch_one(pool).await)?;
    Ok(count > 0)
}

/// Replaces the refresh token of session `id`, but only if `old_hash` is still the
/// current one and the session is live: of two concurrent refreshes, one wins.
pub async fn rotate_refresh_token(
    db: &Db,
    id: Uuid,
    old_hash: &[u8],
    new_hash: &[u8],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET refresh_token_hash = $3, refreshed_at = $4, expires_at = $5 \
                       WHERE id = $1 AND refresh_token_hash = $2 AND revoked_at IS NULL AND expires_at > $4";
    let affected = on_db!(db, pool => sqlx::query(SQL).bind(id).bind(old_hash).bind(new_hash).bind(now).bind(expires_at).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(affected == 1)
}

/// Ends session `id`; returns how many sessions this ended (0 or 1).
pub async fn revoke_session(db: &Db, id: Uuid, reason: RevokeReason, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL";
    let affected = on_db!(db, pool => sqlx::query(SQL).bind(id).bind(now).bind(reason.as_str()).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(affected)
}

/// Ends every live session of `member_id`; returns how many.
pub async fn revoke_member_sessions(db: &Db, member_id: Uuid, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str =
        "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE member_id = $1 AND revoked_at IS NULL";
    let reason = RevokeReason::SignOutEverywhere.as_str();
    let affected = on_db!(db, pool => sqlx::query(SQL).bind(member_id).bind(now).bind(reason).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(affected)
}

/// Failed sign-ins since `since`: how many, and when the earliest was.
pub struct FailureCount {
    pub count: i64,
    pub earliest: Option<DateTime<Utc>>,
}

/// Failed sign-ins for `email` since `since`.
pub async fn failures_for_email(db: &Db, email: &str, since: DateTime<Utc>) -> Result<FailureCount, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE email = $1 AND failed_at > $2";
    let (count, earliest) = on_db!(db, pool => sqlx::query_as(SQL).bind(email).bind(since).fetch_one(pool).await)?;
    Ok(FailureCount { count, earliest })
}

/// Failed sign-ins from `ip` since `since`.
pub async fn failures_for_ip(db: &Db, ip: &str, since: DateTime<Utc>) -> Result<FailureCount, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE ip = $1 AND failed_at > $2";
    let (count, earliest) = on_db!(db, pool => sqlx::query_as(SQL).bind(ip).bind(since).fetch_one(pool).await)?;
    Ok(FailureCount { count, earliest })
}

/// Records a failed sign-in and forgets those older than `forget_before`.
pub async fn record_failure(
    db: &Db,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const INSERT: &str = "INSERT INTO sign_in_failures (id, email, ip, failed_at) VALUES ($1, $2, $3, $4)";
    const PRUNE: &str = "DELETE FROM sign_in_failures WHERE failed_at < $1";
    on_db!(db, pool => {
        sqlx::query(INSERT).bind(Uuid::now_v7()).bind(email).bind(ip).bind(now).execute(pool).await?;
        sqlx::query(PRUNE).bind(forget_before).execute(pool).await.map(drop)
    })?;
    Ok(())
}

/// Forgets the failed sign-ins of `email` after a successful one.
pub async fn clear_failures(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM sign_in_failures WHERE email = $1";
    on_db!(db, pool => sqlx::query(SQL).bind(email).execute(pool).await.map(drop))?;
    Ok(())
}
