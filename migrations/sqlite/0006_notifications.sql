-- Work a committed write owes to others (notifying them), written in that write's own
-- transaction so it is never lost; in embedded mode this table is the job queue too.
-- And the in-app notifications it produces. Kept in lockstep with
-- migrations/postgres/0006_notifications.sql.

CREATE TABLE outbox (
    id           BLOB PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_id   BLOB NOT NULL,
    target_id    BLOB,
    actor_id     BLOB,
    scheduled_for TEXT,
    created_at   TEXT NOT NULL,
    run_after    TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    locked_until TEXT,
    last_error   TEXT,
    dead_at      TEXT
);

CREATE INDEX outbox_due_idx ON outbox (run_after, created_at) WHERE dead_at IS NULL;
-- Scheduled work (reminders) is recorded once per subject and time.
CREATE UNIQUE INDEX outbox_scheduled_key ON outbox (kind, subject_id, scheduled_for) WHERE scheduled_for IS NOT NULL;

CREATE TABLE notifications (
    id           BLOB PRIMARY KEY,
    member_id    BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    kind_rank    INTEGER NOT NULL,
    group_id     BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    thread_id    BLOB REFERENCES threads (id) ON DELETE CASCADE,
    reply_id     BLOB REFERENCES replies (id) ON DELETE CASCADE,
    event_id     BLOB REFERENCES events (id) ON DELETE CASCADE,
    actor_id     BLOB REFERENCES members (id) ON DELETE CASCADE,
    happenings   INTEGER NOT NULL,
    collapse_key TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    read_at      TEXT
);

CREATE UNIQUE INDEX notifications_unread_key ON notifications (member_id, collapse_key) WHERE read_at IS NULL;
CREATE INDEX notifications_member_idx ON notifications (member_id, updated_at, id);
