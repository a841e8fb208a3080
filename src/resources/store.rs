//! Resources, bookmarks and suggestions in the database. What a member may see of the
//! library is decided here, in SQL: published resources that are community-wide or in a
//! group she may read, never across a block with their publisher.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{ChildAge, Resource, ResourceKind, ResourceSuggestion, ResourceSuggestionStatus, TopicList};
use super::search::matching;
use crate::db::conditions::{Bind, Conditions};
use crate::db::page::{Order, Page};
use crate::db::text_enum::{comma_list, to_text};
use crate::db::visibility::{blocked_either_way_sql, member_group_ids_sql, readable_group_ids_sql};
use crate::db::{Db, Tx};
use crate::members::CareerStage;
use crate::{bind_all, on_db, on_tx};

/// A resource's columns (alias `r`), with whether `$1` bookmarked it.
const COLUMNS: &str = "r.id, r.group_id, r.published_by, r.title, r.summary, r.body, r.url, r.kind, r.topics, \
     r.life_stages, r.child_ages, r.published_at, r.updated_at, r.edited_by, \
     EXISTS (SELECT 1 FROM resource_bookmarks b WHERE b.resource_id = r.id AND b.member_id = $1) AS bookmarked";

/// A condition true for the resources `$1` may see: published, community-wide or in a
/// group she may read, by a publisher with no block either way with her.
fn visible_sql() -> String {
    format!(
        "r.unpublished_at IS NULL AND (r.group_id IS NULL OR r.group_id IN ({})) AND NOT {}",
        readable_group_ids_sql("$1"),
        blocked_either_way_sql("r.published_by", "$1")
    )
}

/// What a publisher writes about a resource.
#[derive(Debug, Clone)]
pub struct ResourceFields {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub url: Option<String>,
    pub kind: ResourceKind,
    /// Folded.
    pub topics: Vec<String>,
    pub life_stages: Vec<CareerStage>,
    pub child_ages: Vec<ChildAge>,
}

/// Resource `id` as `viewer` sees it, if she may.
pub async fn find(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Resource>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM resources r WHERE r.id = $2 AND {}", visible_sql());
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Published resource `id` whoever may see it, with whether `viewer` bookmarked it (for
/// community admins, who manage resources in groups they are not in).
pub async fn find_published(db: &Db, viewer: Uuid, id: Uuid) -> Result<Option<Resource>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM resources r WHERE r.id = $2 AND r.unpublished_at IS NULL");
    on_db!(db, pool => sqlx::query_as(&sql).bind(viewer).bind(id).fetch_optional(pool).await)
}

/// Publishes resource `id` by `publisher` in group `group_id` (community-wide when `None`).
pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    publisher: Uuid,
    group_id: Option<Uuid>,
    fields: &ResourceFields,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO resources (id, group_id, published_by, title, summary, body, url, kind, topics, \
                       life_stages, child_ages, published_at, updated_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(id).bind(group_id).bind(publisher).bind(&fields.title).bind(&fields.summary).bind(&fields.body)
        .bind(&fields.url).bind(to_text(fields.kind)).bind(TopicList::stored(&fields.topics))
        .bind(comma_list(&fields.life_stages)).bind(comma_list(&fields.child_ages)).bind(now)
        .execute(conn).await.map(drop))
}

/// Rewrites published resource `id`'s fields as `editor`; false when it was
/// unpublished meanwhile.
pub async fn update(
    db: &Db,
    id: Uuid,
    editor: Uuid,
    fields: &ResourceFields,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE resources SET title = $2, summary = $3, body = $4, url = $5, kind = $6, topics = $7, \
                       life_stages = $8, child_ages = $9, updated_at = $10, edited_by = $11 \
                       WHERE id = $1 AND unpublished_at IS NULL";
    let done = on_db!(db, pool => sqlx::query(SQL)
        .bind(id).bind(&fields.title).bind(&fields.summary).bind(&fields.body).bind(&fields.url)
        .bind(to_text(fields.kind)).bind(TopicList::stored(&fields.topics))
        .bind(comma_list(&fields.life_stages)).bind(comma_list(&fields.child_ages)).bind(now).bind(editor)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// How many resources `publisher` published since `since`, and the earliest of them,
/// inside `tx` (her pace), her row locked first on PostgreSQL (see [`suggestions_since`]).
pub async fn published_since(
    tx: &mut Tx,
    publisher: Uuid,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*), MIN(published_at) FROM resources WHERE published_by = $1 AND published_at > $2";
    lock_member(tx, publisher).await?;
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(publisher).bind(since).fetch_one(conn).await)
}

/// Locks `member`'s row inside `tx` on PostgreSQL, so that her paced writes are counted
/// one after the other (SQLite's writes take turns anyway).
async fn lock_member(tx: &mut Tx, member: Uuid) -> Result<(), sqlx::Error> {
    const LOCK: &str = "SELECT id FROM members WHERE id = $1 FOR UPDATE";
    if matches!(tx, Tx::Postgres(_)) {
        on_tx!(tx, conn => sqlx::query(LOCK).bind(member).fetch_optional(conn).await.map(drop))?;
    }
    Ok(())
}

/// Takes resource `id` out of the library at `now`; false when it was already.
pub async fn unpublish(db: &Db, id: Uuid, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "UPDATE resources SET unpublished_at = $2, updated_at = $2 WHERE id = $1 AND unpublished_at IS NULL";
    let done =
        on_db!(db, pool => sqlx::query(SQL).bind(id).bind(now).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// What a member looks for in the library; every part optional.
#[derive(Debug, Default)]
pub struct ResourceFilter {
    /// The words searched for (see `search::words`).
    pub words: Vec<String>,
    /// Folded.
    pub topic: Option<String>,
    pub life_stage: Option<CareerStage>,
    pub kind: Option<ResourceKind>,
    pub group_id: Option<Uuid>,
}

impl ResourceFilter {
    fn conditions(&self, first_param: usize) -> Conditions {
        let mut conditions = Conditions::new(first_param);
        if let Some(topic) = &self.topic {
            conditions.push("r.topics LIKE ? ESCAPE '\\'", Bind::Text(format!("%,{},%", like_escaped(topic))));
        }
        if let Some(stage) = self.life_stage {
            conditions
                .push("r.life_stages LIKE ? ESCAPE '\\'", Bind::Text(format!("%,{},%", like_escaped(&to_text(stage)))));
        }
        if let Some(kind) = self.kind {
            conditions.push("r.kind = ?", Bind::Text(to_text(kind)));
        }
        if let Some(group_id) = self.group_id {
            conditions.push("r.group_id = ?", Bind::Id(group_id));
        }
        conditions
    }
}

/// `text` matching itself in a LIKE pattern that says `ESCAPE '\'`.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// `limit` resources `viewer` may see that match `filter`, from the `offset`th on: the
/// best matches first when it searches for words, else the newest.
pub async fn search(
    db: &Db,
    viewer: Uuid,
    filter: &ResourceFilter,
    offset: usize,
    limit: usize,
) -> Result<Vec<Resource>, sqlx::Error> {
    let searching = !filter.words.is_empty();
    let matched = searching.then(|| matching(db, &filter.words, 2));
    let conditions = filter.conditions(if searching { 3 } else { 2 });
    let (join, order) = match &matched {
        Some(matched) => (matched.join.as_str(), "s.rank DESC, r.published_at DESC, r.id"),
        None => ("", "r.published_at DESC, r.id DESC"),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM resources r {join} WHERE {}{} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        visible_sql(),
        conditions.sql
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(viewer);
        if let Some(matched) = &matched {
            query = query.bind(matched.query.clone());
        }
        bind_all!(query, &conditions.binds).fetch_all(pool).await
    })
}

/// Up to `limit` resources `viewer` may see that are community-wide or in her groups
/// (not strangers' public groups), those for any of `stages` (her career stage) or
/// `ages` (her children's) first — a stage counting twice an age — then the newest.
pub async fn recommended(
    db: &Db,
    viewer: Uuid,
    stages: &[CareerStage],
    ages: &[ChildAge],
    limit: usize,
) -> Result<Vec<Resource>, sqlx::Error> {
    let mut binds = Vec::new();
    let mut score = |column: &str, names: Vec<String>, weight: u32| -> String {
        let parts: Vec<String> = names
            .into_iter()
            .map(|name| {
                binds.push(format!("%,{},%", like_escaped(&name)));
                format!("{column} LIKE ${} ESCAPE '\\'", binds.len() + 1)
            })
            .collect();
        if parts.is_empty() {
            "0".to_owned()
        } else {
            format!("(CASE WHEN {} THEN {weight} ELSE 0 END)", parts.join(" OR "))
        }
    };
    let stage_score = score("r.life_stages", stages.iter().map(|stage| to_text(*stage)).collect(), 2);
    let age_score = score("r.child_ages", ages.iter().map(|age| to_text(*age)).collect(), 1);
    let sql = format!(
        "SELECT {COLUMNS} FROM resources r WHERE {} AND (r.group_id IS NULL OR r.group_id IN ({})) \
         ORDER BY {stage_score} + {age_score} DESC, r.published_at DESC, r.id DESC LIMIT {limit}",
        visible_sql(),
        member_group_ids_sql("$1")
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(viewer);
        for pattern in &binds {
            query = query.bind(pattern.clone());
        }
        query.fetch_all(pool).await
    })
}

/// Bookmarks resource `id` for `member` (twice is once).
pub async fn bookmark(db: &Db, member: Uuid, id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO resource_bookmarks (member_id, resource_id, created_at) VALUES ($1, $2, $3) \
                       ON CONFLICT (member_id, resource_id) DO NOTHING";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(id).bind(now).execute(pool).await.map(drop))
}

/// Forgets `member`'s bookmark of resource `id` (none is fine).
pub async fn unbookmark(db: &Db, member: Uuid, id: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM resource_bookmarks WHERE member_id = $1 AND resource_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(id).execute(pool).await.map(drop))
}

/// A page of the resources `viewer` bookmarked and may still see, the latest
/// bookmarked first, each with when she bookmarked it.
pub async fn bookmarks(db: &Db, viewer: Uuid, page: &Page) -> Result<Vec<(Resource, DateTime<Utc>)>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "mine.created_at", "r.id", 2);
    let sql = format!(
        "SELECT {COLUMNS}, mine.created_at AS bookmarked_at FROM resources r \
         JOIN resource_bookmarks mine ON mine.resource_id = r.id AND mine.member_id = $1 WHERE {}{}{}",
        visible_sql(),
        keyset.condition,
        keyset.order_limit
    );
    let rows: Vec<BookmarkRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(viewer);
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().map(|row| (row.resource, row.bookmarked_at)).collect())
}

#[derive(sqlx::FromRow)]
struct BookmarkRow {
    #[sqlx(flatten)]
    resource: Resource,
    bookmarked_at: DateTime<Utc>,
}

/// The columns of a suggestion.
const SUGGESTION_COLUMNS: &str = "id, member_id, url, note, status, created_at, reviewed_at";

/// Records `member`'s suggestion `id` inside `tx`.
pub async fn insert_suggestion(
    tx: &mut Tx,
    id: Uuid,
    member: Uuid,
    url: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO resource_suggestions (id, member_id, url, note, status, created_at) \
                       VALUES ($1, $2, $3, $4, $5, $6)";
    let open = to_text(ResourceSuggestionStatus::Open);
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(member).bind(url).bind(note).bind(open).bind(now)
        .execute(conn).await.map(drop))
}

/// How many suggestions `member` made since `since`, and the earliest of them, inside
/// `tx` (her pace), her row locked first on PostgreSQL (see [`lock_member`]).
pub async fn suggestions_since(
    tx: &mut Tx,
    member: Uuid,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    const SQL: &str =
        "SELECT COUNT(*), MIN(created_at) FROM resource_suggestions WHERE member_id = $1 AND created_at > $2";
    lock_member(tx, member).await?;
    on_tx!(tx, conn => sqlx::query_as(SQL).bind(member).bind(since).fetch_one(conn).await)
}

/// Suggestion `id`.
pub async fn find_suggestion(db: &Db, id: Uuid) -> Result<Option<ResourceSuggestion>, sqlx::Error> {
    let sql = format!("SELECT {SUGGESTION_COLUMNS} FROM resource_suggestions WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// A page of the suggestions at `status`, the newest first.
pub async fn suggestions(
    db: &Db,
    status: ResourceSuggestionStatus,
    page: &Page,
) -> Result<Vec<ResourceSuggestion>, sqlx::Error> {
    let keyset = page.keyset_sql(Order::NewestFirst, "created_at", "id", 2);
    let sql = format!(
        "SELECT {SUGGESTION_COLUMNS} FROM resource_suggestions WHERE status = $1{}{}",
        keyset.condition, keyset.order_limit
    );
    on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(to_text(status));
        for cursor in &keyset.binds {
            query = query.bind(cursor.at).bind(cursor.id);
        }
        query.fetch_all(pool).await
    })
}

/// Closes open suggestion `id` at `status` by `reviewer`; false when it was not open.
pub async fn review(
    db: &Db,
    id: Uuid,
    status: ResourceSuggestionStatus,
    reviewer: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE resource_suggestions SET status = $2, reviewed_by = $3, reviewed_at = $4 \
                       WHERE id = $1 AND status = 'OPEN'";
    let done = on_db!(db, pool => sqlx::query(SQL).bind(id).bind(to_text(status)).bind(reviewer).bind(now)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
