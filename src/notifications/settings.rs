//! What a member wants to be told: for each kind, whether in the app, by push and by
//! email (defaults here, her choices stored where they differ), and the threads and groups
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
const ALL_KINDS: [NotificationKind; 25] = [
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
    NotificationKind::ContentHeld,
    NotificationKind::ProgramPlaceGiven,
    NotificationKind::ProgramOffer,
    NotificationKind::ReturnToWorkCheck,
    NotificationKind::SurveyInvitation,
];

/// Whether she chooses where `kind` reaches her (a moderator's warning is not hers to
/// turn off).
pub fn is_preference(kind: NotificationKind) -> bool {
    ALL_KINDS.contains(&kind)
}

/// Where one kind reaches her.
#[derive(Debug, Clone, Copy, PartialEq, Eq, SimpleObject)]
pub struct NotificationPreference {
    pub kind: NotificationKind,
    pub in_app: bool,
    pub push: bool,
    /// Also by email (each one, with a link to stop).
    pub email: bool,
}

/// The defaults: everything in the app; pushes for what is about her or her plans,
/// not for busy threads she only follows or every new event; email only when an event
/// she is part of changes or is cancelled.
fn default_for(kind: NotificationKind) -> NotificationPreference {
    let push = !matches!(kind, NotificationKind::FollowedThreadActivity | NotificationKind::NewEventInGroup);
    let email = matches!(kind, NotificationKind::EventChanged | NotificationKind::EventCancelled);
    NotificationPreference { kind, in_app: true, push, email }
}

/// A stored choice: in the app, by push, and by email (`None`: the kind's default).
type Choice = (bool, bool, Option<bool>);

fn preference(kind: NotificationKind, choice: Option<&Choice>) -> NotificationPreference {
    let default = default_for(kind);
    match choice {
        Some((in_app, push, email)) => {
            NotificationPreference { kind, in_app: *in_app, push: *push, email: email.unwrap_or(default.email) }
        }
        None => default,
    }
}

/// Her preferences for every kind.
pub async fn preferences(db: &Db, member: Uuid) -> Result<Vec<NotificationPreference>, sqlx::Error> {
    const SQL: &str = "SELECT kind, in_app, push, email FROM notification_preferences WHERE member_id = $1";
    let chosen: Vec<(String, bool, bool, Option<bool>)> =
        on_db!(db, pool => sqlx::query_as(SQL).bind(member).fetch_all(pool).await)?;
    let chosen: HashMap<String, Choice> =
        chosen.into_iter().map(|(kind, in_app, push, email)| (kind, (in_app, push, email))).collect();
    Ok(ALL_KINDS.iter().map(|kind| preference(*kind, chosen.get(&to_text(*kind)))).collect())
}

/// Her preference for `kind`.
pub async fn preference_for(
    db: &Db,
    member: Uuid,
    kind: NotificationKind,
) -> Result<NotificationPreference, sqlx::Error> {
    let all = preferences(db, member).await?;
    Ok(all.into_iter().find(|each| each.kind == kind).unwrap_or_else(|| default_for(kind)))
}

/// Records her choice for one kind — unless she is no longer a member (an unsubscribe
/// link outlives its account).
pub async fn set_preference(db: &Db, member: Uuid, choice: NotificationPreference) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO notification_preferences (member_id, kind, in_app, push, email) \
                       SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM members WHERE id = $1) \
                       ON CONFLICT (member_id, kind) DO UPDATE SET \
                       in_app = excluded.in_app, push = excluded.push, email = excluded.email";
    on_db!(db, pool => sqlx::query(SQL)
        .bind(member)
        .bind(to_text(choice.kind))
        .bind(choice.in_app)
        .bind(choice.push)
        .bind(choice.email)
        .execute(pool)
        .await
        .map(drop))
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
async fn chosen(db: &Db, members: &[Uuid]) -> Result<HashMap<(Uuid, NotificationKind), Choice>, sqlx::Error> {
    let sql = format!(
        "SELECT member_id, kind, in_app, push, email FROM notification_preferences WHERE member_id IN ({})",
        placeholder_list(1, members.len())
    );
    let rows: Vec<(Uuid, String, bool, bool, Option<bool>)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(member, kind, in_app, push, email)| {
            Some(((member, from_text(&kind).ok()?), (in_app, push, email)))
        })
        .collect())
}

/// The threads and groups each of `members` has muted now.
async fn muted_now(db: &Db, members: &[Uuid]) -> Result<HashSet<(Uuid, Uuid)>, sqlx::Error> {
    let sql = format!(
        "SELECT member_id, subject_id FROM notification_mutes WHERE (until IS NULL OR until > $1) AND member_id IN ({})",
        placeholder_list(2, members.len())
    );
    let rows: Vec<(Uuid, Uuid)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false).bind(clock::now());
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().collect())
}

/// Of `planned`, the notifications their members want in the app — the kind is on for
/// them, and (but for mentions) neither its thread nor its group is muted — each marked
/// with whether she wants it pushed and emailed too.
pub async fn keep_wanted(db: &Db, planned: Vec<NewNotification>) -> Result<Vec<NewNotification>, sqlx::Error> {
    if planned.is_empty() {
        return Ok(planned);
    }
    let members: Vec<Uuid> = planned.iter().map(|n| n.member_id).collect::<HashSet<_>>().into_iter().collect();
    let (chosen, muted) = (chosen(db, &members).await?, muted_now(db, &members).await?);
    let wanted = planned.into_iter().filter_map(|mut n| {
        let silenced = |subject: Option<Uuid>| subject.is_some_and(|subject| muted.contains(&(n.member_id, subject)));
        let muted_here = n.kind != NotificationKind::Mention && (silenced(n.thread_id) || silenced(n.group_id));
        let wanted = preference(n.kind, chosen.get(&(n.member_id, n.kind)));
        n.push = wanted.push;
        n.email = wanted.email;
        (wanted.in_app && !muted_here).then_some(n)
    });
    Ok(wanted.collect())
}
