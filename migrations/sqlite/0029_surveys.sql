-- Feedback surveys for a group's members, an event's attendees or a program's cohort.
-- A response to an anonymous survey keeps no member id and no time, and its id is
-- random: what says she answered is a separate mark, so nothing in the database links
-- her to her answers. She changes them with the edit key she was given (only its hash
-- is kept). The career stage and city on a response are what results break down by,
-- never shown for fewer than 5 responses. The same as migrations/postgres/0029_surveys.sql
-- but for WITHOUT ROWID on the mark, the responses and the answers: a rowid would keep
-- the order they were written in, and the n-th mark would point at the n-th response.

CREATE TABLE surveys (
    id          BLOB NOT NULL,
    created_by  BLOB NOT NULL REFERENCES members (id),
    title       TEXT NOT NULL,
    intro       TEXT NOT NULL,
    group_id    BLOB REFERENCES groups (id) ON DELETE CASCADE,
    event_id    BLOB REFERENCES events (id) ON DELETE CASCADE,
    program_id  BLOB REFERENCES programs (id) ON DELETE CASCADE,
    anonymous   BOOLEAN NOT NULL,
    -- When its audience may answer: at once, or once its event is over.
    opens_at    TEXT NOT NULL,
    closes_at   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT surveys_pkey PRIMARY KEY (id),
    CONSTRAINT surveys_one_audience CHECK (
        (CASE WHEN group_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN event_id IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN program_id IS NULL THEN 0 ELSE 1 END) = 1)
);

CREATE INDEX surveys_group_idx ON surveys (group_id, created_at);
CREATE INDEX surveys_event_idx ON surveys (event_id);
CREATE INDEX surveys_program_idx ON surveys (program_id);

CREATE TABLE survey_questions (
    id         BLOB NOT NULL,
    survey_id  BLOB NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('TEXT', 'SINGLE_CHOICE', 'MULTI_CHOICE', 'SCALE_1_5')),
    prompt     TEXT NOT NULL,
    -- The choices, as a JSON array of strings (empty for TEXT and SCALE_1_5).
    options    TEXT NOT NULL,
    required   BOOLEAN NOT NULL,
    CONSTRAINT survey_questions_pkey PRIMARY KEY (id),
    CONSTRAINT survey_questions_position_key UNIQUE (survey_id, position)
);

-- That she answered, and nothing of what.
CREATE TABLE survey_answered (
    survey_id BLOB NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    member_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT survey_answered_pkey PRIMARY KEY (survey_id, member_id)

) WITHOUT ROWID;

CREATE TABLE survey_responses (
    id            BLOB NOT NULL,
    survey_id     BLOB NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    -- NULL in an anonymous survey.
    member_id     BLOB REFERENCES members (id) ON DELETE CASCADE,
    -- In an anonymous survey, the SHA-256 of the key that lets her change her answers.
    edit_key_hash TEXT,
    career_stage  TEXT,
    city_key      TEXT,
    CONSTRAINT survey_responses_pkey PRIMARY KEY (id),
    CONSTRAINT survey_responses_member_key UNIQUE (survey_id, member_id),
    CONSTRAINT survey_responses_edit_key UNIQUE (edit_key_hash)

) WITHOUT ROWID;

CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id);

CREATE TABLE survey_answers (
    response_id BLOB NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question_id BLOB NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
    -- One of: the text, the chosen options' positions between commas (",0,2,"), the scale.
    text        TEXT,
    choices     TEXT,
    scale       BIGINT,
    CONSTRAINT survey_answers_pkey PRIMARY KEY (response_id, question_id)

) WITHOUT ROWID;

CREATE INDEX survey_answers_question_idx ON survey_answers (question_id);

ALTER TABLE notifications ADD COLUMN survey_id BLOB REFERENCES surveys (id) ON DELETE CASCADE;
