"""What migrations build with: a script of statements, a full-text index. Used by store/migrations.py;
by store/dump.py and store/radar.py to fill a full-text index after a bulk import; and by store/radar.py
for the radar index's capture key and facets, which its queries and triggers share.

It imports no other store module (migrations -> schema, never back), so that every module the
migrations need is upstream of the database module that runs them.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from techtime.store.database import Database


def run_script(db: Database, sql: str) -> None:
    """Run the statements one by one: executescript() would COMMIT the migration's transaction."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not statement.strip():
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""


def create_index(db: Database, table: str, columns: Sequence[str]) -> None:
    """An FTS5 index of `columns` of `table` (its rows by id), kept in step by triggers, built from the
    rows already there. sqlite-utils' enable_fts makes the same but cannot ask for prefix indexes, which
    make a keystroke's prefix query sub-millisecond at 100,000 rows. For migrations: names from code only."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    fts = f"{table}_fts"
    for statement in (
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id',"
        " tokenize='porter', prefix='2 3')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN"
        f" INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN"
        f" INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); END",
        # Only when an indexed column changes: a status or a ring changing leaves the index alone.
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {names} ON {table} BEGIN"
        f" INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        f" INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
    ):
        db.conn.execute(statement)


def rebuild_full_text(conn: sqlite3.Connection, table: str) -> None:
    """`table`'s external-content FTS5 index made again from its content, read in rowid order. FTS5's
    own 'rebuild' reads the content in whatever order it comes (the radar's view gives id order, its
    rowids are capture keys) and writes out what it holds each time a rowid goes back: at 100,000 radar
    items, 11.5 s against 4.9 s in order."""
    fts = f"{table}_fts"
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (fts,)).fetchone()[0]
    content = re.search(r"content='([^']+)'", sql)
    key = re.search(r"content_rowid='([^']+)'", sql)
    names = ", ".join(row[1] for row in conn.execute(f"PRAGMA table_info({fts})"))
    if content is None or key is None:  # an index that keeps its own copy of the text
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
        return
    source = _BULK_SOURCES.get(content[1], f"SELECT {key[1]}, {names} FROM {content[1]} ORDER BY {key[1]}")
    conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('delete-all')")
    with filled_in_bulk(conn, fts):
        conn.execute(f"INSERT INTO {fts} (rowid, {names}) {source}")


# FTS5 writes out what it holds (a segment) each time its terms pass `hashsize` bytes, and merges the
# segments `automerge` at a time. For one statement that fills an index, 4 MiB and 8 take a quarter
# less CPU at 100,000 radar items (5.7-6.2 -> 4.2-4.8 s) for ~5 MiB more memory. A write of a few
# rows gains nothing from them, so SQLite's defaults come back after.
_BULK = {"hashsize": 4 * 1024 * 1024, "automerge": 8}
_DEFAULTS = {"hashsize": 1024 * 1024, "automerge": 4}


@contextlib.contextmanager
def filled_in_bulk(conn: sqlite3.Connection, fts: str) -> Iterator[None]:
    """The full-text index `fts` set for a bulk fill while the block runs, in the caller's transaction:
    if the block fails, the rollback takes the settings back with the rows."""
    _configure(conn, fts, _BULK)
    yield
    _configure(conn, fts, _DEFAULTS)


def _configure(conn: sqlite3.Connection, fts: str, settings: dict[str, int]) -> None:
    for name, value in settings.items():
        conn.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES (?, ?)", (name, value))


# The Radar at 100,000 items (issue 18) ---------------------------------------------------------------
#
# Every list the Radar shows is read in one order from an index, a page at a time, whatever the filter.
# The order is an item's capture key: when it was captured, to the second, then its id, as one integer
# (seconds * 2^24 + id; domain.radar.MAX_ITEM_ID keeps ids in the low 24 bits, so the id is the key's
# low bits). The radar's full-text index is keyed by it (FTS5 walks its matches in that order and stops
# at the page's end) and holds, besides the words, one "facet" token per status, ring, quadrant and tag,
# so that every filter is one FTS5 query, its parts intersected by FTS5's own seeks, newest first.

KEY_SCALE = 2**24


def captured_key(alias: str = "") -> str:
    """A radar_item row's capture key as SQL (its columns under `alias`, or new/old in a trigger)."""
    p = f"{alias}." if alias else ""
    return f"(coalesce(CAST(strftime('%s', {p}captured_at) AS INTEGER), 0) * {KEY_SCALE} + {p}id)"


def facets(alias: str = "", *, each: bool = False) -> str:
    """A radar_item row's facet tokens as SQL: see store.search.facet, which makes the same in Python.

    The tags are walked with a recursive count and json_extract: FTS5 reads its content (the view) with
    table-valued functions refused. A statement that reads radar_item itself to fill the index walks
    them with json_each (`each`): 0.9 s against 1.4 s over 100,000 items, token for token the same, as
    the index must match the view it reads back.
    """
    p = f"{alias}." if alias else ""
    tags = f"(CASE WHEN json_valid({p}tags) AND json_type({p}tags) = 'array' THEN {p}tags ELSE '[]' END)"
    if each:
        listed = f"SELECT group_concat(' f' || hex('t' || value) || '0', '') FROM json_each({tags}) WHERE type = 'text'"
    else:
        tag = f"json_extract({tags}, '$[' || n || ']')"
        listed = (
            f"WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n + 1 < json_array_length({tags}))"
            f" SELECT group_concat(' f' || hex('t' || {tag}) || '0', '') FROM i"
            f" WHERE json_type({tags}, '$[' || n || ']') = 'text'"
        )
    return (
        f"('f' || hex('s' || {p}status) || '0 f' || hex('r' || coalesce({p}ring, '')) || '0 f'"
        f" || hex('q' || coalesce({p}quadrant, '')) || '0' || coalesce(({listed}), ''))"
    )


def radar_index_rows(where: str = "") -> str:
    """What a bulk fill puts into the radar's index, in key order: radar_item's rows (as t, `where`
    chosen) read from the table itself, their facets walked with json_each."""
    return (
        f"SELECT {captured_key('t')}, t.title, t.url, t.tags, t.notes, {facets('t', each=True)}"
        f" FROM radar_item t {where} ORDER BY 1"
    )


# Full-text content views that a bulk fill reads another way: the radar's from its table.
_BULK_SOURCES = {"radar_item_search": radar_index_rows()}


def create_radar_index(db: Database) -> None:
    """radar_item's full-text index made again, keyed by the capture key and with its facets; the
    indexes that read the captured, title and ring orders and a status's items in captured order."""
    columns = "title, url, tags, notes, facets"

    def values(row: str) -> str:
        return f"{captured_key(row)}, {row}.title, {row}.url, {row}.tags, {row}.notes, {facets(row)}"

    for statement in (
        "DROP TRIGGER radar_item_ai",
        "DROP TRIGGER radar_item_ad",
        "DROP TRIGGER radar_item_au",
        "DROP TABLE radar_item_fts",
        f"CREATE UNIQUE INDEX radar_item_key ON radar_item ({captured_key()})",
        # FTS5 reads an item's words back through this view, by the key (the index above finds it).
        f"CREATE VIEW radar_item_search AS SELECT {captured_key()} AS item_key, title, url, tags, notes,"
        f" {facets()} AS facets FROM radar_item",
        f"CREATE VIRTUAL TABLE radar_item_fts USING fts5({columns}, content='radar_item_search',"
        " content_rowid='item_key', tokenize='porter', prefix='2 3')",
        f"CREATE TRIGGER radar_item_ai AFTER INSERT ON radar_item BEGIN"
        f" INSERT INTO radar_item_fts (rowid, {columns}) VALUES ({values('new')}); END",
        f"CREATE TRIGGER radar_item_ad AFTER DELETE ON radar_item BEGIN"
        f" INSERT INTO radar_item_fts (radar_item_fts, rowid, {columns}) VALUES ('delete', {values('old')}); END",
        # Not when only read_at, the source or a link to a deep dive changes: nothing indexed does.
        "CREATE TRIGGER radar_item_au AFTER UPDATE OF title, url, tags, notes, status, ring, quadrant, captured_at,"
        f" id ON radar_item BEGIN"
        f" INSERT INTO radar_item_fts (radar_item_fts, rowid, {columns}) VALUES ('delete', {values('old')});"
        f" INSERT INTO radar_item_fts (rowid, {columns}) VALUES ({values('new')}); END",
        "DROP INDEX radar_item_status",
        f"CREATE INDEX radar_item_status ON radar_item (status, {captured_key()})",
        "CREATE INDEX radar_item_title ON radar_item (title COLLATE NOCASE, id)",
        "CREATE INDEX radar_item_ring_order ON radar_item ("
        "CASE ring WHEN 'adopt' THEN 0 WHEN 'trial' THEN 1 WHEN 'assess' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END,"
        " CASE quadrant WHEN 'techniques' THEN 0 WHEN 'platforms' THEN 1 WHEN 'tools' THEN 2"
        " WHEN 'languages-frameworks' THEN 3 ELSE 4 END, title COLLATE NOCASE, id)",
    ):
        db.conn.execute(statement)
    rebuild_full_text(db.conn, "radar_item")
