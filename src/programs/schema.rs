//! GraphQL for programs: `program`, `programs`, and creating one, enrolling, leaving
//! and removing a member.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::model::{EnrollmentStatus, Program};
use super::service::{self, MAX_SESSIONS, ProgramDraft};
use super::store::{self, ProgramFilter, Session};
use crate::clock;
use crate::error::{AppError, found};
use crate::events::{self, Event, EventFields};
use crate::graphql::context::{ContextExt, rate_limited_create, verified_member};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{CareerStage, Member, load_member};
use crate::membership::{self, Group};
use crate::rate_limits::Action;

/// The viewer's enrolment.
#[derive(SimpleObject)]
pub struct ProgramEnrollment {
    pub status: EnrollmentStatus,
    /// Her place on the waitlist (1 is next), when waitlisted.
    pub waitlist_position: Option<i64>,
}

/// The group `id` if she may read it, else null.
async fn group_if_readable(ctx: &Context<'_>, id: uuid::Uuid) -> Result<Option<Group>> {
    Ok(found(membership::readable(ctx.db()?, ctx.viewer()?.member_id()?, id).await)?)
}

/// One session on a program's schedule, as anyone who may see the program sees it;
/// the event itself (its place, its link, its RSVPs) is for the cohort.
#[Object(name = "ProgramSession")]
impl Session {
    async fn title(&self) -> &str {
        &self.title
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        self.starts_at
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        self.ends_at
    }
    /// The IANA time zone it happens in.
    async fn timezone(&self) -> &str {
        &self.timezone
    }
    async fn city(&self) -> Option<&str> {
        self.city.as_deref()
    }
    /// Whether it happens online.
    async fn online(&self) -> bool {
        self.online
    }
    async fn cancelled(&self) -> bool {
        self.cancelled
    }
    /// The session's event, for members of the cohort (null for everyone else).
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<Event>> {
        Ok(found(events::readable(ctx.db()?, ctx.viewer()?.member_id()?, self.event_id).await)?)
    }
}

/// A series of sessions for a cohort: enrol for a place, or a place on the waitlist.
#[Object]
impl Program {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.title
    }
    async fn description(&self) -> &str {
        &self.description
    }
    /// The career stage it is for.
    async fn life_stage(&self) -> CareerStage {
        self.life_stage.0
    }
    /// Places.
    async fn capacity(&self) -> i64 {
        self.capacity
    }
    async fn enrolled_count(&self) -> i64 {
        self.enrolled_count
    }
    async fn waitlist_count(&self) -> i64 {
        self.waitlist_count
    }
    /// The first session's start (of those not cancelled).
    async fn starts_at(&self) -> Option<DateTime<Utc>> {
        self.starts_at
    }
    /// The last session's end (of those not cancelled).
    async fn ends_at(&self) -> Option<DateTime<Utc>> {
        self.ends_at
    }
    /// The group it is offered in, when she may read it; null when it is for the
    /// whole community.
    async fn group(&self, ctx: &Context<'_>) -> Result<Option<Group>> {
        let Some(group_id) = self.group_id else { return Ok(None) };
        group_if_readable(ctx, group_id).await
    }
    /// The private group of those with a place and its organisers: null for everyone
    /// else.
    async fn cohort(&self, ctx: &Context<'_>) -> Result<Option<Group>> {
        group_if_readable(ctx, self.cohort_group_id).await
    }
    async fn organiser(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.created_by).await?)
    }
    /// Its sessions, in the order they happen.
    #[graphql(complexity = "MAX_SESSIONS * child_complexity")]
    async fn sessions(&self, ctx: &Context<'_>) -> Result<Vec<Session>> {
        Ok(store::sessions(ctx.db()?, self.cohort_group_id).await.map_err(AppError::from)?)
    }
    /// Her enrolment; null when she never enrolled.
    async fn viewer_enrollment(&self) -> Option<ProgramEnrollment> {
        let status = self.viewer_status.0?;
        Some(ProgramEnrollment { status, waitlist_position: self.viewer_position })
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

/// Which programs to list; every part optional, all must match.
#[derive(InputObject, Default)]
pub struct ProgramsFilter {
    pub group_id: Option<ID>,
    pub life_stage: Option<CareerStage>,
    /// Only those with a session still to come or under way.
    #[graphql(default)]
    pub upcoming: bool,
    /// Only those she has a place in or waits for.
    #[graphql(default)]
    pub enrolled: bool,
}

#[derive(Default)]
pub struct ProgramQuery;

#[Object]
impl ProgramQuery {
    /// A program she may see: offered to the whole community or in a group she may
    /// read, or one whose cohort she is in.
    async fn program(&self, ctx: &Context<'_>, id: ID) -> Result<Program> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::readable(ctx.db()?, viewer, parse_id("id", &id)?).await?)
    }

    /// The programs she may see, the newest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn programs(
        &self,
        ctx: &Context<'_>,
        filter: Option<ProgramsFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Program>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let filter = filter.unwrap_or_default();
        let filter = ProgramFilter {
            group_id: filter.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?,
            life_stage: filter.life_stage,
            upcoming_after: filter.upcoming.then(clock::now),
            mine: filter.enrolled,
        };
        let rows = store::page(ctx.db()?, viewer, &filter, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |program| Cursor { at: program.created_at, id: program.id }))
    }
}

/// One session of a new program: an event in its cohort, with a seat for each place.
#[derive(InputObject)]
pub struct ProgramSessionInput {
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
    #[graphql(default)]
    pub kids_welcome: bool,
    #[graphql(default)]
    pub childcare_provided: bool,
    pub childcare_capacity: Option<i64>,
}

impl From<ProgramSessionInput> for EventFields {
    fn from(session: ProgramSessionInput) -> Self {
        EventFields {
            title: session.title,
            description: session.description,
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            timezone: session.timezone,
            location: session.location,
            city: session.city,
            online_url: session.online_url,
            // The program's places, set when it is checked.
            capacity: None,
            kids_welcome: session.kids_welcome,
            childcare_provided: session.childcare_provided,
            childcare_capacity: session.childcare_capacity,
            cost_cents: 0,
        }
    }
}

#[derive(InputObject)]
pub struct CreateProgramInput {
    /// Also the name of its cohort group (at most 80 characters).
    pub title: String,
    #[graphql(default)]
    pub description: String,
    /// The career stage it is for.
    pub life_stage: CareerStage,
    /// Places (1 to 1 000); more enrolments wait in line.
    pub capacity: i64,
    /// 1 to 20 sessions.
    pub sessions: Vec<ProgramSessionInput>,
    /// Offer it in this group (its owners and moderators may); to the whole community
    /// (community admins) when left out.
    pub group_id: Option<ID>,
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct EnrollInProgramInput {
    pub program_id: ID,
    /// A key of the client's: the same enrolment sent again with it is not applied twice.
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct ProgramRefInput {
    pub program_id: ID,
}

#[derive(InputObject)]
pub struct RemoveFromProgramInput {
    pub program_id: ID,
    pub member_id: ID,
}

#[derive(Default)]
pub struct ProgramMutation;

#[Object]
impl ProgramMutation {
    /// Creates a program with its sessions and its private cohort group; community
    /// admins anywhere, a group's owners and moderators in their group.
    async fn create_program(&self, ctx: &Context<'_>, input: CreateProgramInput) -> Result<Program> {
        let viewer = verified_member(ctx)?;
        let draft = ProgramDraft {
            title: input.title,
            description: input.description,
            life_stage: input.life_stage,
            capacity: input.capacity,
            sessions: input.sessions.into_iter().map(EventFields::from).collect(),
            group_id: input.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?,
        };
        Ok(service::create(ctx.db()?, viewer, draft, input.client_mutation_id.as_deref()).await?)
    }

    /// Enrols her: a place (she joins the cohort and goes to its sessions ahead) or,
    /// when it is full, the waitlist.
    async fn enroll_in_program(&self, ctx: &Context<'_>, input: EnrollInProgramInput) -> Result<Program> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Rsvp, "enrollInProgram", key).await?;
        let id = parse_id("programId", &input.program_id)?;
        Ok(service::enroll(ctx.db()?, ctx.bus()?, viewer, id, key).await?)
    }

    /// Gives up her place (out of the cohort and its sessions; the first in line takes
    /// it) or her place in line.
    async fn leave_program(&self, ctx: &Context<'_>, input: ProgramRefInput) -> Result<Program> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("programId", &input.program_id)?;
        Ok(service::leave(ctx.db()?, ctx.bus()?, viewer, id).await?)
    }

    /// Takes a member's place (or place in line) away; the cohort's owners and
    /// moderators, and community admins. Logged.
    async fn remove_from_program(&self, ctx: &Context<'_>, input: RemoveFromProgramInput) -> Result<Program> {
        let viewer = ctx.viewer()?.member_id()?;
        let id = parse_id("programId", &input.program_id)?;
        let member = parse_id("memberId", &input.member_id)?;
        Ok(service::remove(ctx.db()?, ctx.bus()?, viewer, id, member).await?)
    }
}
