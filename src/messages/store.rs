//! Conversations, their members' standing in them, messages, and who takes message
//! requests, in the database.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{ConversationRow, MessageRow, Standing};
use crate::db::page::{Order, Page};
use crate::db::text_enum::to_text;
use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// A conversation with `$1`'s standing in it and her unread count.
const CONVERSATION_SELECT: &str = "SELECT c.id, c.started_by, c.created_at, c.last_message_at, me.status AS standing, \
     me.muted_until, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.author_id <> $1 \
     AND (me.last_read_at IS NULL OR m.created_at > me.last_read_at)) AS unread_count \
     FROM conversations c JOIN conversation_members me ON me.conversation_id = c.id AND me.member_id = $1";

/// Conversation `id` as `viewer` sees it, if she is in it (in any standing).
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<ConversationRow>, sqlx::Error> {
    let sql = format!("{CONVERSATION_SELECT} WHERE c.id = $2");
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// A page of `viewer`'s conversations in `standing`, latest message first.
pub async fn page(db: &Db, viewer: Uuid, standing: Standing, page: &Page) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "c.last_message_at", "c.id", 3);
    let sql = format!("{CONVERSATION_SELECT} WHERE me.status = $2{}{}", keyset.condition, keyset.order_limit);
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer).bind(to_text(standing));
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// The conversation of exactly `a` and `b`, if they have one.
pub async fn one_to_one(db: &Db, a: Uuid, b: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT x.conversation_id FROM conversation_members x \
                       JOIN conversation_members y ON y.conversation_id = x.conversation_id AND y.member_id = $2 \
                       WHERE x.member_id = $1 AND (SELECT COUNT(*) FROM conversation_members z \
                       WHERE z.conversation_id = x.conversation_id) = 2 LIMIT 1";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(a).bind(b).fetch_optional(pool).await)
}

/// The members of conversation `id` and where it stands for each.
pub async fn members_of(db: &Db, id: Uuid) -> Result<Vec<(Uuid, Standing)>, sqlx::Error> {
    const SQL: &str =
        "SELECT member_id, status FROM conversation_members WHERE conversation_id = $1 ORDER BY joined_at, member_id";
    let rows: Vec<(Uuid, String)> = on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_all(pool).await)?;
    rows.into_iter().map(|(member, status)| Ok((member, standing_of(status)?))).collect()
}

/// Starts conversation `id`, by `started_by`, at `now`; `pair` names the two members
/// of a conversation of two (lower id first), which can be started only once.
pub async fn insert_conversation(
    tx: &mut Tx,
    id: Uuid,
    started_by: Uuid,
    pair: Option<(Uuid, Uuid)>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO conversations (id, started_by, created_at, last_message_at, pair_low, pair_high) \
                       VALUES ($1, $2, $3, $3, $4, $5)";
    let (low, high) = pair.map(|(a, b)| (a.min(b), a.max(b))).unzip();
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(started_by).bind(now).bind(low).bind(high).execute(conn).await.map(drop))
}

/// Puts `member` in conversation `id`, in `standing`.
pub async fn insert_member(
    tx: &mut Tx,
    id: Uuid,
    member: Uuid,
    standing: Standing,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str =
        "INSERT INTO conversation_members (conversation_id, member_id, status, joined_at) VALUES ($1, $2, $3, $4)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(member).bind(to_text(standing)).bind(now).execute(conn).await.map(drop))
}

/// A message to add: who writes what where (and the job it asks a referral for).
pub struct NewMessage<'a> {
    pub conversation_id: Uuid,
    pub author_id: Uuid,
    pub body: &'a str,
    pub job_post_id: Option<Uuid>,
}

/// Adds a message to its conversation, after every message before it: the
/// conversation's row is locked first and the message timed after its latest (at
/// `now` when the clocks allow), so messages commit in the order of their times and a
/// reader resuming after one never misses an earlier one committed later. The
/// conversation moves to the top of its members' lists; the author has read up to it.
pub async fn insert_message(tx: &mut Tx, new: NewMessage<'_>, now: DateTime<Utc>) -> Result<MessageRow, sqlx::Error> {
    const LOCK: &str =
        "UPDATE conversations SET last_message_at = last_message_at WHERE id = $1 RETURNING last_message_at";
    const INSERT: &str = "INSERT INTO messages (id, conversation_id, author_id, body, job_post_id, created_at) \
                          VALUES ($1, $2, $3, $4, $5, $6)";
    const TOUCH: &str = "UPDATE conversations SET last_message_at = $2 WHERE id = $1";
    const READ: &str =
        "UPDATE conversation_members SET last_read_at = $3 WHERE conversation_id = $1 AND member_id = $2";
    let NewMessage { conversation_id, author_id, body, job_post_id } = new;
    let latest: DateTime<Utc> =
        on_tx!(tx, conn => sqlx::query_scalar(LOCK).bind(conversation_id).fetch_one(conn).await)?;
    let created_at = now.max(latest + TimeDelta::microseconds(1));
    let id = Uuid::now_v7();
    let message = MessageRow {
        id,
        conversation_id,
        author_id,
        body: body.to_owned(),
        job_post_id,
        created_at,
        removed_by_moderator: false,
    };
    on_tx!(tx, conn => sqlx::query(INSERT).bind(id).bind(conversation_id).bind(author_id).bind(body).bind(job_post_id).bind(created_at).execute(conn).await.map(drop))?;
    on_tx!(tx, conn => sqlx::query(TOUCH).bind(conversation_id).bind(created_at).execute(conn).await.map(drop))?;
    on_tx!(tx, conn => sqlx::query(READ).bind(conversation_id).bind(author_id).bind(created_at).execute(conn).await.map(drop))?;
    Ok(message)
}

/// The columns of a [`MessageRow`].
const MESSAGE_COLUMNS: &str = "id, conversation_id, author_id, body, job_post_id, created_at, removed_by_moderator";

/// Message `id`, if it exists.
pub async fn find_message(db: &Db, id: Uuid) -> Result<Option<MessageRow>, sqlx::Error> {
    let sql = format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// Removes message `id`'s words as a moderator, inside `tx`; false when it already was.
pub async fn remove_message(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "UPDATE messages SET body = '', removed_by_moderator = TRUE WHERE id = $1 AND NOT removed_by_moderator";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(id).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// A page of conversation `id`'s messages, oldest first.
pub async fn page_messages(db: &Db, id: Uuid, page: &Page) -> Result<Vec<MessageRow>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "created_at", "id", 2);
    let sql = format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1{}{}",
        keyset.condition, keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(id);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// The members of conversation `id` to tell of a message by `author`: in their inbox
/// or requests, not muting it at `now`.
pub async fn to_tell(
    db: &Db,
    id: Uuid,
    author: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<(Uuid, Standing)>, sqlx::Error> {
    const SQL: &str = "SELECT member_id, status FROM conversation_members WHERE conversation_id = $1 \
                       AND member_id <> $2 AND status IN ('INBOX', 'REQUESTED') \
                       AND (muted_until IS NULL OR muted_until <= $3)";
    let rows: Vec<(Uuid, String)> =
        on_db!(db, pool => sqlx::query_as(SQL).bind(id).bind(author).bind(now).fetch_all(pool).await)?;
    rows.into_iter().map(|(member, status)| Ok((member, standing_of(status)?))).collect()
}

fn standing_of(status: String) -> Result<Standing, sqlx::Error> {
    Standing::try_from(status).map_err(|error| sqlx::Error::Decode(error.into()))
}

/// Moves conversation `id` to `standing` for `member`.
pub async fn set_standing(db: &Db, id: Uuid, member: Uuid, standing: Standing) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE conversation_members SET status = $3 WHERE conversation_id = $1 AND member_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(member).bind(to_text(standing)).execute(pool).await.map(drop))
}

/// `member` has read conversation `id` up to the message timed `up_to` (never back).
pub async fn mark_read(db: &Db, id: Uuid, member: Uuid, up_to: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE conversation_members SET last_read_at = $3 WHERE conversation_id = $1 \
                       AND member_id = $2 AND (last_read_at IS NULL OR last_read_at < $3)";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(member).bind(up_to).execute(pool).await.map(drop))
}

/// Mutes conversation `id` for `member` until `until` (`None`: not muted).
pub async fn mute(db: &Db, id: Uuid, member: Uuid, until: Option<DateTime<Utc>>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE conversation_members SET muted_until = $3 WHERE conversation_id = $1 AND member_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(member).bind(until).execute(pool).await.map(drop))
}

/// Whether `member` takes message requests from people she is not connected with
/// (yes unless she said otherwise).
pub async fn accepts_requests(db: &Db, member: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT accepts_requests FROM message_settings WHERE member_id = $1";
    let setting: Option<bool> = on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_optional(pool).await)?;
    Ok(setting.unwrap_or(true))
}

/// Sets whether `member` takes message requests from people she is not connected with.
pub async fn set_accepts_requests(db: &Db, member: Uuid, accepts: bool) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO message_settings (member_id, accepts_requests) VALUES ($1, $2) \
                       ON CONFLICT (member_id) DO UPDATE SET accepts_requests = excluded.accepts_requests";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(accepts).execute(pool).await.map(drop))
}

/// Whether `member` lets a message's text show in its push (no unless she said so).
pub async fn push_previews(db: &Db, member: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT push_previews FROM message_settings WHERE member_id = $1";
    let setting: Option<bool> = on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_optional(pool).await)?;
    Ok(setting.unwrap_or(false))
}

/// Sets whether `member` lets a message's text show in its push.
pub async fn set_push_previews(db: &Db, member: Uuid, show: bool) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO message_settings (member_id, accepts_requests, push_previews) VALUES ($1, TRUE, $2) \
                       ON CONFLICT (member_id) DO UPDATE SET push_previews = excluded.push_previews";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(show).execute(pool).await.map(drop))
}
