//! One-time links: email verification, password reset, email change. A link carries a
//! random token; only its SHA-256 is stored, with what it is for, whose it is and when
//! it runs out, so a database leak holds no usable link. Using one marks it used in the
//! same statement that checks it, so two uses at once cannot both succeed.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::db::text_enum::to_text;
use crate::db::{Db, Tx, placeholder_list};
use crate::{on_db, on_tx};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    /// How long a link for it works.
    pub fn lifetime(self) -> TimeDelta {
        match self {
            Self::VerifyEmail => TimeDelta::days(7),
            Self::ResetPassword => TimeDelta::minutes(30),
            Self::ChangeEmail => TimeDelta::hours(24),
        }
    }
}

/// A new link's token (for the email) and its hash (for the table).
pub struct Minted {
    pub token: String,
    pub hash: String,
}

const TOKEN_BYTES: usize = 32;

/// A new random token.
pub fn mint() -> Minted {
    let mut secret = [0u8; TOKEN_BYTES];
    rand::rng().fill_bytes(&mut secret);
    let token = URL_SAFE_NO_PAD.encode(secret);
    Minted { hash: hash_of(&token), token }
}

/// The stored form of `token`.
pub fn hash_of(token: &str) -> String {
    let digest = Sha256::digest(token.trim().as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A link to record.
pub struct NewLink<'a> {
    pub minted: &'a Minted,
    pub member: Uuid,
    pub purpose: Purpose,
    /// The address an email change moves to.
    pub new_email: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Records `link` inside `tx`; it works until its purpose's lifetime runs out.
pub async fn insert(tx: &mut Tx, link: NewLink<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO account_tokens (token_hash, member_id, purpose, new_email, created_at, expires_at) \
                       VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(&link.minted.hash)
        .bind(link.member)
        .bind(to_text(link.purpose))
        .bind(link.new_email)
        .bind(link.now)
        .bind(link.now + link.purpose.lifetime())
        .execute(&mut *conn)
        .await.map(drop))?;
    Ok(())
}

/// What a used link was for: whose it is, and the address of an email change.
#[derive(Debug, sqlx::FromRow)]
pub struct Used {
    pub member_id: Uuid,
    pub new_email: Option<String>,
}

/// Uses the link `token` for `purpose` inside `tx`: `None` when it is unknown, for
/// something else, used or run out.
pub async fn use_once(
    tx: &mut Tx,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<Used>, sqlx::Error> {
    const SQL: &str = "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
                       AND used_at IS NULL AND expires_at > $1 RETURNING member_id, new_email";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(now).bind(hash_of(token)).bind(to_text(purpose)).fetch_optional(&mut *conn).await)
}

/// Whether the link `token` for `purpose` would work now (checked before slow work, and
/// used with [`use_once`] after).
pub async fn usable(db: &Db, token: &str, purpose: Purpose, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1 AND purpose = $2 \
                       AND used_at IS NULL AND expires_at > $3";
    let count: i64 = on_db!(db, pool => sqlx::query_scalar(SQL).bind(hash_of(token)).bind(to_text(purpose)).bind(now).fetch_one(pool).await)?;
    Ok(count > 0)
}

/// Makes every unused link of `member` for one of `purposes` stop working, inside `tx`.
pub async fn cancel(tx: &mut Tx, member: Uuid, purposes: &[Purpose], now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = format!(
        "UPDATE account_tokens SET used_at = $1 WHERE member_id = $2 AND used_at IS NULL AND purpose IN ({})",
        placeholder_list(3, purposes.len())
    );
    on_tx!(tx, conn => {
        let mut query = sqlx::query(&sql).persistent(false).bind(now).bind(member);
        for purpose in purposes {
            query = query.bind(to_text(*purpose));
        }
        query.execute(&mut *conn).await.map(drop)
    })?;
    Ok(())
}

/// How many links for `purpose` `member` was sent since `since`, and when the earliest.
pub async fn sent_since(
    tx: &mut Tx,
    member: Uuid,
    purpose: Purpose,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*), MIN(created_at) FROM account_tokens \
                       WHERE member_id = $1 AND purpose = $2 AND created_at > $3";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(member).bind(to_text(purpose)).bind(since).fetch_one(&mut *conn).await)
}

/// Forgets links that ran out before `before`; returns how many.
pub async fn prune(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM account_tokens WHERE expires_at < $1";
    let affected =
        on_db!(db, pool => sqlx::query(SQL).bind(before).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_stored_only_as_its_hash() {
        let minted = mint();
        assert_eq!(minted.token.len(), 43);
        assert_eq!(minted.hash, hash_of(&minted.token));
        assert!(!minted.hash.contains(&minted.token));
        assert_ne!(mint().token, minted.token);
    }
}
