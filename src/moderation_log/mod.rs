//! The moderation log: an append-only record of what moderators and admins did — who,
//! to what, to whom, why and when. Each feature whose moderators act (threads, events,
//! groups, moderation) writes its entry here in the transaction of the act; nothing
//! edits or deletes an entry, and the database refuses to as well.

mod model;
mod store;

pub use model::{Act, LogAction, LogEntry, NewEntry, Target, TargetKind};
pub use store::{Scope, append, find, page};
