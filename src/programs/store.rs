//! SQL for programs, enrolments and return-to-work prompts, written once for both
//! databases. An enrolment first bumps the program's `enroll_seq` with an UPDATE, as an
//! RSVP bumps its event's `rsvp_seq`: that takes the program's row lock on PostgreSQL
//! (SQLite has one writer anyway), so enrolments are decided one at a time and the
//! sequence number records arrival order.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::model::{EnrollmentStatus, Program};
use crate::db::conditions::{Bind, Conditions};
use crate::db::page::{Order, Page};
use crate::db::text_enum::{from_text, to_text};
use crate::db::visibility::{blocked_either_way_sql, member_group_ids_sql, readable_group_ids_sql};
use crate::db::{Db, Tx};
use crate::members::CareerStage;
use crate::{on_db, on_tx};

/// A program about to be created (its cohort group already inserted).
pub struct NewProgram<'a> {
    pub id: Uuid,
    pub group_id: Option<Uuid>,
    pub cohort_group_id: Uuid,
    pub created_by: Uuid,
    pub title: &'a str,
    pub description: &'a str,
    pub life_stage: CareerStage,
    pub capacity: i64,
    pub now: DateTime<Utc>,
}

/// Inserts a program inside `tx`, no one enrolled yet.
pub async fn insert_program(tx: &mut Tx, program: &NewProgram<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO programs (id, group_id, cohort_group_id, created_by, title, description, \
                       life_stage, capacity, enrolled_count, enroll_seq, created_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, $9)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(program.id)
        .bind(program.group_id)
        .bind(program.cohort_group_id)
        .bind(program.created_by)
        .bind(program.title)
        .bind(program.description)
        .bind(to_text(program.life_stage))
        .bind(program.capacity)
        .bind(program.now)
        .execute(conn)
        .await
        .map(drop))
}

/// The sessions (events of the cohort group `p`) still on.
const SESSIONS_ON: &str = "FROM events s WHERE s.group_id = p.cohort_group_id AND s.cancelled_at IS NULL";

/// Programs (`p`) as viewer `$1` sees them, with her enrolment.
fn program_select() -> String {
    format!(
        "SELECT p.id, p.group_id, p.cohort_group_id, p.created_by, p.title, p.description, p.life_stage, p.capacity, \
         p.enrolled_count, p.created_at, \
         (SELECT COUNT(*) FROM program_enrollments w WHERE w.program_id = p.id AND w.status = 'WAITLISTED') \
         AS waitlist_count, (SELECT MIN(s.starts_at) {SESSIONS_ON}) AS starts_at, \
         (SELECT MAX(s.ends_at) {SESSIONS_ON}) AS ends_at, pe.status AS viewer_status, \
         CASE WHEN pe.status = 'WAITLISTED' THEN (SELECT COUNT(*) FROM program_enrollments w \
           WHERE w.program_id = p.id AND w.status = 'WAITLISTED' AND w.seq <= pe.seq) END AS viewer_position \
         FROM programs p LEFT JOIN program_enrollments pe ON pe.program_id = p.id AND pe.member_id = $1"
    )
}

/// A condition true when viewer `$1` (her enrolment `pe`) may see program `p`: offered
/// to the whole community or in a group she may read, or she is in its cohort — never
/// across a block with its organiser — or she holds a place or a place in line (so she
/// can always leave).
fn visible_sql() -> String {
    format!(
        "(((p.group_id IS NULL OR p.group_id IN ({}) OR p.cohort_group_id IN ({})) AND NOT {}) \
         OR pe.status IN ('ENROLLED', 'WAITLISTED'))",
        readable_group_ids_sql("$1"),
        member_group_ids_sql("$1"),
        blocked_either_way_sql("p.created_by", "$1")
    )
}

/// Program `id` if `viewer` may see it.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Program>, sqlx::Error> {
    let sql = format!("{} WHERE p.id = $2 AND {}", program_select(), visible_sql());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Program `id` with `viewer`'s enrolment, whoever she is: for the answer to her leaving
/// one she may no longer see.
pub async fn find_as_left(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Program>, sqlx::Error> {
    let sql = format!("{} WHERE p.id = $2", program_select());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Which programs a list shows.
#[derive(Debug, Default)]
pub struct ProgramFilter {
    pub group_id: Option<Uuid>,
    pub life_stage: Option<CareerStage>,
    /// Only those with a session still to end.
    pub upcoming_after: Option<DateTime<Utc>>,
    /// Only those she is enrolled in or waiting for.
    pub mine: bool,
}

/// A page of the programs `viewer` may see, the newest first.
pub async fn page(db: &Db, viewer: Uuid, filter: &ProgramFilter, page: &Page) -> Result<Vec<Program>, sqlx::Error> {
    let mut conditions = Conditions::new(2);
    if let Some(group_id) = filter.group_id {
        conditions.push("p.group_id = ?", Bind::Id(group_id));
    }
    if let Some(stage) = filter.life_stage {
        conditions.push("p.life_stage = ?", Bind::Text(to_text(stage)));
    }
    if let Some(now) = filter.upcoming_after {
        conditions.push(&format!("EXISTS (SELECT 1 {SESSIONS_ON} AND s.ends_at > ?)"), Bind::Time(now));
    }
    if filter.mine {
        conditions.sql += " AND pe.status IN ('ENROLLED', 'WAITLISTED')";
    }
    let keyset = page.keyset_sql(Order::NewestFirst, "p.created_at", "p.id", conditions.next_param);
    let sql = format!(
        "{} WHERE {}{}{}{}",
        program_select(),
        visible_sql(),
        conditions.sql,
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = crate::bind_all!(sqlx::query_as(&sql).bind(viewer), &conditions.binds);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// A session as the program's schedule shows it to anyone who may see the program.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub event_id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub city: Option<String>,
    pub online: bool,
    pub cancelled: bool,
}

/// The sessions of the program whose cohort is `cohort_group_id`, in the order they
/// happen.
pub async fn sessions(db: &Db, cohort_group_id: Uuid) -> Result<Vec<Session>, sqlx::Error> {
    const SQL: &str = "SELECT id AS event_id, title, starts_at, ends_at, timezone, city, \
                       online_url IS NOT NULL AS online, cancelled_at IS NOT NULL AS cancelled \
                       FROM events WHERE group_id = $1 ORDER BY starts_at, id";
    on_db!(db, pool => sqlx::query_as(SQL).bind(cohort_group_id).fetch_all(pool).await)
}

/// The state of a program an enrolment decides on, read while holding its lock.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LockedProgram {
    pub cohort_group_id: Uuid,
    pub enroll_seq: i64,
    pub capacity: i64,
    pub enrolled_count: i64,
}

/// Locks program `id` for an enrolment and takes the next arrival number.
pub async fn lock(tx: &mut Tx, id: Uuid) -> Result<Option<LockedProgram>, sqlx::Error> {
    const SQL: &str = "UPDATE programs SET enroll_seq = enroll_seq + 1 WHERE id = $1 \
                       RETURNING cohort_group_id, enroll_seq, capacity, enrolled_count";
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(id).fetch_optional(conn).await)
}

/// The enrolment status of `member_id` in `program_id`, read inside `tx`.
pub async fn enrollment(
    tx: &mut Tx,
    program_id: Uuid,
    member_id: Uuid,
) -> Result<Option<EnrollmentStatus>, sqlx::Error> {
    const SQL: &str = "SELECT status FROM program_enrollments WHERE program_id = $1 AND member_id = $2";
    let status: Option<String> =
        on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(program_id).bind(member_id).fetch_optional(conn).await)?;
    status.map(|status| from_text(&status).map_err(|error| sqlx::Error::Decode(error.into()))).transpose()
}

/// Writes her enrolment (new or changed) with its arrival number.
pub async fn save_enrollment(
    tx: &mut Tx,
    program_id: Uuid,
    member_id: Uuid,
    status: EnrollmentStatus,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO program_enrollments (program_id, member_id, status, seq, updated_at) \
                       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (program_id, member_id) DO UPDATE SET \
                       status = excluded.status, seq = excluded.seq, updated_at = excluded.updated_at";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(program_id)
        .bind(member_id)
        .bind(to_text(status))
        .bind(seq)
        .bind(now)
        .execute(conn)
        .await
        .map(drop))
}

/// Moves her to another status, keeping her arrival number.
pub async fn set_status(
    tx: &mut Tx,
    program_id: Uuid,
    member_id: Uuid,
    status: EnrollmentStatus,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str =
        "UPDATE program_enrollments SET status = $3, updated_at = $4 WHERE program_id = $1 AND member_id = $2";
    on_tx!(tx, conn => sqlx::query(SQL).bind(program_id).bind(member_id).bind(to_text(status)).bind(now).execute(conn).await.map(drop))
}

/// The first member waiting for a place in `program_id`, in arrival order.
pub async fn first_waiting(tx: &mut Tx, program_id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT member_id FROM program_enrollments WHERE program_id = $1 AND status = 'WAITLISTED' \
                       ORDER BY seq LIMIT 1";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(program_id).fetch_optional(conn).await)
}

/// Stores how many have a place.
pub async fn set_enrolled_count(tx: &mut Tx, program_id: Uuid, count: i64) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE programs SET enrolled_count = $2 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(program_id).bind(count).execute(conn).await.map(drop))
}

/// The programs `member_id` is enrolled in or waiting for, read inside `tx`.
pub async fn held_by(tx: &mut Tx, member_id: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT program_id FROM program_enrollments WHERE member_id = $1 \
                       AND status IN ('ENROLLED', 'WAITLISTED') ORDER BY program_id";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(member_id).fetch_all(conn).await)
}

/// The programs `member_id` offered, read inside `tx`.
pub async fn offered_by(tx: &mut Tx, member_id: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT id FROM programs WHERE created_by = $1 ORDER BY id";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(member_id).fetch_all(conn).await)
}

/// The cohort group of program `id`, while it exists.
pub async fn cohort_of(db: &Db, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT cohort_group_id FROM programs WHERE id = $1";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(id).fetch_optional(pool).await)
}

/// What the return-to-work prompts read of her: her career stage, return date and time
/// zone.
pub async fn leave_of(db: &Db, member_id: Uuid) -> Result<Option<Leave>, sqlx::Error> {
    const SQL: &str = "SELECT career_stage, return_to_work_on, timezone FROM members WHERE id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(member_id).fetch_optional(pool).await)
}

/// Her career stage, return date and time zone.
pub type Leave = (Option<String>, Option<NaiveDate>, Option<String>);

/// The program for those coming back from leave that `member_id` may see, has not
/// joined or queued for, and that starts after `now` and before `returns_at`: the
/// soonest, with the group it is offered in.
pub async fn next_for_returning(
    db: &Db,
    member_id: Uuid,
    now: DateTime<Utc>,
    returns_at: DateTime<Utc>,
) -> Result<Option<(Uuid, Option<Uuid>)>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, p.group_id FROM programs p LEFT JOIN program_enrollments pe ON pe.program_id = p.id AND pe.member_id = $1 \
         WHERE p.life_stage IN ('ON_LEAVE', 'RETURNING') AND {} \
         AND (pe.status IS NULL OR pe.status = 'LEFT') AND p.cohort_group_id NOT IN ({}) \
         AND (SELECT MIN(s.starts_at) {SESSIONS_ON}) > $2 AND (SELECT MIN(s.starts_at) {SESSIONS_ON}) < $3 \
         ORDER BY (SELECT MIN(s.starts_at) {SESSIONS_ON}), p.id LIMIT 1",
        visible_sql(),
        member_group_ids_sql("$1")
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(member_id).bind(now).bind(returns_at).fetch_optional(pool).await)
}

/// Which return-to-work prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Prompt {
    ProgramOffer,
    ReturnDateReached,
}

/// Whether `prompt` about returning on `return_on` went to her already.
pub async fn prompted(db: &Db, member_id: Uuid, prompt: Prompt, return_on: NaiveDate) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "SELECT COUNT(*) FROM return_to_work_prompts WHERE member_id = $1 AND kind = $2 AND return_on = $3";
    let count: i64 = on_db!(db, pool => sqlx::query_scalar(SQL).bind(member_id).bind(to_text(prompt)).bind(return_on).fetch_one(pool).await)?;
    Ok(count > 0)
}

/// Records that `prompt` went to her, inside the transaction that records it: a second
/// record of the same prompt fails that transaction, so it goes once.
pub async fn mark_prompted(
    tx: &mut Tx,
    member_id: Uuid,
    prompt: Prompt,
    return_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str =
        "INSERT INTO return_to_work_prompts (member_id, kind, return_on, sent_at) VALUES ($1, $2, $3, $4)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(member_id).bind(to_text(prompt)).bind(return_on).bind(now).execute(conn).await.map(drop))
}
