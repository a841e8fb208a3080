//! GraphQL for notifications: her list, her unread count, marking entries read.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Notification, NotificationKind};
use super::service;
use super::settings::{self, NotificationPreference};
use super::store::{self, Marking};
use crate::clock;
use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::ids::{optional_id, parse_id};
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::groups::GroupRefInput;
use crate::members::{Member, load_member};
use crate::membership;
use crate::threads::{self, ANONYMOUS_AUTHOR, ThreadRefInput};

/// Ids one `markNotificationsRead` may name.
const MAX_IDS: usize = 100;

/// Something she is told about; replies in one thread (and requests to join one group)
/// collapse into one entry.
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
        let actor = match self.actor_id {
            Some(actor) if self.names_actor() => load_member(ctx, actor).await?.display_name,
            None if self.actor_anonymous => ANONYMOUS_AUTHOR.to_owned(),
            _ => String::new(),
        };
        Ok(self.headline(&actor))
    }
    /// How many happenings it stands for: replies in the thread, requests to join, …
    async fn count(&self) -> i32 {
        self.happenings
    }
    /// The group it happened in; null for direct messages.
    async fn group_id(&self) -> Option<ID> {
        optional_id(self.group_id)
    }
    async fn thread_id(&self) -> Option<ID> {
        optional_id(self.thread_id)
    }
    /// The latest reply it stands for.
    async fn reply_id(&self) -> Option<ID> {
        optional_id(self.reply_id)
    }
    async fn event_id(&self) -> Option<ID> {
        optional_id(self.event_id)
    }
    /// The conversation, for a new message or a message request.
    async fn conversation_id(&self) -> Option<ID> {
        optional_id(self.conversation_id)
    }
    /// The latest message it stands for.
    async fn message_id(&self) -> Option<ID> {
        optional_id(self.message_id)
    }
    /// The program, for a place given or a program offered.
    async fn program_id(&self) -> Option<ID> {
        optional_id(self.program_id)
    }
    /// The survey, for an invitation to answer one.
    async fn survey_id(&self) -> Option<ID> {
        optional_id(self.survey_id)
    }
    /// Who did the latest happening; null for the system's own (a freed seat) and for an
    /// anonymous post (`actorAnonymous`).
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        match self.actor_id {
            Some(actor) => Ok(Some(load_member(ctx, actor).await?)),
            None => Ok(None),
        }
    }
    /// The latest happening was an anonymous post: show "Anonymous member".
    async fn actor_anonymous(&self) -> bool {
        self.actor_anonymous
    }
    async fn read(&self) -> bool {
        self.read_at.is_some()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    /// When a happening last joined it.
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

    /// Where each kind of notification reaches her.
    async fn notification_preferences(&self, ctx: &Context<'_>) -> Result<Vec<NotificationPreference>> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(settings::preferences(ctx.db()?, viewer).await.map_err(AppError::from)?)
    }
}

/// Where one kind of notification should reach her.
#[derive(InputObject)]
pub struct SetNotificationPreferenceInput {
    pub kind: NotificationKind,
    pub in_app: bool,
    pub push: bool,
    /// Also by email; left out, it stays as it is.
    pub email: Option<bool>,
}

/// A thread to mute, for good or until a time.
#[derive(InputObject)]
pub struct MuteThreadInput {
    pub thread_id: ID,
    pub until: Option<DateTime<Utc>>,
}

/// A group to mute, for good or until a time.
#[derive(InputObject)]
pub struct MuteGroupInput {
    pub group_id: ID,
    pub until: Option<DateTime<Utc>>,
}

/// A mute as it now stands.
#[derive(SimpleObject)]
pub struct MutePayload {
    /// The thread or group.
    pub subject_id: ID,
    pub muted: bool,
    /// Null when muted for good (or not muted).
    pub until: Option<DateTime<Utc>>,
}

/// A mute's end, if given, must be ahead (and within the range of any input's time).
fn future_until(until: Option<DateTime<Utc>>) -> Result<Option<DateTime<Utc>>, AppError> {
    match until {
        Some(until) if until <= clock::now() => Err(AppError::bad_input("until", "give a time in the future")),
        Some(until) => clock::within_range("until", until).map(Some),
        None => Ok(None),
    }
}

async fn set_mute(ctx: &Context<'_>, subject: Uuid, until: Option<Option<DateTime<Utc>>>) -> Result<MutePayload> {
    let (viewer, db) = (ctx.viewer()?.member_id()?, ctx.db()?);
    match until {
        Some(until) => settings::mute(db, viewer, subject, until).await.map_err(AppError::from)?,
        None => settings::unmute(db, viewer, subject).await.map_err(AppError::from)?,
    }
    Ok(MutePayload { subject_id: ID(subject.to_string()), muted: until.is_some(), until: until.flatten() })
}

/// A thread she may read, by id.
async fn readable_thread(ctx: &Context<'_>, id: &ID) -> Result<Uuid> {
    let id = parse_id("threadId", id)?;
    threads::readable(ctx.db()?, ctx.viewer()?.member_id()?, id).await?;
    Ok(id)
}

/// A group she may read, by id.
async fn readable_group(ctx: &Context<'_>, id: &ID) -> Result<Uuid> {
    let id = parse_id("groupId", id)?;
    membership::readable(ctx.db()?, ctx.viewer()?.member_id()?, id).await?;
    Ok(id)
}

/// Which notifications to mark read: some (`ids`) or all of them.
#[derive(InputObject)]
pub struct MarkNotificationsReadInput {
    /// 1 to 100 of her notifications.
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
        let which = ids.as_deref().map_or(Marking::All, Marking::These);
        let (marked, unread_count) = service::mark_read(ctx.db()?, ctx.bus()?, viewer, which).await?;
        Ok(MarkNotificationsReadPayload { marked: i64::try_from(marked).unwrap_or(i64::MAX), unread_count })
    }

    /// Chooses where one kind of notification reaches her; returns all her preferences.
    async fn set_notification_preference(
        &self,
        ctx: &Context<'_>,
        input: SetNotificationPreferenceInput,
    ) -> Result<Vec<NotificationPreference>> {
        let (viewer, db) = (ctx.viewer()?.member_id()?, ctx.db()?);
        if input.push && !input.in_app {
            return Err(AppError::bad_input("push", "a push opens its in-app notification: turn inApp on too").into());
        }
        if !settings::is_preference(input.kind) {
            return Err(AppError::bad_input("kind", "a moderator's warning always reaches her").into());
        }
        let email = match input.email {
            Some(email) => email,
            None => settings::preference_for(db, viewer, input.kind).await.map_err(AppError::from)?.email,
        };
        let choice = NotificationPreference { kind: input.kind, in_app: input.in_app, push: input.push, email };
        settings::set_preference(db, viewer, choice).await.map_err(AppError::from)?;
        Ok(settings::preferences(db, viewer).await.map_err(AppError::from)?)
    }

    /// Stops notifications from a thread (mentions of her still come), for good or
    /// until `until`.
    async fn mute_thread(&self, ctx: &Context<'_>, input: MuteThreadInput) -> Result<MutePayload> {
        let until = future_until(input.until)?;
        set_mute(ctx, readable_thread(ctx, &input.thread_id).await?, Some(until)).await
    }

    async fn unmute_thread(&self, ctx: &Context<'_>, input: ThreadRefInput) -> Result<MutePayload> {
        set_mute(ctx, readable_thread(ctx, &input.thread_id).await?, None).await
    }

    /// Stops notifications from a group's threads and events (mentions still come), for
    /// good or until `until`.
    async fn mute_group(&self, ctx: &Context<'_>, input: MuteGroupInput) -> Result<MutePayload> {
        let until = future_until(input.until)?;
        set_mute(ctx, readable_group(ctx, &input.group_id).await?, Some(until)).await
    }

    async fn unmute_group(&self, ctx: &Context<'_>, input: GroupRefInput) -> Result<MutePayload> {
        set_mute(ctx, readable_group(ctx, &input.group_id).await?, None).await
    }
}
