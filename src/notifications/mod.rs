//! Notifications: what a member is told about, in the app and live. Replies notify the
//! members they concern through the job queue (`jobs`); `notificationEvents` carries
//! each new entry and unread-count change to her open connections; `push` sends the
//! ones she wants pushed to her devices.

mod emails;
mod jobs;
mod model;
mod schema;
mod service;
mod settings;
mod store;
mod subscription;

pub use emails::{EmailNotifications, stop_emails};
pub use jobs::{Notify, recording};
pub use model::{Notification, NotificationKind};
pub use schema::{NotificationMutation, NotificationQuery};
pub use service::{Entries, mark_read, record};
pub use settings::keep_wanted;
pub use store::{ForPush, Marking, NewNotification, for_push, unread_count, unread_counts, unread_of_kind};
pub use subscription::{NotificationEvent, NotificationEventKind, NotificationSubscription, announce};
