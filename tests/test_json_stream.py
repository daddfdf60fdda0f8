"""The JSON export at 100,000 items (issue 18): written a row at a time, the same bytes as before.

The export used to be one json.dumps(indent=2) of the whole database: its Python encoder (indent turns
the C one off) and every row in memory at once (560 MiB at 100k). Now rows are written as they are
read; these tests hold the text to what that json.dumps gives, the memory to a size that does not
grow with the rows, and the export to one moment of the database.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import tracemalloc
from datetime import timedelta

from conftest import NOW, TODAY, run_cli
from hypothesis import given
from hypothesis import strategies as st

from techtime import areas
from techtime.interchange import json_backup
from techtime.store import dump, radar
from techtime.store.database import open_database
from techtime.store.radar import NewItem


def as_one_document(db) -> str:
    """What export_json wrote before it streamed: the whole document, then json.dumps with indent=2."""
    tables = {}
    for table in areas.tables():
        names = json_backup._columns(db, table)
        tables[table.name] = [json_backup._to_json(table, row) for row in dump.all_rows(db, table.name, names)]
    document = {"format": json_backup.FORMAT, "version": json_backup.VERSION, "tables": tables}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def streamed(db) -> str:
    return "".join(json_backup.stream_json(db, TODAY))


def test_the_streamed_export_is_byte_for_byte_the_one_document(demo_db):
    assert streamed(demo_db) == as_one_document(demo_db)
    assert json_backup.export_json(demo_db, TODAY) == as_one_document(demo_db)


def test_awkward_values_are_written_as_json_dumps_writes_them(db):
    odd = 'quote " back \\ tab \t newline \n bell \x07 é 中 😀 \u2028 </script>'
    radar.add_item(db, title=odd, url='https://example.com/é?q="1"', tags=("c++", "é", 'say-"hi"'), notes=odd, now=NOW)
    radar.add_item(db, title="no tags", now=NOW)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('x', ?)", (json.dumps({"n": [1, 2.5, None, {"é": []}], "e": {}}),)
        )
    assert streamed(db) == as_one_document(db)


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
)


@given(st.dictionaries(st.text(min_size=1), values, max_size=5))
def test_a_row_is_laid_out_as_json_dumps_with_indent_2_lays_it_out(row):
    # A row stands in a table's list of the document: its lines at depth 3, six spaces.
    assert json_backup._row_text(row) == json.dumps(row, indent=2, ensure_ascii=False).replace("\n", "\n      ")


def fill(db, count: int) -> None:
    items = [
        NewItem(title=f"Item {i} kafka", url=f"https://example.com/{i}", captured_at=NOW - timedelta(minutes=i),
                tags=("even",) if i % 2 else ("odd", "kafka"), notes="notes " * 10)
        for i in range(count)
    ]  # fmt: skip
    radar.add_items(db, items, now=NOW)


def peak_while_streaming(db) -> int:
    """As the command line runs it: without the cycle collector (techtime.cli.main), so that garbage
    left in cycles (json's Python encoder leaves one a call) counts too."""
    gc.disable()
    tracemalloc.start()
    try:
        for _ in json_backup.stream_json(db, TODAY):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        gc.enable()


def test_memory_does_not_grow_with_the_rows(tmp_path):
    peaks = {}
    for count in (1_000, 8_000):
        db = open_database(tmp_path / f"{count}.db", today=TODAY)
        fill(db, count)
        peaks[count] = peak_while_streaming(db)
        db.close()
    # One document of 8,000 items held 8x the memory of 1,000 (a few MB here); streamed, about the same.
    assert peaks[8_000] < 1.5 * peaks[1_000] + 200_000, peaks


def test_an_export_is_of_one_moment_while_another_process_writes(db):
    fill(db, 300)
    pieces = json_backup.stream_json(db, TODAY)
    head = [next(pieces) for _ in range(5)]
    other = sqlite3.connect(db.filename, isolation_level=None)
    other.execute("PRAGMA busy_timeout = 5000")
    other.execute(
        "INSERT INTO radar_item (title, status, captured_at, updated_at, tags) VALUES ('late', 'inbox', ?, ?, '[]')",
        (NOW.isoformat(sep=" "), NOW.isoformat(sep=" ")),
    )
    other.close()
    document = json.loads("".join([*head, *pieces]))
    assert len(document["tables"]["radar_item"]) == 300
    assert "late" in json_backup.export_json(db, TODAY)


def test_the_command_writes_the_same_bytes_to_a_file_and_to_stdout(demo_db, tmp_path):
    target = tmp_path / "out.json"
    expected = as_one_document(demo_db)
    demo_db.close()
    path = demo_db.path
    assert run_cli("export", "--format", "json", "-o", str(target), db_path=path).returncode == 0
    shown = run_cli("export", "--format", "json", db_path=path)
    assert shown.returncode == 0
    assert target.read_text(encoding="utf-8") == shown.stdout == expected
