//! SQL for groups, memberships, join requests and invitations, written once for both
//! databases. Every group read carries the viewer's role, so lists need no second query.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{
    Group, GroupMember, GroupMemberRow, GroupRole, GroupRow, JoinRequest, JoinRequestRow, JoinRequestStatus,
};
use crate::db::page::{Order, Page};
use crate::db::text_enum::{from_text, to_text};
use crate::db::visibility::blocked_either_way_sql;
use crate::db::{Db, Tx, convert, convert_all};
use crate::text::{contains_pattern, fold};
use crate::{on_db, on_tx};

/// A group about to be created.
pub struct NewGroup<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
    pub join_policy: &'a str,
    pub join_questions: &'a str,
    pub allow_anonymous_posts: bool,
    pub created_by: Uuid,
    pub now: DateTime<Utc>,
}

const GROUP_SELECT: &str = "SELECT g.id, g.name, g.description, g.visibility, g.join_policy, g.join_questions, \
     g.member_count, g.allow_anonymous_posts, g.created_at, m.role AS viewer_role \
     FROM groups g LEFT JOIN group_memberships m ON m.group_id = g.id AND m.member_id = $1";

/// Inserts a group (with no members yet) inside `tx`.
pub async fn insert_group(tx: &mut Tx, group: NewGroup<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO groups (id, name, description, visibility, join_policy, join_questions, \
                       search_key, member_count, created_by, created_at, updated_at, allow_anonymous_posts) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9, $10)";
    let search_key = fold(&format!("{}\n{}", group.name, group.description));
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(group.id)
        .bind(group.name)
        .bind(group.description)
        .bind(group.visibility)
        .bind(group.join_policy)
        .bind(group.join_questions)
        .bind(search_key)
        .bind(group.created_by)
        .bind(group.now)
        .bind(group.allow_anonymous_posts)
        .execute(conn)
        .await
        .map(drop))
}

/// The group `id` as `viewer` sees it (with her role), if it exists.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Group>, sqlx::Error> {
    let sql = format!("{GROUP_SELECT} WHERE g.id = $2");
    let row: Option<GroupRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)?;
    row.map(convert).transpose()
}

/// A page of all groups, newest first by creation, optionally matching `search` in the
/// name or description. A program's cohort is listed only to its members: others find
/// the program.
pub async fn page_all(db: &Db, viewer: Uuid, search: Option<&str>, page: &Page) -> Result<Vec<Group>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "g.created_at", "g.id", 3);
    let sql = format!(
        "{GROUP_SELECT} WHERE ($2 = '' OR g.search_key LIKE $2 ESCAPE '\\') \
         AND (m.role IS NOT NULL OR g.id NOT IN (SELECT cohort_group_id FROM programs)){}{}",
        keyset.condition, keyset.order_limit
    );
    let pattern = search.map(contains_pattern).unwrap_or_default();
    let rows: Vec<GroupRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer).bind(&pattern);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    convert_all(rows)
}

/// A page of the groups `viewer` belongs to, in the order she joined them.
pub async fn page_mine(db: &Db, viewer: Uuid, page: &Page) -> Result<Vec<(Group, DateTime<Utc>)>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "m.joined_at", "g.id", 2);
    let sql = format!(
        "SELECT g.id, g.name, g.description, g.visibility, g.join_policy, g.join_questions, g.member_count, \
         g.allow_anonymous_posts, g.created_at, m.role AS viewer_role, m.joined_at \
         FROM group_memberships m JOIN groups g ON g.id = m.group_id WHERE m.member_id = $1{}{}",
        keyset.condition, keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as::<_, MineRow>(&sql).bind(viewer);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
    .and_then(|rows| rows.into_iter().map(|row| Ok((convert(row.group)?, row.joined_at))).collect())
}

#[derive(sqlx::FromRow)]
struct MineRow {
    #[sqlx(flatten)]
    group: GroupRow,
    joined_at: DateTime<Utc>,
}

/// The role of `member_id` in `group_id`, read inside `tx` (so it cannot change before
/// the transaction acts on it).
pub async fn role_in_tx(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> Result<Option<GroupRole>, sqlx::Error> {
    const SQL: &str = "SELECT role FROM group_memberships WHERE group_id = $1 AND member_id = $2";
    let role: Option<String> =
        on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(group_id).bind(member_id).fetch_optional(conn).await)?;
    role.map(|role| from_text(&role).map_err(|error| sqlx::Error::Decode(error.into()))).transpose()
}

/// Locks group `id` for the rest of `tx`, so membership rules (the last owner) are
/// decided one change at a time.
pub async fn lock_group(tx: &mut Tx, id: Uuid) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("UPDATE groups SET updated_at = updated_at WHERE id = $1").bind(id).execute(conn).await.map(drop))
}

/// Adds `member_id` to `group_id` with `role` and counts her.
pub async fn add_member(
    tx: &mut Tx,
    group_id: Uuid,
    member_id: Uuid,
    role: GroupRole,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const INSERT: &str = "INSERT INTO group_memberships (group_id, member_id, role, joined_at) VALUES ($1, $2, $3, $4)";
    const COUNT: &str = "UPDATE groups SET member_count = member_count + 1 WHERE id = $1";
    let role = to_text(role);
    on_tx!(tx, conn => sqlx::query(INSERT).bind(group_id).bind(member_id).bind(role).bind(now).execute(conn).await.map(drop))?;
    on_tx!(tx, conn => sqlx::query(COUNT).bind(group_id).execute(conn).await.map(drop))
}

/// Removes `member_id` from `group_id`; returns whether she was a member.
pub async fn remove_member(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> Result<bool, sqlx::Error> {
    const DELETE: &str = "DELETE FROM group_memberships WHERE group_id = $1 AND member_id = $2";
    const COUNT: &str = "UPDATE groups SET member_count = member_count - 1 WHERE id = $1";
    let removed = on_tx!(tx, conn => sqlx::query(DELETE).bind(group_id).bind(member_id).execute(conn).await.map(|done| done.rows_affected()))?;
    if removed == 1 {
        on_tx!(tx, conn => sqlx::query(COUNT).bind(group_id).execute(conn).await.map(drop))?;
    }
    Ok(removed == 1)
}

/// The groups `member_id` is in, read inside `tx`.
pub async fn groups_of(tx: &mut Tx, member_id: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT group_id FROM group_memberships WHERE member_id = $1";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(member_id).fetch_all(conn).await)
}

/// Whether `group_id` is a program's cohort (whose members come and go by enrolment).
pub async fn is_cohort(tx: &mut Tx, group_id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM programs WHERE cohort_group_id = $1";
    let count: i64 = on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(group_id).fetch_one(conn).await)?;
    Ok(count > 0)
}

/// Whether `member_id` is in `group_id` by a place in the program it is the cohort of.
pub async fn holds_program_place(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM programs p JOIN program_enrollments pe ON pe.program_id = p.id \
                       WHERE p.cohort_group_id = $1 AND pe.member_id = $2 AND pe.status = 'ENROLLED'";
    let count: i64 = on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(group_id).bind(member_id).fetch_one(conn).await)?;
    Ok(count > 0)
}

/// Changes the role of a member of `group_id`.
pub async fn set_role(tx: &mut Tx, group_id: Uuid, member_id: Uuid, role: GroupRole) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE group_memberships SET role = $3 WHERE group_id = $1 AND member_id = $2";
    on_tx!(tx, conn => sqlx::query(SQL).bind(group_id).bind(member_id).bind(to_text(role)).execute(conn).await.map(drop))
}

/// Lets members of `group_id` post anonymously, or stops it, inside `tx`; true when that
/// changed it.
pub async fn set_anonymous_posts(tx: &mut Tx, group_id: Uuid, allowed: bool) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE groups SET allow_anonymous_posts = $2 WHERE id = $1 AND allow_anonymous_posts <> $2";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(group_id).bind(allowed).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// How many owners `group_id` has.
pub async fn owner_count(tx: &mut Tx, group_id: Uuid) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM group_memberships WHERE group_id = $1 AND role = 'OWNER'";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(group_id).fetch_one(conn).await)
}

/// How many members `group_id` has, read inside `tx`.
pub async fn member_count(tx: &mut Tx, group_id: Uuid) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar("SELECT member_count FROM groups WHERE id = $1").bind(group_id).fetch_one(conn).await)
}

/// A page of the members of `group_id`, in joining order, without those `viewer` blocked.
pub async fn page_members(db: &Db, viewer: Uuid, group_id: Uuid, page: &Page) -> Result<Vec<GroupMember>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "joined_at", "member_id", 3);
    let sql = format!(
        "SELECT member_id, role, joined_at FROM group_memberships WHERE group_id = $1 AND NOT {}{}{}",
        blocked_either_way_sql("member_id", "$2"),
        keyset.condition,
        keyset.order_limit
    );
    let rows: Vec<GroupMemberRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(group_id).bind(viewer);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    convert_all(rows)
}

const REQUEST_COLUMNS: &str = "id, group_id, member_id, answers, status, created_at";

/// Files a pending request; a second pending request violates a unique index.
pub async fn insert_request(tx: &mut Tx, request: &JoinRequest) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO group_join_requests (id, group_id, member_id, answers, status, created_at) \
                       VALUES ($1, $2, $3, $4, 'PENDING', $5)";
    let answers = serde_json::to_string(&request.answers).map_err(|e| sqlx::Error::Encode(e.into()))?;
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(request.id)
        .bind(request.group_id)
        .bind(request.member_id)
        .bind(answers)
        .bind(request.created_at)
        .execute(conn)
        .await
        .map(drop))
}

/// The join request `id`.
pub async fn find_request(db: &Db, id: Uuid) -> Result<Option<JoinRequest>, sqlx::Error> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM group_join_requests WHERE id = $1");
    let row: Option<JoinRequestRow> = on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    row.map(convert).transpose()
}

/// The pending request of `member_id` to join `group_id`, if any.
pub async fn pending_request(db: &Db, group_id: Uuid, member_id: Uuid) -> Result<Option<JoinRequest>, sqlx::Error> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM group_join_requests WHERE group_id = $1 AND member_id = $2 AND status = 'PENDING'"
    );
    let row: Option<JoinRequestRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(group_id).bind(member_id).fetch_optional(pool).await)?;
    row.map(convert).transpose()
}

/// Decides a pending request; false when it was no longer pending.
pub async fn decide_request(
    tx: &mut Tx,
    id: Uuid,
    status: JoinRequestStatus,
    decided_by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE group_join_requests SET status = $2, decided_by = $3, decided_at = $4 \
                       WHERE id = $1 AND status = 'PENDING'";
    let affected = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id)
        .bind(to_text(status))
        .bind(decided_by)
        .bind(now)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(affected == 1)
}

/// A page of the pending requests to join `group_id`, oldest first.
pub async fn page_pending_requests(db: &Db, group_id: Uuid, page: &Page) -> Result<Vec<JoinRequest>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::OldestFirst, "created_at", "id", 2);
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM group_join_requests WHERE group_id = $1 AND status = 'PENDING'{}{}",
        keyset.condition, keyset.order_limit
    );
    let rows: Vec<JoinRequestRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(group_id);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    convert_all(rows)
}

/// Records an invitation (again is fine).
pub async fn insert_invitation(
    tx: &mut Tx,
    group_id: Uuid,
    member_id: Uuid,
    invited_by: Uuid,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO group_invitations (group_id, member_id, invited_by, created_at) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (group_id, member_id) DO NOTHING";
    on_tx!(tx, conn => sqlx::query(SQL).bind(group_id).bind(member_id).bind(invited_by).bind(now).execute(conn).await.map(drop))
}

/// Uses up the invitation of `member_id` to `group_id`; false when there was none.
pub async fn take_invitation(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM group_invitations WHERE group_id = $1 AND member_id = $2";
    let affected = on_tx!(tx, conn => sqlx::query(SQL).bind(group_id).bind(member_id).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(affected == 1)
}

/// The members of `group_id`; only its owners and moderators when `moderators_only`.
pub async fn member_ids(db: &Db, group_id: Uuid, moderators_only: bool) -> Result<Vec<Uuid>, sqlx::Error> {
    let roles = if moderators_only { " AND role IN ('OWNER', 'MODERATOR')" } else { "" };
    let sql = format!("SELECT member_id FROM group_memberships WHERE group_id = $1{roles}");
    on_db!(db, pool => sqlx::query_scalar(&sql).bind(group_id).fetch_all(pool).await)
}

/// Of `members`, those who may read `group_id`'s content, in one query.
pub async fn readers_among(db: &Db, group_id: Uuid, members: &[Uuid]) -> Result<Vec<Uuid>, sqlx::Error> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT m.id FROM members m WHERE m.id IN ({}) AND $1 IN ({})",
        crate::db::placeholder_list(2, members.len()),
        crate::db::visibility::readable_group_ids_sql("m.id")
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_scalar(&sql).persistent(false).bind(group_id);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })
}

/// Until when `member_id` may not post in `group_id`, if a moderator muted her there and
/// the mute still holds at `now`.
pub async fn muted_until(
    db: &Db,
    group_id: Uuid,
    member_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    const SQL: &str = "SELECT until FROM group_mutes WHERE group_id = $1 AND member_id = $2 AND until > $3";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(group_id).bind(member_id).bind(now).fetch_optional(pool).await)
}

/// Mutes `member_id` in `group_id` until `until`, or later if she already is.
pub async fn mute(tx: &mut Tx, group_id: Uuid, member_id: Uuid, until: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO group_mutes (group_id, member_id, until) VALUES ($1, $2, $3) \
                       ON CONFLICT (group_id, member_id) DO UPDATE SET until = \
                       CASE WHEN excluded.until > group_mutes.until THEN excluded.until ELSE group_mutes.until END";
    on_tx!(tx, conn => sqlx::query(SQL).bind(group_id).bind(member_id).bind(until).execute(conn).await.map(drop))
}
