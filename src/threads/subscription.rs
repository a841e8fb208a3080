//! `threadUpdates`: a thread's replies, edits, deletions, reactions and flag changes as
//! they happen. With `after`, the replies since that cursor are replayed from the
//! database first; the bus is subscribed before the replay, and replayed replies are not
//! sent twice; replies by members with a block either way with the viewer are left out.
//! Her right to read is checked when she subscribes, whenever an access signal for her
//! arrives (removed, blocked, signed out) and every sweep; her token's expiry ends the
//! stream. Each reply is read once per process for all its subscribers
//! (`ReplySnapshot`). Over WebSocket, a selection readers alike can share is handed over
//! to the thread's hub once replayed (`hub`); any other runs here to the end.

use std::collections::HashSet;

use async_graphql::connection::CursorType;
use async_graphql::parser::types::Selection;
use async_graphql::{Context, ID, Result, Subscription};
use futures_util::{Stream, StreamExt};

use super::hub::{ThreadHubs, Ticket};
use super::live::{ThreadEvent, ThreadUpdateKind, reply_cursor, topic};
use super::reader::{REPLAY_PAGE, Reader, reply_update};
use super::render::{self, LiveThreadUpdate, Renderer};
use crate::auth::AuthService;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::graphql::ids::parse_id;
use crate::graphql::relay::Cursor;
use crate::realtime::handover::HandOver;
use crate::realtime::{AccessSignals, Listener, follow, member_topic};
use crate::viewer::Viewer;

/// Who serves her live updates once she is replayed.
enum Follow {
    /// The thread's hub, once her connection starts her.
    Hub { hand_over: HandOver, ticket: Ticket, renderer: Box<Renderer> },
    /// Her subscription's own stream, listening to the thread and to her signals.
    Here { live: Listener<ThreadEvent>, access: Listener<AccessSignals> },
}

/// Who will serve her, listening (or holding a place at the hub) before her access is
/// checked, so that a revocation between the two is not missed.
async fn follow_from(ctx: &Context<'_>, reader: &Reader) -> Result<Follow> {
    // An operation is handed over whole: only one that is this field alone.
    let root = &ctx.query_env.operation.node.selection_set.node.items;
    let alone = matches!(root.as_slice(), [only] if matches!(only.node, Selection::Field(_)));
    let hand_over = ctx.data_opt::<HandOver>().filter(|_| alone && reader.shape.is_some());
    if let Some((hand_over, key)) = hand_over.zip(render::selection_key(ctx)) {
        let ticket = data::<ThreadHubs>(ctx)?.join(reader.thread_id).await;
        let renderer = Box::new(Renderer::of(ctx, key));
        return Ok(Follow::Hub { hand_over: hand_over.clone(), ticket, renderer });
    }
    let bus = ctx.bus()?;
    let access = bus.subscribe(&member_topic(reader.viewer.member_id)).await;
    let live = bus.subscribe(&topic(reader.thread_id)).await;
    Ok(Follow::Here { live, access })
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
        let mut reader = Reader {
            db,
            auth,
            viewer,
            thread_id,
            blocked: HashSet::new(),
            sees_authors: false,
            shape,
            replayed_up_to: after,
        };
        let follow_with = follow_from(ctx, &reader).await?;
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
            match follow_with {
                Follow::Hub { hand_over, ticket, renderer } => {
                    hand_over.offer(ticket.hand_over(reader, *renderer));
                }
                Follow::Here { live, access } => {
                    let updates = follow(reader, live, Some(access), expires_at);
                    futures_util::pin_mut!(updates);
                    while let Some(update) = updates.next().await {
                        yield update.map_err(Into::into);
                    }
                }
            }
        })
    }
}
