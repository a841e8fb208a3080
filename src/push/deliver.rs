//! The push jobs. A notification she wants pushed goes to each of her devices — unless
//! she is in quiet hours: then it is held, and one push for everything held goes when
//! they end (event changes within two hours of the start go at once). Each push is
//! claimed per device before it is sent, so a job run again after a crash skips what
//! went; a device whose service says it is gone is forgotten; the rest is retried.
//! Notification pushes are worked out a batch at a time (a few queries for the whole
//! batch) and sent concurrently.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;
use web_push::Urgency;

use super::payload::Payload;
use super::quiet_hours::{self, QuietHours};
use super::sender::{Outgoing, Sender};
use super::store::{self, DeviceRow};
use super::transport::{Envelope, Outcome};
use crate::clock;
use crate::db::{Db, Tx};
use crate::jobs::{self, JobKind, NewJob, RetryNotBefore};
use crate::notifications::{self, ForPush, Notification, NotificationKind};

/// Event news this close to the start is pushed even in quiet hours.
const URGENT_BEFORE_START: TimeDelta = TimeDelta::hours(2);
const DAY_SECS: u32 = 24 * 3600;
/// The longest a run takes to send one push (the sender's `SEND_AT_MOST`, and some): a
/// claim unanswered for longer is a sender that died mid-send, and its push counts as
/// gone.
const SENDING_AT_MOST: TimeDelta = TimeDelta::seconds(45);

/// One push to send to each of a member's devices.
struct Push {
    member: Uuid,
    /// Unique per push (a notification as it is now, a release), so a device gets it once.
    key: String,
    payload: Payload,
    envelope: Envelope,
}

/// Runs PUSH_NOTIFICATION jobs, each `(notification, member)`; returns each one's
/// outcome, in order. Their writes (holding a push) commit on their own: done again,
/// they change nothing.
#[tracing::instrument(skip_all, fields(jobs = jobs.len()))]
pub async fn push_notifications(
    sender: &Sender,
    db: &Db,
    jobs: &[(Uuid, Uuid)],
) -> Result<Vec<anyhow::Result<()>>, sqlx::Error> {
    let ids: Vec<Uuid> = jobs.iter().map(|(notification, _)| *notification).collect();
    // Gone, out of her sight, or already read in the app: nothing to push.
    let mut unread: HashMap<Uuid, ForPush> = notifications::for_push(db, &ids)
        .await?
        .into_iter()
        .filter(|found| found.notification.read_at.is_none())
        .map(|found| (found.notification.id, found))
        .collect();
    let members: Vec<Uuid> = unread.values().map(|found| found.member_id).collect();
    let quiet = quiet_hours::of_members(db, &members).await?;
    let badges = notifications::unread_counts(db, &members).await?;
    let now = clock::now();
    let mut outcomes: Vec<Option<anyhow::Result<()>>> = Vec::with_capacity(jobs.len());
    let mut pushes = Vec::new();
    for (notification, member) in jobs {
        let Some(found) = unread.remove(notification).filter(|found| found.member_id == *member) else {
            outcomes.push(Some(Ok(())));
            continue;
        };
        if let Some(end) = quiet_end(quiet.get(member), &found.notification, now) {
            outcomes.push(Some(hold_until(db, *member, *notification, end).await));
            continue;
        }
        let badge = badges.get(member).copied().unwrap_or_default();
        pushes.push((outcomes.len(), push_for(&found, badge)));
        outcomes.push(None);
    }
    let retries = send(sender, db, pushes.iter().map(|(_, push)| push).collect()).await?;
    for ((at, _), retry) in pushes.iter().zip(retries) {
        outcomes[*at] = Some(retry.map_or(Ok(()), |retry| Err(retry.into())));
    }
    Ok(outcomes.into_iter().map(|outcome| outcome.unwrap_or(Ok(()))).collect())
}

/// When quiet hours hold `notification` until, if they do.
fn quiet_end(quiet: Option<&QuietHours>, notification: &Notification, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let event_news = matches!(
        notification.kind.0,
        NotificationKind::EventChanged | NotificationKind::EventCancelled | NotificationKind::CoffeeChatCancelled
    );
    let soon = |start: DateTime<Utc>| start - now <= URGENT_BEFORE_START && now - start <= URGENT_BEFORE_START;
    if event_news && notification.event_starts_at.is_some_and(soon) {
        return None;
    }
    quiet?.ends_after(now)
}

/// Holds her push of `notification` until `end` (again: nothing changes).
async fn hold_until(db: &Db, member: Uuid, notification: Uuid, end: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    store::hold(&mut tx, member, notification).await?;
    jobs::enqueue(&mut tx, NewJob::due_at(JobKind::PushRelease, member, end)).await?;
    tx.commit().await?;
    metrics::counter!("pushes_total", "result" => "held").increment(1);
    Ok(())
}

/// Runs a PUSH_RELEASE job: her quiet hours ended (at `ended`), so one push goes for
/// what was held and is still unread.
#[tracing::instrument(skip_all, fields(member = %member))]
pub async fn release_held(sender: &Sender, db: &Db, member: Uuid, ended: Option<DateTime<Utc>>) -> anyhow::Result<Tx> {
    let held = store::held_for(db, member).await?;
    let waiting: Vec<ForPush> = notifications::for_push(db, &held)
        .await?
        .into_iter()
        .filter(|found| found.member_id == member && found.notification.read_at.is_none())
        .collect();
    let badge = notifications::unread_count(db, member).await?;
    let push = match waiting.as_slice() {
        [] => None,
        [only] => Some(push_for(only, badge)),
        several => Some(Push {
            member,
            key: format!("release:{member}:{}", ended.map(|at| at.timestamp()).unwrap_or_default()),
            payload: Payload::summary(several.len(), newest(several), badge),
            envelope: Envelope { ttl: DAY_SECS, urgency: Urgency::Normal, topic: member.simple().to_string() },
        }),
    };
    if let Some(retry) = send(sender, db, push.iter().collect()).await?.into_iter().flatten().next() {
        return Err(retry.into());
    }
    let mut tx = db.begin_write().await?;
    store::unhold(&mut tx, member, &held).await?;
    // A push held while this ran (its window's end raced this release) gets its own.
    if store::holds_any(&mut tx, member).await? {
        jobs::enqueue(&mut tx, NewJob::due_at(JobKind::PushRelease, member, clock::now())).await?;
    }
    Ok(tx)
}

/// The id of the most recently updated of `waiting` (never empty).
fn newest(waiting: &[ForPush]) -> Uuid {
    let latest = waiting.iter().max_by_key(|found| (found.notification.updated_at, found.notification.id));
    latest.map(|found| found.notification.id).unwrap_or_default()
}

/// The push for `found`, her unread count being `badge`.
fn push_for(found: &ForPush, badge: i64) -> Push {
    let notification = &found.notification;
    Push {
        member: found.member_id,
        key: format!("{}:{}", notification.id, notification.happenings),
        payload: Payload::for_notification(found, badge),
        envelope: envelope(notification),
    }
}

/// How the push service should treat the push for `notification`: one topic per
/// thread, event, conversation or group (a newer push replaces an undelivered one),
/// urgency by how much it concerns her, and kept no longer than it matters.
fn envelope(notification: &Notification) -> Envelope {
    let subjects = [
        notification.thread_id,
        notification.event_id,
        notification.conversation_id,
        notification.job_post_id,
        notification.coffee_chat_id,
        notification.program_id,
        notification.survey_id,
        notification.group_id,
    ];
    let about = subjects.into_iter().flatten().next().unwrap_or(notification.id);
    let urgency = match notification.kind.0 {
        NotificationKind::EventChanged
        | NotificationKind::EventCancelled
        | NotificationKind::EventReminder
        | NotificationKind::WaitlistPromoted
        | NotificationKind::ProgramPlaceGiven
        | NotificationKind::CoffeeChatCancelled
        | NotificationKind::CoffeeChatReminder => Urgency::High,
        NotificationKind::FollowedThreadActivity
        | NotificationKind::NewEventInGroup
        | NotificationKind::JoinRequest
        | NotificationKind::MessageRequest
        | NotificationKind::JobExpiring
        | NotificationKind::ProgramOffer
        | NotificationKind::ReturnToWorkCheck
        | NotificationKind::SurveyInvitation => Urgency::Low,
        NotificationKind::ReplyToMyThread
        | NotificationKind::ReplyToMyReply
        | NotificationKind::Mention
        | NotificationKind::JoinApproved
        | NotificationKind::NewMessage
        | NotificationKind::ReferralRequest
        | NotificationKind::CoffeeChatProposed
        | NotificationKind::CoffeeChatAccepted
        | NotificationKind::CoffeeChatDeclined
        | NotificationKind::ModeratorWarning
        | NotificationKind::ContentHeld => Urgency::Normal,
    };
    let until_start = notification.event_starts_at.map(|start| (start - clock::now()).num_seconds());
    let ttl =
        until_start.map_or(DAY_SECS, |secs| u32::try_from(secs.clamp(60, i64::from(DAY_SECS))).unwrap_or(DAY_SECS));
    Envelope { ttl, urgency, topic: about.simple().to_string() }
}

/// Sends each push to each of its member's devices it has not gone to; returns, per
/// push, when to try again if a device's service asked to (the retry skips the devices
/// it reached).
async fn send(sender: &Sender, db: &Db, pushes: Vec<&Push>) -> Result<Vec<Option<RetryNotBefore>>, sqlx::Error> {
    let members: Vec<Uuid> = pushes.iter().map(|push| push.member).collect();
    let mut devices: HashMap<Uuid, Vec<DeviceRow>> = HashMap::new();
    for device in store::devices_of(db, &members).await? {
        devices.entry(device.member_id).or_default().push(device);
    }
    let wanted: Vec<(usize, &DeviceRow)> = pushes
        .iter()
        .enumerate()
        .flat_map(|(n, push)| devices.get(&push.member).into_iter().flatten().map(move |device| (n, device)))
        .collect();
    let keys: Vec<(String, Uuid)> = wanted.iter().map(|(n, device)| (pushes[*n].key.clone(), device.id)).collect();
    let claimed = store::claim_deliveries(db, &keys).await?;
    let mut retries: Vec<Option<RetryNotBefore>> = pushes.iter().map(|_| None).collect();
    let (to_send, taken): (Vec<_>, Vec<_>) =
        wanted.into_iter().partition(|(n, device)| claimed.contains(&(pushes[*n].key.clone(), device.id)));
    wait_for_other_senders(db, &pushes, &taken, &mut retries).await?;
    let sends: Vec<Outgoing> = to_send
        .iter()
        .map(|(n, device)| Outgoing { device, payload: &pushes[*n].payload, envelope: &pushes[*n].envelope })
        .collect();
    let outcomes = sender.send_all(&sends).await;
    let mut answered = Vec::new();
    for ((n, device), outcome) in to_send.into_iter().zip(outcomes) {
        metrics::counter!("pushes_total", "result" => outcome.label()).increment(1);
        let key = &pushes[n].key;
        // Settled one by one, so a failure to record one answer leaves the others'.
        match settle(db, key, device, outcome).await {
            Ok(Some(retry)) => later(&mut retries[n], retry),
            Ok(None) => answered.push((key.clone(), device.id)),
            Err(error) => tracing::error!(%error, device = %device.id, "cannot record a push service's answer"),
        }
    }
    store::mark_sent(db, &answered).await?;
    Ok(retries)
}

/// Keeps in `slot` the later of its retry and `retry`.
fn later(slot: &mut Option<RetryNotBefore>, retry: RetryNotBefore) {
    *slot = Some(match slot.take() {
        Some(earlier) if earlier.at >= retry.at => earlier,
        _ => retry,
    });
}

/// Of the pushes `taken` (claimed by an earlier run), those another run is sending now
/// make their push retry once that run must have finished (then it went, or its claim
/// was given up); the rest went, or their sender died mid-send, and are skipped.
async fn wait_for_other_senders(
    db: &Db,
    pushes: &[&Push],
    taken: &[(usize, &DeviceRow)],
    retries: &mut [Option<RetryNotBefore>],
) -> Result<(), sqlx::Error> {
    let keys: Vec<(String, Uuid)> = taken.iter().map(|(n, device)| (pushes[*n].key.clone(), device.id)).collect();
    let sending = store::being_sent(db, &keys, clock::now() - SENDING_AT_MOST).await?;
    for (n, device) in taken {
        match sending.get(&(pushes[*n].key.clone(), device.id)) {
            Some(claimed_at) => {
                let reason = "another run is sending this push".to_owned();
                later(&mut retries[*n], RetryNotBefore { at: *claimed_at + SENDING_AT_MOST, reason });
            }
            None => metrics::counter!("pushes_total", "result" => "duplicate_skipped").increment(1),
        }
    }
    Ok(())
}

/// Acts on a push service's answer: forgets a gone device, and gives up the claim of a
/// push to retry (returning when); `None` when the answer is final.
async fn settle(
    db: &Db,
    key: &str,
    device: &DeviceRow,
    outcome: Outcome,
) -> Result<Option<RetryNotBefore>, sqlx::Error> {
    let retry = match outcome {
        Outcome::Delivered => return Ok(None),
        Outcome::Gone => {
            store::forget(db, device.id).await?;
            return Ok(None);
        }
        Outcome::TooLarge | Outcome::Rejected(_) => {
            tracing::warn!(device = %device.id, ?outcome, "the push service refused a push; not retried");
            return Ok(None);
        }
        Outcome::RetryAt(at) => RetryNotBefore { at, reason: "the push service asked to wait".into() },
        Outcome::RetrySoon(reason) => RetryNotBefore { at: clock::now(), reason },
    };
    store::release_delivery(db, key, device.id).await?;
    Ok(Some(retry))
}
