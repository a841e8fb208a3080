//! The SQL behind suggestions: the members sharing a city, an industry or a career
//! stage with the viewer — each only where the member shows it to every member (a
//! suggestion is never a connection, so nothing shown to connections only counts) —
//! roughly ranked so the best few hundred come first; and dismissals.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::Db;
use crate::db::visibility::blocked_either_way_sql;
use crate::on_db;

/// What the viewer is matched on: her folded city and industry, her career stage.
#[derive(Debug, Default)]
pub struct Anchors {
    pub city_key: Option<String>,
    pub industry_key: Option<String>,
    pub career_stage: Option<String>,
}

/// Up to `limit` members sharing one of `anchors` with `viewer` where they show it to
/// every member, best rough match first: not her, not blocked either way, not connected
/// or asked to connect, not dismissed.
pub async fn candidates(db: &Db, viewer: Uuid, anchors: &Anchors, limit: i64) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = format!(
        "SELECT m.id FROM members m WHERE m.id <> $1 AND ( \
           (m.city_key = $2 AND m.city_visibility = 'MEMBERS') \
           OR (m.industry_key = $3 AND m.industry_visibility = 'MEMBERS') \
           OR (m.career_stage = $4 AND m.career_stage_visibility = 'MEMBERS')) \
         AND NOT {} \
         AND NOT EXISTS (SELECT 1 FROM connections c WHERE (c.member_a = m.id AND c.member_b = $1) \
           OR (c.member_a = $1 AND c.member_b = m.id)) \
         AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals d WHERE d.member_id = $1 AND d.dismissed_id = m.id) \
         ORDER BY (CASE WHEN m.city_key = $2 AND m.city_visibility = 'MEMBERS' THEN 3 ELSE 0 END) \
           + (CASE WHEN m.career_stage = $4 AND m.career_stage_visibility = 'MEMBERS' THEN 3 ELSE 0 END) \
           + (CASE WHEN m.industry_key = $3 AND m.industry_visibility = 'MEMBERS' THEN 2 ELSE 0 END) DESC, \
           m.created_at DESC, m.id LIMIT $5",
        blocked_either_way_sql("m.id", "$1")
    );
    on_db!(db, pool => sqlx::query_scalar(&sql)
        .bind(viewer)
        .bind(&anchors.city_key)
        .bind(&anchors.industry_key)
        .bind(&anchors.career_stage)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// `member` does not want `dismissed` suggested again (dismissing twice is once).
pub async fn dismiss(db: &Db, member: Uuid, dismissed: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO suggestion_dismissals (member_id, dismissed_id, created_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (member_id, dismissed_id) DO NOTHING";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(dismissed).bind(now).execute(pool).await.map(drop))
}
