//! GraphQL for members: the `Member` type, `me` and the `members` directory.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::blocks;
use super::store::{self, Member};
use crate::clock;
use crate::error::{AppError, AppResult};
use crate::graphql::context::ContextExt;
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};

/// The member `id`, through the request's loader.
pub async fn load_member(ctx: &Context<'_>, id: Uuid) -> AppResult<Member> {
    let loaded = ctx.member_loader()?.load_one(id).await;
    loaded.map_err(|error| AppError::Internal(anyhow::anyhow!("loading member: {error}")))?.ok_or(AppError::NotFound)
}

/// A member of the community.
#[Object]
impl Member {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// The name shown next to her posts.
    async fn display_name(&self) -> &str {
        &self.display_name
    }

    /// Her @handle for mentions, once she chose one.
    async fn handle(&self) -> Option<&str> {
        self.handle.as_deref()
    }

    /// Her sign-in email: shown to herself only, null to everyone else.
    async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        let is_self = self.shown_to_herself || ctx.viewer()?.member_id().is_ok_and(|viewer| viewer == self.id);
        Ok(is_self.then_some(self.email.as_str()))
    }

    /// When she joined.
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

#[derive(Default)]
pub struct MemberQuery;

#[Object]
impl MemberQuery {
    /// The signed-in member.
    async fn me(&self, ctx: &Context<'_>) -> Result<Member> {
        let member_id = ctx.viewer()?.member_id()?;
        Ok(load_member(ctx, member_id).await?)
    }

    /// The member directory, in joining order. Members only.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Member>> {
        ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page(ctx.db()?, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |member| Cursor { at: member.created_at, id: member.id }))
    }
}

#[derive(InputObject)]
pub struct MemberRefInput {
    pub member_id: ID,
}

/// Changes to her own profile; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateProfileInput {
    pub display_name: Option<String>,
    /// 2 to 30 letters, digits or underscores; others @mention her by it.
    pub handle: Option<String>,
}

/// A valid @handle, lower-cased.
fn valid_handle(handle: &str) -> AppResult<String> {
    let handle = handle.trim().trim_start_matches('@').to_ascii_lowercase();
    let well_formed = (2..=30).contains(&handle.len()) && handle.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if well_formed {
        Ok(handle)
    } else {
        Err(AppError::bad_input("handle", "use 2 to 30 letters, digits or underscores"))
    }
}

#[derive(Default)]
pub struct MemberMutation;

#[Object]
impl MemberMutation {
    /// Updates the viewer's profile.
    async fn update_profile(&self, ctx: &Context<'_>, input: UpdateProfileInput) -> Result<Member> {
        let viewer = ctx.viewer()?.member_id()?;
        let db = ctx.db()?;
        let current = store::find(db, viewer).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?;
        let display_name = match input.display_name {
            Some(name) => crate::text::required_line("displayName", &name, 80)?,
            None => current.display_name,
        };
        let handle = match input.handle {
            Some(handle) => Some(valid_handle(&handle)?),
            None => current.handle,
        };
        store::update_names(db, viewer, &display_name, handle.as_deref(), clock::now())
            .await
            .map_err(AppError::from)?;
        let member = store::find(db, viewer).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?;
        Ok(Member { shown_to_herself: true, ..member })
    }

    /// Blocks a member: her content disappears for the viewer, and neither can reply to or
    /// mention the other. Returns the blocked member.
    async fn block_member(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<Member> {
        let viewer = ctx.viewer()?.member_id()?;
        let member_id = parse_id("memberId", &input.member_id)?;
        if member_id == viewer {
            return Err(AppError::bad_input("memberId", "you cannot block yourself").into());
        }
        let member = load_member(ctx, member_id).await?;
        blocks::block(ctx.db()?, viewer, member_id).await.map_err(AppError::from)?;
        Ok(member)
    }

    /// Lifts a block. Returns the member.
    async fn unblock_member(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<Member> {
        let viewer = ctx.viewer()?.member_id()?;
        let member_id = parse_id("memberId", &input.member_id)?;
        let member = load_member(ctx, member_id).await?;
        blocks::unblock(ctx.db()?, viewer, member_id).await.map_err(AppError::from)?;
        Ok(member)
    }
}
