-- The moderation log is append-only: the database itself refuses to change or remove an
-- entry, whatever asks. Each dialect says it its own way, so this file is the one pair
-- the lockstep test compares by name only (see migrations/sqlite/0023_moderation_log_append_only.sql).

CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the moderation log is append-only';
END
$$;

CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log
    FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only();
