-- techtime schema 5: incidents (the war room as a practice, the deep dive a systemic one became),
-- and a kind for each session with an engineer, with the answers to the bank's questions asked in it.
CREATE TABLE incident (
    id             INTEGER PRIMARY KEY,
    date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title          TEXT NOT NULL CHECK (title <> ''),
    severity       TEXT CHECK (severity IS NULL OR severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
    systems        TEXT NOT NULL DEFAULT '[]',  -- tags, a JSON array
    role           TEXT CHECK (role IS NULL
                               OR role IN ('observer', 'incident commander', 'comms', 'decision-maker')),
    minutes        INTEGER CHECK (minutes IS NULL OR minutes > 0),
    learned        TEXT NOT NULL DEFAULT '',    -- what I learned about our systems
    pattern        TEXT CHECK (pattern IS NULL OR pattern IN ('systemic', 'one-off')),  -- NULL: not judged yet
    postmortem_url TEXT,
    dive_id        INTEGER REFERENCES deep_dive (id) ON DELETE SET NULL,  -- the deep dive it became
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE INDEX incident_date ON incident (date);
CREATE INDEX incident_dive ON incident (dive_id) WHERE dive_id IS NOT NULL;

CREATE TABLE incident_follow_up (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL CHECK (text <> ''),
    owner_id    INTEGER REFERENCES person (id) ON DELETE RESTRICT,  -- people are deactivated, not deleted
    done_at     TEXT
);

CREATE INDEX incident_follow_up_incident ON incident_follow_up (incident_id, position);
CREATE INDEX incident_follow_up_open ON incident_follow_up (incident_id) WHERE done_at IS NULL;

-- pairing (the monthly practice and the rotation), a technical 1-on-1, a system-design interview.
ALTER TABLE pairing_session ADD COLUMN kind TEXT NOT NULL DEFAULT 'pairing'
    CHECK (kind IN ('pairing', '1on1', 'interview'));

CREATE INDEX pairing_session_kind ON pairing_session (kind, person_id, date);

-- A question of the bank asked in a session (a 1-on-1's "what tradeoffs did you consider?") is kept
-- with its answer there, as the decisions' and the dives' are.
ALTER TABLE question_answer ADD COLUMN session_id INTEGER REFERENCES pairing_session (id) ON DELETE CASCADE;

CREATE INDEX question_answer_session ON question_answer (session_id) WHERE session_id IS NOT NULL;
