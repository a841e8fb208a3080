//! Groups: where members talk. Public or private, open, by approval or by invitation,
//! with owners and moderators. Here members create, join, leave and run groups, and read
//! a group with its members and threads and follow what happens in it. The rows and the
//! access rules live one floor down, in `membership`, so threads and events can check
//! them without reaching back up here.

mod schema;
mod service;
mod subscription;

pub use schema::{GroupMutation, GroupQuery, GroupRefInput};
pub use service::{CreateGroup, create, depart, depart_everywhere, invite, join, mute_member, remove_member};
pub use subscription::GroupSubscription;
