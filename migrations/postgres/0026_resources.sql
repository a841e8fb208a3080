-- The resource library: guides, articles, templates, videos and links that community
-- admins (anywhere) and group moderators (in their groups) publish; members bookmark
-- them and suggest new ones for admins to review. Kept in lockstep with
-- migrations/sqlite/0026_resources.sql; the full-text index is in 0027.

CREATE TABLE resources (
    id             UUID NOT NULL,
    group_id       UUID REFERENCES groups (id) ON DELETE CASCADE,
    published_by   UUID NOT NULL REFERENCES members (id),
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
    published_at   TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    -- Who last edited it (NULL until someone does).
    edited_by      UUID REFERENCES members (id) ON DELETE SET NULL,
    unpublished_at TIMESTAMPTZ,
    CONSTRAINT resources_pkey PRIMARY KEY (id)
);

CREATE INDEX resources_published_idx ON resources (published_at, id);
CREATE INDEX resources_group_idx ON resources (group_id, published_at);
CREATE INDEX resources_publisher_idx ON resources (published_by, published_at);

CREATE TABLE resource_bookmarks (
    member_id   UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    resource_id UUID NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT resource_bookmarks_pkey PRIMARY KEY (member_id, resource_id)
);

CREATE INDEX resource_bookmarks_newest_idx ON resource_bookmarks (member_id, created_at);

-- A member's suggestion of something for the library, until an admin reviews it.
CREATE TABLE resource_suggestions (
    id          UUID NOT NULL,
    member_id   UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    note        TEXT NOT NULL,
    status      TEXT NOT NULL,
    reviewed_by UUID REFERENCES members (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    reviewed_at TIMESTAMPTZ,
    CONSTRAINT resource_suggestions_pkey PRIMARY KEY (id)
);

CREATE INDEX resource_suggestions_status_idx ON resource_suggestions (status, created_at, id);
CREATE INDEX resource_suggestions_member_idx ON resource_suggestions (member_id, created_at);
