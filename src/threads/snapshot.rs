//! A reply as live updates carry it: read once per process for every subscriber of its
//! thread (author, her connections and who reacted how included), then shaped for each
//! reader in memory — whether she blocked the author, whether she is connected with
//! her, which reactions are hers — with no query per reader.

use std::collections::HashSet;

use uuid::Uuid;

use super::model::{Reaction, ReactionCount, Reply, ReplyExtras};
use super::store;
use crate::db::Db;
use crate::error::AppResult;
use crate::members::{self, Member};

/// A reply with what every reader's view of it is made from.
pub struct ReplySnapshot {
    reply: Reply,
    author: Member,
    author_connections: HashSet<Uuid>,
    reactions: Vec<(Uuid, Reaction)>,
}

impl ReplySnapshot {
    /// Reads reply `id`; `None` when it or its author no longer exists.
    pub async fn load(db: &Db, id: Uuid) -> AppResult<Option<Self>> {
        let Some(reply) = store::find_reply(db, Uuid::nil(), id).await? else {
            return Ok(None);
        };
        let Some(author) = members::find(db, Uuid::nil(), reply.author_id).await? else {
            return Ok(None);
        };
        let author_connections = members::connected_with(db, reply.author_id).await?;
        let reactions = store::reactions_on(db, id).await?;
        Ok(Some(Self { reply, author, author_connections, reactions }))
    }

    /// The thread the reply is in.
    pub fn thread_id(&self) -> Uuid {
        self.reply.thread_id
    }

    /// The reply as `viewer`, who blocked `blocked`, sees it.
    pub fn seen_by(&self, viewer: Uuid, blocked: &HashSet<Uuid>) -> Reply {
        let mut author = self.author.clone();
        author.connected = self.author_connections.contains(&viewer);
        let reactions = self.reaction_counts(viewer);
        Reply {
            hidden: blocked.contains(&self.reply.author_id),
            preloaded: Some(Box::new(ReplyExtras { author, reactions })),
            ..self.reply.clone()
        }
    }

    fn reaction_counts(&self, viewer: Uuid) -> Vec<ReactionCount> {
        let mut counts: Vec<ReactionCount> = Vec::new();
        for (member, reaction) in &self.reactions {
            let index = match counts.iter().position(|count| count.reaction == *reaction) {
                Some(index) => index,
                None => {
                    counts.push(ReactionCount { reaction: *reaction, count: 0, reacted_by_me: false });
                    counts.len() - 1
                }
            };
            counts[index].count += 1;
            counts[index].reacted_by_me |= *member == viewer;
        }
        counts
    }
}
