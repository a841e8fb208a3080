-- Threads and replies in groups, reactions, @mentions, who follows which thread, and
-- who blocked whom. Kept in lockstep with migrations/postgres/0003_threads.sql.

ALTER TABLE members ADD COLUMN handle TEXT;
CREATE UNIQUE INDEX members_handle_key ON members (handle);

CREATE TABLE threads (
    id               BLOB PRIMARY KEY,
    group_id         BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    author_id        BLOB NOT NULL REFERENCES members (id),
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    tags             TEXT NOT NULL,
    pinned           BOOLEAN NOT NULL,
    locked           BOOLEAN NOT NULL,
    reply_count      BIGINT NOT NULL,
    created_at       TEXT NOT NULL,
    edited_at        TEXT,
    last_activity_at TEXT NOT NULL
);

CREATE INDEX threads_group_activity_idx ON threads (group_id, last_activity_at, id);
CREATE INDEX threads_group_created_idx ON threads (group_id, created_at, id);
CREATE INDEX threads_activity_idx ON threads (last_activity_at, id);

CREATE TABLE replies (
    id                   BLOB PRIMARY KEY,
    thread_id            BLOB NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    parent_reply_id      BLOB REFERENCES replies (id),
    author_id            BLOB NOT NULL REFERENCES members (id),
    body                 TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    edited_at            TEXT,
    deleted_at           TEXT,
    deleted_by_moderator BOOLEAN NOT NULL
);

CREATE INDEX replies_thread_idx ON replies (thread_id, created_at, id);

CREATE TABLE reactions (
    target_id  BLOB NOT NULL,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reaction   TEXT NOT NULL CHECK (reaction IN ('HEART', 'HUG', 'SAME', 'CELEBRATE', 'LAUGH')),
    created_at TEXT NOT NULL,
    CONSTRAINT reactions_pkey PRIMARY KEY (target_id, member_id, reaction)
);

CREATE TABLE mentions (
    source_id  BLOB NOT NULL,
    thread_id  BLOB NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CONSTRAINT mentions_pkey PRIMARY KEY (source_id, member_id)
);

CREATE INDEX mentions_member_idx ON mentions (member_id, created_at);

CREATE TABLE thread_follows (
    thread_id  BLOB NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CONSTRAINT thread_follows_pkey PRIMARY KEY (thread_id, member_id)
);

CREATE INDEX thread_follows_member_idx ON thread_follows (member_id);

CREATE TABLE member_blocks (
    blocker_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    blocked_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CONSTRAINT member_blocks_pkey PRIMARY KEY (blocker_id, blocked_id)
);

CREATE INDEX member_blocks_blocked_idx ON member_blocks (blocked_id);
