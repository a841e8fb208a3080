-- What each member wants to be told: per kind and channel (rows only where she chose
-- differently from the defaults), and the threads and groups she muted, for a while or
-- for good. Kept in lockstep with migrations/sqlite/0007_notification_settings.sql.

CREATE TABLE notification_preferences (
    member_id UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    in_app    BOOLEAN NOT NULL,
    push      BOOLEAN NOT NULL,
    CONSTRAINT notification_preferences_pkey PRIMARY KEY (member_id, kind)
);

CREATE TABLE notification_mutes (
    member_id  UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    subject_id UUID NOT NULL,
    until      TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT notification_mutes_pkey PRIMARY KEY (member_id, subject_id)
);
