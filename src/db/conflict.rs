//! Turning unique-constraint violations into the input field that caused them, so a
//! duplicate becomes `CONFLICT` on that field. PostgreSQL names the constraint; SQLite
//! names the columns, so each constraint is listed with both.

/// (constraint name in both migration sets, SQLite's "table.column" text, input field)
const UNIQUE_CONSTRAINTS: &[(&str, &str, &str)] = &[
    ("members_email_key", "members.email", "email"),
    ("members_handle_key", "members.handle", "handle"),
    ("group_memberships_pkey", "group_memberships.group_id, group_memberships.member_id", "groupId"),
    ("group_join_requests_pending_key", "group_join_requests.group_id, group_join_requests.member_id", "groupId"),
    ("conversations_pair_key", "conversations.pair_low, conversations.pair_high", "memberIds"),
    ("reports_one_open_idx", "reports.target_id, reports.reporter_id", "target"),
];

/// The input field behind a unique-constraint violation, if `error` is one we know.
pub fn unique_violation_field(error: &sqlx::Error) -> Option<&'static str> {
    let sqlx::Error::Database(db_error) = error else {
        return None;
    };
    if !db_error.is_unique_violation() {
        return None;
    }
    let constraint = db_error.constraint();
    let message = db_error.message();
    UNIQUE_CONSTRAINTS
        .iter()
        .find(|(name, sqlite_columns, _)| {
            constraint == Some(*name) || message.ends_with(&format!("UNIQUE constraint failed: {sqlite_columns}"))
        })
        .map(|(_, _, field)| *field)
}
