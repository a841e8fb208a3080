-- Programs: a series of sessions (events in a private cohort group made for the
-- program) that members enrol in, with a capacity and a waitlist in arrival order
-- (`enroll_seq`, taken under the program's row lock, as events take `rsvp_seq`).
-- Return-to-work prompts are kept once per member, kind and return date, so an offer
-- goes once however many instances run its job. Kept in lockstep with
-- migrations/postgres/0028_programs.sql.

CREATE TABLE programs (
    id              BLOB NOT NULL,
    -- The group it is offered in; NULL for the whole community.
    group_id        BLOB REFERENCES groups (id) ON DELETE CASCADE,
    cohort_group_id BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    created_by      BLOB NOT NULL REFERENCES members (id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    life_stage      TEXT NOT NULL,
    capacity        BIGINT NOT NULL,
    enrolled_count  BIGINT NOT NULL,
    enroll_seq      BIGINT NOT NULL,
    created_at      TEXT NOT NULL,
    CONSTRAINT programs_pkey PRIMARY KEY (id),
    CONSTRAINT programs_cohort_key UNIQUE (cohort_group_id),
    CONSTRAINT programs_capacity_positive CHECK (capacity > 0),
    CONSTRAINT programs_enrolled_within_capacity CHECK (enrolled_count >= 0 AND enrolled_count <= capacity)
);

CREATE INDEX programs_group_idx ON programs (group_id, created_at);
CREATE INDEX programs_stage_idx ON programs (life_stage, created_at);

CREATE TABLE program_enrollments (
    program_id BLOB NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    member_id  BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('ENROLLED', 'WAITLISTED', 'LEFT', 'REMOVED')),
    seq        BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT program_enrollments_pkey PRIMARY KEY (program_id, member_id)
);

CREATE INDEX program_enrollments_queue_idx ON program_enrollments (program_id, status, seq);
CREATE INDEX program_enrollments_member_idx ON program_enrollments (member_id, status);

CREATE TABLE return_to_work_prompts (
    member_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('PROGRAM_OFFER', 'RETURN_DATE_REACHED')),
    return_on TEXT NOT NULL,
    sent_at   TEXT NOT NULL,
    CONSTRAINT return_to_work_prompts_pkey PRIMARY KEY (member_id, kind, return_on)
);

ALTER TABLE notifications ADD COLUMN program_id BLOB REFERENCES programs (id) ON DELETE CASCADE;
