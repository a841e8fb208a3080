//! Member safety: members report what hurts (a reply, a thread, an event, a message in
//! their own conversation, a member); the group's moderators — or, outside groups,
//! community admins — see the reports in a queue, grouped by what was reported, and act
//! on them: dismiss, remove the content, mute or remove the member in the group, or
//! (admins) suspend her. Every act is written to the moderation log. The reporter is
//! never shown to the member she reported.

mod jobs;
mod model;
mod schema;
mod service;
mod store;

pub use jobs::{HeldContent, Warnings};
pub use model::{ModerationSettings, ReportReason};
pub use schema::{ModerationMutation, ModerationQuery};
pub use service::{Filed, report};
