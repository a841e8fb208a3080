-- This deployment's own name, made once: what it calls its keys in a Redis it may share
-- with others (the job stream). Kept in lockstep with
-- migrations/sqlite/0010_deployment.sql.

CREATE TABLE deployment (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id        TEXT NOT NULL
);
