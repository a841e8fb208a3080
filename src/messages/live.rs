//! What a conversation's topic carries, published by the messages service once a
//! message committed.

use async_graphql::Enum;
use uuid::Uuid;

use crate::realtime::{Bus, Topic};

/// What happened in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConversationUpdateKind {
    MessageSent,
    /// Updates were missed (the client fell behind): subscribe again from your last cursor.
    Resync,
}

/// What a conversation's topic carries.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationEvent {
    pub kind: ConversationUpdateKind,
    pub message_id: Uuid,
}

/// A conversation's topic: a few members at most.
pub fn topic(conversation_id: Uuid) -> Topic<ConversationEvent> {
    Topic::new(format!("conversation:{conversation_id}"), 64)
}

/// Tells the members watching `conversation_id` of a new message, after it committed.
pub async fn announce(bus: &Bus, conversation_id: Uuid, message_id: Uuid) {
    let event = ConversationEvent { kind: ConversationUpdateKind::MessageSent, message_id };
    bus.publish(&topic(conversation_id), &event).await;
}
