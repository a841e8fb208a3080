//! What a group's topic carries, published by whoever changed something in a group
//! (threads, events, joins) once the change committed; `groupActivity` reads it.

use async_graphql::Enum;
use uuid::Uuid;

use crate::realtime::{Bus, Topic};

/// What happened in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GroupActivityKind {
    ThreadCreated,
    EventCreated,
    EventUpdated,
    EventCancelled,
    MemberJoined,
    /// Moderators only.
    JoinRequested,
    /// Updates were missed: re-read the group.
    Resync,
}

/// What a group's topic carries: what happened, and to what (a thread, event, member
/// or join request, by the kind).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct GroupEvent {
    pub kind: GroupActivityKind,
    pub id: Uuid,
}

/// A group's topic.
pub fn topic(group_id: Uuid) -> Topic<GroupEvent> {
    Topic::new(format!("group:{group_id}"), 64)
}

/// Tells `group_id`'s subscribers what happened to `subject`, after it committed.
pub async fn announce_activity(bus: &Bus, group_id: Uuid, kind: GroupActivityKind, subject: Uuid) {
    bus.publish(&topic(group_id), &GroupEvent { kind, id: subject }).await;
}
