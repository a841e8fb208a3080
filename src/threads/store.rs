//! SQL for threads, replies, reactions, mentions and follows, written once for both
//! databases. Reads are made for one viewer: they carry whether she follows a thread and
//! whether a block stands either way between her and its author, so pages need no
//! extra queries.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{
    Reaction, ReactionCount, Reply, ReplyExtras, SensitiveTopic, Thread, ThreadExtras, ThreadOrder, Topics,
};
use crate::db::page::{Order, Page};
use crate::db::text_enum::{from_text, to_text};
use crate::db::visibility::{
    author_masked_sql, blocked_either_way_sql, blocked_named_sql, held_from_sql, readable_group_ids_sql, sees_past_sql,
    shielded_sql, shielded_topic_sql,
};
use crate::db::{Db, Tx, placeholder_list};
use crate::members::{Member, member_columns};
use crate::moderation_log::{Target, TargetKind};
use crate::{on_db, on_tx};

/// A thread about to be created.
pub struct NewThread<'a> {
    pub id: Uuid,
    pub group_id: Uuid,
    pub author_id: Uuid,
    pub anonymous: bool,
    pub title: &'a str,
    pub body: &'a str,
    pub tags: &'a str,
    pub topics: &'a Topics,
    pub now: DateTime<Utc>,
}

/// A reply about to be posted.
pub struct NewReply<'a> {
    pub id: Uuid,
    pub thread_id: Uuid,
    pub parent_reply_id: Option<Uuid>,
    pub author_id: Uuid,
    pub anonymous: bool,
    pub body: &'a str,
    pub now: DateTime<Utc>,
}

/// The columns of thread `t` for the viewer in `$1`.
fn thread_columns() -> String {
    format!(
        "t.id, t.group_id, t.author_id, t.anonymous, {} AS author_masked, t.title, t.body, t.tags, t.pinned, t.locked, t.removed_by_moderator, t.held_for_review, \
         t.reply_count, t.created_at, t.edited_at, t.last_activity_at, \
         EXISTS (SELECT 1 FROM thread_follows f WHERE f.thread_id = t.id AND f.member_id = $1) AS viewer_follows, \
         t.group_id IN ({}) AS viewer_is_member, {} AS hidden, t.sensitive_topics, \
         CASE WHEN t.author_id = $1 THEN NULL ELSE {} END AS shielded_topic",
        author_masked_sql("t.anonymous", "t.author_id", "t.group_id", "$1"),
        crate::db::visibility::member_group_ids_sql("$1"),
        thread_unseen_sql(),
        shielded_topic_sql("t.sensitive_topics", "$1")
    )
}

/// A condition true for the threads (`t`) the viewer in `$1` does not see: by a member
/// blocked either way with her (unless anonymous), or held for review from her.
fn thread_unseen_sql() -> String {
    format!(
        "({} OR {})",
        blocked_named_sql("t.anonymous", "t.author_id", "$1"),
        held_from_sql("t.held_for_review", "t.author_id", "t.group_id", "$1")
    )
}

/// Threads for the viewer in `$1`.
fn thread_select() -> String {
    format!("SELECT {} FROM threads t", thread_columns())
}

/// A SQL expression listing the reactions to `target` as the viewer in `$1` sees them
/// (none by members blocked either way with her), as `REACTION:count:mine` items
/// joined by commas: a page's reactions come in the page's own statement.
fn reaction_summary_sql(db: &Db, target: &str) -> String {
    let join = if db.backend() == "postgres" { "string_agg" } else { "group_concat" };
    format!(
        "(SELECT {join}(s.reaction || ':' || s.n || ':' || s.mine, ',') FROM (SELECT x.reaction, COUNT(*) AS n, \
         MAX(CASE WHEN x.member_id = $1 THEN 1 ELSE 0 END) AS mine FROM reactions x \
         WHERE x.target_id = {target} AND NOT {} GROUP BY x.reaction) s)",
        blocked_either_way_sql("x.member_id", "$1")
    )
}

/// Reads what [`reaction_summary_sql`] lists, in the reactions' fixed order.
fn parse_reaction_summary(summary: Option<&str>) -> Result<Vec<ReactionCount>, sqlx::Error> {
    let odd = || sqlx::Error::Decode(format!("odd reaction summary {summary:?}").into());
    let mut counts = Vec::new();
    for item in summary.unwrap_or_default().split(',').filter(|item| !item.is_empty()) {
        let mut parts = item.split(':');
        let (Some(reaction), Some(count), Some(mine)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(odd());
        };
        let reaction = from_text(reaction).map_err(|error| sqlx::Error::Decode(error.into()))?;
        counts.push(ReactionCount { reaction, count: count.parse().map_err(|_| odd())?, reacted_by_me: mine == "1" });
    }
    counts.sort_by_key(|count| count.reaction as u8);
    Ok(counts)
}

/// A thread or reply read in one statement with its author and its reactions.
#[derive(sqlx::FromRow)]
struct WithExtras<T> {
    #[sqlx(flatten)]
    item: T,
    #[sqlx(flatten)]
    author: Member,
    reactions: Option<String>,
}

/// The thread row read by id.
#[derive(sqlx::FromRow)]
struct ThreadRow {
    #[sqlx(flatten)]
    thread: WithExtras<Thread>,
    group_readable: bool,
    viewer_sees_authors: bool,
}

/// Inserts a thread inside `tx`.
pub async fn insert_thread(tx: &mut Tx, thread: NewThread<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO threads (id, group_id, author_id, title, body, tags, sensitive_topics, anonymous, \
                       pinned, locked, reply_count, created_at, last_activity_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $8, $9, FALSE, FALSE, 0, $7, $7)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(thread.id)
        .bind(thread.group_id)
        .bind(thread.author_id)
        .bind(thread.title)
        .bind(thread.body)
        .bind(thread.tags)
        .bind(thread.now)
        .bind(thread.topics.stored())
        .bind(thread.anonymous)
        .execute(conn)
        .await
        .map(drop))
}

/// The thread `id` as `viewer` sees it, with its author, its reactions and whether she
/// may read its group, in one statement.
pub async fn find_thread(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Thread>, sqlx::Error> {
    let sql = format!(
        "SELECT {}, {}, {} AS reactions, t.group_id IN ({}) AS group_readable, {} AS viewer_sees_authors \
         FROM threads t JOIN members m ON m.id = t.author_id WHERE t.id = $2",
        thread_columns(),
        member_columns("$1"),
        reaction_summary_sql(db, "t.id"),
        readable_group_ids_sql("$1"),
        sees_past_sql("t.group_id", "$1")
    );
    let row: Option<ThreadRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)?;
    let Some(ThreadRow {
        thread: WithExtras { item: mut thread, author, reactions },
        group_readable,
        viewer_sees_authors,
    }) = row
    else {
        return Ok(None);
    };
    let reactions = parse_reaction_summary(reactions.as_deref())?;
    let extras = ThreadExtras { author: author.as_seen(), reactions, group_readable, viewer_sees_authors };
    thread.preloaded = Some(Box::new(extras));
    Ok(Some(thread))
}

fn order_column(order: ThreadOrder) -> &'static str {
    match order {
        ThreadOrder::Activity => "t.last_activity_at",
        ThreadOrder::Newest => "t.created_at",
    }
}

async fn page_threads(
    db: &Db,
    viewer: Uuid,
    scope: &str,
    scope_id: Option<Uuid>,
    order: ThreadOrder,
    page: &Page,
) -> Result<Vec<Thread>, sqlx::Error> {
    let first_cursor_param = if scope_id.is_some() { 3 } else { 2 };
    let keyset = page.keyset_sql(Order::NewestFirst, order_column(order), "t.id", first_cursor_param);
    let sql = format!(
        "{} WHERE {scope} AND NOT {}{}{}",
        thread_select(),
        thread_unseen_sql(),
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer);
        if let Some(scope_id) = scope_id {
            query = query.bind(scope_id);
        }
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// A page of the threads of `group_id` that `viewer` may see.
pub async fn page_group_threads(
    db: &Db,
    viewer: Uuid,
    group_id: Uuid,
    order: ThreadOrder,
    page: &Page,
) -> Result<Vec<Thread>, sqlx::Error> {
    let threads = page_threads(db, viewer, "t.group_id = $2", Some(group_id), order, page).await?;
    Ok(collapsed_where_shielded(threads))
}

/// `threads` as a list shows them: those she shields herself from collapsed.
fn collapsed_where_shielded(threads: Vec<Thread>) -> Vec<Thread> {
    threads.into_iter().map(|thread| Thread { collapsed: thread.shielded_topic.0.is_some(), ..thread }).collect()
}

/// A page of recent activity across the groups `viewer` belongs to.
pub async fn page_feed(db: &Db, viewer: Uuid, page: &Page) -> Result<Vec<Thread>, sqlx::Error> {
    let scope = format!(
        "t.group_id IN ({}) AND (t.author_id = $1 OR NOT {})",
        crate::db::visibility::member_group_ids_sql("$1"),
        shielded_sql("t.sensitive_topics", "$1")
    );
    page_threads(db, viewer, &scope, None, ThreadOrder::Activity, page).await
}

/// The pinned threads of `group_id`, most recently active first.
pub async fn pinned_threads(db: &Db, viewer: Uuid, group_id: Uuid) -> Result<Vec<Thread>, sqlx::Error> {
    let sql = format!(
        "{} WHERE t.group_id = $2 AND t.pinned AND NOT {} ORDER BY t.last_activity_at DESC LIMIT 20",
        thread_select(),
        thread_unseen_sql()
    );
    let threads = on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(group_id).fetch_all(pool).await)?;
    Ok(collapsed_where_shielded(threads))
}

/// Replaces thread `id`'s sensitive topics, inside `tx`.
pub async fn set_topics(tx: &mut Tx, id: Uuid, topics: &Topics) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE threads SET sensitive_topics = $2 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(topics.stored()).execute(conn).await.map(drop))
}

/// The topics `member` shields herself from.
pub async fn shielded_topics(db: &Db, member: Uuid) -> Result<Topics, sqlx::Error> {
    const SQL: &str = "SELECT topic FROM topic_shields WHERE member_id = $1";
    let names: Vec<String> = on_db!(db, pool => sqlx::query_scalar(SQL).bind(member).fetch_all(pool).await)?;
    let topics: anyhow::Result<Vec<SensitiveTopic>> = names.iter().map(|name| from_text(name)).collect();
    Ok(Topics::of(&topics.map_err(|error| sqlx::Error::Decode(error.into()))?))
}

/// Makes `topics` the ones `member` shields herself from.
pub async fn set_shielded_topics(db: &Db, member: Uuid, topics: &Topics) -> Result<(), sqlx::Error> {
    const CLEAR: &str = "DELETE FROM topic_shields WHERE member_id = $1";
    const ADD: &str = "INSERT INTO topic_shields (member_id, topic) VALUES ($1, $2)";
    let mut tx = db.begin_write().await?;
    on_tx!(&mut tx, conn => sqlx::query(CLEAR).bind(member).execute(conn).await.map(drop))?;
    for topic in &topics.0 {
        on_tx!(&mut tx, conn => sqlx::query(ADD).bind(member).bind(to_text(*topic)).execute(conn).await.map(drop))?;
    }
    tx.commit().await
}

/// Sets a thread's pinned or locked flag inside `tx`.
pub async fn set_flag(tx: &mut Tx, id: Uuid, flag: ThreadFlag, value: bool) -> Result<(), sqlx::Error> {
    let sql = match flag {
        ThreadFlag::Pinned => "UPDATE threads SET pinned = $2 WHERE id = $1",
        ThreadFlag::Locked => "UPDATE threads SET locked = $2 WHERE id = $1",
    };
    on_tx!(tx, conn => sqlx::query(sql).bind(id).bind(value).execute(conn).await.map(drop))
}

/// The table a thread or a reply (`target`) is in; none for other targets.
fn table_of(target: Target) -> Option<&'static str> {
    match target.kind {
        TargetKind::Thread => Some("threads"),
        TargetKind::Reply => Some("replies"),
        TargetKind::Event | TargetKind::Message | TargetKind::Member => None,
    }
}

/// Locks a thread's or a reply's row inside `tx` (on PostgreSQL; SQLite's writes take
/// turns anyway), so reports on it are counted one after another.
pub async fn lock_for_review(tx: &mut Tx, target: Target) -> Result<(), sqlx::Error> {
    let (Some(table), Tx::Postgres(_)) = (table_of(target), &*tx) else { return Ok(()) };
    let sql = format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE");
    on_tx!(tx, conn => sqlx::query(&sql).bind(target.id).fetch_optional(conn).await.map(drop))
}

/// Holds a thread or a reply (`target`) for review, or lets it be seen again, inside
/// `tx`; true when that changed it.
pub async fn set_held(tx: &mut Tx, target: Target, held: bool) -> Result<bool, sqlx::Error> {
    let Some(table) = table_of(target) else { return Ok(false) };
    let sql = format!("UPDATE {table} SET held_for_review = $2 WHERE id = $1 AND held_for_review <> $2");
    let done = on_tx!(tx, conn => sqlx::query(&sql).bind(target.id).bind(held).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// What a thread a moderator removed is titled.
pub const REMOVED_THREAD_TITLE: &str = "(removed by a moderator)";

/// Removes a thread's words as a moderator, inside `tx`: it keeps its place and its
/// replies, titled [`REMOVED_THREAD_TITLE`], unpinned and locked. False when it was
/// already removed.
pub async fn remove_thread(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "UPDATE threads SET title = '{REMOVED_THREAD_TITLE}', body = '', tags = '[]', pinned = FALSE, locked = TRUE, \
         removed_by_moderator = TRUE WHERE id = $1 AND NOT removed_by_moderator"
    );
    let done = on_tx!(tx, conn => sqlx::query(&sql).bind(id).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// The moderator switches on a thread.
#[derive(Debug, Clone, Copy)]
pub enum ThreadFlag {
    Pinned,
    Locked,
}

/// Inserts a reply inside `tx`; [`count_replies`] counts it on its thread later.
pub async fn insert_reply(tx: &mut Tx, reply: NewReply<'_>) -> Result<(), sqlx::Error> {
    const INSERT: &str = "INSERT INTO replies (id, thread_id, parent_reply_id, author_id, body, created_at, \
                          deleted_by_moderator, anonymous) VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7)";
    on_tx!(tx, conn => sqlx::query(INSERT)
        .bind(reply.id)
        .bind(reply.thread_id)
        .bind(reply.parent_reply_id)
        .bind(reply.author_id)
        .bind(reply.body)
        .bind(reply.now)
        .bind(reply.anonymous)
        .execute(conn)
        .await
        .map(drop))
}

/// Whether thread `id` takes a reply from `author` at `now`: it is not locked, and no
/// moderator muted her in its group. Read inside the reply's transaction `tx` so that
/// locking it waits for that transaction: on PostgreSQL under a share lock, which
/// replies to the same thread do not wait for among themselves; on SQLite, whose writes
/// take turns, after the reply's first write.
pub async fn accepts_reply(
    tx: &mut Tx,
    id: Uuid,
    author: Uuid,
    now: DateTime<Utc>,
) -> Result<ReplyWelcome, sqlx::Error> {
    let share = if matches!(tx, Tx::Postgres(_)) { " FOR SHARE OF t" } else { "" };
    let sql = format!(
        "SELECT t.locked, EXISTS (SELECT 1 FROM group_mutes mu WHERE mu.group_id = t.group_id \
         AND mu.member_id = $2 AND mu.until > $3) FROM threads t WHERE t.id = $1{share}"
    );
    let row: Option<(bool, bool)> =
        on_tx!(tx, conn => sqlx::query_as(&sql).bind(id).bind(author).bind(now).fetch_optional(conn).await)?;
    Ok(match row {
        None | Some((true, _)) => ReplyWelcome::Locked,
        Some((false, true)) => ReplyWelcome::Muted,
        Some((false, false)) => ReplyWelcome::Open,
    })
}

/// Whether a thread takes a reply (see [`accepts_reply`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyWelcome {
    Open,
    /// Locked (or gone): no one may reply.
    Locked,
    /// A moderator muted the author in the thread's group.
    Muted,
}

/// Counts again the replies of the threads of replies `ids`, each thread moving up to
/// its latest of them, inside `tx` (threads in one order, so two workers never
/// deadlock). A count made afresh rather than added to heals itself: a job that never
/// ran (set aside) is made good by the thread's next reply. The count is read before
/// the thread's row is locked, which replies wait for (see [`accepts_reply`]), and
/// never lowers the stored one: a worker that counted earlier cannot undo a later count.
pub async fn count_replies(tx: &mut Tx, ids: &[Uuid]) -> Result<(), sqlx::Error> {
    const COUNT: &str = "SELECT COUNT(*) FROM replies WHERE thread_id = $1";
    const UPDATE: &str = "UPDATE threads SET reply_count = CASE WHEN reply_count < $2 THEN $2 ELSE reply_count END, \
                          last_activity_at = CASE WHEN last_activity_at < $3 THEN $3 ELSE last_activity_at END \
                          WHERE id = $1";
    let sql = format!("SELECT thread_id, created_at FROM replies WHERE id IN ({})", placeholder_list(1, ids.len()));
    let posted: Vec<(Uuid, DateTime<Utc>)> = on_tx!(tx, conn => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(conn).await
    })?;
    let mut latest: BTreeMap<Uuid, DateTime<Utc>> = BTreeMap::new();
    for (thread, at) in posted {
        let latest = latest.entry(thread).or_insert(at);
        *latest = (*latest).max(at);
    }
    for (thread, at) in latest {
        let count: i64 = on_tx!(tx, conn => sqlx::query_scalar(COUNT).bind(thread).fetch_one(conn).await)?;
        on_tx!(tx, conn => sqlx::query(UPDATE).bind(thread).bind(count).bind(at).execute(conn).await.map(drop))?;
    }
    Ok(())
}

/// The columns of reply `r` for the viewer in `$1`.
fn reply_columns() -> String {
    const GROUP: &str = "(SELECT th.group_id FROM threads th WHERE th.id = r.thread_id)";
    format!(
        "r.id, r.thread_id, r.parent_reply_id, r.author_id, r.anonymous, {} AS author_masked, r.body, r.created_at, \
         r.edited_at, r.deleted_at, r.deleted_by_moderator, r.held_for_review, ({} OR {}) AS hidden",
        author_masked_sql("r.anonymous", "r.author_id", GROUP, "$1"),
        blocked_named_sql("r.anonymous", "r.author_id", "$1"),
        held_from_sql("r.held_for_review", "r.author_id", GROUP, "$1")
    )
}

fn reply_select() -> String {
    format!("SELECT {} FROM replies r", reply_columns())
}

/// The reply `id` as `viewer` sees it.
pub async fn find_reply(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Reply>, sqlx::Error> {
    let sql = format!("{} WHERE r.id = $2", reply_select());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// A page of the replies of `thread_id`, oldest first, each with its author and its
/// reactions: one statement for the page.
pub async fn page_replies(db: &Db, viewer: Uuid, thread_id: Uuid, page: &Page) -> Result<Vec<Reply>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "r.created_at", "r.id", 3);
    let sql = format!(
        "SELECT {}, {}, {} AS reactions FROM replies r JOIN members m ON m.id = r.author_id \
         WHERE r.thread_id = $2{}{}",
        reply_columns(),
        member_columns("$1"),
        reaction_summary_sql(db, "r.id"),
        keyset.condition,
        keyset.order_limit
    );
    let rows: Vec<WithExtras<Reply>> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer).bind(thread_id);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    rows.into_iter()
        .map(|WithExtras { item: mut reply, author, reactions }| {
            let reactions = parse_reaction_summary(reactions.as_deref())?;
            reply.preloaded = Some(Box::new(ReplyExtras { author: author.as_seen(), reactions }));
            Ok(reply)
        })
        .collect()
}

/// Replaces the body of a live reply.
pub async fn edit_reply(db: &Db, id: Uuid, body: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE replies SET body = $2, edited_at = $3 WHERE id = $1 AND deleted_at IS NULL";
    on_db!(db, pool => sqlx::query(SQL).bind(id).bind(body).bind(now).execute(pool).await.map(drop))
}

/// Soft-deletes a live reply inside `tx`: the thread keeps its place, the text is gone.
/// False when it was already deleted.
pub async fn delete_reply(tx: &mut Tx, id: Uuid, by_moderator: bool, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE replies SET body = '', deleted_at = $2, deleted_by_moderator = $3 \
                       WHERE id = $1 AND deleted_at IS NULL";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(now).bind(by_moderator).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Adds `member_id`'s `reaction` to `target_id`, or takes it back if it was there;
/// returns whether it is there now.
pub async fn toggle_reaction(
    tx: &mut Tx,
    target_id: Uuid,
    member_id: Uuid,
    reaction: Reaction,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const DELETE: &str = "DELETE FROM reactions WHERE target_id = $1 AND member_id = $2 AND reaction = $3";
    const INSERT: &str = "INSERT INTO reactions (target_id, member_id, reaction, created_at) VALUES ($1, $2, $3, $4) \
                          ON CONFLICT (target_id, member_id, reaction) DO NOTHING";
    let reaction = to_text(reaction);
    let removed = on_tx!(tx, conn => sqlx::query(DELETE)
        .bind(target_id)
        .bind(member_id)
        .bind(&reaction)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))?;
    if removed == 0 {
        on_tx!(tx, conn => sqlx::query(INSERT).bind(target_id).bind(member_id).bind(&reaction).bind(now).execute(conn).await.map(drop))?;
    }
    Ok(removed == 0)
}

/// Reaction counts for each of `targets` as `viewer` sees them: whether she reacted,
/// and without reactions by members blocked either way with her.
pub async fn reaction_counts(
    db: &Db,
    viewer: Uuid,
    targets: &[Uuid],
) -> Result<HashMap<Uuid, Vec<ReactionCount>>, sqlx::Error> {
    if targets.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT r.target_id, r.reaction, COUNT(*), SUM(CASE WHEN r.member_id = $1 THEN 1 ELSE 0 END) \
         FROM reactions r WHERE r.target_id IN ({}) AND NOT {} GROUP BY r.target_id, r.reaction",
        placeholder_list(2, targets.len()),
        blocked_either_way_sql("r.member_id", "$1")
    );
    let rows: Vec<(Uuid, String, i64, i64)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(viewer);
        for target in targets {
            query = query.bind(target);
        }
        query.fetch_all(pool).await
    })?;
    let mut counts: HashMap<Uuid, Vec<ReactionCount>> = HashMap::new();
    for (target, reaction, count, mine) in rows {
        let reaction = from_text(&reaction).map_err(|error| sqlx::Error::Decode(error.into()))?;
        counts.entry(target).or_default().push(ReactionCount { reaction, count, reacted_by_me: mine > 0 });
    }
    Ok(counts)
}

/// Who a reply concerns: what its notifications are made from.
#[derive(Debug, sqlx::FromRow)]
pub struct ReplyAudience {
    pub thread_id: Uuid,
    pub group_id: Uuid,
    /// Who wrote the reply, and when.
    pub author_id: Uuid,
    /// Posted anonymously: its notifications name no one.
    pub anonymous: bool,
    pub created_at: DateTime<Utc>,
    pub thread_author_id: Uuid,
    /// Who wrote the reply it answers.
    pub parent_author_id: Option<Uuid>,
    #[sqlx(skip)]
    pub mentioned: Vec<Uuid>,
    #[sqlx(skip)]
    pub followers: Vec<Uuid>,
}

/// Who live reply `id` concerns; `None` once it is gone or deleted.
pub async fn reply_audience(db: &Db, id: Uuid) -> Result<Option<ReplyAudience>, sqlx::Error> {
    const SQL: &str = "SELECT r.thread_id, t.group_id, r.author_id, r.anonymous, \
                       r.created_at, t.author_id AS thread_author_id, p.author_id AS parent_author_id \
                       FROM replies r JOIN threads t ON t.id = r.thread_id \
                       LEFT JOIN replies p ON p.id = r.parent_reply_id \
                       WHERE r.id = $1 AND r.deleted_at IS NULL";
    const MENTIONED: &str = "SELECT member_id FROM mentions WHERE source_id = $1";
    // Who followed it when the reply was posted: jobs run later, after others may have.
    const FOLLOWERS: &str = "SELECT member_id FROM thread_follows WHERE thread_id = $1 AND created_at <= $2";
    let audience: Option<ReplyAudience> = on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)?;
    let Some(mut audience) = audience else {
        return Ok(None);
    };
    audience.mentioned = on_db!(db, pool => sqlx::query_scalar(MENTIONED).bind(id).fetch_all(pool).await)?;
    let (thread, posted) = (audience.thread_id, audience.created_at);
    audience.followers =
        on_db!(db, pool => sqlx::query_scalar(FOLLOWERS).bind(thread).bind(posted).fetch_all(pool).await)?;
    Ok(Some(audience))
}

/// Who reacted how to `target`.
pub async fn reactions_on(db: &Db, target: Uuid) -> Result<Vec<(Uuid, Reaction)>, sqlx::Error> {
    const SQL: &str = "SELECT member_id, reaction FROM reactions WHERE target_id = $1";
    let rows: Vec<(Uuid, String)> = on_db!(db, pool => sqlx::query_as(SQL).bind(target).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|(member, reaction)| {
            from_text(&reaction).map(|reaction| (member, reaction)).map_err(|error| sqlx::Error::Decode(error.into()))
        })
        .collect()
}

/// Records who a text mentions.
pub async fn insert_mentions(
    tx: &mut Tx,
    source_id: Uuid,
    thread_id: Uuid,
    members: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO mentions (source_id, thread_id, member_id, created_at) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (source_id, member_id) DO NOTHING";
    for member in members {
        on_tx!(tx, conn => sqlx::query(SQL).bind(source_id).bind(thread_id).bind(member).bind(now).execute(conn).await.map(drop))?;
    }
    Ok(())
}

/// Makes `member_id` follow `thread_id` (again is fine).
pub async fn follow(tx: &mut Tx, thread_id: Uuid, member_id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO thread_follows (thread_id, member_id, created_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (thread_id, member_id) DO NOTHING";
    on_tx!(tx, conn => sqlx::query(SQL).bind(thread_id).bind(member_id).bind(now).execute(conn).await.map(drop))
}

/// Stops `member_id` following every thread of `group_id`.
pub async fn unfollow_group(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str =
        "DELETE FROM thread_follows WHERE member_id = $2 AND thread_id IN (SELECT id FROM threads WHERE group_id = $1)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(group_id).bind(member_id).execute(conn).await.map(drop))
}

/// Stops `member_id` following `thread_id`.
pub async fn unfollow(db: &Db, thread_id: Uuid, member_id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM thread_follows WHERE thread_id = $1 AND member_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(thread_id).bind(member_id).execute(pool).await.map(drop))
}
