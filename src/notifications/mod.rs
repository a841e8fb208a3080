//! Notifications: what a member is told about. For now her live stream,
//! `notificationEvents`; the in-app list, preferences and push delivery build on it.

mod subscription;

pub use subscription::{NotificationEvent, NotificationEventKind, NotificationSubscription, announce};
