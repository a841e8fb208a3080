-- Where members' devices receive pushes: one row per push endpoint (a device that
-- changes hands moves its row to the new member). Kept in lockstep with
-- migrations/postgres/0008_push_subscriptions.sql.

CREATE TABLE push_subscriptions (
    id         BLOB PRIMARY KEY,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    user_agent TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT push_subscriptions_endpoint_key UNIQUE (endpoint)
);

CREATE INDEX push_subscriptions_member_idx ON push_subscriptions (member_id);
