-- Direct messages notify: a notification is about something in a group (as before) or
-- about a conversation (a new message, a message request), so `group_id` may be empty
-- and `conversation_id` and `message_id` say which. SQLite cannot drop NOT NULL, so
-- `notifications` is rebuilt (and `push_held`, which points at it), the same way on
-- both databases, keeping every row. A member chooses whether a message's text shows
-- in its push (`push_previews`; off: "New message from Ana"). A conversation of two
-- records its pair (lower id first), so two starts at once cannot make two of them.
-- Kept in lockstep with migrations/sqlite/0013_message_notifications.sql.

ALTER TABLE push_held RENAME TO push_held_before_0013;
ALTER TABLE notifications RENAME TO notifications_before_0013;

CREATE TABLE notifications (
    id              UUID NOT NULL,
    member_id       UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    kind_rank       INTEGER NOT NULL,
    group_id        UUID REFERENCES groups (id) ON DELETE CASCADE,
    thread_id       UUID REFERENCES threads (id) ON DELETE CASCADE,
    reply_id        UUID REFERENCES replies (id) ON DELETE CASCADE,
    event_id        UUID REFERENCES events (id) ON DELETE CASCADE,
    conversation_id UUID REFERENCES conversations (id) ON DELETE CASCADE,
    message_id      UUID REFERENCES messages (id) ON DELETE CASCADE,
    actor_id        UUID REFERENCES members (id) ON DELETE CASCADE,
    happenings      INTEGER NOT NULL,
    collapse_key    TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    read_at         TIMESTAMPTZ,
    CONSTRAINT notifications_id_pkey PRIMARY KEY (id)
);

INSERT INTO notifications (id, member_id, kind, kind_rank, group_id, thread_id, reply_id, event_id, actor_id,
                           happenings, collapse_key, created_at, updated_at, read_at)
SELECT id, member_id, kind, kind_rank, group_id, thread_id, reply_id, event_id, actor_id,
       happenings, collapse_key, created_at, updated_at, read_at
FROM notifications_before_0013;

CREATE TABLE push_held (
    member_id       UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    notification_id UUID NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    held_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT push_held_notification_pkey PRIMARY KEY (member_id, notification_id)
);

INSERT INTO push_held (member_id, notification_id, held_at)
SELECT member_id, notification_id, held_at FROM push_held_before_0013;

DROP TABLE push_held_before_0013;
DROP TABLE notifications_before_0013;

CREATE UNIQUE INDEX notifications_unread_once ON notifications (member_id, collapse_key) WHERE read_at IS NULL;
CREATE INDEX notifications_member_list_idx ON notifications (member_id, updated_at, id);
CREATE INDEX notifications_conversation_idx ON notifications (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX notifications_message_idx ON notifications (message_id) WHERE message_id IS NOT NULL;

ALTER TABLE message_settings ADD COLUMN push_previews BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE conversations ADD COLUMN pair_low UUID;
ALTER TABLE conversations ADD COLUMN pair_high UUID;
CREATE UNIQUE INDEX conversations_pair_key ON conversations (pair_low, pair_high) WHERE pair_low IS NOT NULL;
