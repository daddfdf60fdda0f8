"""Netscape bookmark files: what Chromium, Firefox and other readers of the format find in techtime's.

The export is parsed with html5lib (WHATWG, the parsing browsers do) and read the way Chromium's
importer reads it: links by `<A HREF>`, folders by `<H3>`, no `TAGS` attribute.
"""

from collections import Counter
from datetime import datetime
from pathlib import Path

import html5lib
import pytest
from conftest import NOW, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from techtime.domain.radar import RadarFilter
from techtime.errors import InputError
from techtime.interchange import bookmarks
from techtime.store import radar
from techtime.store.database import open_database

DATA = Path(__file__).parent / "data" / "radar"


def everything(db):
    return radar.query_items(db, RadarFilter(), sort="title", limit=10_000)


def chromium_view(text: str) -> list[tuple[tuple[str, ...], str, str]]:
    """(folders, href, title) of every link, as Chromium's importer sees them: <DT><H3> opens a folder
    for the <DL> that follows it."""
    tree = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    found = []

    def walk(element, folders):
        pending = None
        for child in element:
            if child.tag == "h3":
                pending = "".join(child.itertext())
            elif child.tag == "a":
                found.append((tuple(folders), child.get("href"), "".join(child.itertext())))
            elif child.tag == "dl":
                walk(child, [*folders, pending] if pending else folders)
                pending = None
            else:
                walk(child, folders)
                if child.tag == "dt" and len(child) and child[0].tag == "h3":
                    pending = "".join(child[0].itertext())

    walk(tree, [])
    return found


def test_titles_with_quotes_and_markup_reach_a_browser_exactly(db):
    radar.add_item(db, title='The "Quoted" title', url="https://example.com/q", now=NOW)
    radar.add_item(db, title="It's <b>bold</b> & more", url="https://example.com/b?x=1&y='2'", now=NOW)
    text = bookmarks.export_html(db, TODAY)
    assert '"Quoted"' not in text and "&quot;Quoted&quot;" in text
    assert {(href, title) for _, href, title in chromium_view(text)} == {
        ("https://example.com/q", 'The "Quoted" title'),
        ("https://example.com/b?x=1&y='2'", "It's <b>bold</b> & more"),
    }


def test_every_item_sits_in_its_first_tags_folder_so_chromium_keeps_a_tag(db, tmp_path):
    radar.add_item(db, title="DuckDB", url="https://duckdb.org", tags=("data", "databases"), now=NOW)
    radar.add_item(db, title="Kafka", url="https://kafka.apache.org", tags=("data",), now=NOW)
    radar.add_item(db, title="Zig", url="https://ziglang.org", tags=("languages",), now=NOW)
    radar.add_item(db, title="Untagged", url="https://example.com", now=NOW)
    text = bookmarks.export_html(db, TODAY)
    assert sorted(chromium_view(text)) == [
        ((), "https://example.com", "Untagged"),
        (("data",), "https://duckdb.org", "DuckDB"),
        (("data",), "https://kafka.apache.org", "Kafka"),
        (("languages",), "https://ziglang.org", "Zig"),
    ]
    assert 'TAGS="data,databases"' in text  # Firefox reads them all
    fresh = open_database(tmp_path / "fresh.db", today=TODAY)
    assert bookmarks.import_html(fresh, text, NOW) == "bookmarks: 4 added, 0 already present, 0 skipped"
    assert {item.title: item.tags for item in everything(fresh)} == {
        "DuckDB": ("data", "databases"),
        "Kafka": ("data",),
        "Zig": ("languages",),
        "Untagged": (),
    }
    fresh.close()


def test_a_google_bookmarks_export_without_a_doctype_is_read(db):
    text = (DATA / "google-bookmarks.html").read_text(encoding="utf-8")
    assert "DOCTYPE" not in text and bookmarks.sniff_html(text)
    summary = bookmarks.import_html(db, text, NOW)
    # Links that differ by their #fragment are different links; an empty # is not.
    assert summary == "bookmarks: 5 added, 0 already present, 1 skipped (1 repeated in the file)"
    items = {item.title: item for item in everything(db)}
    assert items["re.sub"].url == "https://docs.python.org/3/library/re.html#re.sub"
    assert items["re.match"].tags == ("architecture",)
    assert {"App settings", "App billing"} <= set(items)
    assert items["Microservices"].captured_at == datetime.fromtimestamp(1455000100).isoformat(sep=" ")


# libxml2 reads the file, html.parser names the line of what is wrong ----------------------------

_PIECES = st.sampled_from(
    ["<DT>", "<DL><p>", "</DL><p>", "<DT><H3>Folder</H3>", "<DT><H3 PERSONAL_TOOLBAR_FOLDER=\"true\">Bar</H3>", "<H3>",
     "</H3>", '<DT><A HREF="https://x.io/1" ADD_DATE="1700000000">', '<a href="https://x.io/2#f" tags="A,b">',
     "<A HREF='javascript:x'>", '<A HREF="https://x.io/1" ADD_DATE="soon">', "</A>", "</a>", "<DD>", "words",
     "&amp; &lt;b&gt; &eacute;", "<!-- <A> -->", "<!-- note -->", "<b>", "</b>", "<HR>", "<br>", "\n", "  ", "<li>",
     "</dt>", "<p>", "</p>", "<table>", "<title>T</title>", "<h1>H</h1>", "</body>", "<a", ">"]
)  # fmt: skip


def outcome(read, text):
    try:
        return read(text, NOW)
    except InputError as error:
        return str(error)


_UNITS = st.builds(
    str.format,
    st.sampled_from(
        ['<DT><A HREF="https://x.io/{0}" ADD_DATE="170000000{0}">Title {0} &amp; co</A>\n',
         '<DT><a href="https://x.io/{0}" tags="A,b">t{0}</a>\n', "<DD>about {0}\n",
         "<DT><H3>Folder {0}</H3>\n<DL><p>\n", "</DL><p>\n", '<DT><A HREF="javascript:x">js</A>\n', "<HR>\n"]
    ),
    st.integers(0, 9),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_UNITS | _UNITS | _UNITS | _PIECES, max_size=40).map("".join))
def test_any_file_reads_as_html_parser_reads_it_and_is_refused_naming_the_same_line(body):
    """The fast reading (libxml2) gives html.parser's links, tags, notes and skips, or leaves the file
    to html.parser: in every case, the result or the error is html.parser's."""
    text = f"{bookmarks.DOCTYPE}\n{body}"
    assert outcome(bookmarks.read_html, text) == outcome(bookmarks._read_with_html_parser, text)


@pytest.mark.parametrize("name", ["chrome-bookmarks.html", "firefox-bookmarks.html", "google-bookmarks.html"])
def test_every_browsers_export_is_read_fast_and_stores_the_rows_html_parser_stored(name, tmp_path, monkeypatch):
    text = (DATA / name).read_text(encoding="utf-8")
    assert bookmarks._links_if_marks_pair_up(text)
    list(bookmarks._entries_by_lxml(text, NOW, Counter()))  # libxml2's reading is trusted: no _Unsure
    fast = open_database(tmp_path / "fast.db", today=TODAY)
    summary = bookmarks.import_html(fast, text, NOW)
    monkeypatch.setattr(bookmarks, "_links_if_marks_pair_up", lambda text: None)  # html.parser's reading, as before
    exact = open_database(tmp_path / "exact.db", today=TODAY)
    assert bookmarks.import_html(exact, text, NOW) == summary
    rows = "SELECT * FROM radar_item ORDER BY id"
    assert [tuple(row) for row in fast.rows(rows)] == [tuple(row) for row in exact.rows(rows)]
    assert len(fast.rows(rows)) >= 3
    fast.close()
    exact.close()


def test_a_large_file_is_read_fast_with_its_folders_and_notes(db):
    links = "\n".join(
        f'<DT><A HREF="https://example.org/{n}" ADD_DATE="{1_700_000_000 + n}" TAGS="t{n % 3}">Page {n}</A>\n'
        f"<DD>About {n} &amp; more"
        for n in range(3_000)
    )
    text = f"{bookmarks.DOCTYPE}\n<DL><p>\n<DT><H3>Big</H3>\n<DL><p>\n{links}\n</DL><p>\n</DL><p>\n"
    assert bookmarks._links_if_marks_pair_up(text) == 3_000
    assert bookmarks.read_html(text, NOW) == bookmarks._read_with_html_parser(text, NOW)
    assert bookmarks.import_html(db, text, NOW) == "bookmarks: 3,000 added, 0 already present, 0 skipped"
    item = radar.find_by_url(db, "https://example.org/2999")
    assert (item.tags, item.notes) == (("big", "t2"), "About 2999 & more")


@pytest.mark.parametrize(
    "body",
    [
        '<DL><p><DT><A HREF="https://x.io/1">cut</dt> short</A></DL>',  # libxml2 ends the link at </dt>
        '<DL><p><DT><A HREF="https://x.io/1">one</A>\n</body>\n<DT><A HREF="https://x.io/2">two</A></DL>',
        '<DL><p><DT><H3>Folder</H3>\n<DL><p><li><DT><A HREF="https://x.io/1">in</A></DL><p></DL>',  # <li> closes a <DL>
        '<DL><p><DT><A HREF="https://x.io/1">never closed<!-- </A> --></DL>',  # the comment's </A> is no end
        '<DL><p><DT><A HREF="https://x.io/1">a</A><DD>notes, cut off at the end <DT',
        '<DL><p><DT><A HREF="https://x.io/1?a=1&b=2">amp</A><DT><H3>A <b>bold</b> folder</H3><DL><DT><A HREF="https://x.io/3">x</A></DL>',
    ],
)
def test_files_libxml2_would_mend_or_restructure_read_as_html_parser_reads_them(body):
    text = f"{bookmarks.DOCTYPE}\n{body}"
    assert outcome(bookmarks.read_html, text) == outcome(bookmarks._read_with_html_parser, text)


def test_an_ampersand_in_a_link_stays_as_browsers_read_it(db):
    """Chrome writes a link's & as it is; in an attribute, '&para=' is no entity (HTML5), where
    Python 3.11's html.parser made it '¶='. libxml2 reads it as browsers do."""
    text = f'{bookmarks.DOCTYPE}\n<DL><p>\n<DT><A HREF="https://x.io/?a=1&para=2&not=3&amp;b=4">x</A>\n</DL><p>\n'
    bookmarks.import_html(db, text, NOW)
    (item,) = everything(db)
    assert item.url == "https://x.io/?a=1&para=2&not=3&b=4"
