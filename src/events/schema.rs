//! GraphQL for events: `event`, `events`, `myEvents`, and the organiser and RSVP
//! mutations.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::calendar;
use super::model::{Event, RsvpAnswer, RsvpStatus};
use super::service::{self, Answer};
use super::store::{self, EventFields, EventFilter};
use crate::clock;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, rate_limited_create, verified_member};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{Member, load_member};
use crate::membership::{self, Group};
use crate::rate_limits::Action;
use crate::text::filter_term;

/// The viewer's answer to an event.
#[derive(SimpleObject)]
pub struct Rsvp {
    pub status: RsvpStatus,
    pub kids: i64,
    /// Her place on the waitlist (1 is next), when waitlisted.
    pub waitlist_position: Option<i64>,
}

/// Something happening: a coffee meetup or a 60-seat conference.
#[Object]
impl Event {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn group(&self, ctx: &Context<'_>) -> Result<Group> {
        Ok(membership::readable(ctx.db()?, ctx.viewer()?.member_id()?, self.group_id).await?)
    }
    async fn organiser(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.created_by).await?)
    }
    async fn title(&self) -> &str {
        &self.title
    }
    async fn description(&self) -> &str {
        &self.description
    }
    /// Start, in UTC; show it in `timezone`.
    async fn starts_at(&self) -> DateTime<Utc> {
        self.starts_at
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        self.ends_at
    }
    /// The IANA time zone the event happens in.
    async fn timezone(&self) -> &str {
        &self.timezone
    }
    async fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }
    async fn city(&self) -> Option<&str> {
        self.city.as_deref()
    }
    /// The link to join online: only for members who are going, and the organiser.
    async fn online_url(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        let viewer = ctx.viewer()?.member_id()?;
        let allowed = self.viewer_status() == Some(RsvpStatus::Going) || self.created_by == viewer;
        Ok(self.online_url.as_deref().filter(|_| allowed))
    }
    async fn is_online(&self) -> bool {
        self.online_url.is_some()
    }
    /// Seats in all; null when there is no limit.
    async fn capacity(&self) -> Option<i64> {
        self.capacity
    }
    async fn going_count(&self) -> i64 {
        self.going_count
    }
    async fn waitlist_count(&self) -> i64 {
        self.waitlist_count
    }
    async fn seats_left(&self) -> Option<i64> {
        self.capacity.map(|capacity| (capacity - self.going_count).max(0))
    }
    async fn kids_welcome(&self) -> bool {
        self.kids_welcome
    }
    async fn childcare_provided(&self) -> bool {
        self.childcare_provided
    }
    async fn childcare_capacity(&self) -> Option<i64> {
        self.childcare_capacity
    }
    async fn childcare_places_left(&self) -> Option<i64> {
        self.childcare_capacity.map(|capacity| (capacity - self.childcare_taken).max(0))
    }
    async fn cost_cents(&self) -> i64 {
        self.cost_cents
    }
    async fn cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }
    async fn cancelled_at(&self) -> Option<DateTime<Utc>> {
        self.cancelled_at
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn viewer_rsvp(&self) -> Option<Rsvp> {
        self.viewer_status().map(|status| Rsvp {
            status,
            kids: self.viewer_kids.unwrap_or(0),
            waitlist_position: self.viewer_position,
        })
    }
    /// Download link for this event in iCalendar format.
    async fn ics_path(&self) -> String {
        format!("/events/{}.ics", self.id)
    }
    /// Who is going, in the order they answered.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn attendees(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Member>> {
        let page = PageArgs { first, after, last, before }.validate()?;
        let viewer = ctx.viewer()?.member_id()?;
        let rows = store::page_attendees(ctx.db()?, viewer, self.id, &page).await.map_err(AppError::from)?;
        let ids: Vec<_> = rows.iter().map(|(id, _)| *id).collect();
        let members = crate::members::find_many(ctx.db()?, viewer, &ids).await.map_err(AppError::from)?;
        let rows: Vec<(Member, DateTime<Utc>)> = rows
            .into_iter()
            .filter_map(|(id, at)| members.iter().find(|m| m.id == id).map(|m| (m.clone(), at)))
            .collect();
        Ok(page.connection_with(rows, |(m, at)| Cursor { at: *at, id: m.id }, |(member, _)| member))
    }
}

/// Which events to list.
#[derive(InputObject, Default)]
pub struct EventsFilter {
    pub group_id: Option<ID>,
    /// Events still running at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Events starting before this time.
    pub to: Option<DateTime<Utc>>,
    pub city: Option<String>,
    pub kids_welcome: Option<bool>,
    pub childcare_provided: Option<bool>,
}

impl EventsFilter {
    fn into_filter(self, mine: Option<RsvpStatus>) -> Result<EventFilter, AppError> {
        Ok(EventFilter {
            group_id: self.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?,
            from: self.from.map(|from| clock::within_range("from", from)).transpose()?,
            to: self.to.map(|to| clock::within_range("to", to)).transpose()?,
            city: filter_term("city", self.city, 80)?,
            kids_welcome: self.kids_welcome,
            childcare_provided: self.childcare_provided,
            mine,
        })
    }
}

/// A page of events for `events` and `myEvents`.
async fn events_page(
    ctx: &Context<'_>,
    filter: Option<EventsFilter>,
    mine: Option<RsvpStatus>,
    args: PageArgs,
) -> Result<Connection<Cursor, Event>, AppError> {
    let viewer = ctx.viewer()?.member_id()?;
    let filter = filter.unwrap_or_default().into_filter(mine)?;
    let page = args.validate()?;
    let rows = store::page_events(ctx.db()?, viewer, &filter, &page).await?;
    Ok(page.connection(rows, |e| Cursor { at: e.starts_at, id: e.id }))
}

#[derive(Default)]
pub struct EventQuery;

#[Object]
impl EventQuery {
    /// An event by id.
    async fn event(&self, ctx: &Context<'_>, id: ID) -> Result<Event> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::readable(ctx.db()?, viewer, parse_id("id", &id)?).await?)
    }

    /// Events in the groups the viewer can read, soonest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        filter: Option<EventsFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Event>> {
        Ok(events_page(ctx, filter, None, PageArgs { first, after, last, before }).await?)
    }

    /// Events the viewer is going to or waitlisted for, soonest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn my_events(
        &self,
        ctx: &Context<'_>,
        filter: Option<EventsFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Event>> {
        let answered = Some(RsvpStatus::Waitlisted);
        Ok(events_page(ctx, filter, answered, PageArgs { first, after, last, before }).await?)
    }
}

#[derive(InputObject)]
pub struct CreateEventInput {
    pub group_id: ID,
    pub title: String,
    #[graphql(default)]
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA time zone, e.g. America/Toronto.
    pub timezone: String,
    pub location: Option<String>,
    pub city: Option<String>,
    pub online_url: Option<String>,
    /// Seats; leave out for no limit.
    pub capacity: Option<i64>,
    #[graphql(default)]
    pub kids_welcome: bool,
    #[graphql(default)]
    pub childcare_provided: bool,
    pub childcare_capacity: Option<i64>,
    #[graphql(default)]
    pub cost_cents: i64,
    pub client_mutation_id: Option<String>,
}

/// Changes to an event; fields left out stay as they are. The optional ones (location,
/// city, online link, capacity, childcare capacity) are cleared by an explicit null,
/// e.g. `capacity: null` for no seat limit.
#[derive(InputObject)]
pub struct UpdateEventInput {
    pub event_id: ID,
    pub title: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub timezone: Option<String>,
    pub location: MaybeUndefined<String>,
    pub city: MaybeUndefined<String>,
    pub online_url: MaybeUndefined<String>,
    pub capacity: MaybeUndefined<i64>,
    pub kids_welcome: Option<bool>,
    pub childcare_provided: Option<bool>,
    pub childcare_capacity: MaybeUndefined<i64>,
    pub cost_cents: Option<i64>,
}

/// An optional field after an update: kept when left out, cleared by null.
fn updated<T>(given: MaybeUndefined<T>, current: Option<T>) -> Option<T> {
    match given {
        MaybeUndefined::Undefined => current,
        MaybeUndefined::Null => None,
        MaybeUndefined::Value(value) => Some(value),
    }
}

impl UpdateEventInput {
    fn over(self, event: Event) -> EventFields {
        EventFields {
            title: self.title.unwrap_or(event.title),
            description: self.description.unwrap_or(event.description),
            starts_at: self.starts_at.unwrap_or(event.starts_at),
            ends_at: self.ends_at.unwrap_or(event.ends_at),
            timezone: self.timezone.unwrap_or(event.timezone),
            location: updated(self.location, event.location),
            city: updated(self.city, event.city),
            online_url: updated(self.online_url, event.online_url),
            capacity: updated(self.capacity, event.capacity),
            kids_welcome: self.kids_welcome.unwrap_or(event.kids_welcome),
            childcare_provided: self.childcare_provided.unwrap_or(event.childcare_provided),
            childcare_capacity: updated(self.childcare_capacity, event.childcare_capacity),
            cost_cents: self.cost_cents.unwrap_or(event.cost_cents),
        }
    }
}

#[derive(InputObject)]
pub struct EventRefInput {
    pub event_id: ID,
}

#[derive(InputObject)]
pub struct RsvpInput {
    pub event_id: ID,
    pub status: RsvpAnswer,
    /// Children coming along (they use childcare places when childcare is provided).
    #[graphql(default)]
    pub kids: i64,
    /// A key of the client's: the same answer sent again with it is not applied twice.
    pub client_mutation_id: Option<String>,
}

/// A private calendar feed: subscribe to it in a calendar app. Keep the path secret.
#[derive(SimpleObject)]
pub struct CalendarFeed {
    pub path: String,
}

#[derive(Default)]
pub struct EventMutation;

#[Object]
impl EventMutation {
    /// Creates an event in a group the viewer moderates.
    async fn create_event(&self, ctx: &Context<'_>, input: CreateEventInput) -> Result<Event> {
        let viewer = verified_member(ctx)?;
        let group_id = parse_id("groupId", &input.group_id)?;
        let key = input.client_mutation_id.clone();
        let fields = EventFields {
            title: input.title,
            description: input.description,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            timezone: input.timezone,
            location: input.location,
            city: input.city,
            online_url: input.online_url,
            capacity: input.capacity,
            kids_welcome: input.kids_welcome,
            childcare_provided: input.childcare_provided,
            childcare_capacity: input.childcare_capacity,
            cost_cents: input.cost_cents,
        };
        Ok(service::create(ctx.db()?, ctx.bus()?, viewer, group_id, fields, key.as_deref()).await?)
    }

    /// Changes an event. Organisers only.
    async fn update_event(&self, ctx: &Context<'_>, input: UpdateEventInput) -> Result<Event> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("eventId", &input.event_id)?;
        let db = ctx.db()?;
        let current = service::readable(db, viewer, id).await?;
        Ok(service::update(db, ctx.bus()?, viewer, id, input.over(current)).await?)
    }

    /// Cancels an event. Organisers only.
    async fn cancel_event(&self, ctx: &Context<'_>, input: EventRefInput) -> Result<Event> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::cancel(ctx.db()?, ctx.bus()?, viewer, parse_id("eventId", &input.event_id)?).await?)
    }

    /// Answers an event: GOING (a seat, or the waitlist when full) or NOT_GOING.
    async fn rsvp(&self, ctx: &Context<'_>, input: RsvpInput) -> Result<Event> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Rsvp, "rsvp", key).await?;
        let id = parse_id("eventId", &input.event_id)?;
        Ok(service::rsvp(ctx.db()?, viewer, id, Answer { status: input.status, kids: input.kids }, key).await?)
    }

    /// Makes (or replaces) the viewer's private calendar feed of the events she is going to.
    async fn create_calendar_feed(&self, ctx: &Context<'_>) -> Result<CalendarFeed> {
        let viewer = ctx.viewer()?.member_id()?;
        let token = calendar::new_calendar_token(ctx.db()?, viewer).await?;
        Ok(CalendarFeed { path: format!("/calendar/{token}.ics") })
    }
}
