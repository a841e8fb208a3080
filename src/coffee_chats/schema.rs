//! GraphQL for coffee chats: `myCoffeeChats`, `coffeeChat`, and proposing, accepting,
//! declining, cancelling and proposing new times. Times come in UTC and, for the
//! viewer, in her own time zone (her profile's, else UTC).

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::model::{ChatRow, CoffeeChatStatus, Slot};
use super::service::{self, Proposal};
use super::store;
use crate::error::{AppError, AppResult};
use crate::graphql::context::{ContextExt, data, rate_limited_create};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{self, Member, load_member};
use crate::rate_limits::{Action, RateLimits};
use crate::{clock, db::Db};

/// A time proposed or fixed, in UTC and in the viewer's time zone.
#[derive(SimpleObject)]
pub struct CoffeeChatTime {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The start in her time zone, e.g. "2026-12-03T09:15:00-05:00".
    pub local_start: String,
    pub local_end: String,
}

impl CoffeeChatTime {
    fn new(slot: Slot, zone: Tz) -> Self {
        Self {
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            local_start: slot.starts_at.with_timezone(&zone).to_rfc3339(),
            local_end: slot.ends_at.with_timezone(&zone).to_rfc3339(),
        }
    }
}

/// A coffee chat as one of its two members sees it.
pub struct CoffeeChat {
    row: ChatRow,
    slots: Vec<Slot>,
    viewer: Uuid,
    zone: Tz,
}

#[Object]
impl CoffeeChat {
    async fn id(&self) -> ID {
        ID(self.row.id.to_string())
    }
    async fn status(&self) -> CoffeeChatStatus {
        self.row.status.0
    }
    async fn proposed_by(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.row.proposed_by).await?)
    }
    /// The other member.
    async fn with(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.row.other_than(self.viewer)).await?)
    }
    /// Whether her answer is awaited (accept one time, or decline).
    async fn awaiting_me(&self) -> bool {
        self.row.awaiting == Some(self.viewer)
    }
    /// The times proposed, in order (`acceptCoffeeChat` names one by its place, from 0).
    async fn slots(&self) -> Vec<CoffeeChatTime> {
        if self.row.status.0 != CoffeeChatStatus::Proposed {
            return Vec::new();
        }
        self.slots.iter().map(|slot| CoffeeChatTime::new(*slot, self.zone)).collect()
    }
    /// The time accepted, once it is.
    async fn time(&self) -> Option<CoffeeChatTime> {
        let (starts_at, ends_at) = (self.row.starts_at?, self.row.ends_at?);
        Some(CoffeeChatTime::new(Slot { starts_at, ends_at }, self.zone))
    }
    /// The time zone her local times are in.
    async fn time_zone(&self) -> String {
        self.zone.name().to_owned()
    }
    async fn place(&self) -> Option<&str> {
        self.row.place.as_deref()
    }
    async fn online_url(&self) -> Option<&str> {
        self.row.online_url.as_deref()
    }
    async fn note(&self) -> &str {
        &self.row.note
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.row.updated_at
    }
}

/// The viewer's time zone: her profile's, else UTC.
async fn zone_of(db: &Db, viewer: Uuid) -> AppResult<Tz> {
    let me = members::find(db, viewer, viewer).await?;
    let zone = me.and_then(|me| me.profile.timezone).and_then(|zone| zone.parse::<Tz>().ok());
    Ok(zone.unwrap_or(Tz::UTC))
}

/// `rows` as `viewer` sees them, with their proposed times.
async fn shown(db: &Db, viewer: Uuid, rows: Vec<ChatRow>) -> AppResult<Vec<CoffeeChat>> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let mut slots = store::slots_of(db, &ids).await?;
    let zone = zone_of(db, viewer).await?;
    Ok(rows
        .into_iter()
        .map(|row| CoffeeChat { slots: slots.remove(&row.id).unwrap_or_default(), row, viewer, zone })
        .collect())
}

async fn one(db: &Db, viewer: Uuid, row: ChatRow) -> AppResult<CoffeeChat> {
    shown(db, viewer, vec![row]).await?.pop().ok_or(AppError::NotFound)
}

#[derive(Default)]
pub struct CoffeeChatQuery;

#[Object]
impl CoffeeChatQuery {
    /// Her coffee chats (in `status`, when given), most recently changed first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn my_coffee_chats(
        &self,
        ctx: &Context<'_>,
        status: Option<CoffeeChatStatus>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, CoffeeChat>> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?.member_id()?);
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page(db, viewer, status, &page).await.map_err(AppError::from)?;
        let chats = shown(db, viewer, rows).await?;
        Ok(page.connection(chats, |chat| Cursor { at: chat.row.updated_at, id: chat.row.id }))
    }

    /// One of her coffee chats.
    async fn coffee_chat(&self, ctx: &Context<'_>, id: ID) -> Result<CoffeeChat> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?.member_id()?);
        let row = service::hers(db, viewer, parse_id("id", &id)?).await?;
        Ok(one(db, viewer, row).await?)
    }
}

/// A time to meet.
#[derive(InputObject)]
pub struct TimeRangeInput {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(InputObject)]
pub struct ProposeCoffeeChatInput {
    pub member_id: ID,
    /// 1 to 3 times, each ahead (within 180 days), 15 minutes to 4 hours long.
    pub slots: Vec<TimeRangeInput>,
    /// Where to meet, or `onlineUrl`: one of them.
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub note: Option<String>,
    /// Makes a retry of this request propose nothing twice.
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct AcceptCoffeeChatInput {
    pub id: ID,
    /// The place of the accepted time in `slots`, from 0.
    pub slot: i32,
}

#[derive(InputObject)]
pub struct CoffeeChatInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct RescheduleCoffeeChatInput {
    pub id: ID,
    pub slots: Vec<TimeRangeInput>,
    pub place: Option<String>,
    pub online_url: Option<String>,
}

fn proposal(slots: Vec<TimeRangeInput>, place: Option<String>, online_url: Option<String>) -> AppResult<Proposal> {
    if slots.len() > 3 {
        return Err(AppError::bad_input("slots", "propose 1 to 3 times"));
    }
    let slots = slots
        .into_iter()
        .map(|slot| {
            let starts_at = clock::within_range("slots", slot.starts_at)?;
            Ok(Slot { starts_at, ends_at: clock::within_range("slots", slot.ends_at)? })
        })
        .collect::<AppResult<_>>()?;
    Ok(Proposal { slots, place, online_url })
}

#[derive(Default)]
pub struct CoffeeChatMutation;

#[Object]
impl CoffeeChatMutation {
    /// Proposes a coffee chat to a member open to them (`FORBIDDEN` for others).
    async fn propose_coffee_chat(&self, ctx: &Context<'_>, input: ProposeCoffeeChatInput) -> Result<CoffeeChat> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::CoffeeChat, "proposeCoffeeChat", key).await?;
        let member = parse_id("memberId", &input.member_id)?;
        let proposed = proposal(input.slots, input.place, input.online_url)?;
        let cap = data::<RateLimits>(ctx)?.open_proposals();
        let db = ctx.db()?;
        let row = service::propose(db, viewer, member, proposed, input.note, (key, cap)).await?;
        Ok(one(db, viewer, row).await?)
    }

    /// Accepts one of the proposed times: the chat is on.
    async fn accept_coffee_chat(&self, ctx: &Context<'_>, input: AcceptCoffeeChatInput) -> Result<CoffeeChat> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?.member_id()?);
        let slot = usize::try_from(input.slot).map_err(|_| AppError::bad_input("slot", "no such proposed time"))?;
        let row = service::accept(db, viewer, parse_id("id", &input.id)?, slot).await?;
        Ok(one(db, viewer, row).await?)
    }

    /// Declines a proposed chat; the other member is told.
    async fn decline_coffee_chat(&self, ctx: &Context<'_>, input: CoffeeChatInput) -> Result<CoffeeChat> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?.member_id()?);
        let row = service::decline(db, viewer, parse_id("id", &input.id)?).await?;
        Ok(one(db, viewer, row).await?)
    }

    /// Cancels a chat proposed or on; the other member is told.
    async fn cancel_coffee_chat(&self, ctx: &Context<'_>, input: CoffeeChatInput) -> Result<CoffeeChat> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?.member_id()?);
        let row = service::cancel(db, viewer, parse_id("id", &input.id)?).await?;
        Ok(one(db, viewer, row).await?)
    }

    /// Proposes new times for a chat proposed or on; the other member answers again.
    async fn reschedule_coffee_chat(&self, ctx: &Context<'_>, input: RescheduleCoffeeChatInput) -> Result<CoffeeChat> {
        let viewer = rate_limited_create(ctx, Action::CoffeeChat, "rescheduleCoffeeChat", None).await?;
        let db = ctx.db()?;
        let proposed = proposal(input.slots, input.place, input.online_url)?;
        let row = service::reschedule(db, viewer, parse_id("id", &input.id)?, proposed).await?;
        Ok(one(db, viewer, row).await?)
    }
}
