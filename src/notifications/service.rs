//! Who each happening notifies, and how. A reply tells the thread's author, the author
//! of the reply it answers, whoever it mentions and whoever followed the thread — each
//! once, as the most direct of these; replies in a thread collapse into one unread
//! entry per member, a mention stands alone. An event tells its group when created,
//! and who is going or waiting when it changes or is cancelled; a freed seat tells the
//! member promoted. A join request tells the group's moderators; an approval, the
//! member let in. Never the one who did it, never across a block, never anyone who
//! cannot read the group.

use std::collections::{BTreeMap, HashMap, btree_map};

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{EventNews, JoinNews, News, NotificationKind};
use super::settings;
use super::store::{self, Marking, NewNotification};
use super::subscription::{NotificationEvent, NotificationEventKind, announce};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::AppResult;
use crate::jobs::{self, JobKind, JobSpec, NewJob};
use crate::realtime::Bus;
use crate::{events, members, membership, threads};

/// What a notification is about, shared by everyone it goes to.
struct About {
    kind: NotificationKind,
    group_id: Uuid,
    thread_id: Option<Uuid>,
    reply_id: Option<Uuid>,
    event_id: Option<Uuid>,
    /// Who did it: no notification goes to her or across a block with her.
    actor_id: Option<Uuid>,
    /// She did it anonymously: her notifications keep no actor.
    actor_anonymous: bool,
    collapse_key: String,
}

impl About {
    /// About something in group `group_id`, done by `actor_id` (if anyone).
    fn new(kind: NotificationKind, group_id: Uuid, actor_id: Option<Uuid>, collapse_key: String) -> Self {
        Self {
            kind,
            group_id,
            thread_id: None,
            reply_id: None,
            event_id: None,
            actor_id,
            actor_anonymous: false,
            collapse_key,
        }
    }

    /// Her notification about this.
    fn for_member(&self, member_id: Uuid) -> NewNotification {
        self.for_member_as(member_id, self.kind, self.collapse_key.clone())
    }

    /// Her notification about this, as another kind with its own collapse key.
    fn for_member_as(&self, member_id: Uuid, kind: NotificationKind, collapse_key: String) -> NewNotification {
        NewNotification {
            group_id: Some(self.group_id),
            thread_id: self.thread_id,
            reply_id: self.reply_id,
            event_id: self.event_id,
            actor_id: self.actor_id.filter(|_| !self.actor_anonymous),
            actor_anonymous: self.actor_anonymous,
            ..NewNotification::to(member_id, kind, collapse_key)
        }
    }

    fn event(kind: NotificationKind, audience: &events::EventAudience, actor: Option<Uuid>, key: &str) -> Self {
        let collapse_key = format!("{key}:{}", audience.event_id);
        Self { event_id: Some(audience.event_id), ..Self::new(kind, audience.group_id, actor, collapse_key) }
    }
}

/// The notifications `job` (a job of kind `news`) calls for, worked out from the
/// database as it is now.
#[tracing::instrument(skip_all, fields(kind = ?job.kind, subject = %job.subject))]
pub async fn plan(db: &Db, news: News, job: JobSpec) -> AppResult<Vec<NewNotification>> {
    let recipients = match news {
        News::Reply => return plan_for_reply(db, job.subject).await,
        News::Event(news) => event_recipients(db, news, job).await?,
        News::Join(news) => join_recipients(db, news, job).await?,
    };
    let Some((about, members)) = recipients else {
        return Ok(Vec::new());
    };
    let planned: Vec<NewNotification> = members.into_iter().map(|member| about.for_member(member)).collect();
    keep_reachable(db, about.actor_id, about.group_id, planned).await
}

/// Of `planned`, those not to the actor, not across a block with her, to members who
/// can read the group and want it.
async fn keep_reachable(
    db: &Db,
    actor: Option<Uuid>,
    group_id: Uuid,
    planned: Vec<NewNotification>,
) -> AppResult<Vec<NewNotification>> {
    let allowed = keep_allowed(db, actor, group_id, planned).await?;
    Ok(settings::keep_wanted(db, allowed).await?)
}

async fn event_recipients(db: &Db, news: EventNews, job: JobSpec) -> AppResult<Option<(About, Vec<Uuid>)>> {
    let Some(audience) = events::event_audience(db, job.subject).await? else {
        return Ok(None);
    };
    let (about, members) = match news {
        EventNews::Created => (
            About::event(NotificationKind::NewEventInGroup, &audience, job.actor, "new-event"),
            membership::member_ids(db, audience.group_id, false).await?,
        ),
        EventNews::Changed => (
            About::event(NotificationKind::EventChanged, &audience, job.actor, "event-changed"),
            audience.answered.clone(),
        ),
        EventNews::Cancelled => (
            About::event(NotificationKind::EventCancelled, &audience, job.actor, "event-cancelled"),
            audience.answered.clone(),
        ),
        EventNews::ReminderDay | EventNews::ReminderHour => {
            // A reminder for a start the event moved away from, or of a cancelled event,
            // does nothing; the event's current start has reminders of its own.
            if audience.cancelled || job.scheduled_for != Some(audience.starts_at) {
                return Ok(None);
            }
            let key = if news == EventNews::ReminderDay { "reminder-day" } else { "reminder-hour" };
            (About::event(NotificationKind::EventReminder, &audience, None, key), audience.going.clone())
        }
        EventNews::WaitlistPromoted => {
            if audience.cancelled {
                return Ok(None);
            }
            (
                About::event(NotificationKind::WaitlistPromoted, &audience, None, "promoted"),
                job.target.into_iter().collect(),
            )
        }
    };
    // An event by a member she blocked (or who blocked her) is hidden from her.
    let members = members::not_blocked_with(db, audience.organiser, &members).await?;
    Ok(Some((about, members)))
}

async fn join_recipients(db: &Db, news: JoinNews, job: JobSpec) -> AppResult<Option<(About, Vec<Uuid>)>> {
    let Some(request) = membership::join_request(db, job.subject).await? else {
        return Ok(None);
    };
    let (kind, key, actor, members) = match news {
        JoinNews::Requested => {
            let moderators = membership::member_ids(db, request.group_id, true).await?;
            (NotificationKind::JoinRequest, "join-requests", Some(request.member_id), moderators)
        }
        JoinNews::Approved => (NotificationKind::JoinApproved, "joined", job.actor, vec![request.member_id]),
    };
    let about = About::new(kind, request.group_id, actor, format!("{key}:{}", request.group_id));
    Ok(Some((about, members)))
}

/// Of `planned`, those not to the actor, not across a block with her, and to members
/// who can read the group.
async fn keep_allowed(
    db: &Db,
    actor: Option<Uuid>,
    group_id: Uuid,
    mut planned: Vec<NewNotification>,
) -> AppResult<Vec<NewNotification>> {
    if let Some(actor) = actor {
        planned.retain(|notification| notification.member_id != actor);
        let members: Vec<Uuid> = planned.iter().map(|notification| notification.member_id).collect();
        let unblocked = members::not_blocked_with(db, actor, &members).await?;
        planned.retain(|notification| unblocked.contains(&notification.member_id));
    }
    let members: Vec<Uuid> = planned.iter().map(|notification| notification.member_id).collect();
    let readers = membership::readers_among(db, group_id, &members).await?;
    planned.retain(|notification| readers.contains(&notification.member_id));
    Ok(planned)
}

/// The notifications reply `reply_id` calls for (none once the reply is gone).
async fn plan_for_reply(db: &Db, reply_id: Uuid) -> AppResult<Vec<NewNotification>> {
    let Some(audience) = threads::reply_audience(db, reply_id).await? else {
        return Ok(Vec::new());
    };
    let thread_key = format!("thread:{}", audience.thread_id);
    let about = About {
        thread_id: Some(audience.thread_id),
        reply_id: Some(reply_id),
        actor_anonymous: audience.anonymous,
        ..About::new(NotificationKind::FollowedThreadActivity, audience.group_id, Some(audience.author_id), thread_key)
    };
    let mut planned: Vec<NewNotification> = most_direct_kinds(&audience)
        .into_iter()
        .map(|(member, kind)| {
            let collapse_key = match kind {
                NotificationKind::Mention => format!("mention:{reply_id}"),
                _ => about.collapse_key.clone(),
            };
            about.for_member_as(member, kind, collapse_key)
        })
        .collect();
    if audience.anonymous {
        // Not across a block either: whether a notification came would tell who wrote it.
        planned.retain(|notification| notification.member_id != audience.author_id);
        return keep_reachable(db, None, about.group_id, planned).await;
    }
    keep_reachable(db, about.actor_id, about.group_id, planned).await
}

/// Each member the reply concerns with the most direct reason.
fn most_direct_kinds(audience: &threads::ReplyAudience) -> HashMap<Uuid, NotificationKind> {
    let reasons = audience
        .followers
        .iter()
        .map(|member| (*member, NotificationKind::FollowedThreadActivity))
        .chain([(audience.thread_author_id, NotificationKind::ReplyToMyThread)])
        .chain(audience.parent_author_id.map(|member| (member, NotificationKind::ReplyToMyReply)))
        .chain(audience.mentioned.iter().map(|member| (*member, NotificationKind::Mention)));
    let mut kinds: HashMap<Uuid, NotificationKind> = HashMap::new();
    for (member, kind) in reasons {
        let strongest = kinds.entry(member).or_insert(kind);
        if kind.rank() > strongest.rank() {
            *strongest = kind;
        }
    }
    kinds
}

/// Push and email jobs recorded by one statement at most (8 values each).
const JOBS_PER_STATEMENT: usize = 500;

/// An entry recorded for a member: its id, and whether it is new (or grew).
pub struct Recorded {
    member: Uuid,
    id: Uuid,
    new: bool,
}

/// Records `entries` in `tx`, with a push job for each entry she wants pushed and an
/// email job for each new one she wants emailed (a collapsed entry growing is not
/// emailed again); returns who got which entry. Rows are written in one fixed order
/// (member, then collapse key), so two jobs recording for the same members at once
/// (replies to one busy thread, on two workers) wait for each other instead of
/// deadlocking.
pub async fn record(tx: &mut Tx, entries: Entries) -> AppResult<Vec<Recorded>> {
    let entries: Vec<(NewNotification, usize)> = entries.by_key.into_values().collect();
    let rows: Vec<(&NewNotification, DateTime<Utc>)> =
        entries.iter().zip(entry_times(&entries, clock::now())).map(|((entry, _), at)| (entry, at)).collect();
    let recorded_entries = store::record_all(tx, &rows).await?;
    let (mut recorded, mut owed) = (Vec::with_capacity(entries.len()), Vec::new());
    for ((notification, _), (id, new)) in entries.iter().zip(recorded_entries) {
        let for_her = |kind| NewJob { target: Some(notification.member_id), ..NewJob::system(kind, id) };
        if notification.push {
            owed.push(for_her(JobKind::PushNotification));
        }
        if notification.email && new {
            owed.push(for_her(JobKind::EmailNotification));
        }
        recorded.push(Recorded { member: notification.member_id, id, new });
    }
    for chunk in owed.chunks(JOBS_PER_STATEMENT) {
        jobs::enqueue_all(tx, chunk).await?;
    }
    Ok(recorded)
}

/// Planned notifications folded as they are added, in the order owed, into one per
/// member and collapse key (a statement can touch her entry only once), so a run of
/// many jobs holds one entry per member rather than every job's plan. Each stands for
/// all its happenings, names the latest of them (what it is about, who did it), takes
/// the most direct kind, is pushed if any of them would be, and emailed if the first
/// would be (the one that makes the entry; one growing it is not emailed). Each keeps
/// where its latest happening stands in the order owed.
#[derive(Default)]
pub struct Entries {
    by_key: BTreeMap<(Uuid, String), (NewNotification, usize)>,
    owed: usize,
}

impl Entries {
    /// Folds in `planned`, owed after everything added before.
    pub fn add(&mut self, planned: Vec<NewNotification>) {
        for next in planned {
            let owed = self.owed;
            self.owed += 1;
            match self.by_key.entry((next.member_id, next.collapse_key.clone())) {
                btree_map::Entry::Vacant(slot) => {
                    slot.insert((next, owed));
                }
                btree_map::Entry::Occupied(mut slot) => {
                    let (entry, latest) = slot.get_mut();
                    let kind = if next.kind.rank() > entry.kind.rank() { next.kind } else { entry.kind };
                    let (push, email) = (entry.push || next.push, entry.email);
                    let happenings = entry.happenings + next.happenings;
                    *entry = NewNotification { kind, happenings, push, email, ..next };
                    *latest = owed;
                }
            }
        }
    }
}

impl From<Vec<NewNotification>> for Entries {
    fn from(planned: Vec<NewNotification>) -> Self {
        let mut entries = Self::default();
        entries.add(planned);
        entries
    }
}

/// When each of `entries` is recorded: up to `now`, her entries a microsecond apart in
/// the order their latest happenings were owed (her latest at `now`), so that her list
/// (newest first) reads as if each job had been recorded on its own.
fn entry_times(entries: &[(NewNotification, usize)], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut newest_first: Vec<usize> = (0..entries.len()).collect();
    newest_first.sort_by_key(|&entry| std::cmp::Reverse(entries[entry].1));
    let mut earlier_of_hers: HashMap<Uuid, i64> = HashMap::new();
    let mut times = vec![now; entries.len()];
    for entry in newest_first {
        let before_now = earlier_of_hers.entry(entries[entry].0.member_id).or_insert(0);
        times[entry] = now.checked_sub_signed(TimeDelta::microseconds(*before_now)).unwrap_or(now);
        *before_now += 1;
    }
    times
}

/// Tells each member's live stream about her new (or grown) entry and unread count,
/// the counts read in one statement.
pub async fn announce_created(db: &Db, bus: &Bus, recorded: &[Recorded]) {
    let members: Vec<Uuid> = recorded.iter().map(|recorded| recorded.member).collect();
    let unread_counts = match store::unread_counts(db, &members).await {
        Ok(counts) => Some(counts),
        Err(error) => {
            tracing::warn!(%error, "cannot count unread notifications for their live streams");
            None
        }
    };
    for Recorded { member, id, new } in recorded {
        let unread_count = unread_counts.as_ref().map(|counts| counts.get(member).copied().unwrap_or(0));
        let kind =
            if *new { NotificationEventKind::NotificationCreated } else { NotificationEventKind::NotificationUpdated };
        let event = NotificationEvent { kind, notification_id: Some(async_graphql::ID(id.to_string())), unread_count };
        announce(bus, *member, event).await;
    }
}

/// Marks her notifications `which` read, of those she may see now; returns how many
/// were marked and her unread count after, which her live streams are told when it
/// changed.
#[tracing::instrument(skip_all, fields(member = %member))]
pub async fn mark_read(db: &Db, bus: &Bus, member: Uuid, which: Marking<'_>) -> AppResult<(u64, i64)> {
    let marked = store::mark_read(db, member, which, clock::now()).await?;
    let unread_count = store::unread_count(db, member).await?;
    if marked > 0 {
        let kind = NotificationEventKind::UnreadCountChanged;
        announce(bus, member, NotificationEvent { kind, notification_id: None, unread_count: Some(unread_count) })
            .await;
    }
    Ok((marked, unread_count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn followed(member: Uuid, reply: Uuid) -> NewNotification {
        NewNotification {
            reply_id: Some(reply),
            ..NewNotification::to(member, NotificationKind::FollowedThreadActivity, "thread:1".into())
        }
    }

    #[test]
    fn a_run_of_plans_holds_one_entry_per_member_naming_the_latest_reply() {
        let members: Vec<Uuid> = (0..100).map(|_| Uuid::now_v7()).collect();
        let replies: Vec<Uuid> = (0..64).map(|_| Uuid::now_v7()).collect();
        let mut entries = Entries::default();
        for reply in &replies {
            entries.add(members.iter().map(|member| followed(*member, *reply)).collect());
        }
        entries.add(vec![NewNotification { push: true, ..followed(members[0], replies[0]) }]);

        assert_eq!(entries.by_key.len(), members.len());
        let first = &entries.by_key[&(members[0], "thread:1".to_string())].0;
        assert_eq!((first.happenings, first.push, first.reply_id), (65, true, Some(replies[0])));
        let other = &entries.by_key[&(members[1], "thread:1".to_string())].0;
        assert_eq!((other.happenings, other.push, other.reply_id), (64, false, Some(replies[63])));
    }
}
