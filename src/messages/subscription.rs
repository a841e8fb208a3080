//! `conversationUpdates`: a conversation's new messages as they are sent. With `after`,
//! the messages since that cursor are replayed from the database first; the bus is
//! subscribed before the replay, and replayed messages are not sent twice. Her right to
//! read is checked when she subscribes, whenever an access signal for her arrives
//! (blocked, signed out) and every sweep; her token's expiry ends the stream.

use std::sync::Arc;

use async_graphql::connection::CursorType;
use async_graphql::{Context, ID, Result, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use super::live::{ConversationEvent, ConversationUpdateKind, topic};
use super::model::MessageRow;
use super::schema::Message;
use super::{service, store};
use crate::auth::AuthService;
use crate::db::Db;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{Cursor, Page};
use crate::realtime::{Delivery, Follower, follow, member_topic};
use crate::viewer::{AccessClaims, Viewer};

const REPLAY_PAGE: usize = 100;

/// One update, with the message as she sees it.
#[derive(SimpleObject)]
pub struct ConversationUpdate {
    pub kind: ConversationUpdateKind,
    pub message: Option<Message>,
    /// The position of `message`, to resume from with `after`.
    pub cursor: Option<String>,
}

/// Where `message` sits in its conversation.
fn position(message: &MessageRow) -> Cursor {
    Cursor { at: message.created_at, id: message.id }
}

fn update(message: MessageRow) -> ConversationUpdate {
    let cursor = Some(position(&message).encode_cursor());
    ConversationUpdate { kind: ConversationUpdateKind::MessageSent, message: Some(Message::from(message)), cursor }
}

fn resync() -> ConversationUpdate {
    ConversationUpdate { kind: ConversationUpdateKind::Resync, message: None, cursor: None }
}

/// One member watching a conversation.
struct Watcher {
    db: Db,
    auth: AuthService,
    viewer: AccessClaims,
    conversation_id: Uuid,
    /// The last message replayed to her from the database, not to be sent again live.
    replayed_up_to: Option<Cursor>,
}

impl Watcher {
    async fn replay(&self, after: Cursor) -> Result<Vec<MessageRow>, AppError> {
        let page = Page { size: REPLAY_PAGE, after: Some(after), before: None, backward: false };
        let mut messages = store::page_messages(&self.db, self.conversation_id, &page).await?;
        messages.truncate(REPLAY_PAGE);
        Ok(messages)
    }
}

impl Follower<ConversationEvent> for Watcher {
    type Item = ConversationUpdate;

    /// Checks against the database that she may still read the conversation.
    async fn recheck(&mut self) -> Result<(), AppError> {
        self.auth.require_signed_in(self.viewer).await?;
        service::readable(&self.db, self.viewer.member_id, self.conversation_id).await.map_err(
            |error| match error {
                AppError::NotFound => AppError::Forbidden,
                other => other,
            },
        )?;
        Ok(())
    }

    async fn missed(&mut self) -> Result<Option<ConversationUpdate>, AppError> {
        Ok(Some(resync()))
    }

    async fn message(
        &mut self,
        event: ConversationEvent,
        _delivery: Arc<Delivery>,
    ) -> Result<Option<ConversationUpdate>, AppError> {
        let message = match store::find_message(&self.db, event.message_id).await {
            Ok(Some(message)) => message,
            Ok(None) => return Ok(None),
            Err(error) => {
                // The stream goes on; she catches up from her cursor.
                tracing::warn!(%error, "cannot read a message for a live conversation");
                return Ok(Some(resync()));
            }
        };
        let already_sent =
            self.replayed_up_to.is_some_and(|last| (message.created_at, message.id) <= (last.at, last.id));
        if message.conversation_id != self.conversation_id || already_sent {
            return Ok(None);
        }
        Ok(Some(update(message)))
    }
}

#[derive(Default)]
pub struct MessageSubscription;

#[Subscription]
impl MessageSubscription {
    /// New messages in one of her conversations as they are sent; with `after` (a
    /// message cursor), first the messages sent since then.
    async fn conversation_updates(
        &self,
        ctx: &Context<'_>,
        conversation_id: ID,
        after: Option<String>,
    ) -> Result<impl Stream<Item = Result<ConversationUpdate>> + use<>> {
        let Viewer::Member(viewer) = ctx.viewer()?.clone() else {
            return Err(AppError::Unauthenticated("sign in first").into());
        };
        let conversation_id = parse_id("conversationId", &conversation_id)?;
        let after = after
            .map(|cursor| Cursor::decode_cursor(&cursor))
            .transpose()
            .map_err(|_| AppError::bad_input("after", "after is not a valid cursor"))?;
        let (db, auth) = (ctx.db()?.clone(), data::<AuthService>(ctx)?.clone());
        let mut watcher = Watcher { db, auth, viewer, conversation_id, replayed_up_to: after };
        // Listening first, checking second: a message or a revocation in between is not missed.
        let bus = ctx.bus()?;
        let access = bus.subscribe(&member_topic(viewer.member_id)).await;
        let live = bus.subscribe(&topic(conversation_id)).await;
        watcher.recheck().await.map_err(AppError::hidden_as_not_found)?;
        let expires_at = viewer.expiry();
        Ok(async_stream::stream! {
            while let Some(cursor) = watcher.replayed_up_to {
                let messages = match Box::pin(watcher.replay(cursor)).await {
                    Ok(messages) => messages,
                    Err(error) => { yield Err(error.into()); return; }
                };
                let full_page = messages.len() == REPLAY_PAGE;
                for message in messages {
                    watcher.replayed_up_to = Some(position(&message));
                    yield Ok(update(message));
                }
                if !full_page {
                    break;
                }
            }
            let updates = follow(watcher, live, Some(access), expires_at);
            futures_util::pin_mut!(updates);
            while let Some(update) = updates.next().await {
                yield update.map_err(Into::into);
            }
        })
    }
}
