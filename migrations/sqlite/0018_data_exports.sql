-- Data exports: what Village holds about a member, assembled as JSON by a job when she
-- asks, kept for 24 hours behind a link only her session can open (its token stored as
-- SHA-256), then deleted. Kept in lockstep with migrations/postgres/0018_data_exports.sql.

CREATE TABLE data_exports (
    id           BLOB NOT NULL,
    member_id    BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    token_hash   TEXT,
    body         TEXT,
    requested_at TEXT NOT NULL,
    ready_at     TEXT,
    expires_at   TEXT,
    CONSTRAINT data_exports_pkey PRIMARY KEY (id)
);

CREATE INDEX data_exports_member_idx ON data_exports (member_id, requested_at);
CREATE INDEX data_exports_token_idx ON data_exports (token_hash);
