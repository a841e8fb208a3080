//! Groups: where members talk. Public or private, open, by approval or by invitation,
//! with owners and moderators. Other features go through [`readable`],
//! [`require_member`] and [`require_moderator`] before touching anything inside a group,
//! and announce what happened in one with [`announce_activity`].

mod live;
mod model;
mod schema;
mod service;
mod store;
mod subscription;

pub use live::{GroupActivityKind, announce_activity};
pub use model::{Group, GroupRole, GroupVisibility, JoinPolicy};
pub use schema::{GroupMutation, GroupQuery, GroupRefInput};
pub use service::{
    CreateGroup, create, invite, join, join_request, member_ids, readable, readers_among, require_member,
    require_moderator,
};
pub use subscription::GroupSubscription;
