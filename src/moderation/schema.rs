//! GraphQL for moderation: `report` and `myReports` for every member; `moderationQueue`,
//! `resolveReport` and `moderationLog` for moderators and community admins.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{ModerationAction, ModerationSettings, QueueItem, Report, ReportReason, ReportStatus};
use super::service::{self, Filed, Resolution};
use super::store::QueueFilter;
use crate::auth::AuthService;
use crate::error::{AppError, found};
use crate::graphql::context::{ContextExt, data, rate_limited};
use crate::graphql::ids::{optional_id, parse_id};
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{Member, load_member};
use crate::moderation_log::{LogAction, LogEntry, Target, TargetKind};
use crate::rate_limits::Action;

/// Reports shown with one queue item at most.
const MAX_ITEM_REPORTS: i32 = 50;

/// `member_id`'s profile as the viewer sees it; null when it is gone or hidden from her.
async fn member_or_none(ctx: &Context<'_>, member_id: Option<Uuid>) -> Result<Option<Member>> {
    let Some(member_id) = member_id else { return Ok(None) };
    Ok(found(load_member(ctx, member_id).await)?)
}

/// A member's report. Only she and the moderators who handle it see it.
#[Object]
impl Report {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn target_kind(&self) -> TargetKind {
        self.target_kind.0
    }
    /// The reply, thread, event, message or member reported.
    async fn target_id(&self) -> ID {
        ID(self.target_id.to_string())
    }
    async fn reason(&self) -> ReportReason {
        self.reason.0
    }
    async fn note(&self) -> &str {
        &self.note
    }
    async fn status(&self) -> ReportStatus {
        self.status.0
    }
    /// What the moderator did, once she did.
    async fn action(&self) -> Option<ModerationAction> {
        self.action.0
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    async fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.resolved_at
    }
    /// Who reported it (shown to the reporter herself and to the moderators who handle
    /// it); null once her account is gone.
    async fn reporter(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        member_or_none(ctx, self.reporter_id).await
    }
}

/// Something reported, with its reports: one entry of the moderation queue.
#[Object]
impl QueueItem {
    async fn target_kind(&self) -> TargetKind {
        self.target_kind.0
    }
    async fn target_id(&self) -> ID {
        ID(self.target_id.to_string())
    }
    /// Whose it is (the member reported, for a member).
    async fn subject(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        member_or_none(ctx, Some(self.subject_id)).await
    }
    /// The group it is in; null for what community admins handle.
    async fn group_id(&self) -> Option<ID> {
        optional_id(self.group_id)
    }
    async fn status(&self) -> ReportStatus {
        self.status.0
    }
    async fn report_count(&self) -> i64 {
        self.report_count
    }
    async fn latest_report_at(&self) -> DateTime<Utc> {
        self.latest_at
    }
    /// Its newest reports (at most 50); resolve any one of them to act on it.
    async fn reports(&self, ctx: &Context<'_>, #[graphql(default = 10)] first: i32) -> Result<Vec<Report>> {
        if !(1..=MAX_ITEM_REPORTS).contains(&first) {
            return Err(AppError::bad_input("first", "between 1 and 50").into());
        }
        let limit = usize::try_from(first).unwrap_or(1);
        Ok(service::reports_on(ctx.db()?, self, limit).await?)
    }
}

/// One act of a moderator or a community admin, as the moderation log keeps it.
#[Object]
impl LogEntry {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    /// Who acted; null once her account is gone.
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        member_or_none(ctx, Some(self.actor_id)).await
    }
    async fn group_id(&self) -> Option<ID> {
        optional_id(self.group_id)
    }
    async fn action(&self) -> LogAction {
        self.action.0
    }
    async fn target_kind(&self) -> Option<TargetKind> {
        self.target_kind.0
    }
    async fn target_id(&self) -> Option<ID> {
        optional_id(self.target_id)
    }
    /// The member it was about; null once her account is gone.
    async fn subject(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        member_or_none(ctx, self.subject_id).await
    }
    /// Why, in the moderator's words.
    async fn note(&self) -> &str {
        &self.note
    }
    /// Until when a mute or a suspension holds.
    async fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

/// What is reported: exactly one of these.
#[derive(InputObject)]
pub struct ReportTargetInput {
    pub reply_id: Option<ID>,
    pub thread_id: Option<ID>,
    pub event_id: Option<ID>,
    /// A message in one of her own conversations.
    pub message_id: Option<ID>,
    pub member_id: Option<ID>,
}

impl ReportTargetInput {
    fn checked(self) -> Result<Target, AppError> {
        let named: Vec<(TargetKind, &'static str, ID)> = [
            (TargetKind::Reply, "replyId", self.reply_id),
            (TargetKind::Thread, "threadId", self.thread_id),
            (TargetKind::Event, "eventId", self.event_id),
            (TargetKind::Message, "messageId", self.message_id),
            (TargetKind::Member, "memberId", self.member_id),
        ]
        .into_iter()
        .filter_map(|(kind, field, id)| id.map(|id| (kind, field, id)))
        .collect();
        match named.as_slice() {
            [(kind, field, id)] => Ok(Target { kind: *kind, id: parse_id(field, id)? }),
            _ => Err(AppError::bad_input("target", "name exactly one thing to report")),
        }
    }
}

#[derive(InputObject)]
pub struct ReportInput {
    pub target: ReportTargetInput,
    pub reason: ReportReason,
    /// What moderators should know (at most 1 000 characters).
    pub note: Option<String>,
}

/// What part of the queue to show.
#[derive(InputObject, Default)]
pub struct ModerationQueueFilter {
    /// One group she moderates.
    pub group_id: Option<ID>,
    /// `OPEN` when left out.
    pub status: Option<ReportStatus>,
    /// Only reports of this reason (and only they are counted).
    pub reason: Option<ReportReason>,
}

#[derive(InputObject)]
pub struct ResolveReportInput {
    /// Any open report on the thing: every open report on it closes.
    pub report_id: ID,
    pub action: ModerationAction,
    /// Until when, for `MUTE_IN_GROUP` and `SUSPEND` (within five years).
    pub until: Option<DateTime<Utc>>,
    /// Why (at most 1 000 characters): kept in the moderation log; for `SUSPEND`
    /// required, and shown to her when she tries to sign in.
    pub note: Option<String>,
}

#[derive(Default)]
pub struct ModerationQuery;

#[Object]
impl ModerationQuery {
    /// The reports she filed, newest first, with where each stands.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn my_reports(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Report>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = service::my_reports(ctx.db()?, viewer, &page).await?;
        Ok(page.connection(rows, |report| Cursor { at: report.created_at, id: report.id }))
    }

    /// What was reported in the groups she moderates (everything, for a community
    /// admin), grouped by what was reported, the most recently reported first. Reports
    /// about herself are not in her queue.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        filter: Option<ModerationQueueFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, QueueItem>> {
        let viewer = ctx.viewer()?.member_id()?;
        let filter = filter.unwrap_or_default();
        let filter = QueueFilter {
            group_id: filter.group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?,
            status: filter.status.unwrap_or_default(),
            reason: filter.reason,
        };
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = service::queue(ctx.db()?, viewer, filter, &page).await?;
        Ok(page.connection(rows, |item| Cursor { at: item.latest_at, id: item.target_id }))
    }

    /// What moderators did, newest first: a group's entries for its moderators, every
    /// entry for community admins. Nothing edits or deletes an entry.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn moderation_log(
        &self,
        ctx: &Context<'_>,
        group_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, LogEntry>> {
        let viewer = ctx.viewer()?.member_id()?;
        let group_id = group_id.as_ref().map(|id| parse_id("groupId", id)).transpose()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = service::log_page(ctx.db()?, viewer, group_id, &page).await?;
        Ok(page.connection(rows, |entry| Cursor { at: entry.created_at, id: entry.id }))
    }
}

#[derive(Default)]
pub struct ModerationMutation;

#[Object]
impl ModerationMutation {
    /// Reports something she can see (not her own) to those who moderate it: the
    /// group's moderators, or community admins for members and messages. The member
    /// reported is never told who reported her. One open report per thing. A thread or
    /// reply reported by `--reports-to-hold` members is hidden from all but its author
    /// and the group's moderators, who are told, until one of them resolves it.
    async fn report(&self, ctx: &Context<'_>, input: ReportInput) -> Result<Report> {
        let viewer = rate_limited(ctx, Action::Report).await?;
        let target = input.target.checked()?;
        let note = input.note.unwrap_or_default();
        let filed = Filed { target, reason: input.reason, note: &note };
        let settings = *data::<ModerationSettings>(ctx)?;
        Ok(service::report(ctx.db()?, ctx.bus()?, settings, viewer, filed).await?)
    }

    /// Acts on a report, for the group's moderators or community admins, and closes every
    /// open report on the same thing. Answers the report as it now stands.
    async fn resolve_report(&self, ctx: &Context<'_>, input: ResolveReportInput) -> Result<Report> {
        let viewer = ctx.viewer()?.member_id()?;
        let resolution = Resolution {
            report_id: parse_id("reportId", &input.report_id)?,
            action: input.action,
            until: input.until,
            note: input.note.unwrap_or_default(),
        };
        let auth = data::<AuthService>(ctx)?;
        Ok(service::resolve(ctx.db()?, ctx.bus()?, auth, viewer, resolution).await?)
    }
}
