//! The rules of moderation: who may report what (what she can see, not her own), whose
//! queue a report goes to (the group's moderators; community admins outside groups and
//! for members), who may act on it (those, never on reports about herself; only admins
//! suspend), and what each action does.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{ModerationAction, ModerationSettings, QueueItem, Report, ReportReason, ReportStatus};
use super::store::{self, NewReport, QueueFilter, QueueScope};
use crate::auth::AuthService;
use crate::db::Db;
use crate::db::page::Page;
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob};
use crate::membership::{self, GroupRole};
use crate::moderation_log::{self, Act, LogAction, Target, TargetKind};
use crate::realtime::Bus;
use crate::text::optional_body;
use crate::{clock, events, groups, members, messages, threads};

/// The longest note a reporter or a moderator writes.
const MAX_NOTE_CHARS: usize = 1_000;
/// The longest a mute or a suspension may be set for.
const MAX_SANCTION: TimeDelta = TimeDelta::days(5 * 365);

/// Whose a reported thing is, and in which group's queue its reports go (none: the
/// community admins').
struct Located {
    subject: Uuid,
    group_id: Option<Uuid>,
}

/// Where `target` is, if `viewer` can see it (`NOT_FOUND` otherwise).
async fn locate(db: &Db, viewer: Uuid, target: Target) -> AppResult<Located> {
    Ok(match target.kind {
        TargetKind::Reply => {
            // A reply hidden from her by a block may still be reported (she may have
            // blocked its author for it); such reports do not count toward holding it.
            let (reply, thread) = threads::readable_reply(db, viewer, target.id).await?;
            Located { subject: reply.author_id, group_id: Some(thread.group_id) }
        }
        TargetKind::Thread => {
            let thread = threads::readable(db, viewer, target.id).await?;
            Located { subject: thread.author_id, group_id: Some(thread.group_id) }
        }
        TargetKind::Event => {
            let event = events::readable(db, viewer, target.id).await?;
            Located { subject: event.created_by, group_id: Some(event.group_id) }
        }
        TargetKind::Message => {
            let message = messages::readable_message(db, viewer, target.id).await?;
            Located { subject: message.author_id, group_id: None }
        }
        TargetKind::Member => {
            members::find(db, viewer, target.id).await?.ok_or(AppError::NotFound)?;
            Located { subject: target.id, group_id: None }
        }
    })
}

/// Files `viewer`'s report on `target`, which she can see and is not hers; one open
/// report per member and target (`CONFLICT` on `target`). The report that makes
/// `settings.reports_to_hold` members holds a thread or a reply for review, in the same
/// transaction, and leaves the job that tells its group's moderators.
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn report(
    db: &Db,
    bus: &Bus,
    settings: ModerationSettings,
    viewer: Uuid,
    filed: Filed<'_>,
) -> AppResult<Report> {
    let Filed { target, reason, note } = filed;
    let note = optional_body("note", note, MAX_NOTE_CHARS)?;
    let located = locate(db, viewer, target).await?;
    if located.subject == viewer {
        return Err(AppError::bad_input("target", "you cannot report yourself or what you wrote"));
    }
    let id = Uuid::now_v7();
    let report = NewReport {
        reporter: viewer,
        target,
        subject: located.subject,
        group_id: located.group_id,
        reason,
        note: &note,
    };
    let holdable = matches!(target.kind, TargetKind::Reply | TargetKind::Thread);
    let mut tx = db.begin_write().await?;
    if holdable {
        threads::lock_for_review(&mut tx, target).await?;
    }
    store::insert(&mut tx, id, report, clock::now()).await.map_err(|error| match AppError::from(error) {
        AppError::Conflict { .. } => AppError::Conflict {
            field: "target",
            message: "you already reported this; moderators will look at it".into(),
        },
        other => other,
    })?;
    let holds = holdable
        && store::reporters_counted(&mut tx, target.id).await? >= settings.reports_to_hold
        && threads::set_held(&mut tx, target, true).await?;
    if holds {
        jobs::enqueue(&mut tx, NewJob::system(JobKind::ContentHeld, id)).await?;
    }
    tx.commit().await?;
    if holds {
        threads::announce_hold(db, bus, target).await;
    }
    store::find(db, id).await?.ok_or(AppError::NotFound)
}

/// A report as its reporter files it.
#[derive(Clone, Copy)]
pub struct Filed<'a> {
    pub target: Target,
    pub reason: ReportReason,
    pub note: &'a str,
}

/// A page of the reports `viewer` filed, newest first.
pub async fn my_reports(db: &Db, viewer: Uuid, page: &Page) -> AppResult<Vec<Report>> {
    Ok(store::page_of_reporter(db, viewer, page).await?)
}

/// A page of the queue `viewer` may see: everything for a community admin, her groups'
/// reports (except those about herself) for a moderator, nothing for anyone else.
/// Naming a group she does not moderate is `FORBIDDEN`.
pub async fn queue(db: &Db, viewer: Uuid, filter: QueueFilter, page: &Page) -> AppResult<Vec<QueueItem>> {
    let scope = if members::is_admin(db, viewer).await? {
        QueueScope::Everything { admin: viewer }
    } else {
        if let Some(group_id) = filter.group_id {
            membership::require_moderator(db, viewer, group_id).await?;
        }
        QueueScope::GroupsModeratedBy(viewer)
    };
    Ok(store::queue(db, scope, filter, page).await?)
}

/// The newest reports on a queue item (of the queue's reason, when it named one), for
/// its moderators.
pub async fn reports_on(db: &Db, item: &QueueItem, limit: usize) -> AppResult<Vec<Report>> {
    Ok(store::on_target(db, item.target_id, item.status.0, item.reason, limit).await?)
}

/// What a moderator decided about a report (and so every open report on its target).
pub struct Resolution {
    pub report_id: Uuid,
    pub action: ModerationAction,
    pub until: Option<DateTime<Utc>>,
    pub note: String,
}

/// How `viewer` stands toward reports in `group_id`: a community admin as an owner
/// anywhere; a group's moderator by her role there; outside groups, admins only.
/// `NOT_FOUND` for anyone else: a report's existence is not theirs to learn.
async fn standing(db: &Db, viewer: Uuid, group_id: Option<Uuid>, admin: bool) -> AppResult<GroupRole> {
    if admin {
        return Ok(GroupRole::Owner);
    }
    let Some(group_id) = group_id else {
        return Err(AppError::NotFound);
    };
    let group = membership::require_moderator(db, viewer, group_id).await.map_err(AppError::hidden_as_not_found)?;
    group.viewer_role.ok_or(AppError::NotFound)
}

/// `until` checked for a mute or a suspension: ahead, within five years.
fn sanction_end(until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> AppResult<DateTime<Utc>> {
    let until = until.ok_or_else(|| AppError::bad_input("until", "say until when"))?;
    if until <= now || until > now + MAX_SANCTION {
        return Err(AppError::bad_input("until", "choose a time in the next five years"));
    }
    Ok(clock::to_micros(until))
}

/// `FORBIDDEN` unless `viewer`, standing as `standing` in the report's group, may act on
/// reports about its subject: admins on anyone but themselves; a moderator on members
/// she outranks (reports about moderators are for owners, about owners for admins).
async fn require_authority(db: &Db, viewer: Uuid, report: &Report, standing: GroupRole, admin: bool) -> AppResult<()> {
    if report.subject_id == viewer {
        return Err(AppError::Forbidden);
    }
    if admin {
        return Ok(());
    }
    let group_id = report.group_id.ok_or(AppError::Forbidden)?;
    let subject_role = membership::role_of(db, report.subject_id, group_id).await?;
    if standing.outranks(subject_role.unwrap_or(GroupRole::Member)) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The refusal to remove a member as if she were content.
fn not_content() -> AppError {
    AppError::bad_input("action", "a member is not content: suspend her instead")
}

/// What `action` needs, checked before anything changes: the time a mute or a
/// suspension ends (answered), a group for group actions, admins and a reason for a
/// suspension, a member who still exists for what is done to her.
fn check(
    action: ModerationAction,
    report: &Report,
    admin: bool,
    resolution: &Resolution,
    note: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<DateTime<Utc>>> {
    let acts_on_member = matches!(
        action,
        ModerationAction::Warn
            | ModerationAction::MuteInGroup
            | ModerationAction::RemoveFromGroup
            | ModerationAction::Suspend
    );
    if acts_on_member && report.subject_id == members::DELETED_MEMBER {
        return Err(AppError::Conflict { field: "action", message: "her account was deleted".into() });
    }
    let in_a_group = matches!(action, ModerationAction::MuteInGroup | ModerationAction::RemoveFromGroup);
    if in_a_group && report.group_id.is_none() {
        return Err(AppError::bad_input("action", "only what was reported in a group can be acted on there"));
    }
    if action == ModerationAction::RemoveContent && report.target_kind.0 == TargetKind::Member {
        return Err(not_content());
    }
    match action {
        ModerationAction::Warn if note.is_empty() => {
            Err(AppError::bad_input("note", "say why: she is told in your words"))
        }
        ModerationAction::MuteInGroup => Ok(Some(sanction_end(resolution.until, now)?)),
        ModerationAction::Suspend if !admin => Err(AppError::Forbidden),
        ModerationAction::Suspend if note.is_empty() => {
            Err(AppError::bad_input("note", "say why: she is shown it when she tries to sign in"))
        }
        ModerationAction::Suspend => Ok(Some(sanction_end(resolution.until, now)?)),
        _ => Ok(None),
    }
}

/// Acts on report `resolution.report_id` and closes every open report on its target:
/// first the reports are claimed (so two moderators never both act on them), then the
/// act is done and logged by the feature it belongs to; an act that cannot be done
/// opens them again. Answers the report as it now stands.
#[tracing::instrument(skip_all, fields(viewer = %viewer, report = %resolution.report_id))]
pub async fn resolve(
    db: &Db,
    bus: &Bus,
    auth: &AuthService,
    viewer: Uuid,
    resolution: Resolution,
) -> AppResult<Report> {
    let report = store::find(db, resolution.report_id).await?.ok_or(AppError::NotFound)?;
    let admin = members::is_admin(db, viewer).await?;
    let standing = standing(db, viewer, report.group_id, admin).await?;
    require_authority(db, viewer, &report, standing, admin).await?;
    let note = optional_body("note", &resolution.note, MAX_NOTE_CHARS)?;
    let now = clock::now();
    let until = check(resolution.action, &report, admin, &resolution, &note, now)?;
    let act = Act { actor: viewer, group_id: report.group_id, note: &note };
    claim(db, &report, resolution.action, act, now).await?;
    let decision = Decision { report: &report, act, standing, until };
    if let Err(error) = apply(db, bus, auth, resolution.action, decision).await {
        if let Err(reopening) = store::reopen(db, report.target_id, viewer, now).await {
            tracing::error!(error = %AppError::from(reopening).for_log(), "cannot reopen reports after a failed act");
        }
        return Err(error);
    }
    release(db, bus, Target { kind: report.target_kind.0, id: report.target_id }, resolution.action).await?;
    store::find(db, report.id).await?.ok_or(AppError::NotFound)
}

/// Closes every open report on `report`'s target for `act`'s moderator (`CONFLICT` when
/// none is open: someone resolved them); a dismissal is logged with it.
async fn claim(db: &Db, report: &Report, action: ModerationAction, act: Act<'_>, now: DateTime<Utc>) -> AppResult<()> {
    let status = if action == ModerationAction::Dismiss { ReportStatus::Dismissed } else { ReportStatus::Actioned };
    let target = Target { kind: report.target_kind.0, id: report.target_id };
    let mut tx = db.begin_write().await?;
    if store::resolve_open(&mut tx, report.target_id, status, action, act.actor, now).await? == 0 {
        tx.rollback().await?;
        return Err(AppError::Conflict { field: "reportId", message: "this report was already resolved".into() });
    }
    if action == ModerationAction::Dismiss {
        moderation_log::append(&mut tx, act.entry(LogAction::DismissReports, target, Some(report.subject_id)), now)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Lets what was held for review be seen again once a moderator dismissed its reports
/// or removed it; a member action (a warning, a mute, a removal, a suspension) keeps it
/// held from all but its author and moderators.
async fn release(db: &Db, bus: &Bus, target: Target, action: ModerationAction) -> AppResult<()> {
    if !matches!(action, ModerationAction::Dismiss | ModerationAction::RemoveContent) {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    let released = threads::set_held(&mut tx, target, false).await?;
    tx.commit().await?;
    if released {
        threads::announce_hold(db, bus, target).await;
    }
    Ok(())
}

/// Who decided what about which report.
struct Decision<'a> {
    report: &'a Report,
    act: Act<'a>,
    /// How she stands in the report's group (see [`standing`]).
    standing: GroupRole,
    /// When a mute or a suspension ends (checked).
    until: Option<DateTime<Utc>>,
}

/// Does `action` (checked) to the reported thing or its subject, as `decision` says.
async fn apply(
    db: &Db,
    bus: &Bus,
    auth: &AuthService,
    action: ModerationAction,
    decision: Decision<'_>,
) -> AppResult<()> {
    let Decision { report, act, standing, until } = decision;
    let until = || until.ok_or_else(|| AppError::bad_input("until", "say until when"));
    match action {
        ModerationAction::Dismiss => Ok(()),
        ModerationAction::Warn => warn(db, act, report).await,
        ModerationAction::RemoveContent => match report.target_kind.0 {
            TargetKind::Reply => threads::remove_reply(db, bus, act, report.target_id).await,
            TargetKind::Thread => threads::remove_thread(db, bus, act, report.target_id).await,
            TargetKind::Event => events::remove_event(db, bus, act, report.target_id).await,
            TargetKind::Message => messages::remove_message(db, act, report.target_id).await,
            TargetKind::Member => Err(not_content()),
        },
        ModerationAction::MuteInGroup => groups::mute_member(db, act, standing, report.subject_id, until()?).await,
        ModerationAction::RemoveFromGroup => groups::remove_member(db, bus, act, standing, report.subject_id).await,
        // A suspension is community-wide: its log entry is the admins', not the group's.
        ModerationAction::Suspend => auth.suspend(Act { group_id: None, ..act }, report.subject_id, until()?).await,
    }
}

/// Warns `report`'s subject in `act`'s words: logged, and she is told by the job it
/// leaves, in the same transaction.
async fn warn(db: &Db, act: Act<'_>, report: &Report) -> AppResult<()> {
    let now = clock::now();
    let target = Target { kind: report.target_kind.0, id: report.target_id };
    let mut tx = db.begin_write().await?;
    let entry =
        moderation_log::append(&mut tx, act.entry(LogAction::Warn, target, Some(report.subject_id)), now).await?;
    jobs::enqueue(&mut tx, NewJob::system(JobKind::ModeratorWarning, entry)).await?;
    tx.commit().await?;
    Ok(())
}

/// A page of the moderation log `viewer` may read: everything (or one group's) for a
/// community admin; her groups' entries for a moderator (`FORBIDDEN` for a group she
/// does not moderate).
pub async fn log_page(
    db: &Db,
    viewer: Uuid,
    group_id: Option<Uuid>,
    page: &Page,
) -> AppResult<Vec<moderation_log::LogEntry>> {
    let scope = if members::is_admin(db, viewer).await? {
        moderation_log::Scope::Everything { admin: viewer, group_id }
    } else {
        if let Some(group_id) = group_id {
            membership::require_moderator(db, viewer, group_id).await?;
        }
        moderation_log::Scope::GroupsModeratedBy { member: viewer, group_id }
    };
    Ok(moderation_log::page(db, scope, page).await?)
}
