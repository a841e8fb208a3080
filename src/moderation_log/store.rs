//! The moderation log in the database: appended to, read a page at a time, never
//! changed.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{LogEntry, NewEntry};
use crate::db::page::{Order, Page};
use crate::db::text_enum::to_text;
use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

const COLUMNS: &str =
    "l.id, l.actor_id, l.group_id, l.action, l.target_kind, l.target_id, l.subject_id, l.note, l.until, l.created_at";

/// Whose entries a reader may see; never those about herself (she learns nothing of
/// reports about her from the log).
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// A community admin: every other entry (or one group's).
    Everything { admin: Uuid, group_id: Option<Uuid> },
    /// A moderator: the entries of the groups `member` moderates (or of one of them).
    GroupsModeratedBy { member: Uuid, group_id: Option<Uuid> },
}

/// Appends `entry`, made at `now`, inside the transaction of the act; answers its id.
pub async fn append(tx: &mut Tx, entry: NewEntry<'_>, now: DateTime<Utc>) -> Result<Uuid, sqlx::Error> {
    const SQL: &str = "INSERT INTO moderation_log (id, actor_id, group_id, action, target_kind, target_id, \
                       subject_id, note, until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    let (target_kind, target_id) = entry.target.map(|t| (to_text(t.kind), t.id)).unzip();
    let id = Uuid::now_v7();
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id).bind(entry.actor).bind(entry.group_id).bind(to_text(entry.action))
        .bind(target_kind).bind(target_id).bind(entry.subject).bind(entry.note).bind(entry.until).bind(now)
        .execute(conn).await.map(drop))?;
    Ok(id)
}

/// Entry `id`.
pub async fn find(db: &Db, id: Uuid) -> Result<Option<LogEntry>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM moderation_log l WHERE l.id = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// A page of the entries `scope` may see, newest first.
pub async fn page(db: &Db, scope: Scope, page: &Page) -> Result<Vec<LogEntry>, sqlx::Error> {
    let (member, group_id, moderated_only) = match scope {
        Scope::Everything { admin, group_id } => (admin, group_id, false),
        Scope::GroupsModeratedBy { member, group_id } => (member, group_id, true),
    };
    let moderated = if moderated_only {
        " AND l.group_id IN (SELECT group_id FROM group_memberships WHERE member_id = $1 \
         AND role IN ('OWNER', 'MODERATOR'))"
    } else {
        ""
    };
    let keyset = page.keyset_sql(Order::NewestFirst, "l.created_at", "l.id", 3);
    let sql = format!(
        "SELECT {COLUMNS} FROM moderation_log l WHERE ($2 IS NULL OR l.group_id = $2) \
         AND (l.subject_id IS NULL OR l.subject_id <> $1){moderated}{}{}",
        keyset.condition, keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(member).bind(group_id);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}
