//! Programs and enrolments as the rest of the server uses them, and their rows.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::{Stored, StoredOption};
use crate::members::CareerStage;

/// Where a member's enrolment stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EnrollmentStatus {
    /// She has a place: she is in the cohort and answered GOING to its sessions.
    Enrolled,
    /// The program is full; she moves up in arrival order when someone leaves.
    Waitlisted,
    Left,
    /// Its organisers took her place (or place in line) away: she may not enrol again.
    Removed,
}

/// A program as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Program {
    pub id: Uuid,
    /// The group it is offered in; none when it is for the whole community.
    pub group_id: Option<Uuid>,
    pub cohort_group_id: Uuid,
    pub created_by: Uuid,
    pub title: String,
    pub description: String,
    #[sqlx(try_from = "String")]
    pub life_stage: Stored<CareerStage>,
    pub capacity: i64,
    pub enrolled_count: i64,
    pub waitlist_count: i64,
    /// The first session's start and the last one's end, of those not cancelled.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Option<String>")]
    pub viewer_status: StoredOption<EnrollmentStatus>,
    /// Her place on the waitlist, counting from 1.
    pub viewer_position: Option<i64>,
}
