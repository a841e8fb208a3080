-- Email and the account lifecycle: whether (and when) a member's address was verified,
-- the language her emails are written in, one-time links (verification, password reset,
-- email change; only their SHA-256 is kept), password-reset requests (the address a
-- request named, for the job that sends the link if it is a member's), and the
-- outgoing email outbox (a row per message, sent once by a job). Members who signed up
-- before verification existed count as verified. Kept in lockstep with
-- migrations/postgres/0017_email.sql.

ALTER TABLE members ADD COLUMN email_verified_at TEXT;
ALTER TABLE members ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
UPDATE members SET email_verified_at = created_at;

CREATE TABLE account_tokens (
    token_hash TEXT NOT NULL,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    new_email  TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    CONSTRAINT account_tokens_pkey PRIMARY KEY (token_hash)
);

CREATE INDEX account_tokens_member_idx ON account_tokens (member_id, purpose, created_at);
CREATE INDEX account_tokens_expires_idx ON account_tokens (expires_at);

CREATE TABLE password_reset_requests (
    id           BLOB NOT NULL,
    email        TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    CONSTRAINT password_reset_requests_pkey PRIMARY KEY (id)
);

CREATE INDEX password_reset_requests_requested_idx ON password_reset_requests (requested_at);

CREATE TABLE outgoing_emails (
    id               BLOB NOT NULL,
    member_id        BLOB REFERENCES members (id) ON DELETE SET NULL,
    category         TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    text_body        TEXT NOT NULL,
    html_body        TEXT NOT NULL,
    list_unsubscribe TEXT,
    created_at       TEXT NOT NULL,
    claimed_at       TEXT,
    sent_at          TEXT,
    failure          TEXT,
    CONSTRAINT outgoing_emails_pkey PRIMARY KEY (id)
);

CREATE INDEX outgoing_emails_member_idx ON outgoing_emails (member_id);
CREATE INDEX outgoing_emails_created_idx ON outgoing_emails (created_at);
