//! `groupActivity`: what happens in a group as it happens — new threads, events created,
//! changed or cancelled, members joining, and (for moderators) requests to join. Each
//! item is loaded for the viewer, so nothing she may not see reaches her; her right to
//! read the group is checked again every second and on every message.

use std::time::Duration;

use async_graphql::{Context, Enum, ID, Result, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt};
use serde_json::{Value, json};
use uuid::Uuid;

use super::model::JoinRequest;
use super::{service, store};
use crate::auth::{AccessClaims, AuthService, Viewer};
use crate::db::Db;
use crate::error::AppError;
use crate::events::{self, Event};
use crate::graphql::context::ContextExt;
use crate::graphql::ids::parse_id;
use crate::members::{self, Member};
use crate::realtime::{Bus, Step, steps};
use crate::threads::{self, Thread};

const RECHECK_EVERY: Duration = Duration::from_secs(1);

/// What happened in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GroupActivityKind {
    ThreadCreated,
    EventCreated,
    EventUpdated,
    EventCancelled,
    MemberJoined,
    /// Moderators only.
    JoinRequested,
    /// Updates were missed: re-read the group.
    Resync,
}

/// One happening, with what it is about as the viewer sees it.
#[derive(SimpleObject)]
pub struct GroupActivity {
    pub kind: GroupActivityKind,
    pub thread: Option<Thread>,
    pub event: Option<Event>,
    pub member: Option<Member>,
    pub join_request: Option<JoinRequest>,
}

impl GroupActivity {
    fn of(kind: GroupActivityKind) -> Self {
        Self { kind, thread: None, event: None, member: None, join_request: None }
    }
}

/// The topic of a group's activity.
fn group_topic(group_id: Uuid) -> String {
    format!("group:{group_id}")
}

/// Tells `group_id`'s subscribers what happened to `subject`, after it committed.
pub async fn announce_activity(bus: &Bus, group_id: Uuid, kind: GroupActivityKind, subject: Uuid) {
    bus.publish(&group_topic(group_id), json!({ "kind": kind, "id": subject })).await;
}

struct Watch {
    db: Db,
    auth: AuthService,
    viewer: AccessClaims,
    group_id: Uuid,
}

impl Watch {
    async fn allowed(&self) -> Result<bool, AppError> {
        if !self.auth.still_signed_in(self.viewer).await? {
            return Err(AppError::Forbidden);
        }
        match service::readable(&self.db, self.viewer.member_id, self.group_id).await {
            Ok(group) => Ok(group.viewer_role.is_some_and(super::GroupRole::moderates)),
            Err(AppError::NotFound) => Err(AppError::Forbidden),
            Err(other) => Err(other),
        }
    }

    /// The activity a bus message stands for, or `None` when the viewer is not to see it.
    async fn activity(&self, message: &Value, moderates: bool) -> Result<Option<GroupActivity>, AppError> {
        let kind: GroupActivityKind = serde_json::from_value(message["kind"].clone()).map_err(anyhow::Error::from)?;
        let Some(id) = message["id"].as_str().and_then(|id| Uuid::try_parse(id).ok()) else {
            return Ok(Some(GroupActivity::of(kind)));
        };
        let viewer = self.viewer.member_id;
        let mut activity = GroupActivity::of(kind);
        let found = match kind {
            GroupActivityKind::ThreadCreated => {
                threads::readable(&self.db, viewer, id).await.ok().map(|(t, _)| activity.thread = Some(t))
            }
            GroupActivityKind::EventCreated | GroupActivityKind::EventUpdated | GroupActivityKind::EventCancelled => {
                events::readable(&self.db, viewer, id).await.ok().map(|e| activity.event = Some(e))
            }
            GroupActivityKind::MemberJoined => {
                let blocked = members::blocked_either_way(&self.db, viewer, id).await?;
                members::find(&self.db, viewer, id).await?.filter(|_| !blocked).map(|m| activity.member = Some(m))
            }
            GroupActivityKind::JoinRequested if moderates => {
                store::find_request(&self.db, id).await?.map(|r| activity.join_request = Some(r))
            }
            GroupActivityKind::JoinRequested | GroupActivityKind::Resync => None,
        };
        Ok(found.map(|()| activity))
    }
}

#[derive(Default)]
pub struct GroupSubscription;

#[Subscription]
impl GroupSubscription {
    /// What happens in a group as it happens.
    async fn group_activity(
        &self,
        ctx: &Context<'_>,
        group_id: ID,
    ) -> Result<impl Stream<Item = Result<GroupActivity>> + use<>> {
        let Viewer::Member(viewer) = ctx.viewer()?.clone() else {
            return Err(AppError::Unauthenticated("sign in first").into());
        };
        let group_id = parse_id("groupId", &group_id)?;
        let watch = Watch { db: ctx.db()?.clone(), auth: ctx.auth()?.clone(), viewer, group_id };
        watch.allowed().await.map_err(|_| AppError::NotFound)?;
        let live = ctx.bus()?.subscribe(&group_topic(group_id)).await;
        Ok(async_stream::stream! {
            let steps = steps(live, RECHECK_EVERY);
            futures_util::pin_mut!(steps);
            while let Some(step) = steps.next().await {
                let moderates = match watch.allowed().await {
                    Ok(moderates) => moderates,
                    Err(error) => { yield Err(error.into()); return; }
                };
                match step {
                    Step::Recheck => {}
                    Step::Lagged => yield Ok(GroupActivity::of(GroupActivityKind::Resync)),
                    Step::Message(message) => match watch.activity(&message, moderates).await {
                        Ok(Some(activity)) => yield Ok(activity),
                        Ok(None) => {}
                        Err(error) => { yield Err(error.into()); return; }
                    },
                }
            }
        })
    }
}
