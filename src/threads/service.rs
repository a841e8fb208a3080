//! The rules of conversation: who may read, start, reply, edit, delete, pin, lock, react
//! and follow; what a mention is; how blocking hides people from each other.

use uuid::Uuid;

use super::live::{ThreadUpdateKind, announce};
use super::mentions;
use super::model::{Reaction, Reply, SensitiveTopic, Thread, Topics};
use super::store::{self, NewReply, NewThread, ReplyWelcome, ThreadFlag};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::idempotency;
use crate::jobs::{self, JobKind, NewJob};
use crate::members;
use crate::membership;
use crate::moderation_log::{self, Act, LogAction, Target, TargetKind};
use crate::realtime::Bus;
use crate::text::{line_list, required_body, required_line};

const MAX_TITLE_CHARS: usize = 200;
const MAX_BODY_CHARS: usize = 20_000;
const MAX_TAGS: usize = 10;
const MAX_TAG_CHARS: usize = 40;

/// The thread `id`, if the viewer may read it; `NOT_FOUND` otherwise (no
/// such thread, a private group she is not in, or a block either way with its author).
pub async fn readable(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Thread> {
    let thread = store::find_thread(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    let group_readable = thread.preloaded.as_ref().is_some_and(|extras| extras.group_readable);
    if !group_readable || thread.hidden {
        return Err(AppError::NotFound);
    }
    Ok(thread)
}

/// What a new thread is made of.
pub struct CreateThread {
    pub group_id: Uuid,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    /// The sensitive topics it touches (members who shield themselves from one see it
    /// collapsed, or not at all).
    pub sensitive_topics: Vec<SensitiveTopic>,
    /// Posted as "Anonymous member" (the group must allow it).
    pub anonymous: bool,
    pub client_mutation_id: Option<String>,
}

/// Who `body`, written in `group_id`, mentions: members with those handles who can read
/// the group, except the author and anyone with a block either way.
async fn mentioned_members(db: &Db, author: Uuid, group_id: Uuid, body: &str) -> AppResult<Vec<Uuid>> {
    let handles = mentions::handles(body);
    let mentioned: Vec<Uuid> =
        members::ids_by_handles(db, &handles).await?.into_iter().filter(|id| *id != author).collect();
    let mut readers = Vec::with_capacity(mentioned.len());
    for member in members::not_blocked_with(db, author, &mentioned).await? {
        if membership::readable(db, member, group_id).await.is_ok() {
            readers.push(member);
        }
    }
    Ok(readers)
}

/// Checks what an anonymous post needs: a group that allows it, and a body that
/// mentions no one.
fn check_anonymous(group: &membership::Group, body: &str) -> AppResult<()> {
    if !group.allow_anonymous_posts {
        return Err(AppError::bad_input("anonymous", "this group does not take anonymous posts"));
    }
    mentions_no_one(body)
}

/// Refuses a mention in an anonymous body: no one is called into a conversation by
/// someone she cannot see.
fn mentions_no_one(body: &str) -> AppResult<()> {
    if mentions::handles(body).is_empty() {
        Ok(())
    } else {
        Err(AppError::bad_input("body", "an anonymous post cannot mention anyone"))
    }
}

/// The answer when a client reuses a `clientMutationId` for something else.
fn reused_key() -> AppError {
    AppError::Conflict {
        field: "clientMutationId",
        message: "this clientMutationId was used for something else".into(),
    }
}

/// Starts a thread in a group the viewer belongs to; she follows it. The group's live
/// subscribers are told once it committed.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %input.group_id))]
pub async fn create(db: &Db, bus: &Bus, viewer: Uuid, input: CreateThread) -> AppResult<Thread> {
    let group = membership::require_poster(db, viewer, input.group_id).await?;
    let title = required_line("title", &input.title, MAX_TITLE_CHARS)?;
    let body = required_body("body", &input.body, MAX_BODY_CHARS)?;
    if input.anonymous {
        check_anonymous(&group, &body)?;
    }
    let tags = line_list("tags", &input.tags, MAX_TAGS, MAX_TAG_CHARS)?;
    let tags = serde_json::to_string(&tags).map_err(anyhow::Error::from)?;
    let topics = Topics::of(&input.sensitive_topics);
    let mentioned = mentioned_members(db, viewer, input.group_id, &body).await?;
    let key = input.client_mutation_id.as_deref();
    let id = idempotency::create_once(db, viewer, "createThread", key, async |tx| {
        let id = Uuid::now_v7();
        let now = clock::now();
        let group_id = input.group_id;
        let thread = NewThread {
            id,
            group_id,
            author_id: viewer,
            anonymous: input.anonymous,
            title: &title,
            body: &body,
            tags: &tags,
            topics: &topics,
            now,
        };
        store::insert_thread(tx, thread).await?;
        store::follow(tx, id, viewer, now).await?;
        store::insert_mentions(tx, id, id, &mentioned, now).await?;
        Ok(id)
    })
    .await?
    .id;
    membership::announce_activity(bus, input.group_id, membership::GroupActivityKind::ThreadCreated, id).await;
    let thread = readable(db, viewer, id).await?;
    if thread.group_id != input.group_id {
        return Err(reused_key());
    }
    Ok(thread)
}

/// What a new reply is made of.
pub struct PostReply {
    pub thread_id: Uuid,
    pub body: String,
    pub parent_reply_id: Option<Uuid>,
    /// Posted as "Anonymous member" (the group must allow it).
    pub anonymous: bool,
    pub client_mutation_id: Option<String>,
}

async fn check_parent(db: &Db, viewer: Uuid, thread_id: Uuid, parent_id: Uuid) -> AppResult<()> {
    let invalid = || AppError::bad_input("parentReplyId", "answer a top-level reply of this thread");
    let parent = store::find_reply(db, viewer, parent_id).await?.ok_or_else(invalid)?;
    if parent.thread_id != thread_id || parent.parent_reply_id.is_some() {
        return Err(invalid());
    }
    // An anonymous parent takes answers from anyone: refusing one would tell who wrote it.
    if !parent.anonymous && members::blocked_either_way(db, viewer, parent.author_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Posts a reply (one level of nesting) to an unlocked thread of a group she is in: the
/// reply, its mentions and its jobs (notify, count it on the thread) commit together,
/// then the thread's live subscribers are told.
#[tracing::instrument(skip_all, fields(viewer = %viewer, thread = %input.thread_id))]
pub async fn reply(db: &Db, bus: &Bus, viewer: Uuid, input: PostReply) -> AppResult<Reply> {
    let thread = readable(db, viewer, input.thread_id).await?;
    if !thread.viewer_is_member {
        return Err(AppError::Forbidden);
    }
    let body = required_body("body", &input.body, MAX_BODY_CHARS)?;
    if input.anonymous {
        check_anonymous(&membership::readable(db, viewer, thread.group_id).await?, &body)?;
    }
    if let Some(parent_id) = input.parent_reply_id {
        check_parent(db, viewer, thread.id, parent_id).await?;
    }
    let mentioned = mentioned_members(db, viewer, thread.group_id, &body).await?;
    let key = input.client_mutation_id.as_deref();
    let now = clock::now();
    let made = idempotency::create_once(db, viewer, "postReply", key, async |tx| {
        let id = Uuid::now_v7();
        let reply = NewReply {
            id,
            thread_id: thread.id,
            parent_reply_id: input.parent_reply_id,
            author_id: viewer,
            anonymous: input.anonymous,
            body: &body,
            now,
        };
        store::insert_reply(tx, reply).await?;
        if !thread.viewer_follows {
            store::follow(tx, thread.id, viewer, now).await?;
        }
        store::insert_mentions(tx, id, thread.id, &mentioned, now).await?;
        // Who is told, and the thread's count and place in the feed, follow the commit:
        // replies to a busy thread do not queue on its row.
        let owed = [JobKind::ReplyPosted, JobKind::ThreadActivity].map(|kind| NewJob::new(kind, id, viewer));
        jobs::enqueue_all(tx, &owed).await?;
        // A thread locked meanwhile, or a mute in its group, takes no reply.
        match store::accepts_reply(tx, thread.id, viewer, now).await? {
            ReplyWelcome::Open => Ok(id),
            ReplyWelcome::Locked => Err(AppError::Forbidden),
            ReplyWelcome::Muted => Err(membership::MUTED),
        }
    })
    .await?;
    announce(bus, thread.id, ThreadUpdateKind::ReplyPosted, Some(made.id)).await;
    if made.new {
        // What was just written, as its author sees it: nothing to read back.
        return Ok(Reply::posted(made.id, thread.id, input.parent_reply_id, viewer, input.anonymous, body, now));
    }
    let reply = store::find_reply(db, viewer, made.id).await?.ok_or(AppError::NotFound)?;
    if reply.thread_id != thread.id {
        return Err(reused_key());
    }
    Ok(reply)
}

/// The reply `id` and its thread, if the viewer may read them.
pub async fn readable_reply(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<(Reply, Thread)> {
    let reply = store::find_reply(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    let thread = readable(db, viewer, reply.thread_id).await?;
    Ok((reply, thread))
}

/// Edits her own live reply.
#[tracing::instrument(skip_all, fields(viewer = %viewer, reply = %id))]
pub async fn edit_reply(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, body: &str) -> AppResult<Reply> {
    let (reply, thread) = readable_reply(db, viewer, id).await?;
    if reply.author_id != viewer || !thread.viewer_is_member {
        return Err(AppError::Forbidden);
    }
    membership::require_unmuted(db, viewer, thread.group_id).await?;
    if reply.deleted_at.is_some() {
        return Err(AppError::Conflict { field: "replyId", message: "this reply was deleted".into() });
    }
    let body = required_body("body", body, MAX_BODY_CHARS)?;
    if reply.anonymous {
        mentions_no_one(&body)?;
    }
    store::edit_reply(db, id, &body, clock::now()).await?;
    announce(bus, reply.thread_id, ThreadUpdateKind::ReplyEdited, Some(id)).await;
    store::find_reply(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Deletes a reply: its author may, and so may the group's moderators (the moderation
/// log keeps who removed it).
#[tracing::instrument(skip_all, fields(viewer = %viewer, reply = %id))]
pub async fn delete_reply(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid) -> AppResult<Reply> {
    let (reply, thread) = readable_reply(db, viewer, id).await?;
    if reply.author_id == viewer {
        let mut tx = db.begin_write().await?;
        store::delete_reply(&mut tx, id, false, clock::now()).await?;
        tx.commit().await?;
        announce(bus, reply.thread_id, ThreadUpdateKind::ReplyDeleted, Some(id)).await;
    } else {
        membership::require_moderator(db, viewer, thread.group_id).await?;
        let act = Act { actor: viewer, group_id: Some(thread.group_id), note: "" };
        remove_reply(db, bus, act, id).await?;
    }
    store::find_reply(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Removes reply `id` as a moderator (`act` says who, where and why; she was checked):
/// its words go, "removed by a moderator" stays, and the moderation log keeps the act.
pub async fn remove_reply(db: &Db, bus: &Bus, act: Act<'_>, id: Uuid) -> AppResult<()> {
    let reply = store::find_reply(db, Uuid::nil(), id).await?.ok_or(AppError::NotFound)?;
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    if !store::delete_reply(&mut tx, id, true, now).await? {
        // Already gone: nothing done, nothing to log.
        return Ok(());
    }
    let target = Target { kind: TargetKind::Reply, id };
    moderation_log::append(&mut tx, act.entry(LogAction::RemoveReply, target, Some(reply.author_id)), now).await?;
    tx.commit().await?;
    announce(bus, reply.thread_id, ThreadUpdateKind::ReplyDeleted, Some(id)).await;
    Ok(())
}

/// Removes thread `id`'s words as a moderator (`act` says who, where and why; she was
/// checked): it stays in place with its replies, titled as removed, and locked.
pub async fn remove_thread(db: &Db, bus: &Bus, act: Act<'_>, id: Uuid) -> AppResult<()> {
    let thread = store::find_thread(db, Uuid::nil(), id).await?.ok_or(AppError::NotFound)?;
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    if !store::remove_thread(&mut tx, id).await? {
        return Ok(());
    }
    let target = Target { kind: TargetKind::Thread, id };
    moderation_log::append(&mut tx, act.entry(LogAction::RemoveThread, target, Some(thread.author_id)), now).await?;
    tx.commit().await?;
    announce(bus, id, ThreadUpdateKind::ThreadUpdated, None).await;
    Ok(())
}

/// Locks a thread or a reply (`target`) inside `tx` while its reports are counted.
pub async fn lock_for_review(tx: &mut Tx, target: Target) -> AppResult<()> {
    Ok(store::lock_for_review(tx, target).await?)
}

/// Holds a thread or a reply (`target`) for review, or lets it be seen again, inside
/// `tx` (reports decide when); true when that changed it, and then [`announce_hold`]
/// after the commit.
pub async fn set_held(tx: &mut Tx, target: Target, held: bool) -> AppResult<bool> {
    Ok(store::set_held(tx, target, held).await?)
}

/// Tells the live readers of `target`'s thread that its hold changed: a held reply turns
/// into a placeholder for them (and back); a held thread ends their view of it. What
/// was committed stands if this fails: it is logged.
pub async fn announce_hold(db: &Db, bus: &Bus, target: Target) {
    match target.kind {
        TargetKind::Thread => announce(bus, target.id, ThreadUpdateKind::ThreadUpdated, None).await,
        TargetKind::Reply => match store::find_reply(db, Uuid::nil(), target.id).await {
            Ok(Some(reply)) => announce(bus, reply.thread_id, ThreadUpdateKind::ReplyEdited, Some(target.id)).await,
            Ok(None) => {}
            Err(error) => tracing::warn!(error = %AppError::from(error).for_log(), "cannot announce a hold"),
        },
        TargetKind::Event | TargetKind::Message | TargetKind::Member => {}
    }
}

/// Pins or locks a thread, or undoes it; moderators only, and logged.
#[tracing::instrument(skip_all, fields(viewer = %viewer, thread = %id))]
pub async fn set_flag(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, flag: ThreadFlag, value: bool) -> AppResult<Thread> {
    let thread = readable(db, viewer, id).await?;
    membership::require_moderator(db, viewer, thread.group_id).await?;
    let action = match (flag, value) {
        (ThreadFlag::Pinned, true) => LogAction::PinThread,
        (ThreadFlag::Pinned, false) => LogAction::UnpinThread,
        (ThreadFlag::Locked, true) => LogAction::LockThread,
        (ThreadFlag::Locked, false) => LogAction::UnlockThread,
    };
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    store::set_flag(&mut tx, id, flag, value).await?;
    let act = Act { actor: viewer, group_id: Some(thread.group_id), note: "" };
    let target = Target { kind: TargetKind::Thread, id };
    moderation_log::append(&mut tx, act.entry(action, target, Some(thread.author_id)), now).await?;
    tx.commit().await?;
    announce(bus, id, ThreadUpdateKind::ThreadUpdated, None).await;
    readable(db, viewer, id).await
}

/// Sets the sensitive topics a thread touches: the group's moderators may; its author
/// may add topics while she may post in the group, but only a moderator takes one
/// away. Its live readers are told.
#[tracing::instrument(skip_all, fields(viewer = %viewer, thread = %id))]
pub async fn set_sensitive_topics(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    id: Uuid,
    topics: &[SensitiveTopic],
) -> AppResult<Thread> {
    let thread = readable(db, viewer, id).await?;
    let moderates = membership::require_moderator(db, viewer, thread.group_id).await.is_ok();
    if !moderates {
        let keeps_every_topic = thread.sensitive_topics.0.iter().all(|topic| topics.contains(topic));
        if thread.author_id != viewer || !thread.viewer_is_member || !keeps_every_topic {
            return Err(AppError::Forbidden);
        }
        membership::require_unmuted(db, viewer, thread.group_id).await?;
    }
    let topics = Topics::of(topics);
    let mut tx = db.begin_write().await?;
    store::set_topics(&mut tx, id, &topics).await?;
    if thread.author_id != viewer {
        // A moderator's change to someone else's thread is hers to answer for.
        let note = topics.stored();
        let act = Act { actor: viewer, group_id: Some(thread.group_id), note: note.trim_matches(',') };
        let target = Target { kind: TargetKind::Thread, id };
        moderation_log::append(
            &mut tx,
            act.entry(LogAction::SetThreadTopics, target, Some(thread.author_id)),
            clock::now(),
        )
        .await?;
    }
    tx.commit().await?;
    announce(bus, id, ThreadUpdateKind::ThreadUpdated, None).await;
    readable(db, viewer, id).await
}

/// The topics `viewer` shields herself from.
pub async fn shielded_topics(db: &Db, viewer: Uuid) -> AppResult<Vec<SensitiveTopic>> {
    Ok(store::shielded_topics(db, viewer).await?.0)
}

/// Makes `topics` the ones `viewer` shields herself from; answers them.
pub async fn shield(db: &Db, viewer: Uuid, topics: &[SensitiveTopic]) -> AppResult<Vec<SensitiveTopic>> {
    let topics = Topics::of(topics);
    store::set_shielded_topics(db, viewer, &topics).await?;
    Ok(topics.0)
}

/// What a reaction is on.
#[derive(Debug, Clone, Copy)]
pub enum ReactionTarget {
    Thread(Uuid),
    Reply(Uuid),
}

/// Refuses a reaction to her own anonymous post: reactions count by who made them (a
/// block leaves some out), so hers could tell whose it is.
fn refuse_own_anonymous(own_anonymous: bool, field: &'static str) -> AppResult<()> {
    if own_anonymous {
        return Err(AppError::bad_input(field, "you cannot react to your own anonymous post"));
    }
    Ok(())
}

/// Adds or takes back the viewer's reaction (once per client key); returns what it is on.
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn react(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    target: ReactionTarget,
    reaction: Reaction,
    key: Option<&str>,
) -> AppResult<Uuid> {
    let (target_id, thread, gone) = match target {
        ReactionTarget::Thread(id) => {
            let thread = readable(db, viewer, id).await?;
            refuse_own_anonymous(thread.anonymous && thread.author_id == viewer, "threadId")?;
            (id, thread, false)
        }
        ReactionTarget::Reply(id) => {
            let (reply, thread) = readable_reply(db, viewer, id).await?;
            refuse_own_anonymous(reply.anonymous && reply.author_id == viewer, "replyId")?;
            (id, thread, reply.deleted_at.is_some() || reply.hidden)
        }
    };
    let thread_id = thread.id;
    if !thread.viewer_is_member {
        return Err(AppError::Forbidden);
    }
    let mut toggled = false;
    // A retry of one already made answers as it did (create_once looks its key up
    // first), even if the reply has gone since.
    idempotency::create_once(db, viewer, "react", key, async |tx| {
        if gone {
            return Err(AppError::NotFound);
        }
        store::toggle_reaction(tx, target_id, viewer, reaction, clock::now()).await?;
        toggled = true;
        Ok(target_id)
    })
    .await?;
    if toggled {
        match target {
            ReactionTarget::Reply(reply) => {
                announce(bus, thread_id, ThreadUpdateKind::ReactionsChanged, Some(reply)).await
            }
            ReactionTarget::Thread(_) => announce(bus, thread_id, ThreadUpdateKind::ThreadUpdated, None).await,
        }
    }
    Ok(target_id)
}

/// Follows or unfollows a readable thread.
#[tracing::instrument(skip_all, fields(viewer = %viewer, thread = %id))]
pub async fn set_following(db: &Db, viewer: Uuid, id: Uuid, follow: bool) -> AppResult<Thread> {
    readable(db, viewer, id).await?;
    if follow {
        let mut tx = db.begin_write().await?;
        store::follow(&mut tx, id, viewer, clock::now()).await?;
        tx.commit().await?;
    } else {
        store::unfollow(db, id, viewer).await?;
    }
    readable(db, viewer, id).await
}
