//! Threads, replies and reactions as the rest of the server uses them, and their rows.

use async_graphql::{Enum, SimpleObject};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::text_enum::StoredOption;
use crate::graphql::{Shareable, SharedField};
use crate::members::Member;

/// How an anonymous post's author is shown to those who may not know who she is.
pub const ANONYMOUS_AUTHOR: &str = "Anonymous member";

/// The small fixed set of reactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Reaction {
    Heart,
    Hug,
    Same,
    Celebrate,
    Laugh,
}

/// Topics members may shield themselves from: a thread touching one is left out of her
/// feed and group activity, shown collapsed in group lists, and named in no push or
/// email to her.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SensitiveTopic {
    PregnancyLoss,
    Fertility,
    BirthTrauma,
    PostpartumMentalHealth,
    ChildIllness,
}

impl SensitiveTopic {
    /// Every topic (so a list of them is bounded by this many).
    pub const ALL: [Self; 5] =
        [Self::PregnancyLoss, Self::Fertility, Self::BirthTrauma, Self::PostpartumMentalHealth, Self::ChildIllness];

    /// How it reads in a collapsed title.
    pub fn label(self) -> &'static str {
        match self {
            Self::PregnancyLoss => "pregnancy loss",
            Self::Fertility => "fertility",
            Self::BirthTrauma => "birth trauma",
            Self::PostpartumMentalHealth => "postpartum mental health",
            Self::ChildIllness => "child illness",
        }
    }
}

/// A thread's sensitive topics, stored as a comma list with commas around
/// (",FERTILITY,BIRTH_TRAUMA,") so one can be matched with LIKE.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topics(pub Vec<SensitiveTopic>);

impl Topics {
    /// Each of `topics` once, in the order of [`SensitiveTopic::ALL`].
    pub fn of(topics: &[SensitiveTopic]) -> Self {
        Self(SensitiveTopic::ALL.into_iter().filter(|topic| topics.contains(topic)).collect())
    }

    /// The stored comma list.
    pub fn stored(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        let names: Vec<String> = self.0.iter().map(|topic| crate::db::text_enum::to_text(*topic)).collect();
        format!(",{},", names.join(","))
    }
}

impl TryFrom<String> for Topics {
    type Error = anyhow::Error;

    fn try_from(text: String) -> anyhow::Result<Self> {
        let topics = text.split(',').filter(|name| !name.is_empty()).map(crate::db::text_enum::from_text);
        Ok(Self(topics.collect::<anyhow::Result<_>>()?))
    }
}

/// How a reply shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ReplyState {
    Visible,
    /// Deleted by its author: "reply deleted".
    Deleted,
    /// Removed by a moderator.
    Removed,
    /// Written by someone blocked either way with the viewer: a placeholder, not a gap.
    Hidden,
}

/// Thread lists' orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum ThreadOrder {
    /// Most recent reply first.
    #[default]
    Activity,
    /// Most recently started first.
    Newest,
}

/// A thread as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Thread {
    pub id: Uuid,
    pub group_id: Uuid,
    pub author_id: Uuid,
    /// Posted anonymously (see [`ANONYMOUS_AUTHOR`]).
    pub anonymous: bool,
    /// Posted anonymously and shown to a viewer who may not see its author: everyone but
    /// its author, the group's owners and moderators, and community admins.
    pub author_masked: bool,
    pub title: String,
    pub body: String,
    #[sqlx(try_from = "String")]
    pub tags: Tags,
    pub pinned: bool,
    pub locked: bool,
    /// A moderator removed its words (see `store::REMOVED_THREAD_TITLE`).
    pub removed_by_moderator: bool,
    /// Reported by enough members: hidden from all but its author and the group's
    /// moderators until a moderator resolves the reports.
    pub held_for_review: bool,
    #[sqlx(try_from = "String")]
    pub sensitive_topics: Topics,
    /// One of its topics the viewer shields herself from, if any (never for her own).
    #[sqlx(try_from = "Option<String>")]
    pub shielded_topic: StoredOption<SensitiveTopic>,
    /// Shown collapsed: shielded, in a list (opened by id, it shows whole).
    #[sqlx(skip)]
    pub collapsed: bool,
    pub reply_count: i64,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub last_activity_at: DateTime<Utc>,
    /// Whether the viewer follows it.
    pub viewer_follows: bool,
    /// Whether the viewer belongs to its group.
    pub viewer_is_member: bool,
    /// Whether the viewer and its author blocked each other, either way, or it is held
    /// for review from her.
    pub hidden: bool,
    /// Its author and reactions, and whether the viewer may read its group, when they
    /// were read along with it (a thread opened by id); otherwise resolvers load them.
    #[sqlx(skip)]
    pub preloaded: Option<Box<ThreadExtras>>,
}

/// What a thread opened by id is read with.
#[derive(Debug, Clone)]
pub struct ThreadExtras {
    pub author: Member,
    pub reactions: Vec<ReactionCount>,
    /// The group is public or the viewer belongs to it.
    pub group_readable: bool,
    /// The viewer owns or moderates the group, or is a community admin: she sees
    /// anonymous authors and what is held for review.
    pub viewer_sees_authors: bool,
}

/// A thread's tags, stored as a JSON list.
#[derive(Debug, Clone, Default)]
pub struct Tags(pub Vec<String>);

impl TryFrom<String> for Tags {
    type Error = serde_json::Error;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        serde_json::from_str(&text).map(Tags)
    }
}

/// A reply as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reply {
    pub id: Uuid,
    pub thread_id: Uuid,
    pub parent_reply_id: Option<Uuid>,
    pub author_id: Uuid,
    /// Posted anonymously (see [`ANONYMOUS_AUTHOR`]).
    pub anonymous: bool,
    /// Posted anonymously and shown to a viewer who may not see its author (see
    /// [`Thread::author_masked`]).
    pub author_masked: bool,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub deleted_by_moderator: bool,
    /// Reported by enough members: hidden from all but its author and the group's
    /// moderators until a moderator resolves the reports.
    pub held_for_review: bool,
    /// Whether the viewer and its author blocked each other, either way, or it is held
    /// for review from her.
    pub hidden: bool,
    /// Its author and reactions when they were loaded along with it (live updates);
    /// otherwise resolvers load them per request.
    #[sqlx(skip)]
    pub preloaded: Option<Box<ReplyExtras>>,
}

/// A reply's author and reactions as its viewer sees them.
#[derive(Debug, Clone)]
pub struct ReplyExtras {
    pub author: Member,
    pub reactions: Vec<ReactionCount>,
}

impl Reply {
    /// A reply just posted, as its author sees it.
    pub fn posted(
        id: Uuid,
        thread_id: Uuid,
        parent_reply_id: Option<Uuid>,
        author_id: Uuid,
        anonymous: bool,
        body: String,
        created_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            thread_id,
            parent_reply_id,
            author_id,
            anonymous,
            author_masked: false,
            body,
            created_at,
            edited_at: None,
            deleted_at: None,
            deleted_by_moderator: false,
            held_for_review: false,
            hidden: false,
            preloaded: None,
        }
    }

    /// How the reply shows to its viewer.
    pub fn shown_as(&self) -> ReplyState {
        match (self.deleted_at, self.deleted_by_moderator, self.hidden) {
            (Some(_), true, _) => ReplyState::Removed,
            (Some(_), false, _) => ReplyState::Deleted,
            (None, _, true) => ReplyState::Hidden,
            (None, _, false) => ReplyState::Visible,
        }
    }
}

/// How many members reacted one way, and whether the viewer is one of them.
#[derive(Debug, Clone, SimpleObject)]
pub struct ReactionCount {
    pub reaction: Reaction,
    pub count: i64,
    pub reacted_by_me: bool,
}

/// `reactedByMe` follows from the reactions among a shared rendering's facts.
impl Shareable for ReactionCount {
    const SHAREABLE_FIELDS: &'static [SharedField] = &[("reaction", None), ("count", None), ("reactedByMe", None)];
}
