-- The job board: jobs members post (community-wide, or inside a group for its members
-- only), which expire by themselves; the jobs each member saved; the job a message asks
-- a referral for; and the job a notification is about (one about to expire). Kept in
-- lockstep with migrations/sqlite/0014_job_board.sql.

CREATE TABLE job_posts (
    id           UUID NOT NULL,
    posted_by    UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    group_id     UUID REFERENCES groups (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    company      TEXT NOT NULL,
    location     TEXT NOT NULL,
    workplace    TEXT NOT NULL,
    employment   TEXT NOT NULL,
    -- Each flexibility the job offers, between commas: ",FLEXIBLE_HOURS,JOB_SHARE,".
    flexibility  TEXT NOT NULL,
    industry     TEXT,
    url          TEXT,
    description  TEXT NOT NULL,
    can_refer    BOOLEAN NOT NULL,
    -- Folded text the filters match: title, company and description; location; industry.
    search_key   TEXT NOT NULL,
    location_key TEXT NOT NULL,
    industry_key TEXT,
    status       TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT job_posts_pkey PRIMARY KEY (id)
);

CREATE INDEX job_posts_open_idx ON job_posts (status, created_at, id);
CREATE INDEX job_posts_poster_idx ON job_posts (posted_by);
CREATE INDEX job_posts_group_idx ON job_posts (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE saved_jobs (
    member_id   UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    job_post_id UUID NOT NULL REFERENCES job_posts (id) ON DELETE CASCADE,
    saved_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT saved_jobs_pkey PRIMARY KEY (member_id, job_post_id)
);

CREATE INDEX saved_jobs_member_idx ON saved_jobs (member_id, saved_at, job_post_id);
CREATE INDEX saved_jobs_job_idx ON saved_jobs (job_post_id);

ALTER TABLE messages ADD COLUMN job_post_id UUID REFERENCES job_posts (id) ON DELETE SET NULL;
ALTER TABLE notifications ADD COLUMN job_post_id UUID REFERENCES job_posts (id) ON DELETE CASCADE;
CREATE INDEX notifications_job_post_idx ON notifications (job_post_id) WHERE job_post_id IS NOT NULL;
CREATE INDEX messages_job_post_idx ON messages (job_post_id) WHERE job_post_id IS NOT NULL;
