//! A coffee chat as stored, and its proposed times.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::Stored;

/// Where a coffee chat stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CoffeeChatStatus {
    /// Times proposed; the awaited member answers.
    Proposed,
    /// One time accepted: it is on.
    Accepted,
    Declined,
    Cancelled,
}

/// A coffee chat as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatRow {
    pub id: Uuid,
    pub proposed_by: Uuid,
    pub proposed_to: Uuid,
    /// Who answers next (while proposed).
    pub awaiting: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub status: Stored<CoffeeChatStatus>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub note: String,
    /// The time accepted.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// How many times it changed (the calendar's SEQUENCE).
    pub sequence: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ChatRow {
    /// The member of the two who is not `member`.
    pub fn other_than(&self, member: Uuid) -> Uuid {
        if self.proposed_by == member { self.proposed_to } else { self.proposed_by }
    }

    /// Whether it is still ahead of them: proposed or accepted.
    pub fn open(&self) -> bool {
        matches!(self.status.0, CoffeeChatStatus::Proposed | CoffeeChatStatus::Accepted)
    }
}

/// One proposed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Slot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}
