-- Full-text search of the resource library, in PostgreSQL's own words: a weighted
-- tsvector (title A; summary and topics B; body C) kept by the database, and its GIN
-- index. migrations/sqlite/0027_resource_search.sql says the same with FTS5.

ALTER TABLE resources ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', summary || ' ' || replace(topics, ',', ' ')), 'B')
    || setweight(to_tsvector('english', body), 'C')
) STORED;

CREATE INDEX resources_search_idx ON resources USING GIN (search);
