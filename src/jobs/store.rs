//! The outbox table: recording, claiming, finishing and failing jobs. Claiming marks a
//! batch as taken for a while (a worker that dies lets it lapse for another); on
//! PostgreSQL, `SKIP LOCKED` keeps instances from claiming the same rows.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::stream::Claim;
use super::{JobSpec, MAX_ATTEMPTS, NewJob};
use crate::clock;
use crate::db::text_enum::{from_text, to_text};
use crate::db::{Db, Tx, placeholder_list};
use crate::{on_db, on_tx};

/// A claimed job.
#[derive(Debug, sqlx::FromRow)]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub subject_id: Uuid,
    pub target_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    /// Until when this worker's claim holds.
    pub locked_until: DateTime<Utc>,
}

impl Job {
    /// What to do; an unknown kind is a job this version cannot run.
    pub fn spec(&self) -> anyhow::Result<JobSpec> {
        Ok(JobSpec {
            kind: from_text(&self.kind)?,
            subject: self.subject_id,
            target: self.target_id,
            actor: self.actor_id,
            scheduled_for: self.scheduled_for,
        })
    }
}

/// Records `job` as owed, inside the write's transaction `tx`; scheduled work already
/// recorded for the same subject and time is not recorded twice.
pub async fn enqueue(tx: &mut Tx, job: NewJob) -> Result<(), sqlx::Error> {
    enqueue_all(tx, &[job]).await
}

/// Records `jobs` inside `tx` in one statement (see [`enqueue`]).
pub async fn enqueue_all(tx: &mut Tx, jobs: &[NewJob]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 8;
    if jobs.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> =
        (0..jobs.len()).map(|row| format!("({}, 0)", placeholder_list(row * COLUMNS + 1, COLUMNS))).collect();
    let sql = format!(
        "INSERT INTO outbox (id, kind, subject_id, target_id, actor_id, scheduled_for, created_at, run_after, \
         attempts) VALUES {} ON CONFLICT (kind, subject_id, scheduled_for) WHERE scheduled_for IS NOT NULL DO NOTHING",
        rows.join(", ")
    );
    let now = clock::now();
    on_tx!(tx, conn => {
        // A write's one or two jobs are statements kept prepared; longer lists vary in
        // length and run unprepared (see `placeholder_list`).
        let mut query = sqlx::query(&sql).persistent(jobs.len() <= 2);
        for job in jobs {
            query = query
                .bind(Uuid::now_v7())
                .bind(to_text(job.kind))
                .bind(job.subject)
                .bind(job.target)
                .bind(job.actor)
                .bind(job.schedule.map(|schedule| schedule.about))
                .bind(now)
                .bind(job.schedule.map_or(now, |schedule| schedule.run_at.max(now)));
        }
        query.execute(conn).await.map(drop)
    })
}

/// Takes up to `limit` due jobs until `until`, counting an attempt at each when
/// `attempt` (a worker about to run them; a relay passing them on does not); returns
/// them oldest first.
pub async fn claim(db: &Db, limit: i64, until: DateTime<Utc>, attempt: bool) -> Result<Vec<Job>, sqlx::Error> {
    let skip_locked = if db.backend() == "postgres" { " FOR UPDATE SKIP LOCKED" } else { "" };
    let counted = if attempt { ", attempts = attempts + 1" } else { "" };
    let sql = format!(
        "UPDATE outbox SET locked_until = $1{counted} WHERE id IN (\
         SELECT id FROM outbox WHERE dead_at IS NULL AND run_after <= $2 AND attempts < $4 \
         AND (locked_until IS NULL OR locked_until <= $2) ORDER BY run_after, created_at LIMIT $3{skip_locked}) \
         RETURNING {JOB_COLUMNS}"
    );
    let now = clock::now();
    let mut jobs: Vec<Job> = on_db!(db, pool => sqlx::query_as(&sql).bind(until).bind(now).bind(limit).bind(MAX_ATTEMPTS).fetch_all(pool).await)?;
    // RETURNING keeps no order; jobs run in the order they were owed.
    jobs.sort_by_key(|job| (job.created_at, job.id));
    Ok(jobs)
}

const JOB_COLUMNS: &str =
    "id, kind, subject_id, target_id, actor_id, scheduled_for, attempts, created_at, locked_until";

/// Starts the relayed jobs `claims` whose claim is still theirs (others' entries are
/// stale: relayed again, waiting for a retry, done or set aside), counting an attempt
/// at each; returns them oldest first.
pub async fn start_relayed(db: &Db, claims: &[Claim]) -> Result<Vec<Job>, sqlx::Error> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "UPDATE outbox SET attempts = attempts + 1 WHERE dead_at IS NULL AND ({}) RETURNING {JOB_COLUMNS}",
        claimed_sql(claims.len())
    );
    let mut jobs: Vec<Job> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for claim in claims {
            query = query.bind(claim.job).bind(claim.until);
        }
        query.fetch_all(pool).await
    })?;
    jobs.sort_by_key(|job| (job.created_at, job.id));
    Ok(jobs)
}

/// `(id = $1 AND locked_until = $2) OR …` for `count` jobs and their claims. Its
/// length varies, so statements made with it run unprepared (see `placeholder_list`).
fn claimed_sql(count: usize) -> String {
    let each = (0..count).map(|n| format!("(id = ${} AND locked_until = ${})", 2 * n + 1, 2 * n + 2));
    each.collect::<Vec<_>>().join(" OR ")
}

/// Gives back claims that could not be passed on (Redis was unreachable), as if never
/// claimed. A relay's claim counted no attempt, so none is given back: the job's
/// attempts and backoff stay as they were however long Redis is away.
pub async fn unclaim(db: &Db, jobs: &[Job]) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE outbox SET locked_until = NULL WHERE id = $1 AND locked_until = $2";
    for job in jobs {
        on_db!(db, pool => sqlx::query(SQL).bind(job.id).bind(job.locked_until).execute(pool).await.map(drop))?;
    }
    Ok(())
}

/// Gives back every job claimed for relaying and not yet done: their entries were in a
/// job stream that is gone (Redis restarted empty), so they are relayed again at once
/// instead of when their leases lapse. Returns how many.
pub async fn release_relayed(db: &Db) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE outbox SET locked_until = NULL WHERE dead_at IS NULL AND locked_until > $1";
    on_db!(db, pool => sqlx::query(SQL).bind(clock::now()).execute(pool).await.map(|done| done.rows_affected()))
}

/// Sets aside the job of `claim` with `why` (workers kept dying on it), if the claim is
/// still its own; returns whether it was.
pub async fn set_aside(db: &Db, claim: Claim, why: &str) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE outbox SET dead_at = $3, last_error = $4 \
                       WHERE id = $1 AND locked_until = $2 AND dead_at IS NULL";
    on_db!(db, pool => sqlx::query(SQL).bind(claim.job).bind(claim.until).bind(clock::now()).bind(why).execute(pool).await.map(|done| done.rows_affected() == 1))
}

/// Removes a job whose work is done, in the transaction that did the work; false when
/// the claim had lapsed and another worker took the job (then this work must not
/// commit, or it would be done twice).
pub async fn finish(tx: &mut Tx, job: &Job) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM outbox WHERE id = $1 AND locked_until = $2";
    on_tx!(tx, conn => sqlx::query(SQL).bind(job.id).bind(job.locked_until).execute(conn).await.map(|done| done.rows_affected() == 1))
}

/// [`finish`] for a run of jobs whose work `tx` did together, in one statement; false
/// when any claim had lapsed.
pub async fn finish_all(tx: &mut Tx, jobs: &[&Job]) -> Result<bool, sqlx::Error> {
    let sql = format!("DELETE FROM outbox WHERE {}", claimed_sql(jobs.len()));
    let removed = on_tx!(tx, conn => {
        let mut query = sqlx::query(&sql).persistent(false);
        for job in jobs {
            query = query.bind(job.id).bind(job.locked_until);
        }
        query.execute(conn).await.map(|done| done.rows_affected())
    })?;
    Ok(usize::try_from(removed).is_ok_and(|removed| removed == jobs.len()))
}

/// [`finish`] for jobs whose work wrote nothing, in one statement; returns the ids of
/// those still claimed (and now removed).
pub async fn finish_alone(db: &Db, jobs: &[&Job]) -> Result<HashSet<Uuid>, sqlx::Error> {
    if jobs.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = format!("DELETE FROM outbox WHERE {} RETURNING id", claimed_sql(jobs.len()));
    let removed: Vec<Uuid> = on_db!(db, pool => {
        let mut query = sqlx::query_scalar(&sql).persistent(false);
        for job in jobs {
            query = query.bind(job.id).bind(job.locked_until);
        }
        query.fetch_all(pool).await
    })?;
    Ok(removed.into_iter().collect())
}

/// Sets aside jobs out of attempts whose last claim lapsed without an answer (the worker
/// died on them), so they stop counting as due; returns how many.
pub async fn bury_abandoned(db: &Db) -> Result<u64, sqlx::Error> {
    const SQL: &str = "UPDATE outbox SET dead_at = $1, last_error = COALESCE(last_error, 'the worker stopped while running it') \
                       WHERE dead_at IS NULL AND attempts >= $2 AND locked_until IS NOT NULL AND locked_until <= $1";
    on_db!(db, pool => sqlx::query(SQL).bind(clock::now()).bind(MAX_ATTEMPTS).execute(pool).await.map(|done| done.rows_affected()))
}

/// Records a failed attempt: due again at `retry_at`, or dead once out of attempts
/// (unless the claim lapsed and another worker has the job now).
pub async fn fail(db: &Db, job: &Job, error: &str, retry_at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE outbox SET run_after = $2, locked_until = NULL, last_error = $3, \
                       dead_at = CASE WHEN attempts >= $4 THEN $5 ELSE NULL END WHERE id = $1 AND locked_until = $6";
    let error: String = error.chars().take(500).collect();
    let now = clock::now();
    on_db!(db, pool => sqlx::query(SQL).bind(job.id).bind(retry_at).bind(error).bind(MAX_ATTEMPTS).bind(now).bind(job.locked_until).execute(pool).await.map(drop))
}

/// How many jobs are due now (claimed ones included), waiting for a later time (retries
/// and scheduled reminders), and set aside.
#[derive(Debug, Default, Clone, Copy)]
pub struct QueueDepth {
    pub due: i64,
    pub delayed: i64,
    pub dead: i64,
}

/// The outbox's depth by state.
pub async fn depth(db: &Db) -> Result<QueueDepth, sqlx::Error> {
    const SQL: &str = "SELECT \
                       COALESCE(SUM(CASE WHEN dead_at IS NULL AND run_after <= $1 THEN 1 ELSE 0 END), 0), \
                       COALESCE(SUM(CASE WHEN dead_at IS NULL AND run_after > $1 THEN 1 ELSE 0 END), 0), \
                       COALESCE(SUM(CASE WHEN dead_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM outbox";
    let now = clock::now();
    let (due, delayed, dead): (i64, i64, i64) =
        on_db!(db, pool => sqlx::query_as(SQL).bind(now).fetch_one(pool).await)?;
    Ok(QueueDepth { due, delayed, dead })
}
