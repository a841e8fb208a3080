//! GraphQL for notifications: her list, her unread count, marking entries read.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Notification, NotificationKind};
use super::store;
use super::subscription::{NotificationEvent, NotificationEventKind, announce};
use crate::clock;
use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{Member, load_member};

/// Ids one `markNotificationsRead` may name.
const MAX_IDS: usize = 100;

/// Something she is told about; replies in one thread collapse into one entry.
#[Object]
impl Notification {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn kind(&self) -> NotificationKind {
        self.kind.0
    }
    /// What the app shows, e.g. "3 new replies in 'Pumping at work'".
    async fn title(&self, ctx: &Context<'_>) -> Result<String> {
        if self.reply_count > 1 {
            return Ok(format!("{} new replies in '{}'", self.reply_count, self.thread_title));
        }
        let actor = load_member(ctx, self.actor_id).await?.display_name;
        let thread = &self.thread_title;
        Ok(match self.kind.0 {
            NotificationKind::ReplyToMyThread => format!("{actor} replied to your thread '{thread}'"),
            NotificationKind::ReplyToMyReply => format!("{actor} answered your reply in '{thread}'"),
            NotificationKind::Mention => format!("{actor} mentioned you in '{thread}'"),
            NotificationKind::FollowedThreadActivity => format!("{actor} replied in '{thread}'"),
        })
    }
    /// Replies this entry stands for.
    async fn reply_count(&self) -> i32 {
        self.reply_count
    }
    async fn thread_id(&self) -> ID {
        ID(self.thread_id.to_string())
    }
    /// The latest reply it stands for.
    async fn reply_id(&self) -> ID {
        ID(self.reply_id.to_string())
    }
    /// Who wrote the latest reply.
    async fn actor(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.actor_id).await?)
    }
    async fn read(&self) -> bool {
        self.read_at.is_some()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    /// When a reply last joined it.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
}

#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    /// Her notifications, most recently updated first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Notification>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page(ctx.db()?, viewer, &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |n| Cursor { at: n.updated_at, id: n.id }))
    }

    /// How many of her notifications are unread.
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i64> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(store::unread_count(ctx.db()?, viewer).await.map_err(AppError::from)?)
    }
}

/// Which notifications to mark read: some (`ids`) or all of them.
#[derive(InputObject)]
pub struct MarkNotificationsReadInput {
    pub ids: Option<Vec<ID>>,
    pub all: Option<bool>,
}

#[derive(SimpleObject)]
pub struct MarkNotificationsReadPayload {
    /// How many were unread and are now read.
    pub marked: i64,
    pub unread_count: i64,
}

fn chosen_ids(input: &MarkNotificationsReadInput) -> Result<Option<Vec<Uuid>>, AppError> {
    match (&input.ids, input.all) {
        (Some(_), Some(true)) | (None, None | Some(false)) => {
            Err(AppError::bad_input("ids", "give either ids or all: true"))
        }
        (None, Some(true)) => Ok(None),
        (Some(ids), _) if ids.is_empty() || ids.len() > MAX_IDS => {
            Err(AppError::bad_input("ids", format!("give 1 to {MAX_IDS} ids")))
        }
        (Some(ids), _) => ids.iter().map(|id| parse_id("ids", id)).collect::<Result<_, _>>().map(Some),
    }
}

#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks some of her notifications, or all of them, read.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        input: MarkNotificationsReadInput,
    ) -> Result<MarkNotificationsReadPayload> {
        let viewer = ctx.viewer()?.member_id()?;
        let ids = chosen_ids(&input)?;
        let db = ctx.db()?;
        let marked = store::mark_read(db, viewer, ids.as_deref(), clock::now()).await.map_err(AppError::from)?;
        let unread_count = store::unread_count(db, viewer).await.map_err(AppError::from)?;
        if marked > 0 {
            let event = NotificationEvent {
                kind: NotificationEventKind::UnreadCountChanged,
                notification_id: None,
                unread_count: Some(unread_count),
            };
            announce(ctx.bus()?, viewer, &event).await;
        }
        Ok(MarkNotificationsReadPayload { marked: i64::try_from(marked).unwrap_or(i64::MAX), unread_count })
    }
}
