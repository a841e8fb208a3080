//! GraphQL for members: the `Member` type, `me` and the `members` directory.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::store::{self, Member};
use crate::error::{AppError, AppResult};
use crate::graphql::context::ContextExt;
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
