//! A conversation as one of its members sees it, and a message.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::from_text;

/// Where a conversation stands for one of its members.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Standing {
    /// In her inbox: she started it, is connected with who did, or accepted it.
    Inbox,
    /// Waiting in her message requests: someone she is not connected with wrote.
    Requested,
    /// She declined the request: hidden from her, and its sender is not told.
    Declined,
    /// She left: hidden from her, and she can no longer write in it.
    Left,
}

impl TryFrom<String> for Standing {
    type Error = anyhow::Error;

    fn try_from(text: String) -> anyhow::Result<Self> {
        from_text(&text)
    }
}

impl Standing {
    /// Whether she can open it (her inbox and her requests).
    pub fn visible(self) -> bool {
        matches!(self, Self::Inbox | Self::Requested)
    }
}

/// A conversation as the viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConversationRow {
    pub id: Uuid,
    pub started_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub standing: Standing,
    pub muted_until: Option<DateTime<Utc>>,
    /// Messages by others since she last read it.
    pub unread_count: i64,
}

/// One message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    /// The job it asks a referral for, if it does.
    pub job_post_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// A community admin removed its words after it was reported.
    pub removed_by_moderator: bool,
}
