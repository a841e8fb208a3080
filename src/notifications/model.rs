//! What a notification is: its kinds, ranked by how directly they concern her, and its
//! row as the list shows it.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why she is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NotificationKind {
    /// Someone replied in a thread she started.
    ReplyToMyThread,
    /// Someone answered her reply.
    ReplyToMyReply,
    /// Someone @mentioned her.
    Mention,
    /// Someone replied in a thread she follows.
    FollowedThreadActivity,
    /// A new event in one of her groups.
    NewEventInGroup,
    /// An event she is going to (or waiting for) changed.
    EventChanged,
    /// An event she is going to (or waiting for) was cancelled.
    EventCancelled,
    /// An event she is going to starts in a day, or in an hour.
    EventReminder,
    /// She moved from the waitlist to a seat.
    WaitlistPromoted,
    /// Someone asked to join a group she moderates.
    JoinRequest,
    /// Her request to join was approved.
    JoinApproved,
    /// A new message in a conversation in her inbox.
    NewMessage,
    /// Someone she is not connected with wrote to her: a message request.
    MessageRequest,
    /// Someone asks her for a referral for a job she posted.
    ReferralRequest,
    /// A job she posted closes in a few days.
    JobExpiring,
    /// Someone proposed a coffee chat to her, or new times for one.
    CoffeeChatProposed,
    /// Her coffee chat was accepted, declined or cancelled by the other member.
    CoffeeChatAccepted,
    CoffeeChatDeclined,
    CoffeeChatCancelled,
    /// Her coffee chat starts in a day, or in an hour.
    CoffeeChatReminder,
    /// A moderator warned her, about something she posted or how she behaved. Always
    /// in the app, pushed with a generic line; not a preference she can turn off.
    ModeratorWarning,
    /// Something in a group she moderates was reported by enough members that it is
    /// hidden until a moderator reviews it.
    ContentHeld,
    /// A place opened in a program she was waiting for: she is in.
    ProgramPlaceGiven,
    /// She is on leave and a program for those coming back starts before her return
    /// date (eight weeks before it, once).
    ProgramOffer,
    /// Her return-to-work date has come: is she back (career stage RETURNING)? Once.
    ReturnToWorkCheck,
    /// A survey asks for her answers (one of her groups', an event she went to once it
    /// is over, her program's).
    SurveyInvitation,
}

impl NotificationKind {
    /// The line a push or an email about a thread on a topic she shields herself from
    /// carries, whatever its kind.
    pub const SHIELDED_LINE: &'static str = "Something new on a topic you chose not to see";

    /// The line for this kind in a private group, where a lock screen or an inbox shows
    /// it: what happened, not what was said.
    pub fn private_line(self) -> &'static str {
        match self {
            Self::ReplyToMyThread | Self::ReplyToMyReply | Self::FollowedThreadActivity => {
                "New reply in a private group"
            }
            Self::Mention => "You were mentioned in a private group",
            Self::NewEventInGroup => "New event in a private group",
            Self::EventChanged | Self::EventCancelled => "An event in a private group has news",
            Self::EventReminder => "An event in a private group starts soon",
            Self::WaitlistPromoted => "You have a seat at an event in a private group",
            Self::JoinRequest => "New request to join a private group",
            Self::JoinApproved => "You were let into a private group",
            Self::NewMessage | Self::MessageRequest | Self::ReferralRequest => "New message",
            Self::JobExpiring => "A job you posted closes soon",
            Self::CoffeeChatProposed
            | Self::CoffeeChatAccepted
            | Self::CoffeeChatDeclined
            | Self::CoffeeChatCancelled
            | Self::CoffeeChatReminder => "Your coffee chat has news",
            Self::ModeratorWarning => "A message from the moderators",
            Self::ContentHeld => "Reported content waits for review",
            Self::ProgramPlaceGiven => "A place opened for you in a program",
            Self::ProgramOffer => "A program for coming back from leave",
            Self::ReturnToWorkCheck => "Your return-to-work date has come",
            Self::SurveyInvitation => "A survey asks for your feedback",
        }
    }

    /// How directly it concerns her: a reply that is several kinds at once for her
    /// notifies her once, as the highest.
    pub fn rank(self) -> i32 {
        match self {
            Self::FollowedThreadActivity => 1,
            Self::ReplyToMyThread => 2,
            Self::ReplyToMyReply => 3,
            Self::Mention => 4,
            // A request she accepted turns into her conversation's entry.
            Self::MessageRequest => 1,
            Self::NewMessage => 2,
            // Never share an entry with another kind.
            Self::NewEventInGroup
            | Self::EventChanged
            | Self::EventCancelled
            | Self::EventReminder
            | Self::WaitlistPromoted
            | Self::JoinRequest
            | Self::JoinApproved
            | Self::ReferralRequest
            | Self::JobExpiring
            | Self::CoffeeChatProposed
            | Self::CoffeeChatAccepted
            | Self::CoffeeChatDeclined
            | Self::CoffeeChatCancelled
            | Self::CoffeeChatReminder
            | Self::ModeratorWarning
            | Self::ContentHeld
            | Self::ProgramPlaceGiven
            | Self::ProgramOffer
            | Self::ReturnToWorkCheck
            | Self::SurveyInvitation => 0,
        }
    }
}

/// A notification as she sees it in her list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notification {
    pub id: Uuid,
    #[sqlx(try_from = "String")]
    pub kind: StoredKind,
    /// The group it happened in; none for direct messages.
    pub group_id: Option<Uuid>,
    pub group_name: Option<String>,
    /// Whether the group is private (pushes then keep its content off the lock screen).
    pub group_private: bool,
    pub thread_id: Option<Uuid>,
    pub reply_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub conversation_id: Option<Uuid>,
    /// The latest message it stands for.
    pub message_id: Option<Uuid>,
    pub job_post_id: Option<Uuid>,
    pub coffee_chat_id: Option<Uuid>,
    pub program_id: Option<Uuid>,
    pub survey_id: Option<Uuid>,
    /// The thread's, the event's, the job's, the program's or the survey's title.
    pub subject_title: Option<String>,
    /// When the event (or the coffee chat) starts, for its notifications.
    pub event_starts_at: Option<DateTime<Utc>>,
    /// A moderator's words, for a warning.
    pub moderator_note: Option<String>,
    /// About a thread on a topic she shields herself from: its title is not shown.
    pub shielded: bool,
    pub actor_id: Option<Uuid>,
    /// Its latest happening was an anonymous post: no actor is kept.
    pub actor_anonymous: bool,
    /// How many happenings the entry stands for (replies in a thread, requests, …).
    pub happenings: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A kind read back from its column.
#[derive(Debug, Clone, Copy)]
pub struct StoredKind(pub NotificationKind);

impl TryFrom<String> for StoredKind {
    type Error = anyhow::Error;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        crate::db::text_enum::from_text(&text).map(StoredKind)
    }
}

impl Notification {
    /// The line the app shows, e.g. "3 new replies in 'Pumping at work'", with `actor`
    /// as the name of who did the latest happening (when [`Self::names_actor`]).
    pub fn headline(&self, actor: &str) -> String {
        self.collapsed_line().unwrap_or_else(|| self.single_title(actor))
    }

    /// What it is about, as she may see it named: a thread on a topic she shields
    /// herself from is "a sensitive topic".
    fn subject(&self) -> Option<&str> {
        if self.shielded { Some("a sensitive topic") } else { self.subject_title.as_deref() }
    }

    /// Whether the headline names who did it.
    pub fn names_actor(&self) -> bool {
        self.collapsed_line().is_none()
    }

    /// The line for several happenings collapsed into one entry, for kinds that count.
    fn collapsed_line(&self) -> Option<String> {
        let subject = self.subject().or(self.group_name.as_deref()).unwrap_or_default();
        if self.happenings <= 1 {
            return None;
        }
        match self.kind.0 {
            NotificationKind::ReplyToMyThread
            | NotificationKind::ReplyToMyReply
            | NotificationKind::FollowedThreadActivity => {
                Some(format!("{} new replies in '{subject}'", self.happenings))
            }
            NotificationKind::JoinRequest => Some(format!("{} requests to join '{subject}'", self.happenings)),
            NotificationKind::NewMessage => Some(format!("{} new messages", self.happenings)),
            // The others say the same however often it happened.
            _ => None,
        }
    }

    /// "'Coffee' starts in about 24 hours", "… in 45 minutes".
    fn reminder_title(&self, subject: &str) -> String {
        let minutes = self.event_starts_at.map_or(0, |start| (start - self.created_at).num_minutes().max(0));
        if minutes >= 90 {
            format!("{subject} starts in about {} hours", (minutes + 30) / 60)
        } else {
            format!("{subject} starts in {minutes} minutes")
        }
    }

    /// The line for one happening, with `actor` as who did it.
    fn single_title(&self, actor: &str) -> String {
        let group = self.group_name.as_deref().unwrap_or_default();
        let subject = self.subject().unwrap_or(group);
        match self.kind.0 {
            NotificationKind::ReplyToMyThread => format!("{actor} replied to your thread '{subject}'"),
            NotificationKind::ReplyToMyReply => format!("{actor} answered your reply in '{subject}'"),
            NotificationKind::Mention => format!("{actor} mentioned you in '{subject}'"),
            NotificationKind::FollowedThreadActivity => format!("{actor} replied in '{subject}'"),
            NotificationKind::NewEventInGroup => format!("New event in '{group}': '{subject}'"),
            NotificationKind::EventChanged => format!("'{subject}' has changed"),
            NotificationKind::EventCancelled => format!("'{subject}' was cancelled"),
            NotificationKind::EventReminder => self.reminder_title(&format!("'{subject}'")),
            NotificationKind::WaitlistPromoted => format!("You have a seat at '{subject}'"),
            NotificationKind::JoinRequest => format!("{actor} asked to join '{group}'"),
            NotificationKind::JoinApproved => format!("Welcome to '{group}': your request was approved"),
            NotificationKind::NewMessage => format!("New message from {actor}"),
            NotificationKind::MessageRequest => format!("{actor} sent you a message request"),
            NotificationKind::ReferralRequest => format!("{actor} asked you for a referral for '{subject}'"),
            NotificationKind::JobExpiring => format!("Your job post '{subject}' closes in 3 days"),
            NotificationKind::CoffeeChatProposed => format!("{actor} proposed a coffee chat"),
            NotificationKind::CoffeeChatAccepted => format!("{actor} accepted your coffee chat"),
            NotificationKind::CoffeeChatDeclined => format!("{actor} declined your coffee chat"),
            NotificationKind::CoffeeChatCancelled => format!("{actor} cancelled your coffee chat"),
            NotificationKind::CoffeeChatReminder => self.reminder_title(&format!("Your coffee chat with {actor}")),
            NotificationKind::ContentHeld => {
                format!("Reported content in '{group}' is hidden until a moderator reviews it")
            }
            NotificationKind::ModeratorWarning => {
                format!("A moderator warned you: {}", self.moderator_note.as_deref().unwrap_or_default())
            }
            NotificationKind::ProgramPlaceGiven => format!("A place opened for you: you're in '{subject}'"),
            NotificationKind::ProgramOffer => format!("'{subject}' starts before you return to work: join the cohort?"),
            NotificationKind::SurveyInvitation => format!("Tell us what you think: '{subject}'"),
            NotificationKind::ReturnToWorkCheck => {
                "Your return-to-work date has come: are you back? Update your career stage to Returning".to_owned()
            }
        }
    }
}

/// A happening members may be told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    Reply,
    Event(EventNews),
    Join(JoinNews),
}

/// What happened to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventNews {
    Created,
    Changed,
    Cancelled,
    WaitlistPromoted,
    ReminderDay,
    ReminderHour,
}

/// What happened to a join request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinNews {
    Requested,
    Approved,
}
