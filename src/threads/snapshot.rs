//! A reply as live updates carry it: read once per process for every subscriber of its
//! thread (author, her connections and who reacted how included), then shaped for each
//! reader in memory — whether she and the author are blocked either way, whether she is
//! connected with her, which reactions are hers and which are by members blocked
//! either way with her (not counted for her) — with no query per reader. Its
//! renderings are shared too (see `render`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::Value;
use async_graphql::connection::CursorType;
use uuid::Uuid;

use super::live::{ThreadUpdate, ThreadUpdateKind, reply_cursor};
use super::model::{Reaction, ReactionCount, Reply, ReplyExtras};
use super::store;
use crate::db::Db;
use crate::error::AppResult;
use crate::graphql::relay::Cursor;
use crate::members::{self, Member};

/// What a reader's rendering of one reply update depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Facts {
    pub kind: ThreadUpdateKind,
    pub hidden: bool,
    /// Hidden because it is held for review (not for a block): she is sent the
    /// placeholder, so the words she saw go.
    pub held: bool,
    pub connected: bool,
    pub is_author: bool,
    /// Posted anonymously and she neither wrote it nor sees past anonymity here: no
    /// author is shown.
    pub author_masked: bool,
    pub reacted: Vec<Reaction>,
    /// Reactions by members blocked either way with her: not counted for her.
    pub unseen: Vec<Reaction>,
}

/// Renderings of one reply update, by the shape of the selection rendered (see
/// `render`) and the facts; kept as long as the update is being delivered.
#[derive(Default)]
pub struct Renders(Mutex<HashMap<(Arc<str>, Facts), Value>>);

impl Renders {
    /// The rendering of `shape` for readers with `facts`, if one was kept.
    pub fn get(&self, shape: &Arc<str>, facts: &Facts) -> Option<Value> {
        let renders = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        renders.get(&(Arc::clone(shape), facts.clone())).cloned()
    }

    /// Keeps `value` as the rendering of `shape` for readers with `facts`.
    pub fn keep(&self, shape: &Arc<str>, facts: &Facts, value: Value) {
        let mut renders = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        renders.insert((Arc::clone(shape), facts.clone()), value);
    }
}

/// A reply with what every reader's view of it is made from.
pub struct ReplySnapshot {
    reply: Reply,
    author: Member,
    author_connections: HashSet<Uuid>,
    reactions: Vec<(Uuid, Reaction)>,
    /// Where the reply sits in its thread, encoded once for every reader.
    cursor: String,
    /// How readers' subscriptions rendered it, shared among readers alike.
    pub renders: Renders,
}

impl ReplySnapshot {
    /// Reads reply `id`; `None` when it or its author no longer exists.
    pub async fn load(db: &Db, id: Uuid) -> AppResult<Option<Arc<Self>>> {
        let Some(reply) = store::find_reply(db, Uuid::nil(), id).await? else {
            return Ok(None);
        };
        let Some(author) = members::find(db, Uuid::nil(), reply.author_id).await? else {
            return Ok(None);
        };
        let author_connections = members::connected_with(db, reply.author_id).await?;
        let reactions = store::reactions_on(db, id).await?;
        let cursor = reply_cursor(&reply).encode_cursor();
        Ok(Some(Arc::new(Self { reply, author, author_connections, reactions, cursor, renders: Renders::default() })))
    }

    /// The thread the reply is in.
    pub fn thread_id(&self) -> Uuid {
        self.reply.thread_id
    }

    /// What decides how `viewer`, with a block either way with each of `blocked`, and
    /// seeing past anonymity and holds when `sees_authors` (see `Reader::sees_authors`),
    /// sees this `kind` of update.
    pub fn facts(&self, viewer: Uuid, blocked: &HashSet<Uuid>, sees_authors: bool, kind: ThreadUpdateKind) -> Facts {
        let reactions_by = |who: &dyn Fn(&Uuid) -> bool| {
            let mut reactions: Vec<Reaction> =
                self.reactions.iter().filter(|(member, _)| who(member)).map(|(_, reaction)| *reaction).collect();
            reactions.sort_by_key(|reaction| *reaction as u8);
            reactions
        };
        let is_author = viewer == self.reply.author_id;
        let author_masked = self.reply.anonymous && !is_author && !sees_authors;
        // A block cannot hide an anonymous reply: hiding it would tell who wrote it.
        let blocked_author = !self.reply.anonymous && blocked.contains(&self.reply.author_id);
        let held = !blocked_author && self.reply.held_for_review && !is_author && !sees_authors;
        Facts {
            kind,
            hidden: blocked_author || held,
            held,
            connected: !author_masked && self.author_connections.contains(&viewer),
            is_author,
            author_masked,
            reacted: reactions_by(&|member| *member == viewer),
            unseen: reactions_by(&|member| blocked.contains(member)),
        }
    }

    /// Where the reply sits in its thread.
    pub fn position(&self) -> Cursor {
        reply_cursor(&self.reply)
    }

    /// The update a reader with `facts` gets.
    pub fn update_for(&self, facts: &Facts) -> ThreadUpdate {
        let reply = Some(self.seen_with(facts));
        ThreadUpdate { kind: facts.kind, reply, thread: None, cursor: Some(self.cursor.clone()) }
    }

    /// The reply as a reader with `facts` sees it.
    fn seen_with(&self, facts: &Facts) -> Reply {
        let mut author = self.author.clone();
        author.connected = facts.connected;
        author.shown_to_herself = facts.is_author;
        let reactions = self.reaction_counts(facts);
        Reply {
            hidden: facts.hidden,
            author_masked: facts.author_masked,
            preloaded: Some(Box::new(ReplyExtras { author, reactions })),
            ..self.reply.clone()
        }
    }

    /// The reaction counts a reader with `facts` sees: hers marked, those by members
    /// blocked either way with her left out.
    fn reaction_counts(&self, facts: &Facts) -> Vec<ReactionCount> {
        let mut counts: Vec<ReactionCount> = Vec::new();
        for (_, reaction) in &self.reactions {
            let reacted_by_me = facts.reacted.contains(reaction);
            match counts.iter_mut().find(|count| count.reaction == *reaction) {
                Some(count) => count.count += 1,
                None => counts.push(ReactionCount { reaction: *reaction, count: 1, reacted_by_me }),
            }
        }
        for unseen in &facts.unseen {
            if let Some(count) = counts.iter_mut().find(|count| count.reaction == *unseen) {
                count.count -= 1;
            }
        }
        counts.retain(|count| count.count > 0);
        counts
    }
}
