//! A job post and the words it is described and filtered by.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::{Stored, from_text, to_text};

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

/// A list of enums stored between commas (",A,B,"), so one can be matched with LIKE.
#[derive(Debug, Clone)]
pub struct StoredList<E>(pub Vec<E>);

impl<E: serde::de::DeserializeOwned> TryFrom<String> for StoredList<E> {
    type Error = anyhow::Error;

    fn try_from(text: String) -> anyhow::Result<Self> {
        text.split(',').filter(|item| !item.is_empty()).map(from_text).collect::<anyhow::Result<_>>().map(StoredList)
    }
}

/// `items` as stored: each between commas.
pub fn comma_list<E: Serialize + Copy>(items: &[E]) -> String {
    let texts: Vec<String> = items.iter().map(|item| to_text(*item)).collect();
    format!(",{},", texts.join(","))
}
