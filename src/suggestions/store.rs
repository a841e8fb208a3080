//! The SQL behind suggestions: the members sharing a city, an industry or a career
//! stage with the viewer — each only where the member shows it to every member (a
//! suggestion is never a connection, so nothing shown to connections only counts) —
//! found by a few bounded index lookups; and dismissals.

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

/// The ways a member can match, most telling first: each is one indexed lookup.
const MATCHES: [&str; 6] = [
    "m.city_key = $2 AND m.city_visibility = 'MEMBERS' AND m.career_stage = $4 AND m.career_stage_visibility = 'MEMBERS'",
    "m.city_key = $2 AND m.city_visibility = 'MEMBERS' AND m.industry_key = $3 AND m.industry_visibility = 'MEMBERS'",
    "m.industry_key = $3 AND m.industry_visibility = 'MEMBERS' AND m.career_stage = $4 \
     AND m.career_stage_visibility = 'MEMBERS'",
    "m.city_key = $2 AND m.city_visibility = 'MEMBERS'",
    "m.industry_key = $3 AND m.industry_visibility = 'MEMBERS'",
    "m.career_stage = $4 AND m.career_stage_visibility = 'MEMBERS'",
];

/// Members sharing something with `viewer` where they show it to every member — up to
/// `per_match` for each way of matching (two anchors before one), so a large city or a
/// common career stage never makes the query read thousands of rows: not her, not
/// blocked either way, not connected or asked to connect, not dismissed.
pub async fn candidates(db: &Db, viewer: Uuid, anchors: &Anchors, per_match: i64) -> Result<Vec<Uuid>, sqlx::Error> {
    let eligible = format!(
        "m.id <> $1 AND NOT {} \
         AND NOT EXISTS (SELECT 1 FROM connections c WHERE (c.member_a = m.id AND c.member_b = $1) \
           OR (c.member_a = $1 AND c.member_b = m.id)) \
         AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals d WHERE d.member_id = $1 AND d.dismissed_id = m.id)",
        blocked_either_way_sql("m.id", "$1")
    );
    let lookups: Vec<String> = MATCHES
        .iter()
        .enumerate()
        .map(|(n, matching)| {
            format!("SELECT id FROM (SELECT m.id FROM members m WHERE {matching} AND {eligible} LIMIT $5) AS match{n}")
        })
        .collect();
    let sql = lookups.join(" UNION ");
    on_db!(db, pool => sqlx::query_scalar(&sql)
        .bind(viewer)
        .bind(&anchors.city_key)
        .bind(&anchors.industry_key)
        .bind(&anchors.career_stage)
        .bind(per_match)
        .fetch_all(pool)
        .await)
}

/// `member` does not want `dismissed` suggested again (dismissing twice is once).
pub async fn dismiss(db: &Db, member: Uuid, dismissed: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO suggestion_dismissals (member_id, dismissed_id, created_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (member_id, dismissed_id) DO NOTHING";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(dismissed).bind(now).execute(pool).await.map(drop))
}
