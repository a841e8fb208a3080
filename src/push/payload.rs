//! What a push carries: JSON the app shows on the lock screen — a title, a line, where a
//! tap goes, what it is about and the badge count — kept under 3 KiB (push services
//! take about 4 KiB, encryption adds some). Content from a private group never reaches
//! the lock screen: its line is generic, and the app fetches the rest once unlocked. A
//! direct message says who wrote ("New message from Ana"), its text only when she
//! chose to see it there.

use serde::Serialize;
use uuid::Uuid;

use crate::notifications::{ForPush, Notification, NotificationKind};

/// The most a payload may take, in bytes of JSON.
pub const MAX_BYTES: usize = 3 * 1024;
const TITLE: &str = "Village";
/// The most of a message's text a push shows (native services refuse long payloads).
const PREVIEW_CHARS: usize = 200;

/// One push's content.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    pub title: String,
    pub body: String,
    /// The app's path a tap opens.
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<Uuid>,
    /// Her unread count, for the app icon.
    pub badge: i64,
}

impl Payload {
    /// The push for `found`, her unread count being `badge`.
    pub fn for_notification(found: &ForPush, badge: i64) -> Self {
        let notification = &found.notification;
        let actor = found.actor_name.as_deref().unwrap_or_default();
        // Only from a conversation she accepted: a stranger's text stays off her screen.
        let body = match &found.message_preview {
            Some(text) if notification.happenings <= 1 && notification.kind.0 == NotificationKind::NewMessage => {
                format!("{actor}: {}", cut(text, PREVIEW_CHARS))
            }
            _ if notification.shielded => NotificationKind::SHIELDED_LINE.to_owned(),
            // A warning's words stay off the lock screen wherever it happened.
            _ if notification.group_private || notification.kind.0 == NotificationKind::ModeratorWarning => {
                notification.kind.0.private_line().to_owned()
            }
            _ => notification.headline(actor),
        };
        Self {
            title: TITLE.to_owned(),
            body,
            url: app_path(notification),
            notification_id: Some(notification.id),
            thread_id: notification.thread_id,
            event_id: notification.event_id,
            conversation_id: notification.conversation_id,
            badge,
        }
    }

    /// One push standing for `count` held during her quiet hours, `newest` the latest of
    /// them (so every push names a notification).
    pub fn summary(count: usize, newest: Uuid, badge: i64) -> Self {
        Self {
            title: TITLE.to_owned(),
            body: format!("{count} new notifications"),
            url: "/notifications".to_owned(),
            notification_id: Some(newest),
            thread_id: None,
            event_id: None,
            conversation_id: None,
            badge,
        }
    }

    /// The ids a tap needs, by name, those it has.
    pub fn ids(&self) -> impl Iterator<Item = (&'static str, Uuid)> {
        let ids = [
            ("notificationId", self.notification_id),
            ("threadId", self.thread_id),
            ("eventId", self.event_id),
            ("conversationId", self.conversation_id),
        ];
        ids.into_iter().filter_map(|(name, id)| Some((name, id?)))
    }

    /// The same push with no text, for a push service that found it too large.
    pub fn minimal(&self) -> Self {
        Self { body: String::new(), ..self.clone() }
    }

    /// The JSON, its line cut short (on a character boundary) to stay under `MAX_BYTES`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = self.clone();
        loop {
            let bytes = serde_json::to_vec(&payload).unwrap_or_default();
            if bytes.len() <= MAX_BYTES || payload.body.is_empty() {
                return bytes;
            }
            let over = bytes.len() - MAX_BYTES;
            let keep = payload.body.chars().count().saturating_sub(over + 1);
            payload.body = payload.body.chars().take(keep).chain(['…']).collect();
        }
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    text.chars().take(max - 1).chain(['…']).collect()
}

/// Where in the app a tap on `notification` goes.
fn app_path(notification: &Notification) -> String {
    let paths = [
        ("threads", notification.thread_id),
        ("events", notification.event_id),
        ("conversations", notification.conversation_id),
        ("jobs", notification.job_post_id),
        ("coffee-chats", notification.coffee_chat_id),
        ("programs", notification.program_id),
        ("surveys", notification.survey_id),
        ("groups", notification.group_id),
    ];
    if notification.kind.0 == NotificationKind::ReturnToWorkCheck {
        return "/profile".to_owned();
    }
    let first = paths.into_iter().find_map(|(kind, id)| Some((kind, id?)));
    first.map_or_else(|| "/notifications".to_owned(), |(kind, id)| format!("/{kind}/{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_to_fit() {
        let payload = Payload { body: "é".repeat(4000), ..Payload::summary(1, Uuid::nil(), 1) };
        let bytes = payload.to_bytes();
        assert!(bytes.len() <= MAX_BYTES, "{}", bytes.len());
        let back: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert!(back["body"].as_str().is_some_and(|body| body.ends_with('…')));
    }
}
