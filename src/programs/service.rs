//! The rules of programs: community admins (anywhere) and a group's moderators (in
//! their group) create one with its sessions, and with it a private cohort group the
//! sessions happen in. A member enrols: a place while there is one — she joins the
//! cohort and answers GOING to its sessions still ahead — else the waitlist, in arrival
//! order. Giving up a place (leaving, being removed, closing her account) takes her out
//! of the cohort and its sessions, and the first in line takes it, all in one
//! transaction; the cohort's own leave and remove refuse members with a place, so the
//! cohort and the enrolments always agree.

use uuid::Uuid;

use super::model::{EnrollmentStatus, Program};
use super::store::{self, LockedProgram, NewProgram};
use crate::db::text_enum::to_text;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::events::{self, EventFields};
use crate::jobs::{self, JobKind, NewJob};
use crate::members::{self, CareerStage};
use crate::membership::store::{self as memberships, NewGroup};
use crate::membership::{self, GroupActivityKind, GroupRole, GroupVisibility, JoinPolicy, announce_activity};
use crate::moderation_log::{self, Act, LogAction, Target, TargetKind};
use crate::realtime::{self, Bus};
use crate::text::{optional_body, required_line};
use crate::{clock, groups, idempotency};

/// Its title names the cohort group too, so it keeps to a group name's length.
const MAX_TITLE_CHARS: usize = 80;
const MAX_DESCRIPTION_CHARS: usize = 5_000;
pub const MAX_SESSIONS: usize = 20;
const MAX_CAPACITY: i64 = 1_000;

/// A program as its organiser describes it.
pub struct ProgramDraft {
    pub title: String,
    pub description: String,
    pub life_stage: CareerStage,
    pub capacity: i64,
    /// Each session's details (without a seat limit: the cohort is its limit).
    pub sessions: Vec<EventFields>,
    pub group_id: Option<Uuid>,
}

impl ProgramDraft {
    /// The draft checked: bounded text, a sensible capacity, 1 to 20 sessions each
    /// valid as a new event.
    fn validate(self) -> AppResult<Self> {
        let title = required_line("title", &self.title, MAX_TITLE_CHARS)?;
        let description = optional_body("description", &self.description, MAX_DESCRIPTION_CHARS)?;
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            return Err(AppError::bad_input("capacity", format!("capacity must be between 1 and {MAX_CAPACITY}")));
        }
        if !(1..=MAX_SESSIONS).contains(&self.sessions.len()) {
            return Err(AppError::bad_input("sessions", format!("a program has 1 to {MAX_SESSIONS} sessions")));
        }
        // No seat limit at a session: the cohort is its limit (organisers may come too).
        let sessions = self
            .sessions
            .into_iter()
            .map(|session| EventFields { capacity: None, cost_cents: 0, ..session }.validate(true))
            .collect::<AppResult<_>>()?;
        Ok(Self { title, description, sessions, ..self })
    }
}

/// Program `id` if the viewer may see it.
pub async fn readable(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<Program> {
    store::find(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Creates a program, its private cohort group (the viewer its owner) and its sessions.
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn create(db: &Db, viewer: Uuid, draft: ProgramDraft, key: Option<&str>) -> AppResult<Program> {
    let admin = members::is_admin(db, viewer).await?;
    membership::require_organiser(db, viewer, admin, draft.group_id).await?;
    let draft = draft.validate()?;
    let id = idempotency::create_once(db, viewer, "createProgram", key, async |tx| {
        let now = clock::now();
        let cohort_group_id = Uuid::now_v7();
        let cohort_description = format!("The cohort of '{}': its sessions and its conversations.", draft.title);
        let cohort = NewGroup {
            id: cohort_group_id,
            name: &draft.title,
            description: &cohort_description,
            visibility: &to_text(GroupVisibility::Private),
            join_policy: &to_text(JoinPolicy::InviteOnly),
            join_questions: "[]",
            allow_anonymous_posts: false,
            created_by: viewer,
            now,
        };
        memberships::insert_group(tx, cohort).await?;
        memberships::add_member(tx, cohort_group_id, viewer, GroupRole::Owner, now).await?;
        let program = NewProgram {
            id: Uuid::now_v7(),
            group_id: draft.group_id,
            cohort_group_id,
            created_by: viewer,
            title: &draft.title,
            description: &draft.description,
            life_stage: draft.life_stage,
            capacity: draft.capacity,
            now,
        };
        store::insert_program(tx, &program).await?;
        for session in draft.sessions.clone() {
            events::insert_event(tx, viewer, cohort_group_id, session).await?;
        }
        Ok(program.id)
    })
    .await?
    .id;
    readable(db, viewer, id).await
}

/// Enrols the viewer: a place if one is free, else the waitlist. Enrolling again while
/// she has a place or waits for one changes nothing.
#[tracing::instrument(skip_all, fields(viewer = %viewer, program = %id))]
pub async fn enroll(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, key: Option<&str>) -> AppResult<Program> {
    let program = readable(db, viewer, id).await?;
    if program.ends_at.is_none_or(|ends_at| ends_at <= clock::now()) {
        return Err(AppError::Conflict { field: "programId", message: "this program has ended".into() });
    }
    idempotency::create_once(db, viewer, "enrollInProgram", key, async |tx| {
        take_place(tx, viewer, id).await?;
        Ok(id)
    })
    .await?;
    let now = readable(db, viewer, id).await?;
    if now.viewer_status.0 == Some(EnrollmentStatus::Enrolled) && program.viewer_status.0 != now.viewer_status.0 {
        announce_activity(bus, now.cohort_group_id, GroupActivityKind::MemberJoined, viewer).await;
    }
    Ok(now)
}

/// Decides her enrolment under the program's lock.
async fn take_place(tx: &mut Tx, member_id: Uuid, program_id: Uuid) -> AppResult<()> {
    let mut program = store::lock(tx, program_id).await?.ok_or(AppError::NotFound)?;
    let current = store::enrollment(tx, program_id, member_id).await?;
    match current {
        Some(EnrollmentStatus::Enrolled | EnrollmentStatus::Waitlisted) => return Ok(()),
        Some(EnrollmentStatus::Removed) => return Err(AppError::Forbidden),
        Some(EnrollmentStatus::Left) | None => {}
    }
    if memberships::role_in_tx(tx, program.cohort_group_id, member_id).await?.is_some() {
        let message = "you run this program's cohort";
        return Err(AppError::Conflict { field: "programId", message: message.into() });
    }
    let now = clock::now();
    if program.enrolled_count >= program.capacity {
        store::save_enrollment(tx, program_id, member_id, EnrollmentStatus::Waitlisted, program.enroll_seq, now)
            .await?;
        return Ok(());
    }
    store::save_enrollment(tx, program_id, member_id, EnrollmentStatus::Enrolled, program.enroll_seq, now).await?;
    admit(tx, &program, member_id).await?;
    program.enrolled_count += 1;
    store::set_enrolled_count(tx, program_id, program.enrolled_count).await?;
    Ok(())
}

/// Puts a member with a place into the cohort and seats her at its sessions ahead.
async fn admit(tx: &mut Tx, program: &LockedProgram, member_id: Uuid) -> AppResult<()> {
    memberships::lock_group(tx, program.cohort_group_id).await?;
    memberships::add_member(tx, program.cohort_group_id, member_id, GroupRole::Member, clock::now()).await?;
    events::attend_upcoming(tx, program.cohort_group_id, member_id).await
}

/// Gives up the place (or the place in line) of `member_id` in `program_id`, leaving her
/// `then` (LEFT or REMOVED): out of the cohort and its sessions, and the first in line
/// moves up into the cohort. Returns what she had.
async fn give_up_place(
    tx: &mut Tx,
    program_id: Uuid,
    member_id: Uuid,
    then: EnrollmentStatus,
) -> AppResult<Option<EnrollmentStatus>> {
    let mut program = store::lock(tx, program_id).await?.ok_or(AppError::NotFound)?;
    let had = store::enrollment(tx, program_id, member_id).await?;
    let now = clock::now();
    match had {
        Some(EnrollmentStatus::Enrolled) => {
            memberships::lock_group(tx, program.cohort_group_id).await?;
            store::set_status(tx, program_id, member_id, then, now).await?;
            groups::depart(tx, program.cohort_group_id, member_id).await?;
            program.enrolled_count -= 1;
            promote_waitlist(tx, program_id, program).await?;
        }
        Some(EnrollmentStatus::Waitlisted) => {
            store::set_status(tx, program_id, member_id, then, now).await?;
        }
        Some(EnrollmentStatus::Left | EnrollmentStatus::Removed) | None => {}
    }
    Ok(had)
}

/// Gives free places to the first in line, in arrival order; each is told.
async fn promote_waitlist(tx: &mut Tx, program_id: Uuid, mut program: LockedProgram) -> AppResult<()> {
    while program.enrolled_count < program.capacity {
        let Some(next) = store::first_waiting(tx, program_id).await? else { break };
        store::set_status(tx, program_id, next, EnrollmentStatus::Enrolled, clock::now()).await?;
        admit(tx, &program, next).await?;
        let told = NewJob { target: Some(next), ..NewJob::system(JobKind::ProgramPlaceGiven, program_id) };
        jobs::enqueue(tx, told).await?;
        program.enrolled_count += 1;
    }
    store::set_enrolled_count(tx, program_id, program.enrolled_count).await?;
    Ok(())
}

/// The viewer gives up her place, or her place in line.
#[tracing::instrument(skip_all, fields(viewer = %viewer, program = %id))]
pub async fn leave(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid) -> AppResult<Program> {
    readable(db, viewer, id).await?;
    let mut tx = db.begin_write().await?;
    let had = give_up_place(&mut tx, id, viewer, EnrollmentStatus::Left).await?;
    if had.is_none() {
        tx.rollback().await?;
        return Err(AppError::bad_input("programId", "you are not enrolled in this program"));
    }
    tx.commit().await?;
    if had == Some(EnrollmentStatus::Enrolled) {
        realtime::access_changed(bus, viewer).await;
    }
    store::find_as_left(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// Takes `member_id`'s place (or place in line) away for good: the cohort's owners and
/// moderators (over those they outrank), and community admins, may; logged.
#[tracing::instrument(skip_all, fields(viewer = %viewer, program = %id, member = %member_id))]
pub async fn remove(db: &Db, bus: &Bus, viewer: Uuid, id: Uuid, member_id: Uuid) -> AppResult<Program> {
    let program = store::find_as_left(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    let standing = if members::is_admin(db, viewer).await? {
        GroupRole::Owner
    } else {
        match membership::role_of(db, viewer, program.cohort_group_id).await? {
            Some(role @ (GroupRole::Owner | GroupRole::Moderator)) => role,
            _ if readable(db, viewer, id).await.is_ok() => return Err(AppError::Forbidden),
            _ => return Err(AppError::NotFound),
        }
    };
    let target = membership::role_of(db, member_id, program.cohort_group_id).await?;
    if !standing.outranks(target.unwrap_or(GroupRole::Member)) {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let had = give_up_place(&mut tx, id, member_id, EnrollmentStatus::Removed).await?;
    if !matches!(had, Some(EnrollmentStatus::Enrolled | EnrollmentStatus::Waitlisted)) {
        tx.rollback().await?;
        return Err(AppError::bad_input("memberId", "she has no place in this program"));
    }
    let act = Act { actor: viewer, group_id: Some(program.cohort_group_id), note: "removed from the program" };
    let target = Target { kind: TargetKind::Member, id: member_id };
    moderation_log::append(&mut tx, act.entry(LogAction::RemoveFromGroup, target, Some(member_id)), clock::now())
        .await?;
    tx.commit().await?;
    realtime::access_changed(bus, member_id).await;
    store::find_as_left(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// First in the transaction that closes a member's account: locks the programs she
/// offered or holds a place in (in one order, as every enrolment takes a program's lock
/// before its cohort's), then gives up her places and places in line.
pub async fn release_everywhere(tx: &mut Tx, member_id: Uuid) -> AppResult<()> {
    let held = store::held_by(tx, member_id).await?;
    let mut touched = store::offered_by(tx, member_id).await?;
    touched.extend(&held);
    touched.sort_unstable();
    touched.dedup();
    for program_id in touched {
        store::lock(tx, program_id).await?;
    }
    for program_id in held {
        give_up_place(tx, program_id, member_id, EnrollmentStatus::Left).await?;
    }
    Ok(())
}
