-- techtime schema, version 1. Dates are 'YYYY-MM-DD'; timestamps local 'YYYY-MM-DD HH:MM:SS';
-- tags a JSON array of lower-case strings.

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    handle      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (handle <> ''),
    team        TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT '',
    start_date  TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    leave_until TEXT,   -- on leave up to and including this date
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE deep_dive (
    id            INTEGER PRIMARY KEY,
    quarter       TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    position      INTEGER NOT NULL DEFAULT 0,
    title         TEXT NOT NULL CHECK (title <> ''),
    owner         TEXT NOT NULL DEFAULT '',
    doc_url       TEXT,
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'done', 'dropped')),
    hours_planned REAL CHECK (hours_planned IS NULL OR hours_planned >= 0),
    hours_spent   REAL NOT NULL DEFAULT 0 CHECK (hours_spent >= 0),
    tags          TEXT NOT NULL DEFAULT '[]',
    findings      TEXT NOT NULL DEFAULT '',
    carried_from  TEXT,  -- the quarter it was carried over from
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX deep_dive_quarter ON deep_dive (quarter, position);

CREATE TABLE dive_check (
    id       INTEGER PRIMARY KEY,
    dive_id  INTEGER NOT NULL REFERENCES deep_dive (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    text     TEXT NOT NULL CHECK (text <> ''),
    done_at  TEXT
);
CREATE INDEX dive_check_dive ON dive_check (dive_id, position);

CREATE TABLE checklist_template (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    text     TEXT NOT NULL CHECK (text <> '')
);

CREATE TABLE failure_mode (
    id           INTEGER PRIMARY KEY,
    dive_id      INTEGER NOT NULL REFERENCES deep_dive (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    failure      TEXT NOT NULL CHECK (failure <> ''),
    blast_radius TEXT NOT NULL DEFAULT '',
    detection    TEXT NOT NULL DEFAULT '',
    mitigation   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX failure_mode_dive ON failure_mode (dive_id, position);

CREATE TABLE radar_item (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (title <> ''),
    url         TEXT,
    url_key     TEXT,   -- the normalized URL: one item per link
    source      TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'inbox' CHECK (status IN ('inbox', 'bookmarked', 'read', 'archived')),
    ring        TEXT CHECK (ring IS NULL OR ring IN ('adopt', 'trial', 'assess', 'hold')),
    quadrant    TEXT CHECK (quadrant IS NULL
                            OR quadrant IN ('techniques', 'platforms', 'tools', 'languages-frameworks')),
    notes       TEXT NOT NULL DEFAULT '',
    captured_at TEXT NOT NULL,
    read_at     TEXT,
    dive_id     INTEGER REFERENCES deep_dive (id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX radar_item_url_key ON radar_item (url_key) WHERE url_key IS NOT NULL;
CREATE INDEX radar_item_status ON radar_item (status, captured_at);
CREATE INDEX radar_item_captured ON radar_item (captured_at);
CREATE INDEX radar_item_ring ON radar_item (ring, quadrant);
CREATE INDEX radar_item_dive ON radar_item (dive_id) WHERE dive_id IS NOT NULL;

-- Every ring or quadrant change, so an item's status in a quarter
-- (New, Moved In, Moved Out, No Change) is computed, never typed.
CREATE TABLE radar_move (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES radar_item (id) ON DELETE CASCADE,
    moved_on TEXT NOT NULL,
    ring     TEXT,
    quadrant TEXT
);
CREATE INDEX radar_move_item ON radar_move (item_id, moved_on);

CREATE TABLE pairing_session (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    date       TEXT NOT NULL,
    topic      TEXT NOT NULL DEFAULT '',
    minutes    INTEGER CHECK (minutes IS NULL OR minutes > 0),
    status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
    notes      TEXT NOT NULL DEFAULT '',
    learned    TEXT NOT NULL DEFAULT '',
    follow_ups TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX pairing_session_person ON pairing_session (person_id, date);
CREATE INDEX pairing_session_date ON pairing_session (date);

CREATE TABLE practice (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> ''),
    rule       TEXT NOT NULL,   -- RFC 5545 RRULE body, e.g. FREQ=WEEKLY;BYDAY=MO
    start_date TEXT NOT NULL,   -- DTSTART
    minutes    INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE practice_pause (
    id          INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practice (id) ON DELETE CASCADE,
    start_date  TEXT NOT NULL,
    end_date    TEXT    -- NULL while the pause lasts
);
CREATE INDEX practice_pause_practice ON practice_pause (practice_id);

CREATE TABLE practice_log (
    id          INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practice (id) ON DELETE CASCADE,
    occurrence  TEXT NOT NULL,  -- the start of the window this entry settles
    status      TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
    done_on     TEXT NOT NULL,  -- when it happened; earlier than logged_at for a late log
    minutes     INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    session_id  INTEGER REFERENCES pairing_session (id) ON DELETE CASCADE,
    logged_at   TEXT NOT NULL
);
CREATE INDEX practice_log_practice ON practice_log (practice_id, occurrence);
CREATE INDEX practice_log_done_on ON practice_log (done_on);

CREATE TABLE inbox_note (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL CHECK (text <> ''),
    created_at TEXT NOT NULL,
    filed_at   TEXT
);
CREATE INDEX inbox_note_open ON inbox_note (created_at) WHERE filed_at IS NULL;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL   -- JSON
);

-- Deleted rows, with their children and the links that pointed at them, so `u` can bring them back.
CREATE TABLE trash (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,   -- the table the row came from
    row_id      INTEGER NOT NULL,
    label       TEXT NOT NULL DEFAULT '',  -- what the user saw, e.g. the title
    payload     TEXT NOT NULL,   -- JSON: the row, its children, the rows that linked to it
    deleted_at  TEXT NOT NULL,
    restored_at TEXT
);
CREATE INDEX trash_open ON trash (deleted_at) WHERE restored_at IS NULL;
