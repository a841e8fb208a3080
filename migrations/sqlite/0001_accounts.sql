-- Members, their sign-in sessions (one per device, with a rotating refresh token)
-- and failed sign-in attempts used for throttling. Kept in lockstep with
-- migrations/postgres/0001_accounts.sql: same tables, columns and constraint names.

CREATE TABLE members (
    id            BLOB PRIMARY KEY,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CONSTRAINT members_email_key UNIQUE (email)
);

CREATE INDEX members_created_at_idx ON members (created_at, id);

CREATE TABLE sessions (
    id                 BLOB PRIMARY KEY,
    member_id          BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    refresh_token_hash BLOB NOT NULL,
    user_agent         TEXT,
    created_at         TEXT NOT NULL,
    refreshed_at       TEXT NOT NULL,
    expires_at         TEXT NOT NULL,
    revoked_at         TEXT,
    revoked_reason     TEXT
);

CREATE INDEX sessions_member_id_idx ON sessions (member_id);

CREATE TABLE sign_in_failures (
    id        BLOB PRIMARY KEY,
    email     TEXT NOT NULL,
    ip        TEXT NOT NULL,
    failed_at TEXT NOT NULL
);

CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, failed_at);
CREATE INDEX sign_in_failures_ip_idx ON sign_in_failures (ip, failed_at);
CREATE INDEX sign_in_failures_failed_at_idx ON sign_in_failures (failed_at);
