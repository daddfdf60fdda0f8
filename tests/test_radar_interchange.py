"""Radar interchange: build-your-own-radar CSV/JSON, bookmark HTML and Pocket CSV, in and out."""

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import NOW, TODAY, run_cli

from techtime.cli.progress import ProgressBar
from techtime.domain.radar import QUADRANT_LABELS, RING_LABELS, RadarFilter
from techtime.errors import InputError
from techtime.interchange import bookmarks, byor, pocket
from techtime.store import radar
from techtime.store.database import open_database

DATA = Path(__file__).parent / "data" / "radar"


def everything(db):
    return radar.query_items(db, RadarFilter(), sort="title", limit=10_000)


def by_title(db):
    return {item.title: item for item in everything(db)}


def epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


# Build your own radar ---------------------------------------------------------------------------


def test_radar_csv_has_byor_columns_and_only_placed_items(demo_db):
    rows = list(csv.reader(io.StringIO(byor.export_csv(demo_db, TODAY))))
    assert rows[0] == ["name", "ring", "quadrant", "isNew", "status", "description"]
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    placed = radar.placed_items(demo_db)
    assert len(records) == len(placed) == 14
    for record in records:
        assert record["ring"] in RING_LABELS.values()
        assert record["quadrant"] in QUADRANT_LABELS.values()
        assert record["status"] in ("New", "Moved In", "Moved Out", "No Change")
        assert record["isNew"] == ("TRUE" if record["status"] == "New" else "FALSE")
    by_name = {record["name"]: record for record in records}
    # The demo's history: Backstage went trial -> hold this quarter, Kotlin trial -> adopt.
    assert by_name["Backstage software catalog"]["status"] == "Moved Out"
    assert by_name["Kotlin coroutines"]["ring"] == "Adopt"
    assert by_name["Kotlin coroutines"]["status"] == "Moved In"
    assert by_name["Temporal for durable workflows"]["status"] == "New"
    assert by_name["Architecture decision records"]["status"] == "No Change"
    assert by_name["Temporal for durable workflows"]["description"] == (
        '<a href="https://temporal.io/">https://temporal.io/</a>'
    )
    assert "TigerBeetle financial database" not in by_name  # bookmarked, not placed


def test_radar_json_is_a_list_of_string_values(demo_db):
    records = json.loads(byor.export_json(demo_db, TODAY))
    assert len(records) == 14
    for record in records:
        assert list(record) == list(byor.HEADER)
        assert all(isinstance(value, str) for value in record.values())
    assert {r["isNew"] for r in records} == {"TRUE", "FALSE"}


def test_radar_csv_round_trip_into_an_empty_database_and_back(demo_db, tmp_path):
    radar.update_item(
        demo_db,
        radar.find_by_url(demo_db, "https://duckdb.org/").id,
        notes='Fast, "in-process", columnar.\nSecond line, with a comma',
        now=NOW,
    )
    exported = byor.export_csv(demo_db, TODAY)
    fresh = open_database(tmp_path / "fresh.db", today=TODAY)
    summary = byor.import_csv(fresh, exported, NOW)
    assert summary == "radar CSV: 14 added, 0 already present, 0 skipped"
    again = list(csv.DictReader(io.StringIO(byor.export_csv(fresh, TODAY))))
    original = list(csv.DictReader(io.StringIO(exported)))
    same = ("name", "ring", "quadrant", "description")
    assert [[row[k] for k in same] for row in again] == [[row[k] for k in same] for row in original]
    # Everything is new on the radar it was just imported into.
    assert {(row["status"], row["isNew"]) for row in again} == {("New", "TRUE")}
    duckdb = radar.find_by_url(fresh, "https://duckdb.org")
    assert (duckdb.notes, duckdb.status, duckdb.source) == (
        'Fast, "in-process", columnar.\nSecond line, with a comma',
        "read",
        "radar-csv",
    )
    assert byor.import_csv(fresh, exported, NOW) == "radar CSV: 0 added, 14 already present, 0 skipped"
    fresh.close()


def test_radar_csv_from_elsewhere_matches_by_name_without_links(db):
    text = (
        "name,ring,quadrant,isNew,status,description\n"
        "Dagger,trial,tools,TRUE,New,<p>CI as code</p>\n"
        "Zig,Hold,Languages & Frameworks,FALSE,No Change,\n"
        "dagger,Assess,Tools,TRUE,New,the same name again\n"
        "Dagger,trial,tools,TRUE,New,<p>CI as code</p>\n"
    )
    # Rows are told apart by name and description: the last row repeats the first.
    assert byor.import_csv(db, text, NOW) == (
        "radar CSV: 3 added, 0 already present, 1 skipped (1 repeated in the file)"
    )
    items = {(item.title, item.ring): item for item in everything(db)}
    assert (items["Dagger", "trial"].quadrant, items["Dagger", "trial"].notes) == ("tools", "CI as code")
    assert items["dagger", "assess"].notes == "the same name again"
    assert items["Zig", "hold"].quadrant == "languages-frameworks"
    assert byor.import_csv(db, text, NOW).startswith("radar CSV: 0 added, 3 already present")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,ring\nx,adopt\n", "needs name,ring,quadrant"),
        ("name,ring,quadrant\nA,Adopt,Tools\nB,Maybe,Tools\n", "line 3: unknown ring 'Maybe'"),
        ("name,ring,quadrant\nA,Adopt,Databases\n", "line 2: unknown quadrant 'Databases'"),
        ("name,ring,quadrant\n  ,Adopt,Tools\n", "line 2: the name is empty"),
        ("name,ring,quadrant\nA,Adopt,Tools,extra\n", "line 2: expected 3 values"),
        ('name,ring,quadrant\nA,Adopt,"Tools\n', "line 2"),
    ],
)
def test_a_malformed_radar_csv_is_refused_whole_naming_the_line(db, text, message):
    with pytest.raises(InputError, match=message):
        byor.import_csv(db, text, NOW)
    assert radar.count_all(db) == 0


# Bookmarks ---------------------------------------------------------------------------------------

CHROME = (DATA / "chrome-bookmarks.html").read_text(encoding="utf-8")

FIREFOX = (DATA / "firefox-bookmarks.html").read_text(encoding="utf-8")


def test_chrome_export_folders_become_tags_entities_decoded_awkward_links_skipped(db):
    summary = bookmarks.import_html(db, CHROME, NOW)
    assert summary == ("bookmarks: 4 added, 0 already present, 3 skipped (2 not a web link, 1 repeated in the file)")
    items = by_title(db)
    temporal = items["Temporal & durable <workflows>"]
    assert (temporal.url, temporal.tags, temporal.status, temporal.source) == (
        "https://temporal.io/",
        (),
        "inbox",
        "bookmarks",
    )
    assert temporal.captured_at == datetime.fromtimestamp(1700000100).isoformat(sep=" ")
    duckdb = items["DuckDB – “in-process” analytics"]
    assert duckdb.tags == ("tech-radar", "data-platforms")
    kafka = items["https://kafka.apache.org/"]  # no title: the link stands in
    assert kafka.tags == ("tech-radar",)
    assert items["日本語のページ [bold]x[/]"].tags == ()
    assert "Bookmarklet" not in items and "Option-like" not in items


def test_firefox_export_reads_tags_descriptions_and_microsecond_dates(db):
    assert (
        bookmarks.import_html(db, FIREFOX, NOW) == "bookmarks: 3 added, 0 already present, 1 skipped (1 not a web link)"
    )
    items = by_title(db)
    mesh = items["Data Mesh Principles"]
    assert mesh.tags == ("reading", "data", "architecture")
    assert mesh.notes == "Domain ownership & data as a product.\nSecond line."
    assert mesh.captured_at == datetime.fromtimestamp(1690000100).isoformat(sep=" ")
    assert items["Implementing SLOs"].notes == ""  # the folder's description is not the link's
    assert items["htmx"].captured_at == "2026-11-26 09:30:00"  # ADD_DATE 0: unknown, so now
    assert items["htmx"].tags == ()


def test_importing_the_same_bookmarks_twice_adds_nothing_twice(db):
    bookmarks.import_html(db, CHROME, NOW)
    count = radar.count_all(db)
    # The link that was repeated in the file is now simply already present.
    assert bookmarks.import_html(db, CHROME, NOW) == (
        "bookmarks: 0 added, 5 already present, 2 skipped (2 not a web link)"
    )
    assert radar.count_all(db) == count


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('ADD_DATE="1700000200"', 'ADD_DATE="yesterday"'), "line 16: ADD_DATE 'yesterday' is not a Unix time"),
        (
            ('<DT><H3 ADD_DATE="1700000000">Empty folder</H3>\n            <DL><p>', ""),
            "line 30: </DL> closes a folder",
        ),
        (("analytics</A>", "analytics"), "line 16: the link is never closed"),
    ],
)
def test_a_malformed_bookmarks_file_is_refused_whole_naming_the_line(db, change, message):
    radar.add_item(db, title="already here", now=NOW)
    with pytest.raises(InputError, match=message):
        bookmarks.import_html(db, CHROME.replace(*change), NOW)
    assert [item.title for item in everything(db)] == ["already here"]


def test_an_html_page_that_is_not_a_bookmarks_file_is_refused(db):
    page = '<!DOCTYPE html><html><body><ul><li><a href="https://example.com">Example</a></li></ul></body></html>'
    assert not bookmarks.sniff_html(page)
    with pytest.raises(InputError, match="not a bookmarks file: a browser's export starts with <!DOCTYPE"):
        bookmarks.import_html(db, page, NOW)
    assert radar.count_all(db) == 0


def test_an_unclosed_last_link_is_refused(db):
    text = CHROME.replace("日本語のページ [bold]x[/]</A>\n    </DL><p>\n</DL><p>\n", "unfinished")
    with pytest.raises(InputError, match="line 29: the link is never closed"):
        bookmarks.import_html(db, text, NOW)


def test_bookmarks_export_escapes_and_keeps_dates_tags_and_notes(db, tmp_path):
    radar.add_item(
        db,
        title='<script>alert("x")</script> & co',
        url='https://example.com/?a=1&b="2"',
        tags=("security", "web"),
        notes="Line one\nLine <two>",
        now=datetime(2026, 3, 4, 5, 6, 7),
    )
    radar.add_item(db, title="no link", now=NOW)
    text = bookmarks.export_html(db, TODAY)
    assert text.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n")
    assert "<script>" not in text
    assert f'ADD_DATE="{epoch("2026-03-04 05:06:07")}" TAGS="security,web"' in text
    assert 'HREF="https://example.com/?a=1&amp;b=&quot;2&quot;"' in text
    assert "no link" not in text

    fresh = open_database(tmp_path / "fresh.db", today=TODAY)
    assert bookmarks.import_html(fresh, text, NOW) == "bookmarks: 1 added, 0 already present, 0 skipped"
    (item,) = everything(fresh)
    assert (item.title, item.url, item.tags, item.notes, item.captured_at) == (
        '<script>alert("x")</script> & co',
        'https://example.com/?a=1&b="2"',
        ("security", "web"),
        "Line one\nLine <two>",
        "2026-03-04 05:06:07",
    )
    fresh.close()


# Pocket --------------------------------------------------------------------------------------------

POCKET = """title,url,time_added,cursor,tags,status
Temporal,https://temporal.io,1700000000,MTcwMDAwMDAwMA==,workflows|Durable Execution,unread
"Quoted, with a comma",https://example.com/a?utm_source=pocket,1700000100,,,archive
,https://example.com/no-title,1700000200,,,unread
The same page,https://EXAMPLE.com/a/,1700000300,,,unread
Unicode ☃ “quotes”,https://例え.jp/,1700000400,,ünïcode|data|,unread
A file,file:///etc/passwd,1700000500,,,unread
"Multi
line title",https://example.com/multi,,,,unread
"""


def test_pocket_csv_tags_statuses_and_awkward_rows(db):
    assert pocket.import_csv(db, POCKET, NOW) == (
        "Pocket CSV: 5 added, 0 already present, 2 skipped (1 not a web link, 1 repeated in the file)"
    )
    items = by_title(db)
    temporal = items["Temporal"]
    assert (temporal.tags, temporal.status, temporal.source) == (("workflows", "durable-execution"), "inbox", "pocket")
    assert temporal.captured_at == datetime.fromtimestamp(1700000000).isoformat(sep=" ")
    assert items["Quoted, with a comma"].status == "read"
    assert "https://example.com/no-title" in items
    assert items["Unicode ☃ “quotes”"].tags == ("ünïcode", "data")
    assert items["Multi line title"].captured_at == "2026-11-26 09:30:00"
    assert pocket.import_csv(db, POCKET, NOW) == "Pocket CSV: 0 added, 6 already present, 1 skipped (1 not a web link)"


def test_older_pocket_exports_without_cursor_are_read_by_column_name(db):
    text = "title,url,time_added,tags,status\nDuckDB,https://duckdb.org,1700000000,data,archive\n"
    assert pocket.import_csv(db, text, NOW) == "Pocket CSV: 1 added, 0 already present, 0 skipped"
    assert by_title(db)["DuckDB"].tags == ("data",)


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("Bad,https://x.io,last week,,,unread", "line 4: time_added 'last week' is not a Unix time"),
        ("Bad,https://x.io,1700000000,,,deleted", "line 4: unknown status 'deleted'"),
        ("Bad,https://x.io,1700000000", "line 4: expected 6 values like the header, found 3"),
        ('Bad,"https://x.io,1700000000,,,unread', "line 4"),
    ],
)
def test_a_malformed_pocket_row_refuses_the_whole_file(db, bad_line, message):
    lines = POCKET.splitlines()
    text = "\n".join([*lines[:3], bad_line, *lines[3:]]) + "\n"
    with pytest.raises(InputError, match=message):
        pocket.import_csv(db, text, NOW)
    assert radar.count_all(db) == 0


def test_each_format_is_recognised_by_its_own_sniffer_only():
    texts = {"bookmarks": CHROME, "pocket": POCKET, "byor": "name,ring,quadrant,isNew,status,description\n"}
    sniffers = {"bookmarks": bookmarks.sniff_html, "pocket": pocket.sniff_csv, "byor": byor.sniff_csv}
    for name, sniff in sniffers.items():
        assert [other for other, text in texts.items() if sniff(text)] == [name]


# Command line --------------------------------------------------------------------------------------


def test_cli_import_guesses_the_format_and_prints_a_summary(db_path, tmp_path):
    files = {"chrome.html": CHROME, "pocket.csv": "\ufeff" + POCKET}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("import", str(tmp_path / "chrome.html"), db_path=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("bookmarks: 4 added")
    result = run_cli("import", str(tmp_path / "pocket.csv"), db_path=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Pocket CSV: 4 added, 1 already present")  # temporal.io came with the bookmarks


def test_cli_import_refuses_a_malformed_file_with_one_line_and_status_2(db_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(POCKET.replace("1700000100", "soon"), encoding="utf-8")
    result = run_cli("import", str(path), "--format", "pocket-csv", db_path=db_path)
    assert result.returncode == 2
    assert result.stderr == "techtime: line 3: time_added 'soon' is not a Unix time (seconds)\n"
    assert run_cli("export", "--format", "bookmarks", db_path=db_path).stdout.count("<DT>") == 0


def test_cli_exports_radar_csv_json_and_bookmarks(db_path, tmp_path):
    assert (
        run_cli(
            "add", "r", "https://temporal.io", "Temporal", "ring:trial", "quadrant:platforms", db_path=db_path
        ).returncode
        == 0
    )
    result = run_cli("export", "--format", "radar-csv", db_path=db_path)
    assert result.stdout == (
        "name,ring,quadrant,isNew,status,description\n"
        'Temporal,Trial,Platforms,TRUE,New,"<a href=""https://temporal.io"">https://temporal.io</a>"\n'
    )
    output = tmp_path / "radar.json"
    assert run_cli("export", "--format", "radar-json", "-o", str(output), db_path=db_path).returncode == 0
    assert json.loads(output.read_text())[0]["ring"] == "Trial"
    assert 'HREF="https://temporal.io"' in run_cli("export", "--format", "bookmarks", db_path=db_path).stdout


def test_progress_bar_waits_a_moment_then_draws_and_clears():
    moments = iter([0.0, 0.1, 0.7, 0.75, 1.0, 1.2])
    stream = io.StringIO()
    with ProgressBar("importing x.html", stream=stream, clock=lambda: next(moments), interactive=True) as bar:
        bar(500, 2000)  # 0.1 s: too soon to show
        assert stream.getvalue() == ""
        bar(1000, 2000)  # 0.7 s: shows
        bar(1100, 2000)  # 0.75 s: too soon to redraw
        bar(2000, 2000)  # 1.0 s
    lines = stream.getvalue().split("\r")
    assert lines[1].startswith("importing x.html ") and lines[1].endswith(" 1,000 of 2,000")
    assert lines[2].endswith(" 2,000 of 2,000")
    assert lines[3] == "\033[K"
    quiet = io.StringIO()
    with ProgressBar("x", stream=quiet, clock=lambda: 99.0, interactive=False) as bar:
        bar(1, 2)
    assert quiet.getvalue() == ""
