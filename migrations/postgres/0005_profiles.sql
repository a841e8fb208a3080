-- Member profiles: personal fields each with its own visibility (MEMBERS, CONNECTIONS,
-- ONLY_ME), children (birth month or due date; ages are derived, never stored), and
-- connections between members. Kept in lockstep with migrations/sqlite/0005_profiles.sql.

ALTER TABLE members ADD COLUMN headline TEXT;
ALTER TABLE members ADD COLUMN industry TEXT;
ALTER TABLE members ADD COLUMN city TEXT;
ALTER TABLE members ADD COLUMN neighbourhood TEXT;
ALTER TABLE members ADD COLUMN career_stage TEXT;
ALTER TABLE members ADD COLUMN bio TEXT;
ALTER TABLE members ADD COLUMN avatar_url TEXT;
ALTER TABLE members ADD COLUMN timezone TEXT;
ALTER TABLE members ADD COLUMN return_to_work_on DATE;
ALTER TABLE members ADD COLUMN interests TEXT NOT NULL DEFAULT '[]';
-- Lower-cased copies (Unicode-aware, written by the server) for case-insensitive
-- matching: SQLite's LOWER() folds ASCII only.
ALTER TABLE members ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN headline_key TEXT;
ALTER TABLE members ADD COLUMN city_key TEXT;
ALTER TABLE members ADD COLUMN industry_key TEXT;
ALTER TABLE members ADD COLUMN open_to TEXT NOT NULL DEFAULT '[]';
ALTER TABLE members ADD COLUMN headline_visibility TEXT NOT NULL DEFAULT 'MEMBERS';
ALTER TABLE members ADD COLUMN industry_visibility TEXT NOT NULL DEFAULT 'MEMBERS';
ALTER TABLE members ADD COLUMN city_visibility TEXT NOT NULL DEFAULT 'MEMBERS';
ALTER TABLE members ADD COLUMN neighbourhood_visibility TEXT NOT NULL DEFAULT 'CONNECTIONS';
ALTER TABLE members ADD COLUMN career_stage_visibility TEXT NOT NULL DEFAULT 'MEMBERS';
ALTER TABLE members ADD COLUMN return_to_work_on_visibility TEXT NOT NULL DEFAULT 'CONNECTIONS';
ALTER TABLE members ADD COLUMN children_visibility TEXT NOT NULL DEFAULT 'CONNECTIONS';
ALTER TABLE members ADD COLUMN interests_visibility TEXT NOT NULL DEFAULT 'MEMBERS';
ALTER TABLE members ADD COLUMN open_to_visibility TEXT NOT NULL DEFAULT 'MEMBERS';
ALTER TABLE members ADD COLUMN bio_visibility TEXT NOT NULL DEFAULT 'MEMBERS';

CREATE INDEX members_city_key_idx ON members (city_key);

CREATE TABLE member_children (
    id         UUID PRIMARY KEY,
    member_id  UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    born_on    DATE,
    due_on     DATE,
    CONSTRAINT member_children_born_or_due CHECK (born_on IS NOT NULL OR due_on IS NOT NULL)
);

CREATE INDEX member_children_member_idx ON member_children (member_id);

CREATE TABLE connections (
    member_a     UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    member_b     UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    requested_by UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED')),
    created_at   TIMESTAMPTZ NOT NULL,
    accepted_at  TIMESTAMPTZ,
    CONSTRAINT connections_pkey PRIMARY KEY (member_a, member_b),
    CONSTRAINT connections_ordered CHECK (member_a < member_b)
);

CREATE INDEX connections_member_b_idx ON connections (member_b);
