//! The digest job: at her hour, gather what a digest says, email it when there is
//! anything to say, and schedule the next one in the same transaction.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use futures_util::future::BoxFuture;
use serde_json::{Value, json};
use uuid::Uuid;

use super::UNSUBSCRIBE_SCOPE;
use super::schedule::{DigestFrequency, next_due, zone};
use super::store::{self, BusyThread, Upcoming};
use crate::clock;
use crate::db::Db;
use crate::email::{Letter, Postbox};
use crate::jobs::{self, JobKind, JobSpec, NewJob, Ran, RunEach};
use crate::members;
use crate::notifications::{self, NotificationKind};

/// Runs `DIGEST_DUE` (subject: her; scheduled for: the time it is due).
pub struct Digests {
    pub db: Db,
    pub postbox: Postbox,
}

fn thread_line(thread: &BusyThread) -> String {
    let replies =
        if thread.replies == 1 { "1 new reply".to_owned() } else { format!("{} new replies", thread.replies) };
    if thread.private {
        format!("A thread in a private group: {replies}")
    } else {
        format!("'{}' in {}: {replies}", thread.title, thread.group_name)
    }
}

fn event_line(event: &Upcoming, zone: Tz) -> String {
    let when = event.starts_at.with_timezone(&zone).format("%a %-d %b, %H:%M");
    if event.private { format!("An event in a private group, {when}") } else { format!("'{}', {when}", event.title) }
}

impl Digests {
    /// What her digest says now, or `None` when there is nothing to say.
    async fn content(
        &self,
        member: Uuid,
        frequency: DigestFrequency,
        zone: Tz,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Value>> {
        let threads: Vec<String> =
            store::busiest_threads(&self.db, member, now - frequency.period()).await?.iter().map(thread_line).collect();
        let mentions = notifications::unread_of_kind(&self.db, member, NotificationKind::Mention).await?;
        let line = |events: Vec<Upcoming>| events.iter().map(|event| event_line(event, zone)).collect::<Vec<_>>();
        let going = line(store::upcoming(&self.db, member, now, true).await?);
        let suggested = line(store::upcoming(&self.db, member, now, false).await?);
        if threads.is_empty() && mentions == 0 && going.is_empty() && suggested.is_empty() {
            return Ok(None);
        }
        let period = if frequency == DigestFrequency::Weekly { "this week" } else { "today" };
        Ok(Some(
            json!({ "period": period, "threads": threads, "mentions": mentions, "going": going, "suggested": suggested }),
        ))
    }

    async fn run_due(&self, member: Uuid, at: DateTime<Utc>) -> anyhow::Result<Ran> {
        let now = clock::now();
        // Read first: the write transaction (a lock on SQLite) only records the result.
        let Some(setting) = store::setting(&self.db, member).await?.filter(|setting| setting.next_at == at) else {
            return Ok(Ran::writes(self.db.begin_write().await?));
        };
        let frequency = setting.frequency.0;
        let zone = zone(store::time_zone_of(&self.db, member).await?.as_deref());
        let content = match frequency {
            DigestFrequency::None => None,
            _ => self.content(member, frequency, zone, now).await?,
        };
        let mut tx = self.db.begin_write().await?;
        let Some(setting) = store::due(&mut tx, member, at).await? else {
            return Ok(Ran::writes(tx));
        };
        let her = members::addressee(&mut tx, member).await?;
        // Never to an address she has not confirmed (anyone may type anyone's).
        if let (Some(content), Some(her)) = (content, her.filter(|her| her.email_verified_at.is_some())) {
            let to = her.recipient();
            let unsubscribe = Some((member, UNSUBSCRIBE_SCOPE));
            self.postbox.queue_unsubscribable(&mut tx, to, Letter::Digest, content, unsubscribe).await?;
        }
        let hour = u32::try_from(setting.hour).unwrap_or(0);
        let next = next_due(frequency, hour, zone, at.max(now));
        store::advance(&mut tx, member, now, next).await?;
        jobs::enqueue(&mut tx, NewJob::due_at(JobKind::DigestDue, member, next)).await?;
        Ok(Ran::writes(tx))
    }
}

impl RunEach for Digests {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::DigestDue]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            match job.scheduled_for {
                Some(at) => self.run_due(job.subject, at).await,
                None => Ok(Ran::writes(self.db.begin_write().await?)),
            }
        })
    }
}
