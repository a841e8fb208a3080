//! Reports, the queue's items and the actions a moderator takes on them.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::{Stored, StoredOption};
use crate::moderation_log::TargetKind;

/// How the community's moderation is set up.
#[derive(Debug, Clone, Copy)]
pub struct ModerationSettings {
    /// Distinct members whose open reports hold a thread or a reply for review.
    pub reports_to_hold: i64,
}

/// Why a member reports something.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportReason {
    Spam,
    Harassment,
    Hate,
    SelfHarm,
    MedicalMisinformation,
    Privacy,
    Other,
}

/// Where a report stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportStatus {
    /// Waiting in the queue.
    #[default]
    Open,
    /// A moderator acted on it.
    Actioned,
    /// A moderator found nothing to act on.
    Dismissed,
}

/// What a moderator does about a reported thing.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ModerationAction {
    /// Nothing to act on: the reports close.
    Dismiss,
    /// Its author (or the member reported) is told, in the app and by push, with the
    /// moderator's words (`note`, required); the moderator is not named.
    Warn,
    /// The reply, thread or message loses its words ("removed by a moderator"); an event
    /// is cancelled.
    RemoveContent,
    /// Its author may not post in the group until `until`.
    MuteInGroup,
    /// Its author leaves the group.
    RemoveFromGroup,
    /// Community admins only: its author (or the member reported) is signed out
    /// everywhere and may not sign in until `until`.
    Suspend,
}

/// A report as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Report {
    pub id: Uuid,
    /// None once the reporter's account is gone.
    pub reporter_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub target_kind: Stored<TargetKind>,
    pub target_id: Uuid,
    pub subject_id: Uuid,
    pub group_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub reason: Stored<ReportReason>,
    pub note: String,
    #[sqlx(try_from = "String")]
    pub status: Stored<ReportStatus>,
    #[sqlx(try_from = "Option<String>")]
    pub action: StoredOption<ModerationAction>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// One thing in the queue: everything reported, with how many reports and the latest.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueueItem {
    #[sqlx(try_from = "String")]
    pub target_kind: Stored<TargetKind>,
    pub target_id: Uuid,
    pub subject_id: Uuid,
    pub group_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub status: Stored<ReportStatus>,
    pub report_count: i64,
    pub latest_at: DateTime<Utc>,
    /// The reason the queue was filtered by, if any (its reports are those).
    #[sqlx(skip)]
    pub reason: Option<ReportReason>,
}
