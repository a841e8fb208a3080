//! GraphQL for the resource library: `resources` (searched and filtered),
//! `resource`, `recommendedResources`, `bookmarks`, and publishing, editing,
//! unpublishing, bookmarking and suggesting; `resourceSuggestions` for admins.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};

use super::model::{ChildAge, Resource, ResourceKind, ResourceSuggestion, ResourceSuggestionStatus};
use super::search;
use super::service::{self, ResourceDraft, ResourceEdit};
use super::store::{self, ResourceFilter};
use crate::error::{AppError, found};
use crate::graphql::context::{ContextExt, verified_member};
use crate::graphql::ids::{optional_id, parse_id};
use crate::graphql::relay::{self, Cursor, PageArgs, RankedConnection, ranked_connection, ranked_page};
use crate::members::{CareerStage, Member, load_member};
use crate::membership::{self, Group};
use crate::text::{filter_term, fold};

/// The longest search or topic a filter takes.
const MAX_TERM_CHARS: usize = 200;
/// Most resources `recommendedResources` gives.
const MAX_RECOMMENDED: usize = 20;
/// What ranking the library costs beyond the items asked for (a search scores every
/// match; recommendations score every resource): a few such fields per request.
const LIBRARY_QUERY_COST: usize = 200;

/// A guide, article, template, video or link in the library.
#[Object]
impl Resource {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.title
    }
    async fn summary(&self) -> &str {
        &self.summary
    }
    /// Plain text with simple markdown; clients render it. Null for a link.
    async fn body(&self) -> Option<&str> {
        (!self.body.is_empty()).then_some(self.body.as_str())
    }
    /// Where it lives, for a link (null for one with a body).
    async fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    async fn kind(&self) -> ResourceKind {
        self.kind.0
    }
    /// Lower-cased.
    async fn topics(&self) -> &[String] {
        &self.topics.0
    }
    /// The career stages it is for.
    async fn life_stages(&self) -> &[CareerStage] {
        &self.life_stages.0
    }
    /// The ages of children it speaks to.
    async fn child_ages(&self) -> &[ChildAge] {
        &self.child_ages.0
    }
    /// The group it was published in; null when community-wide.
    async fn group_id(&self) -> Option<ID> {
        optional_id(self.group_id)
    }
    /// The group it was published in, when she may read it (a community admin managing
    /// a private group's resource may not); null when community-wide.
    async fn group(&self, ctx: &Context<'_>) -> Result<Option<Group>> {
        let Some(group_id) = self.group_id else { return Ok(None) };
        Ok(found(membership::readable(ctx.db()?, ctx.viewer()?.member_id()?, group_id).await)?)
    }
    async fn published_by(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.published_by).await?)
    }
    async fn published_at(&self) -> DateTime<Utc> {
        self.published_at
    }
    /// Who last edited it; null until someone does.
    async fn edited_by(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        let Some(editor) = self.edited_by else { return Ok(None) };
        Ok(Some(load_member(ctx, editor).await?))
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    /// Whether she bookmarked it.
    async fn bookmarked(&self) -> bool {
        self.bookmarked
    }
}

/// A member's suggestion for the library.
#[Object]
impl ResourceSuggestion {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn url(&self) -> &str {
        &self.url
    }
    async fn note(&self) -> &str {
        &self.note
    }
    async fn status(&self) -> ResourceSuggestionStatus {
        self.status.0
    }
    /// Who suggested it: shown to herself and to community admins.
    async fn suggested_by(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.member_id).await?)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn reviewed_at(&self) -> Option<DateTime<Utc>> {
        self.reviewed_at
    }
}

/// What to look for in the library; every part optional, all must match.
#[derive(InputObject, Default)]
pub struct ResourceFilterInput {
    /// Words to search for (all of them, stemmed), the best matches first; without it
    /// the newest come first.
    pub text: Option<String>,
    pub topic: Option<String>,
    pub life_stage: Option<CareerStage>,
    pub kind: Option<ResourceKind>,
    pub group_id: Option<ID>,
}

impl ResourceFilterInput {
    fn checked(self) -> Result<ResourceFilter, AppError> {
        let text = filter_term("text", self.text, MAX_TERM_CHARS)?;
        Ok(ResourceFilter {
            words: text.map(|text| search::words("text", &text)).transpose()?.unwrap_or_default(),
            topic: filter_term("topic", self.topic, MAX_TERM_CHARS)?.map(|topic| fold(&topic)),
            life_stage: self.life_stage,
            kind: self.kind,
            group_id: self.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?,
        })
    }
}

#[derive(Default)]
pub struct ResourceQuery;

#[Object]
impl ResourceQuery {
    /// The library as she may see it (community-wide resources and those of groups she
    /// may read), searched and filtered: the best matches first when searching for
    /// words, else the newest. Pages go 1 000 items deep.
    #[graphql(complexity = "LIBRARY_QUERY_COST + relay::complexity(first, None, child_complexity)")]
    async fn resources(
        &self,
        ctx: &Context<'_>,
        filter: Option<ResourceFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<RankedConnection<Resource>> {
        let viewer = ctx.viewer()?.member_id()?;
        let filter = filter.unwrap_or_default().checked()?;
        let (start, size) = ranked_page(first, after.as_deref())?;
        let rows = store::search(ctx.db()?, viewer, &filter, start, size + 1).await.map_err(AppError::from)?;
        Ok(ranked_connection(rows, start, size))
    }

    /// One resource she may see.
    async fn resource(&self, ctx: &Context<'_>, id: ID) -> Result<Resource> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("id", &id)?;
        Ok(store::find(ctx.db()?, viewer, id).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?)
    }

    /// Resources for her: first those for her career stage (and EXPECTING while a
    /// child is due), then those for her children's ages, then the newest (1 to 20).
    #[graphql(
        complexity = "LIBRARY_QUERY_COST + usize::try_from(first).unwrap_or(0).min(MAX_RECOMMENDED) * child_complexity"
    )]
    async fn recommended_resources(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> Result<Vec<Resource>> {
        let viewer = ctx.viewer()?.member_id()?;
        let limit = usize::try_from(first)
            .ok()
            .filter(|n| (1..=MAX_RECOMMENDED).contains(n))
            .ok_or_else(|| AppError::bad_input("first", format!("first must be between 1 and {MAX_RECOMMENDED}")))?;
        Ok(service::recommended(ctx.db()?, viewer, limit).await?)
    }

    /// The resources she bookmarked and may still see, the latest bookmarked first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn bookmarks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Resource>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::bookmarks(ctx.db()?, viewer, &page).await.map_err(AppError::from)?;
        Ok(page.connection_with(rows, |(resource, at)| Cursor { at: *at, id: resource.id }, |(resource, _)| resource))
    }

    /// Members' suggestions at `status` (OPEN when left out), the newest first.
    /// Community admins only.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn resource_suggestions(
        &self,
        ctx: &Context<'_>,
        status: Option<ResourceSuggestionStatus>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, ResourceSuggestion>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let db = ctx.db()?;
        service::require_admin(db, viewer).await?;
        let status = status.unwrap_or(ResourceSuggestionStatus::Open);
        let rows = store::suggestions(db, status, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |suggestion| Cursor { at: suggestion.created_at, id: suggestion.id }))
    }
}

/// A resource to publish: a body or a url, one of them.
#[derive(InputObject)]
pub struct PublishResourceInput {
    pub title: String,
    /// A line or two shown in lists (at most 500 characters).
    pub summary: String,
    /// Plain text with simple markdown (at most 50 000 characters).
    pub body: Option<String>,
    /// An http(s) link.
    pub url: Option<String>,
    pub kind: ResourceKind,
    /// Up to 10 short topics: letters, digits, spaces and hyphens.
    #[graphql(default)]
    pub topics: Vec<String>,
    #[graphql(default)]
    pub life_stages: Vec<CareerStage>,
    #[graphql(default)]
    pub child_ages: Vec<ChildAge>,
    /// Publish it in this group (its owners and moderators may); community-wide
    /// (community admins) when left out.
    pub group_id: Option<ID>,
}

/// Changes to a resource; what is left out stays. A new body replaces the link, a new
/// link the body.
#[derive(InputObject)]
pub struct EditResourceInput {
    pub resource_id: ID,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub url: Option<String>,
    pub kind: Option<ResourceKind>,
    pub topics: Option<Vec<String>>,
    pub life_stages: Option<Vec<CareerStage>>,
    pub child_ages: Option<Vec<ChildAge>>,
}

#[derive(InputObject)]
pub struct ResourceInput {
    pub resource_id: ID,
}

#[derive(InputObject)]
pub struct SuggestResourceInput {
    /// An http(s) link.
    pub url: String,
    /// Why it belongs in the library (at most 1 000 characters).
    #[graphql(default)]
    pub note: String,
}

#[derive(InputObject)]
pub struct ReviewSuggestionInput {
    pub suggestion_id: ID,
    /// Taken up (ACCEPTED) or not (DISMISSED).
    pub accepted: bool,
}

#[derive(Default)]
pub struct ResourceMutation;

#[Object]
impl ResourceMutation {
    /// Publishes a resource: community-wide for community admins, in a group for its
    /// owners and moderators.
    async fn publish_resource(&self, ctx: &Context<'_>, input: PublishResourceInput) -> Result<Resource> {
        let viewer = verified_member(ctx)?;
        let group_id = input.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?;
        let draft = ResourceDraft {
            title: input.title,
            summary: input.summary,
            body: input.body,
            url: input.url,
            kind: input.kind,
            topics: input.topics,
            life_stages: input.life_stages,
            child_ages: input.child_ages,
        };
        Ok(service::publish(ctx.db()?, viewer, group_id, draft).await?)
    }

    /// Changes a resource: those who may publish where it is.
    async fn edit_resource(&self, ctx: &Context<'_>, input: EditResourceInput) -> Result<Resource> {
        let viewer = verified_member(ctx)?;
        let id = parse_id("resourceId", &input.resource_id)?;
        let edit = ResourceEdit {
            title: input.title,
            summary: input.summary,
            body: input.body,
            url: input.url,
            kind: input.kind,
            topics: input.topics,
            life_stages: input.life_stages,
            child_ages: input.child_ages,
        };
        Ok(service::edit(ctx.db()?, viewer, id, edit).await?)
    }

    /// Takes a resource out of the library (bookmarks of it go quiet): those who may
    /// publish where it is. Answers its id.
    async fn unpublish_resource(&self, ctx: &Context<'_>, input: ResourceInput) -> Result<ID> {
        let viewer = verified_member(ctx)?;
        service::unpublish(ctx.db()?, viewer, parse_id("resourceId", &input.resource_id)?).await?;
        Ok(input.resource_id)
    }

    /// Bookmarks a resource she may see.
    async fn bookmark_resource(&self, ctx: &Context<'_>, input: ResourceInput) -> Result<Resource> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::bookmark(ctx.db()?, viewer, parse_id("resourceId", &input.resource_id)?).await?)
    }

    /// Forgets a bookmark, even of a resource she may no longer see (then null).
    async fn unbookmark_resource(&self, ctx: &Context<'_>, input: ResourceInput) -> Result<Option<Resource>> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::unbookmark(ctx.db()?, viewer, parse_id("resourceId", &input.resource_id)?).await?)
    }

    /// Suggests a link for the library; community admins review it (10 a day).
    async fn suggest_resource(&self, ctx: &Context<'_>, input: SuggestResourceInput) -> Result<ResourceSuggestion> {
        let viewer = verified_member(ctx)?;
        Ok(service::suggest(ctx.db()?, viewer, input.url, &input.note).await?)
    }

    /// Closes a suggestion as taken up or not. Community admins only.
    async fn review_resource_suggestion(
        &self,
        ctx: &Context<'_>,
        input: ReviewSuggestionInput,
    ) -> Result<ResourceSuggestion> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("suggestionId", &input.suggestion_id)?;
        Ok(service::review(ctx.db()?, viewer, id, input.accepted).await?)
    }
}
