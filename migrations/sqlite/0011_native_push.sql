-- Native push: a member's devices are Web Push subscriptions (an endpoint and its keys)
-- or native apps (an FCM or APNs token), one table for all three transports so a push
-- job claims, holds and dedupes pushes the same way for each. A device belongs to the
-- session that registered it: pushes stop when that session ends, and the row goes
-- when the app signs out saying so or the session is cleaned up. SQLite cannot drop
-- NOT NULL, so both tables are rebuilt (the same way on both databases). Kept in
-- lockstep with migrations/postgres/0011_native_push.sql.

CREATE TABLE push_devices (
    id          BLOB PRIMARY KEY,
    member_id   BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    transport   TEXT NOT NULL DEFAULT 'WEB_PUSH',
    endpoint    TEXT,
    p256dh      TEXT,
    auth        TEXT,
    token       TEXT,
    app_id      TEXT,
    environment TEXT,
    name        TEXT,
    session_id  BLOB REFERENCES sessions (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CONSTRAINT push_devices_endpoint_key UNIQUE (endpoint),
    CONSTRAINT push_devices_token_key UNIQUE (transport, token),
    CONSTRAINT push_devices_address CHECK (
        (transport = 'WEB_PUSH' AND endpoint IS NOT NULL AND p256dh IS NOT NULL AND auth IS NOT NULL
            AND token IS NULL)
        OR (transport IN ('FCM', 'APNS') AND token IS NOT NULL AND app_id IS NOT NULL AND endpoint IS NULL)
    )
);

INSERT INTO push_devices (id, member_id, transport, endpoint, p256dh, auth, name, created_at, updated_at)
SELECT id, member_id, 'WEB_PUSH', endpoint, p256dh, auth, user_agent, created_at, updated_at
FROM push_subscriptions;

ALTER TABLE push_deliveries RENAME TO push_deliveries_before_0011;

CREATE TABLE push_deliveries (
    dedupe_key TEXT NOT NULL,
    device_id  BLOB NOT NULL REFERENCES push_devices (id) ON DELETE CASCADE,
    claimed_at TEXT NOT NULL,
    sent_at    TEXT,
    CONSTRAINT push_deliveries_device_pkey PRIMARY KEY (dedupe_key, device_id)
);

INSERT INTO push_deliveries (dedupe_key, device_id, claimed_at, sent_at)
SELECT dedupe_key, subscription_id, claimed_at, sent_at FROM push_deliveries_before_0011;

DROP TABLE push_deliveries_before_0011;
DROP TABLE push_subscriptions;

CREATE INDEX push_devices_member_idx ON push_devices (member_id);
CREATE INDEX push_devices_session_idx ON push_devices (session_id);
CREATE INDEX push_deliveries_claimed_idx ON push_deliveries (claimed_at);
