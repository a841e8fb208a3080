-- Coffee chats: one member proposes 1 to 3 time slots to another (at a place or
-- online); whoever is awaited answers (accepts one slot, declines) and either can
-- cancel or propose new times. An accepted chat has its time, goes into both calendar
-- feeds and has reminders; `sequence` counts its changes (the calendar's SEQUENCE).
-- Notifications may be about a chat. Kept in lockstep with
-- migrations/postgres/0015_coffee_chats.sql.

CREATE TABLE coffee_chats (
    id          BLOB NOT NULL,
    proposed_by BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    proposed_to BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    awaiting    BLOB REFERENCES members (id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    place       TEXT,
    online_url  TEXT,
    note        TEXT NOT NULL,
    starts_at   TEXT,
    ends_at     TEXT,
    sequence    BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CONSTRAINT coffee_chats_pkey PRIMARY KEY (id)
);

CREATE INDEX coffee_chats_proposed_by_idx ON coffee_chats (proposed_by, status);
CREATE INDEX coffee_chats_proposed_to_idx ON coffee_chats (proposed_to, status);

CREATE TABLE coffee_chat_slots (
    coffee_chat_id BLOB NOT NULL REFERENCES coffee_chats (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    starts_at      TEXT NOT NULL,
    ends_at        TEXT NOT NULL,
    CONSTRAINT coffee_chat_slots_pkey PRIMARY KEY (coffee_chat_id, position)
);

ALTER TABLE notifications ADD COLUMN coffee_chat_id BLOB REFERENCES coffee_chats (id) ON DELETE CASCADE;
CREATE INDEX notifications_coffee_chat_idx ON notifications (coffee_chat_id) WHERE coffee_chat_id IS NOT NULL;
