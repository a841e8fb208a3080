-- The resource library: guides, articles, templates, videos and links that community
-- admins (anywhere) and group moderators (in their groups) publish; members bookmark
-- them and suggest new ones for admins to review. Kept in lockstep with
-- migrations/postgres/0026_resources.sql; the full-text index is in 0027.

CREATE TABLE resources (
    id             BLOB NOT NULL,
    group_id       BLOB REFERENCES groups (id) ON DELETE CASCADE,
    published_by   BLOB NOT NULL REFERENCES members (id),
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL,
    -- Plain text with simple markdown; empty for a link.
    body           TEXT NOT NULL,
    url            TEXT,
    kind           TEXT NOT NULL,
    -- Between commas: ",pumping,daycare," (folded), ",RETURNING,ON_LEAVE,", ",BABY,TODDLER,".
    topics         TEXT NOT NULL,
    life_stages    TEXT NOT NULL,
    child_ages     TEXT NOT NULL,
    published_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    -- Who last edited it (NULL until someone does).
    edited_by      BLOB REFERENCES members (id) ON DELETE SET NULL,
    unpublished_at TEXT,
    CONSTRAINT resources_pkey PRIMARY KEY (id)
);

CREATE INDEX resources_published_idx ON resources (published_at, id);
CREATE INDEX resources_group_idx ON resources (group_id, published_at);
CREATE INDEX resources_publisher_idx ON resources (published_by, published_at);

CREATE TABLE resource_bookmarks (
    member_id   BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    resource_id BLOB NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    CONSTRAINT resource_bookmarks_pkey PRIMARY KEY (member_id, resource_id)
);

CREATE INDEX resource_bookmarks_newest_idx ON resource_bookmarks (member_id, created_at);

-- A member's suggestion of something for the library, until an admin reviews it.
CREATE TABLE resource_suggestions (
    id          BLOB NOT NULL,
    member_id   BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    note        TEXT NOT NULL,
    status      TEXT NOT NULL,
    reviewed_by BLOB REFERENCES members (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    reviewed_at TEXT,
    CONSTRAINT resource_suggestions_pkey PRIMARY KEY (id)
);

CREATE INDEX resource_suggestions_status_idx ON resource_suggestions (status, created_at, id);
CREATE INDEX resource_suggestions_member_idx ON resource_suggestions (member_id, created_at);
