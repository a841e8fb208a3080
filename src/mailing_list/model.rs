//! What the mailing list is made of: interests, an audience, a newsletter as listed.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a subscriber wants to hear about.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Interest {
    Events,
    Programs,
    News,
}

/// Who a newsletter goes to: confirmed subscribers with any of `interests` (all of them
/// when empty), in `city` when given.
#[derive(InputObject, Debug, Clone, Default)]
pub struct AudienceInput {
    #[graphql(default)]
    pub interests: Vec<Interest>,
    pub city: Option<String>,
}

/// A newsletter as admins see it listed.
#[derive(SimpleObject, Debug, Clone)]
pub struct Newsletter {
    pub id: async_graphql::ID,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    /// Subscribers it has been sent to so far.
    pub recipients: i64,
    /// When the last of its audience got it; null while it is still going out.
    pub finished_at: Option<DateTime<Utc>>,
}
