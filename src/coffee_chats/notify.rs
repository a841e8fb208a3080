//! The jobs coffee chats owe: telling the other member of a proposal, an answer or a
//! cancellation, and both of them a day and an hour before an accepted chat. Nothing
//! goes across a block, and a reminder of a chat cancelled or moved since does nothing.

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::model::{ChatRow, CoffeeChatStatus};
use super::store;
use crate::db::Db;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;

/// The job kinds coffee chats run, with the notification each brings.
const KINDS: [(JobKind, NotificationKind); 6] = [
    (JobKind::CoffeeChatProposed, NotificationKind::CoffeeChatProposed),
    (JobKind::CoffeeChatAccepted, NotificationKind::CoffeeChatAccepted),
    (JobKind::CoffeeChatDeclined, NotificationKind::CoffeeChatDeclined),
    (JobKind::CoffeeChatCancelled, NotificationKind::CoffeeChatCancelled),
    (JobKind::CoffeeChatReminderDay, NotificationKind::CoffeeChatReminder),
    (JobKind::CoffeeChatReminderHour, NotificationKind::CoffeeChatReminder),
];

/// Runs the coffee chat jobs.
pub struct NotifyCoffeeChat {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for NotifyCoffeeChat {
    fn kinds(&self) -> Vec<JobKind> {
        KINDS.iter().map(|(kind, _)| *kind).collect()
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let kind = KINDS
                .iter()
                .find(|(kind, _)| *kind == job.kind)
                .map(|(_, notification)| *notification)
                .ok_or_else(|| anyhow::anyhow!("{:?} is not a coffee chat job", job.kind))?;
            let planned = match store::by_id(&self.db, job.subject).await? {
                Some(chat) => plan(&chat, kind, &job),
                None => Vec::new(),
            };
            let planned = notifications::keep_wanted(&self.db, planned).await?;
            notifications::recording(&self.db, &self.bus, planned.into()).await
        })
    }
}

/// Who `job` tells about `chat`, as `kind`: the member it names of what the other did,
/// or, for a reminder still due, each of the two about the other.
fn plan(chat: &ChatRow, kind: NotificationKind, job: &JobSpec) -> Vec<NewNotification> {
    let tell = |member: Uuid, actor: Uuid| NewNotification {
        coffee_chat_id: Some(chat.id),
        actor_id: Some(actor),
        ..NewNotification::to(member, kind, format!("coffee-chat:{}:{:?}:{}", chat.id, job.kind, chat.sequence))
    };
    if kind == NotificationKind::CoffeeChatReminder {
        let due = chat.status.0 == CoffeeChatStatus::Accepted && chat.starts_at == job.scheduled_for;
        if !due {
            return Vec::new();
        }
        return vec![tell(chat.proposed_by, chat.proposed_to), tell(chat.proposed_to, chat.proposed_by)];
    }
    match (job.target, job.actor) {
        (Some(member), Some(actor)) => vec![tell(member, actor)],
        _ => Vec::new(),
    }
}
