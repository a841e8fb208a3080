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
    /// She signed in on more devices than she may keep; this was her oldest.
    SessionLimit,
}

impl RevokeReason {
    fn as_str(self) -> &'static str {
        match self {
            Self::SignOut => "sign_out",
            Self::SignOutEverywhere => "sign_out_everywhere",
            Self::RefreshTokenReuse => "refresh_token_reuse",
            Self::SessionLimit => "session_limit",
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

/// Whether session `id` of `member_id` is neither revoked nor expired at `now`: `None`
/// when it is not, else whether her email address is confirmed.
pub async fn session_standing(
    db: &Db,
    id: Uuid,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<bool>, sqlx::Error> {
    const SQL: &str = "SELECT m.email_verified_at FROM sessions s JOIN members m ON m.id = s.member_id \
                       WHERE s.id = $1 AND s.member_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3";
    let verified_at: Option<Option<DateTime<Utc>>> = on_db!(db, pool => sqlx::query_scalar(SQL)
        .bind(id)
        .bind(member_id)
        .bind(now)
        .fetch_optional(pool)
        .await)?;
    Ok(verified_at.map(|at| at.is_some()))
}

/// Ends the live sessions of `member_id` beyond the `keep` she used most recently,
/// inside `tx`; returns how many ended. (Expired sessions hold no place.)
pub async fn end_oldest_sessions(
    tx: &mut Tx,
    member_id: Uuid,
    keep: u32,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 \
                       WHERE member_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND id NOT IN (\
                       SELECT id FROM sessions WHERE member_id = $1 AND revoked_at IS NULL AND expires_at > $2 \
                       ORDER BY refreshed_at DESC, id DESC LIMIT $4)";
    let reason = RevokeReason::SessionLimit.as_str();
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(member_id)
        .bind(now)
        .bind(reason)
        .bind(i64::from(keep))
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
}

/// A refresh-token rotation: the hash being traded in and its replacement.
pub struct Rotation<'a> {
    pub old_hash: &'a [u8],
    pub new_hash: &'a [u8],
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Replaces the refresh token of session `id`, but only if `old_hash` is still the
/// current one and the session is live: of two concurrent refreshes, one wins.
pub async fn rotate_refresh_token(tx: &mut Tx, id: Uuid, rotation: Rotation<'_>) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET refresh_token_hash = $3, refreshed_at = $4, expires_at = $5 \
                       WHERE id = $1 AND refresh_token_hash = $2 AND revoked_at IS NULL AND expires_at > $4";
    let affected = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id)
        .bind(rotation.old_hash)
        .bind(rotation.new_hash)
        .bind(rotation.now)
        .bind(rotation.expires_at)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(affected == 1)
}

/// Ends session `id`; returns its member when this ended it (not when it had ended).
pub async fn revoke_session(
    db: &Db,
    id: Uuid,
    reason: RevokeReason,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL \
                       RETURNING member_id";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(id).bind(now).bind(reason.as_str()).fetch_optional(pool).await)
}

/// Ends every live session of `member_id` but `keep` (the one asking), inside `tx`;
/// returns how many.
pub async fn revoke_member_sessions_in(
    tx: &mut Tx,
    member_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 \
                       WHERE member_id = $1 AND revoked_at IS NULL AND id <> $4";
    let reason = RevokeReason::SignOutEverywhere.as_str();
    let affected = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(member_id)
        .bind(now)
        .bind(reason)
        .bind(keep.unwrap_or_default())
        .execute(&mut *conn)
        .await.map(|done| done.rows_affected()))?;
    Ok(affected)
}

/// Records, inside `tx`, a request `id` to reset the password of `email`.
pub async fn insert_reset_request(tx: &mut Tx, id: Uuid, email: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO password_reset_requests (id, email, requested_at) VALUES ($1, $2, $3)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(email).bind(now).execute(&mut *conn).await.map(drop))?;
    Ok(())
}

/// Takes request `id` out of the table inside `tx`: the address it named.
pub async fn take_reset_request(tx: &mut Tx, id: Uuid) -> Result<Option<String>, sqlx::Error> {
    const SQL: &str = "DELETE FROM password_reset_requests WHERE id = $1 RETURNING email";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(id).fetch_optional(&mut *conn).await)
}

/// Forgets reset requests made before `before` that no job took; returns how many.
pub async fn prune_reset_requests(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM password_reset_requests WHERE requested_at < $1";
    let affected =
        on_db!(db, pool => sqlx::query(SQL).bind(before).execute(pool).await.map(|done| done.rows_affected()))?;
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

/// Records that `hash` was traded in for a new token of session `session_id`.
pub async fn retire_refresh_token(
    tx: &mut Tx,
    session_id: Uuid,
    hash: &[u8],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO retired_refresh_tokens (token_hash, session_id, retired_at) VALUES ($1, $2, $3)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(hash).bind(session_id).bind(now).execute(conn).await.map(drop))
}

/// When session `session_id` traded in the token `hash`, if it did.
pub async fn retired_at(db: &Db, session_id: Uuid, hash: &[u8]) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    const SQL: &str = "SELECT retired_at FROM retired_refresh_tokens WHERE token_hash = $1 AND session_id = $2";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(hash).bind(session_id).fetch_optional(pool).await)
}

/// Attempts counted since some time: how many, and when the earliest was.
pub struct AttemptCount {
    pub count: i64,
    pub earliest: Option<DateTime<Utc>>,
}

/// What a throttled action's attempts are counted by.
#[derive(Debug, Clone, Copy)]
pub enum AttemptKey<'a> {
    /// Every attempt from this address.
    Ip(&'a str),
    /// Every attempt for this email.
    Email(&'a str),
}

/// Attempts of `kind` by `key` since `since`.
pub async fn count_attempts(
    db: &Db,
    kind: &str,
    key: AttemptKey<'_>,
    since: DateTime<Utc>,
) -> Result<AttemptCount, sqlx::Error> {
    const BY_IP: &str =
        "SELECT COUNT(*), MIN(attempted_at) FROM auth_attempts WHERE kind = $1 AND ip = $2 AND attempted_at > $3";
    const BY_EMAIL: &str =
        "SELECT COUNT(*), MIN(attempted_at) FROM auth_attempts WHERE kind = $1 AND email = $2 AND attempted_at > $3";
    let (sql, value) = match key {
        AttemptKey::Ip(ip) => (BY_IP, ip),
        AttemptKey::Email(email) => (BY_EMAIL, email),
    };
    let (count, earliest) =
        on_db!(db, pool => sqlx::query_as(sql).bind(kind).bind(value).bind(since).fetch_one(pool).await)?;
    Ok(AttemptCount { count, earliest })
}

/// The counts a sign-in throttle decides on, each with its earliest attempt: for this
/// email from this address (attempts since `short`; failures since `long`), failures
/// and unanswered attempts from this address since `short`, failures for this email
/// since `long`. (An attempt that succeeded is forgotten, so one not failed is one in
/// flight.)
#[derive(Debug, Default, sqlx::FromRow)]
pub struct SignInCounts {
    pub pair_attempts: i64,
    pub pair_earliest: Option<DateTime<Utc>>,
    pub pair_failures: i64,
    pub address_failures: i64,
    pub address_earliest: Option<DateTime<Utc>>,
    /// Attempts from this address not yet answered (this one included).
    pub address_in_flight: i64,
    pub email_failures: i64,
    pub email_earliest: Option<DateTime<Utc>>,
}

/// [`SignInCounts`] for `email` from `ip`, in one pass over their recent attempts.
pub async fn sign_in_counts(
    db: &Db,
    kind: &str,
    email: &str,
    ip: &str,
    short: DateTime<Utc>,
    long: DateTime<Utc>,
) -> Result<SignInCounts, sqlx::Error> {
    const SQL: &str = "SELECT \
        COALESCE(SUM(CASE WHEN email = $2 AND ip = $3 AND attempted_at > $4 THEN 1 ELSE 0 END), 0) AS pair_attempts, \
        MIN(CASE WHEN email = $2 AND ip = $3 AND attempted_at > $4 THEN attempted_at END) AS pair_earliest, \
        COALESCE(SUM(CASE WHEN email = $2 AND ip = $3 AND failed THEN 1 ELSE 0 END), 0) AS pair_failures, \
        COALESCE(SUM(CASE WHEN ip = $3 AND failed AND attempted_at > $4 THEN 1 ELSE 0 END), 0) AS address_failures, \
        MIN(CASE WHEN ip = $3 AND failed AND attempted_at > $4 THEN attempted_at END) AS address_earliest, \
        COALESCE(SUM(CASE WHEN ip = $3 AND NOT failed AND attempted_at > $4 THEN 1 ELSE 0 END), 0) AS address_in_flight, \
        COALESCE(SUM(CASE WHEN email = $2 AND failed THEN 1 ELSE 0 END), 0) AS email_failures, \
        MIN(CASE WHEN email = $2 AND failed THEN attempted_at END) AS email_earliest \
        FROM auth_attempts WHERE kind = $1 AND (email = $2 OR ip = $3) AND attempted_at > $5";
    on_db!(db, pool => sqlx::query_as(SQL).bind(kind).bind(email).bind(ip).bind(short).bind(long).fetch_one(pool).await)
}

/// Records an attempt and forgets those older than `forget_before`.
pub async fn insert_attempt(
    db: &Db,
    id: Uuid,
    kind: &str,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const INSERT: &str =
        "INSERT INTO auth_attempts (id, kind, email, ip, failed, attempted_at) VALUES ($1, $2, $3, $4, FALSE, $5)";
    const PRUNE: &str = "DELETE FROM auth_attempts WHERE attempted_at < $1";
    on_db!(db, pool => sqlx::query(INSERT).bind(id).bind(kind).bind(email).bind(ip).bind(now).execute(pool).await.map(drop))?;
    on_db!(db, pool => sqlx::query(PRUNE).bind(forget_before).execute(pool).await.map(drop))
}

/// Marks an attempt as failed.
pub async fn mark_failed(db: &Db, id: Uuid) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE auth_attempts SET failed = TRUE WHERE id = $1").bind(id).execute(pool).await.map(drop))
}

/// Forgets one attempt.
pub async fn delete_attempt(db: &Db, id: Uuid) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM auth_attempts WHERE id = $1").bind(id).execute(pool).await.map(drop))
}

/// Forgets the attempts of `kind` for `email` from `ip`.
pub async fn delete_attempts_for_email_at(db: &Db, kind: &str, email: &str, ip: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM auth_attempts WHERE kind = $1 AND email = $2 AND ip = $3";
    on_db!(db, pool => sqlx::query(SQL).bind(kind).bind(email).bind(ip).execute(pool).await.map(drop))
}

/// Forgets what no longer matters: sessions ended (expired or signed out) more than
/// `keep` ago, with their traded-in refresh tokens, and sign-in and sign-up attempts
/// older than `keep_attempts`. Returns how many sessions and attempts went.
pub async fn prune(
    db: &Db,
    now: DateTime<Utc>,
    keep: chrono::TimeDelta,
    keep_attempts: chrono::TimeDelta,
) -> Result<(u64, u64), sqlx::Error> {
    const SESSIONS: &str = "DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1";
    const ATTEMPTS: &str = "DELETE FROM auth_attempts WHERE attempted_at < $1";
    let (sessions_before, attempts_before) = (now - keep, now - keep_attempts);
    let sessions = on_db!(db, pool => sqlx::query(SESSIONS).bind(sessions_before).execute(pool).await.map(|done| done.rows_affected()))?;
    let attempts = on_db!(db, pool => sqlx::query(ATTEMPTS).bind(attempts_before).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok((sessions, attempts))
}
