-- Full-text search of the resource library, in SQLite's own words: an FTS5 table (porter
-- stemming; accents kept, as PostgreSQL's english configuration keeps them) holding
-- each resource's words beside its id, kept by triggers (an id rather than the rowid,
-- which VACUUM may renumber); queries rank with bm25, weighting title, then summary and
-- topics, then body. migrations/postgres/0027_resource_search.sql says the same with a
-- tsvector.

CREATE VIRTUAL TABLE resource_search USING fts5(
    resource_id UNINDEXED, title, summary, body, tokenize = 'porter unicode61 remove_diacritics 0'
);

CREATE TRIGGER resources_search_insert AFTER INSERT ON resources BEGIN
    INSERT INTO resource_search (resource_id, title, summary, body)
    VALUES (new.id, new.title, new.summary || ' ' || replace(new.topics, ',', ' '), new.body);
END;

-- An unpublished resource leaves the index (and so weighs on no ranking).
CREATE TRIGGER resources_search_update AFTER UPDATE OF title, summary, body, topics, unpublished_at ON resources BEGIN
    DELETE FROM resource_search WHERE resource_id = old.id;
    INSERT INTO resource_search (resource_id, title, summary, body)
    SELECT new.id, new.title, new.summary || ' ' || replace(new.topics, ',', ' '), new.body
    WHERE new.unpublished_at IS NULL;
END;

CREATE TRIGGER resources_search_delete AFTER DELETE ON resources BEGIN
    DELETE FROM resource_search WHERE resource_id = old.id;
END;
