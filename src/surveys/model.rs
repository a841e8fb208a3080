//! Surveys, their questions and answers as the rest of the server uses them, and their
//! rows.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::Stored;

/// What a question asks for.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[graphql(name = "SurveyQuestionKind")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QuestionKind {
    Text,
    SingleChoice,
    MultiChoice,
    /// 1 (lowest) to 5.
    #[graphql(name = "SCALE_1_5")]
    #[serde(rename = "SCALE_1_5")]
    Scale1To5,
}

impl QuestionKind {
    /// Whether she picks among options.
    pub fn has_options(self) -> bool {
        matches!(self, Self::SingleChoice | Self::MultiChoice)
    }
}

/// What results can be broken down by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "SurveyBreakdown")]
pub enum Breakdown {
    /// Her career stage when she answered.
    CareerStage,
    /// Her city when she answered.
    City,
}

/// A survey as the server reads it (who may see it is decided before).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Survey {
    pub id: Uuid,
    pub created_by: Uuid,
    pub title: String,
    pub intro: String,
    pub group_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub program_id: Option<Uuid>,
    pub anonymous: bool,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// How many answered.
    pub response_count: i64,
    /// Whether the viewer answered.
    pub viewer_answered: bool,
}

impl Survey {
    /// Whether answers are taken at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.opens_at <= now && now < self.closes_at
    }
}

/// One question.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Question {
    pub id: Uuid,
    pub survey_id: Uuid,
    pub position: i64,
    #[sqlx(try_from = "String")]
    pub kind: Stored<QuestionKind>,
    pub prompt: String,
    #[sqlx(try_from = "String")]
    pub options: Options,
    pub required: bool,
}

/// A question's choices, stored as a JSON array.
#[derive(Debug, Clone, Default)]
pub struct Options(pub Vec<String>);

impl TryFrom<String> for Options {
    type Error = serde_json::Error;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        serde_json::from_str(&text).map(Options)
    }
}

/// One answer to one question: the text, the chosen options' positions, or the scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Choices(Vec<usize>),
    Scale(i64),
}
