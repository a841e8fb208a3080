//! GraphQL for push: the server's public key, and a member's push subscriptions.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::PushConfig;
use super::quiet_hours;
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

/// A daily window of her local time, "HH:MM" to "HH:MM" (an end before the start runs
/// past midnight).
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "QuietWindowInput")]
pub struct QuietWindow {
    pub start: String,
    pub end: String,
}

/// When her phone should not buzz: pushes due then are held and go out as one when the
/// window ends (event changes within two hours of the start still go at once).
#[derive(SimpleObject)]
pub struct QuietHours {
    /// An IANA time zone, e.g. "Europe/London".
    pub time_zone: String,
    pub windows: Vec<QuietWindow>,
}

impl From<quiet_hours::QuietHours> for QuietHours {
    fn from(quiet: quiet_hours::QuietHours) -> Self {
        let text = |time: chrono::NaiveTime| time.format("%H:%M").to_string();
        let windows = quiet.windows.iter().map(|w| QuietWindow { start: text(w.start), end: text(w.end) }).collect();
        Self { time_zone: quiet.time_zone.name().to_owned(), windows }
    }
}

#[derive(InputObject)]
pub struct SetQuietHoursInput {
    /// An IANA time zone, e.g. "Europe/London"; her windows are in its local time.
    pub time_zone: String,
    /// Up to four windows; none turns quiet hours off.
    pub windows: Vec<QuietWindow>,
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

    /// Her quiet hours (none set: no windows, in UTC).
    async fn quiet_hours(&self, ctx: &Context<'_>) -> Result<QuietHours> {
        let viewer = ctx.viewer()?.member_id()?;
        let quiet = quiet_hours::of_member(ctx.db()?, viewer).await.map_err(AppError::from)?;
        Ok(quiet.unwrap_or(quiet_hours::QuietHours { time_zone: chrono_tz::UTC, windows: Vec::new() }).into())
    }
}

#[derive(Default)]
pub struct PushMutation;

#[Object]
impl PushMutation {
    /// Registers this device for pushes; registering the same endpoint again updates it.
    /// An endpoint another member registered moves to her only with the same `auth`
    /// secret (the same device, signed in anew); otherwise `CONFLICT` on `endpoint`.
    async fn register_push_subscription(
        &self,
        ctx: &Context<'_>,
        input: RegisterPushSubscriptionInput,
    ) -> Result<PushSubscription> {
        let viewer = ctx.viewer()?.member_id()?;
        let allow_local = data::<PushConfig>(ctx)?.allow_local_endpoints;
        let valid =
            ValidSubscription::check(&input.endpoint, &input.p256dh, &input.auth, input.user_agent, allow_local)?;
        let registered = store::register(ctx.db()?, viewer, &valid).await.map_err(AppError::from)?;
        let moved = registered.ok_or_else(|| AppError::Conflict {
            field: "endpoint",
            message: "this endpoint is registered with another device's keys".into(),
        })?;
        Ok(moved.into())
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

    /// Sets her quiet hours, replacing any she had.
    async fn set_quiet_hours(&self, ctx: &Context<'_>, input: SetQuietHoursInput) -> Result<QuietHours> {
        let viewer = ctx.viewer()?.member_id()?;
        let windows: Vec<(String, String)> = input.windows.into_iter().map(|w| (w.start, w.end)).collect();
        let quiet = quiet_hours::check(&input.time_zone, &windows)?;
        quiet_hours::set(ctx.db()?, viewer, &quiet).await.map_err(AppError::from)?;
        Ok(quiet.into())
    }
}
