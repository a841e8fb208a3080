//! The group types as the rest of the server uses them, and the rows they are read from.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::from_text;

/// Who can see a group's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GroupVisibility {
    /// Every signed-in member can read it; members post.
    Public,
    /// Name and description are visible so people can ask to join; the rest is for members.
    Private,
}

/// How one becomes a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JoinPolicy {
    /// Joining is immediate.
    Open,
    /// Joining files a request that a moderator answers.
    Approval,
    /// Only invited members can join.
    InviteOnly,
}

/// A member's role in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GroupRole {
    Owner,
    Moderator,
    Member,
}

impl GroupRole {
    /// Owners and moderators keep the group running.
    pub fn moderates(self) -> bool {
        matches!(self, Self::Owner | Self::Moderator)
    }

    /// Whether a moderator with this role may act on a member with role `other` (remove,
    /// mute, or act on reports about her): members, yes; moderators, owners only;
    /// owners, never (community admins only).
    pub fn outranks(self, other: GroupRole) -> bool {
        match other {
            Self::Owner => false,
            Self::Moderator => self == Self::Owner,
            Self::Member => self.moderates(),
        }
    }
}

/// Where a request to join stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JoinRequestStatus {
    Pending,
    Approved,
    Declined,
}

/// A group as one viewer sees it.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub visibility: GroupVisibility,
    pub join_policy: JoinPolicy,
    pub join_questions: Vec<String>,
    pub member_count: i64,
    /// Members may post threads and replies as "Anonymous member".
    pub allow_anonymous_posts: bool,
    pub created_at: DateTime<Utc>,
    /// The viewer's role; `None` when she is not a member.
    pub viewer_role: Option<GroupRole>,
}

impl Group {
    /// Whether the viewer may read the group's threads, events and member list.
    pub fn readable(&self) -> bool {
        self.visibility == GroupVisibility::Public || self.viewer_role.is_some()
    }
}

/// One membership.
#[derive(Debug, Clone)]
pub struct GroupMember {
    pub member_id: Uuid,
    pub role: GroupRole,
    pub joined_at: DateTime<Utc>,
}

/// A request to join a group.
#[derive(Debug, Clone)]
pub struct JoinRequest {
    pub id: Uuid,
    pub group_id: Uuid,
    pub member_id: Uuid,
    pub answers: Vec<String>,
    pub status: JoinRequestStatus,
    pub created_at: DateTime<Utc>,
}

fn json_list(text: &str) -> anyhow::Result<Vec<String>> {
    Ok(serde_json::from_str(text)?)
}

#[derive(sqlx::FromRow)]
pub(super) struct GroupRow {
    id: Uuid,
    name: String,
    description: String,
    visibility: String,
    join_policy: String,
    join_questions: String,
    member_count: i64,
    allow_anonymous_posts: bool,
    created_at: DateTime<Utc>,
    viewer_role: Option<String>,
}

impl TryFrom<GroupRow> for Group {
    type Error = anyhow::Error;

    fn try_from(row: GroupRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            name: row.name,
            description: row.description,
            visibility: from_text(&row.visibility)?,
            join_policy: from_text(&row.join_policy)?,
            join_questions: json_list(&row.join_questions)?,
            member_count: row.member_count,
            allow_anonymous_posts: row.allow_anonymous_posts,
            created_at: row.created_at,
            viewer_role: row.viewer_role.as_deref().map(from_text).transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct GroupMemberRow {
    member_id: Uuid,
    role: String,
    joined_at: DateTime<Utc>,
}

impl TryFrom<GroupMemberRow> for GroupMember {
    type Error = anyhow::Error;

    fn try_from(row: GroupMemberRow) -> anyhow::Result<Self> {
        Ok(Self { member_id: row.member_id, role: from_text(&row.role)?, joined_at: row.joined_at })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct JoinRequestRow {
    id: Uuid,
    group_id: Uuid,
    member_id: Uuid,
    answers: String,
    status: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<JoinRequestRow> for JoinRequest {
    type Error = anyhow::Error;

    fn try_from(row: JoinRequestRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            group_id: row.group_id,
            member_id: row.member_id,
            answers: json_list(&row.answers)?,
            status: from_text(&row.status)?,
            created_at: row.created_at,
        })
    }
}
