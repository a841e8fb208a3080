//! What a member wants to be told: for each kind, whether in the app and by push
//! (defaults here, her choices stored where they differ), and the threads and groups
//! she muted, for a while or for good. A mention still reaches her in a muted thread:
//! it is about her.

use std::collections::{HashMap, HashSet};

use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::NotificationKind;
use super::store::NewNotification;
use crate::clock;
use crate::db::text_enum::{from_text, to_text};
use crate::db::{Db, placeholder_list};
use crate::on_db;

/// Every kind, in the order preferences are listed.
const ALL_KINDS: [NotificationKind; 20] = [
    NotificationKind::ReplyToMyThread,
    NotificationKind::ReplyToMyReply,
    NotificationKind::Mention,
    NotificationKind::FollowedThreadActivity,
    NotificationKind::NewEventInGroup,
    NotificationKind::EventReminder,
    NotificationKind::EventChanged,
    NotificationKind::EventCancelled,
    NotificationKind::WaitlistPromoted,
    NotificationKind::JoinRequest,
    NotificationKind::JoinApproved,
    NotificationKind::NewMessage,
    NotificationKind::MessageRequest,
    NotificationKind::ReferralRequest,
    NotificationKind::JobExpiring,
    NotificationKind::CoffeeChatProposed,
    NotificationKind::CoffeeChatAccepted,
    NotificationKind::CoffeeChatDeclined,
    NotificationKind::CoffeeChatCancelled,
    NotificationKind::CoffeeChatReminder,
];

/// Where one kind reaches her.
#[derive(Debug, Clone, Copy, PartialEq, Eq, SimpleObject)]
pub struct NotificationPreference {
    pub kind: NotificationKind,
    pub in_app: bool,
    pub push: bool,
}

/// The defaults: everything in the app; pushes for what is about her or her plans,
/// not for busy threads she only follows or every new event.
fn default_for(kind: NotificationKind) -> NotificationPreference {
    let push = !matches!(kind, NotificationKind::FollowedThreadActivity | NotificationKind::NewEventInGroup);
    NotificationPreference { kind, in_app: true, push }
}

/// Her preferences for every kind.
pub async fn preferences(db: &Db, member: Uuid) -> Result<Vec<NotificationPreference>, sqlx::Error> {
    const SQL: &str = "SELECT kind, in_app, push FROM notification_preferences WHERE member_id = $1";
    let chosen: Vec<(String, bool, bool)> = on_db!(db, pool => sqlx::query_as(SQL).bind(member).fetch_all(pool).await)?;
    let chosen: HashMap<String, (bool, bool)> =
        chosen.into_iter().map(|(kind, in_app, push)| (kind, (in_app, push))).collect();
    Ok(ALL_KINDS
        .iter()
        .map(|kind| match chosen.get(&to_text(*kind)) {
            Some((in_app, push)) => NotificationPreference { kind: *kind, in_app: *in_app, push: *push },
            None => default_for(*kind),
        })
        .collect())
}

/// Records her choice for one kind.
pub async fn set_preference(db: &Db, member: Uuid, choice: NotificationPreference) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO notification_preferences (member_id, kind, in_app, push) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (member_id, kind) DO UPDATE SET in_app = excluded.in_app, push = excluded.push";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(to_text(choice.kind)).bind(choice.in_app).bind(choice.push).execute(pool).await.map(drop))
}

/// Mutes a thread or group (`subject`) for her, until `until` or for good.
pub async fn mute(db: &Db, member: Uuid, subject: Uuid, until: Option<DateTime<Utc>>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO notification_mutes (member_id, subject_id, until, created_at) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (member_id, subject_id) DO UPDATE SET until = excluded.until";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(subject).bind(until).bind(clock::now()).execute(pool).await.map(drop))
}

/// Lifts her mute of `subject` (none is fine).
pub async fn unmute(db: &Db, member: Uuid, subject: Uuid) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM notification_mutes WHERE member_id = $1 AND subject_id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(member).bind(subject).execute(pool).await.map(drop))
}

/// The choices `members` made that differ from the defaults, per member and kind.
async fn chosen(db: &Db, members: &[Uuid]) -> Result<HashMap<(Uuid, NotificationKind), (bool, bool)>, sqlx::Error> {
    let sql = format!(
        "SELECT member_id, kind, in_app, push FROM notification_preferences WHERE member_id IN ({})",
        placeholder_list(1, members.len())
    );
    let rows: Vec<(Uuid, String, bool, bool)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(member, kind, in_app, push)| Some(((member, from_text(&kind).ok()?), (in_app, push))))
        .collect())
}

/// The threads and groups each of `members` has muted now.
async fn muted_now(db: &Db, members: &[Uuid]) -> Result<HashSet<(Uuid, Uuid)>, sqlx::Error> {
    let sql = format!(
        "SELECT member_id, subject_id FROM notification_mutes WHERE (until IS NULL OR until > $1) AND member_id IN ({})",
        placeholder_list(2, members.len())
    );
    let rows: Vec<(Uuid, Uuid)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).bind(clock::now());
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().collect())
}

/// Of `planned`, the notifications their members want in the app — the kind is on for
/// them, and (but for mentions) neither its thread nor its group is muted — each marked
/// with whether she wants it pushed too.
pub async fn keep_wanted(db: &Db, planned: Vec<NewNotification>) -> Result<Vec<NewNotification>, sqlx::Error> {
    if planned.is_empty() {
        return Ok(planned);
    }
    let members: Vec<Uuid> = planned.iter().map(|n| n.member_id).collect::<HashSet<_>>().into_iter().collect();
    let (chosen, muted) = (chosen(db, &members).await?, muted_now(db, &members).await?);
    let wanted = planned.into_iter().filter_map(|mut n| {
        let silenced = |subject: Option<Uuid>| subject.is_some_and(|subject| muted.contains(&(n.member_id, subject)));
        let muted_here = n.kind != NotificationKind::Mention && (silenced(n.thread_id) || silenced(n.group_id));
        let default = default_for(n.kind);
        let (in_app, push) = chosen.get(&(n.member_id, n.kind)).copied().unwrap_or((default.in_app, default.push));
        n.push = push;
        (in_app && !muted_here).then_some(n)
    });
    Ok(wanted.collect())
}
