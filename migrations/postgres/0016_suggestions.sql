-- "Moms like me": the members each member dismissed from her suggestions, and indexes
-- for finding members by the fields suggestions match on, alone and in pairs (city has
-- one alone already). Kept
-- in lockstep with migrations/sqlite/0016_suggestions.sql.

CREATE TABLE suggestion_dismissals (
    member_id    UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    dismissed_id UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT suggestion_dismissals_pkey PRIMARY KEY (member_id, dismissed_id)
);

CREATE INDEX members_industry_key_idx ON members (industry_key);
CREATE INDEX members_career_stage_idx ON members (career_stage);
CREATE INDEX members_city_stage_idx ON members (city_key, career_stage);
CREATE INDEX members_city_industry_idx ON members (city_key, industry_key);
CREATE INDEX members_industry_stage_idx ON members (industry_key, career_stage);
