//! The realtime bus every feature publishes to after its writes commit and every live
//! subscription listens on, and the rhythm those subscriptions follow. The WebSocket
//! transport that carries them to phones lives in `http::websocket`.

mod bus;
mod live;

pub use bus::{Bus, Delivery, Listener, RESYNC, Topic};
pub use live::{Step, is_access_signal, steps};

/// The kind of the message that tells a member's subscriptions to check her access.
pub const ACCESS_CHANGED: &str = "ACCESS_CHANGED";

/// Tells `member`'s live subscriptions, on every instance, that what she may read
/// changed (she signed out, left or lost a group or a role, blocked or was blocked), so
/// each checks again at once. Call after the change committed.
pub async fn access_changed(bus: &Bus, member: uuid::Uuid) {
    bus.publish(&Topic::member(member), serde_json::json!({ "kind": ACCESS_CHANGED })).await;
}
