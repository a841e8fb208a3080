//! GraphQL for members: the `Member` type with each personal field shown only to its
//! audience, `me`, the `members` directory, profile updates, connections and blocking.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use uuid::Uuid;

use super::blocking;
use super::connections::{self, ConnectionStatus};
use super::loader::{ChildrenDataLoader, MemberDataLoader};
use super::profile::{
    CareerStage, Child, ChildInput, OpenTo, ProfileField, Visibility, valid_bio, valid_children, valid_interests,
    valid_line,
};
use super::store::{self, DirectoryFilter, Member, ProfileUpdate};
use crate::clock;
use crate::db::text_enum::to_text;
use crate::error::{AppError, AppResult};
use crate::graphql::context::{ContextExt, data, rate_limited, verified_member};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::graphql::{Shareable, SharedField};
use crate::rate_limits::Action;
use crate::text::{bounded_list, filter_term};

/// The member `id`, through the request's loader.
pub async fn load_member(ctx: &Context<'_>, id: Uuid) -> AppResult<Member> {
    let loaded = data::<MemberDataLoader>(ctx)?.load_one(id).await;
    loaded.map_err(|error| AppError::Internal(anyhow::anyhow!("loading member: {error}")))?.ok_or(AppError::NotFound)
}

impl Member {
    fn is_viewer(&self, ctx: &Context<'_>) -> AppResult<bool> {
        Ok(self.shown_to_herself || ctx.viewer()?.member_id().is_ok_and(|viewer| viewer == self.id))
    }

    /// Whether the viewer may see `field`.
    fn shows(&self, ctx: &Context<'_>, field: ProfileField) -> AppResult<bool> {
        Ok(self.is_viewer(ctx)? || self.shows_others(field))
    }

    fn shown<T>(&self, ctx: &Context<'_>, field: ProfileField, value: Option<T>) -> AppResult<Option<T>> {
        Ok(if self.shows(ctx, field)? { value } else { None })
    }
}

/// Who sees one of her fields.
#[derive(SimpleObject)]
pub struct FieldVisibility {
    pub field: ProfileField,
    pub visibility: Visibility,
}

const ALL_FIELDS: [ProfileField; 10] = [
    ProfileField::Headline,
    ProfileField::Industry,
    ProfileField::City,
    ProfileField::Neighbourhood,
    ProfileField::CareerStage,
    ProfileField::ReturnToWorkDate,
    ProfileField::Children,
    ProfileField::Interests,
    ProfileField::OpenTo,
    ProfileField::Bio,
];

/// Each follows from her profile and from the facts a shared live rendering is keyed
/// on (connected with the reader? is the reader her?), not from who reads.
impl Shareable for Member {
    const SHAREABLE_FIELDS: &'static [SharedField] = &[
        ("id", None),
        ("displayName", None),
        ("handle", None),
        ("email", None),
        ("emailVerified", None),
        ("createdAt", None),
        ("avatarUrl", None),
        ("timezone", None),
        ("headline", None),
        ("industry", None),
        ("city", None),
        ("neighbourhood", None),
        ("careerStage", None),
        ("returnToWorkDate", None),
        ("interests", None),
        ("openTo", None),
        ("bio", None),
        ("fieldVisibility", Some("FieldVisibility")),
    ];
}

impl Shareable for FieldVisibility {
    const SHAREABLE_FIELDS: &'static [SharedField] = &[("field", None), ("visibility", None)];
}

/// A member of the community. Personal fields hidden from the viewer are null.
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
        Ok(self.is_viewer(ctx)?.then_some(self.email.as_str()))
    }
    /// Whether she confirmed her email address (until then she can read but not post,
    /// message or RSVP): shown to herself only, null to everyone else.
    async fn email_verified(&self, ctx: &Context<'_>) -> Result<Option<bool>> {
        Ok(self.is_viewer(ctx)?.then_some(self.email_verified_at.is_some()))
    }
    /// When she joined.
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn avatar_url(&self) -> Option<&str> {
        self.profile.avatar_url.as_deref()
    }
    /// Her IANA time zone.
    async fn timezone(&self) -> Option<&str> {
        self.profile.timezone.as_deref()
    }
    /// e.g. "Product manager, returning from leave".
    async fn headline(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self.shown(ctx, ProfileField::Headline, self.profile.headline.as_deref())?)
    }
    async fn industry(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self.shown(ctx, ProfileField::Industry, self.profile.industry.as_deref())?)
    }
    async fn city(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self.shown(ctx, ProfileField::City, self.profile.city.as_deref())?)
    }
    async fn neighbourhood(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self.shown(ctx, ProfileField::Neighbourhood, self.profile.neighbourhood.as_deref())?)
    }
    async fn career_stage(&self, ctx: &Context<'_>) -> Result<Option<CareerStage>> {
        Ok(self.shown(ctx, ProfileField::CareerStage, self.profile.career_stage())?)
    }
    async fn return_to_work_date(&self, ctx: &Context<'_>) -> Result<Option<NaiveDate>> {
        Ok(self.shown(ctx, ProfileField::ReturnToWorkDate, self.profile.return_to_work_on)?)
    }
    async fn interests(&self, ctx: &Context<'_>) -> Result<Option<Vec<String>>> {
        Ok(self.shown(ctx, ProfileField::Interests, Some(self.profile.interests()))?)
    }
    async fn open_to(&self, ctx: &Context<'_>) -> Result<Option<Vec<OpenTo>>> {
        Ok(self.shown(ctx, ProfileField::OpenTo, Some(self.profile.open_to()))?)
    }
    async fn bio(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(self.shown(ctx, ProfileField::Bio, self.profile.bio.as_deref())?)
    }
    /// Her children, with ages derived from birth month or due date.
    async fn children(&self, ctx: &Context<'_>) -> Result<Option<Vec<Child>>> {
        if !self.shows(ctx, ProfileField::Children)? {
            return Ok(None);
        }
        let loader = data::<ChildrenDataLoader>(ctx)?;
        let children =
            loader.load_one(self.id).await.map_err(|e| AppError::Internal(anyhow::anyhow!("children: {e}")))?;
        Ok(Some(children.unwrap_or_default()))
    }
    /// Who sees each of her fields: shown to herself only.
    async fn field_visibility(&self, ctx: &Context<'_>) -> Result<Vec<FieldVisibility>> {
        if !self.is_viewer(ctx)? {
            return Ok(Vec::new());
        }
        Ok(ALL_FIELDS
            .iter()
            .map(|field| FieldVisibility { field: *field, visibility: self.profile.visibility(*field) })
            .collect())
    }
    /// Where the viewer and she stand.
    async fn connection_status(&self, ctx: &Context<'_>) -> Result<ConnectionStatus> {
        let viewer = ctx.viewer()?.member_id()?;
        if viewer == self.id || self.blocked {
            return Ok(ConnectionStatus::None);
        }
        if self.connected {
            return Ok(ConnectionStatus::Connected);
        }
        Ok(connections::status(ctx.db()?, viewer, self.id).await?)
    }
}

/// The oldest child age the directory filters by.
const MAX_CHILD_AGE_YEARS: u32 = 40;

/// Filters for the member directory.
#[derive(InputObject, Default)]
pub struct MemberFilter {
    pub city: Option<String>,
    pub industry: Option<String>,
    pub career_stage: Option<CareerStage>,
    pub open_to: Option<OpenTo>,
    /// Members with a child at least this many years old…
    pub child_min_age_years: Option<u32>,
    /// …and at most this many years old.
    pub child_max_age_years: Option<u32>,
    /// Words in the name or headline.
    pub search: Option<String>,
}

impl MemberFilter {
    fn into_filter(self, today: NaiveDate) -> AppResult<DirectoryFilter> {
        let child_born_between = match (self.child_min_age_years, self.child_max_age_years) {
            (None, None) => None,
            (min, max) => {
                let min = min.unwrap_or(0);
                let max = max.unwrap_or(min.max(18));
                for (field, years) in [("childMinAgeYears", min), ("childMaxAgeYears", max)] {
                    if years > MAX_CHILD_AGE_YEARS {
                        return Err(AppError::bad_input(field, "give an age between 0 and 40 years"));
                    }
                }
                if min > max {
                    return Err(AppError::bad_input("childMinAgeYears", "must not exceed childMaxAgeYears"));
                }
                let latest = today.checked_sub_months(Months::new(min * 12)).unwrap_or(today);
                let earliest =
                    today.checked_sub_months(Months::new((max + 1) * 12)).unwrap_or(today).succ_opt().unwrap_or(today);
                Some((earliest, latest))
            }
        };
        Ok(DirectoryFilter {
            city: filter_term("city", self.city, 80)?,
            industry: filter_term("industry", self.industry, 80)?,
            career_stage: self.career_stage.map(to_text),
            open_to: self.open_to.map(to_text),
            search: filter_term("search", self.search, 100)?,
            child_born_between,
        })
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

    /// A member by id.
    async fn member(&self, ctx: &Context<'_>, id: ID) -> Result<Member> {
        ctx.viewer()?.member_id()?;
        let member = load_member(ctx, parse_id("id", &id)?).await?;
        // Blocked either way: she does not exist for the viewer.
        if member.blocked {
            return Err(AppError::NotFound.into());
        }
        Ok(member)
    }

    /// The member directory, in joining order. Blocked members never appear; filters
    /// only match what the viewer may see.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        filter: Option<MemberFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Member>> {
        let viewer = ctx.viewer()?.member_id()?;
        let filter = filter.unwrap_or_default().into_filter(clock::now().date_naive())?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page(ctx.db()?, viewer, &filter, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |member| Cursor { at: member.created_at, id: member.id }))
    }
}

#[derive(InputObject)]
pub struct MemberRefInput {
    pub member_id: ID,
}

/// Who sees one field.
#[derive(InputObject)]
pub struct FieldVisibilityInput {
    pub field: ProfileField,
    pub visibility: Visibility,
}

/// Changes to her own profile; fields left out stay as they are, blank text clears.
#[derive(InputObject, Default)]
pub struct UpdateProfileInput {
    pub display_name: Option<String>,
    /// 2 to 30 letters, digits or underscores; others @mention her by it.
    pub handle: Option<String>,
    pub headline: Option<String>,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub neighbourhood: Option<String>,
    pub career_stage: Option<CareerStage>,
    pub return_to_work_date: Option<NaiveDate>,
    /// Up to 20 short tags.
    pub interests: Option<Vec<String>>,
    /// A set: at most 4 entries, a repeated kind counted once.
    pub open_to: Option<Vec<OpenTo>>,
    pub bio: Option<String>,
    /// An https link to her picture.
    pub avatar_url: Option<String>,
    /// IANA time zone, e.g. America/Toronto.
    pub timezone: Option<String>,
    /// Replaces her children (at most 12).
    pub children: Option<Vec<ChildInput>>,
    /// Who sees each field: at most one entry per field.
    pub visibility: Option<Vec<FieldVisibilityInput>>,
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

fn valid_avatar(url: &str) -> AppResult<Option<String>> {
    let url = valid_line("avatarUrl", url, 500)?;
    if url.as_ref().is_some_and(|u| !u.starts_with("https://") || u.contains(char::is_whitespace)) {
        return Err(AppError::bad_input("avatarUrl", "use an https link"));
    }
    Ok(url)
}

fn valid_timezone(zone: &str) -> AppResult<Option<String>> {
    let zone = valid_line("timezone", zone, 64)?;
    if zone.as_deref().is_some_and(|z| z.parse::<chrono_tz::Tz>().is_err()) {
        return Err(AppError::bad_input("timezone", "use an IANA time zone such as America/Toronto"));
    }
    Ok(zone)
}

impl UpdateProfileInput {
    fn into_update(self, today: NaiveDate) -> AppResult<ProfileUpdate> {
        let mut text: Vec<(&'static str, Option<String>)> = Vec::new();
        let lines: [(&'static str, &'static str, Option<String>, usize); 4] = [
            ("headline", "headline", self.headline, 120),
            ("industry", "industry", self.industry, 80),
            ("city", "city", self.city, 80),
            ("neighbourhood", "neighbourhood", self.neighbourhood, 80),
        ];
        for (column, field, value, max) in lines {
            if let Some(value) = value {
                text.push((column, valid_line(field, &value, max)?));
            }
        }
        if let Some(bio) = self.bio {
            text.push(("bio", valid_bio(&bio)?));
        }
        if let Some(url) = self.avatar_url {
            text.push(("avatar_url", valid_avatar(&url)?));
        }
        if let Some(zone) = self.timezone {
            text.push(("timezone", valid_timezone(&zone)?));
        }
        if let Some(stage) = self.career_stage {
            text.push(("career_stage", Some(to_text(stage))));
        }
        if let Some(interests) = self.interests {
            text.push((
                "interests",
                Some(serde_json::to_string(&valid_interests(&interests)?).map_err(anyhow::Error::from)?),
            ));
        }
        if let Some(given) = self.open_to {
            bounded_list("openTo", &given, OpenTo::COUNT)?;
            // Each kind once, in the order she gave them.
            let mut open_to: Vec<OpenTo> = Vec::with_capacity(given.len());
            for kind in given {
                if !open_to.contains(&kind) {
                    open_to.push(kind);
                }
            }
            text.push(("open_to", Some(serde_json::to_string(&open_to).map_err(anyhow::Error::from)?)));
        }
        let visibility = self.visibility.unwrap_or_default();
        bounded_list("visibility", &visibility, ALL_FIELDS.len())?;
        for (index, entry) in visibility.iter().enumerate() {
            if visibility[..index].iter().any(|earlier| earlier.field == entry.field) {
                return Err(AppError::bad_input("visibility", "give each field's visibility once"));
            }
        }
        let visibility = visibility.into_iter().map(|v| (v.field.visibility_column(), to_text(v.visibility))).collect();
        let display_name =
            self.display_name.map(|name| crate::text::required_line("displayName", &name, 80)).transpose()?;
        let return_to_work_on = self.return_to_work_date.map(|date| {
            if date.year() < today.year() - 5 || date.year() > today.year() + 5 {
                Err(AppError::bad_input("returnToWorkDate", "give a date within five years"))
            } else {
                Ok(Some(date))
            }
        });
        Ok(ProfileUpdate {
            display_name,
            handle: self.handle.as_deref().map(valid_handle).transpose()?,
            text,
            return_to_work_on: return_to_work_on.transpose()?,
            visibility,
            children: self.children.map(|children| valid_children(&children, today)).transpose()?,
        })
    }
}

/// Where the viewer and another member now stand.
#[derive(SimpleObject)]
pub struct ConnectionPayload {
    pub member: Member,
    pub status: ConnectionStatus,
}

#[derive(Default)]
pub struct MemberMutation;

async fn connection_payload(ctx: &Context<'_>, member_id: Uuid, status: ConnectionStatus) -> Result<ConnectionPayload> {
    Ok(ConnectionPayload { member: load_member(ctx, member_id).await?, status })
}

async fn other_member(ctx: &Context<'_>, input: &MemberRefInput) -> Result<(Uuid, Uuid)> {
    let viewer = ctx.viewer()?.member_id()?;
    let other = parse_id("memberId", &input.member_id)?;
    load_member(ctx, other).await?;
    Ok((viewer, other))
}

#[Object]
impl MemberMutation {
    /// Updates the viewer's profile and who sees each field.
    async fn update_profile(&self, ctx: &Context<'_>, input: UpdateProfileInput) -> Result<Member> {
        let viewer = verified_member(ctx)?;
        let update = input.into_update(clock::now().date_naive())?;
        let db = ctx.db()?;
        store::update_profile(db, viewer, update, clock::now()).await.map_err(AppError::from)?;
        let member = store::find(db, viewer, viewer).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?;
        Ok(Member { shown_to_herself: true, ..member })
    }

    /// Asks a member to connect (accepts, if she already asked).
    async fn request_connection(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<ConnectionPayload> {
        rate_limited(ctx, Action::ConnectionRequest).await?;
        let (viewer, other) = other_member(ctx, &input).await?;
        let status = connections::request(ctx.db()?, viewer, other).await?;
        connection_payload(ctx, other, status).await
    }

    /// Accepts a member's request to connect.
    async fn accept_connection(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<ConnectionPayload> {
        let (viewer, other) = other_member(ctx, &input).await?;
        let status = connections::accept(ctx.db()?, viewer, other).await?;
        connection_payload(ctx, other, status).await
    }

    /// Ends a connection, or withdraws or declines a request.
    async fn remove_connection(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<ConnectionPayload> {
        let (viewer, other) = other_member(ctx, &input).await?;
        let status = connections::remove(ctx.db()?, viewer, other).await?;
        connection_payload(ctx, other, status).await
    }

    /// Blocks a member: her content disappears for the viewer, any connection ends, and
    /// neither can reply to or mention the other. Returns the blocked member.
    async fn block_member(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<Member> {
        let (viewer, other) = other_member(ctx, &input).await?;
        if other == viewer {
            return Err(AppError::bad_input("memberId", "you cannot block yourself").into());
        }
        blocking::block(ctx.db()?, ctx.bus()?, viewer, other).await?;
        Ok(load_member(ctx, other).await?)
    }

    /// Lifts a block. Returns the member.
    async fn unblock_member(&self, ctx: &Context<'_>, input: MemberRefInput) -> Result<Member> {
        let (viewer, other) = other_member(ctx, &input).await?;
        blocking::unblock(ctx.db()?, ctx.bus()?, viewer, other).await?;
        Ok(load_member(ctx, other).await?)
    }
}
