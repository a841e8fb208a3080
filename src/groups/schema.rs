//! GraphQL for groups: `group`, `groups`, `myGroups`, and the membership mutations.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::service::{self, CreateGroup, JoinOutcome};
use crate::error::AppError;
use crate::graphql::context::{ContextExt, verified_member};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{Member, load_member};
use crate::membership::{
    self, Group, GroupMember, GroupRole, GroupVisibility, JoinPolicy, JoinRequest, JoinRequestStatus, store,
};
use crate::text::filter_term;
use crate::threads::{self, Thread, ThreadOrder};

/// `count` rounded down to a step of 10, 25, 50, 100, 250, 500, 1 000, … (0 below ten).
fn approximately(count: i64) -> i64 {
    let mut step = 10;
    let mut below = 0;
    while step <= count {
        below = step;
        // 10 → 25 → 50 → 100 → 250 → …
        step = if step.to_string().starts_with('1') { step * 5 / 2 } else { step * 2 };
    }
    below
}

#[Object]
impl Group {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.name
    }
    async fn description(&self) -> &str {
        &self.description
    }
    async fn visibility(&self) -> GroupVisibility {
        self.visibility
    }
    async fn join_policy(&self) -> JoinPolicy {
        self.join_policy
    }
    /// Questions a member answers when asking to join.
    async fn join_questions(&self) -> &[String] {
        &self.join_questions
    }
    /// How many members it has: for members, and for everyone in a public group; null to
    /// outsiders of a private group, who see `approximateMemberCount`.
    async fn member_count(&self) -> Option<i64> {
        self.readable().then_some(self.member_count)
    }
    /// The member count rounded down to a step of 0, 10, 25, 50, 100, 250, 500, 1 000,
    /// 2 500, … (0: fewer than ten): what anyone may know of a group's size.
    async fn approximate_member_count(&self) -> i64 {
        approximately(self.member_count)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    /// Members may post threads and replies as "Anonymous member": everyone but the
    /// author, the group's owners and moderators, and community admins sees no author.
    async fn allow_anonymous_posts(&self) -> bool {
        self.allow_anonymous_posts
    }
    /// The viewer's role here; null when she is not a member.
    async fn viewer_role(&self) -> Option<GroupRole> {
        self.viewer_role
    }

    /// Her pending request to join, if she filed one.
    async fn viewer_join_request(&self, ctx: &Context<'_>) -> Result<Option<JoinRequest>> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(store::pending_request(ctx.db()?, self.id, viewer).await.map_err(AppError::from)?)
    }

    /// Members, in joining order. Null, with a `NOT_FOUND` error, for non-members of a
    /// private group (the rest of the group still answers).
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Option<Connection<Cursor, GroupMember>>> {
        if !self.readable() {
            return Err(AppError::NotFound.into());
        }
        let page = PageArgs { first, after, last, before }.validate()?;
        let viewer = ctx.viewer()?.member_id()?;
        let rows = store::page_members(ctx.db()?, viewer, self.id, &page).await.map_err(AppError::from)?;
        Ok(Some(page.connection(rows, |m| Cursor { at: m.joined_at, id: m.member_id })))
    }

    /// Threads, most recently active (or started) first; pinned ones are also listed
    /// in `pinnedThreads`. Null, with a `NOT_FOUND` error, for non-members of a private group.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn threads(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        #[graphql(default)] order_by: ThreadOrder,
    ) -> Result<Option<Connection<Cursor, Thread>>> {
        Ok(Some(threads::group_threads(ctx, self, order_by, PageArgs { first, after, last, before }).await?))
    }

    /// Threads the moderators pinned (at most 20), most recently active first. Null, with
    /// a `NOT_FOUND` error, for non-members of a private group.
    #[graphql(complexity = "20 * child_complexity")]
    async fn pinned_threads(&self, ctx: &Context<'_>) -> Result<Option<Vec<Thread>>> {
        Ok(Some(threads::pinned_threads(ctx, self).await?))
    }

    /// Pending requests to join, oldest first. Moderators only.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn join_requests(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, JoinRequest>> {
        let viewer = ctx.viewer()?.member_id()?;
        membership::require_moderator(ctx.db()?, viewer, self.id).await?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page_pending_requests(ctx.db()?, self.id, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |r| Cursor { at: r.created_at, id: r.id }))
    }
}

#[Object]
impl GroupMember {
    async fn member(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.member_id).await?)
    }
    async fn role(&self) -> GroupRole {
        self.role
    }
    async fn joined_at(&self) -> DateTime<Utc> {
        self.joined_at
    }
}

#[Object]
impl JoinRequest {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn member(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.member_id).await?)
    }
    /// Her answers, in the order of the group's questions; none when she and the viewer
    /// blocked each other either way (another moderator decides).
    async fn answers(&self, ctx: &Context<'_>) -> Result<&[String]> {
        let blocked = load_member(ctx, self.member_id).await?.blocked;
        Ok(if blocked { &[] } else { &self.answers })
    }
    async fn status(&self) -> JoinRequestStatus {
        self.status
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

/// Filters for the group directory.
#[derive(InputObject, Default)]
pub struct GroupFilter {
    /// Words in the name or description.
    pub search: Option<String>,
}

#[derive(Default)]
pub struct GroupQuery;

#[Object]
impl GroupQuery {
    /// A group by id. Private groups show their name and description to everyone.
    async fn group(&self, ctx: &Context<'_>, id: ID) -> Result<Group> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("id", &id)?;
        Ok(store::find(ctx.db()?, viewer, id).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?)
    }

    /// Every group, newest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn groups(
        &self,
        ctx: &Context<'_>,
        filter: Option<GroupFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Group>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let search = filter_term("search", filter.and_then(|f| f.search), 100)?;
        let rows = store::page_all(ctx.db()?, viewer, search.as_deref(), &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |g| Cursor { at: g.created_at, id: g.id }))
    }

    /// The groups the viewer belongs to, in the order she joined them.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn my_groups(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Group>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page_mine(ctx.db()?, viewer, &page).await.map_err(AppError::from)?;
        Ok(page.connection_with(rows, |(g, joined_at)| Cursor { at: *joined_at, id: g.id }, |(group, _)| group))
    }
}

#[derive(InputObject)]
pub struct CreateGroupInput {
    pub name: String,
    #[graphql(default)]
    pub description: String,
    #[graphql(default_with = "GroupVisibility::Public")]
    pub visibility: GroupVisibility,
    #[graphql(default_with = "JoinPolicy::Open")]
    pub join_policy: JoinPolicy,
    /// Asked of everyone who requests to join an APPROVAL group (at most 5).
    #[graphql(default)]
    pub join_questions: Vec<String>,
    /// Members may post threads and replies as "Anonymous member".
    #[graphql(default)]
    pub allow_anonymous_posts: bool,
    /// A retry with the same value returns the group made the first time.
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct JoinGroupInput {
    pub group_id: ID,
    /// Answers to the group's join questions, in order (APPROVAL groups; at most 5).
    #[graphql(default)]
    pub answers: Vec<String>,
}

#[derive(InputObject)]
pub struct GroupRefInput {
    pub group_id: ID,
}

#[derive(InputObject)]
pub struct JoinRequestRefInput {
    pub request_id: ID,
}

#[derive(InputObject)]
pub struct GroupMemberInput {
    pub group_id: ID,
    pub member_id: ID,
}

#[derive(InputObject)]
pub struct SetAnonymousPostsInput {
    pub group_id: ID,
    pub allowed: bool,
}

#[derive(InputObject)]
pub struct SetMemberRoleInput {
    pub group_id: ID,
    pub member_id: ID,
    pub role: GroupRole,
}

/// The result of `joinGroup`: she is in, or her request waits for a moderator.
#[derive(SimpleObject)]
pub struct JoinGroupPayload {
    pub group: Group,
    pub joined: bool,
    pub join_request: Option<JoinRequest>,
}

#[derive(Default)]
pub struct GroupMutation;

#[Object]
impl GroupMutation {
    /// Creates a group; the viewer becomes its owner.
    async fn create_group(&self, ctx: &Context<'_>, input: CreateGroupInput) -> Result<Group> {
        let viewer = verified_member(ctx)?;
        let create = CreateGroup {
            name: input.name,
            description: input.description,
            visibility: input.visibility,
            join_policy: input.join_policy,
            join_questions: input.join_questions,
            allow_anonymous_posts: input.allow_anonymous_posts,
            client_mutation_id: input.client_mutation_id,
        };
        Ok(service::create(ctx.db()?, viewer, create).await?)
    }

    /// Joins a group, or asks to.
    async fn join_group(&self, ctx: &Context<'_>, input: JoinGroupInput) -> Result<JoinGroupPayload> {
        let viewer = verified_member(ctx)?;
        let group_id = parse_id("groupId", &input.group_id)?;
        Ok(match service::join(ctx.db()?, ctx.bus()?, viewer, group_id, input.answers).await? {
            JoinOutcome::Joined(group) => JoinGroupPayload { group, joined: true, join_request: None },
            JoinOutcome::Requested(group, request) => {
                JoinGroupPayload { group, joined: false, join_request: Some(request) }
            }
        })
    }

    /// Leaves a group.
    async fn leave_group(&self, ctx: &Context<'_>, input: GroupRefInput) -> Result<Group> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::leave(ctx.db()?, ctx.bus()?, viewer, parse_id("groupId", &input.group_id)?).await?)
    }

    /// Lets a member in. Moderators only.
    async fn approve_join_request(&self, ctx: &Context<'_>, input: JoinRequestRefInput) -> Result<JoinRequest> {
        let viewer = ctx.viewer()?.member_id()?;
        let request_id = parse_id("requestId", &input.request_id)?;
        Ok(service::decide(ctx.db()?, ctx.bus()?, viewer, request_id, true).await?)
    }

    /// Turns a request down. Moderators only.
    async fn decline_join_request(&self, ctx: &Context<'_>, input: JoinRequestRefInput) -> Result<JoinRequest> {
        let viewer = ctx.viewer()?.member_id()?;
        let request_id = parse_id("requestId", &input.request_id)?;
        Ok(service::decide(ctx.db()?, ctx.bus()?, viewer, request_id, false).await?)
    }

    /// Invites a member, who may then join whatever the policy. Moderators only.
    async fn invite_to_group(&self, ctx: &Context<'_>, input: GroupMemberInput) -> Result<Group> {
        let viewer = ctx.viewer()?.member_id()?;
        let (group_id, member_id) = (parse_id("groupId", &input.group_id)?, parse_id("memberId", &input.member_id)?);
        let db = ctx.db()?;
        service::invite(db, viewer, group_id, member_id).await?;
        Ok(membership::readable(db, viewer, group_id).await?)
    }

    /// Lets members post anonymously, or stops it (what was posted anonymously stays
    /// so). Owners only; the moderation log keeps the change.
    async fn set_anonymous_posts(&self, ctx: &Context<'_>, input: SetAnonymousPostsInput) -> Result<Group> {
        let viewer = ctx.viewer()?.member_id()?;
        let group_id = parse_id("groupId", &input.group_id)?;
        Ok(service::set_anonymous_posts(ctx.db()?, viewer, group_id, input.allowed).await?)
    }

    /// Changes a member's role. Owners only.
    async fn set_member_role(&self, ctx: &Context<'_>, input: SetMemberRoleInput) -> Result<Group> {
        let viewer = ctx.viewer()?.member_id()?;
        let (group_id, member_id) = (parse_id("groupId", &input.group_id)?, parse_id("memberId", &input.member_id)?);
        let db = ctx.db()?;
        service::set_role(db, ctx.bus()?, viewer, group_id, member_id, input.role).await?;
        Ok(membership::readable(db, viewer, group_id).await?)
    }

    /// Removes a member; she loses access at once. Moderators only.
    async fn remove_member(&self, ctx: &Context<'_>, input: GroupMemberInput) -> Result<Group> {
        let viewer = ctx.viewer()?.member_id()?;
        let (group_id, member_id) = (parse_id("groupId", &input.group_id)?, parse_id("memberId", &input.member_id)?);
        Ok(service::remove(ctx.db()?, ctx.bus()?, viewer, group_id, member_id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::approximately;

    #[test]
    fn sizes_round_down_to_a_few_steps() {
        let rounded: Vec<i64> = [0, 9, 10, 24, 25, 60, 999, 1_000, 3_000].into_iter().map(approximately).collect();
        assert_eq!(rounded, [0, 0, 10, 10, 25, 50, 500, 1_000, 2_500]);
    }
}
