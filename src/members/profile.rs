//! A member's profile: what she tells the community about herself, each personal field
//! with its own audience. A field hidden from the viewer reads as null, and directory
//! filters only match on fields the viewer may see.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::db::text_enum::from_text;
use crate::error::{AppError, AppResult};
use crate::text::{line_list, optional_body, required_line};

/// Where she is in work and family life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CareerStage {
    Expecting,
    OnLeave,
    Returning,
    Working,
    SelfEmployed,
    BetweenRoles,
}

/// What she is open to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OpenTo {
    CoffeeChats,
    Mentoring,
    Referrals,
    Playdates,
}

impl OpenTo {
    /// How many kinds there are: the longest list that makes sense.
    pub const COUNT: usize = 4;
}

/// Who sees a personal field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Visibility {
    /// Every signed-in member.
    Members,
    /// Members she is connected with.
    Connections,
    /// Nobody but her.
    OnlyMe,
}

/// The personal fields that have a visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ProfileField {
    Headline,
    Industry,
    City,
    Neighbourhood,
    CareerStage,
    ReturnToWorkDate,
    Children,
    Interests,
    OpenTo,
    Bio,
}

impl ProfileField {
    /// The column holding this field's visibility.
    pub fn visibility_column(self) -> &'static str {
        match self {
            Self::Headline => "headline_visibility",
            Self::Industry => "industry_visibility",
            Self::City => "city_visibility",
            Self::Neighbourhood => "neighbourhood_visibility",
            Self::CareerStage => "career_stage_visibility",
            Self::ReturnToWorkDate => "return_to_work_on_visibility",
            Self::Children => "children_visibility",
            Self::Interests => "interests_visibility",
            Self::OpenTo => "open_to_visibility",
            Self::Bio => "bio_visibility",
        }
    }
}

/// The profile columns of a member row.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Profile {
    pub headline: Option<String>,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub neighbourhood: Option<String>,
    pub career_stage: Option<String>,
    pub return_to_work_on: Option<NaiveDate>,
    pub interests: String,
    pub open_to: String,
    pub bio: Option<String>,
    pub avatar_url: Option<String>,
    pub timezone: Option<String>,
    pub headline_visibility: String,
    pub industry_visibility: String,
    pub city_visibility: String,
    pub neighbourhood_visibility: String,
    pub career_stage_visibility: String,
    pub return_to_work_on_visibility: String,
    pub children_visibility: String,
    pub interests_visibility: String,
    pub open_to_visibility: String,
    pub bio_visibility: String,
}

/// The profile columns, for SELECT lists (`m.` prefixed).
pub const PROFILE_COLUMNS: &str = "m.headline, m.industry, m.city, m.neighbourhood, m.career_stage, \
    m.return_to_work_on, m.interests, m.open_to, m.bio, m.avatar_url, m.timezone, m.headline_visibility, \
    m.industry_visibility, m.city_visibility, m.neighbourhood_visibility, m.career_stage_visibility, \
    m.return_to_work_on_visibility, m.children_visibility, m.interests_visibility, m.open_to_visibility, \
    m.bio_visibility";

impl super::Member {
    /// Whether someone other than her may see `field`, as the reader this row was read
    /// for (connected or not): what every use of her profile by others must check.
    pub fn shows_others(&self, field: ProfileField) -> bool {
        match self.profile.visibility(field) {
            Visibility::Members => true,
            Visibility::Connections => self.connected,
            Visibility::OnlyMe => false,
        }
    }
}

impl Profile {
    /// The stored visibility of `field` (MEMBERS if the row holds something unexpected).
    pub fn visibility(&self, field: ProfileField) -> Visibility {
        let stored = match field {
            ProfileField::Headline => &self.headline_visibility,
            ProfileField::Industry => &self.industry_visibility,
            ProfileField::City => &self.city_visibility,
            ProfileField::Neighbourhood => &self.neighbourhood_visibility,
            ProfileField::CareerStage => &self.career_stage_visibility,
            ProfileField::ReturnToWorkDate => &self.return_to_work_on_visibility,
            ProfileField::Children => &self.children_visibility,
            ProfileField::Interests => &self.interests_visibility,
            ProfileField::OpenTo => &self.open_to_visibility,
            ProfileField::Bio => &self.bio_visibility,
        };
        from_text(stored).unwrap_or(Visibility::OnlyMe)
    }

    /// Her interests.
    pub fn interests(&self) -> Vec<String> {
        serde_json::from_str(&self.interests).unwrap_or_default()
    }

    /// What she is open to.
    pub fn open_to(&self) -> Vec<OpenTo> {
        serde_json::from_str(&self.open_to).unwrap_or_default()
    }

    /// Her career stage.
    pub fn career_stage(&self) -> Option<CareerStage> {
        self.career_stage.as_deref().and_then(|stage| from_text(stage).ok())
    }
}

/// A child as she enters it: born in a year and month, or expected on a date.
#[derive(Debug, Clone, InputObject)]
pub struct ChildInput {
    pub born_year: Option<i32>,
    pub born_month: Option<u32>,
    pub due_date: Option<NaiveDate>,
}

/// A child as the profile shows it; ages are derived from the dates.
#[derive(Debug, Clone, SimpleObject, sqlx::FromRow)]
#[graphql(complex)]
pub struct Child {
    #[graphql(skip)]
    pub born_on: Option<NaiveDate>,
    /// When a child not yet born is due.
    #[graphql(name = "dueDate")]
    pub due_on: Option<NaiveDate>,
}

#[async_graphql::ComplexObject]
impl Child {
    async fn born_year(&self) -> Option<i32> {
        self.born_on.map(|d| d.year())
    }
    async fn born_month(&self) -> Option<u32> {
        self.born_on.map(|d| d.month())
    }
    /// Age in whole months today; null for a child not yet born.
    async fn age_months(&self) -> Option<i32> {
        self.months_old()
    }
}

impl Child {
    /// Her age in whole months today; `None` before she is born.
    pub fn months_old(&self) -> Option<i32> {
        let born = self.born_on?;
        let today = crate::clock::now().date_naive();
        let months = (today.year() - born.year()) * 12 + today.month() as i32 - born.month() as i32;
        Some(months.max(0))
    }
}

const MAX_CHILDREN: usize = 12;
/// How far ahead a due date can be.
const MAX_DUE_AHEAD: chrono::TimeDelta = chrono::TimeDelta::days(310);

/// Checks children entries: a real past month or a due date, not both.
pub fn valid_children(children: &[ChildInput], today: NaiveDate) -> AppResult<Vec<Child>> {
    if children.len() > MAX_CHILDREN {
        return Err(AppError::bad_input("children", format!("at most {MAX_CHILDREN} children")));
    }
    children
        .iter()
        .map(|child| match (child.born_year, child.born_month, child.due_date) {
            (Some(year), Some(month), None) => NaiveDate::from_ymd_opt(year, month, 1)
                .filter(|born| *born <= today && year > today.year() - 40)
                .map(|born| Child { born_on: Some(born), due_on: None })
                .ok_or_else(|| AppError::bad_input("children", "give a past birth year and month")),
            (None, None, Some(due)) if due >= today && due <= today + MAX_DUE_AHEAD => {
                Ok(Child { born_on: None, due_on: Some(due) })
            }
            _ => Err(AppError::bad_input("children", "give bornYear and bornMonth, or a dueDate within ten months")),
        })
        .collect()
}

/// A one-line profile field: blank clears it.
pub fn valid_line(field: &'static str, value: &str, max: usize) -> AppResult<Option<String>> {
    if value.trim().is_empty() { Ok(None) } else { required_line(field, value, max).map(Some) }
}

/// The bio: blank clears it.
pub fn valid_bio(value: &str) -> AppResult<Option<String>> {
    optional_body("bio", value, 2_000).map(|bio| Some(bio).filter(|b| !b.is_empty()))
}

/// Checks interests: up to 20 short tags.
pub fn valid_interests(value: &[String]) -> AppResult<Vec<String>> {
    line_list("interests", value, 20, 40)
}

/// The moment her return date stands for: 9:00 that day where she lives (her profile's
/// time zone; UTC without one), when a prompt about it is welcome.
pub fn return_moment(date: NaiveDate, timezone: Option<&str>) -> DateTime<Utc> {
    let nine = date.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    let zone = timezone.and_then(|zone| zone.parse::<chrono_tz::Tz>().ok()).unwrap_or(chrono_tz::UTC);
    zone.from_local_datetime(&nine).earliest().map_or_else(|| nine.and_utc(), |at| at.to_utc())
}
