"""Arbitrary text gives a result or a clean, one-line error: never another exception."""

from __future__ import annotations

from datetime import date

from conftest import NOW, TODAY, new_database
from hypothesis import given, settings
from hypothesis import strategies as st

from techtime.domain.capture import parse_capture
from techtime.domain.dates import parse_date
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.interchange.json_backup import import_json

WORDS = st.sampled_from(
    ["r", "d", "p", "t", "n", "radar", "@dana", "#tag", "ring:", "ring:adopt", "quadrant:tools", "quarter:2027Q1",
     "on:", "on:next", "fri", "in", "3", "days", "min:", "min:90", "https://x.io", '"', "on:\"", "[bold]", "\x1b"]
)  # fmt: skip
CAPTURES = st.one_of(st.text(max_size=200), st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=12).map(" ".join))


def _one_line(error: Exception) -> None:
    assert str(error) and "\n" not in str(error)


@settings(max_examples=400, deadline=None)
@given(CAPTURES, st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_capture_parser_total(text, today):
    try:
        result = parse_capture(text, today)
    except InputError as error:
        _one_line(error)
    else:
        assert result.kind in {"radar", "dive", "pair", "tinker", "note"}


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(["next fri", "in 99999 years", "Feb 30", "31/31/31", "eoq"])))
def test_date_parser_total(text):
    try:
        result = parse_date(text, TODAY)
    except InputError as error:
        _one_line(error)
    else:
        assert isinstance(result, date)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_quarter_parser_total(text):
    try:
        Quarter.parse(text)
    except InputError as error:
        _one_line(error)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=100), JSON_VALUES.map(lambda v: __import__("json").dumps(
    {"format": "techtime", "version": 1, "tables": v}))))  # fmt: skip
def test_json_importer_total(tmp_path_factory, empty_template, text):
    db = new_database(empty_template, tmp_path_factory.mktemp("prop") / "t.db")
    before = {table: db.scalar(f"SELECT count(*) FROM {table}") for table in ("practice", "person", "radar_item")}
    try:
        import_json(db, text, NOW)
    except InputError as error:
        _one_line(error)
        after = {table: db.scalar(f"SELECT count(*) FROM {table}") for table in before}
        assert after == before  # all or nothing: even the seeds it would replace are still there
    finally:
        db.close()
