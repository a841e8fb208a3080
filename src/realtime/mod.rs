//! The realtime bus every feature publishes to after its writes commit and every live
//! subscription listens on, and the rhythm those subscriptions follow. Each feature
//! names its topics and the type of their messages; a member's own topic, which
//! several features share, is named here. The WebSocket transport that carries live
//! updates to phones lives in `http::websocket`.

mod bus;
pub mod handover;
mod live;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use bus::{Bus, Delivery, Heard, Listener, Topic};
pub use live::{Follower, SWEEP_EVERY, follow};

/// What a member's own topic carries: word that what she may read changed, and news
/// `N` of her notifications (its type is the notifications feature's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "news", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MemberEvent<N> {
    /// She signed out, left or lost a group or a role, blocked or was blocked: her live
    /// subscriptions check her access again.
    AccessChanged,
    Notification(N),
}

/// Her member topic as those who listen only for access changes read it.
pub type AccessSignals = MemberEvent<IgnoredAny>;

/// Member `member`'s own topic: quiet, and kept by each of her connections, so its
/// buffer is small.
pub fn member_topic<N>(member: Uuid) -> Topic<MemberEvent<N>> {
    Topic::new(format!("member:{member}"), 16)
}

/// One topic every instance listens to, naming each member whose access changed: what
/// caches of her sessions forget.
pub fn access_topic() -> Topic<Uuid> {
    Topic::new("access".to_owned(), 1024)
}

/// Tells `member`'s live subscriptions, on every instance, that what she may read
/// changed, so each checks again at once, and every instance's session cache that she
/// is to be looked up afresh. Call after the change committed.
pub async fn access_changed(bus: &Bus, member: Uuid) {
    bus.publish(&member_topic::<()>(member), &MemberEvent::AccessChanged).await;
    bus.publish(&access_topic(), &member).await;
}
