-- Push delivery: which pushes each device was sent (so a job run again after a crash
-- never pushes twice), pushes held during a member's quiet hours until they end, and
-- her quiet hours. Kept in lockstep with migrations/postgres/0009_push_delivery.sql.

CREATE TABLE push_deliveries (
    dedupe_key      TEXT NOT NULL,
    subscription_id BLOB NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    sent_at         TEXT NOT NULL,
    CONSTRAINT push_deliveries_pkey PRIMARY KEY (dedupe_key, subscription_id)
);

CREATE INDEX push_deliveries_sent_idx ON push_deliveries (sent_at);

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
