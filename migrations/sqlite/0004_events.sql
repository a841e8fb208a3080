-- Events in groups, RSVPs with a waitlist in arrival order (rsvp_seq), childcare seats,
-- and private calendar feed tokens. Kept in lockstep with migrations/postgres/0004_events.sql.

CREATE TABLE events (
    id                 BLOB PRIMARY KEY,
    group_id           BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    created_by         BLOB NOT NULL REFERENCES members (id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    starts_at          TEXT NOT NULL,
    ends_at            TEXT NOT NULL,
    timezone           TEXT NOT NULL,
    location           TEXT,
    city               TEXT,
    city_key           TEXT,
    online_url         TEXT,
    capacity           BIGINT,
    kids_welcome       BOOLEAN NOT NULL,
    childcare_provided BOOLEAN NOT NULL,
    childcare_capacity BIGINT,
    cost_cents         BIGINT NOT NULL,
    going_count        BIGINT NOT NULL,
    childcare_taken    BIGINT NOT NULL,
    rsvp_seq           BIGINT NOT NULL,
    sequence           BIGINT NOT NULL,
    cancelled_at       TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CONSTRAINT events_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT events_capacity_positive CHECK (capacity IS NULL OR capacity > 0),
    CONSTRAINT events_going_within_capacity CHECK (capacity IS NULL OR going_count <= capacity)
);

CREATE INDEX events_group_starts_idx ON events (group_id, starts_at, id);
CREATE INDEX events_starts_idx ON events (starts_at, id);

CREATE TABLE rsvps (
    event_id        BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id       BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('GOING', 'WAITLISTED', 'NOT_GOING')),
    kids            BIGINT NOT NULL,
    childcare_seats BIGINT NOT NULL,
    seq             BIGINT NOT NULL,
    responded_at    TEXT NOT NULL,
    CONSTRAINT rsvps_pkey PRIMARY KEY (event_id, member_id)
);

CREATE INDEX rsvps_queue_idx ON rsvps (event_id, status, seq);
CREATE INDEX rsvps_member_idx ON rsvps (member_id, status);

CREATE TABLE calendar_feeds (
    member_id  BLOB PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT calendar_feeds_token_key UNIQUE (token_hash)
);
