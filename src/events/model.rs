//! Events and RSVPs as the rest of the server uses them.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a member answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RsvpAnswer {
    Going,
    NotGoing,
}

/// Where her RSVP stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RsvpStatus {
    Going,
    /// The event is full; she moves up in arrival order when someone leaves.
    Waitlisted,
    NotGoing,
}

/// An event as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub id: Uuid,
    pub group_id: Uuid,
    pub created_by: Uuid,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub location: Option<String>,
    pub city: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub kids_welcome: bool,
    pub childcare_provided: bool,
    pub childcare_capacity: Option<i64>,
    pub cost_cents: i64,
    pub going_count: i64,
    pub childcare_taken: i64,
    pub waitlist_count: i64,
    pub sequence: i64,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The viewer's RSVP, as stored (`GOING`, `WAITLISTED`, `NOT_GOING`).
    pub viewer_status_text: Option<String>,
    pub viewer_kids: Option<i64>,
    /// Her place on the waitlist, counting from 1.
    pub viewer_position: Option<i64>,
    /// Whether the viewer and the organiser blocked each other, either way.
    pub organiser_hidden: bool,
}

impl Event {
    /// The viewer's RSVP status.
    pub fn viewer_status(&self) -> Option<RsvpStatus> {
        self.viewer_status_text.as_deref().and_then(|status| crate::db::text_enum::from_text(status).ok())
    }
}
