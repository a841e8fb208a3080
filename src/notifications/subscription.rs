//! `notificationEvents`: a member's own live stream — a notification was created for
//! her, her unread count changed. It travels on her member topic, which also carries the
//! access signals her other subscriptions listen to; the stream ends when her session
//! ends or her token expires.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, Result, SimpleObject, Subscription};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::AuthService;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::realtime::{Bus, Delivery, Follower, MemberEvent, Topic, follow, member_topic};
use crate::viewer::{AccessClaims, Viewer};

/// What happened to her notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NotificationEventKind {
    NotificationCreated,
    /// An unread entry took in one more happening ("3 new replies" became "4").
    NotificationUpdated,
    UnreadCountChanged,
    /// Events were missed: re-read the unread count and the list.
    Resync,
}

/// One change to her notifications.
#[derive(Debug, Clone, SimpleObject, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationEvent {
    pub kind: NotificationEventKind,
    /// The entry created or updated.
    pub notification_id: Option<ID>,
    /// Her unread count after the change.
    pub unread_count: Option<i64>,
}

impl NotificationEvent {
    fn resync() -> Self {
        Self { kind: NotificationEventKind::Resync, notification_id: None, unread_count: None }
    }
}

/// Her member topic, as her notification stream reads it.
fn topic(member: Uuid) -> Topic<MemberEvent<NotificationEvent>> {
    member_topic(member)
}

/// Tells `member`'s live streams, on every instance, about `event`; call after the
/// change committed.
pub async fn announce(bus: &Bus, member: Uuid, event: NotificationEvent) {
    bus.publish(&topic(member), &MemberEvent::Notification(event)).await;
}

/// One member's notification stream.
struct Stream {
    auth: AuthService,
    viewer: AccessClaims,
}

impl Follower<MemberEvent<NotificationEvent>> for Stream {
    type Item = NotificationEvent;

    async fn recheck(&mut self) -> Result<(), AppError> {
        self.auth.require_signed_in(self.viewer).await
    }

    /// Missed messages may have held an access signal: she is checked, then told to
    /// re-read.
    async fn missed(&mut self) -> Result<Option<NotificationEvent>, AppError> {
        self.recheck().await.map(|()| Some(NotificationEvent::resync()))
    }

    async fn message(
        &mut self,
        event: MemberEvent<NotificationEvent>,
        _: Arc<Delivery>,
    ) -> Result<Option<NotificationEvent>, AppError> {
        match event {
            MemberEvent::Notification(event) => Ok(Some(event)),
            MemberEvent::AccessChanged => Box::pin(self.recheck()).await.map(|()| None),
        }
    }
}

#[derive(Default)]
pub struct NotificationSubscription;

#[Subscription]
impl NotificationSubscription {
    /// The signed-in member's notifications as they happen.
    async fn notification_events(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl futures_util::Stream<Item = Result<NotificationEvent>> + use<>> {
        let Viewer::Member(viewer) = ctx.viewer()?.clone() else {
            return Err(AppError::Unauthenticated("sign in first").into());
        };
        let auth = data::<AuthService>(ctx)?.clone();
        let live = ctx.bus()?.subscribe(&topic(viewer.member_id)).await;
        let stream = Stream { auth, viewer };
        Ok(follow(stream, live, None, viewer.expiry()).map(|event| event.map_err(Into::into)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::realtime::Heard;

    #[tokio::test]
    async fn an_announced_event_reaches_the_members_topic_intact() {
        let bus = Bus::default();
        let member = Uuid::now_v7();
        let mut listener = bus.subscribe(&topic(member)).await;
        let event = NotificationEvent {
            kind: NotificationEventKind::NotificationCreated,
            notification_id: Some(ID("n1".into())),
            unread_count: Some(3),
        };
        announce(&bus, member, event).await;
        let Ok(Heard::Message(MemberEvent::Notification(received), _)) = listener.recv().await else {
            panic!("a notification arrived");
        };
        assert_eq!(received.kind, NotificationEventKind::NotificationCreated);
        assert_eq!((received.notification_id, received.unread_count), (Some(ID("n1".into())), Some(3)));
    }
}
