-- Email digests: how often a member wants one (DAILY or WEEKLY), at which local hour,
-- and when the next is due (the scheduled job of that time is the live one; one of an
-- older schedule does nothing). Kept in lockstep with migrations/postgres/0021_digests.sql.

CREATE TABLE digest_settings (
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    frequency  TEXT NOT NULL,
    hour       BIGINT NOT NULL,
    next_at    TEXT NOT NULL,
    last_at    TEXT,
    CONSTRAINT digest_settings_pkey PRIMARY KEY (member_id)
);
