"""The quick tests the JSON import runs on each record before the forms' rules (issue 18: 100,000 radar
items). They may only add speed: a value the quick test passes is one check_value accepts, a bad record
deep in a large file is refused by name as before, and the indexes an import makes at the end are the
ones a new database has."""

from __future__ import annotations

import json
import math

import pytest
from conftest import NOW, TODAY, new_database
from hypothesis import given, settings
from hypothesis import strategies as st

from techtime import areas
from techtime.domain import checks
from techtime.errors import InputError
from techtime.interchange import json_backup
from techtime.interchange.json_backup import export_json, import_json
from techtime.services.demo import populate
from techtime.store import radar
from techtime.store.database import open_database

COLUMNS = [
    (f"{table.name}.{name}", name, column)
    for table in areas.tables()
    for name, column in json_backup.columns_of(table).items()
]
# Near misses of each kind next to plain valid values: the quick tests' edges.
STRINGS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "https://example.com/a",
            "HTTPS://EXAMPLE.COM",
            "http://a.b/x?y#z",
            "https://",
            "https:///x",
            "http://-",
            "javascript:alert(1)",
            "https://example.com/\x7f",
            "https://ex ample.com",
            " https://example.com",
            "-https://x",
            "https://exa_mple.com/",
            "https://[::1]/",
            "https://example.com:99999/",
            "ftp://x.y",
            "2026-11-26",
            "2026-02-30",
            "1899-12-31",
            "9999-01-01",
            "２０２６-11-26",
            "20261126",
            "2026-W01-1",
            "2026-11-26 09:30:00",
            "2026-11-26 09:30:00.123456",
            "2026-11-26 24:00:00",
            "2026-11-26T09:30:00",
            "1899-12-31 23:59:59",
            "0999-01-01 00:00:00",
            "2026Q4",
            "2026Q5",
            "1899Q1",
            "dana",
            "@dana",
            "da na",
            "FREQ=WEEKLY",
            "  ",
            "",
            "\n",
            "a\nb",
            "a\rb",
            "adopt",
            "Adopt",
            "inbox",
            "pairing",
            "[]",
            "{",
            "1",
        ]
    ),
)
TAGS = st.lists(
    st.one_of(st.sampled_from(["kafka", "Kafka", "#kafka", "k a", "", "x" * 101, "rust", "ünï", "a\u00a0b"]), STRINGS),
    max_size=4,
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2**64),
    st.sampled_from([0, 1, 49, 50, 99, 100, 2**53 - 1, 2**53, 0.5, -0.0, 1e9, math.inf, -math.inf, math.nan]),
    st.floats(allow_nan=True),
    STRINGS,
    TAGS,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(COLUMNS), VALUES)
def test_a_value_the_quick_test_passes_is_one_check_value_accepts(column, value):
    _where, name, rule = column
    if checks.value_test(name, rule)(value):
        checks.check_value(name, rule, value)  # raises if the quick test let a bad value through


@pytest.mark.parametrize(
    ("name", "column", "value"),
    [
        ("url", checks.Column("url", nullable=True), "https://example.com/16/0.17?q=1#top"),
        ("tags", checks.TAGS, ["kafka", "site-reliability", "c++"]),
        ("when", checks.time_column("t"), "2026-11-26 09:30:00"),
        ("day", checks.date_column("d"), "2026-11-26"),
        ("id", checks.id_column(), 7),
        ("hours", checks.Column("number", high=10_000), 2.5),
        ("title", checks.text_column(blank=False), "Kafka"),
        ("status", checks.enum_column(("inbox", "read")), "read"),
    ],
)
def test_the_common_valid_value_takes_the_quick_way(name, column, value):
    assert checks.value_test(name, column)(value)


@pytest.fixture(scope="module")
def large_export(tmp_path_factory, empty_template) -> str:
    """The demo and 700 more items, exported once for the module: the tests only read it."""
    db = new_database(empty_template, tmp_path_factory.mktemp("large") / "large.db")
    populate(db, TODAY)
    for n in range(700):
        radar.add_item(db, title=f"Item {n}", url=f"https://example.com/{n}", tags=("kafka", f"t{n % 7}"), now=NOW)
    text = export_json(db, TODAY)
    db.close()
    return text


def test_a_clean_file_never_needs_the_slow_way(large_export, tmp_path, monkeypatch):
    slow: list[object] = []
    real = checks.check_columns
    monkeypatch.setattr(checks, "check_columns", lambda *args: slow.append(args) or real(*args))
    target = open_database(tmp_path / "new.db", today=TODAY)
    import_json(target, large_export, NOW)
    assert slow == []
    assert export_json(target, TODAY) == large_export
    target.close()


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("url", "javascript:alert(1)", "url 'javascript:alert(1)' is not accepted: an http:// or https:// link"),
        ("url", "https://exa mple.com/", "url 'https://exa mple.com/' is not accepted: an http:// or https:// link"),
        ("tags", ["kafka", "Kafka"], "tags ['kafka', 'Kafka'] is not accepted: tags in lower case"),
        ("tags", ["kafka", "kafka"], "tags ['kafka', 'kafka'] is not accepted: each tag once"),
        ("captured_at", "2026-02-30T09:00:00+00:00", "captured_at '2026-02-30T09:00:00+00:00' is not accepted"),
        ("status", "Read", "status 'Read' is not accepted: one of inbox"),
        ("title", " ", "title ' ' is not accepted: some text"),
        ("id", True, "id True is not accepted: a whole number"),
        ("source", "a\nb", "source 'a\\nb' is not accepted: one line"),
        ("dive_id", 999_999, "dive_id 999999 is not the id of a deep_dive record in this file"),
    ],
)
def test_a_bad_value_deep_in_a_large_file_is_refused_by_name(large_export, tmp_path, column, value, expected):
    document = json.loads(large_export)
    items = document["tables"]["radar_item"]
    number = len(items) - 3
    item = items[number - 1]
    item[column] = value
    target = open_database(tmp_path / "new.db", today=TODAY)
    with pytest.raises(InputError) as refused:
        import_json(target, json.dumps(document), NOW)
    shown_id = checks.shown(item["id"])
    assert str(refused.value).startswith(f"radar_item record {number} (id {shown_id}): {expected}")
    assert "\n" not in str(refused.value)
    assert radar.count_all(target) == 0
    assert target.scalar("SELECT count(*) FROM deep_dive") == 0  # the tables before it too: all or nothing
    target.close()


def _indexes(db) -> list[tuple[str, str]]:
    return db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


def test_the_indexes_made_at_the_end_are_a_new_databases_and_a_refused_file_keeps_them(large_export, tmp_path):
    fresh = open_database(tmp_path / "fresh.db", today=TODAY)
    expected = _indexes(fresh)
    fresh.close()
    target = open_database(tmp_path / "new.db", today=TODAY)
    document = json.loads(large_export)
    document["tables"]["radar_item"][-1]["url"] = document["tables"]["radar_item"][0]["url"]  # the unique index
    with pytest.raises(InputError, match="UNIQUE"):
        import_json(target, json.dumps(document), NOW)
    assert _indexes(target) == expected
    import_json(target, large_export, NOW)
    assert _indexes(target) == expected
    assert target.scalar("PRAGMA integrity_check") == "ok"
    plan = target.conn.execute("EXPLAIN QUERY PLAN SELECT id FROM radar_item WHERE captured_at > '2026'").fetchall()
    assert "radar_item_captured" in " ".join(str(step[-1]) for step in plan)
    target.close()
