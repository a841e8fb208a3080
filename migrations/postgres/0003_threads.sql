-- Threads and replies in groups, reactions, @mentions, who follows which thread, and
-- who blocked whom. Kept in lockstep with migrations/sqlite/0003_threads.sql.

ALTER TABLE members ADD COLUMN handle TEXT;
CREATE UNIQUE INDEX members_handle_key ON members (handle);

CREATE TABLE threads (
    id               UUID PRIMARY KEY,
    group_id         UUID NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    author_id        UUID NOT NULL REFERENCES members (id),
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    tags             TEXT NOT NULL,
    pinned           BOOLEAN NOT NULL,
    locked           BOOLEAN NOT NULL,
    reply_count      BIGINT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    edited_at        TIMESTAMPTZ,
    last_activity_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX threads_group_activity_idx ON threads (group_id, last_activity_at, id);
CREATE INDEX threads_group_created_idx ON threads (group_id, created_at, id);
CREATE INDEX threads_activity_idx ON threads (last_activity_at, id);

CREATE TABLE replies (
    id                   UUID PRIMARY KEY,
    thread_id            UUID NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    parent_reply_id      UUID REFERENCES replies (id),
    author_id            UUID NOT NULL REFERENCES members (id),
    body                 TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    edited_at            TIMESTAMPTZ,
    deleted_at           TIMESTAMPTZ,
    deleted_by_moderator BOOLEAN NOT NULL
);

CREATE INDEX replies_thread_idx ON replies (thread_id, created_at, id);

CREATE TABLE reactions (
    target_id  UUID NOT NULL,
    member_id  UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reaction   TEXT NOT NULL CHECK (reaction IN ('HEART', 'HUG', 'SAME', 'CELEBRATE', 'LAUGH')),
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT reactions_pkey PRIMARY KEY (target_id, member_id, reaction)
);

CREATE TABLE mentions (
    source_id  UUID NOT NULL,
    thread_id  UUID NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    member_id  UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT mentions_pkey PRIMARY KEY (source_id, member_id)
);

CREATE INDEX mentions_member_idx ON mentions (member_id, created_at);

CREATE TABLE thread_follows (
    thread_id  UUID NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    member_id  UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT thread_follows_pkey PRIMARY KEY (thread_id, member_id)
);

CREATE INDEX thread_follows_member_idx ON thread_follows (member_id);

CREATE TABLE member_blocks (
    blocker_id UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    blocked_id UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT member_blocks_pkey PRIMARY KEY (blocker_id, blocked_id)
);

CREATE INDEX member_blocks_blocked_idx ON member_blocks (blocked_id);
