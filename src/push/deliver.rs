//! The push jobs. A notification she wants pushed goes to each of her devices — unless
//! she is in quiet hours: then it is held, and one push for everything held goes when
//! they end (event changes within two hours of the start go at once). Each push is
//! claimed per device before it is sent, so a job run again after a crash skips what
//! went; a device whose service says it is gone is forgotten; the rest is retried.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;
use web_push::Urgency;

use super::payload::Payload;
use super::quiet_hours;
use super::sender::{Device, Envelope, Outcome, Sender};
use super::store::{self, DeviceRow};
use crate::clock;
use crate::db::{Db, Tx};
use crate::jobs::{self, JobKind, JobSpec, NewJob, RetryNotBefore, Schedule};
use crate::members;
use crate::notifications::{self, Notification, NotificationKind};

/// Event news this close to the start is pushed even in quiet hours.
const URGENT_BEFORE_START: TimeDelta = TimeDelta::hours(2);
const DAY_SECS: u32 = 24 * 3600;

/// Runs push job `job`; returns the transaction holding its writes, for the job's
/// removal to commit with them.
pub async fn run(sender: &Sender, db: &Db, job: JobSpec) -> anyhow::Result<Tx> {
    match (job.kind, job.target) {
        (JobKind::PushNotification, Some(member)) => push_notification(sender, db, member, job.subject).await,
        (JobKind::PushRelease, _) => release_held(sender, db, job.subject, job.scheduled_for).await,
        _ => anyhow::bail!("not a push job: {:?}", job.kind),
    }
}

async fn push_notification(sender: &Sender, db: &Db, member: Uuid, id: Uuid) -> anyhow::Result<Tx> {
    // Gone, out of her sight, or already read in the app: nothing to push.
    let Some(notification) = notifications::one(db, member, id).await?.filter(|n| n.read_at.is_none()) else {
        return Ok(db.begin_write().await?);
    };
    if let Some(end) = quiet_until(db, member, &notification).await? {
        return hold_until(db, member, notification.id, end).await;
    }
    let payload = payload_for(db, member, &notification).await?;
    let key = format!("{}:{}", notification.id, notification.happenings);
    send_to_devices(sender, db, member, &key, &payload, &envelope(&notification)).await?;
    Ok(db.begin_write().await?)
}

/// When her quiet hours hold `notification` until, if they do.
async fn quiet_until(db: &Db, member: Uuid, notification: &Notification) -> anyhow::Result<Option<DateTime<Utc>>> {
    let now = clock::now();
    let event_news = matches!(notification.kind.0, NotificationKind::EventChanged | NotificationKind::EventCancelled);
    if event_news && notification.event_starts_at.is_some_and(|start| start - now <= URGENT_BEFORE_START) {
        return Ok(None);
    }
    Ok(quiet_hours::of_member(db, member).await?.and_then(|quiet| quiet.ends_after(now)))
}

async fn hold_until(db: &Db, member: Uuid, notification: Uuid, end: DateTime<Utc>) -> anyhow::Result<Tx> {
    let mut tx = db.begin_write().await?;
    store::hold(&mut tx, member, notification).await?;
    let release =
        NewJob { schedule: Some(Schedule { run_at: end, about: end }), ..NewJob::system(JobKind::PushRelease, member) };
    jobs::enqueue(&mut tx, release).await?;
    metrics::counter!("pushes_total", "result" => "held").increment(1);
    Ok(tx)
}

/// Her quiet hours ended (at `ended`): one push for what was held and is still unread.
async fn release_held(sender: &Sender, db: &Db, member: Uuid, ended: Option<DateTime<Utc>>) -> anyhow::Result<Tx> {
    let held = store::held_for(db, member).await?;
    let mut waiting = Vec::new();
    for id in &held {
        if let Some(notification) = notifications::one(db, member, *id).await?.filter(|n| n.read_at.is_none()) {
            waiting.push(notification);
        }
    }
    if let [only] = waiting.as_slice() {
        let key = format!("{}:{}", only.id, only.happenings);
        send_to_devices(sender, db, member, &key, &payload_for(db, member, only).await?, &envelope(only)).await?;
    } else if !waiting.is_empty() {
        let payload = Payload::summary(waiting.len(), notifications::unread_count(db, member).await?);
        let envelope = Envelope { ttl: DAY_SECS, urgency: Urgency::Normal, topic: member.simple().to_string() };
        let key = format!("release:{member}:{}", ended.map(|at| at.timestamp()).unwrap_or_default());
        send_to_devices(sender, db, member, &key, &payload, &envelope).await?;
    }
    let mut tx = db.begin_write().await?;
    store::unhold(&mut tx, member, &held).await?;
    Ok(tx)
}

async fn payload_for(db: &Db, member: Uuid, notification: &Notification) -> anyhow::Result<Payload> {
    let actor = match notification.actor_id {
        Some(actor) if notification.names_actor() => {
            members::find(db, member, actor).await?.map(|actor| actor.display_name).unwrap_or_default()
        }
        _ => String::new(),
    };
    let badge = notifications::unread_count(db, member).await?;
    Ok(Payload::for_notification(notification, &actor, badge))
}

/// How the push service should treat the push for `notification`: one topic per
/// thread, event or group (a newer push replaces an undelivered one), urgency by how
/// much it concerns her, and kept no longer than it matters.
fn envelope(notification: &Notification) -> Envelope {
    let about = notification.thread_id.or(notification.event_id).unwrap_or(notification.group_id);
    let urgency = match notification.kind.0 {
        NotificationKind::EventChanged
        | NotificationKind::EventCancelled
        | NotificationKind::EventReminder
        | NotificationKind::WaitlistPromoted => Urgency::High,
        NotificationKind::FollowedThreadActivity
        | NotificationKind::NewEventInGroup
        | NotificationKind::JoinRequest => Urgency::Low,
        NotificationKind::ReplyToMyThread
        | NotificationKind::ReplyToMyReply
        | NotificationKind::Mention
        | NotificationKind::JoinApproved => Urgency::Normal,
    };
    let until_start = notification.event_starts_at.map(|start| (start - clock::now()).num_seconds());
    let ttl =
        until_start.map_or(DAY_SECS, |secs| u32::try_from(secs.clamp(60, i64::from(DAY_SECS))).unwrap_or(DAY_SECS));
    Envelope { ttl, urgency, topic: about.simple().to_string() }
}

/// Sends push `key` to each of her devices it has not gone to; fails (to be retried,
/// skipping the devices it reached) when a device's service asks to try again.
async fn send_to_devices(
    sender: &Sender,
    db: &Db,
    member: Uuid,
    key: &str,
    payload: &Payload,
    envelope: &Envelope,
) -> anyhow::Result<()> {
    let mut retry: Option<RetryNotBefore> = None;
    for device in store::devices_of(db, member).await? {
        if !store::claim_delivery(db, key, device.id).await? {
            metrics::counter!("pushes_total", "result" => "duplicate_skipped").increment(1);
            continue;
        }
        let outcome = send_once_shrinking(sender, &device, envelope, payload).await;
        metrics::counter!("pushes_total", "result" => outcome.label()).increment(1);
        let not_before = match outcome {
            Outcome::Delivered => continue,
            Outcome::Gone => {
                store::forget(db, device.id).await?;
                continue;
            }
            Outcome::TooLarge | Outcome::Rejected(_) => {
                tracing::warn!(device = %device.id, ?outcome, "the push service refused a push; not retried");
                continue;
            }
            Outcome::RetryAt(at) => RetryNotBefore { at, reason: "the push service asked to wait".into() },
            Outcome::RetrySoon(reason) => RetryNotBefore { at: clock::now(), reason },
        };
        store::release_delivery(db, key, device.id).await?;
        retry = Some(match retry {
            Some(earlier) if earlier.at >= not_before.at => earlier,
            _ => not_before,
        });
    }
    retry.map_or(Ok(()), |retry| Err(retry.into()))
}

/// Sends `payload`; a push the service finds too large goes once more without its text.
async fn send_once_shrinking(sender: &Sender, device: &DeviceRow, envelope: &Envelope, payload: &Payload) -> Outcome {
    let device = Device { endpoint: &device.endpoint, p256dh: &device.p256dh, auth: &device.auth };
    let outcome = sender.send(&device, envelope, &payload.to_bytes()).await;
    if outcome != Outcome::TooLarge {
        return outcome;
    }
    sender.send(&device, envelope, &payload.minimal().to_bytes()).await
}
