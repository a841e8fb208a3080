//! SQL for members, written once for both databases.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use uuid::Uuid;

use super::account::DELETED_MEMBER_EMAIL;
use super::connections::connected_sql;
use super::profile::{Child, PROFILE_COLUMNS, Profile, ProfileField, return_moment};
use crate::db::page::{Order, Page};
use crate::db::visibility::blocked_either_way_sql;
use crate::db::{Db, Tx, placeholder_list};
use crate::jobs::{self, JobKind, NewJob, Schedule};
use crate::text::{contains_pattern, fold};
use crate::{on_db, on_tx};

/// A member as the API shows her. The password hash never leaves this module's queries
/// except through [`credentials_by_email`].
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    #[sqlx(rename = "member_id")]
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub handle: Option<String>,
    #[sqlx(rename = "member_created_at")]
    pub created_at: DateTime<Utc>,
    /// When she confirmed her address (shown to herself only).
    pub email_verified_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    pub profile: Profile,
    /// Whether she and the viewer the row was read for are connected.
    pub connected: bool,
    /// Whether she and that viewer blocked each other, either way: then she is read
    /// as [`Member::placeholder`].
    pub blocked: bool,
    /// Set when this copy goes back to the member herself in an auth payload, before
    /// her new token is in use, so she sees her own private fields.
    #[sqlx(skip)]
    pub shown_to_herself: bool,
}

/// A member about to be created.
pub struct NewMember<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub now: DateTime<Utc>,
    /// When her address was confirmed: none at sign-up (she follows the emailed link),
    /// at once for members the server makes itself (the demo, benchmarks).
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// What a member blocked either way with the viewer is called, wherever she appears.
pub const PLACEHOLDER_NAME: &str = "Unavailable member";

impl Member {
    /// How a member blocked either way with the viewer appears to her, on every path:
    /// her id and when she joined, a placeholder name, nothing personal.
    fn placeholder(self) -> Self {
        Self {
            email: String::new(),
            display_name: PLACEHOLDER_NAME.to_owned(),
            handle: None,
            email_verified_at: None,
            profile: Profile::default(),
            connected: false,
            blocked: true,
            shown_to_herself: false,
            ..self
        }
    }

    /// Her row as the viewer it was read for may see it: the placeholder when they
    /// blocked each other either way.
    pub fn as_seen(self) -> Self {
        if self.blocked { self.placeholder() } else { self }
    }
}

/// The columns of the member `m` read for the viewer in `viewer_param`, named so they
/// can sit beside a thread's or a reply's in one row (see [`Member::as_seen`]).
pub fn member_columns(viewer_param: &str) -> String {
    format!(
        "m.id AS member_id, m.email, m.display_name, m.handle, m.created_at AS member_created_at, m.email_verified_at, \
         {PROFILE_COLUMNS}, {} AS connected, {} AS blocked",
        connected_sql("m.id", viewer_param),
        blocked_either_way_sql("m.id", viewer_param)
    )
}

/// Members read for the viewer in `$1`.
fn member_select() -> String {
    format!("SELECT {} FROM members m", member_columns("$1"))
}

/// Inserts a member inside `tx`; a taken email fails with a unique violation.
pub async fn insert(tx: &mut Tx, member: NewMember<'_>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO members (id, email, password_hash, display_name, name_key, created_at, updated_at, \
                       email_verified_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(member.id)
        .bind(member.email)
        .bind(member.password_hash)
        .bind(member.display_name)
        .bind(fold(member.display_name))
        .bind(member.now)
        .bind(member.email_verified_at)
        .execute(conn)
        .await
        .map(drop))
}

/// The id and password hash of the member with `email` (already normalized).
pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    const SQL: &str = "SELECT id, password_hash FROM members WHERE email = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(email).fetch_optional(pool).await)
}

/// The members with the given ids as `viewer` sees them (those blocked either way with
/// her as placeholders); unknown ids are skipped.
pub async fn find_many(db: &Db, viewer: Uuid, ids: &[Uuid]) -> Result<Vec<Member>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{} WHERE m.id IN ({})", member_select(), placeholder_list(2, ids.len()));
    let members: Vec<Member> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(viewer);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })?;
    Ok(members.into_iter().map(Member::as_seen).collect())
}

/// The member `id` as `viewer` sees her, if she exists.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Member>, sqlx::Error> {
    Ok(find_many(db, viewer, &[id]).await?.pop())
}

/// The ids of the members with these handles (lower-case); unknown handles are skipped.
pub async fn ids_by_handles(db: &Db, handles: &[String]) -> Result<Vec<Uuid>, sqlx::Error> {
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT id FROM members WHERE handle IN ({})", placeholder_list(1, handles.len()));
    on_db!(db, pool => {
        let mut query = sqlx::query_scalar(&sql).persistent(false);
        for handle in handles {
            query = query.bind(handle);
        }
        query.fetch_all(pool).await
    })
}

/// What the directory is filtered by.
#[derive(Debug, Default, Clone)]
pub struct DirectoryFilter {
    pub city: Option<String>,
    pub industry: Option<String>,
    pub career_stage: Option<String>,
    pub open_to: Option<String>,
    pub search: Option<String>,
    /// Members with a child born between these dates (inclusive).
    pub child_born_between: Option<(NaiveDate, NaiveDate)>,
}

/// SQL true when the viewer (`$1`) may see the field whose visibility is in `column`.
fn visible_sql(column: &str) -> String {
    format!("(m.id = $1 OR m.{column} = 'MEMBERS' OR (m.{column} = 'CONNECTIONS' AND {}))", connected_sql("m.id", "$1"))
}

enum Bind {
    Text(String),
    Date(NaiveDate),
}

/// One page of the member directory, in sign-up order, without anyone blocked either
/// way (or the placeholder of deleted members); filters match only fields the viewer may
/// see.
pub async fn page(db: &Db, viewer: Uuid, filter: &DirectoryFilter, page: &Page) -> Result<Vec<Member>, sqlx::Error> {
    let mut sql = format!(
        "{} WHERE NOT {} AND m.email <> '{DELETED_MEMBER_EMAIL}'",
        member_select(),
        blocked_either_way_sql("m.id", "$1")
    );
    let mut binds = Vec::new();
    let mut param = 2;
    let mut push = |sql: &mut String, template: String, values: Vec<Bind>| {
        let mut template = template;
        for _ in &values {
            template = template.replacen('?', &format!("${param}"), 1);
            param += 1;
        }
        *sql += &format!(" AND {template}");
        binds.extend(values);
    };
    let equals = [(&filter.city, "city", ProfileField::City), (&filter.industry, "industry", ProfileField::Industry)];
    for (value, column, field) in equals {
        if let Some(value) = value {
            push(
                &mut sql,
                format!("m.{column}_key = ? AND {}", visible_sql(field.visibility_column())),
                vec![Bind::Text(fold(value))],
            );
        }
    }
    if let Some(stage) = &filter.career_stage {
        push(
            &mut sql,
            format!("m.career_stage = ? AND {}", visible_sql(ProfileField::CareerStage.visibility_column())),
            vec![Bind::Text(stage.clone())],
        );
    }
    if let Some(open_to) = &filter.open_to {
        let pattern = format!("%\"{open_to}\"%");
        push(
            &mut sql,
            format!("m.open_to LIKE ? AND {}", visible_sql(ProfileField::OpenTo.visibility_column())),
            vec![Bind::Text(pattern)],
        );
    }
    if let Some(search) = &filter.search {
        let pattern = contains_pattern(search);
        let template = format!(
            "(m.name_key LIKE ? ESCAPE '\\' OR (m.headline_key LIKE ? ESCAPE '\\' AND {}))",
            visible_sql(ProfileField::Headline.visibility_column())
        );
        push(&mut sql, template, vec![Bind::Text(pattern.clone()), Bind::Text(pattern)]);
    }
    if let Some((from, to)) = filter.child_born_between {
        let template = format!(
            "EXISTS (SELECT 1 FROM member_children c WHERE c.member_id = m.id AND c.born_on >= ? AND c.born_on <= ?) AND {}",
            visible_sql(ProfileField::Children.visibility_column())
        );
        push(&mut sql, template, vec![Bind::Date(from), Bind::Date(to)]);
    }
    let keyset = page.keyset_sql(Order::OldestFirst, "m.created_at", "m.id", param);
    sql += &keyset.condition;
    sql += &keyset.order_limit;
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer);
        for bind in &binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Date(date) => query.bind(*date),
            };
        }
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// Changes to her profile, already checked. `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub handle: Option<String>,
    pub text: Vec<(&'static str, Option<String>)>,
    pub return_to_work_on: Option<Option<NaiveDate>>,
    pub visibility: Vec<(&'static str, String)>,
    pub children: Option<Vec<Child>>,
}

/// Applies a profile update in one transaction.
pub async fn update_profile(db: &Db, id: Uuid, update: ProfileUpdate, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut text_columns: Vec<(&str, Option<String>)> = update.text;
    if let Some(name) = update.display_name {
        text_columns.push(("display_name", Some(name)));
    }
    if let Some(handle) = update.handle {
        text_columns.push(("handle", Some(handle)));
    }
    text_columns.extend(update.visibility.into_iter().map(|(column, value)| (column, Some(value))));
    for (column, value) in text_columns {
        let sql = format!("UPDATE members SET {column} = $2, updated_at = $3 WHERE id = $1");
        on_tx!(&mut tx, conn => sqlx::query(&sql).bind(id).bind(value).bind(now).execute(conn).await.map(drop))?;
    }
    if let Some(date) = update.return_to_work_on {
        const SQL: &str = "UPDATE members SET return_to_work_on = $2, updated_at = $3 WHERE id = $1";
        on_tx!(&mut tx, conn => sqlx::query(SQL).bind(id).bind(date).bind(now).execute(conn).await.map(drop))?;
    }
    refresh_keys(&mut tx, id).await?;
    schedule_return_prompts(&mut tx, id).await?;
    if let Some(children) = update.children {
        on_tx!(&mut tx, conn => sqlx::query("DELETE FROM member_children WHERE member_id = $1").bind(id).execute(conn).await.map(drop))?;
        for child in children {
            const SQL: &str = "INSERT INTO member_children (id, member_id, born_on, due_on) VALUES ($1, $2, $3, $4)";
            on_tx!(&mut tx, conn => sqlx::query(SQL).bind(Uuid::now_v7()).bind(id).bind(child.born_on).bind(child.due_on).execute(conn).await.map(drop))?;
        }
    }
    tx.commit().await
}

/// How long before her return date a member on leave is offered a program.
const OFFER_AHEAD: TimeDelta = TimeDelta::weeks(8);

/// Schedules the return-to-work prompts of member `id` if she is on leave with a return
/// date: a program offer eight weeks before it and, on the date, whether she is back
/// (the programs feature runs them). Each is recorded once per date however often she
/// saves; those of a date she moved away from do nothing when due.
async fn schedule_return_prompts(tx: &mut Tx, id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "SELECT return_to_work_on, timezone FROM members WHERE id = $1 AND career_stage = 'ON_LEAVE'";
    let leave: Option<(Option<NaiveDate>, Option<String>)> =
        on_tx!(tx, conn => sqlx::query_as(SQL).bind(id).fetch_optional(conn).await)?;
    let Some((Some(date), timezone)) = leave else {
        return Ok(());
    };
    let about = return_moment(date, timezone.as_deref());
    let prompts = [(JobKind::ReturnToWorkOffer, about - OFFER_AHEAD), (JobKind::ReturnDateReached, about)];
    for (kind, run_at) in prompts {
        let schedule = Schedule { run_at, about };
        jobs::enqueue(tx, NewJob { schedule: Some(schedule), ..NewJob::system(kind, id) }).await?;
    }
    Ok(())
}

/// Recomputes the lower-cased match keys of member `id` from her current fields.
async fn refresh_keys(tx: &mut Tx, id: Uuid) -> Result<(), sqlx::Error> {
    const READ: &str = "SELECT display_name, headline, city, industry FROM members WHERE id = $1";
    const WRITE: &str =
        "UPDATE members SET name_key = $2, headline_key = $3, city_key = $4, industry_key = $5 WHERE id = $1";
    let (name, headline, city, industry): (String, Option<String>, Option<String>, Option<String>) =
        on_tx!(tx, conn => sqlx::query_as(READ).bind(id).fetch_one(conn).await)?;
    let key = |value: Option<String>| value.as_deref().map(fold);
    on_tx!(tx, conn => sqlx::query(WRITE)
        .bind(id)
        .bind(fold(&name))
        .bind(key(headline))
        .bind(key(city))
        .bind(key(industry))
        .execute(conn)
        .await
        .map(drop))
}

/// The children of each of `members`.
pub async fn children_of(db: &Db, members: &[Uuid]) -> Result<Vec<(Uuid, Child)>, sqlx::Error> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT member_id, born_on, due_on FROM member_children WHERE member_id IN ({}) ORDER BY COALESCE(born_on, due_on)",
        placeholder_list(1, members.len())
    );
    let rows: Vec<(Uuid, Option<NaiveDate>, Option<NaiveDate>)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().map(|(member, born_on, due_on)| (member, Child { born_on, due_on })).collect())
}
