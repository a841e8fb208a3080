//! The rules of coffee chats: only to a member who shows the proposer she is open to
//! coffee chats; 1 to 3 times, each ahead, 15 minutes to 4 hours long; a place or a
//! link, one of them; a cap on proposals waiting for an answer; the awaited member
//! answers; either cancels or proposes new times while it is ahead of them.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{ChatRow, CoffeeChatStatus, Slot};
use super::store;
use crate::db::text_enum::Stored;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob, Schedule};
use crate::members::{self, OpenTo, ProfileField};
use crate::text::{optional_body, optional_link, required_line};
use crate::{clock, idempotency};

const MAX_SLOTS: usize = 3;
const SHORTEST: TimeDelta = TimeDelta::minutes(15);
const LONGEST: TimeDelta = TimeDelta::hours(4);
/// How far ahead a time may be proposed.
const FURTHEST: TimeDelta = TimeDelta::days(180);
const MAX_PLACE_CHARS: usize = 200;
const MAX_URL_CHARS: usize = 500;
const MAX_NOTE_CHARS: usize = 1_000;

/// Where and when to meet, as proposed.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub slots: Vec<Slot>,
    pub place: Option<String>,
    pub online_url: Option<String>,
}

impl Proposal {
    /// The proposal checked; returns its times (to the microsecond), place and link.
    fn checked(self, now: DateTime<Utc>) -> AppResult<(Vec<Slot>, Option<String>, Option<String>)> {
        if self.slots.is_empty() || self.slots.len() > MAX_SLOTS {
            return Err(AppError::bad_input("slots", format!("propose 1 to {MAX_SLOTS} times")));
        }
        let mut slots = Vec::with_capacity(self.slots.len());
        for slot in self.slots {
            let slot = Slot { starts_at: clock::to_micros(slot.starts_at), ends_at: clock::to_micros(slot.ends_at) };
            let length = slot.ends_at - slot.starts_at;
            if slot.starts_at <= now || slot.starts_at > now + FURTHEST || !(SHORTEST..=LONGEST).contains(&length) {
                let message = "each time starts within the next 180 days and lasts 15 minutes to 4 hours";
                return Err(AppError::bad_input("slots", message));
            }
            slots.push(slot);
        }
        let place = self.place.map(|place| required_line("place", &place, MAX_PLACE_CHARS)).transpose()?;
        let online_url = optional_link("onlineUrl", self.online_url, MAX_URL_CHARS)?;
        if place.is_some() == online_url.is_some() {
            return Err(AppError::bad_input("place", "give a place or an online link, one of them"));
        }
        Ok((slots, place, online_url))
    }
}

/// Chat `id`, if `viewer` is in it; `NOT_FOUND` otherwise.
pub async fn hers(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<ChatRow> {
    store::find(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Records, in `tx`, the job telling `to` what `by` did to `chat`.
async fn tell(tx: &mut Tx, kind: JobKind, chat: Uuid, by: Uuid, to: Uuid) -> AppResult<()> {
    jobs::enqueue(tx, NewJob { target: Some(to), ..NewJob::new(kind, chat, by) }).await?;
    Ok(())
}

/// Proposes a coffee chat to `member_id`: she must show the viewer she is open to
/// coffee chats (`FORBIDDEN` otherwise — the same whether she is not or hides it).
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn propose(
    db: &Db,
    viewer: Uuid,
    member_id: Uuid,
    proposal: Proposal,
    note: Option<String>,
    (key, cap): (Option<&str>, usize),
) -> AppResult<ChatRow> {
    let now = clock::now();
    let (slots, place, online_url) = proposal.checked(now)?;
    let note = optional_body("note", note.as_deref().unwrap_or_default(), MAX_NOTE_CHARS)?;
    if member_id == viewer {
        return Err(AppError::bad_input("memberId", "propose a coffee chat to someone else"));
    }
    let other = members::find(db, viewer, member_id).await?.filter(|other| !other.blocked).ok_or(AppError::NotFound)?;
    if !other.shows_others(ProfileField::OpenTo) || !other.profile.open_to().contains(&OpenTo::CoffeeChats) {
        return Err(AppError::Forbidden);
    }
    let made = idempotency::create_once(db, viewer, "proposeCoffeeChat", key, async |tx| {
        let open = usize::try_from(store::open_proposals(tx, viewer).await?).unwrap_or(usize::MAX);
        if open >= cap {
            return Err(AppError::LimitReached { what: "coffee chat proposals waiting for an answer", limit: cap });
        }
        let chat = ChatRow {
            id: Uuid::now_v7(),
            proposed_by: viewer,
            proposed_to: member_id,
            awaiting: Some(member_id),
            status: Stored(CoffeeChatStatus::Proposed),
            place,
            online_url,
            note,
            starts_at: None,
            ends_at: None,
            sequence: 0,
            created_at: now,
            updated_at: now,
        };
        store::insert(tx, &chat).await?;
        store::replace_slots(tx, chat.id, &slots).await?;
        tell(tx, JobKind::CoffeeChatProposed, chat.id, viewer, member_id).await?;
        Ok(chat.id)
    })
    .await?;
    hers(db, viewer, made.id).await
}

/// Saves `chat` as changed by `viewer` in one transaction with `then` (its jobs);
/// `CONFLICT` when the other member changed it first.
async fn save(db: &Db, chat: &ChatRow, then: impl AsyncFnOnce(&mut Tx) -> AppResult<()>) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !store::save(&mut tx, chat, clock::now()).await? {
        return Err(AppError::Conflict {
            field: "id",
            message: "the coffee chat changed meanwhile; read it again".into(),
        });
    }
    then(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// The awaited member accepts the time at `slot` (from 0) of a proposed chat: it is on,
/// in both calendars, with reminders a day and an hour before.
pub async fn accept(db: &Db, viewer: Uuid, id: Uuid, slot: usize) -> AppResult<ChatRow> {
    let chat = awaited(db, viewer, id).await?;
    let slots = store::slots_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let chosen = slots.get(slot).copied().ok_or_else(|| AppError::bad_input("slot", "no such proposed time"))?;
    if chosen.starts_at <= clock::now() {
        return Err(AppError::bad_input("slot", "this time has passed; propose new times"));
    }
    let on = ChatRow {
        status: Stored(CoffeeChatStatus::Accepted),
        awaiting: None,
        starts_at: Some(chosen.starts_at),
        ends_at: Some(chosen.ends_at),
        ..chat.clone()
    };
    save(db, &on, async |tx| {
        tell(tx, JobKind::CoffeeChatAccepted, id, viewer, chat.other_than(viewer)).await?;
        for (kind, before) in [
            (JobKind::CoffeeChatReminderDay, TimeDelta::days(1)),
            (JobKind::CoffeeChatReminderHour, TimeDelta::hours(1)),
        ] {
            let run_at = chosen.starts_at - before;
            if run_at > clock::now() {
                let schedule = Schedule { run_at, about: chosen.starts_at };
                jobs::enqueue(tx, NewJob { schedule: Some(schedule), ..NewJob::system(kind, id) }).await?;
            }
        }
        Ok(())
    })
    .await?;
    hers(db, viewer, id).await
}

/// A proposed chat that waits for `viewer`'s answer (`FORBIDDEN` for one that waits
/// for the other member, or is no longer proposed).
async fn awaited(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<ChatRow> {
    let chat = hers(db, viewer, id).await?;
    if chat.status.0 != CoffeeChatStatus::Proposed || chat.awaiting != Some(viewer) {
        return Err(AppError::Forbidden);
    }
    Ok(chat)
}

/// The awaited member declines a proposed chat; the other is told.
pub async fn decline(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<ChatRow> {
    let chat = awaited(db, viewer, id).await?;
    let declined = ChatRow { status: Stored(CoffeeChatStatus::Declined), awaiting: None, ..chat.clone() };
    save(db, &declined, async |tx| tell(tx, JobKind::CoffeeChatDeclined, id, viewer, chat.other_than(viewer)).await)
        .await?;
    hers(db, viewer, id).await
}

/// Either member cancels a chat still ahead of them; the other is told.
pub async fn cancel(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<ChatRow> {
    let chat = hers(db, viewer, id).await?;
    if !chat.open() {
        return Err(AppError::bad_input("id", "this coffee chat is no longer on"));
    }
    let cancelled = ChatRow { status: Stored(CoffeeChatStatus::Cancelled), awaiting: None, ..chat.clone() };
    save(db, &cancelled, async |tx| tell(tx, JobKind::CoffeeChatCancelled, id, viewer, chat.other_than(viewer)).await)
        .await?;
    hers(db, viewer, id).await
}

/// Either member proposes new times (and place) for a chat still ahead of them: it is
/// proposed again, awaiting the other, who is told.
pub async fn reschedule(db: &Db, viewer: Uuid, id: Uuid, proposal: Proposal) -> AppResult<ChatRow> {
    let chat = hers(db, viewer, id).await?;
    if !chat.open() {
        return Err(AppError::bad_input("id", "this coffee chat is no longer on"));
    }
    let (slots, place, online_url) = proposal.checked(clock::now())?;
    let other = chat.other_than(viewer);
    let again = ChatRow {
        status: Stored(CoffeeChatStatus::Proposed),
        awaiting: Some(other),
        place,
        online_url,
        starts_at: None,
        ends_at: None,
        ..chat
    };
    save(db, &again, async |tx| {
        store::replace_slots(tx, id, &slots).await?;
        tell(tx, JobKind::CoffeeChatProposed, id, viewer, other).await
    })
    .await?;
    hers(db, viewer, id).await
}
