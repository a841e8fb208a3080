-- The moderation log is append-only: the database itself refuses to change or remove an
-- entry, whatever asks. Each dialect says it its own way, so this file is the one pair
-- the lockstep test compares by name only (see migrations/postgres/0023_moderation_log_append_only.sql).

CREATE TRIGGER moderation_log_no_update BEFORE UPDATE ON moderation_log
BEGIN
    SELECT RAISE(ABORT, 'the moderation log is append-only');
END;

CREATE TRIGGER moderation_log_no_delete BEFORE DELETE ON moderation_log
BEGIN
    SELECT RAISE(ABORT, 'the moderation log is append-only');
END;
