//! The jobs notifications run: for each happening a write recorded (a reply posted, an
//! event created or changed, a seat freed, a reminder due, a join request made or
//! approved), work out who is told, record their entries (and push jobs) with the job's
//! removal, then tell their open connections.

use futures_util::future::BoxFuture;

use super::model::{EventNews, JoinNews, News};
use super::service::{Entries, announce_created, plan, record};
use super::store::NewNotification;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunFolded};
use crate::realtime::Bus;

/// The job kinds notifications run, with the news each brings.
const NEWS: [(JobKind, News); 9] = [
    (JobKind::ReplyPosted, News::Reply),
    (JobKind::EventCreated, News::Event(EventNews::Created)),
    (JobKind::EventChanged, News::Event(EventNews::Changed)),
    (JobKind::EventCancelled, News::Event(EventNews::Cancelled)),
    (JobKind::WaitlistPromoted, News::Event(EventNews::WaitlistPromoted)),
    (JobKind::EventReminderDay, News::Event(EventNews::ReminderDay)),
    (JobKind::EventReminderHour, News::Event(EventNews::ReminderHour)),
    (JobKind::JoinRequested, News::Join(JoinNews::Requested)),
    (JobKind::JoinApproved, News::Join(JoinNews::Approved)),
];

/// Runs the notification jobs in the order they were owed (so the newest reply is the
/// one a collapsed entry names), a run of them at once: a burst of replies to a busy
/// thread is planned reply by reply and recorded in one transaction, each member's
/// entry growing by as many happenings as concern her.
pub struct Notify {
    pub db: Db,
    pub bus: Bus,
}

impl Notify {
    async fn plan(&self, job: JobSpec) -> anyhow::Result<Vec<NewNotification>> {
        let news = NEWS
            .iter()
            .find(|(kind, _)| *kind == job.kind)
            .map(|(_, news)| *news)
            .ok_or_else(|| anyhow::anyhow!("{:?} is not a notification job", job.kind))?;
        Ok(plan(&self.db, news, job).await?)
    }
}

impl RunFolded for Notify {
    fn kinds(&self) -> Vec<JobKind> {
        NEWS.iter().map(|(kind, _)| *kind).collect()
    }

    fn run<'a>(&'a self, jobs: &'a [JobSpec]) -> BoxFuture<'a, anyhow::Result<Ran>> {
        Box::pin(async move {
            let mut entries = Entries::default();
            for job in jobs {
                entries.add(self.plan(*job).await?);
            }
            recording(&self.db, &self.bus, entries).await
        })
    }
}

/// What notification jobs ran: `entries` recorded (with their push jobs) in the writes
/// committed with the jobs' removal, and announced to her open connections once they
/// are.
pub async fn recording(db: &Db, bus: &Bus, entries: Entries) -> anyhow::Result<Ran> {
    let mut writes = db.begin_write().await?;
    let created = record(&mut writes, entries).await?;
    let (db, bus) = (db.clone(), bus.clone());
    let after_commit = Box::pin(async move { announce_created(&db, &bus, &created).await });
    Ok(Ran { writes, after_commit: Some(after_commit) })
}
