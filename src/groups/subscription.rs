//! `groupActivity`: what happens in a group as it happens — new threads, events created,
//! changed or cancelled, members joining, and (for moderators) requests to join. Each
//! item is loaded for the viewer, so nothing she may not see reaches her (group
//! happenings are rare, so each reader loads her own). Her right to read the group is
//! checked when she subscribes, on every access signal for her and every sweep; her
//! token's expiry ends the stream.

use std::sync::Arc;

use async_graphql::{Context, ID, Result, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use crate::auth::AuthService;
use crate::db::Db;
use crate::error::AppError;
use crate::events::{self, Event};
use crate::graphql::context::{ContextExt, data};
use crate::graphql::ids::parse_id;
use crate::members::{self, Member};
use crate::membership::{self, GroupActivityKind, GroupEvent, GroupRole, JoinRequest, store, topic};
use crate::realtime::{Delivery, Follower, follow, member_topic};
use crate::threads::{self, Thread};
use crate::viewer::{AccessClaims, Viewer};

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

/// One subscriber of a group's activity.
struct Watcher {
    db: Db,
    auth: AuthService,
    viewer: AccessClaims,
    group_id: Uuid,
    /// Whether she moderates the group (and so sees join requests).
    moderates: bool,
}

impl Watcher {
    /// Checks against the database that she may still read the group, and her role.
    async fn recheck(&mut self) -> Result<(), AppError> {
        self.auth.require_signed_in(self.viewer).await?;
        let group =
            membership::readable(&self.db, self.viewer.member_id, self.group_id).await.map_err(
                |error| match error {
                    AppError::NotFound => AppError::Forbidden,
                    other => other,
                },
            )?;
        self.moderates = group.viewer_role.is_some_and(GroupRole::moderates);
        Ok(())
    }

    /// The activity `event` stands for, or `None` when the viewer is not to see it.
    async fn activity(&self, GroupEvent { kind, id }: GroupEvent) -> Result<Option<GroupActivity>, AppError> {
        let viewer = self.viewer.member_id;
        let mut activity = GroupActivity::of(kind);
        let found = match kind {
            GroupActivityKind::ThreadCreated => {
                // A thread on a topic she shields herself from is not her group's news.
                let thread =
                    threads::readable(&self.db, viewer, id).await.ok().filter(|t| t.shielded_topic.0.is_none());
                thread.map(|t| activity.thread = Some(t))
            }
            GroupActivityKind::EventCreated | GroupActivityKind::EventUpdated | GroupActivityKind::EventCancelled => {
                events::readable(&self.db, viewer, id).await.ok().map(|e| activity.event = Some(e))
            }
            GroupActivityKind::MemberJoined => {
                let blocked = members::blocked_either_way(&self.db, viewer, id).await?;
                members::find(&self.db, viewer, id).await?.filter(|_| !blocked).map(|m| activity.member = Some(m))
            }
            GroupActivityKind::JoinRequested if self.moderates => {
                store::find_request(&self.db, id).await?.map(|r| activity.join_request = Some(r))
            }
            GroupActivityKind::JoinRequested | GroupActivityKind::Resync => None,
        };
        Ok(found.map(|()| activity))
    }
}

impl Follower<GroupEvent> for Watcher {
    type Item = GroupActivity;

    async fn recheck(&mut self) -> Result<(), AppError> {
        Watcher::recheck(self).await
    }

    async fn missed(&mut self) -> Result<Option<GroupActivity>, AppError> {
        Ok(Some(GroupActivity::of(GroupActivityKind::Resync)))
    }

    async fn message(&mut self, event: GroupEvent, _: Arc<Delivery>) -> Result<Option<GroupActivity>, AppError> {
        // Boxed, keeping an idle subscription small.
        Box::pin(self.activity(event)).await
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
        let mut watcher = Watcher {
            db: ctx.db()?.clone(),
            auth: data::<AuthService>(ctx)?.clone(),
            viewer,
            group_id,
            moderates: false,
        };
        // Listening first, checking second: a revocation between the two is not missed.
        let bus = ctx.bus()?;
        let access = bus.subscribe(&member_topic(viewer.member_id)).await;
        let live = bus.subscribe(&topic(group_id)).await;
        watcher.recheck().await.map_err(AppError::hidden_as_not_found)?;
        Ok(follow(watcher, live, Some(access), viewer.expiry()).map(|activity| activity.map_err(Into::into)))
    }
}
