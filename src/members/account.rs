//! The account side of a member, for the flows that keep it: where her email goes (her
//! address, name and language, and whether the address is confirmed), her password
//! hash, and changing them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::email::{Language, Recipient};
use crate::{on_db, on_tx};

/// The one member every deleted member's writing is attributed to (`deleteAccount`), so
/// nothing links two placeholders to one person. Never signs in (no password hash
/// verifies), never listed in the directory.
pub const DELETED_MEMBER: Uuid = Uuid::from_u128(0xdead);
/// Its address (`.invalid` is never anyone's), by which lists leave it out.
pub const DELETED_MEMBER_EMAIL: &str = "deleted-member@village.invalid";

/// Who an email to a member goes to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Addressee {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    /// The language code her email is written in.
    pub language: String,
    pub email_verified_at: Option<DateTime<Utc>>,
}

impl Addressee {
    /// Where email to her goes.
    pub fn recipient(&self) -> Recipient<'_> {
        Recipient {
            address: &self.email,
            member: Some(self.id),
            name: &self.display_name,
            language: Language::from_code(&self.language),
        }
    }
}

const ADDRESSEE: &str = "SELECT id, email, display_name, language, email_verified_at FROM members";

/// Member `id`'s addressee, read inside `tx`.
pub async fn addressee(tx: &mut Tx, id: Uuid) -> Result<Option<Addressee>, sqlx::Error> {
    let sql = format!("{ADDRESSEE} WHERE id = $1");
    on_tx!(tx, conn => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await)
}

/// The addressee of the member with `email` (already normalized), read inside `tx`.
pub async fn addressee_by_email(tx: &mut Tx, email: &str) -> Result<Option<Addressee>, sqlx::Error> {
    let sql = format!("{ADDRESSEE} WHERE email = $1");
    on_tx!(tx, conn => sqlx::query_as(&sql).bind(email).fetch_optional(&mut *conn).await)
}

/// Member `id`'s email and password hash.
pub async fn credentials_of(db: &Db, id: Uuid) -> Result<Option<(String, String)>, sqlx::Error> {
    const SQL: &str = "SELECT email, password_hash FROM members WHERE id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

/// Records, inside `tx`, that member `id` confirmed her address (the first time counts).
pub async fn mark_email_verified(tx: &mut Tx, id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE members SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(now).execute(&mut *conn).await.map(drop))?;
    Ok(())
}

/// Sets member `id`'s password hash inside `tx`.
pub async fn set_password_hash(tx: &mut Tx, id: Uuid, hash: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE members SET password_hash = $2, updated_at = $3 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(hash).bind(now).execute(&mut *conn).await.map(drop))?;
    Ok(())
}

/// Moves member `id` to the confirmed address `email` inside `tx`; an address another
/// member holds fails with a unique violation.
pub async fn set_email(tx: &mut Tx, id: Uuid, email: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE members SET email = $2, email_verified_at = $3, updated_at = $3 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(email).bind(now).execute(&mut *conn).await.map(drop))?;
    Ok(())
}

/// Whether member `id` is a community admin (granted by `village admin grant`).
pub async fn is_admin(db: &Db, id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM members WHERE id = $1 AND community_role = 'ADMIN'";
    let count: i64 = on_db!(db, pool => sqlx::query_scalar(SQL).bind(id).fetch_one(pool).await)?;
    Ok(count > 0)
}

/// The community admins.
pub async fn admin_ids(db: &Db) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT id FROM members WHERE community_role = 'ADMIN'";
    on_db!(db, pool => sqlx::query_scalar(SQL).fetch_all(pool).await)
}

/// Makes the member with `email` a community admin, or no longer one; false when no
/// member has that address.
pub async fn set_admin(db: &Db, email: &str, admin: bool) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE members SET community_role = $2 WHERE email = $1";
    let role = admin.then_some("ADMIN");
    let done = on_db!(db, pool => sqlx::query(SQL).bind(email).bind(role).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Suspends member `id` from the community until `until`, for `reason` (shown to her
/// when she tries to sign in), inside `tx`.
pub async fn suspend(tx: &mut Tx, id: Uuid, until: DateTime<Utc>, reason: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE members SET suspended_until = $2, suspension_reason = $3 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(until).bind(reason).execute(conn).await.map(drop))
}

/// Until when and why member `id` is suspended, if she is at `now`; read inside `tx`
/// under a share lock of her row (on PostgreSQL), so a suspension being written waits
/// for a session this transaction opens, or this read waits for the suspension.
pub async fn suspension_in(
    tx: &mut Tx,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, String)>, sqlx::Error> {
    let lock = if matches!(tx, Tx::Postgres(_)) { " FOR SHARE" } else { "" };
    let sql = format!("SELECT suspended_until, suspension_reason FROM members WHERE id = $1{lock}");
    let row: Option<(Option<DateTime<Utc>>, Option<String>)> =
        on_tx!(tx, conn => sqlx::query_as(&sql).bind(id).fetch_optional(conn).await)?;
    Ok(row.and_then(|(until, reason)| {
        until.filter(|until| *until > now).map(|until| (until, reason.unwrap_or_default()))
    }))
}
