//! What a thread's topic carries, published by the thread service once a change
//! committed, and the update a reader is sent for it.

use async_graphql::{Enum, SimpleObject};
use uuid::Uuid;

use super::model::{Reply, Thread};
use crate::graphql::relay::Cursor;
use crate::graphql::{Shareable, SharedField};
use crate::realtime::{Bus, Topic};

/// What changed in a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ThreadUpdateKind {
    ReplyPosted,
    ReplyEdited,
    ReplyDeleted,
    ReactionsChanged,
    /// Pinned, locked or edited.
    ThreadUpdated,
    /// Updates were missed (the client fell behind): fetch replies after your last cursor.
    Resync,
}

/// One change, with the reply or thread as the viewer now sees it.
#[derive(SimpleObject)]
pub struct ThreadUpdate {
    pub kind: ThreadUpdateKind,
    pub reply: Option<Reply>,
    pub thread: Option<Thread>,
    /// The position of `reply`, to resume from with `after`.
    pub cursor: Option<String>,
}

/// `thread` is null in every update whose rendering is shared (reply updates).
impl Shareable for ThreadUpdate {
    const SHAREABLE_FIELDS: &'static [SharedField] =
        &[("kind", None), ("cursor", None), ("thread", None), ("reply", Some("Reply"))];
}

/// What a thread's topic carries: what changed, and to which reply.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadEvent {
    pub kind: ThreadUpdateKind,
    pub reply_id: Option<Uuid>,
}

/// A thread's topic: busy, and shared by every reader of the thread.
pub fn topic(thread_id: Uuid) -> Topic<ThreadEvent> {
    Topic::new(format!("thread:{thread_id}"), 256)
}

/// Tells subscribers of `thread_id` what changed, after the change committed.
pub async fn announce(bus: &Bus, thread_id: Uuid, kind: ThreadUpdateKind, reply_id: Option<Uuid>) {
    bus.publish(&topic(thread_id), &ThreadEvent { kind, reply_id }).await;
}

/// Where `reply` sits in its thread.
pub fn reply_cursor(reply: &Reply) -> Cursor {
    Cursor { at: reply.created_at, id: reply.id }
}
