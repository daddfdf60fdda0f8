"""Every reading-list importer, fed arbitrary text: a summary or a clean one-line error, never a crash,
and never half an import."""

from __future__ import annotations

import contextlib

from conftest import NOW, TODAY
from hypothesis import HealthCheck, given, settings
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


def _check(tmp_path_factory, importer, text) -> None:
    db = open_database(tmp_path_factory.mktemp("import") / "t.db", today=TODAY)
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
def test_bookmarks_importer_total(tmp_path_factory, text):
    _check(tmp_path_factory, import_html, text)


@SETTINGS
@given(st.one_of(st.text(max_size=200), POCKET))
def test_pocket_importer_total(tmp_path_factory, text):
    _check(tmp_path_factory, import_pocket, text)


@SETTINGS
@given(st.one_of(st.text(max_size=200), BYOR))
def test_radar_csv_importer_total(tmp_path_factory, text):
    _check(tmp_path_factory, import_byor, text)
