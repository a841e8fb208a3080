//! GraphQL for push: the server's public key, and a member's push subscriptions.

use async_graphql::{Context, ID, InputObject, Interface, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::PushConfig;
use super::device::{PushEnvironment, PushTransport};
use super::native::{NativeRegistration, ValidNativeDevice};
use super::quiet_hours;
use super::store::{self, DeviceRow};
use super::subscription::ValidSubscription;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::graphql::ids::parse_id;

/// A device that receives her pushes: a browser's Web Push subscription or a native app.
#[derive(Interface)]
#[graphql(
    field(name = "id", ty = "&ID"),
    field(name = "transport", ty = "&PushTransport"),
    field(name = "name", ty = "&Option<String>", desc = "What she calls it, e.g. \"Ana's iPhone\"."),
    field(name = "created_at", ty = "&DateTime<Utc>")
)]
pub enum Device {
    PushSubscription(PushSubscription),
    NativeDevice(NativeDevice),
}

/// A browser or home-screen web app receiving Web Push.
#[derive(SimpleObject)]
pub struct PushSubscription {
    pub id: ID,
    pub transport: PushTransport,
    pub name: Option<String>,
    pub endpoint: String,
    #[graphql(deprecation = "the same as name")]
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The iOS or Android app on one of her phones, receiving pushes from FCM or APNs.
#[derive(SimpleObject)]
pub struct NativeDevice {
    pub id: ID,
    pub transport: PushTransport,
    pub name: Option<String>,
    /// The app's package (Android) or bundle id (iOS).
    pub app_id: String,
    /// Which APNs the build uses (APNs devices only).
    pub environment: Option<PushEnvironment>,
    pub created_at: DateTime<Utc>,
}

impl From<DeviceRow> for Device {
    fn from(row: DeviceRow) -> Self {
        let id = ID(row.id.to_string());
        match row.transport {
            PushTransport::WebPush => Self::PushSubscription(PushSubscription {
                id,
                transport: row.transport,
                user_agent: row.name.clone(),
                name: row.name,
                endpoint: row.endpoint.unwrap_or_default(),
                created_at: row.created_at,
            }),
            PushTransport::Fcm | PushTransport::Apns => Self::NativeDevice(NativeDevice {
                id,
                transport: row.transport,
                environment: row.environment(),
                name: row.name,
                app_id: row.app_id.unwrap_or_default(),
                created_at: row.created_at,
            }),
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

/// The native app on her phone, as the OS handed it its push token.
#[derive(InputObject)]
pub struct RegisterDeviceInput {
    /// FCM or APNS (browsers use `registerPushSubscription`).
    pub transport: PushTransport,
    /// The FCM registration token, or the APNs device token in hex.
    pub token: String,
    /// The app's package (Android) or bundle id (iOS).
    pub app_id: String,
    /// Which APNs the build uses (default PRODUCTION); FCM devices leave it out.
    pub environment: Option<PushEnvironment>,
    /// Shown in her device list, e.g. "Ana's iPhone" (at most 100 characters kept).
    pub device_name: Option<String>,
}

#[derive(InputObject)]
pub struct RemoveDeviceInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct RemoveDevicePayload {
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

    /// Her browsers that receive Web Push.
    async fn my_push_subscriptions(&self, ctx: &Context<'_>) -> Result<Vec<PushSubscription>> {
        let web_push = my_devices(ctx).await?.into_iter().filter_map(|device| match device {
            Device::PushSubscription(subscription) => Some(subscription),
            Device::NativeDevice(_) => None,
        });
        Ok(web_push.collect())
    }

    /// Every device that receives her pushes: browsers and native apps, oldest first
    /// (not those registered by a session that has ended).
    async fn my_devices(&self, ctx: &Context<'_>) -> Result<Vec<Device>> {
        my_devices(ctx).await
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
        let session = ctx.viewer()?.claims()?.session_id;
        let valid =
            ValidSubscription::check(&input.endpoint, &input.p256dh, &input.auth, input.user_agent, allow_local)?;
        let registered = store::register_web_push(ctx.db()?, viewer, session, &valid).await.map_err(AppError::from)?;
        let moved = registered.ok_or_else(|| AppError::Conflict {
            field: "endpoint",
            message: "this endpoint is registered with another device's keys".into(),
        })?;
        match Device::from(moved) {
            Device::PushSubscription(subscription) => Ok(subscription),
            Device::NativeDevice(_) => {
                Err(AppError::Internal(anyhow::anyhow!("a Web Push row read back as native")).into())
            }
        }
    }

    /// Registers the native app on this phone for pushes (FCM or APNs); registering the
    /// same token again updates it. The registration belongs to this session: pushes
    /// stop when it ends, and signing out with `removePushDevices` removes it. A token
    /// another member registered from a session still live is not moved: `CONFLICT` on
    /// `token` (she signs out there first).
    async fn register_device(&self, ctx: &Context<'_>, input: RegisterDeviceInput) -> Result<NativeDevice> {
        let claims = ctx.viewer()?.claims()?;
        let registration = NativeRegistration {
            transport: input.transport,
            token: &input.token,
            app_id: &input.app_id,
            environment: input.environment,
            name: input.device_name.as_deref(),
        };
        let valid = ValidNativeDevice::check(registration, data::<PushConfig>(ctx)?)?;
        let registered = store::register_native(ctx.db()?, claims.member_id, claims.session_id, &valid)
            .await
            .map_err(AppError::from)?
            .ok_or_else(|| AppError::Conflict {
                field: "token",
                message: "this device is registered to another member; she signs out on it first".into(),
            })?;
        match Device::from(registered) {
            Device::NativeDevice(device) => Ok(device),
            Device::PushSubscription(_) => {
                Err(AppError::Internal(anyhow::anyhow!("a native row read back as Web Push")).into())
            }
        }
    }

    /// Stops pushes to one of her devices, of any transport.
    async fn remove_device(&self, ctx: &Context<'_>, input: RemoveDeviceInput) -> Result<RemoveDevicePayload> {
        remove_device(ctx, &input.id).await?;
        Ok(RemoveDevicePayload { removed_id: input.id })
    }

    /// Stops pushes to one of her devices (the same as `removeDevice`).
    async fn remove_push_subscription(
        &self,
        ctx: &Context<'_>,
        input: RemovePushSubscriptionInput,
    ) -> Result<RemovePushSubscriptionPayload> {
        remove_device(ctx, &input.id).await?;
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

async fn my_devices(ctx: &Context<'_>) -> Result<Vec<Device>> {
    let viewer = ctx.viewer()?.member_id()?;
    let rows = store::of_member(ctx.db()?, viewer).await.map_err(AppError::from)?;
    Ok(rows.into_iter().map(Device::from).collect())
}

/// Removes her device `id`; `NOT_FOUND` when she has none by that id.
async fn remove_device(ctx: &Context<'_>, id: &ID) -> Result<()> {
    let viewer = ctx.viewer()?.member_id()?;
    let id = parse_id("id", id)?;
    if !store::remove(ctx.db()?, viewer, id).await.map_err(AppError::from)? {
        return Err(AppError::NotFound.into());
    }
    Ok(())
}
