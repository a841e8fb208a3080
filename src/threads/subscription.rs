//! `threadUpdates`: a thread's replies, edits, deletions, reactions and flag changes as
//! they happen. With `after`, the replies since that cursor are replayed from the
//! database first; the bus is subscribed before the replay, and replayed replies are not
//! sent twice; replies by members with a block either way with the viewer are left out. Her right to read is
//! checked when she subscribes, whenever an access signal for her arrives (removed,
//! blocked, signed out) and every sweep; her token's expiry ends the stream. Each reply
//! is read once per process for all its subscribers (`ReplySnapshot`).

use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::connection::CursorType;
use async_graphql::{Context, ID, Result, Subscription};
use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use super::live::{ThreadEvent, ThreadUpdate, ThreadUpdateKind, reply_cursor, topic};
use super::model::Reply;
use super::render::{self, LiveThreadUpdate, Shape};
use super::snapshot::ReplySnapshot;
use super::{service, store};
use crate::auth::AuthService;
use crate::db::Db;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::{Cursor, Page};
use crate::members;
use crate::realtime::{Delivery, Follower, follow, member_topic};
use crate::viewer::{AccessClaims, Viewer};

const REPLAY_PAGE: usize = 100;

fn resync() -> ThreadUpdate {
    ThreadUpdate { kind: ThreadUpdateKind::Resync, reply: None, thread: None, cursor: None }
}

fn reply_update(kind: ThreadUpdateKind, reply: Reply) -> ThreadUpdate {
    let cursor = Some(reply_cursor(&reply).encode_cursor());
    ThreadUpdate { kind, reply: Some(reply), thread: None, cursor }
}

/// One subscriber of a thread, with what she may see.
struct Reader {
    db: Db,
    auth: AuthService,
    viewer: AccessClaims,
    thread_id: Uuid,
    /// The members with a block either way with her, whose replies she is not sent.
    blocked: HashSet<Uuid>,
    /// Her selection's shape, when readers alike may share its rendering.
    shape: Option<Shape>,
    /// The last reply replayed to her from the database, not to be sent again live.
    replayed_up_to: Option<Cursor>,
}

impl Reader {
    /// Checks against the database that she may still read the thread, and re-reads
    /// who is blocked either way with her.
    async fn recheck(&mut self) -> Result<(), AppError> {
        self.auth.require_signed_in(self.viewer).await?;
        service::readable(&self.db, self.viewer.member_id, self.thread_id).await.map_err(|error| match error {
            AppError::NotFound => AppError::Forbidden,
            other => other,
        })?;
        self.blocked = members::blocked_with(&self.db, self.viewer.member_id).await?;
        Ok(())
    }

    async fn replay(&self, after: Cursor) -> Result<Vec<Reply>, AppError> {
        let page = Page { size: REPLAY_PAGE, after: Some(after), before: None, backward: false };
        let mut replies = store::page_replies(&self.db, self.viewer.member_id, self.thread_id, &page).await?;
        replies.truncate(REPLAY_PAGE);
        Ok(replies)
    }

    /// The update `event` (which came in `message`) stands for, or `None` when there is
    /// nothing to send.
    async fn update(
        &self,
        ThreadEvent { kind, reply_id }: ThreadEvent,
        message: &Delivery,
    ) -> Result<Option<LiveThreadUpdate>, AppError> {
        if kind == ThreadUpdateKind::Resync {
            return Ok(Some(LiveThreadUpdate::own(resync())));
        }
        let Some(reply_id) = reply_id else {
            // Flag changes are rare: the thread is read for each reader.
            let thread = Box::pin(service::readable(&self.db, self.viewer.member_id, self.thread_id)).await?;
            let update = ThreadUpdate { kind, reply: None, thread: Some(thread), cursor: None };
            return Ok(Some(LiveThreadUpdate::own(update)));
        };
        // Boxed: the load runs once per process, and unboxed it would sit in every
        // subscription's state, idle or not.
        let snapshot = match message.shared(|| Box::pin(ReplySnapshot::load(&self.db, reply_id))).await {
            Ok(snapshot) => snapshot,
            Err(error) => {
                // The stream goes on; the reader catches up from her cursor.
                tracing::warn!(error = %error.for_log(), "cannot read a reply for live readers");
                return Ok(Some(LiveThreadUpdate::own(resync())));
            }
        };
        let Some(snapshot) = snapshot.as_ref().as_ref().filter(|s| s.thread_id() == self.thread_id) else {
            return Ok(None);
        };
        let facts = snapshot.facts(self.viewer.member_id, &self.blocked, kind);
        let position = snapshot.position();
        let already_sent = kind == ThreadUpdateKind::ReplyPosted
            && self.replayed_up_to.is_some_and(|last| (position.at, position.id) <= (last.at, last.id));
        // Changes by members blocked either way with the viewer are not delivered to her.
        if already_sent || facts.hidden {
            return Ok(None);
        }
        Ok(Some(match &self.shape {
            Some(shape) => LiveThreadUpdate::Shared { snapshot: Arc::clone(snapshot), shape: Arc::clone(shape), facts },
            None => LiveThreadUpdate::own(snapshot.update_for(&facts)),
        }))
    }
}

impl Follower<ThreadEvent> for Reader {
    type Item = LiveThreadUpdate;

    async fn recheck(&mut self) -> Result<(), AppError> {
        Reader::recheck(self).await
    }

    async fn missed(&mut self) -> Result<Option<LiveThreadUpdate>, AppError> {
        Ok(Some(LiveThreadUpdate::own(resync())))
    }

    async fn message(
        &mut self,
        event: ThreadEvent,
        delivery: Arc<Delivery>,
    ) -> Result<Option<LiveThreadUpdate>, AppError> {
        self.update(event, &delivery).await
    }
}

#[derive(Default)]
pub struct ThreadSubscription;

#[Subscription]
impl ThreadSubscription {
    /// Changes to a thread as they happen; with `after` (a reply cursor), first the
    /// replies posted since then.
    async fn thread_updates(
        &self,
        ctx: &Context<'_>,
        thread_id: ID,
        after: Option<String>,
    ) -> Result<impl Stream<Item = Result<LiveThreadUpdate>> + use<>> {
        let Viewer::Member(viewer) = ctx.viewer()?.clone() else {
            return Err(AppError::Unauthenticated("sign in first").into());
        };
        let thread_id = parse_id("threadId", &thread_id)?;
        let after = after
            .map(|cursor| Cursor::decode_cursor(&cursor))
            .transpose()
            .map_err(|_| AppError::bad_input("after", "after is not a valid cursor"))?;
        let shape = render::shape_of(ctx);
        let (db, auth) = (ctx.db()?.clone(), data::<AuthService>(ctx)?.clone());
        let mut reader = Reader { db, auth, viewer, thread_id, blocked: HashSet::new(), shape, replayed_up_to: after };
        // Listening first, checking second: a revocation between the two is not missed.
        let bus = ctx.bus()?;
        let access = bus.subscribe(&member_topic(viewer.member_id)).await;
        let live = bus.subscribe(&topic(thread_id)).await;
        Box::pin(reader.recheck()).await.map_err(AppError::hidden_as_not_found)?;
        let expires_at = viewer.expiry();
        Ok(async_stream::stream! {
            while let Some(cursor) = reader.replayed_up_to {
                let replies = match Box::pin(reader.replay(cursor)).await {
                    Ok(replies) => replies,
                    Err(error) => { yield Err(error.into()); return; }
                };
                let full_page = replies.len() == REPLAY_PAGE;
                for reply in replies {
                    reader.replayed_up_to = Some(reply_cursor(&reply));
                    if !reply.hidden {
                        yield Ok(LiveThreadUpdate::own(reply_update(ThreadUpdateKind::ReplyPosted, reply)));
                    }
                }
                if !full_page {
                    break;
                }
            }
            let updates = follow(reader, live, Some(access), expires_at);
            futures_util::pin_mut!(updates);
            while let Some(update) = updates.next().await {
                yield update.map_err(Into::into);
            }
        })
    }
}
