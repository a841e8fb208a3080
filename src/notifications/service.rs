//! Who a reply notifies, and how: the thread's author, the author of the reply it
//! answers, whoever it mentions and whoever follows the thread — each once, as the most
//! direct of these — never its own author, never across a block, never anyone who can
//! no longer read the thread. Replies in a thread collapse into one unread entry per
//! member; a mention stands alone.

use std::collections::HashMap;

use uuid::Uuid;

use super::model::NotificationKind;
use super::store::{self, NewNotification};
use super::subscription::{NotificationEvent, NotificationEventKind, announce};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::AppResult;
use crate::groups;
use crate::members;
use crate::realtime::Bus;
use crate::threads::{self, ReplyAudience};

/// The notifications reply `reply_id` calls for, worked out from the database as it is
/// now (none once the reply is gone).
pub async fn plan_for_reply(db: &Db, reply_id: Uuid) -> AppResult<Vec<NewNotification>> {
    let Some(audience) = threads::reply_audience(db, reply_id).await? else {
        return Ok(Vec::new());
    };
    let mut planned = Vec::new();
    for (member, kind) in most_direct_kinds(&audience) {
        if groups::readable(db, member, audience.group_id).await.is_err() {
            continue;
        }
        let collapse_key = match kind {
            NotificationKind::Mention => format!("mention:{reply_id}"),
            _ => format!("thread:{}", audience.thread_id),
        };
        planned.push(NewNotification {
            member_id: member,
            kind,
            thread_id: audience.thread_id,
            reply_id,
            actor_id: audience.author_id,
            collapse_key,
        });
    }
    let unblocked =
        members::not_blocked_with(db, audience.author_id, &planned.iter().map(|n| n.member_id).collect::<Vec<_>>())
            .await?;
    planned.retain(|notification| unblocked.contains(&notification.member_id));
    Ok(planned)
}

/// Each member the reply concerns with the most direct reason, its author left out.
fn most_direct_kinds(audience: &ReplyAudience) -> HashMap<Uuid, NotificationKind> {
    let reasons = audience
        .followers
        .iter()
        .map(|member| (*member, NotificationKind::FollowedThreadActivity))
        .chain([(audience.thread_author_id, NotificationKind::ReplyToMyThread)])
        .chain(audience.parent_author_id.map(|member| (member, NotificationKind::ReplyToMyReply)))
        .chain(audience.mentioned.iter().map(|member| (*member, NotificationKind::Mention)));
    let mut kinds: HashMap<Uuid, NotificationKind> = HashMap::new();
    for (member, kind) in reasons.filter(|(member, _)| *member != audience.author_id) {
        let strongest = kinds.entry(member).or_insert(kind);
        if kind.rank() > strongest.rank() {
            *strongest = kind;
        }
    }
    kinds
}

/// Records `planned` in `tx`; returns who got which entry.
pub async fn record(tx: &mut Tx, planned: &[NewNotification]) -> AppResult<Vec<(Uuid, Uuid)>> {
    let now = clock::now();
    let mut created = Vec::with_capacity(planned.len());
    for notification in planned {
        let id = store::record(tx, notification, now).await?;
        created.push((notification.member_id, id));
    }
    Ok(created)
}

/// Tells each member's live stream about her new (or grown) entry and unread count.
pub async fn announce_created(db: &Db, bus: &Bus, created: &[(Uuid, Uuid)]) {
    for (member, id) in created {
        let unread_count = store::unread_count(db, *member).await.ok();
        let event = NotificationEvent {
            kind: NotificationEventKind::NotificationCreated,
            notification_id: Some(async_graphql::ID(id.to_string())),
            unread_count,
        };
        announce(bus, *member, &event).await;
    }
}
