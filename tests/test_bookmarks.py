"""Netscape bookmark files: what Chromium, Firefox and other readers of the format find in techtime's.

The export is parsed with html5lib (WHATWG, the parsing browsers do) and read the way Chromium's
importer reads it: links by `<A HREF>`, folders by `<H3>`, no `TAGS` attribute.
"""

from datetime import datetime
from pathlib import Path

import html5lib
from conftest import NOW, TODAY

from techtime.domain.radar import RadarFilter
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
