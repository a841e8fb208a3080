//! Coffee chats and their proposed times in the database. A member sees the chats she
//! is in, never across a block. Every change names the `sequence` it read, so two
//! answers at once (an accept and a cancel) cannot both land.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{ChatRow, CoffeeChatStatus, Slot};
use crate::db::page::{Order, Page};
use crate::db::text_enum::to_text;
use crate::db::visibility::blocked_either_way_sql;
use crate::db::{Db, Tx, placeholder_list};
use crate::{on_db, on_tx};

const COLUMNS: &str = "c.id, c.proposed_by, c.proposed_to, c.awaiting, c.status, c.place, c.online_url, c.note, \
                       c.starts_at, c.ends_at, c.sequence, c.created_at, c.updated_at";

/// A condition true for the chats `$1` is in, with no block between the two.
fn hers_sql() -> String {
    format!(
        "(c.proposed_by = $1 OR c.proposed_to = $1) AND NOT {}",
        blocked_either_way_sql("c.proposed_by", "c.proposed_to")
    )
}

/// Chat `id`, if `viewer` is in it.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<ChatRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM coffee_chats c WHERE c.id = $2 AND {}", hers_sql());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Chat `id` whoever is in it (for the jobs the queue runs), if no block stands between them.
pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<ChatRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM coffee_chats c WHERE c.id = $1 AND NOT {}",
        blocked_either_way_sql("c.proposed_by", "c.proposed_to")
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// How many chats `member` is waiting on the other member's answer for (proposals of
/// hers or new times she gave, never one hidden by a block), counted after taking her
/// member row's lock (so two proposals at once count each other).
pub async fn open_proposals(tx: &mut Tx, member: Uuid) -> Result<i64, sqlx::Error> {
    const LOCK: &str = "UPDATE members SET updated_at = updated_at WHERE id = $1";
    let count = format!(
        "SELECT COUNT(*) FROM coffee_chats c WHERE {} AND c.status = 'PROPOSED' AND c.awaiting <> $1",
        hers_sql()
    );
    on_tx!(tx, conn => sqlx::query(LOCK).bind(member).execute(conn).await.map(drop))?;
    on_tx!(tx, conn => sqlx::query_scalar(&count).bind(member).fetch_one(conn).await)
}

/// Records a new proposal.
pub async fn insert(tx: &mut Tx, chat: &ChatRow) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO coffee_chats (id, proposed_by, proposed_to, awaiting, status, place, online_url, \
                       note, sequence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(chat.id).bind(chat.proposed_by).bind(chat.proposed_to).bind(chat.awaiting)
        .bind(to_text(chat.status.0)).bind(&chat.place).bind(&chat.online_url).bind(&chat.note)
        .bind(chat.created_at)
        .execute(conn).await.map(drop))
}

/// Replaces chat `id`'s proposed times with `slots`, in order.
pub async fn replace_slots(tx: &mut Tx, id: Uuid, slots: &[Slot]) -> Result<(), sqlx::Error> {
    const CLEAR: &str = "DELETE FROM coffee_chat_slots WHERE coffee_chat_id = $1";
    const ADD: &str =
        "INSERT INTO coffee_chat_slots (coffee_chat_id, position, starts_at, ends_at) VALUES ($1, $2, $3, $4)";
    on_tx!(tx, conn => sqlx::query(CLEAR).bind(id).execute(conn).await.map(drop))?;
    for (position, slot) in (0_i32..).zip(slots) {
        on_tx!(tx, conn => sqlx::query(ADD).bind(id).bind(position).bind(slot.starts_at).bind(slot.ends_at).execute(conn).await.map(drop))?;
    }
    Ok(())
}

/// Writes `chat`'s new state (status, who is awaited, place, time) if it is still at
/// the `sequence` it was read at, and moves it on; false when something else changed
/// it first.
pub async fn save(tx: &mut Tx, chat: &ChatRow, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE coffee_chats SET status = $3, awaiting = $4, place = $5, online_url = $6, \
                       starts_at = $7, ends_at = $8, sequence = sequence + 1, updated_at = $9 \
                       WHERE id = $1 AND sequence = $2";
    let changed = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(chat.id).bind(chat.sequence).bind(to_text(chat.status.0)).bind(chat.awaiting)
        .bind(&chat.place).bind(&chat.online_url).bind(chat.starts_at).bind(chat.ends_at).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(changed == 1)
}

/// The proposed times of each of `ids`, in order.
pub async fn slots_of(db: &Db, ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Slot>>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT coffee_chat_id, starts_at, ends_at FROM coffee_chat_slots WHERE coffee_chat_id IN ({}) \
         ORDER BY coffee_chat_id, position",
        placeholder_list(1, ids.len())
    );
    let rows: Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })?;
    let mut slots: HashMap<Uuid, Vec<Slot>> = HashMap::new();
    for (id, starts_at, ends_at) in rows {
        slots.entry(id).or_default().push(Slot { starts_at, ends_at });
    }
    Ok(slots)
}

/// A page of `viewer`'s chats (in `status`, when given; every status binds as ''),
/// most recently changed first.
pub async fn page(
    db: &Db,
    viewer: Uuid,
    status: Option<CoffeeChatStatus>,
    page: &Page,
) -> Result<Vec<ChatRow>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "c.updated_at", "c.id", 3);
    let sql = format!(
        "SELECT {COLUMNS} FROM coffee_chats c WHERE {} AND ($2 = '' OR c.status = $2){}{}",
        hers_sql(),
        keyset.condition,
        keyset.order_limit
    );
    let status = status.map_or_else(String::new, to_text);
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer).bind(status);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// `member`'s accepted chats starting after `from`, soonest first (at most `limit`).
pub async fn accepted_since(
    db: &Db,
    member: Uuid,
    from: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<ChatRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM coffee_chats c WHERE {} AND c.status = 'ACCEPTED' AND c.starts_at > $2 \
         ORDER BY c.starts_at LIMIT $3",
        hers_sql()
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(member).bind(from).bind(limit).fetch_all(pool).await)
}
