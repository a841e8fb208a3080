//! SQL for members, written once for both databases.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, Tx, placeholder_list};
use crate::graphql::relay::{Order, Page};
use crate::{on_db, on_tx};

/// A member as the API shows her. The password hash never leaves this module's queries
/// except through [`credentials_by_email`].
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Set when this copy goes back to the member herself in an auth payload, before
    /// her new token is in use, so she sees her own private fields.
    #[sqlx(skip)]
    pub shown_to_herself: bool,
}

/// A member about to be created.
pub struct NewMember<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub now: DateTime<Utc>,
}

const COLUMNS: &str = "id, email, display_name, handle, created_at";

/// Inserts a member inside `tx`; a taken email fails with a unique violation.
pub async fn insert(tx: &mut Tx, member: NewMember<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO members (id, email, password_hash, display_name, created_at, updated_at) \
                       VALUES ($1, $2, $3, $4, $5, $5)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(member.id)
        .bind(member.email)
        .bind(member.password_hash)
        .bind(member.display_name)
        .bind(member.now)
        .execute(conn)
        .await
        .map(drop))
}

/// Changes her display name and @handle.
pub async fn update_names(
    db: &Db,
    id: Uuid,
    display_name: &str,
    handle: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE members SET display_name = $2, handle = $3, updated_at = $4 WHERE id = $1";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(display_name).bind(handle).bind(now).execute(pool).await.map(drop))
}

/// The id and password hash of the member with `email` (already normalized).
pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    const SQL: &str = "SELECT id, password_hash FROM members WHERE email = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(email).fetch_optional(pool).await)
}

/// The members with the given ids, in no particular order; unknown ids are skipped.
pub async fn find_many(db: &Db, ids: &[Uuid]) -> Result<Vec<Member>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT {COLUMNS} FROM members WHERE id IN ({})", placeholder_list(1, ids.len()));
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })
}

/// The member `id`, if she exists.
pub async fn find(db: &Db, id: Uuid) -> Result<Option<Member>, sqlx::Error> {
    Ok(find_many(db, &[id]).await?.pop())
}

/// The ids of the members with these handles (lower-case); unknown handles are skipped.
pub async fn ids_by_handles(db: &Db, handles: &[String]) -> Result<Vec<Uuid>, sqlx::Error> {
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT id FROM members WHERE handle IN ({})", placeholder_list(1, handles.len()));
    on_db!(db, pool => {
        let mut query = sqlx::query_scalar(&sql);
        for handle in handles {
            query = query.bind(handle);
        }
        query.fetch_all(pool).await
    })
}

/// One page of the member directory, in sign-up order.
pub async fn page(db: &Db, page: &Page) -> Result<Vec<Member>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "created_at", "id", 1);
    let sql = format!("SELECT {COLUMNS} FROM members WHERE 1 = 1{}{}", keyset.condition, keyset.order_limit);
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}
