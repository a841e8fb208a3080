//! Email digests: a member who asks (`setDigest`) gets, daily or weekly at her local
//! hour, the busiest threads in her groups, her unread mentions, and upcoming events she
//! is going to or might like — only what she may read, nothing from members blocked
//! either way, and no email when there is nothing to say. Each digest is a job scheduled
//! through the queue, so it goes once across instances and survives restarts.

mod jobs;
mod schedule;
mod schema;
mod service;
mod store;

pub use jobs::Digests;
pub use schema::{DigestMutation, DigestQuery};
pub use store::stop as stop_digest;

/// What a digest's unsubscribe link names.
pub const UNSUBSCRIBE_SCOPE: &str = "digest";
