//! The rules of events: organisers (group moderators) create, change and cancel them;
//! members RSVP; childcare places are counted apart from seats. One rule for both: a
//! GOING answer takes a seat when one is free and her children fit in the childcare
//! left, else it waits; whenever a seat or a childcare place frees up, the first in
//! arrival order whose children fit is promoted. More children than the event's
//! childcare could ever take is refused outright.

use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{Event, RsvpAnswer, RsvpStatus};
use super::store::{self, EventFields, LockedEvent, NewEvent, StoredRsvp};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::idempotency;
use crate::jobs::{self, JobKind, NewJob, Schedule};
use crate::membership::{self, GroupActivityKind, announce_activity};
use crate::moderation_log::{self, Act, LogAction, Target, TargetKind};
use crate::realtime::Bus;
use crate::text::{optional_body, optional_link, required_line};

const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 5_000;
const MAX_PLACE_CHARS: usize = 200;
const MAX_URL_CHARS: usize = 500;
const MAX_CAPACITY: i64 = 100_000;
const MAX_KIDS: i64 = 10;
const MAX_COST_CENTS: i64 = 10_000_000;
/// How long an event may last.
const MAX_LENGTH: TimeDelta = TimeDelta::days(31);
/// How far back a new (or moved) event may start: a past event can be recorded.
const MAX_IN_PAST: TimeDelta = TimeDelta::days(365);
/// How far ahead a new (or moved) event may start.
const MAX_AHEAD: TimeDelta = TimeDelta::days(5 * 365);

/// The event `id` if the viewer may read its group (and did not block its organiser).
pub async fn readable(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Event> {
    let event = store::find_event(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    membership::readable(db, viewer, event.group_id).await?;
    if event.organiser_hidden {
        return Err(AppError::NotFound);
    }
    Ok(event)
}

fn optional_line(field: &'static str, value: Option<String>, max: usize) -> AppResult<Option<String>> {
    value.map(|v| required_line(field, &v, max)).transpose()
}

fn check_count(field: &'static str, value: Option<i64>) -> AppResult<Option<i64>> {
    match value {
        Some(n) if !(1..=MAX_CAPACITY).contains(&n) => {
            Err(AppError::bad_input(field, format!("{field} must be between 1 and {MAX_CAPACITY}")))
        }
        other => Ok(other),
    }
}

/// Checks an event's new times (a new event, or moved): in the range every input keeps
/// to, the end after the start and within `MAX_LENGTH`, a start no further from now
/// than `MAX_IN_PAST` back or `MAX_AHEAD` ahead. Times an update leaves as they are
/// stay valid as they were.
fn check_times(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> AppResult<()> {
    clock::within_range("startsAt", starts_at)?;
    clock::within_range("endsAt", ends_at)?;
    if ends_at <= starts_at {
        return Err(AppError::bad_input("endsAt", "an event ends after it starts"));
    }
    if ends_at - starts_at > MAX_LENGTH {
        return Err(AppError::bad_input("endsAt", "an event lasts at most 31 days"));
    }
    let now = clock::now();
    if starts_at < now - MAX_IN_PAST || starts_at > now + MAX_AHEAD {
        return Err(AppError::bad_input("startsAt", "an event starts within a year back or five years ahead"));
    }
    Ok(())
}

impl EventFields {
    /// The fields as an organiser typed them, checked: text bounded, sensible times (see
    /// [`check_times`]; `new_times` when the event is new or moved), a real IANA time
    /// zone, a place or a link, sensible seat counts and cost.
    pub fn validate(self, new_times: bool) -> AppResult<Self> {
        let title = required_line("title", &self.title, MAX_TITLE_CHARS)?;
        let description = optional_body("description", &self.description, MAX_DESCRIPTION_CHARS)?;
        let (starts_at, ends_at) = (clock::to_micros(self.starts_at), clock::to_micros(self.ends_at));
        if new_times {
            check_times(starts_at, ends_at)?;
        }
        if chrono_tz::Tz::from_str(&self.timezone).is_err() {
            return Err(AppError::bad_input("timezone", "use an IANA time zone such as America/Toronto"));
        }
        let location = optional_line("location", self.location, MAX_PLACE_CHARS)?;
        let city = optional_line("city", self.city, 80)?;
        let online_url = optional_link("onlineUrl", self.online_url, MAX_URL_CHARS)?;
        if location.is_none() && online_url.is_none() {
            return Err(AppError::bad_input("location", "give a location or an online link"));
        }
        let capacity = check_count("capacity", self.capacity)?;
        let childcare_capacity = check_count("childcareCapacity", self.childcare_capacity)?;
        if self.childcare_provided && childcare_capacity.is_none() {
            return Err(AppError::bad_input("childcareCapacity", "say how many children childcare can take"));
        }
        if !(0..=MAX_COST_CENTS).contains(&self.cost_cents) {
            return Err(AppError::bad_input("costCents", format!("the cost is between 0 and {MAX_COST_CENTS} cents")));
        }
        Ok(EventFields {
            title,
            description,
            starts_at,
            ends_at,
            timezone: self.timezone,
            location,
            city,
            online_url,
            capacity,
            kids_welcome: self.kids_welcome,
            childcare_provided: self.childcare_provided,
            childcare_capacity: if self.childcare_provided { childcare_capacity } else { None },
            cost_cents: self.cost_cents,
        })
    }
}

/// Creates an event in a group the viewer moderates; the group's live subscribers are
/// told once it committed.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id))]
pub async fn create(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    group_id: Uuid,
    input: EventFields,
    key: Option<&str>,
) -> AppResult<Event> {
    membership::require_moderator(db, viewer, group_id).await?;
    let fields = input.validate(true)?;
    let id = idempotency::create_once(db, viewer, "createEvent", key, async |tx| {
        let id = insert(tx, viewer, group_id, fields).await?;
        jobs::enqueue(tx, NewJob::new(JobKind::EventCreated, id, viewer)).await?;
        Ok(id)
    })
    .await?
    .id;
    announce_activity(bus, group_id, GroupActivityKind::EventCreated, id).await;
    let event = readable(db, viewer, id).await?;
    if event.group_id != group_id {
        return Err(AppError::Conflict {
            field: "clientMutationId",
            message: "this clientMutationId was used for another event".into(),
        });
    }
    Ok(event)
}

/// Inserts an event by `organiser` in `group_id` inside `tx`, its reminders scheduled;
/// `fields` were checked ([`EventFields::validate`]). Telling the group is the caller's
/// choice (a new program's sessions are news to no one yet).
pub async fn insert(tx: &mut Tx, organiser: Uuid, group_id: Uuid, fields: EventFields) -> AppResult<Uuid> {
    let event = NewEvent { id: Uuid::now_v7(), group_id, created_by: organiser, fields, now: clock::now() };
    store::insert_event(tx, &event).await?;
    schedule_reminders(tx, event.id, event.fields.starts_at).await?;
    Ok(event.id)
}

async fn organised(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Event> {
    let event = readable(db, viewer, id).await?;
    membership::require_moderator(db, viewer, event.group_id).await?;
    if event.cancelled_at.is_some() {
        return Err(AppError::Conflict { field: "eventId", message: "this event was cancelled".into() });
    }
    Ok(event)
}

/// Records the reminders of an event starting at `starts_at`, a day and an hour before,
/// for those times still ahead (a reminder sent late, before anyone could answer, would
/// be wasted). Call when an event is created or its start moves: the reminders of a
/// start it moved away from do nothing when due.
async fn schedule_reminders(tx: &mut Tx, event_id: Uuid, starts_at: DateTime<Utc>) -> AppResult<()> {
    let reminders =
        [(JobKind::EventReminderDay, TimeDelta::days(1)), (JobKind::EventReminderHour, TimeDelta::hours(1))];
    for (kind, before) in reminders {
        let run_at = starts_at - before;
        if run_at > clock::now() {
            let schedule = Schedule { run_at, about: starts_at };
            jobs::enqueue(tx, NewJob { schedule: Some(schedule), ..NewJob::system(kind, event_id) }).await?;
        }
    }
    Ok(())
}

/// Changes an event; more seats promote people from the waitlist at once.
#[tracing::instrument(skip_all, fields(viewer = %viewer, event = %id))]
pub async fn update(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, input: EventFields) -> AppResult<Event> {
    let current = organised(db, viewer, id).await?;
    let moved = input.starts_at != current.starts_at || input.ends_at != current.ends_at;
    let fields = input.validate(moved)?;
    let mut tx = db.begin_write().await?;
    let locked = store::lock_for_rsvp(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if fields.capacity.is_some_and(|capacity| capacity < locked.going_count) {
        tx.rollback().await?;
        let message = format!("{} members are already going", locked.going_count);
        return Err(AppError::Conflict { field: "capacity", message });
    }
    if locked.childcare_taken > fields.childcare_capacity.unwrap_or(0) {
        tx.rollback().await?;
        let message = format!("{} childcare places are already taken", locked.childcare_taken);
        return Err(AppError::Conflict { field: "childcareCapacity", message });
    }
    let waiting = store::most_childcare_waiting(&mut tx, id).await?;
    if waiting > fields.childcare_capacity.unwrap_or(0) {
        tx.rollback().await?;
        let message = format!("a member on the waitlist needs {waiting} childcare places");
        return Err(AppError::Conflict { field: "childcareCapacity", message });
    }
    store::update_event(&mut tx, id, &fields, clock::now()).await?;
    jobs::enqueue(&mut tx, NewJob::new(JobKind::EventChanged, id, viewer)).await?;
    if locked.starts_at != fields.starts_at {
        schedule_reminders(&mut tx, id, fields.starts_at).await?;
    }
    let locked = LockedEvent {
        capacity: fields.capacity,
        childcare_provided: fields.childcare_provided,
        childcare_capacity: fields.childcare_capacity,
        ..locked
    };
    promote_waitlist(&mut tx, id, locked).await?;
    tx.commit().await?;
    announce_activity(bus, current.group_id, GroupActivityKind::EventUpdated, id).await;
    readable(db, viewer, id).await
}

/// Cancels an event.
#[tracing::instrument(skip_all, fields(viewer = %viewer, event = %id))]
pub async fn cancel(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid) -> AppResult<Event> {
    let event = organised(db, viewer, id).await?;
    call_off(db, bus, viewer, &event, None).await?;
    readable(db, viewer, id).await
}

/// Cancels event `id` as a moderator acting on reports (`act` says who, where and why;
/// she was checked): those going are told, as for any cancellation, and the moderation
/// log keeps the act.
pub async fn remove_event(db: &Db, bus: &Bus, act: Act<'_>, id: Uuid) -> AppResult<()> {
    let event = store::find_event(db, Uuid::nil(), id).await?.ok_or(AppError::NotFound)?;
    call_off(db, bus, act.actor, &event, Some(act)).await
}

/// Cancels `event` for `actor`, logged when it is a moderator's act on reports.
async fn call_off(db: &Db, bus: &Bus, actor: Uuid, event: &Event, act: Option<Act<'_>>) -> AppResult<()> {
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    if !store::cancel_event(&mut tx, event.id, now).await? {
        // Already cancelled: nothing done, nothing to log.
        return Ok(());
    }
    jobs::enqueue(&mut tx, NewJob::new(JobKind::EventCancelled, event.id, actor)).await?;
    if let Some(act) = act {
        let target = Target { kind: TargetKind::Event, id: event.id };
        moderation_log::append(&mut tx, act.entry(LogAction::CancelEvent, target, Some(event.created_by)), now).await?;
    }
    tx.commit().await?;
    announce_activity(bus, event.group_id, GroupActivityKind::EventCancelled, event.id).await;
    Ok(())
}

fn childcare_left(event: &LockedEvent) -> i64 {
    event.childcare_capacity.map_or(0, |capacity| capacity - event.childcare_taken)
}

/// Whether `seats` childcare places fit (no places needed always fits).
fn childcare_fits(event: &LockedEvent, seats: i64) -> bool {
    seats == 0 || seats <= childcare_left(event)
}

fn has_seat(event: &LockedEvent) -> bool {
    event.capacity.is_none_or(|capacity| event.going_count < capacity)
}

/// Moves people from the head of the waitlist to GOING while seats are free, skipping
/// those whose children do not fit in the childcare left.
async fn promote_waitlist(tx: &mut Tx, event_id: Uuid, mut event: LockedEvent) -> AppResult<()> {
    let now = clock::now();
    while has_seat(&event) {
        let Some(next) = store::first_waiting_that_fits(tx, event_id, childcare_left(&event).max(0)).await? else {
            break;
        };
        event.going_count += 1;
        event.childcare_taken += next.childcare_seats;
        let promoted = NewJob { target: Some(next.member_id), ..NewJob::system(JobKind::WaitlistPromoted, event_id) };
        jobs::enqueue(tx, promoted).await?;
        store::save_rsvp(tx, event_id, &StoredRsvp { status: RsvpStatus::Going, ..next }, now).await?;
    }
    store::set_counts(tx, event_id, event.going_count, event.childcare_taken).await?;
    Ok(())
}

/// The childcare places `kids` children need at `event`: none unless childcare is
/// provided; more children than its childcare could ever take is `BAD_USER_INPUT`.
fn check_kids(event: &LockedEvent, kids: i64) -> AppResult<i64> {
    if !(0..=MAX_KIDS).contains(&kids) {
        return Err(AppError::bad_input("kids", format!("kids must be between 0 and {MAX_KIDS}")));
    }
    if kids > 0 && !event.kids_welcome && !event.childcare_provided {
        return Err(AppError::bad_input("kids", "this event is for grown-ups only"));
    }
    if !event.childcare_provided {
        return Ok(0);
    }
    let capacity = event.childcare_capacity.unwrap_or(0);
    if kids > capacity {
        return Err(AppError::bad_input("kids", format!("childcare here takes at most {capacity} children")));
    }
    Ok(kids)
}

/// Decides a GOING answer for someone without a seat yet: a seat if one is free and her
/// children fit in the childcare left; else the waitlist, where a freed seat or
/// childcare place goes to the first in arrival order whose children fit.
fn seat_or_waitlist(event: &mut LockedEvent, rsvp: &mut StoredRsvp) {
    if !has_seat(event) || !childcare_fits(event, rsvp.childcare_seats) {
        rsvp.status = RsvpStatus::Waitlisted;
        return;
    }
    rsvp.status = RsvpStatus::Going;
    event.going_count += 1;
    event.childcare_taken += rsvp.childcare_seats;
}

/// Answers an event: GOING takes a seat or joins the waitlist; NOT_GOING frees her seat
/// for the first in line.
#[tracing::instrument(skip_all, fields(viewer = %viewer, event = %event_id))]
pub async fn rsvp(db: &Db, viewer: Uuid, event_id: Uuid, answer: Answer, key: Option<&str>) -> AppResult<Event> {
    let event = readable(db, viewer, event_id).await?;
    membership::require_member(db, viewer, event.group_id).await?;
    // A retry of an answer already given is not applied again, nor refused if the event
    // has been cancelled since: create_once looks its key up before deciding.
    idempotency::create_once(db, viewer, "rsvp", key, async |tx| {
        decide(tx, viewer, event_id, answer.status, answer.kids).await?;
        Ok(event_id)
    })
    .await?;
    readable(db, viewer, event_id).await
}

/// A member's answer to an event: whether she comes, and with how many children.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub status: RsvpAnswer,
    pub kids: i64,
}

async fn decide(tx: &mut Tx, viewer: Uuid, event_id: Uuid, answer: RsvpAnswer, kids: i64) -> AppResult<()> {
    let mut event = store::lock_for_rsvp(tx, event_id).await?.ok_or(AppError::NotFound)?;
    if event.cancelled_at.is_some() {
        return Err(AppError::Conflict { field: "eventId", message: "this event was cancelled".into() });
    }
    let seats = check_kids(&event, kids)?;
    let previous = store::find_rsvp(tx, event_id, viewer).await?;
    let was = previous.as_ref().map(|r| r.status);
    let mut rsvp = previous.clone().unwrap_or(StoredRsvp {
        member_id: viewer,
        status: RsvpStatus::NotGoing,
        kids: 0,
        childcare_seats: 0,
        seq: event.rsvp_seq,
    });
    if was == Some(RsvpStatus::Going) {
        event.going_count -= 1;
        event.childcare_taken -= rsvp.childcare_seats;
    }
    rsvp.kids = kids;
    rsvp.childcare_seats = seats;
    match (answer, was) {
        (RsvpAnswer::Going, Some(RsvpStatus::Waitlisted)) => {}
        (RsvpAnswer::Going, Some(RsvpStatus::Going)) => {
            // Same seat, maybe more or fewer children.
            event.going_count += 1;
            event.childcare_taken += seats;
            if seats > 0 && event.childcare_taken > event.childcare_capacity.unwrap_or(0) {
                return Err(AppError::Conflict { field: "kids", message: "not enough childcare places left".into() });
            }
        }
        (RsvpAnswer::Going, _) => {
            rsvp.seq = event.rsvp_seq;
            seat_or_waitlist(&mut event, &mut rsvp);
        }
        (RsvpAnswer::NotGoing, _) => rsvp.status = RsvpStatus::NotGoing,
    }
    store::save_rsvp(tx, event_id, &rsvp, clock::now()).await?;
    promote_waitlist(tx, event_id, event).await
}

/// Gives up every seat and waitlist place of a member who is leaving Village: her
/// answers become NOT_GOING and the waitlists move up, in the transaction that closes
/// her account.
pub async fn release_everywhere(tx: &mut Tx, member_id: Uuid) -> AppResult<()> {
    for event_id in store::answered_upcoming_anywhere(tx, member_id, clock::now()).await? {
        decide(tx, member_id, event_id, RsvpAnswer::NotGoing, 0).await?;
    }
    Ok(())
}

/// Answers GOING, without children, for `member_id` to each upcoming event of
/// `group_id` she has not answered GOING or queued for, inside `tx`: how a program's
/// cohort member is seated at its sessions.
pub async fn attend_upcoming(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> AppResult<()> {
    for event_id in store::unanswered_upcoming(tx, group_id, member_id, clock::now()).await? {
        decide(tx, member_id, event_id, RsvpAnswer::Going, 0).await?;
    }
    Ok(())
}

/// Gives up the seats of a member who left or was removed from `group_id`: her answers
/// to its upcoming events become NOT_GOING and the waitlists move up. Runs in the
/// transaction that removes her.
pub async fn release_member(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> AppResult<()> {
    for event_id in store::answered_upcoming(tx, group_id, member_id, clock::now()).await? {
        decide(tx, member_id, event_id, RsvpAnswer::NotGoing, 0).await?;
    }
    Ok(())
}
