"""Every reading-list importer, fed arbitrary text: a summary or a clean one-line error, never a crash,
and never half an import."""

from __future__ import annotations

import contextlib

from conftest import NOW, TODAY, new_database
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from techtime.errors import InputError
from techtime.interchange.bookmarks import import_html
from techtime.interchange.byor import import_csv as import_byor
from techtime.interchange.pocket import import_csv as import_pocket
from techtime.store.database import open_database

CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["https://example.com/a", "javascript:alert(1)", "Adopt", "Trial", "Tools", "1700000000",
                     "a|b", '"', "", "\x1b[2J", "&amp;", "&#0;", "TRUE"]),
)  # fmt: skip
CSV_TEXT = st.lists(st.lists(CELLS, min_size=1, max_size=7).map(",".join), max_size=6).map("\n".join)
POCKET = CSV_TEXT.map(lambda body: "title,url,time_added,cursor,tags,status\n" + body)
BYOR = CSV_TEXT.map(lambda body: "name,ring,quadrant,isNew,status,description\n" + body)
HTML_BITS = st.sampled_from(
    ["<DT><A HREF=\"https://example.com/x\" ADD_DATE=\"1700000000\">x</A>", "<DL><p>", "</DL><p>", "<H3>Folder</H3>",
     "<DT><A HREF=\"javascript:x\">bad</A>", "<A HREF=", "&amp;", "<DT><A ADD_DATE=\"x\">no link</A>", "\x00", "é"]
)  # fmt: skip
HTML = st.lists(st.one_of(HTML_BITS, st.text(max_size=10)), max_size=15).map(
    lambda parts: "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n" + "".join(parts)
)


def _check(tmp_path_factory, template, importer, text) -> None:
    db = new_database(template, tmp_path_factory.mktemp("import") / "t.db")
    try:
        before = db.scalar("SELECT count(*) FROM radar_item")
        try:
            summary = importer(db, text, NOW)
        except InputError as error:
            assert str(error) and "\n" not in str(error)
            assert db.scalar("SELECT count(*) FROM radar_item") == before  # all or nothing
        else:
            assert isinstance(summary, str) and summary
            assert db.scalar("PRAGMA foreign_key_check") is None
    finally:
        with contextlib.suppress(Exception):
            db.close()


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.one_of(st.text(max_size=200), HTML))
def test_bookmarks_importer_total(tmp_path_factory, empty_template, text):
    _check(tmp_path_factory, empty_template, import_html, text)


@SETTINGS
@given(st.one_of(st.text(max_size=200), POCKET))
def test_pocket_importer_total(tmp_path_factory, empty_template, text):
    _check(tmp_path_factory, empty_template, import_pocket, text)


@SETTINGS
@given(st.one_of(st.text(max_size=200), BYOR))
def test_radar_csv_importer_total(tmp_path_factory, empty_template, text):
    _check(tmp_path_factory, empty_template, import_byor, text)


# A valid export with one field changed: refused with exit 2 (nothing imported), or imported, and then
# every command that reads it works (issue 16: "lots" hours, a rule with markup, "someday" as a date...
# crashed the report, the exports and the screens).

import io  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
from contextlib import redirect_stderr, redirect_stdout  # noqa: E402

import pytest  # noqa: E402
from conftest import make_app  # noqa: E402

from techtime.cli import main  # noqa: E402
from techtime.interchange import json_backup  # noqa: E402
from techtime.services.demo import populate  # noqa: E402

ACCEPTED: list[str] = []  # mutated exports that were imported, for the screen tour below


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutations")
    empty = folder / "empty.db"
    open_database(empty, today=TODAY).close()
    demo = open_database(folder / "demo.db", today=TODAY)
    populate(demo, TODAY)
    text = json_backup.export_json(demo, TODAY)
    demo.close()
    return folder, empty, json.loads(text)


SAMPLES = [
    "", " ", "lots", "someday", "1900-01-01", "9998-12-31", "2026-02-29", "2028-02-29", "0001-01-01",
    "2026-11-26T09:30:00+01:00", "2026-11-26 09:30:00", "9998-12-31T23:59:59+14:00", "1900-01-01T00:00:00-12:00",
    "2026Q4", "9998Q4", "1900Q1", "2026Q5", "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=SOMETIMES;X=[bold]", "FREQ=WEEKLY;INTERVAL=1000", "javascript:alert(1)",
    "https://example.com/x?a=1#frag", "http://localhost:1/", "planned", "done", "skipped", "inbox", "archived",
    "adopt", "hold", "tools", "languages-frameworks", "dropped", "[bold]x[/]", "[@click=app.quit]q[/]",
    "\x1b[2J\x1b]52;c;aGk=\x07", "a\u202eb", "x" * 5000, "line\nbreak", "#tag", "dana", "@dana", '{"a": 1}', "4",
]  # fmt: skip
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-2, max_value=2000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(SAMPLES),
    st.lists(st.sampled_from(["ok", "Two Words", "#x", "", "a.b", 1]), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _similar(original: object) -> st.SearchStrategy[object]:
    """A value of the same kind as the original: more of these get in, and then must work everywhere."""
    if isinstance(original, bool):
        return st.booleans()
    if isinstance(original, int):
        return st.integers(min_value=0, max_value=5000)
    if isinstance(original, float):
        return st.floats(min_value=0, max_value=10_000, allow_nan=False)
    if isinstance(original, list):
        return st.lists(st.sampled_from(["ok", "a.b", "c++", "x-y", "日本"]), max_size=3, unique=True)
    if isinstance(original, str):
        return st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(SAMPLES), st.just(original + " [b]x"))
    return st.one_of(st.none(), st.sampled_from(SAMPLES))


def _quiet(*argv: str) -> int:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return main(list(argv))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_changed_field_is_refused_or_everything_still_works(base, data):
    folder, empty, document = base
    tables = [name for name, rows in document["tables"].items() if rows]
    table = data.draw(st.sampled_from(tables), label="table")
    rows = document["tables"][table]
    index = data.draw(st.integers(0, len(rows) - 1), label="record")
    column = data.draw(st.sampled_from(sorted(rows[index])), label="field")
    value = data.draw(st.one_of(_similar(rows[index][column]), VALUES), label="value")
    mutated = json.loads(json.dumps(document))
    mutated["tables"][table][index][column] = value
    source = folder / "mutated.json"
    source.write_text(json.dumps(mutated, ensure_ascii=False), encoding="utf-8")
    target = folder / "target.db"
    for suffix in ("", "-wal", "-shm"):
        (folder / f"target.db{suffix}").unlink(missing_ok=True)
    shutil.copy(empty, target)
    status = _quiet("--db", str(target), "import", str(source))
    assert status in (0, 2), f"import exited {status}"
    if status == 2:
        check = open_database(target, today=TODAY, migrate=False)
        assert check.scalar("SELECT count(*) FROM radar_item") == 0  # nothing imported
        check.close()
        return
    event("imported")
    ACCEPTED.append(source.read_text(encoding="utf-8"))
    assert _quiet("--db", str(target), "today") == 0
    assert _quiet("--db", str(target), "report") == 0
    assert _quiet("--db", str(target), "report", "--week") == 0
    from techtime.cli.export import formats

    for name in sorted(formats()):
        # 2 is "nothing to export" (an empty radar for BYOR); 1 would be a crash.
        assert _quiet("--db", str(target), "export", "--format", name) in (0, 2), name


# Values at the edge of what is accepted, all in one file (a screen tour costs seconds).
EDGES = [
    ("deep_dive", "hours_spent", 10000),
    ("deep_dive", "quarter", "9998Q4"),
    ("pairing_session", "date", "1900-01-01"),
    ("radar_item", "captured_at", "9998-12-31T23:59:59+14:00"),
    ("practice", "rule", "FREQ=MONTHLY;BYMONTHDAY=31"),
    ("person", "start_date", "9998-12-31"),
    ("radar_item", "title", "x" * 5000),
    ("inbox_note", "text", "[bold]x[/] \x1b[2J \u202e"),
]


async def test_the_screens_open_on_accepted_mutations(base, tmp_path):
    """A handful only: one file of edge values, and one the property test above accepted."""
    _, empty, document = base
    edges = json.loads(json.dumps(document))
    for table, column, value in EDGES:
        edges["tables"][table][0][column] = value
    texts = [json.dumps(edges), *ACCEPTED[-1:]]
    toured = 0
    for number, text in enumerate(texts):
        path = tmp_path / f"t{number}.db"
        shutil.copy(empty, path)
        db = open_database(path, today=TODAY)
        try:
            json_backup.import_json(db, text, NOW)
        except InputError:
            db.close()
            continue
        app = make_app(db)
        async with app.run_test(size=(120, 40)) as pilot:
            for keys in (("p",), ("escape", "2"), ("p",), ("escape", "3"), ("v",), ("escape", "t"), ("escape", "4")):
                await pilot.press(*keys)
                await pilot.pause()
            assert app.is_running
            assert not app.unexpected_errors
        db.close()
        toured += 1
    assert toured >= 1  # the edges are meant to be accepted
