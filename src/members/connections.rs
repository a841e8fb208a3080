//! Connections: two members who agreed to know each other. A connection is asked for
//! and accepted; it opens the profile fields a member shows to CONNECTIONS.

use std::collections::HashSet;

use async_graphql::Enum;
use uuid::Uuid;

use super::blocks;
use crate::clock;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Where two members stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ConnectionStatus {
    None,
    /// She asked; waiting for the other.
    RequestedByMe,
    /// The other asked; she can accept.
    RequestedByThem,
    Connected,
}

/// SQL true when `a_sql` and `b_sql` are connected.
pub fn connected_sql(a_sql: &str, b_sql: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM connections c WHERE c.status = 'ACCEPTED' AND \
         ((c.member_a = {a_sql} AND c.member_b = {b_sql}) OR (c.member_a = {b_sql} AND c.member_b = {a_sql})))"
    )
}

/// The members `member` is connected with.
pub async fn connected_with(db: &Db, member: Uuid) -> Result<HashSet<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT CASE WHEN member_a = $1 THEN member_b ELSE member_a END FROM connections \
                       WHERE status = 'ACCEPTED' AND (member_a = $1 OR member_b = $1)";
    let others: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_all(pool).await)?;
    Ok(others.into_iter().collect())
}

fn ordered(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a < b { (a, b) } else { (b, a) }
}

/// Where `viewer` and `other` stand.
pub async fn status(db: &Db, viewer: Uuid, other: Uuid) -> AppResult<ConnectionStatus> {
    const SQL: &str = "SELECT requested_by, status FROM connections WHERE member_a = $1 AND member_b = $2";
    let (a, b) = ordered(viewer, other);
    let row: Option<(Uuid, String)> =
        on_db!(db, pool => sqlx::query_as(SQL).bind(a).bind(b).fetch_optional(pool).await)?;
    Ok(match row {
        None => ConnectionStatus::None,
        Some((_, status)) if status == "ACCEPTED" => ConnectionStatus::Connected,
        Some((requested_by, _)) if requested_by == viewer => ConnectionStatus::RequestedByMe,
        Some(_) => ConnectionStatus::RequestedByThem,
    })
}

/// Asks `other` to connect; if she already asked, this accepts.
pub async fn request(db: &Db, viewer: Uuid, other: Uuid) -> AppResult<ConnectionStatus> {
    if viewer == other {
        return Err(AppError::bad_input("memberId", "you cannot connect with yourself"));
    }
    if blocks::blocked_either_way(db, viewer, other).await? {
        return Err(AppError::Forbidden);
    }
    match status(db, viewer, other).await? {
        ConnectionStatus::RequestedByThem => accept(db, viewer, other).await,
        ConnectionStatus::None => {
            const SQL: &str = "INSERT INTO connections (member_a, member_b, requested_by, status, created_at) \
                               VALUES ($1, $2, $3, 'PENDING', $4) ON CONFLICT (member_a, member_b) DO NOTHING";
            let (a, b) = ordered(viewer, other);
            let now = clock::now();
            on_db!(db, pool => sqlx::query(SQL).bind(a).bind(b).bind(viewer).bind(now).execute(pool).await.map(drop))?;
            status(db, viewer, other).await
        }
        already => Ok(already),
    }
}

/// Accepts `other`'s request.
pub async fn accept(db: &Db, viewer: Uuid, other: Uuid) -> AppResult<ConnectionStatus> {
    const SQL: &str = "UPDATE connections SET status = 'ACCEPTED', accepted_at = $4 \
                       WHERE member_a = $1 AND member_b = $2 AND requested_by = $3 AND status = 'PENDING'";
    let (a, b) = ordered(viewer, other);
    let now = clock::now();
    let accepted = on_db!(db, pool => sqlx::query(SQL).bind(a).bind(b).bind(other).bind(now).execute(pool).await.map(|d| d.rows_affected()))?;
    if accepted == 0 && status(db, viewer, other).await? != ConnectionStatus::Connected {
        return Err(AppError::bad_input("memberId", "she has not asked to connect"));
    }
    Ok(ConnectionStatus::Connected)
}

/// Ends a connection, withdraws a request or declines one.
pub async fn remove(db: &Db, viewer: Uuid, other: Uuid) -> AppResult<ConnectionStatus> {
    const SQL: &str = "DELETE FROM connections WHERE member_a = $1 AND member_b = $2";
    let (a, b) = ordered(viewer, other);
    on_db!(db, pool => sqlx::query(SQL).bind(a).bind(b).execute(pool).await.map(drop))?;
    Ok(ConnectionStatus::None)
}
