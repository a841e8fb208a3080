-- Work a committed write owes to others (notifying them), written in that write's own
-- transaction so it is never lost; in embedded mode this table is the job queue too.
-- And the in-app notifications it produces. Kept in lockstep with
-- migrations/sqlite/0006_notifications.sql.

CREATE TABLE outbox (
    id           UUID PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_id   UUID NOT NULL,
    target_id    UUID,
    actor_id     UUID,
    scheduled_for TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    run_after    TIMESTAMPTZ NOT NULL,
    attempts     INTEGER NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error   TEXT,
    dead_at      TIMESTAMPTZ
);

CREATE INDEX outbox_due_idx ON outbox (run_after, created_at) WHERE dead_at IS NULL;
-- Scheduled work (reminders) is recorded once per subject and time.
CREATE UNIQUE INDEX outbox_scheduled_key ON outbox (kind, subject_id, scheduled_for) WHERE scheduled_for IS NOT NULL;

CREATE TABLE notifications (
    id           UUID PRIMARY KEY,
    member_id    UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    kind_rank    INTEGER NOT NULL,
    group_id     UUID NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    thread_id    UUID REFERENCES threads (id) ON DELETE CASCADE,
    reply_id     UUID REFERENCES replies (id) ON DELETE CASCADE,
    event_id     UUID REFERENCES events (id) ON DELETE CASCADE,
    actor_id     UUID REFERENCES members (id) ON DELETE CASCADE,
    happenings   INTEGER NOT NULL,
    collapse_key TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    read_at      TIMESTAMPTZ
);

CREATE UNIQUE INDEX notifications_unread_key ON notifications (member_id, collapse_key) WHERE read_at IS NULL;
CREATE INDEX notifications_member_idx ON notifications (member_id, updated_at, id);
