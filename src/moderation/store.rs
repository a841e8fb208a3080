//! Reports in the database, and the queue as the moderators of some groups, or
//! community admins, read it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{ModerationAction, QueueItem, Report, ReportReason, ReportStatus};
use crate::db::conditions::{Bind, Conditions};
use crate::db::page::{Order, Page};
use crate::db::text_enum::to_text;
use crate::db::visibility::blocked_named_sql;
use crate::db::{Db, Tx};
use crate::moderation_log::Target;
use crate::{bind_all, on_db, on_tx};

const COLUMNS: &str = "r.id, r.reporter_id, r.target_kind, r.target_id, r.subject_id, r.group_id, r.reason, \
                       r.note, r.status, r.action, r.created_at, r.resolved_at";

/// A report to file.
pub struct NewReport<'a> {
    pub reporter: Uuid,
    pub target: Target,
    pub subject: Uuid,
    pub group_id: Option<Uuid>,
    pub reason: ReportReason,
    pub note: &'a str,
}

/// Files `report` as `id` at `now`, inside `tx`.
pub async fn insert(tx: &mut Tx, id: Uuid, report: NewReport<'_>, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO reports (id, reporter_id, target_kind, target_id, subject_id, group_id, reason, \
                       note, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id).bind(report.reporter).bind(to_text(report.target.kind)).bind(report.target.id)
        .bind(report.subject).bind(report.group_id).bind(to_text(report.reason)).bind(report.note)
        .bind(to_text(ReportStatus::Open)).bind(now)
        .execute(conn).await.map(drop))
}

/// How many members' open reports on `target_id` count toward holding it, read inside
/// `tx` (after the report it files): members of its group, with no block either way
/// with its author unless it is anonymous (a block must not change what an anonymous
/// post does), none of whose reports on it a moderator dismissed before.
pub async fn reporters_counted(tx: &mut Tx, target_id: Uuid) -> Result<i64, sqlx::Error> {
    const ANONYMOUS: &str = "COALESCE((SELECT th.anonymous FROM threads th WHERE th.id = r.target_id), \
                             (SELECT re.anonymous FROM replies re WHERE re.id = r.target_id), FALSE)";
    let sql = format!(
        "SELECT COUNT(DISTINCT r.reporter_id) FROM reports r \
         JOIN group_memberships gm ON gm.group_id = r.group_id AND gm.member_id = r.reporter_id \
         WHERE r.target_id = $1 AND r.status = 'OPEN' AND NOT {} \
         AND NOT EXISTS (SELECT 1 FROM reports d WHERE d.target_id = r.target_id \
         AND d.reporter_id = r.reporter_id AND d.status = 'DISMISSED')",
        blocked_named_sql(ANONYMOUS, "r.subject_id", "r.reporter_id")
    );
    on_tx!(tx, conn => sqlx::query_scalar(&sql).bind(target_id).fetch_one(conn).await)
}

/// Report `id`.
pub async fn find(db: &Db, id: Uuid) -> Result<Option<Report>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM reports r WHERE r.id = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// A page of `reporter`'s reports, newest first.
pub async fn page_of_reporter(db: &Db, reporter: Uuid, page: &Page) -> Result<Vec<Report>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "r.created_at", "r.id", 2);
    let sql =
        format!("SELECT {COLUMNS} FROM reports r WHERE r.reporter_id = $1{}{}", keyset.condition, keyset.order_limit);
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(reporter);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// The newest `limit` reports on `target_id` that stand at `status` (and are of
/// `reason`, when it names one).
pub async fn on_target(
    db: &Db,
    target_id: Uuid,
    status: ReportStatus,
    reason: Option<ReportReason>,
    limit: usize,
) -> Result<Vec<Report>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reports r WHERE r.target_id = $1 AND r.status = $2 AND ($3 IS NULL OR r.reason = $3) \
         ORDER BY r.created_at DESC, r.id DESC LIMIT {limit}"
    );
    let reason = reason.map(to_text);
    on_db!(db, pool => sqlx::query_as(&sql).bind(target_id).bind(to_text(status)).bind(reason).fetch_all(pool).await)
}

/// Whose part of the queue a reader sees; never the reports about herself.
#[derive(Debug, Clone, Copy)]
pub enum QueueScope {
    /// A community admin: everything else.
    Everything { admin: Uuid },
    /// A moderator: her groups' reports.
    GroupsModeratedBy(Uuid),
}

/// What part of the queue to show.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueueFilter {
    pub group_id: Option<Uuid>,
    pub status: ReportStatus,
    pub reason: Option<ReportReason>,
}

/// A page of the queue: reported things with their count of reports (of `filter`'s
/// reason when it names one), the most recently reported first.
pub async fn queue(
    db: &Db,
    scope: QueueScope,
    filter: QueueFilter,
    page: &Page,
) -> Result<Vec<QueueItem>, sqlx::Error> {
    let mut conditions = Conditions::new(1);
    conditions.push("r.status = ?", Bind::Text(to_text(filter.status)));
    let reader = match scope {
        QueueScope::Everything { admin } => admin,
        QueueScope::GroupsModeratedBy(moderator) => {
            conditions.push(
                "r.group_id IN (SELECT group_id FROM group_memberships WHERE member_id = ? \
                 AND role IN ('OWNER', 'MODERATOR'))",
                Bind::Id(moderator),
            );
            moderator
        }
    };
    conditions.push("r.subject_id <> ?", Bind::Id(reader));
    if let Some(group_id) = filter.group_id {
        conditions.push("r.group_id = ?", Bind::Id(group_id));
    }
    if let Some(reason) = filter.reason {
        conditions.push("r.reason = ?", Bind::Text(to_text(reason)));
    }
    let keyset = page.keyset_sql(Order::NewestFirst, "q.latest_at", "q.target_id", conditions.next_param);
    let sql = format!(
        "SELECT * FROM (SELECT r.target_kind, r.target_id, r.subject_id, r.group_id, r.status, \
         COUNT(*) AS report_count, MAX(r.created_at) AS latest_at FROM reports r WHERE TRUE{} \
         GROUP BY r.target_kind, r.target_id, r.subject_id, r.group_id, r.status) q WHERE TRUE{}{}",
        conditions.sql, keyset.condition, keyset.order_limit
    );
    let items: Vec<QueueItem> = on_db!(db, pool => {
        let mut query = bind_all!(sqlx::query_as(&sql), &conditions.binds);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    Ok(items.into_iter().map(|item| QueueItem { reason: filter.reason, ..item }).collect())
}

/// Opens again the reports on `target_id` that `moderator` closed at `at`, when what she
/// decided could not be done.
pub async fn reopen(db: &Db, target_id: Uuid, moderator: Uuid, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE reports SET status = 'OPEN', action = NULL, resolved_by = NULL, resolved_at = NULL \
                       WHERE target_id = $1 AND resolved_by = $2 AND resolved_at = $3";
    on_db!(db, pool => sqlx::query(SQL).bind(target_id).bind(moderator).bind(at).execute(pool).await.map(drop))
}

/// Closes every open report on `target_id` as `status` (by `action`), at `now` by
/// `moderator`, inside `tx`; returns how many it closed.
pub async fn resolve_open(
    tx: &mut Tx,
    target_id: Uuid,
    status: ReportStatus,
    action: ModerationAction,
    moderator: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE reports SET status = $2, action = $3, resolved_by = $4, resolved_at = $5 \
                       WHERE target_id = $1 AND status = 'OPEN'";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(target_id).bind(to_text(status)).bind(to_text(action)).bind(moderator).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))
}
