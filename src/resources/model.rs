//! Library resources and members' suggestions as the rest of the server uses them, and
//! their rows.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::{Stored, StoredList};
use crate::members::CareerStage;

/// What a resource is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResourceKind {
    Guide,
    Article,
    Template,
    Video,
    Link,
}

/// The ages of children a resource speaks to.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChildAge {
    /// Under 1.
    Baby,
    /// 1 and 2.
    Toddler,
    /// 3 to 5.
    Preschool,
    /// 6 to 12.
    SchoolAge,
    /// 13 to 17.
    Teen,
}

impl ChildAge {
    /// The band a child of `months` falls in; none from 18 on.
    pub fn of_months(months: i32) -> Option<Self> {
        match months {
            ..12 => Some(Self::Baby),
            12..36 => Some(Self::Toddler),
            36..72 => Some(Self::Preschool),
            72..156 => Some(Self::SchoolAge),
            156..216 => Some(Self::Teen),
            _ => None,
        }
    }
}

/// Where a member's suggestion stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResourceSuggestionStatus {
    /// Waiting for an admin.
    Open,
    /// An admin took it up.
    Accepted,
    Dismissed,
}

/// Free topics stored folded between commas (",pumping,daycare,").
#[derive(Debug, Clone, Default)]
pub struct TopicList(pub Vec<String>);

impl TopicList {
    /// The stored form.
    pub fn stored(topics: &[String]) -> String {
        format!(",{},", topics.join(","))
    }
}

impl From<String> for TopicList {
    fn from(text: String) -> Self {
        Self(text.split(',').filter(|topic| !topic.is_empty()).map(str::to_owned).collect())
    }
}

/// A published resource as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Resource {
    pub id: Uuid,
    pub group_id: Option<Uuid>,
    pub published_by: Uuid,
    pub title: String,
    pub summary: String,
    /// Plain text with simple markdown; empty for a link.
    pub body: String,
    pub url: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: Stored<ResourceKind>,
    #[sqlx(try_from = "String")]
    pub topics: TopicList,
    #[sqlx(try_from = "String")]
    pub life_stages: StoredList<CareerStage>,
    #[sqlx(try_from = "String")]
    pub child_ages: StoredList<ChildAge>,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who last edited it, if anyone did.
    pub edited_by: Option<Uuid>,
    /// Whether the viewer bookmarked it.
    pub bookmarked: bool,
}

/// A member's suggestion for the library.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResourceSuggestion {
    pub id: Uuid,
    pub member_id: Uuid,
    pub url: String,
    pub note: String,
    #[sqlx(try_from = "String")]
    pub status: Stored<ResourceSuggestionStatus>,
    pub created_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::ChildAge;

    #[test]
    fn children_fall_in_bands_by_age_in_months() {
        let bands: Vec<Option<ChildAge>> =
            [0, 11, 12, 35, 36, 71, 72, 155, 156, 215, 216].map(ChildAge::of_months).into();
        assert_eq!(
            bands,
            [
                Some(ChildAge::Baby),
                Some(ChildAge::Baby),
                Some(ChildAge::Toddler),
                Some(ChildAge::Toddler),
                Some(ChildAge::Preschool),
                Some(ChildAge::Preschool),
                Some(ChildAge::SchoolAge),
                Some(ChildAge::SchoolAge),
                Some(ChildAge::Teen),
                Some(ChildAge::Teen),
                None
            ]
        );
    }
}
