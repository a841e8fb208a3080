//! Job posts and saved jobs in the database. What a member may see of the board is
//! decided here, in SQL: community-wide jobs, and jobs of the groups she belongs to,
//! never across a block; her own always.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Employment, Flexibility, JobPost, JobStatus, Workplace};
use crate::db::conditions::{Bind, Conditions};
use crate::db::page::{Order, Page};
use crate::db::text_enum::{comma_list, to_text};
use crate::db::visibility::{blocked_either_way_sql, member_group_ids_sql};
use crate::db::{Db, Tx};
use crate::text::{contains_pattern, fold};
use crate::{bind_all, on_db, on_tx};

/// A job post's columns (alias `j`), with whether `$1` saved it.
const COLUMNS: &str = "j.id, j.posted_by, j.group_id, j.title, j.company, j.location, j.workplace, j.employment, \
     j.flexibility, j.industry, j.url, j.description, j.can_refer, j.status, j.expires_at, j.closed_at, \
     j.created_at, j.updated_at, \
     EXISTS (SELECT 1 FROM saved_jobs s WHERE s.job_post_id = j.id AND s.member_id = $1) AS saved";

/// A condition true for the jobs `$1` may see: hers, and the others' that are
/// community-wide or in one of her groups, from members with no block either way.
fn visible_sql() -> String {
    format!(
        "(j.posted_by = $1 OR ((j.group_id IS NULL OR j.group_id IN ({})) AND NOT {}))",
        member_group_ids_sql("$1"),
        blocked_either_way_sql("j.posted_by", "$1")
    )
}

/// What a poster writes about a job.
#[derive(Debug, Clone)]
pub struct JobFields {
    pub title: String,
    pub company: String,
    pub location: String,
    pub workplace: Workplace,
    pub employment: Employment,
    pub flexibility: Vec<Flexibility>,
    pub industry: Option<String>,
    pub url: Option<String>,
    pub description: String,
    pub can_refer: bool,
    pub expires_at: DateTime<Utc>,
}

impl JobFields {
    /// The folded text the filters match: words, place, industry.
    fn keys(&self) -> (String, String, Option<String>) {
        let words = fold(&format!("{} {} {}", self.title, self.company, self.description));
        (words, fold(&self.location), self.industry.as_deref().map(fold))
    }
}

/// Job `id` as `viewer` sees it, if she may.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<JobPost>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM job_posts j WHERE j.id = $2 AND {}", visible_sql());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Job `id` whoever may see it (for the jobs the queue runs).
pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<JobPost>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM job_posts j WHERE j.id = $2");
    on_db!(db, pool => sqlx::query_as(&sql).bind(Uuid::nil()).bind(id).fetch_optional(pool).await)
}

/// Posts job `id` by `poster`, in group `group_id` (community-wide when `None`).
pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    poster: Uuid,
    group_id: Option<Uuid>,
    fields: &JobFields,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO job_posts (id, posted_by, group_id, title, company, location, workplace, \
                       employment, flexibility, industry, url, description, can_refer, search_key, location_key, \
                       industry_key, status, expires_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, \
                       $8, $9, $10, $11, $12, $13, $14, $15, $16, 'OPEN', $17, $18, $18)";
    let (words, place, industry) = fields.keys();
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id).bind(poster).bind(group_id).bind(&fields.title).bind(&fields.company).bind(&fields.location)
        .bind(to_text(fields.workplace)).bind(to_text(fields.employment)).bind(comma_list(&fields.flexibility))
        .bind(&fields.industry).bind(&fields.url).bind(&fields.description).bind(fields.can_refer)
        .bind(words).bind(place).bind(industry).bind(fields.expires_at).bind(now)
        .execute(conn).await.map(drop))
}

/// Rewrites open job `id`'s fields; false when it is closed.
pub async fn update(tx: &mut Tx, id: Uuid, fields: &JobFields, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE job_posts SET title = $2, company = $3, location = $4, workplace = $5, employment = $6, \
                       flexibility = $7, industry = $8, url = $9, description = $10, can_refer = $11, search_key = $12, \
                       location_key = $13, industry_key = $14, expires_at = $15, updated_at = $16 \
                       WHERE id = $1 AND status = 'OPEN'";
    let (words, place, industry) = fields.keys();
    let done = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id).bind(&fields.title).bind(&fields.company).bind(&fields.location)
        .bind(to_text(fields.workplace)).bind(to_text(fields.employment)).bind(comma_list(&fields.flexibility))
        .bind(&fields.industry).bind(&fields.url).bind(&fields.description).bind(fields.can_refer)
        .bind(words).bind(place).bind(industry).bind(fields.expires_at).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Closes job `id` at `at` if it is open; true when this closed it.
pub async fn close(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "UPDATE job_posts SET status = 'CLOSED', closed_at = $2, updated_at = $2 WHERE id = $1 AND status = 'OPEN'";
    let done =
        on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(at).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// What a member looks for on the board; every part optional.
#[derive(Debug, Default)]
pub struct JobFilter {
    pub text: Option<String>,
    pub city: Option<String>,
    pub workplace: Option<Workplace>,
    pub employment: Option<Employment>,
    /// Jobs offering every one of these.
    pub flexibility: Vec<Flexibility>,
    pub industry: Option<String>,
    pub can_refer: Option<bool>,
    pub group_id: Option<Uuid>,
}

impl JobFilter {
    fn conditions(&self) -> Conditions {
        let mut conditions = Conditions::new(3);
        if let Some(text) = &self.text {
            conditions.push("j.search_key LIKE ? ESCAPE '\\'", Bind::Text(contains_pattern(text)));
        }
        if let Some(city) = &self.city {
            conditions.push("j.location_key LIKE ? ESCAPE '\\'", Bind::Text(contains_pattern(city)));
        }
        if let Some(workplace) = self.workplace {
            conditions.push("j.workplace = ?", Bind::Text(to_text(workplace)));
        }
        if let Some(employment) = self.employment {
            conditions.push("j.employment = ?", Bind::Text(to_text(employment)));
        }
        for flexibility in &self.flexibility {
            conditions.push("j.flexibility LIKE ?", Bind::Text(format!("%,{},%", to_text(*flexibility))));
        }
        if let Some(industry) = &self.industry {
            conditions.push("j.industry_key = ?", Bind::Text(fold(industry)));
        }
        if let Some(can_refer) = self.can_refer {
            conditions.sql += if can_refer { " AND j.can_refer = TRUE" } else { " AND j.can_refer = FALSE" };
        }
        if let Some(group_id) = self.group_id {
            conditions.push("j.group_id = ?", Bind::Id(group_id));
        }
        conditions
    }
}

/// A page of the open jobs `viewer` may see that match `filter`, newest first.
pub async fn page(
    db: &Db,
    viewer: Uuid,
    filter: &JobFilter,
    now: DateTime<Utc>,
    page: &Page,
) -> Result<Vec<JobPost>, sqlx::Error> {
    let conditions = filter.conditions();
    let keyset = page.keyset_sql(Order::NewestFirst, "j.created_at", "j.id", conditions.next_param);
    let sql = format!(
        "SELECT {COLUMNS} FROM job_posts j WHERE j.status = '{}' AND j.expires_at > $2 AND {}{}{}{}",
        to_text(JobStatus::Open),
        visible_sql(),
        conditions.sql,
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = bind_all!(sqlx::query_as(&sql).bind(viewer).bind(now), &conditions.binds);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// Saves job `id` for `member` (saving twice is once).
pub async fn save(db: &Db, member: Uuid, id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO saved_jobs (member_id, job_post_id, saved_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (member_id, job_post_id) DO NOTHING";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(id).bind(now).execute(pool).await.map(drop))
}

/// Forgets `member`'s saving of job `id` (none is fine).
pub async fn unsave(db: &Db, member: Uuid, id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM saved_jobs WHERE member_id = $1 AND job_post_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(id).execute(pool).await.map(drop))
}

/// A page of the jobs `viewer` saved and may still see (closed ones too), most
/// recently saved first, each with when she saved it.
pub async fn saved_page(db: &Db, viewer: Uuid, page: &Page) -> Result<Vec<(JobPost, DateTime<Utc>)>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "mine.saved_at", "j.id", 2);
    let sql = format!(
        "SELECT {COLUMNS}, mine.saved_at FROM job_posts j JOIN saved_jobs mine ON mine.job_post_id = j.id \
         AND mine.member_id = $1 WHERE {}{}{}",
        visible_sql(),
        keyset.condition,
        keyset.order_limit
    );
    let rows: Vec<SavedRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().map(|row| (row.job, row.saved_at)).collect())
}

#[derive(sqlx::FromRow)]
struct SavedRow {
    #[sqlx(flatten)]
    job: JobPost,
    saved_at: DateTime<Utc>,
}
