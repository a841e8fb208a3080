//! Membership: the groups themselves and who belongs to which, in what role — and so who
//! may read, post in or moderate a group's content. Threads, events and notifications
//! ask here ([`readable`], [`require_member`], [`require_moderator`]) before they show or
//! change anything inside a group, and announce what happened in one with
//! [`announce_activity`]. The `groups` feature, above them all, changes memberships and
//! shows a group with its threads.

mod access;
mod live;
mod model;
pub(crate) mod store;

pub use store::mute;

pub use access::{
    MUTED, existing, join_request, member_ids, readable, readers_among, require_member, require_moderator,
    require_organiser, require_poster, require_unmuted, role_of,
};
pub use live::{GroupActivityKind, GroupEvent, announce_activity, topic};
pub use model::{Group, GroupMember, GroupRole, GroupVisibility, JoinPolicy, JoinRequest, JoinRequestStatus};
