//! The SQL of closing an account: the placeholder member her writing passes to, and the
//! rows of other features she is named in without being their owner (the author of a
//! thread or reply, who made a group or event, decided a request, sent an invitation,
//! started a conversation), which pass to the placeholder before her row is deleted.
//! Everything else of hers goes with her row (`ON DELETE CASCADE`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::Tx;
use crate::members::{DELETED_MEMBER, DELETED_MEMBER_EMAIL};
use crate::on_tx;

const DELETED_MEMBER_NAME: &str = "Deleted member";
/// A deleted member's thread keeps its place under this title.
const DELETED_THREAD_TITLE: &str = "(deleted)";

/// Runs `sql` with `ids` as `$1, $2, …`; returns how many rows it changed.
async fn run(tx: &mut Tx, sql: &str, ids: &[Uuid]) -> Result<u64, sqlx::Error> {
    on_tx!(tx, conn => {
        let mut query = sqlx::query(sql);
        for id in ids {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await.map(|done| done.rows_affected())
    })
}

/// Makes sure the placeholder member exists, inside `tx`.
pub async fn ensure_deleted_member(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO members (id, email, password_hash, display_name, name_key, created_at, updated_at) \
                       VALUES ($1, $2, '!', $3, '', $4, $4) ON CONFLICT (id) DO NOTHING";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(DELETED_MEMBER)
        .bind(DELETED_MEMBER_EMAIL)
        .bind(DELETED_MEMBER_NAME)
        .bind(now)
        .execute(&mut *conn)
        .await
        .map(drop))
}

/// Passes the groups `member` is the last owner of (others still in them) to the next
/// in line — the longest-standing moderator, else the longest-standing member; never to
/// a participant of the program a cohort is for (she would run her peers' cohort).
pub async fn hand_over_groups(tx: &mut Tx, member: Uuid) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE group_memberships SET role = 'OWNER' WHERE (group_id, member_id) IN ( \
        SELECT g.group_id, (SELECT n.member_id FROM group_memberships n \
                            WHERE n.group_id = g.group_id AND n.member_id <> $1 AND NOT EXISTS ( \
                              SELECT 1 FROM programs p JOIN program_enrollments pe ON pe.program_id = p.id \
                              WHERE p.cohort_group_id = n.group_id AND pe.member_id = n.member_id \
                              AND pe.status = 'ENROLLED') \
                            ORDER BY CASE n.role WHEN 'MODERATOR' THEN 0 ELSE 1 END, n.joined_at, n.member_id LIMIT 1) \
        FROM group_memberships g WHERE g.member_id = $1 AND g.role = 'OWNER' \
        AND NOT EXISTS (SELECT 1 FROM group_memberships o WHERE o.group_id = g.group_id AND o.role = 'OWNER' \
                        AND o.member_id <> $1))";
    run(tx, SQL, &[member]).await
}

/// Attributes what `member` wrote or made in shared places to the placeholder, her
/// words removed (threads keep a placeholder title, replies read as deleted) except in
/// her anonymous posts, which stay as they were (erasing them as she leaves would tell
/// whose they were; she may delete her replies first), as well as
/// the work still owed to others for what she did (an event she cancelled is still
/// news), and drops the work owed to her.
pub async fn pass_to_placeholder(tx: &mut Tx, member: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let threads = format!(
        "UPDATE threads SET author_id = $2, title = '{DELETED_THREAD_TITLE}', body = '' \
         WHERE author_id = $1 AND NOT anonymous"
    );
    run(tx, &threads, &[member, DELETED_MEMBER]).await?;
    const REPLIES: &str = "UPDATE replies SET author_id = $2, body = '', deleted_at = COALESCE(deleted_at, $3) \
                           WHERE author_id = $1 AND NOT anonymous";
    on_tx!(tx, conn => sqlx::query(REPLIES).bind(member).bind(DELETED_MEMBER).bind(now).execute(&mut *conn).await.map(drop))?;
    for sql in [
        "UPDATE threads SET author_id = $2 WHERE author_id = $1",
        "UPDATE replies SET author_id = $2 WHERE author_id = $1",
        "UPDATE groups SET created_by = $2 WHERE created_by = $1",
        "UPDATE events SET created_by = $2 WHERE created_by = $1",
        "UPDATE programs SET created_by = $2 WHERE created_by = $1",
        "UPDATE surveys SET created_by = $2 WHERE created_by = $1",
        "UPDATE resources SET published_by = $2 WHERE published_by = $1",
        "UPDATE resources SET edited_by = $2 WHERE edited_by = $1",
        "UPDATE group_join_requests SET decided_by = $2 WHERE decided_by = $1",
        "UPDATE group_invitations SET invited_by = $2 WHERE invited_by = $1",
        "UPDATE conversations SET started_by = $2 WHERE started_by = $1",
        "UPDATE outbox SET actor_id = $2 WHERE actor_id = $1",
        "UPDATE reports SET subject_id = $2 WHERE subject_id = $1",
    ] {
        run(tx, sql, &[member, DELETED_MEMBER]).await?;
    }
    run(tx, "DELETE FROM outbox WHERE target_id = $1 OR subject_id = $1", &[member]).await?;
    Ok(())
}

/// Deletes `member`'s row, and with it everything that is hers alone.
pub async fn delete_member(tx: &mut Tx, member: Uuid) -> Result<(), sqlx::Error> {
    run(tx, "DELETE FROM members WHERE id = $1", &[member]).await.map(drop)
}

/// How many exports `member` asked for since `since`, and when the earliest.
pub async fn exports_since(
    tx: &mut Tx,
    member: Uuid,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*), MIN(requested_at) FROM data_exports WHERE member_id = $1 AND requested_at > $2";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(member).bind(since).fetch_one(&mut *conn).await)
}

/// Records export `id` asked for by `member`.
pub async fn insert_export(tx: &mut Tx, id: Uuid, member: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO data_exports (id, member_id, requested_at) VALUES ($1, $2, $3)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(member).bind(now).execute(&mut *conn).await.map(drop))
}

/// Whose export `id` is, while it waits to be assembled.
pub async fn export_owner(db: &crate::db::Db, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT member_id FROM data_exports WHERE id = $1 AND ready_at IS NULL";
    crate::on_db!(db, pool => sqlx::query_scalar(SQL).bind(id).fetch_optional(pool).await)
}

/// Stores the assembled export `id`, reachable by the token hashed as `token_hash`;
/// false when another run stored it first.
pub async fn fill_export(
    tx: &mut Tx,
    id: Uuid,
    token_hash: &str,
    body: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE data_exports SET token_hash = $2, body = $3, ready_at = $4, expires_at = $5 \
                       WHERE id = $1 AND ready_at IS NULL";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id)
        .bind(token_hash)
        .bind(body)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *conn)
        .await
        .map(|done| done.rows_affected() == 1))
}

/// The export reached by `token_hash`, when it is `member`'s and has not run out.
pub async fn export_body(
    db: &crate::db::Db,
    token_hash: &str,
    member: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    const SQL: &str = "SELECT body FROM data_exports WHERE token_hash = $1 AND member_id = $2 AND expires_at > $3 AND body IS NOT NULL";
    let found: Option<Option<String>> = crate::on_db!(db, pool => sqlx::query_scalar(SQL)
        .bind(token_hash)
        .bind(member)
        .bind(now)
        .fetch_optional(pool)
        .await)?;
    Ok(found.flatten())
}

/// Deletes exports that ran out, and requests no job assembled within two days;
/// returns how many.
pub async fn prune_exports(db: &crate::db::Db, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM data_exports WHERE expires_at < $1 OR (ready_at IS NULL AND requested_at < $2)";
    let stale = now - chrono::TimeDelta::days(2);
    crate::on_db!(db, pool => sqlx::query(SQL).bind(now).bind(stale).execute(pool).await.map(|done| done.rows_affected()))
}
