//! The rules of direct messages: who may write to whom (connections go to the inbox,
//! others to message requests, unless she turned those off), what a block does (no
//! new conversation; an existing one turns read-only for both), and what each member
//! does with a conversation (accept, decline, read, mute, leave).

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::live;
use super::model::{ConversationRow, MessageRow, Standing};
use super::store;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob};
use crate::moderation_log::{self, Act, LogAction, Target, TargetKind};
use crate::realtime::{self, Bus};
use crate::text::required_body;
use crate::{idempotency, members, notifications};

/// The most members one conversation has, her included.
pub const MAX_MEMBERS: usize = 8;
/// The longest message, as for replies.
const MAX_BODY_CHARS: usize = 20_000;
/// The mutation whose `clientMutationId`s a first message is kept under.
const START: &str = "startConversation";

/// Conversation `id`, if `viewer` can open it (her inbox or her requests); `NOT_FOUND`
/// otherwise (no such conversation, not hers, declined or left).
pub async fn readable(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<ConversationRow> {
    let conversation = store::find(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    if !conversation.standing.visible() {
        return Err(AppError::NotFound);
    }
    Ok(conversation)
}

/// Message `id`, if it is in a conversation `viewer` can open.
pub async fn readable_message(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<MessageRow> {
    let message = store::find_message(db, id).await?.ok_or(AppError::NotFound)?;
    readable(db, viewer, message.conversation_id).await?;
    Ok(message)
}

/// Removes message `id`'s words as a community admin acting on reports (`act` says who
/// and why; she was checked); the moderation log keeps the act.
pub async fn remove_message(db: &Db, act: Act<'_>, id: Uuid) -> AppResult<()> {
    let message = store::find_message(db, id).await?.ok_or(AppError::NotFound)?;
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    if !store::remove_message(&mut tx, message.id).await? {
        return Ok(());
    }
    let target = Target { kind: TargetKind::Message, id: message.id };
    moderation_log::append(&mut tx, act.entry(LogAction::RemoveMessage, target, Some(message.author_id)), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `viewer` can no longer write in conversation `id`: a block either way with
/// one of its members who has not left.
pub async fn read_only(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<bool> {
    let blocked = members::blocked_with(db, viewer).await?;
    let others = store::members_of(db, id).await?;
    Ok(others.iter().any(|(member, standing)| *standing != Standing::Left && blocked.contains(member)))
}

/// Where a new conversation from `viewer` lands for each of `others`: the inbox of a
/// connection (or of everyone when `invited`: she offered a referral), the requests of
/// anyone else who takes them. A block either way reads as no such member; someone who
/// takes no requests from strangers is `FORBIDDEN`, and so is putting together two
/// members with a block between them.
async fn standings(db: &Db, viewer: Uuid, others: &[Uuid], invited: bool) -> AppResult<Vec<(Uuid, Standing)>> {
    let reachable = members::not_blocked_with(db, viewer, others).await?;
    let existing = members::find_many(db, viewer, others).await?;
    if reachable.len() != others.len() || existing.len() != others.len() {
        return Err(AppError::NotFound);
    }
    if others.len() > 1 {
        for other in others {
            if members::not_blocked_with(db, *other, others).await?.len() != others.len() {
                return Err(AppError::Forbidden);
            }
        }
    }
    let connected = members::connected_with(db, viewer).await?;
    let mut standings = Vec::with_capacity(others.len());
    for other in others {
        let standing = if invited || connected.contains(other) {
            Standing::Inbox
        } else if store::accepts_requests(db, *other).await? {
            Standing::Requested
        } else {
            return Err(AppError::Forbidden);
        };
        standings.push((*other, standing));
    }
    Ok(standings)
}

/// The other members `member_ids` names: each once, never the viewer, 1 to 7 of them.
fn others_of(viewer: Uuid, member_ids: &[Uuid]) -> AppResult<Vec<Uuid>> {
    let mut seen = HashSet::new();
    let others: Vec<Uuid> = member_ids.iter().copied().filter(|id| *id != viewer && seen.insert(*id)).collect();
    if others.is_empty() || others.len() > MAX_MEMBERS - 1 {
        let message = format!("name 1 to {} other members", MAX_MEMBERS - 1);
        return Err(AppError::bad_input("memberIds", message));
    }
    Ok(others)
}

/// What a first message is made of.
pub struct StartConversation {
    pub member_ids: Vec<Uuid>,
    pub body: String,
    pub client_mutation_id: Option<String>,
    /// The job it asks its one other member for a referral for: set only by the job
    /// board, once it checked she posted the job and offers referrals (so the message
    /// lands in her inbox, connection or not).
    pub about_job: Option<Uuid>,
}

/// Starts a conversation with the members named and sends its first message; with one
/// member she already has a conversation with, the message goes there instead (back
/// in her inbox if she had left or declined it, or answering its request: writing is
/// choosing to talk).
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn start(db: &Db, bus: &Bus, viewer: Uuid, input: StartConversation) -> AppResult<MessageRow> {
    if let Some(message) = made_before(db, viewer, START, input.client_mutation_id.as_deref()).await? {
        return Ok(message);
    }
    let others = others_of(viewer, &input.member_ids)?;
    let body = required_body("body", &input.body, MAX_BODY_CHARS)?;
    let about_job = input.about_job;
    if let [other] = others.as_slice()
        && let Some(existing) = store::one_to_one(db, viewer, *other).await?
    {
        let send =
            SendMessage { conversation_id: existing, body, client_mutation_id: input.client_mutation_id, about_job };
        return continue_with(db, bus, viewer, *other, existing, send).await;
    }
    let standings = standings(db, viewer, &others, about_job.is_some()).await?;
    let pair = match others.as_slice() {
        [other] => Some((viewer, *other)),
        _ => None,
    };
    let key = input.client_mutation_id.as_deref();
    let made = idempotency::create_once(db, viewer, START, key, async |tx| {
        let (conversation, now) = (Uuid::now_v7(), clock::now());
        store::insert_conversation(tx, conversation, viewer, pair, now).await?;
        store::insert_member(tx, conversation, viewer, Standing::Inbox, now).await?;
        for (member, standing) in &standings {
            store::insert_member(tx, conversation, *member, *standing, now).await?;
        }
        send_in(tx, conversation, viewer, &body, about_job).await
    })
    .await;
    let made = match (made, pair) {
        // She and the other started theirs at the same moment: write in the one made.
        (Err(error @ AppError::Conflict { field: "memberIds", .. }), Some((_, other))) => {
            let existing = store::one_to_one(db, viewer, other).await?.ok_or(error)?;
            let send = SendMessage {
                conversation_id: existing,
                body,
                client_mutation_id: input.client_mutation_id,
                about_job,
            };
            return continue_with(db, bus, viewer, other, existing, send).await;
        }
        (made, _) => made?,
    };
    let message = sent(db, viewer, made.id).await?;
    if made.new {
        live::announce(bus, message.conversation_id, message.id).await;
    }
    Ok(message)
}

/// Writes `send` in `existing`, her conversation of two with `other`, which she may
/// have left: it comes back to her as a new conversation would (inbox or requests, or
/// `FORBIDDEN`); if she declined it, it stays declined for her (the writer's own
/// standing goes back to her inbox). A referral asked of her lands in her inbox (she
/// offered referrals).
async fn continue_with(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    other: Uuid,
    existing: Uuid,
    send: SendMessage,
) -> AppResult<MessageRow> {
    if !members::not_blocked_with(db, viewer, &[other]).await?.contains(&other) {
        return Err(AppError::Forbidden);
    }
    let theirs = store::members_of(db, existing).await?;
    let now_theirs = theirs.iter().find(|(member, _)| *member == other).map(|(_, standing)| *standing);
    let invited = send.about_job.is_some();
    if now_theirs == Some(Standing::Left) || (invited && now_theirs == Some(Standing::Requested)) {
        let [(_, again)] = standings(db, viewer, &[other], invited).await?[..] else {
            return Err(AppError::NotFound);
        };
        store::set_standing(db, existing, other, again).await?;
    }
    store::set_standing(db, existing, viewer, Standing::Inbox).await?;
    // Under the start's keys: a retry of a start that made the conversation finds its
    // message there.
    Box::pin(write(db, bus, viewer, send, START)).await
}

/// The message a create with `key` through `mutation` made before, if it did: a retry
/// gets it back whatever changed since (a block, a left conversation).
async fn made_before(
    db: &Db,
    viewer: Uuid,
    mutation: &'static str,
    key: Option<&str>,
) -> AppResult<Option<MessageRow>> {
    let Some(id) = idempotency::recall_valid(db, viewer, mutation, key).await? else {
        return Ok(None);
    };
    Ok(Some(sent(db, viewer, id).await?))
}

/// Adds her message to `conversation` in `tx` (asking a referral for `about_job`, if
/// set), with the job that notifies its members.
async fn send_in(
    tx: &mut Tx,
    conversation: Uuid,
    viewer: Uuid,
    body: &str,
    about_job: Option<Uuid>,
) -> AppResult<Uuid> {
    let new = store::NewMessage { conversation_id: conversation, author_id: viewer, body, job_post_id: about_job };
    let message = store::insert_message(tx, new, clock::now()).await?;
    jobs::enqueue(tx, NewJob::new(JobKind::MessageSent, message.id, viewer)).await?;
    Ok(message.id)
}

/// What a message is made of.
pub struct SendMessage {
    pub conversation_id: Uuid,
    pub body: String,
    pub client_mutation_id: Option<String>,
    /// As in [`StartConversation::about_job`].
    pub about_job: Option<Uuid>,
}

/// Sends a message to a conversation in her inbox that no block has made read-only
/// (a request she has not accepted cannot be answered yet: `FORBIDDEN`).
#[tracing::instrument(skip_all, fields(viewer = %viewer, conversation = %input.conversation_id))]
pub async fn send_message(db: &Db, bus: &Bus, viewer: Uuid, input: SendMessage) -> AppResult<MessageRow> {
    write(db, bus, viewer, input, "sendMessage").await
}

/// Sends a message, its `clientMutationId` kept under `mutation`'s keys; a retry gets
/// the message made the first time, and its watchers are not told again.
async fn write(db: &Db, bus: &Bus, viewer: Uuid, input: SendMessage, mutation: &'static str) -> AppResult<MessageRow> {
    let key = input.client_mutation_id.as_deref();
    if let Some(message) = made_before(db, viewer, mutation, key).await? {
        return same_conversation(message, input.conversation_id);
    }
    let conversation = readable(db, viewer, input.conversation_id).await?;
    let body = required_body("body", &input.body, MAX_BODY_CHARS)?;
    if conversation.standing != Standing::Inbox || read_only(db, viewer, conversation.id).await? {
        return Err(AppError::Forbidden);
    }
    let about_job = input.about_job;
    let made = idempotency::create_once(db, viewer, mutation, key, async |tx| {
        send_in(tx, conversation.id, viewer, &body, about_job).await
    })
    .await?;
    let message = same_conversation(sent(db, viewer, made.id).await?, conversation.id)?;
    if made.new {
        live::announce(bus, message.conversation_id, message.id).await;
    }
    Ok(message)
}

/// `message`, if it is in `conversation` (a key reused for another one is a `CONFLICT`).
fn same_conversation(message: MessageRow, conversation: Uuid) -> AppResult<MessageRow> {
    if message.conversation_id != conversation {
        return Err(AppError::Conflict {
            field: "clientMutationId",
            message: "this clientMutationId was used for something else".into(),
        });
    }
    Ok(message)
}

/// The message `id` she just sent (or sent before, with the same key).
async fn sent(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<MessageRow> {
    let message = store::find_message(db, id).await?.ok_or(AppError::NotFound)?;
    if message.author_id != viewer {
        return Err(AppError::NotFound);
    }
    Ok(message)
}

/// Moves a request in her requests to her inbox (accept) or out of sight (decline; its
/// sender is not told, and her live view of it ends).
pub async fn answer_request(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, accept: bool) -> AppResult<ConversationRow> {
    let conversation = readable(db, viewer, id).await?;
    if conversation.standing != Standing::Requested {
        return Err(AppError::bad_input("conversationId", "this conversation is not a message request"));
    }
    let standing = if accept { Standing::Inbox } else { Standing::Declined };
    store::set_standing(db, id, viewer, standing).await?;
    if !accept {
        realtime::access_changed(bus, viewer).await;
    }
    Ok(ConversationRow { standing, ..conversation })
}

/// She has read conversation `id` up to message `up_to` (its latest when `None`), and
/// her notifications of it that stand for no later message.
pub async fn mark_read(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, up_to: Option<Uuid>) -> AppResult<ConversationRow> {
    let conversation = readable(db, viewer, id).await?;
    let read_to = match up_to {
        None => conversation.last_message_at,
        Some(message) => match store::find_message(db, message).await? {
            Some(message) if message.conversation_id == id => message.created_at,
            _ => return Err(AppError::bad_input("upTo", "no such message in this conversation")),
        },
    };
    store::mark_read(db, id, viewer, read_to).await?;
    let marking = notifications::Marking::AboutConversation { id, up_to: read_to };
    notifications::mark_read(db, bus, viewer, marking).await?;
    readable(db, viewer, id).await
}

/// She leaves conversation `id`: it is gone from her lists, she writes no more in it,
/// and her live view of it ends. Leaving a request she never accepted declines it, so
/// its sender is not told.
pub async fn leave(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid) -> AppResult<()> {
    let conversation = readable(db, viewer, id).await?;
    let gone = if conversation.standing == Standing::Requested { Standing::Declined } else { Standing::Left };
    store::set_standing(db, id, viewer, gone).await?;
    realtime::access_changed(bus, viewer).await;
    Ok(())
}

/// Mutes conversation `id` for her until `until` (for good when `None`: until the
/// last time the databases share); unmuting is muting until a time passed.
pub async fn mute(db: &Db, viewer: Uuid, id: Uuid, until: Option<DateTime<Utc>>) -> AppResult<ConversationRow> {
    let conversation = readable(db, viewer, id).await?;
    let for_good = || {
        let last_day = NaiveDate::from_ymd_opt(clock::LATEST_YEAR - 1, 12, 31).unwrap_or_default();
        last_day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
    };
    let until = until.map(|at| clock::within_range("until", at)).transpose()?.unwrap_or_else(for_good);
    store::mute(db, id, viewer, Some(until)).await?;
    Ok(ConversationRow { muted_until: Some(until), ..conversation })
}
