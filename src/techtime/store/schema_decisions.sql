-- The decision journal (migration decision_journal): decisions, their options, reviews and amendments, the links to
-- radar items, and the question bank with the answers kept where a question was asked.

CREATE TABLE decision (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (title <> ''),
    decided_on    TEXT NOT NULL,   -- the date of the call (of the proposal while proposed)
    status        TEXT NOT NULL DEFAULT 'proposed'
                  CHECK (status IN ('proposed', 'decided', 'superseded', 'reversed')),
    kind          TEXT NOT NULL DEFAULT 'architecture' CHECK (kind IN ('architecture', 'build-vs-buy')),
    context       TEXT NOT NULL DEFAULT '',
    drivers       TEXT NOT NULL DEFAULT '',   -- one a line
    why           TEXT NOT NULL DEFAULT '',   -- why the chosen option
    consequences  TEXT NOT NULL DEFAULT '',
    blast_radius  TEXT NOT NULL DEFAULT '' CHECK (blast_radius IN ('', 'small', 'medium', 'large')),
    blast_text    TEXT NOT NULL DEFAULT '',
    door          TEXT NOT NULL DEFAULT '' CHECK (door IN ('', 'two-way', 'one-way')),
    reverse_cost  TEXT NOT NULL DEFAULT '',
    hiring        TEXT NOT NULL DEFAULT '',   -- effect on hiring and retention
    -- As first written: once decided these are frozen, and later values are decision_amendment rows.
    confidence    INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 50 AND 99),
    prediction    TEXT NOT NULL DEFAULT '',
    consulted     TEXT NOT NULL DEFAULT '[]', -- JSON: roster handles
    deciders      TEXT NOT NULL DEFAULT '',   -- MADR's decision-makers, as written
    informed      TEXT NOT NULL DEFAULT '',
    more_info     TEXT NOT NULL DEFAULT '',   -- links and notes an import could not resolve, kept as written
    tags          TEXT NOT NULL DEFAULT '[]',
    dive_id       INTEGER REFERENCES deep_dive (id) ON DELETE SET NULL,
    supersedes_id INTEGER REFERENCES decision (id) ON DELETE SET NULL,
    madr_number   INTEGER UNIQUE CHECK (madr_number IS NULL OR madr_number > 0),  -- NNNN of its MADR file
    frozen_at     TEXT,                       -- when it was first marked decided
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX decision_date ON decision (decided_on);
CREATE INDEX decision_dive ON decision (dive_id) WHERE dive_id IS NOT NULL;
CREATE INDEX decision_supersedes ON decision (supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TABLE decision_option (
    id            INTEGER PRIMARY KEY,
    decision_id   INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL DEFAULT 0,
    title         TEXT NOT NULL CHECK (title <> ''),
    pros          TEXT NOT NULL DEFAULT '',   -- one a line
    cons          TEXT NOT NULL DEFAULT '',
    cost          TEXT NOT NULL DEFAULT '',   -- build vs buy: cost / TCO
    time_to_value TEXT NOT NULL DEFAULT '',
    maintenance   TEXT NOT NULL DEFAULT '',
    team_fit      TEXT NOT NULL DEFAULT '',
    chosen        INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1))
);
CREATE INDEX decision_option_decision ON decision_option (decision_id, position);

-- A review date while reviewed_on is NULL; a review done once it is set.
CREATE TABLE decision_review (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    due_on       TEXT NOT NULL,
    snoozed_from TEXT,                        -- the date it was first due, when snoozed
    reviewed_on  TEXT,
    happened     TEXT NOT NULL DEFAULT '',
    held         TEXT CHECK (held IS NULL OR held IN ('yes', 'partly', 'no')),
    grade        INTEGER CHECK (grade IS NULL OR grade BETWEEN 1 AND 5),  -- the process, apart from the outcome
    lesson       TEXT NOT NULL DEFAULT '',
    CHECK (reviewed_on IS NULL OR (held IS NOT NULL AND grade IS NOT NULL))
);
CREATE INDEX decision_review_decision ON decision_review (decision_id, due_on);
CREATE INDEX decision_review_open ON decision_review (due_on) WHERE reviewed_on IS NULL;

CREATE TABLE decision_amendment (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    field       TEXT NOT NULL CHECK (field IN ('prediction', 'confidence')),
    value       TEXT NOT NULL,
    amended_on  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX decision_amendment_decision ON decision_amendment (decision_id, id);

CREATE TABLE decision_radar (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL REFERENCES radar_item (id) ON DELETE CASCADE,
    UNIQUE (decision_id, item_id)
);
CREATE INDEX decision_radar_item ON decision_radar (item_id);

CREATE TABLE question (
    id         INTEGER PRIMARY KEY,
    grp        TEXT NOT NULL CHECK (grp IN ('design-review', 'build-vs-buy', 'one-on-one', 'incident-review')),
    position   INTEGER NOT NULL DEFAULT 0,
    text       TEXT NOT NULL CHECK (text <> ''),
    created_at TEXT NOT NULL
);
CREATE INDEX question_group ON question (grp, position);

-- A question asked, with its answer, where it was asked; the text is kept as asked.
CREATE TABLE question_answer (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER REFERENCES question (id) ON DELETE SET NULL,
    text        TEXT NOT NULL CHECK (text <> ''),
    answer      TEXT NOT NULL DEFAULT '',
    decision_id INTEGER REFERENCES decision (id) ON DELETE CASCADE,
    dive_id     INTEGER REFERENCES deep_dive (id) ON DELETE CASCADE,
    asked_on    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX question_answer_decision ON question_answer (decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX question_answer_dive ON question_answer (dive_id) WHERE dive_id IS NOT NULL;
