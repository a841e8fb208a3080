//! Threads and replies: the conversations inside groups, with reactions, @mentions,
//! follows, pinning and locking.

mod hub;
mod jobs;
mod live;
mod loader;
mod mentions;
mod model;
mod reader;
mod render;
mod schema;
mod service;
mod snapshot;
mod store;
mod subscription;

pub use hub::ThreadHubs;
pub use jobs::CountReplies;
pub use loader::{ReactionDataLoader, ReactionLoader};
pub use model::{ANONYMOUS_AUTHOR, Reaction, Reply, SensitiveTopic, Thread, ThreadOrder};
pub use render::shareable_fields;
pub use schema::{ThreadMutation, ThreadQuery, ThreadRefInput, group_threads, pinned_threads};
pub use service::{
    CreateThread, PostReply, ReactionTarget, announce_hold, create as create_thread, lock_for_review, react, readable,
    readable_reply, remove_reply, remove_thread, reply, set_held,
};
pub use store::{ReplyAudience, reply_audience, unfollow_group};
pub use subscription::ThreadSubscription;
