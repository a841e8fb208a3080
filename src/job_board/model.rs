//! A job post and the words it is described and filtered by.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::{Stored, StoredList};

/// Where the work is done.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Workplace {
    OnSite,
    Hybrid,
    Remote,
}

/// How the job is held.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Employment {
    FullTime,
    PartTime,
    Contract,
    Freelance,
}

/// What makes the job work for a parent.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Flexibility {
    FlexibleHours,
    PartTimeOk,
    JobShare,
    ParentalLeavePolicy,
    /// A programme for people coming back after a career break.
    Returnship,
}

/// Whether a job still takes applications.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobStatus {
    Open,
    /// Closed by its poster, or expired.
    Closed,
}

/// A job post as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobPost {
    pub id: Uuid,
    pub posted_by: Uuid,
    pub group_id: Option<Uuid>,
    pub title: String,
    pub company: String,
    pub location: String,
    #[sqlx(try_from = "String")]
    pub workplace: Stored<Workplace>,
    #[sqlx(try_from = "String")]
    pub employment: Stored<Employment>,
    #[sqlx(try_from = "String")]
    pub flexibility: StoredList<Flexibility>,
    pub industry: Option<String>,
    pub url: Option<String>,
    pub description: String,
    pub can_refer: bool,
    #[sqlx(try_from = "String")]
    pub status: Stored<JobStatus>,
    pub expires_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Whether the viewer saved it.
    pub saved: bool,
}
