//! SQL for surveys, written once for both databases. A response to an anonymous survey
//! is written with a random id, no member and no time; the mark that she answered is
//! written apart, keyed by her and the survey only.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Answer, Question, QuestionKind, Survey};
use crate::db::page::{Order, Page};
use crate::db::text_enum::to_text;
use crate::db::visibility::{blocked_either_way_sql, member_group_ids_sql};
use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// A survey about to be created.
pub struct NewSurvey<'a> {
    pub id: Uuid,
    pub created_by: Uuid,
    pub title: &'a str,
    pub intro: &'a str,
    pub group_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub program_id: Option<Uuid>,
    pub anonymous: bool,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// Inserts a survey inside `tx`.
pub async fn insert_survey(tx: &mut Tx, survey: &NewSurvey<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO surveys (id, created_by, title, intro, group_id, event_id, program_id, anonymous, \
                       opens_at, closes_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(survey.id)
        .bind(survey.created_by)
        .bind(survey.title)
        .bind(survey.intro)
        .bind(survey.group_id)
        .bind(survey.event_id)
        .bind(survey.program_id)
        .bind(survey.anonymous)
        .bind(survey.opens_at)
        .bind(survey.closes_at)
        .bind(survey.now)
        .execute(conn)
        .await
        .map(drop))
}

/// A question about to be added.
pub struct NewQuestion<'a> {
    pub survey_id: Uuid,
    pub position: i64,
    pub kind: QuestionKind,
    pub prompt: &'a str,
    pub options: &'a [String],
    pub required: bool,
}

/// Inserts a question inside `tx`.
pub async fn insert_question(tx: &mut Tx, question: &NewQuestion<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO survey_questions (id, survey_id, position, kind, prompt, options, required) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let options = serde_json::to_string(question.options).map_err(|error| sqlx::Error::Encode(error.into()))?;
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(Uuid::now_v7())
        .bind(question.survey_id)
        .bind(question.position)
        .bind(to_text(question.kind))
        .bind(question.prompt)
        .bind(options)
        .bind(question.required)
        .execute(conn)
        .await
        .map(drop))
}

/// The columns of a [`Survey`] (`s`), with whether viewer `$1` answered.
const SURVEY_COLUMNS: &str = "s.id, s.created_by, s.title, s.intro, s.group_id, s.event_id, s.program_id, \
     s.anonymous, s.opens_at, s.closes_at, s.created_at, \
     (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS response_count, \
     EXISTS (SELECT 1 FROM survey_answered a WHERE a.survey_id = s.id AND a.member_id = $1) AS viewer_answered";

/// A condition true when member `$1` is in survey `s`'s audience: a member of its group,
/// going to its event, or with a place in its program; never across a block with its
/// creator.
fn audience_sql() -> String {
    format!(
        "((s.group_id IS NOT NULL AND s.group_id IN ({})) OR EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = s.event_id AND r.member_id = $1 \
         AND r.status = 'GOING') OR EXISTS (SELECT 1 FROM program_enrollments pe WHERE pe.program_id = s.program_id \
         AND pe.member_id = $1 AND pe.status = 'ENROLLED')) AND NOT {}",
        member_group_ids_sql("$1"),
        blocked_either_way_sql("s.created_by", "$1")
    )
}

#[derive(sqlx::FromRow)]
struct SurveyWithAudience {
    #[sqlx(flatten)]
    survey: Survey,
    in_audience: bool,
}

/// Survey `id` as `viewer` reads it, and whether she is in its audience.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<(Survey, bool)>, sqlx::Error> {
    let sql = format!("SELECT {SURVEY_COLUMNS}, {} AS in_audience FROM surveys s WHERE s.id = $2", audience_sql());
    let row: Option<SurveyWithAudience> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(|row| (row.survey, row.in_audience)))
}

/// A page of the surveys `viewer` may answer (open or not yet closed, once open) or
/// made, the newest first.
pub async fn page(db: &Db, viewer: Uuid, now: DateTime<Utc>, page: &Page) -> Result<Vec<Survey>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "s.created_at", "s.id", 3);
    let sql = format!(
        "SELECT {SURVEY_COLUMNS} FROM surveys s WHERE (s.created_by = $1 OR (s.opens_at <= $2 AND {})){}{}",
        audience_sql(),
        keyset.condition,
        keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer).bind(now);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// The questions of `survey_id`, in order.
pub async fn questions(db: &Db, survey_id: Uuid) -> Result<Vec<Question>, sqlx::Error> {
    const SQL: &str = "SELECT id, survey_id, position, kind, prompt, options, required FROM survey_questions \
                       WHERE survey_id = $1 ORDER BY position";
    on_db!(db, pool => sqlx::query_as(SQL).bind(survey_id).fetch_all(pool).await)
}

/// Marks that `member_id` answered `survey_id`; false when she had.
pub async fn mark_answered(tx: &mut Tx, survey_id: Uuid, member_id: Uuid) -> Result<bool, sqlx::Error> {
    const SQL: &str = "INSERT INTO survey_answered (survey_id, member_id) VALUES ($1, $2) \
                       ON CONFLICT (survey_id, member_id) DO NOTHING";
    on_tx!(tx, conn => sqlx::query(SQL).bind(survey_id).bind(member_id).execute(conn).await.map(|done| done.rows_affected() == 1))
}

/// Her response to a survey that is not anonymous.
pub async fn response_of(tx: &mut Tx, survey_id: Uuid, member_id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT id FROM survey_responses WHERE survey_id = $1 AND member_id = $2";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(survey_id).bind(member_id).fetch_optional(conn).await)
}

/// The anonymous response whose edit key hashes to `key_hash`.
pub async fn response_by_key(tx: &mut Tx, survey_id: Uuid, key_hash: &str) -> Result<Option<Uuid>, sqlx::Error> {
    const SQL: &str = "SELECT id FROM survey_responses WHERE survey_id = $1 AND edit_key_hash = $2";
    on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(survey_id).bind(key_hash).fetch_optional(conn).await)
}

/// What a response is broken down by: her career stage and city (folded), each only
/// when she shows it to someone.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Standing {
    pub career_stage: Option<String>,
    pub city_key: Option<String>,
}

/// Her career stage and city as a response keeps them.
pub async fn standing_of(tx: &mut Tx, member_id: Uuid) -> Result<Standing, sqlx::Error> {
    const SQL: &str = "SELECT CASE WHEN career_stage_visibility <> 'ONLY_ME' THEN career_stage END AS career_stage, \
                       CASE WHEN city_visibility <> 'ONLY_ME' THEN city_key END AS city_key FROM members WHERE id = $1";
    let standing: Option<Standing> =
        on_tx!(tx, conn => sqlx::query_as(SQL).bind(member_id).fetch_optional(conn).await)?;
    Ok(standing.unwrap_or_default())
}

/// A response about to be written: hers (`member_id`) or, anonymous, keyed by the hash
/// of its edit key; its id is random either way, so it tells nothing of when.
pub struct NewResponse<'a> {
    pub survey_id: Uuid,
    pub member_id: Option<Uuid>,
    pub edit_key_hash: Option<&'a str>,
    pub standing: &'a Standing,
}

/// Writes a response and answers its id.
pub async fn insert_response(tx: &mut Tx, response: &NewResponse<'_>) -> Result<Uuid, sqlx::Error> {
    const SQL: &str = "INSERT INTO survey_responses (id, survey_id, member_id, edit_key_hash, career_stage, city_key) \
                       VALUES ($1, $2, $3, $4, $5, $6)";
    let id = Uuid::new_v4();
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id)
        .bind(response.survey_id)
        .bind(response.member_id)
        .bind(response.edit_key_hash)
        .bind(&response.standing.career_stage)
        .bind(&response.standing.city_key)
        .execute(conn)
        .await
        .map(drop))?;
    Ok(id)
}

/// Replaces a response's standing and answers.
pub async fn replace_answers(
    tx: &mut Tx,
    response_id: Uuid,
    standing: &Standing,
    answers: &[(Uuid, Answer)],
) -> Result<(), sqlx::Error> {
    const STANDING: &str = "UPDATE survey_responses SET career_stage = $2, city_key = $3 WHERE id = $1";
    const CLEAR: &str = "DELETE FROM survey_answers WHERE response_id = $1";
    const INSERT: &str = "INSERT INTO survey_answers (response_id, question_id, text, choices, scale) \
                          VALUES ($1, $2, $3, $4, $5)";
    on_tx!(tx, conn => sqlx::query(STANDING).bind(response_id).bind(&standing.career_stage).bind(&standing.city_key).execute(conn).await.map(drop))?;
    on_tx!(tx, conn => sqlx::query(CLEAR).bind(response_id).execute(conn).await.map(drop))?;
    for (question_id, answer) in answers {
        let (text, choices, scale) = match answer {
            Answer::Text(text) => (Some(text.clone()), None, None),
            Answer::Choices(chosen) => {
                let listed: Vec<String> = chosen.iter().map(usize::to_string).collect();
                (None, Some(format!(",{},", listed.join(","))), None)
            }
            Answer::Scale(value) => (None, None, Some(*value)),
        };
        on_tx!(tx, conn => sqlx::query(INSERT).bind(response_id).bind(question_id).bind(text).bind(choices).bind(scale).execute(conn).await.map(drop))?;
    }
    Ok(())
}

/// One answer as results read it, with the standing of its response (and, in a survey
/// that is not anonymous, who gave it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AnswerRow {
    pub response_id: Uuid,
    pub question_id: Uuid,
    pub text: Option<String>,
    pub choices: Option<String>,
    pub scale: Option<i64>,
    pub member_id: Option<Uuid>,
    #[sqlx(flatten)]
    pub standing: Standing,
}

/// Every answer to `survey_id`, in the order of their responses' random ids.
pub async fn answers(db: &Db, survey_id: Uuid) -> Result<Vec<AnswerRow>, sqlx::Error> {
    const SQL: &str = "SELECT a.response_id, a.question_id, a.text, a.choices, a.scale, r.member_id, \
                       r.career_stage, r.city_key FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
                       WHERE r.survey_id = $1 ORDER BY a.response_id, a.question_id";
    on_db!(db, pool => sqlx::query_as(SQL).bind(survey_id).fetch_all(pool).await)
}

/// Her answers to `survey_id`, which is not anonymous.
pub async fn answers_of_member(db: &Db, survey_id: Uuid, member_id: Uuid) -> Result<Vec<AnswerRow>, sqlx::Error> {
    const SQL: &str = "SELECT a.response_id, a.question_id, a.text, a.choices, a.scale, r.member_id, \
                       r.career_stage, r.city_key FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
                       WHERE r.survey_id = $1 AND r.member_id = $2";
    on_db!(db, pool => sqlx::query_as(SQL).bind(survey_id).bind(member_id).fetch_all(pool).await)
}

/// Who is asked to answer `survey_id` and has not: its audience but its creator and
/// those blocked either way with her.
pub async fn yet_to_answer(db: &Db, survey_id: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    let sql = format!(
        "SELECT a.member_id FROM (SELECT m.member_id FROM surveys s JOIN group_memberships m ON m.group_id = s.group_id \
         WHERE s.id = $1 UNION SELECT r.member_id FROM surveys s JOIN rsvps r ON r.event_id = s.event_id \
         WHERE s.id = $1 AND r.status = 'GOING' UNION SELECT pe.member_id FROM surveys s \
         JOIN program_enrollments pe ON pe.program_id = s.program_id WHERE s.id = $1 AND pe.status = 'ENROLLED') a \
         JOIN surveys s ON s.id = $1 WHERE a.member_id <> s.created_by AND NOT {}",
        blocked_either_way_sql("a.member_id", "s.created_by")
    );
    let audience: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar(&sql).bind(survey_id).fetch_all(pool).await)?;
    const ANSWERED: &str = "SELECT member_id FROM survey_answered WHERE survey_id = $1";
    let answered: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar(ANSWERED).bind(survey_id).fetch_all(pool).await)?;
    Ok(audience.into_iter().filter(|member| !answered.contains(member)).collect())
}

/// The group a survey's notifications belong to (its own, its event's, its program's
/// cohort), and when it opens; none once it is gone.
pub async fn head(db: &Db, survey_id: Uuid) -> Result<Option<(Option<Uuid>, DateTime<Utc>)>, sqlx::Error> {
    const SQL: &str = "SELECT COALESCE(s.group_id, e.group_id, p.cohort_group_id), s.opens_at FROM surveys s \
                       LEFT JOIN events e ON e.id = s.event_id LEFT JOIN programs p ON p.id = s.program_id WHERE s.id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(survey_id).fetch_optional(pool).await)
}
