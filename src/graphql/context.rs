//! Typed access to what every resolver needs from the GraphQL context: the services put
//! on the schema at start and the viewer and loaders put on each request.

use std::any::type_name;

use async_graphql::Context;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::idempotency;
use crate::rate_limits::{Action, RateLimits};
use crate::realtime::Bus;
use crate::viewer::{ClientInfo, Viewer};

/// Data of type `T` put on the schema or the request; its absence is a server bug.
pub fn data<'a, T: Send + Sync + 'static>(ctx: &'a Context<'_>) -> AppResult<&'a T> {
    ctx.data::<T>().map_err(|_| AppError::Internal(anyhow::anyhow!("GraphQL context lacks {}", type_name::<T>())))
}

/// Accessors for the services and request data that the server always provides.
pub trait ContextExt {
    fn db(&self) -> AppResult<&Db>;
    fn viewer(&self) -> AppResult<&Viewer>;
    fn client(&self) -> AppResult<&ClientInfo>;
    fn bus(&self) -> AppResult<&Bus>;
}

/// The `extensions.reason` of a write refused until she confirms her email address.
pub const EMAIL_NOT_VERIFIED: &str = "EMAIL_NOT_VERIFIED";

/// The signed-in member, when she may write: once her email address is confirmed
/// (`FORBIDDEN`, reason `EMAIL_NOT_VERIFIED`, until then), or always where the
/// deployment lets unconfirmed members write.
pub fn verified_member(ctx: &Context<'_>) -> AppResult<uuid::Uuid> {
    let claims = ctx.viewer()?.claims()?;
    if claims.email_verified || data::<RateLimits>(ctx)?.unverified_may_write() {
        return Ok(claims.member_id);
    }
    Err(AppError::Refused {
        reason: EMAIL_NOT_VERIFIED,
        message: "confirm your email address first: follow the link we sent you (resendVerification sends another)",
    })
}

/// The signed-in member, once she may write ([`verified_member`]) and one more
/// `action` of hers was counted against her rate limit (`RATE_LIMITED` when she has
/// used it up). Every attempt counts, a refused one too.
pub async fn rate_limited(ctx: &Context<'_>, action: Action) -> AppResult<uuid::Uuid> {
    let member = verified_member(ctx)?;
    data::<RateLimits>(ctx)?.check(action, member).await?;
    Ok(member)
}

/// [`rate_limited`] for a create `mutation` carrying `clientMutationId` `key`: a retry
/// of one already made only returns it, so it is not counted again (a phone retrying
/// after a lost answer gets its reply, not `RATE_LIMITED`).
pub async fn rate_limited_create(
    ctx: &Context<'_>,
    action: Action,
    mutation: &str,
    key: Option<&str>,
) -> AppResult<uuid::Uuid> {
    let member = verified_member(ctx)?;
    if let Some(key) = key
        && idempotency::made_before(ctx.db()?, member, mutation, key).await?
    {
        return Ok(member);
    }
    rate_limited(ctx, action).await
}

impl ContextExt for Context<'_> {
    fn db(&self) -> AppResult<&Db> {
        data(self)
    }
    fn viewer(&self) -> AppResult<&Viewer> {
        data(self)
    }
    fn client(&self) -> AppResult<&ClientInfo> {
        data(self)
    }
    fn bus(&self) -> AppResult<&Bus> {
        data(self)
    }
}
