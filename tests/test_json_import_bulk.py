"""Importing the JSON export at 100,000 items (issue 18): a table's rows in one executemany a run.

Each row had its savepoint, its INSERT and its release (53,515 statements for 17,822 rows), and each
insert its full-text trigger, which SQLite's FTS5 turns into a segment of the index per row. The rows
now go in a run at a time and every index is made once at the end; every check still applies, a bad
record is still refused by name, and nothing is half imported.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import NOW, TODAY

from techtime import areas
from techtime.domain.radar import parse_filter
from techtime.errors import InputError
from techtime.interchange.json_backup import export_json, import_json
from techtime.store import radar, schema
from techtime.store.database import open_database


@pytest.fixture
def exported(demo_db) -> str:
    for n in range(600):  # more than one run of rows
        radar.add_item(demo_db, title=f"Item {n} kafka", url=f"https://example.com/{n}", tags=("kafka",), now=NOW)
    return export_json(demo_db, TODAY)


def indexes_are_whole(db) -> None:
    """FTS5's own check of each index against the rows it was made from."""
    with db.transaction() as conn:
        for table in areas.tables():
            if table.searched:
                conn.execute(f"INSERT INTO {table.name}_fts ({table.name}_fts, rank) VALUES ('integrity-check', 1)")


def indexes(db) -> list[tuple[str, str]]:
    return [tuple(row) for row in db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")]


def test_rows_go_in_a_run_at_a_time_and_the_indexes_are_made_once(exported, tmp_path):
    target = open_database(tmp_path / "new.db", today=TODAY)
    before = indexes(target)
    traced: list[str] = []
    target.conn.set_trace_callback(traced.append)
    rows = sum(len(table) for table in json.loads(exported)["tables"].values())
    assert import_json(target, exported, NOW) == f"imported {rows} rows"
    target.conn.set_trace_callback(None)
    savepoints = [sql for sql in traced if sql.startswith("SAVEPOINT")]
    assert len(savepoints) < rows / 10, len(savepoints)  # a few a table, not one a row
    inserts = [sql for sql in traced if sql.startswith("INSERT INTO radar_item (")]
    assert len(inserts) == 7, len(inserts)  # 100 rows a statement (602 items), not one statement a row
    assert not [sql for sql in traced if sql.startswith("-- TRIGGER") and sql.endswith("_ai")]
    assert export_json(target, TODAY) == exported  # the round trip, byte for byte
    # The capture key's unique index is made at the end like the plain ones: no row can break it.
    assert 'DROP INDEX "radar_item_key"' in traced and indexes(target) == before
    assert target.scalar("PRAGMA integrity_check") == "ok"
    indexes_are_whole(target)
    radar.add_item(target, title="after the import", now=NOW)  # the triggers are back
    assert [item.title for item in radar.query_items(target, radar.RadarFilter(text="after"))] == ["after the import"]
    indexes_are_whole(target)
    target.close()


def test_a_row_the_database_refuses_is_named_and_nothing_is_imported(exported, tmp_path):
    document = json.loads(exported)
    items = document["tables"]["radar_item"]
    items[550]["url"] = items[3]["url"]  # two items with one link: the unique index refuses it
    target = open_database(tmp_path / "new.db", today=TODAY)
    with pytest.raises(InputError, match=rf"radar_item record with id {items[550]['id']} cannot be imported: UNIQUE"):
        import_json(target, json.dumps(document), NOW)
    assert radar.count_all(target) == 0
    assert target.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_ai'") >= 6
    indexes_are_whole(target)
    target.close()


def test_the_radars_index_is_written_in_key_order_not_once_per_item_captured_out_of_id_order(demo_db, tmp_path):
    """FTS5 writes out what it holds (a segment) each time a rowid goes back. The radar's rowids are
    capture keys, so items captured in another order than their ids are read in key order: FTS5's own
    'rebuild' read them in id order and wrote a segment per step back (11.5 s against 4.9 s at 100k)."""
    for n in range(300):  # each newer id captured earlier than the one before
        radar.add_item(demo_db, title=f"Item {n} kafka", url=f"https://example.com/{n}", now=NOW - timedelta(hours=n))
    target = open_database(tmp_path / "new.db", today=TODAY)
    traced: list[str] = []
    target.conn.set_trace_callback(traced.append)
    import_json(target, export_json(demo_db, TODAY), NOW)
    target.conn.set_trace_callback(None)
    pages = [sql for sql in traced if sql.startswith("-- INSERT INTO 'main'.'radar_item_fts_idx'")]
    assert 0 < len(pages) < 60, len(pages)  # pages of a few segments; read in id order: 415
    indexes_are_whole(target)
    assert len(radar.query_items(target, radar.RadarFilter(text="kafka"), limit=1000)) >= 300
    target.close()


def test_the_bulk_fill_gives_the_facets_the_index_reads_back_whatever_the_tags_hold(db, tmp_path):
    """A bulk fill reads the facets from radar_item with json_each; FTS5 reads them back through the view,
    which walks the tags another way (it may not use json_each). Token for token the same, or the index
    does not match its content, for any tags a file or an old version left in the column."""
    odd = ["[]", '["kafka"]', '["a", "a", "A"]', '["émoji 🚀", "two words", ""]',
           '[1, "n", null, true, ["x"], {"k": 2}]', "not json", '{"a": "b"}', '"text"', "", "[[]]"]  # fmt: skip
    for n, tags in enumerate(odd):
        item = radar.add_item(db, title=f"Item {n}", ring="trial" if n % 2 else None, now=NOW - timedelta(hours=n))
        with db.transaction() as conn:
            conn.execute("UPDATE radar_item SET tags = ? WHERE id = ?", (tags, item))
    view = db.rows("SELECT item_key, facets FROM radar_item_search ORDER BY item_key")
    bulk = db.rows(f"SELECT {schema.captured_key()}, {schema.facets(each=True)} FROM radar_item ORDER BY 1")
    assert [tuple(row) for row in bulk] == [tuple(row) for row in view] and len(view) == len(odd)
    with db.transaction() as conn:
        schema.rebuild_full_text(conn, "radar_item")
    indexes_are_whole(db)
    assert radar.count_items(db, parse_filter("#a")) == 1 and radar.count_items(db, parse_filter("#n")) == 1
