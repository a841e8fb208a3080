//! Work owed once a write commits — notifying the members it concerns. The write
//! records the job in the outbox inside its own transaction, so a committed write never
//! loses its job and a rolled-back one never runs it. A worker claims due jobs and runs
//! each: a job's writes commit with its removal (so they happen exactly once), and a
//! push job, whose sends cannot be undone, records each push before sending it (so none
//! goes twice). A failing job is retried with capped exponential backoff and jitter, and
//! set aside (dead-lettered) after `MAX_ATTEMPTS`. Without Redis the outbox table is the
//! queue; with Redis a relay passes due jobs on to a Redis stream the workers read.
//! This module is only the queue: each feature owns the jobs it runs (its `jobs.rs`)
//! and registers a runner for their kinds in the [`Registry`] made at start.

mod hourly;
mod on_redis;
mod outbox;
mod overlap;
mod registry;
mod runner;
mod store;
mod stream;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use uuid::Uuid;

pub use outbox::run_due;
pub use registry::{AfterCommit, Ran, Registry, RegistryError, RunBatch, RunEach, RunFolded};
pub use runner::Worker;
pub use store::{QueueDepth, depth, enqueue, enqueue_all};
pub use stream::JobStream;

/// Runs due jobs until `stopping` turns true: from the Redis `stream` when there is
/// one, else straight from the outbox.
pub async fn run(worker: Worker, stream: Option<JobStream>, stopping: watch::Receiver<bool>) {
    if let Err(error) = hourly::make_sure_scheduled(&worker.db).await {
        tracing::warn!(%error, "cannot schedule the hourly jobs; another worker may");
    }
    match stream {
        None => outbox::work(worker, stopping).await,
        Some(stream) => on_redis::work(worker, stream, stopping).await,
    }
}

/// What happened; the job's subject is the row it happened to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobKind {
    /// A reply was posted (subject: the reply): who is told.
    ReplyPosted,
    /// A reply was posted (subject: the reply): its thread counts it and moves up.
    ThreadActivity,
    /// An event was created, changed or cancelled (subject: the event).
    EventCreated,
    EventChanged,
    EventCancelled,
    /// A member moved from the waitlist to a seat (subject: the event; target: her).
    WaitlistPromoted,
    /// A place opened in a program and went to the first in line (subject: the
    /// program; target: her).
    ProgramPlaceGiven,
    /// Eight weeks before a member on leave returns, offer her a program for coming
    /// back; on the date, ask whether she is back (subject: her; scheduled for: the
    /// return date — a date she changed since makes it do nothing).
    ReturnToWorkOffer,
    ReturnDateReached,
    /// A survey opened (subject: the survey; scheduled for: when it opens): its
    /// audience is asked to answer.
    SurveyOpened,
    /// A member asked to join, or was let in (subject: the join request).
    JoinRequested,
    JoinApproved,
    /// Reminders a day and an hour before an event starts (subject: the event;
    /// scheduled for: the start they remind of — a moved event's old ones do nothing).
    EventReminderDay,
    EventReminderHour,
    /// A direct message was sent (subject: the message).
    MessageSent,
    /// A job post closes in a few days, or now (subject: the job post; scheduled for:
    /// the expiry they are about — an expiry moved since makes them do nothing).
    JobPostExpiring,
    JobPostExpired,
    /// A coffee chat was proposed (or new times were), accepted, declined or cancelled
    /// (subject: the chat; actor: who did it; target: the other member).
    CoffeeChatProposed,
    CoffeeChatAccepted,
    CoffeeChatDeclined,
    CoffeeChatCancelled,
    /// Reminders a day and an hour before an accepted chat (subject: the chat;
    /// scheduled for: its start — a moved or cancelled chat's old ones do nothing).
    CoffeeChatReminderDay,
    CoffeeChatReminderHour,
    /// Someone asked to reset the password of an address (subject: the request): the
    /// link goes out if the address is a member's.
    PasswordResetRequested,
    /// Send a queued email (subject: the message).
    SendEmail,
    /// A member asked for everything Village holds about her (subject: the export).
    DataExportRequested,
    /// A moderator warned a member (subject: the moderation log entry of it): she is told.
    ModeratorWarning,
    /// Enough members reported a thread or a reply that it is held for review (subject:
    /// the report that tipped it): the group's moderators are told.
    ContentHeld,
    /// Email her a notification (subject: the notification; target: her).
    EmailNotification,
    /// Her email digest is due (subject: her; scheduled for: when — a digest she
    /// rescheduled or turned off since makes it do nothing).
    DigestDue,
    /// Send a newsletter to the next subscribers owed it (subject: the newsletter;
    /// scheduled for: the minute it is this run's).
    NewsletterSend,
    /// Push a notification to her devices (subject: the notification; target: her).
    PushNotification,
    /// Her quiet hours ended: push what was held (subject: her; scheduled for: the end).
    PushRelease,
    /// Hourly clean-up of ended sessions and old sign-in attempts (subject: nil).
    Housekeeping,
    /// Hourly clean-up of the records of pushes sent long ago (subject: nil).
    PushHousekeeping,
    /// Hourly clean-up of the records of emails sent long ago (subject: nil).
    EmailHousekeeping,
    /// Hourly clean-up of data exports that ran out (subject: nil).
    AccountsHousekeeping,
    /// Hourly clean-up of mailing-list subscriptions never confirmed (subject: nil).
    MailingListHousekeeping,
}

impl JobKind {
    /// Every kind, each of which some feature runs.
    pub const ALL: [Self; 38] = [
        Self::ReplyPosted,
        Self::ThreadActivity,
        Self::EventCreated,
        Self::EventChanged,
        Self::EventCancelled,
        Self::WaitlistPromoted,
        Self::ProgramPlaceGiven,
        Self::ReturnToWorkOffer,
        Self::ReturnDateReached,
        Self::SurveyOpened,
        Self::JoinRequested,
        Self::JoinApproved,
        Self::EventReminderDay,
        Self::EventReminderHour,
        Self::MessageSent,
        Self::JobPostExpiring,
        Self::JobPostExpired,
        Self::CoffeeChatProposed,
        Self::CoffeeChatAccepted,
        Self::CoffeeChatDeclined,
        Self::CoffeeChatCancelled,
        Self::CoffeeChatReminderDay,
        Self::CoffeeChatReminderHour,
        Self::PasswordResetRequested,
        Self::SendEmail,
        Self::DataExportRequested,
        Self::ModeratorWarning,
        Self::ContentHeld,
        Self::EmailNotification,
        Self::NewsletterSend,
        Self::DigestDue,
        Self::PushNotification,
        Self::PushRelease,
        Self::Housekeeping,
        Self::PushHousekeeping,
        Self::EmailHousekeeping,
        Self::AccountsHousekeeping,
        Self::MailingListHousekeeping,
    ];
    /// The kinds that run every hour, each run scheduling the next.
    pub const HOURLY: [Self; 5] = [
        Self::Housekeeping,
        Self::PushHousekeeping,
        Self::EmailHousekeeping,
        Self::AccountsHousekeeping,
        Self::MailingListHousekeeping,
    ];

    /// Whether it runs every hour.
    pub fn is_hourly(self) -> bool {
        Self::HOURLY.contains(&self)
    }
}

/// One job to record.
#[derive(Debug, Clone, Copy)]
pub struct NewJob {
    pub kind: JobKind,
    pub subject: Uuid,
    /// The one member it is for, when it is for one.
    pub target: Option<Uuid>,
    /// Who did it, when someone did.
    pub actor: Option<Uuid>,
    /// For scheduled work: when to run it, and the time it is about.
    pub schedule: Option<Schedule>,
}

/// When scheduled work runs and what time it is about.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub run_at: DateTime<Utc>,
    pub about: DateTime<Utc>,
}

impl NewJob {
    /// `kind` happened to `subject`, done by `actor`.
    pub fn new(kind: JobKind, subject: Uuid, actor: Uuid) -> Self {
        Self { actor: Some(actor), ..Self::system(kind, subject) }
    }

    /// `kind` happened to `subject` with no one doing it (a freed seat, a reminder).
    pub fn system(kind: JobKind, subject: Uuid) -> Self {
        Self { kind, subject, target: None, actor: None, schedule: None }
    }

    /// Work `kind` on `subject` due at `at` and about that time (recorded once).
    pub fn due_at(kind: JobKind, subject: Uuid, at: DateTime<Utc>) -> Self {
        Self { schedule: Some(Schedule { run_at: at, about: at }), ..Self::system(kind, subject) }
    }
}

/// A job as the worker runs it.
#[derive(Debug, Clone, Copy)]
pub struct JobSpec {
    pub kind: JobKind,
    pub subject: Uuid,
    pub target: Option<Uuid>,
    pub actor: Option<Uuid>,
    /// For scheduled work, the time it is about.
    pub scheduled_for: Option<DateTime<Utc>>,
}

/// A failure that says when to try again: no sooner than `at` (a push service's
/// `Retry-After`, a paused service).
#[derive(Debug, thiserror::Error)]
#[error("{reason}; retry no sooner than {at}")]
pub struct RetryNotBefore {
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// Attempts before a job is set aside as dead.
pub const MAX_ATTEMPTS: i32 = 8;
