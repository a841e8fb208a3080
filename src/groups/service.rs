//! What members do to groups: create, join (at once, by request or by invitation),
//! leave, approve, invite, change roles and remove. Leaving takes her seats at the
//! group's events and her thread follows with her, in the same transaction.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::clock;
use crate::db::text_enum::to_text;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::idempotency;
use crate::jobs::{self, JobKind, NewJob};
use crate::membership::store::{self, NewGroup};
use crate::membership::{
    Group, GroupActivityKind, GroupRole, GroupVisibility, JoinPolicy, JoinRequest, JoinRequestStatus,
    announce_activity, readable, require_member, require_moderator,
};
use crate::moderation_log::{self, Act, LogAction, NewEntry, Target, TargetKind};
use crate::realtime::{self, Bus};
use crate::text::{bounded_list, line_list, optional_body, required_line};

const MAX_NAME_CHARS: usize = 80;
const MAX_DESCRIPTION_CHARS: usize = 2_000;
const MAX_QUESTIONS: usize = 5;
const MAX_QUESTION_CHARS: usize = 300;
const MAX_ANSWER_CHARS: usize = 1_000;

/// What a new group is made of.
pub struct CreateGroup {
    pub name: String,
    pub description: String,
    pub visibility: GroupVisibility,
    pub join_policy: JoinPolicy,
    pub join_questions: Vec<String>,
    pub allow_anonymous_posts: bool,
    pub client_mutation_id: Option<String>,
}

/// Creates a group owned by the viewer.
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn create(db: &Db, viewer: Uuid, input: CreateGroup) -> AppResult<Group> {
    let name = required_line("name", &input.name, MAX_NAME_CHARS)?;
    let description = optional_body("description", &input.description, MAX_DESCRIPTION_CHARS)?;
    let questions = line_list("joinQuestions", &input.join_questions, MAX_QUESTIONS, MAX_QUESTION_CHARS)?;
    let questions = serde_json::to_string(&questions).map_err(anyhow::Error::from)?;
    let key = input.client_mutation_id.as_deref();
    let id = idempotency::create_once(db, viewer, "createGroup", key, async |tx| {
        let id = Uuid::now_v7();
        let now = clock::now();
        let new_group = NewGroup {
            id,
            name: &name,
            description: &description,
            visibility: &to_text(input.visibility),
            join_policy: &to_text(input.join_policy),
            join_questions: &questions,
            allow_anonymous_posts: input.allow_anonymous_posts,
            created_by: viewer,
            now,
        };
        store::insert_group(tx, new_group).await?;
        store::add_member(tx, id, viewer, GroupRole::Owner, now).await?;
        Ok(id)
    })
    .await?
    .id;
    store::find(db, viewer, id).await?.ok_or(AppError::NotFound)
}

/// What joining led to.
pub enum JoinOutcome {
    Joined(Group),
    Requested(Group, JoinRequest),
}

/// Joins a group: at once when it is open or she was invited, by request when it needs
/// approval. Joining a group she is already in changes nothing.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id))]
pub async fn join(db: &Db, bus: &Bus, viewer: Uuid, group_id: Uuid, answers: Vec<String>) -> AppResult<JoinOutcome> {
    bounded_list("answers", &answers, MAX_QUESTIONS)?;
    let group = store::find(db, viewer, group_id).await?.ok_or(AppError::NotFound)?;
    if group.viewer_role.is_some() {
        return Ok(JoinOutcome::Joined(group));
    }
    let mut tx = db.begin_write().await?;
    let invited = store::take_invitation(&mut tx, group_id, viewer).await?;
    if invited || group.join_policy == JoinPolicy::Open {
        store::add_member(&mut tx, group_id, viewer, GroupRole::Member, clock::now()).await?;
        tx.commit().await?;
        announce_activity(bus, group_id, GroupActivityKind::MemberJoined, viewer).await;
        let group = store::find(db, viewer, group_id).await?.ok_or(AppError::NotFound)?;
        return Ok(JoinOutcome::Joined(group));
    }
    if group.join_policy == JoinPolicy::InviteOnly {
        tx.rollback().await?;
        return Err(AppError::Forbidden);
    }
    tx.rollback().await?;
    request_to_join(db, bus, viewer, group, answers).await
}

async fn request_to_join(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    group: Group,
    answers: Vec<String>,
) -> AppResult<JoinOutcome> {
    if let Some(pending) = store::pending_request(db, group.id, viewer).await? {
        return Ok(JoinOutcome::Requested(group, pending));
    }
    if answers.len() != group.join_questions.len() {
        let message = format!("answer each of the group's {} questions", group.join_questions.len());
        return Err(AppError::bad_input("answers", message));
    }
    let answers = line_list("answers", &answers, MAX_QUESTIONS, MAX_ANSWER_CHARS)?;
    let request = JoinRequest {
        id: Uuid::now_v7(),
        group_id: group.id,
        member_id: viewer,
        answers,
        status: JoinRequestStatus::Pending,
        created_at: clock::now(),
    };
    let mut tx = db.begin_write().await?;
    store::insert_request(&mut tx, &request).await?;
    jobs::enqueue(&mut tx, NewJob::new(JobKind::JoinRequested, request.id, viewer)).await?;
    tx.commit().await?;
    announce_activity(bus, group.id, GroupActivityKind::JoinRequested, request.id).await;
    Ok(JoinOutcome::Requested(group, request))
}

/// Takes `member_id` out of `group_id` inside `tx`: her membership, her seats at its
/// upcoming events (the waitlists move up) and her follows of its threads.
pub async fn depart(tx: &mut Tx, group_id: Uuid, member_id: Uuid) -> AppResult<()> {
    store::remove_member(tx, group_id, member_id).await?;
    crate::events::release_member(tx, group_id, member_id).await?;
    crate::threads::unfollow_group(tx, group_id, member_id).await?;
    Ok(())
}

/// Takes `member_id` out of every group she is in, inside `tx`, as her account closes
/// (hand the groups she alone owns to someone first).
pub async fn depart_everywhere(tx: &mut Tx, member_id: Uuid) -> AppResult<()> {
    for group_id in store::groups_of(tx, member_id).await? {
        store::lock_group(tx, group_id).await?;
        depart(tx, group_id, member_id).await?;
    }
    Ok(())
}

/// Leaves a group. The last owner cannot leave while others remain: she hands the
/// group to someone first. Her live subscriptions check their access at once.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id))]
pub async fn leave(db: &Db, bus: &Bus, viewer: Uuid, group_id: Uuid) -> AppResult<Group> {
    readable(db, viewer, group_id).await?;
    let mut tx = db.begin_write().await?;
    store::lock_group(&mut tx, group_id).await?;
    let role = store::role_in_tx(&mut tx, group_id, viewer).await?;
    if store::holds_program_place(&mut tx, group_id, viewer).await? {
        tx.rollback().await?;
        let message = "this is a program's cohort: leave it with leaveProgram";
        return Err(AppError::Conflict { field: "groupId", message: message.into() });
    }
    let last_owner = role == Some(GroupRole::Owner) && store::owner_count(&mut tx, group_id).await? == 1;
    if last_owner && store::member_count(&mut tx, group_id).await? > 1 {
        tx.rollback().await?;
        return Err(AppError::Conflict {
            field: "groupId",
            message: "make another member an owner before leaving".into(),
        });
    }
    depart(&mut tx, group_id, viewer).await?;
    tx.commit().await?;
    realtime::access_changed(bus, viewer).await;
    store::find(db, viewer, group_id).await?.ok_or(AppError::NotFound)
}

/// Approves or declines a pending request to join; moderators only.
#[tracing::instrument(skip_all, fields(viewer = %viewer, request = %request_id, approve))]
pub async fn decide(db: &Db, bus: &Bus, viewer: Uuid, request_id: Uuid, approve: bool) -> AppResult<JoinRequest> {
    let request = store::find_request(db, request_id).await?.ok_or(AppError::NotFound)?;
    require_moderator(db, viewer, request.group_id).await?;
    let status = if approve { JoinRequestStatus::Approved } else { JoinRequestStatus::Declined };
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    if !store::decide_request(&mut tx, request_id, status, viewer, now).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict { field: "requestId", message: "this request was already answered".into() });
    }
    if approve && store::role_in_tx(&mut tx, request.group_id, request.member_id).await?.is_none() {
        store::add_member(&mut tx, request.group_id, request.member_id, GroupRole::Member, now).await?;
        jobs::enqueue(&mut tx, NewJob::new(JobKind::JoinApproved, request_id, viewer)).await?;
    }
    tx.commit().await?;
    if approve {
        announce_activity(bus, request.group_id, GroupActivityKind::MemberJoined, request.member_id).await;
    }
    Ok(JoinRequest { status, ..request })
}

/// Invites a member; moderators only. The invitation lets her join whatever the policy.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id, member = %member_id))]
pub async fn invite(db: &Db, viewer: Uuid, group_id: Uuid, member_id: Uuid) -> AppResult<()> {
    require_moderator(db, viewer, group_id).await?;
    crate::members::find(db, viewer, member_id).await?.ok_or(AppError::bad_input("memberId", "no such member"))?;
    let mut tx = db.begin_write().await?;
    if store::is_cohort(&mut tx, group_id).await? {
        tx.rollback().await?;
        let message = "a program's cohort takes its members through enrolment";
        return Err(AppError::Conflict { field: "groupId", message: message.into() });
    }
    if store::role_in_tx(&mut tx, group_id, member_id).await?.is_some() {
        tx.rollback().await?;
        return Err(AppError::Conflict { field: "memberId", message: "she is already a member".into() });
    }
    store::insert_invitation(&mut tx, group_id, member_id, viewer, clock::now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Lets the group's members post anonymously, or stops it (what was posted anonymously
/// stays so); owners only, and logged when it changes.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id))]
pub async fn set_anonymous_posts(db: &Db, viewer: Uuid, group_id: Uuid, allowed: bool) -> AppResult<Group> {
    let group = require_member(db, viewer, group_id).await?;
    if group.viewer_role != Some(GroupRole::Owner) {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    if store::set_anonymous_posts(&mut tx, group_id, allowed).await? {
        let action = if allowed { LogAction::AllowAnonymousPosts } else { LogAction::DisallowAnonymousPosts };
        let entry = NewEntry {
            actor: viewer,
            group_id: Some(group_id),
            action,
            target: None,
            subject: None,
            note: "",
            until: None,
        };
        moderation_log::append(&mut tx, entry, clock::now()).await?;
    }
    tx.commit().await?;
    readable(db, viewer, group_id).await
}

/// Changes a member's role; owners only, and a group always keeps one owner. Her live
/// subscriptions check their access at once.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id, member = %member_id))]
pub async fn set_role(
    db: &Db,
    bus: &Bus,
    viewer: Uuid,
    group_id: Uuid,
    member_id: Uuid,
    role: GroupRole,
) -> AppResult<()> {
    let group = require_member(db, viewer, group_id).await?;
    if group.viewer_role != Some(GroupRole::Owner) {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    store::lock_group(&mut tx, group_id).await?;
    let current = store::role_in_tx(&mut tx, group_id, member_id).await?;
    let Some(current) = current else {
        tx.rollback().await?;
        return Err(AppError::bad_input("memberId", "she is not a member of this group"));
    };
    if current == GroupRole::Owner && role != GroupRole::Owner && store::owner_count(&mut tx, group_id).await? == 1 {
        tx.rollback().await?;
        return Err(AppError::Conflict { field: "role", message: "a group needs at least one owner".into() });
    }
    store::set_role(&mut tx, group_id, member_id, role).await?;
    let note = format!("{} -> {}", to_text(current), to_text(role));
    let act = Act { actor: viewer, group_id: Some(group_id), note: &note };
    let target = Target { kind: TargetKind::Member, id: member_id };
    moderation_log::append(&mut tx, act.entry(LogAction::ChangeRole, target, Some(member_id)), clock::now()).await?;
    tx.commit().await?;
    realtime::access_changed(bus, member_id).await;
    Ok(())
}

/// Removes a member at once (her live subscriptions lose the group within a moment);
/// moderators may remove members, owners anyone but owners.
#[tracing::instrument(skip_all, fields(viewer = %viewer, group = %group_id, member = %member_id))]
pub async fn remove(db: &Db, bus: &Bus, viewer: Uuid, group_id: Uuid, member_id: Uuid) -> AppResult<Group> {
    let group = require_moderator(db, viewer, group_id).await?;
    let standing = group.viewer_role.unwrap_or(GroupRole::Member);
    remove_member(db, bus, Act { actor: viewer, group_id: Some(group_id), note: "" }, standing, member_id).await?;
    store::find(db, viewer, group_id).await?.ok_or(AppError::NotFound)
}

/// Removes `member_id` from the group `act` is in, for a moderator standing there as
/// `standing` (a community admin stands as an owner); logged.
pub async fn remove_member(db: &Db, bus: &Bus, act: Act<'_>, standing: GroupRole, member_id: Uuid) -> AppResult<()> {
    let group_id = act.group_id.ok_or(AppError::NotFound)?;
    if member_id == act.actor {
        return Err(AppError::bad_input("memberId", "use leaveGroup to leave a group"));
    }
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    store::lock_group(&mut tx, group_id).await?;
    let Some(target) = store::role_in_tx(&mut tx, group_id, member_id).await? else {
        tx.rollback().await?;
        return Err(AppError::bad_input("memberId", "she is not a member of this group"));
    };
    if !standing.outranks(target) {
        tx.rollback().await?;
        return Err(AppError::Forbidden);
    }
    if store::holds_program_place(&mut tx, group_id, member_id).await? {
        tx.rollback().await?;
        let message = "she has a place in this cohort's program: use removeFromProgram";
        return Err(AppError::Conflict { field: "memberId", message: message.into() });
    }
    depart(&mut tx, group_id, member_id).await?;
    let entry =
        act.entry(LogAction::RemoveFromGroup, Target { kind: TargetKind::Member, id: member_id }, Some(member_id));
    moderation_log::append(&mut tx, entry, now).await?;
    tx.commit().await?;
    realtime::access_changed(bus, member_id).await;
    Ok(())
}

/// Stops `member_id` posting in the group `act` is in until `until`, for a moderator
/// standing there as `standing` (as for [`remove_member`]); she may have left it, and
/// joining again does not lift it. Logged.
pub async fn mute_member(
    db: &Db,
    act: Act<'_>,
    standing: GroupRole,
    member_id: Uuid,
    until: DateTime<Utc>,
) -> AppResult<()> {
    let group_id = act.group_id.ok_or(AppError::NotFound)?;
    let now = clock::now();
    let mut tx = db.begin_write().await?;
    store::lock_group(&mut tx, group_id).await?;
    let target = store::role_in_tx(&mut tx, group_id, member_id).await?;
    if member_id == act.actor || !standing.outranks(target.unwrap_or(GroupRole::Member)) {
        tx.rollback().await?;
        return Err(AppError::Forbidden);
    }
    store::mute(&mut tx, group_id, member_id, until).await?;
    let target = Target { kind: TargetKind::Member, id: member_id };
    let entry = NewEntry { until: Some(until), ..act.entry(LogAction::MuteInGroup, target, Some(member_id)) };
    moderation_log::append(&mut tx, entry, now).await?;
    tx.commit().await?;
    Ok(())
}
