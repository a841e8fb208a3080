//! Notifications in the database: recorded (collapsing into her unread entry for the
//! same thread), listed newest first, counted and marked read. Lists and counts show
//! only what she may still see: threads of groups she can read, conversations she has
//! not declined or left, by members she has not blocked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Notification, NotificationKind};
use crate::db::page::{Order, Page};
use crate::db::text_enum::to_text;
use crate::db::visibility::{
    blocked_either_way_sql, blocked_named_sql, held_from_sql, readable_group_ids_sql, shielded_sql,
};
use crate::db::{Db, Tx, placeholder_list};
use crate::threads::ANONYMOUS_AUTHOR;
use crate::{on_db, on_tx};

/// One notification to record.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub member_id: Uuid,
    pub kind: NotificationKind,
    pub group_id: Option<Uuid>,
    pub thread_id: Option<Uuid>,
    pub reply_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub conversation_id: Option<Uuid>,
    pub message_id: Option<Uuid>,
    pub job_post_id: Option<Uuid>,
    pub coffee_chat_id: Option<Uuid>,
    pub program_id: Option<Uuid>,
    pub survey_id: Option<Uuid>,
    /// The moderation log entry of a moderator's warning (its note is what she is told).
    pub moderation_entry_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    /// Done by someone posting anonymously: `actor_id` is kept empty.
    pub actor_anonymous: bool,
    /// Unread notifications with the same key collapse into one entry.
    pub collapse_key: String,
    /// How many happenings it stands for (replies to a thread, folded into one).
    pub happenings: i32,
    /// Whether she wants it pushed to her devices too.
    pub push: bool,
    /// Whether she wants it emailed too.
    pub email: bool,
}

impl NewNotification {
    /// Her notification of `kind`, collapsing under `collapse_key`, about nothing yet:
    /// set what it is about (and who did it) on the result.
    pub fn to(member_id: Uuid, kind: NotificationKind, collapse_key: String) -> Self {
        Self {
            member_id,
            kind,
            group_id: None,
            thread_id: None,
            reply_id: None,
            event_id: None,
            conversation_id: None,
            message_id: None,
            job_post_id: None,
            coffee_chat_id: None,
            program_id: None,
            survey_id: None,
            moderation_entry_id: None,
            actor_id: None,
            actor_anonymous: false,
            collapse_key,
            happenings: 1,
            push: false,
            email: false,
        }
    }
}

/// Rows one statement records at most (20 values each, within both databases' limits).
const RECORD_CHUNK: usize = 500;

/// Records each of `planned` (one per member and collapse key) at its time, or folds it
/// into her unread entry with the same key (its happenings more, the latest actor, the
/// most direct kind, its time), in the order given, a few hundred to a statement; returns each entry's
/// id and whether it is new, in that order.
pub async fn record_all(
    tx: &mut Tx,
    planned: &[(&NewNotification, DateTime<Utc>)],
) -> Result<Vec<(Uuid, bool)>, sqlx::Error> {
    let mut recorded = Vec::with_capacity(planned.len());
    for chunk in planned.chunks(RECORD_CHUNK) {
        recorded.extend(record_chunk(tx, chunk).await?);
    }
    Ok(recorded)
}

async fn record_chunk(
    tx: &mut Tx,
    planned: &[(&NewNotification, DateTime<Utc>)],
) -> Result<Vec<(Uuid, bool)>, sqlx::Error> {
    const COLUMNS: usize = 20;
    let rows: Vec<String> = (0..planned.len())
        .map(|row| {
            let first = row * COLUMNS + 1;
            format!("({}, ${}, ${})", placeholder_list(first, 19), first + 19, first + 19)
        })
        .collect();
    let sql = format!(
        "INSERT INTO notifications (id, member_id, kind, kind_rank, group_id, thread_id, reply_id, event_id, \
         conversation_id, message_id, job_post_id, coffee_chat_id, program_id, survey_id, moderation_entry_id, actor_id, \
         actor_anonymous, happenings, collapse_key, created_at, updated_at) VALUES {} \
         ON CONFLICT (member_id, collapse_key) WHERE read_at IS NULL DO UPDATE SET \
         happenings = notifications.happenings + excluded.happenings, \
         kind = CASE WHEN excluded.kind_rank > notifications.kind_rank THEN excluded.kind ELSE notifications.kind END, \
         kind_rank = CASE WHEN excluded.kind_rank > notifications.kind_rank \
         THEN excluded.kind_rank ELSE notifications.kind_rank END, \
         reply_id = excluded.reply_id, message_id = excluded.message_id, actor_id = excluded.actor_id, \
         actor_anonymous = excluded.actor_anonymous, updated_at = excluded.updated_at \
         RETURNING member_id, collapse_key, id, created_at = updated_at",
        rows.join(", ")
    );
    let returned: Vec<(Uuid, String, Uuid, bool)> = on_tx!(tx, conn => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for (new, at) in planned {
            query = query
                .bind(Uuid::now_v7())
                .bind(new.member_id)
                .bind(to_text(new.kind))
                .bind(new.kind.rank())
                .bind(new.group_id)
                .bind(new.thread_id)
                .bind(new.reply_id)
                .bind(new.event_id)
                .bind(new.conversation_id)
                .bind(new.message_id)
                .bind(new.job_post_id)
                .bind(new.coffee_chat_id)
                .bind(new.program_id)
                .bind(new.survey_id)
                .bind(new.moderation_entry_id)
                .bind(new.actor_id)
                .bind(new.actor_anonymous)
                .bind(new.happenings)
                .bind(&new.collapse_key)
                .bind(at);
        }
        query.fetch_all(conn).await
    })?;
    let mut by_key: HashMap<(Uuid, String), (Uuid, bool)> =
        returned.into_iter().map(|(member, key, id, new)| ((member, key), (id, new))).collect();
    planned
        .iter()
        .map(|(new, _)| {
            by_key
                .remove(&(new.member_id, new.collapse_key.clone()))
                .ok_or_else(|| sqlx::Error::Protocol("a recorded notification came back missing".into()))
        })
        .collect()
}

/// The notifications (alias `n`) joined with what they are about: the group `g`, the
/// thread `t`, the event `e`, the job `j`, the coffee chat `cc`, the program `pr`, the survey `sv`, the moderation log
/// entry `ml` and the reply `rr`, when they have one.
const SUBJECTS: &str = "notifications n LEFT JOIN groups g ON g.id = n.group_id \
                        LEFT JOIN threads t ON t.id = n.thread_id LEFT JOIN events e ON e.id = n.event_id \
                        LEFT JOIN job_posts j ON j.id = n.job_post_id \
                        LEFT JOIN coffee_chats cc ON cc.id = n.coffee_chat_id \
                        LEFT JOIN programs pr ON pr.id = n.program_id \
                        LEFT JOIN surveys sv ON sv.id = n.survey_id \
                        LEFT JOIN moderation_log ml ON ml.id = n.moderation_entry_id \
                        LEFT JOIN replies rr ON rr.id = n.reply_id";

/// A condition keeping the notifications `viewer` (a parameter or `n.member_id`) may
/// still see: in groups she can read or conversations in her inbox or requests, not
/// from a member with a block either way, not about threads (unless anonymous) or
/// events, programs or surveys by members blocked either way with her, nor about threads or replies held for review from her
/// (those are hidden from her everywhere).
fn still_visible_sql(viewer: &str) -> String {
    format!(
        "(n.group_id IS NULL OR n.group_id IN ({})) AND (n.conversation_id IS NULL OR EXISTS (SELECT 1 \
         FROM conversation_members cm WHERE cm.conversation_id = n.conversation_id AND cm.member_id = {viewer} \
         AND cm.status IN ('INBOX', 'REQUESTED'))) AND (n.actor_id IS NULL OR NOT {}) \
         AND (t.id IS NULL OR NOT ({} OR {})) AND (rr.id IS NULL OR NOT {}) AND (e.id IS NULL OR NOT {}) \
         AND (pr.id IS NULL OR NOT {}) AND (sv.id IS NULL OR NOT {})",
        readable_group_ids_sql(viewer),
        blocked_either_way_sql("n.actor_id", viewer),
        blocked_named_sql("t.anonymous", "t.author_id", viewer),
        held_from_sql("t.held_for_review", "t.author_id", "t.group_id", viewer),
        held_from_sql("rr.held_for_review", "rr.author_id", "t.group_id", viewer),
        blocked_either_way_sql("e.created_by", viewer),
        blocked_either_way_sql("pr.created_by", viewer),
        blocked_either_way_sql("sv.created_by", viewer)
    )
}

/// The columns of a [`Notification`], from [`SUBJECTS`]: `shielded` when it is about a
/// reply or mention in a thread on a topic she shields herself from (not her own).
fn columns() -> String {
    format!(
        "n.id, n.kind, n.group_id, g.name AS group_name, \
         COALESCE(g.visibility = 'PRIVATE', FALSE) AS group_private, n.thread_id, n.reply_id, \
         n.event_id, n.conversation_id, n.message_id, n.job_post_id, n.coffee_chat_id, n.program_id, \
         n.survey_id, COALESCE(t.title, e.title, j.title, pr.title, sv.title) AS subject_title, \
         COALESCE(e.starts_at, cc.starts_at) AS event_starts_at, ml.note AS moderator_note, \
         (n.kind IN ('REPLY_TO_MY_THREAD', 'REPLY_TO_MY_REPLY', 'MENTION', 'FOLLOWED_THREAD_ACTIVITY') \
         AND t.author_id <> n.member_id AND {}) AS shielded, \
         n.actor_id, n.actor_anonymous, n.happenings, n.created_at, n.updated_at, n.read_at",
        shielded_sql("t.sensitive_topics", "n.member_id")
    )
}

/// A page of her notifications, most recently updated first.
pub async fn page(db: &Db, member: Uuid, page: &Page) -> Result<Vec<Notification>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "n.updated_at", "n.id", 2);
    let sql = format!(
        "SELECT {} FROM {SUBJECTS} WHERE n.member_id = $1 AND {}{}{}",
        columns(),
        still_visible_sql("$1"),
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(member);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// A notification to push: whose it is, the name of who did its latest happening
/// ("Anonymous member" for an anonymous post), and
/// the text of its latest message when she lets message text show in pushes.
#[derive(Debug, sqlx::FromRow)]
pub struct ForPush {
    pub member_id: Uuid,
    #[sqlx(flatten)]
    pub notification: Notification,
    pub actor_name: Option<String>,
    pub message_preview: Option<String>,
}

/// Notifications `ids` to push, those their members may still see.
pub async fn for_push(db: &Db, ids: &[Uuid]) -> Result<Vec<ForPush>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT n.member_id, {}, a.display_name AS actor_name, \
         CASE WHEN ms.push_previews THEN msg.body END AS message_preview FROM {SUBJECTS} \
         LEFT JOIN members a ON a.id = n.actor_id LEFT JOIN messages msg ON msg.id = n.message_id \
         LEFT JOIN message_settings ms ON ms.member_id = n.member_id WHERE n.id IN ({}) AND {}",
        columns(),
        placeholder_list(1, ids.len()),
        still_visible_sql("n.member_id")
    );
    let mut found: Vec<ForPush> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })?;
    for push in found.iter_mut().filter(|push| push.notification.actor_anonymous) {
        push.actor_name = Some(ANONYMOUS_AUTHOR.to_owned());
    }
    Ok(found)
}

/// How many unread notifications each of `members` has (none: absent).
pub async fn unread_counts(db: &Db, members: &[Uuid]) -> Result<HashMap<Uuid, i64>, sqlx::Error> {
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT n.member_id, COUNT(*) FROM {SUBJECTS} WHERE n.member_id IN ({}) AND n.read_at IS NULL AND {} \
         GROUP BY n.member_id",
        placeholder_list(1, members.len()),
        still_visible_sql("n.member_id")
    );
    let rows: Vec<(Uuid, i64)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().collect())
}

/// How many of her notifications are unread.
/// Her unread notifications of `kind` she may still see.
pub async fn unread_of_kind(db: &Db, member: Uuid, kind: NotificationKind) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "SELECT COUNT(*) FROM {SUBJECTS} WHERE n.member_id = $1 AND n.kind = $2 AND n.read_at IS NULL AND {}",
        still_visible_sql("n.member_id")
    );
    on_db!(db, pool => sqlx::query_scalar(&sql).bind(member).bind(crate::db::text_enum::to_text(kind)).fetch_one(pool).await)
}

pub async fn unread_count(db: &Db, member: Uuid) -> Result<i64, sqlx::Error> {
    Ok(unread_counts(db, &[member]).await?.remove(&member).unwrap_or(0))
}

/// Which of her notifications to mark read.
#[derive(Debug, Clone, Copy)]
pub enum Marking<'a> {
    All,
    These(&'a [Uuid]),
    /// Those about a conversation whose latest message is no later than `up_to`.
    AboutConversation {
        id: Uuid,
        up_to: DateTime<Utc>,
    },
}

/// Marks her notifications `which` read — only those she may see now: one hidden from
/// her (a lost group, a block) keeps its state for when she may see it again. Others'
/// ids are ignored. Returns how many changed.
pub async fn mark_read(db: &Db, member: Uuid, which: Marking<'_>, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let (only, ids): (String, &[Uuid]) = match which {
        Marking::All => (String::new(), &[]),
        Marking::These(ids) => (format!(" AND n.id IN ({})", placeholder_list(3, ids.len())), ids),
        Marking::AboutConversation { .. } => (
            " AND n.conversation_id = $3 AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = n.message_id \
             AND m.created_at > $4)"
                .to_owned(),
            &[],
        ),
    };
    let sql = format!(
        "UPDATE notifications SET read_at = $2 WHERE id IN (SELECT n.id FROM {SUBJECTS} \
         WHERE n.member_id = $1 AND n.read_at IS NULL AND {}{only})",
        still_visible_sql("$1")
    );
    on_db!(db, pool => {
        let mut query = sqlx::query(&sql).persistent(false).bind(member).bind(now);
        if let Marking::AboutConversation { id, up_to } = which {
            query = query.bind(id).bind(up_to);
        }
        for id in ids {
            query = query.bind(id);
        }
        query.execute(pool).await.map(|done| done.rows_affected())
    })
}
