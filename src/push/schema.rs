//! GraphQL for push: the server's public key, and a member's push subscriptions.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::PushConfig;
use super::store::{self, PushSubscriptionRow};
use super::subscription::ValidSubscription;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::graphql::ids::parse_id;

/// A device that receives her pushes.
#[derive(SimpleObject)]
pub struct PushSubscription {
    pub id: ID,
    pub endpoint: String,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<PushSubscriptionRow> for PushSubscription {
    fn from(row: PushSubscriptionRow) -> Self {
        Self {
            id: ID(row.id.to_string()),
            endpoint: row.endpoint,
            user_agent: row.user_agent,
            created_at: row.created_at,
        }
    }
}

/// A subscription as the browser or phone gave it (`PushSubscription.toJSON()`).
#[derive(InputObject)]
pub struct RegisterPushSubscriptionInput {
    pub endpoint: String,
    /// The subscription's P-256 public key (base64url), named as in `toJSON().keys`.
    #[graphql(name = "p256dh")]
    pub p256dh: String,
    /// Its 16-byte auth secret (base64url).
    pub auth: String,
    /// Shown in her device list, e.g. "Pixel 8".
    pub user_agent: Option<String>,
}

#[derive(InputObject)]
pub struct RemovePushSubscriptionInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct RemovePushSubscriptionPayload {
    pub removed_id: ID,
}

#[derive(Default)]
pub struct PushQuery;

#[Object]
impl PushQuery {
    /// The server's VAPID public key (base64url), for the client's push subscribe call.
    async fn vapid_public_key(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(data::<PushConfig>(ctx)?.vapid.public_key.clone())
    }

    /// The devices that receive her pushes.
    async fn my_push_subscriptions(&self, ctx: &Context<'_>) -> Result<Vec<PushSubscription>> {
        let viewer = ctx.viewer()?.member_id()?;
        let rows = store::of_member(ctx.db()?, viewer).await.map_err(AppError::from)?;
        Ok(rows.into_iter().map(PushSubscription::from).collect())
    }
}

#[derive(Default)]
pub struct PushMutation;

#[Object]
impl PushMutation {
    /// Registers this device for pushes; registering the same endpoint again updates it.
    async fn register_push_subscription(
        &self,
        ctx: &Context<'_>,
        input: RegisterPushSubscriptionInput,
    ) -> Result<PushSubscription> {
        let viewer = ctx.viewer()?.member_id()?;
        let allow_local = data::<PushConfig>(ctx)?.allow_local_endpoints;
        let valid =
            ValidSubscription::check(&input.endpoint, &input.p256dh, &input.auth, input.user_agent, allow_local)?;
        Ok(store::register(ctx.db()?, viewer, &valid).await.map_err(AppError::from)?.into())
    }

    /// Stops pushes to one of her devices.
    async fn remove_push_subscription(
        &self,
        ctx: &Context<'_>,
        input: RemovePushSubscriptionInput,
    ) -> Result<RemovePushSubscriptionPayload> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("id", &input.id)?;
        if !store::remove(ctx.db()?, viewer, id).await.map_err(AppError::from)? {
            return Err(AppError::NotFound.into());
        }
        Ok(RemovePushSubscriptionPayload { removed_id: input.id })
    }
}
