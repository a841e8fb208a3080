-- Groups, who belongs to them and in which role, requests to join and invitations,
-- and receipts that make create mutations safe to retry (clientMutationId).
-- Kept in lockstep with migrations/postgres/0002_groups.sql.

CREATE TABLE groups (
    id             BLOB PRIMARY KEY,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL,
    visibility     TEXT NOT NULL CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    join_policy    TEXT NOT NULL CHECK (join_policy IN ('OPEN', 'APPROVAL', 'INVITE_ONLY')),
    join_questions TEXT NOT NULL,
    search_key     TEXT NOT NULL,
    member_count   BIGINT NOT NULL,
    created_by     BLOB NOT NULL REFERENCES members (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE INDEX groups_created_at_idx ON groups (created_at, id);

CREATE TABLE group_memberships (
    group_id  BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('OWNER', 'MODERATOR', 'MEMBER')),
    joined_at TEXT NOT NULL,
    CONSTRAINT group_memberships_pkey PRIMARY KEY (group_id, member_id)
);

CREATE INDEX group_memberships_member_idx ON group_memberships (member_id, joined_at);
CREATE INDEX group_memberships_joined_idx ON group_memberships (group_id, joined_at, member_id);

CREATE TABLE group_join_requests (
    id         BLOB PRIMARY KEY,
    group_id   BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    answers    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by BLOB REFERENCES members (id)
);

CREATE UNIQUE INDEX group_join_requests_pending_key ON group_join_requests (group_id, member_id) WHERE status = 'PENDING';
CREATE INDEX group_join_requests_group_idx ON group_join_requests (group_id, status, created_at, id);

CREATE TABLE group_invitations (
    group_id   BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    invited_by BLOB NOT NULL REFERENCES members (id),
    created_at TEXT NOT NULL,
    CONSTRAINT group_invitations_pkey PRIMARY KEY (group_id, member_id)
);

CREATE TABLE mutation_receipts (
    member_id          BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    mutation           TEXT NOT NULL,
    client_mutation_id TEXT NOT NULL,
    result_id          BLOB NOT NULL,
    created_at         TEXT NOT NULL,
    CONSTRAINT mutation_receipts_pkey PRIMARY KEY (member_id, mutation, client_mutation_id)
);
