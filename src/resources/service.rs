//! The rules of the library: who publishes where (community admins anywhere, a group's
//! owners and moderators in their group), who edits and unpublishes (the same), what a
//! resource may say (a body or a link, not both), what is recommended to whom, and how
//! members suggest resources for admins to review (a few a day).

use chrono::TimeDelta;
use uuid::Uuid;

use super::model::{ChildAge, Resource, ResourceKind, ResourceSuggestion, ResourceSuggestionStatus};
use super::store::{self, ResourceFields};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::members::{self, CareerStage};
use crate::rate_limits::within_limit;
use crate::text::{
    bounded_list, distinct, fold, line_list, optional_body, optional_link, required_body, required_line,
};
use crate::{clock, membership};

const MAX_TITLE_CHARS: usize = 200;
const MAX_SUMMARY_CHARS: usize = 500;
const MAX_BODY_CHARS: usize = 50_000;
const MAX_URL_CHARS: usize = 2_000;
const MAX_TOPICS: usize = 10;
const MAX_TOPIC_CHARS: usize = 40;
const MAX_NOTE_CHARS: usize = 1_000;
/// As many as there are (a repeated one counts once).
const MAX_LIFE_STAGES: usize = 6;
const MAX_CHILD_AGES: usize = 5;
/// Suggestions one member may make a day.
const SUGGESTIONS_PER_DAY: i64 = 10;
/// Resources a group's owner or moderator may publish a day (community admins are not
/// paced: they curate the library).
const PUBLISHED_PER_DAY: i64 = 10;

/// A resource as a publisher writes it, before it is checked.
#[derive(Debug, Clone)]
pub struct ResourceDraft {
    pub title: String,
    pub summary: String,
    pub body: Option<String>,
    pub url: Option<String>,
    pub kind: ResourceKind,
    pub topics: Vec<String>,
    pub life_stages: Vec<CareerStage>,
    pub child_ages: Vec<ChildAge>,
}

/// Topics folded, each once: words of letters, digits, spaces and hyphens.
fn checked_topics(topics: &[String]) -> AppResult<Vec<String>> {
    let mut kept: Vec<String> = Vec::with_capacity(topics.len());
    for topic in line_list("topics", topics, MAX_TOPICS, MAX_TOPIC_CHARS)? {
        let topic = fold(&topic);
        if !topic.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-') {
            return Err(AppError::bad_input("topics", "a topic is letters, digits, spaces and hyphens"));
        }
        if !kept.contains(&topic) {
            kept.push(topic);
        }
    }
    Ok(kept)
}

impl ResourceDraft {
    /// The draft checked: texts bounded and not blank, a body or an http(s) link (one of
    /// them), topics folded, each stage and age once.
    fn checked(self) -> AppResult<ResourceFields> {
        let url = optional_link("url", self.url, MAX_URL_CHARS)?;
        let body = optional_body("body", self.body.as_deref().unwrap_or_default(), MAX_BODY_CHARS)?;
        if url.is_some() != body.is_empty() {
            return Err(AppError::bad_input("body", "give a body or a url, one of them"));
        }
        bounded_list("lifeStages", &self.life_stages, MAX_LIFE_STAGES)?;
        bounded_list("childAges", &self.child_ages, MAX_CHILD_AGES)?;
        Ok(ResourceFields {
            title: required_line("title", &self.title, MAX_TITLE_CHARS)?,
            summary: required_body("summary", &self.summary, MAX_SUMMARY_CHARS)?,
            body,
            url,
            kind: self.kind,
            topics: checked_topics(&self.topics)?,
            life_stages: distinct(&self.life_stages),
            child_ages: distinct(&self.child_ages),
        })
    }
}

/// Publishes a resource in group `group_id` (community-wide when `None`).
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn publish(db: &Db, viewer: Uuid, group_id: Option<Uuid>, draft: ResourceDraft) -> AppResult<Resource> {
    let fields = draft.checked()?;
    let admin = members::is_admin(db, viewer).await?;
    membership::require_organiser(db, viewer, admin, group_id).await?;
    let (id, now) = (Uuid::now_v7(), clock::now());
    let mut tx = db.begin_write().await?;
    if !admin {
        let (made, earliest) = store::published_since(&mut tx, viewer, now - TimeDelta::days(1)).await?;
        within_limit(made, earliest, PUBLISHED_PER_DAY, TimeDelta::days(1), now)?;
    }
    store::insert(&mut tx, id, viewer, group_id, &fields, now).await?;
    tx.commit().await?;
    store::find_published(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Published resource `id` for one who may manage it: a community admin wherever it is;
/// else `NOT_FOUND` when she may not see it, `FORBIDDEN` when she sees it but does not
/// moderate its group.
async fn managed(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Resource> {
    if members::is_admin(db, viewer).await? {
        return store::find_published(db, viewer, id).await?.ok_or(AppError::NotFound);
    }
    let resource = store::find(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    membership::require_organiser(db, viewer, false, resource.group_id).await?;
    Ok(resource)
}

/// What an edit changes; what is left out stays.
#[derive(Debug, Default)]
pub struct ResourceEdit {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub url: Option<String>,
    pub kind: Option<ResourceKind>,
    pub topics: Option<Vec<String>>,
    pub life_stages: Option<Vec<CareerStage>>,
    pub child_ages: Option<Vec<ChildAge>>,
}

/// Edits resource `id`: the same people who may publish where it is. A new body drops
/// the link and a new link the body.
#[tracing::instrument(skip_all, fields(viewer = %viewer, resource = %id))]
pub async fn edit(db: &Db, viewer: Uuid, id: Uuid, edit: ResourceEdit) -> AppResult<Resource> {
    let current = managed(db, viewer, id).await?;
    let (body, url) = if edit.body.is_none() && edit.url.is_none() {
        (Some(current.body).filter(|body| !body.is_empty()), current.url)
    } else {
        (edit.body, edit.url)
    };
    let draft = ResourceDraft {
        title: edit.title.unwrap_or(current.title),
        summary: edit.summary.unwrap_or(current.summary),
        body,
        url,
        kind: edit.kind.unwrap_or(current.kind.0),
        topics: edit.topics.unwrap_or(current.topics.0),
        life_stages: edit.life_stages.unwrap_or(current.life_stages.0),
        child_ages: edit.child_ages.unwrap_or(current.child_ages.0),
    };
    let fields = draft.checked()?;
    if !store::update(db, id, viewer, &fields, clock::now()).await? {
        return Err(AppError::NotFound);
    }
    store::find_published(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Takes resource `id` out of the library: no one finds it any more, bookmarks of it
/// included.
#[tracing::instrument(skip_all, fields(viewer = %viewer, resource = %id))]
pub async fn unpublish(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<()> {
    managed(db, viewer, id).await?;
    store::unpublish(db, id, clock::now()).await?;
    Ok(())
}

/// Her career stage (EXPECTING as well while a child is due) and her children's ages.
async fn her_stages_and_ages(db: &Db, viewer: Uuid) -> AppResult<(Vec<CareerStage>, Vec<ChildAge>)> {
    let me = members::find(db, viewer, viewer).await?.ok_or(AppError::NotFound)?;
    let mut stages: Vec<CareerStage> = me.profile.career_stage().into_iter().collect();
    let mut ages = Vec::new();
    for (_, child) in members::children_of(db, &[viewer]).await? {
        match child.months_old() {
            Some(months) => ages.extend(ChildAge::of_months(months)),
            None => stages.push(CareerStage::Expecting),
        }
    }
    Ok((distinct(&stages), distinct(&ages)))
}

/// Up to `limit` resources for her: those for her career stage, then those for her
/// children's ages, then the newest.
pub async fn recommended(db: &Db, viewer: Uuid, limit: usize) -> AppResult<Vec<Resource>> {
    let (stages, ages) = her_stages_and_ages(db, viewer).await?;
    Ok(store::recommended(db, viewer, &stages, &ages, limit).await?)
}

/// Bookmarks resource `id` for her: one she may see.
pub async fn bookmark(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Resource> {
    store::find(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    store::bookmark(db, viewer, id, clock::now()).await?;
    store::find(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Forgets her bookmark of resource `id`, even of one she may no longer see; answers
/// the resource when she still may.
pub async fn unbookmark(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Option<Resource>> {
    store::unbookmark(db, viewer, id).await?;
    Ok(store::find(db, viewer, id).await?)
}

/// Suggests a link for the library: admins review it. `RATE_LIMITED` past
/// [`SUGGESTIONS_PER_DAY`].
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn suggest(db: &Db, viewer: Uuid, url: String, note: &str) -> AppResult<ResourceSuggestion> {
    let url =
        optional_link("url", Some(url), MAX_URL_CHARS)?.ok_or_else(|| AppError::bad_input("url", "give a link"))?;
    let note = optional_body("note", note, MAX_NOTE_CHARS)?;
    let (id, now) = (Uuid::now_v7(), clock::now());
    let mut tx = db.begin_write().await?;
    let (made, earliest) = store::suggestions_since(&mut tx, viewer, now - TimeDelta::days(1)).await?;
    within_limit(made, earliest, SUGGESTIONS_PER_DAY, TimeDelta::days(1), now)?;
    store::insert_suggestion(&mut tx, id, viewer, &url, &note, now).await?;
    tx.commit().await?;
    store::find_suggestion(db, id).await?.ok_or(AppError::NotFound)
}

/// `FORBIDDEN` unless `viewer` is a community admin.
pub async fn require_admin(db: &Db, viewer: Uuid) -> AppResult<()> {
    if members::is_admin(db, viewer).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Closes suggestion `id` as taken up or dismissed; community admins only, once.
#[tracing::instrument(skip_all, fields(viewer = %viewer, suggestion = %id))]
pub async fn review(db: &Db, viewer: Uuid, id: Uuid, accepted: bool) -> AppResult<ResourceSuggestion> {
    require_admin(db, viewer).await?;
    store::find_suggestion(db, id).await?.ok_or(AppError::NotFound)?;
    let status = if accepted { ResourceSuggestionStatus::Accepted } else { ResourceSuggestionStatus::Dismissed };
    if !store::review(db, id, status, viewer, clock::now()).await? {
        return Err(AppError::Conflict {
            field: "suggestionId",
            message: "this suggestion was already reviewed".into(),
        });
    }
    store::find_suggestion(db, id).await?.ok_or(AppError::NotFound)
}
