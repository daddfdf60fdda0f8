"""Importing 100,000 bookmarks (issue 18): rows in batches, the full-text index filled once, in key order.

SQLite's FTS5 writes a segment for each insert its trigger makes (the trigger's savepoint flushes it),
which made the index 90 % of an import. A bulk insert now fills it in one statement and puts the
trigger back; these tests hold the index to the rows, the trigger to what it was, and the import to
all or nothing and to its dedupe.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW

from techtime.domain.radar import parse_filter
from techtime.interchange.bookmarks import import_html
from techtime.store import radar
from techtime.store.radar import NewItem


def bookmarks(count: int, *, start: int = 0, broken_at: int | None = None) -> str:
    lines = ["<!DOCTYPE NETSCAPE-Bookmark-file-1>", "<DL><p>", '<DT><H3 ADD_DATE="1700000000">Kafka</H3>', "<DL><p>"]
    for n in range(start, start + count):
        added = 1_700_000_000 + (n * 7919) % 100_000  # captured out of order, as a browser's folders are
        lines.append(f'<DT><A HREF="https://example.org/{n}" ADD_DATE="{added}">Page {n} streams</A>')
        if n == broken_at:
            lines.append('<DT><A HREF="https://example.org/x" ADD_DATE="soon">a bad date</A>')
    return "\n".join([*lines, "</DL><p>", "</DL><p>"])


def index_is_whole(db) -> None:
    """FTS5's own check of the index against the rows it was made from (rank 1: read the content too)."""
    with db.transaction() as conn:
        conn.execute("INSERT INTO radar_item_fts (radar_item_fts, rank) VALUES ('integrity-check', 1)")


def trigger(db) -> str:
    return db.scalar("SELECT sql FROM sqlite_master WHERE name = 'radar_item_ai'")


def fts_settings(db) -> dict[str, int]:
    """The index's merge and memory settings, SQLite's defaults where none is stored."""
    stored = dict(db.conn.execute("SELECT k, v FROM radar_item_fts_config WHERE k <> 'version'").fetchall())
    return {"hashsize": 1024 * 1024, "automerge": 4, **stored}


def test_a_bulk_import_fills_the_index_in_one_statement_and_puts_the_trigger_back(db):
    radar.add_item(db, title="Kafka KRaft", tags=("kafka",), now=NOW)
    before = trigger(db)
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    summary = import_html(db, bookmarks(2_000), NOW)
    db.conn.set_trace_callback(None)
    assert summary == "bookmarks: 2,000 added, 0 already present, 0 skipped"
    # A hundred rows a statement: a statement run once a row makes each CHECK's IN list once a row.
    assert len([sql for sql in traced if sql.startswith("INSERT INTO radar_item (")]) == 20
    assert not [sql for sql in traced if sql.startswith("-- TRIGGER radar_item_ai")]  # no row by the trigger
    assert len([sql for sql in traced if sql.startswith("INSERT INTO radar_item_fts (rowid")]) == 1
    bulk = "INSERT INTO radar_item_fts (radar_item_fts, rank) VALUES ('hashsize', 4194304)"
    assert bulk in traced  # the fill ran with the bulk settings,
    assert fts_settings(db) == {"hashsize": 1024 * 1024, "automerge": 4}  # and the defaults came back
    assert trigger(db) == before
    index_is_whole(db)
    found = radar.query_items(db, parse_filter("#kafka stream"), limit=3)
    newest = sorted(range(2_000), key=lambda n: ((n * 7919) % 100_000, n), reverse=True)[:3]
    assert [item.title for item in found] == [f"Page {n} streams" for n in newest]
    assert radar.count_items(db, parse_filter("#kafka")) == 2_001
    radar.add_item(db, title="after the import", tags=("kafka",), now=NOW)  # the trigger works again
    assert radar.count_items(db, parse_filter("#kafka after")) == 1
    index_is_whole(db)


def test_a_file_that_fails_halfway_leaves_nothing_and_the_trigger_in_place(db):
    before = trigger(db)
    with pytest.raises(Exception, match="ADD_DATE 'soon'"):
        import_html(db, bookmarks(1_500, broken_at=1_200), NOW)
    assert radar.count_all(db) == 0 and trigger(db) == before
    assert fts_settings(db) == {"hashsize": 1024 * 1024, "automerge": 4}
    with pytest.raises(Exception, match="UNIQUE"), db.transaction():
        radar.add_items(db, [NewItem(title="twice", url="https://example.org/same", captured_at=NOW)] * 2, now=NOW)
    assert radar.count_all(db) == 0 and trigger(db) == before
    index_is_whole(db)


def test_importing_again_adds_nothing_and_a_larger_file_adds_only_the_new(db):
    import_html(db, bookmarks(1_000), NOW)
    assert import_html(db, bookmarks(1_000), NOW) == "bookmarks: 0 added, 1,000 already present, 0 skipped"
    assert import_html(db, bookmarks(1_500), NOW) == "bookmarks: 500 added, 1,000 already present, 0 skipped"
    assert radar.count_all(db) == 1_500
    index_is_whole(db)


def test_items_placed_on_the_radar_keep_their_first_move_in_a_bulk_add(db):
    items = [
        NewItem(title=f"Item {n}", captured_at=NOW - timedelta(days=n), ring="trial" if n % 3 == 0 else None,
                quadrant="tools" if n % 3 == 0 else None, read_at=NOW if n % 2 else None)
        for n in range(30)
    ]  # fmt: skip
    radar.add_items(db, items, now=NOW)
    placed = radar.query_items(db, parse_filter("ring:trial quadrant:tools"), limit=100)
    assert len(placed) == 10 and all(radar.moves(db, [item.id]) for item in placed)
    assert radar.count_items(db, parse_filter("item")) == 30
    index_is_whole(db)


def indexes(db) -> list[tuple[str, str]]:
    return [tuple(row) for row in db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")]


def test_a_large_import_builds_the_plain_indexes_again_as_they_were_and_a_failure_keeps_them(db):
    before = indexes(db)
    with pytest.raises(Exception, match="ADD_DATE 'soon'"):
        import_html(db, bookmarks(6_000, broken_at=5_900), NOW)
    assert radar.count_all(db) == 0 and indexes(db) == before
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    assert import_html(db, bookmarks(6_000), NOW) == "bookmarks: 6,000 added, 0 already present, 0 skipped"
    db.conn.set_trace_callback(None)
    assert [sql for sql in traced if sql.startswith("DROP INDEX")]  # they were dropped, and are back:
    assert indexes(db) == before
    assert db.scalar("PRAGMA integrity_check") == "ok"
    index_is_whole(db)
    # A smaller import into the larger table keeps its indexes: one B-tree insert per row.
    traced.clear()
    db.conn.set_trace_callback(traced.append)
    assert import_html(db, bookmarks(5_000, start=6_000), NOW).startswith("bookmarks: 5,000 added")
    db.conn.set_trace_callback(None)
    assert not [sql for sql in traced if sql.startswith("DROP INDEX")] and indexes(db) == before
