-- Members, their sign-in sessions (one per device, with a rotating refresh token)
-- and the attempts used for throttling. Kept in lockstep with
-- migrations/sqlite/0001_accounts.sql: same tables, columns and constraint names.

CREATE TABLE members (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT members_email_key UNIQUE (email)
);

CREATE INDEX members_created_at_idx ON members (created_at, id);

CREATE TABLE sessions (
    id                 UUID PRIMARY KEY,
    member_id          UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    refresh_token_hash BYTEA NOT NULL,
    user_agent         TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    refreshed_at       TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    revoked_at         TIMESTAMPTZ,
    revoked_reason     TEXT
);

CREATE INDEX sessions_member_id_idx ON sessions (member_id);

-- Refresh tokens already traded in: presenting one again means the token was copied,
-- so its session is revoked.
CREATE TABLE retired_refresh_tokens (
    token_hash BYTEA PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    retired_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX retired_refresh_tokens_session_id_idx ON retired_refresh_tokens (session_id);

-- Sign-in and sign-up attempts, counted per email and per client address to throttle
-- guessing and mass sign-ups across every instance. A sign-in attempt is recorded
-- before its password check (failed = FALSE) and marked failed after it.
CREATE TABLE auth_attempts (
    id           UUID PRIMARY KEY,
    kind         TEXT NOT NULL,
    email        TEXT NOT NULL,
    ip           TEXT NOT NULL,
    failed       BOOLEAN NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX auth_attempts_email_idx ON auth_attempts (kind, email, attempted_at);
CREATE INDEX auth_attempts_ip_idx ON auth_attempts (kind, ip, attempted_at);
CREATE INDEX auth_attempts_attempted_at_idx ON auth_attempts (attempted_at);
