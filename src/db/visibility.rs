//! The SQL conditions that decide who may read what, in one place so every store filters
//! the same way: the groups a member belongs to, the groups whose content she may read,
//! whether two members blocked each other (a block holds both ways), whether content
//! held for review is hidden from someone, whether an anonymous post shows her its author,
//! and whether she shields herself from a topic.

/// SQL selecting the ids of the groups `viewer_param` belongs to.
pub fn member_group_ids_sql(viewer_param: &str) -> String {
    format!("SELECT group_id FROM group_memberships WHERE member_id = {viewer_param}")
}

/// SQL selecting the ids of the groups whose content `viewer_param` may read.
pub fn readable_group_ids_sql(viewer_param: &str) -> String {
    format!("SELECT id FROM groups WHERE visibility = 'PUBLIC' OR id IN ({})", member_group_ids_sql(viewer_param))
}

/// A SQL condition true when the members in `a` and `b` blocked each other either way.
pub fn blocked_either_way_sql(a: &str, b: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM member_blocks b WHERE (b.blocker_id = {a} AND b.blocked_id = {b}) \
         OR (b.blocker_id = {b} AND b.blocked_id = {a}))"
    )
}

/// A SQL condition true when `viewer` sees past anonymity and holds for review in the
/// group `group_id` (expressions): its owners and moderators, and community admins.
pub fn sees_past_sql(group_id: &str, viewer: &str) -> String {
    format!(
        "({group_id} IN (SELECT group_id FROM group_memberships WHERE member_id = {viewer} \
         AND role IN ('OWNER', 'MODERATOR')) \
         OR EXISTS (SELECT 1 FROM members adm WHERE adm.id = {viewer} AND adm.community_role = 'ADMIN'))"
    )
}

/// A SQL condition true when `flag` holds and `viewer` is none of those who see past it
/// for content written by `author` in the group `group_id` (expressions): its author,
/// and those of [`sees_past_sql`].
fn for_others_sql(flag: &str, author: &str, group_id: &str, viewer: &str) -> String {
    format!("(CASE WHEN {flag} THEN {author} <> {viewer} AND NOT {} ELSE FALSE END)", sees_past_sql(group_id, viewer))
}

/// A SQL condition true when content held for review (its `held` column), written by
/// `author` in the group `group_id` (expressions), is hidden from `viewer`: all but its
/// author, the group's owners and moderators, and community admins.
pub fn held_from_sql(held: &str, author: &str, group_id: &str, viewer: &str) -> String {
    for_others_sql(held, author, group_id, viewer)
}

/// A SQL condition true when content posted anonymously (its `anonymous` column), by
/// `author` in the group `group_id`, shows `viewer` no author: all but its author, the
/// group's owners and moderators, and community admins.
pub fn author_masked_sql(anonymous: &str, author: &str, group_id: &str, viewer: &str) -> String {
    for_others_sql(anonymous, author, group_id, viewer)
}

/// A SQL condition true when the author of content (`anonymous` column, `author`
/// expression) and `viewer` blocked each other either way *and* it is not anonymous: a
/// block cannot hide an anonymous post, for hiding it would tell who wrote it.
pub fn blocked_named_sql(anonymous: &str, author: &str, viewer: &str) -> String {
    format!("(NOT {anonymous} AND {})", blocked_either_way_sql(author, viewer))
}

/// SQL selecting a sensitive topic in `topics` (a thread's comma list,
/// ",PREGNANCY_LOSS,") that `member` shields herself from — NULL when none (matched as a
/// whole name between commas; `_` in a name is escaped from LIKE).
pub fn shielded_topic_sql(topics: &str, member: &str) -> String {
    format!(
        "(SELECT MIN(ts.topic) FROM topic_shields ts WHERE ts.member_id = {member} \
         AND {topics} LIKE '%,' || REPLACE(ts.topic, '_', '\\_') || ',%' ESCAPE '\\')"
    )
}

/// A SQL condition true when `member` shields herself from one of the sensitive topics
/// in `topics`.
pub fn shielded_sql(topics: &str, member: &str) -> String {
    format!("{} IS NOT NULL", shielded_topic_sql(topics, member))
}
