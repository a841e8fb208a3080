-- Moderation: members' reports on content and on members, the append-only log of what
-- moderators and admins did, and what their actions leave behind (a mute in a group, a
-- suspension, content removed by a moderator). Kept in lockstep with
-- migrations/postgres/0022_moderation.sql.

-- A report: who reported what (a REPLY, THREAD, EVENT, MESSAGE or MEMBER), whose it is
-- (the subject), and whose queue it is in: the group's moderators, or community admins
-- when group_id is NULL. One open report per member and target. A report outlives its
-- reporter's account (reporter_id goes NULL): what she reported still needs a look.
CREATE TABLE reports (
    id          BLOB PRIMARY KEY,
    reporter_id BLOB REFERENCES members (id) ON DELETE SET NULL,
    target_kind TEXT NOT NULL,
    target_id   BLOB NOT NULL,
    subject_id  BLOB NOT NULL REFERENCES members (id),
    group_id    BLOB REFERENCES groups (id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    note        TEXT NOT NULL,
    status      TEXT NOT NULL,
    action      TEXT,
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by BLOB
);

CREATE UNIQUE INDEX reports_one_open_idx ON reports (target_id, reporter_id) WHERE status = 'OPEN';
CREATE INDEX reports_queue_idx ON reports (status, group_id, created_at);
CREATE INDEX reports_reporter_idx ON reports (reporter_id, created_at, id);

-- What moderators and admins did. Ids only, no foreign keys: an entry outlives the
-- accounts, groups and content it names, and no row is ever changed or removed (the
-- triggers of 0023_moderation_log_append_only.sql refuse to).
CREATE TABLE moderation_log (
    id          BLOB PRIMARY KEY,
    actor_id    BLOB NOT NULL,
    group_id    BLOB,
    action      TEXT NOT NULL,
    target_kind TEXT,
    target_id   BLOB,
    subject_id  BLOB,
    note        TEXT NOT NULL,
    until       TEXT,
    created_at  TEXT NOT NULL
);

CREATE INDEX moderation_log_group_idx ON moderation_log (group_id, created_at, id);
CREATE INDEX moderation_log_created_idx ON moderation_log (created_at, id);

-- A member a moderator stopped from posting in a group, until a time. Kept apart from
-- her membership, so leaving and joining again does not lift it.
CREATE TABLE group_mutes (
    group_id  BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    until     TEXT NOT NULL,
    CONSTRAINT group_mutes_pkey PRIMARY KEY (group_id, member_id)
);

ALTER TABLE members ADD COLUMN suspended_until TEXT;
ALTER TABLE members ADD COLUMN suspension_reason TEXT;
ALTER TABLE threads ADD COLUMN removed_by_moderator BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE messages ADD COLUMN removed_by_moderator BOOLEAN NOT NULL DEFAULT FALSE;

-- Held for review: reported by enough members, a thread or a reply is hidden from
-- everyone but its author and its group's moderators until a moderator resolves it.
ALTER TABLE threads ADD COLUMN held_for_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE replies ADD COLUMN held_for_review BOOLEAN NOT NULL DEFAULT FALSE;

-- A moderator's warning is a notification whose words are its log entry's note.
ALTER TABLE notifications ADD COLUMN moderation_entry_id BLOB;
