//! Who may read, post in and moderate a group. Every feature that shows or changes
//! something inside a group asks here first.

use std::collections::HashSet;

use uuid::Uuid;

use super::model::{Group, GroupRole, JoinRequest};
use super::store;
use crate::clock;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// The group `group_id` if the viewer may read its content; `NOT_FOUND` when it does not
/// exist or is private to her — the two look the same from outside.
pub async fn readable(db: &Db, viewer: Uuid, group_id: Uuid) -> AppResult<Group> {
    let group = store::find(db, viewer, group_id).await?.ok_or(AppError::NotFound)?;
    if group.readable() { Ok(group) } else { Err(AppError::NotFound) }
}

/// The group `group_id` whoever may read it (for community admins, who act on groups
/// they are not in); `NOT_FOUND` when it does not exist.
pub async fn existing(db: &Db, group_id: Uuid) -> AppResult<Group> {
    store::find(db, Uuid::nil(), group_id).await?.ok_or(AppError::NotFound)
}

/// The group if the viewer belongs to it; `FORBIDDEN` for a non-member of a public group.
pub async fn require_member(db: &Db, viewer: Uuid, group_id: Uuid) -> AppResult<Group> {
    let group = readable(db, viewer, group_id).await?;
    if group.viewer_role.is_some() { Ok(group) } else { Err(AppError::Forbidden) }
}

/// The refusal a member muted in a group gets when she posts there.
pub const MUTED: AppError =
    AppError::Refused { reason: "MUTED", message: "a moderator stopped you from posting in this group for now" };

/// The group if the viewer belongs to it and may post in it now (no moderator muted
/// her there: `FORBIDDEN` with reason `MUTED`).
pub async fn require_poster(db: &Db, viewer: Uuid, group_id: Uuid) -> AppResult<Group> {
    let group = require_member(db, viewer, group_id).await?;
    require_unmuted(db, viewer, group_id).await?;
    Ok(group)
}

/// `member_id`'s role in `group_id`, if she belongs to it.
pub async fn role_of(db: &Db, member_id: Uuid, group_id: Uuid) -> AppResult<Option<GroupRole>> {
    Ok(store::find(db, member_id, group_id).await?.and_then(|group| group.viewer_role))
}

/// `FORBIDDEN` with reason `MUTED` while a moderator keeps `member_id` from posting in
/// `group_id`: for what she changes there after posting it (an edit).
pub async fn require_unmuted(db: &Db, member_id: Uuid, group_id: Uuid) -> AppResult<()> {
    match store::muted_until(db, group_id, member_id, clock::now()).await? {
        Some(_) => Err(MUTED),
        None => Ok(()),
    }
}

/// The group if the viewer is one of its owners or moderators.
pub async fn require_moderator(db: &Db, viewer: Uuid, group_id: Uuid) -> AppResult<Group> {
    let group = require_member(db, viewer, group_id).await?;
    if group.viewer_role.is_some_and(GroupRole::moderates) { Ok(group) } else { Err(AppError::Forbidden) }
}

/// `FORBIDDEN` (or `NOT_FOUND`) unless `viewer` may act for `group_id` — community-wide
/// when `None` — as the one who publishes, offers or asks there: community admins
/// (`admin`) anywhere, a group's owners and moderators in their group.
pub async fn require_organiser(db: &Db, viewer: Uuid, admin: bool, group_id: Option<Uuid>) -> AppResult<()> {
    match (admin, group_id) {
        (true, Some(group_id)) => existing(db, group_id).await.map(drop),
        (true, None) => Ok(()),
        (false, Some(group_id)) => require_moderator(db, viewer, group_id).await.map(drop),
        (false, None) => Err(AppError::Forbidden),
    }
}

/// The members of `group_id`, or only those who moderate it.
pub async fn member_ids(db: &Db, group_id: Uuid, moderators_only: bool) -> AppResult<Vec<Uuid>> {
    Ok(store::member_ids(db, group_id, moderators_only).await?)
}

/// Of `members`, those who may read `group_id`'s content.
pub async fn readers_among(db: &Db, group_id: Uuid, members: &[Uuid]) -> AppResult<HashSet<Uuid>> {
    Ok(store::readers_among(db, group_id, members).await?.into_iter().collect())
}

/// Join request `id`, if it exists.
pub async fn join_request(db: &Db, id: Uuid) -> AppResult<Option<JoinRequest>> {
    Ok(store::find_request(db, id).await?)
}
