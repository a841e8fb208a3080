//! `notificationEvents`: a member's own live stream — a notification was created for
//! her, her unread count changed. It travels on her member topic, which also carries the
//! access signals her other subscriptions listen to; the stream ends when her session
//! ends or her token expires.

use async_graphql::{Context, Enum, ID, Result, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::AuthService;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, data};
use crate::realtime::{Bus, Delivery, RESYNC, Step, Topic, is_access_signal, steps};
use crate::viewer::Viewer;

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

/// Tells `member`'s live streams, on every instance, about `event`; call after the
/// change committed.
pub async fn announce(bus: &Bus, member: Uuid, event: &NotificationEvent) {
    match serde_json::to_value(event) {
        Ok(body) => bus.publish(&Topic::member(member), body).await,
        Err(error) => tracing::error!(%error, "cannot encode a notification event"),
    }
}

/// What a message on her member topic means for this stream.
fn event_of(message: &Delivery) -> Option<NotificationEvent> {
    if is_access_signal(&message.body) {
        return None;
    }
    serde_json::from_value(message.body.clone()).ok()
}

#[derive(Default)]
pub struct NotificationSubscription;

#[Subscription]
impl NotificationSubscription {
    /// The signed-in member's notifications as they happen.
    async fn notification_events(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<NotificationEvent>> + use<>> {
        let Viewer::Member(viewer) = ctx.viewer()?.clone() else {
            return Err(AppError::Unauthenticated("sign in first").into());
        };
        let auth = data::<AuthService>(ctx)?.clone();
        let live = ctx.bus()?.subscribe(&Topic::member(viewer.member_id)).await;
        Ok(async_stream::stream! {
            let steps = steps(live, None, viewer.expiry());
            futures_util::pin_mut!(steps);
            while let Some(step) = steps.next().await {
                let event = match step {
                    Step::Expired => Err(AppError::Unauthenticated(crate::auth::TOKEN_EXPIRED)),
                    Step::Recheck => Box::pin(auth.require_signed_in(viewer)).await.map(|()| None),
                    Step::Lagged => Ok(Some(NotificationEvent::resync())),
                    Step::Message(message) if message.body["kind"] == RESYNC => {
                        Box::pin(auth.require_signed_in(viewer)).await.map(|()| Some(NotificationEvent::resync()))
                    }
                    Step::Message(message) => match event_of(&message) {
                        Some(event) => Ok(Some(event)),
                        None => Box::pin(auth.require_signed_in(viewer)).await.map(|()| None),
                    },
                };
                match event {
                    Ok(Some(event)) => yield Ok(event),
                    Ok(None) => {}
                    Err(error) => { yield Err(error.into()); return; }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_announced_event_reaches_the_members_topic_intact() {
        let bus = Bus::default();
        let member = Uuid::now_v7();
        let mut topic = bus.subscribe(&Topic::member(member)).await;
        let event = NotificationEvent {
            kind: NotificationEventKind::NotificationCreated,
            notification_id: Some(ID("n1".into())),
            unread_count: Some(3),
        };
        announce(&bus, member, &event).await;
        let received = event_of(&topic.recv().await.unwrap()).unwrap();
        assert_eq!(received.kind, NotificationEventKind::NotificationCreated);
        assert_eq!((received.notification_id, received.unread_count), (Some(ID("n1".into())), Some(3)));
    }
}
