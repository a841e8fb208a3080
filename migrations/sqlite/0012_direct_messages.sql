-- Direct messages: conversations between 2 to 8 members, each member's place in one
-- (in her inbox, waiting in her message requests, declined, or left; when she last
-- read it; muted until when), the messages, and whether a member takes requests from
-- people she is not connected with. Kept in lockstep with
-- migrations/postgres/0012_direct_messages.sql.

CREATE TABLE message_settings (
    member_id        BLOB PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    accepts_requests BOOLEAN NOT NULL
);

CREATE TABLE conversations (
    id              BLOB PRIMARY KEY,
    started_by      BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    last_message_at TEXT NOT NULL
);

CREATE TABLE conversation_members (
    conversation_id BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    member_id       BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    joined_at       TEXT NOT NULL,
    last_read_at    TEXT,
    muted_until     TEXT,
    CONSTRAINT conversation_members_pkey PRIMARY KEY (conversation_id, member_id)
);

CREATE INDEX conversation_members_member_idx ON conversation_members (member_id, status);

CREATE TABLE messages (
    id              BLOB PRIMARY KEY,
    conversation_id BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id       BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at, id);
