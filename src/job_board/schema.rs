//! GraphQL for the job board: `jobs`, `job`, `savedJobs`, and posting, editing,
//! closing, saving and asking for a referral.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};

use super::model::{Employment, Flexibility, JobPost, JobStatus, Workplace};
use super::service::{self, JobDraft};
use super::store::{self, JobFilter};
use crate::clock;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, rate_limited, rate_limited_create};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{Member, load_member};
use crate::membership::{self, Group};
use crate::messages::Message;
use crate::rate_limits::Action;
use crate::text::{bounded_list, filter_term};

/// Flexibilities one job or one filter names at most (there are five).
const MAX_FLEXIBILITY: usize = 5;
/// The longest filter term.
const MAX_TERM_CHARS: usize = 100;

/// A job a member shared.
#[Object]
impl JobPost {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.title
    }
    async fn company(&self) -> &str {
        &self.company
    }
    /// Where it is, as the poster wrote it ("Toronto, ON").
    async fn location(&self) -> &str {
        &self.location
    }
    async fn workplace(&self) -> Workplace {
        self.workplace.0
    }
    async fn employment(&self) -> Employment {
        self.employment.0
    }
    async fn flexibility(&self) -> &[Flexibility] {
        &self.flexibility.0
    }
    async fn industry(&self) -> Option<&str> {
        self.industry.as_deref()
    }
    /// Where to read more or apply.
    async fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    async fn description(&self) -> &str {
        &self.description
    }
    /// Whether the poster offers to refer members (`askForReferral`).
    async fn can_refer(&self) -> bool {
        self.can_refer
    }
    async fn posted_by(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.posted_by).await?)
    }
    /// The group it was shared in (only its members see it); null when community-wide.
    async fn group(&self, ctx: &Context<'_>) -> Result<Option<Group>> {
        let Some(group_id) = self.group_id else { return Ok(None) };
        Ok(Some(membership::readable(ctx.db()?, ctx.viewer()?.member_id()?, group_id).await?))
    }
    async fn status(&self) -> JobStatus {
        self.status.0
    }
    /// When it closes by itself.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.closed_at
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    /// Whether she saved it.
    async fn saved(&self) -> bool {
        self.saved
    }
}

/// What to look for on the board; every part optional, all must match.
#[derive(InputObject, Default)]
pub struct JobFilterInput {
    /// Words in the title, company or description.
    pub text: Option<String>,
    /// A place the location mentions.
    pub city: Option<String>,
    pub workplace: Option<Workplace>,
    pub employment: Option<Employment>,
    /// Jobs offering every one of these.
    #[graphql(default)]
    pub flexibility: Vec<Flexibility>,
    pub industry: Option<String>,
    pub can_refer: Option<bool>,
    pub group_id: Option<ID>,
}

impl JobFilterInput {
    fn checked(self) -> Result<JobFilter, AppError> {
        bounded_list("flexibility", &self.flexibility, MAX_FLEXIBILITY)?;
        Ok(JobFilter {
            text: filter_term("text", self.text, MAX_TERM_CHARS)?,
            city: filter_term("city", self.city, MAX_TERM_CHARS)?,
            workplace: self.workplace,
            employment: self.employment,
            flexibility: self.flexibility,
            industry: filter_term("industry", self.industry, MAX_TERM_CHARS)?,
            can_refer: self.can_refer,
            group_id: self.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?,
        })
    }
}

#[derive(Default)]
pub struct JobBoardQuery;

#[Object]
impl JobBoardQuery {
    /// Open jobs she may see (community-wide and her groups'), newest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn jobs(
        &self,
        ctx: &Context<'_>,
        filter: Option<JobFilterInput>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, JobPost>> {
        let viewer = ctx.viewer()?.member_id()?;
        let filter = filter.unwrap_or_default().checked()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page(ctx.db()?, viewer, &filter, clock::now(), &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |job| Cursor { at: job.created_at, id: job.id }))
    }

    /// One job she may see, open or closed.
    async fn job(&self, ctx: &Context<'_>, id: ID) -> Result<JobPost> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::visible(ctx.db()?, viewer, parse_id("id", &id)?).await?)
    }

    /// The jobs she saved and may still see, most recently saved first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn saved_jobs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, JobPost>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::saved_page(ctx.db()?, viewer, &page).await.map_err(AppError::from)?;
        Ok(page.connection_with(rows, |(job, saved_at)| Cursor { at: *saved_at, id: job.id }, |(job, _)| job))
    }
}

/// A job to post.
#[derive(InputObject)]
pub struct PostJobInput {
    pub title: String,
    pub company: String,
    pub location: String,
    pub workplace: Workplace,
    pub employment: Employment,
    #[graphql(default)]
    pub flexibility: Vec<Flexibility>,
    pub industry: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    #[graphql(default)]
    pub can_refer: bool,
    /// Share it only with this group's members (she must belong to it).
    pub group_id: Option<ID>,
    /// When it closes by itself: within 90 days; 30 days from now when left out.
    pub expires_at: Option<DateTime<Utc>>,
    /// Makes a retry of this request post nothing twice.
    pub client_mutation_id: Option<String>,
}

/// Changes to her open job; what is left out stays.
#[derive(InputObject)]
pub struct EditJobInput {
    pub job_id: ID,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub workplace: Option<Workplace>,
    pub employment: Option<Employment>,
    pub flexibility: Option<Vec<Flexibility>>,
    pub industry: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub can_refer: Option<bool>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl EditJobInput {
    /// Puts what she changed into `draft`.
    fn apply_to(self, draft: &mut JobDraft) {
        let replace_if_given = |new: Option<String>, old: &mut String| {
            if let Some(new) = new {
                *old = new;
            }
        };
        replace_if_given(self.title, &mut draft.title);
        replace_if_given(self.company, &mut draft.company);
        replace_if_given(self.location, &mut draft.location);
        draft.workplace = self.workplace.unwrap_or(draft.workplace);
        draft.employment = self.employment.unwrap_or(draft.employment);
        if let Some(flexibility) = self.flexibility {
            draft.flexibility = flexibility;
        }
        draft.industry = self.industry.or(draft.industry.take());
        draft.url = self.url.or(draft.url.take());
        draft.description = self.description.or(draft.description.take());
        draft.can_refer = self.can_refer.unwrap_or(draft.can_refer);
        draft.expires_at = self.expires_at.or(draft.expires_at);
    }
}

#[derive(InputObject)]
pub struct JobInput {
    pub job_id: ID,
}

#[derive(InputObject)]
pub struct AskForReferralInput {
    pub job_id: ID,
    /// What she tells the poster (at most 2 000 characters); a short ask when left out.
    pub note: Option<String>,
    /// Makes a retry of this request ask nothing twice.
    pub client_mutation_id: Option<String>,
}

#[derive(Default)]
pub struct JobBoardMutation;

#[Object]
impl JobBoardMutation {
    /// Posts a job, community-wide or in one of her groups.
    async fn post_job(&self, ctx: &Context<'_>, input: PostJobInput) -> Result<JobPost> {
        bounded_list("flexibility", &input.flexibility, MAX_FLEXIBILITY)?;
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::JobPost, "postJob", key).await?;
        let group_id = input.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?;
        let draft = JobDraft {
            title: input.title,
            company: input.company,
            location: input.location,
            workplace: input.workplace,
            employment: input.employment,
            flexibility: input.flexibility,
            industry: input.industry,
            url: input.url,
            description: input.description,
            can_refer: input.can_refer,
            expires_at: input.expires_at,
        };
        Ok(service::post(ctx.db()?, viewer, group_id, draft, key).await?)
    }

    /// Changes her open job (edits count toward her job-post pace).
    async fn edit_job(&self, ctx: &Context<'_>, input: EditJobInput) -> Result<JobPost> {
        let viewer = rate_limited(ctx, Action::JobPost).await?;
        let id = parse_id("jobId", &input.job_id)?;
        if let Some(flexibility) = &input.flexibility {
            bounded_list("flexibility", flexibility, MAX_FLEXIBILITY)?;
        }
        Ok(service::edit(ctx.db()?, viewer, id, |draft| input.apply_to(draft)).await?)
    }

    /// Closes her job: it leaves the board (those who saved it still see it, closed).
    async fn close_job(&self, ctx: &Context<'_>, input: JobInput) -> Result<JobPost> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::close(ctx.db()?, viewer, parse_id("jobId", &input.job_id)?).await?)
    }

    /// Saves a job she may see, for later.
    async fn save_job(&self, ctx: &Context<'_>, input: JobInput) -> Result<JobPost> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::set_saved(ctx.db()?, viewer, parse_id("jobId", &input.job_id)?, true).await?)
    }

    /// Forgets a job she saved.
    async fn unsave_job(&self, ctx: &Context<'_>, input: JobInput) -> Result<JobPost> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::set_saved(ctx.db()?, viewer, parse_id("jobId", &input.job_id)?, false).await?)
    }

    /// Asks the poster of an open job that offers referrals for one: a direct message
    /// with the job linked, in her inbox. Answers the message.
    async fn ask_for_referral(&self, ctx: &Context<'_>, input: AskForReferralInput) -> Result<Message> {
        let key = input.client_mutation_id.as_deref();
        let viewer = rate_limited_create(ctx, Action::Message, "startConversation", key).await?;
        let id = parse_id("jobId", &input.job_id)?;
        let (db, bus) = (ctx.db()?, ctx.bus()?);
        Ok(service::ask_for_referral(db, bus, viewer, id, input.note, input.client_mutation_id).await?.into())
    }
}
