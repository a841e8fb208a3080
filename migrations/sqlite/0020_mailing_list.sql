-- The mailing list and newsletters: community-wide organisers (`community_role =
-- 'ADMIN'`, granted only by `village admin grant`), subscribers (double opt-in: an entry
-- counts once its emailed link is followed; the token stored as SHA-256), newsletters,
-- and which subscriber each newsletter went to (each once). Kept in lockstep with
-- migrations/postgres/0020_mailing_list.sql.

ALTER TABLE members ADD COLUMN community_role TEXT;

CREATE TABLE mailing_list (
    id                 BLOB NOT NULL,
    email              TEXT NOT NULL,
    member_id          BLOB REFERENCES members (id) ON DELETE CASCADE,
    interests          TEXT NOT NULL,
    city               TEXT,
    city_key           TEXT,
    confirm_token_hash TEXT,
    created_at         TEXT NOT NULL,
    confirmed_at       TEXT,
    CONSTRAINT mailing_list_pkey PRIMARY KEY (id),
    CONSTRAINT mailing_list_email_key UNIQUE (email)
);

CREATE INDEX mailing_list_token_idx ON mailing_list (confirm_token_hash);
CREATE INDEX mailing_list_created_idx ON mailing_list (created_at);

CREATE TABLE newsletters (
    id          BLOB NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    interests   TEXT NOT NULL,
    city_key    TEXT,
    sent_by     BLOB REFERENCES members (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    CONSTRAINT newsletters_pkey PRIMARY KEY (id)
);

CREATE INDEX newsletters_created_idx ON newsletters (created_at);

CREATE TABLE newsletter_deliveries (
    newsletter_id BLOB NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    entry_id      BLOB NOT NULL,
    sent_at       TEXT NOT NULL,
    CONSTRAINT newsletter_deliveries_pkey PRIMARY KEY (newsletter_id, entry_id)
);
