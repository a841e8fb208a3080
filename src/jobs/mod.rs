//! Work owed once a write commits — today, notifying the members a reply concerns. The
//! write records the job in the outbox inside its own transaction, so a committed write
//! never loses its job and a rolled-back one never runs it. A worker claims due jobs,
//! runs each in one transaction with the job's removal (so the work is done exactly
//! once), retries a failing job with capped exponential backoff and jitter, and sets
//! one aside (dead-letters it) after `MAX_ATTEMPTS`. The outbox table is the queue.

mod store;
mod worker;

use serde::{Deserialize, Serialize};

pub use store::enqueue;
pub use worker::run;

/// What a job is about; its subject is the id of the row it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobKind {
    /// A reply was posted (subject: the reply).
    ReplyPosted,
}

/// Attempts before a job is set aside as dead.
pub const MAX_ATTEMPTS: i32 = 8;
