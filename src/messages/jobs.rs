//! The job a sent message owes: telling the conversation's other members — a new
//! message in the inbox, a message request in requests — unless she muted the
//! conversation, has a block either way with its author, or turned that kind off. One
//! unread entry per conversation gathers its messages, and each message is pushed to
//! those who want it (quiet hours hold it, as every push).

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::model::Standing;
use super::store;
use crate::db::Db;
use crate::error::AppResult;
use crate::jobs::{JobKind, JobSpec, Ran, RunEach};
use crate::notifications::{self, NewNotification, NotificationKind};
use crate::realtime::Bus;
use crate::{clock, members};

/// Runs [`JobKind::MessageSent`].
pub struct NotifyMessage {
    pub db: Db,
    pub bus: Bus,
}

impl RunEach for NotifyMessage {
    fn kinds(&self) -> Vec<JobKind> {
        vec![JobKind::MessageSent]
    }

    fn run(&self, job: JobSpec) -> BoxFuture<'_, anyhow::Result<Ran>> {
        Box::pin(async move {
            let planned = plan(&self.db, job.subject).await?;
            notifications::recording(&self.db, &self.bus, planned.into()).await
        })
    }
}

/// The notifications message `id` calls for (none once it is gone).
async fn plan(db: &Db, id: Uuid) -> AppResult<Vec<NewNotification>> {
    let Some(message) = store::find_message(db, id).await? else {
        return Ok(Vec::new());
    };
    let author = message.author_id;
    let to_tell = store::to_tell(db, message.conversation_id, author, clock::now()).await?;
    let members: Vec<Uuid> = to_tell.iter().map(|(member, _)| *member).collect();
    let unblocked = members::not_blocked_with(db, author, &members).await?;
    let planned = to_tell.into_iter().filter(|(member, _)| unblocked.contains(member)).map(|(member, standing)| {
        // A referral asked stands alone; messages gather in one entry per conversation
        // (a request she accepts becomes a new-message entry by rank).
        let conversation_key = format!("conversation:{}", message.conversation_id);
        let (kind, key) = match (message.job_post_id, standing) {
            // One entry per job and asker, however often she asks.
            (Some(job), _) => (NotificationKind::ReferralRequest, format!("referral:{job}:{author}")),
            (None, Standing::Requested) => (NotificationKind::MessageRequest, conversation_key),
            (None, _) => (NotificationKind::NewMessage, conversation_key),
        };
        NewNotification {
            conversation_id: Some(message.conversation_id),
            message_id: Some(message.id),
            job_post_id: message.job_post_id,
            actor_id: Some(author),
            ..NewNotification::to(member, kind, key)
        }
    });
    Ok(notifications::keep_wanted(db, planned.collect()).await?)
}
