-- Sensitive-topic shields: a thread carries the sensitive topics it touches (a comma
-- list, ",PREGNANCY_LOSS,FERTILITY,", set by its author or a moderator), and a member
-- chooses the topics she shields herself from. Kept in lockstep with
-- migrations/postgres/0024_sensitive_topics.sql.

ALTER TABLE threads ADD COLUMN sensitive_topics TEXT NOT NULL DEFAULT '';

CREATE TABLE topic_shields (
    member_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    topic     TEXT NOT NULL,
    CONSTRAINT topic_shields_pkey PRIMARY KEY (member_id, topic)
);
