//! An entry of the moderation log, and what it can name.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::{Stored, StoredOption};

/// What a report or an action is about.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TargetKind {
    Reply,
    Thread,
    Event,
    Message,
    Member,
}

/// One thing a moderator acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: TargetKind,
    pub id: Uuid,
}

/// What a moderator or an admin did.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LogAction {
    /// Reports on something were dismissed: nothing to act on.
    DismissReports,
    RemoveReply,
    RemoveThread,
    RemoveMessage,
    CancelEvent,
    PinThread,
    UnpinThread,
    LockThread,
    UnlockThread,
    /// A member was stopped from posting in a group until a time.
    MuteInGroup,
    RemoveFromGroup,
    ChangeRole,
    /// A member was suspended from the community until a time.
    Suspend,
    /// A member was warned, with the moderator's words (the note).
    Warn,
    /// A moderator changed the sensitive topics of someone else's thread (the note
    /// lists them).
    SetThreadTopics,
    /// An owner let the group's members post anonymously.
    AllowAnonymousPosts,
    /// An owner stopped anonymous posting in the group (posts made so far stay anonymous).
    DisallowAnonymousPosts,
}

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub actor: Uuid,
    pub group_id: Option<Uuid>,
    pub action: LogAction,
    pub target: Option<Target>,
    /// The member the action was about (the author of removed content, the member muted).
    pub subject: Option<Uuid>,
    /// Why, in the moderator's words (empty when she gave none).
    pub note: &'a str,
    /// Until when a mute or a suspension holds.
    pub until: Option<DateTime<Utc>>,
}

/// Who acts as a moderator, in which group (none: as a community admin, outside
/// groups), and why.
#[derive(Debug, Clone, Copy)]
pub struct Act<'a> {
    pub actor: Uuid,
    pub group_id: Option<Uuid>,
    /// Why, in her words (empty when she gave none).
    pub note: &'a str,
}

impl<'a> Act<'a> {
    /// The log entry saying she did `action` to `target`, about member `subject`.
    pub fn entry(self, action: LogAction, target: Target, subject: Option<Uuid>) -> NewEntry<'a> {
        NewEntry {
            actor: self.actor,
            group_id: self.group_id,
            action,
            target: Some(target),
            subject,
            note: self.note,
            until: None,
        }
    }
}

/// An entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LogEntry {
    pub id: Uuid,
    pub actor_id: Uuid,
    pub group_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub action: Stored<LogAction>,
    #[sqlx(try_from = "Option<String>")]
    pub target_kind: StoredOption<TargetKind>,
    pub target_id: Option<Uuid>,
    pub subject_id: Option<Uuid>,
    pub note: String,
    pub until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}
