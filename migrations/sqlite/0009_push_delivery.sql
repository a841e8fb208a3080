-- Push delivery: which pushes each device was sent (so a job run again after a crash
-- never pushes twice), pushes held during a member's quiet hours until they end, and
-- her quiet hours. Kept in lockstep with migrations/postgres/0009_push_delivery.sql.

-- A row is claimed before its push is sent and marked sent once the push service
-- answered for good; an unmarked claim is a push being sent (or, once old, one whose
-- sender died mid-send).
CREATE TABLE push_deliveries (
    dedupe_key      TEXT NOT NULL,
    subscription_id BLOB NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    claimed_at      TEXT NOT NULL,
    sent_at         TEXT,
    CONSTRAINT push_deliveries_pkey PRIMARY KEY (dedupe_key, subscription_id)
);

CREATE INDEX push_deliveries_claimed_idx ON push_deliveries (claimed_at);

CREATE TABLE push_held (
    member_id       BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    notification_id BLOB NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    held_at         TEXT NOT NULL,
    CONSTRAINT push_held_pkey PRIMARY KEY (member_id, notification_id)
);

CREATE TABLE quiet_hours (
    member_id  BLOB PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    time_zone  TEXT NOT NULL,
    windows    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
