"""build-your-own-radar: what its Factory accepts and how its sanitizer reads names and descriptions.

`byor_load` follows BYOR's own code (src/util/factory.js, contentValidator.js, inputSanitizer.js,
graphing/config.js): the column names come from the first row (so `[]` is "Invalid content of JSON
file"), the headers name, ring, quadrant, isNew and description must be there, rings and quadrants
are matched against its four of each (case-insensitive, "and"/"&" alike), every value is a string
(it calls `.trim()` and `.toLowerCase()` on them), and sanitize-html strips every tag from the name
and all but b, i, em, strong, a href, h1-h6, li, ul, br, p and u from the description. The HTML is
parsed by html5lib, a WHATWG parser like the browser BYOR runs in.
"""

import csv
import io
import json
from pathlib import Path
from typing import NamedTuple

import html5lib
import pytest
from conftest import NOW, TODAY, run_cli

from techtime.domain.radar import RadarFilter
from techtime.errors import InputError
from techtime.interchange import byor
from techtime.services import radar as radar_service
from techtime.store import radar
from techtime.store.database import open_database

DATA = Path(__file__).parent / "data" / "radar"
BYOR_RINGS = ("Adopt", "Trial", "Assess", "Hold")
BYOR_QUADRANTS = ("Techniques", "Platforms", "Tools", "Languages & Frameworks")
ALLOWED_IN_DESCRIPTION = {"b", "i", "em", "strong", "a", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "br", "p", "u"}


class Blip(NamedTuple):
    name: str
    ring: str
    quadrant: str
    is_new: bool
    text: str
    links: list[str]


def _fragment(markup: str):
    return html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)


def _text(element, allowed: set[str]) -> str:
    """The text a browser shows for sanitize-html's output: disallowed tags dropped, their text kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append("\n")
        else:
            inner = _text(child, allowed)
            parts.append(f"\n\n{inner}\n\n" if child.tag == "p" else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _match(choices: tuple[str, ...], value: str) -> str | None:
    import re

    wanted = re.sub(r"(-|\s+)(and)(-|\s+)|\s*(&)\s*", " & ", value.lower())
    return next((choice for choice in choices if choice.lower() == wanted), None)


def byor_load(rows: list[dict[str, str]]) -> list[Blip]:
    if not rows:
        raise ValueError("Invalid content of JSON file")  # Object.keys(data[0]) on an empty list
    columns = [column.strip() for column in rows[0]]
    if not columns or any(h not in columns for h in ("name", "ring", "quadrant", "isNew", "description")):
        raise ValueError("Document is missing one or more required headers or they are misspelled.")
    blips = []
    for row in rows:
        assert all(isinstance(value, str) for value in row.values())
        row = {key.strip(): value.strip() for key, value in row.items()}
        name_tree = _fragment(row["name"])
        assert list(name_tree) == [], f"the name {row['name']!r} holds tags that BYOR would strip"
        description = _fragment(row["description"])
        for element in description.iter():
            if element is description:
                continue
            assert element.tag in ALLOWED_IN_DESCRIPTION, element.tag
            assert set(element.attrib) <= ({"href"} if element.tag == "a" else set())
        ring, quadrant = _match(BYOR_RINGS, row["ring"]), _match(BYOR_QUADRANTS, row["quadrant"])
        if ring and quadrant:  # plotRadarGraph drops a blip it cannot place
            links = [a.get("href") for a in description.iter("a")]
            text = "\n\n".join(part.strip() for part in _text(description, ALLOWED_IN_DESCRIPTION).split("\n\n"))
            is_new = row["isNew"].lower() == "true"
            blips.append(Blip(name_tree.text or "", ring, quadrant, is_new, text.strip(), links))
    return blips


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def everything(db):
    return radar.query_items(db, RadarFilter(), sort="title", limit=10_000)


def place(db, title, url, notes="", ring="trial", quadrant="tools"):
    item_id = radar.add_item(db, title=title, url=url, notes=notes, now=NOW)
    radar_service.place(db, item_id, now=NOW, ring=ring, quadrant=quadrant)
    return item_id


# Out -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("export", [byor.export_csv, byor.export_json])
def test_the_demo_radar_loads_in_byor_with_every_blip(demo_db, export):
    text = export(demo_db, TODAY)
    rows = csv_rows(text) if export is byor.export_csv else json.loads(text)
    blips = byor_load(rows)
    assert len(rows) == len(blips) == 14
    kotlin = next(b for b in blips if b.name == "Kotlin coroutines")
    assert (kotlin.ring, kotlin.is_new) == ("Adopt", False)


def test_names_and_notes_reach_byor_as_typed_with_line_breaks_and_a_clickable_link(db):
    place(db, "Optional<T> instead of null", "https://example.com/optional", notes="Map<K,V> & Set<E>\nsecond line")
    place(db, "HTML <dialog> element", "https://developer.mozilla.org/dialog", ring="adopt", quadrant="platforms")
    place(db, 'No link, just "quotes"', None, notes="<script>alert(1)</script>", ring="hold")
    for export in (byor.export_csv, byor.export_json):
        text = export(db, TODAY)
        rows = csv_rows(text) if export is byor.export_csv else json.loads(text)
        blips = {blip.name: blip for blip in byor_load(rows)}
        assert set(blips) == {"Optional<T> instead of null", "HTML <dialog> element", 'No link, just "quotes"'}
        optional = blips["Optional<T> instead of null"]
        assert optional.text == "Map<K,V> & Set<E>\nsecond line\n\nhttps://example.com/optional"
        assert optional.links == ["https://example.com/optional"]
        assert blips['No link, just "quotes"'].text == "<script>alert(1)</script>"
        assert blips['No link, just "quotes"'].links == []


def test_an_empty_radar_is_refused_rather_than_written_as_a_file_byor_rejects(db, db_path, tmp_path):
    radar.add_item(db, title="in the inbox only", url="https://example.com", now=NOW)
    with pytest.raises(ValueError, match="Invalid content of JSON file"):
        byor_load([])  # what BYOR does with the `[]` an empty export used to be
    for export in (byor.export_csv, byor.export_json):
        with pytest.raises(InputError, match="nothing to export: no radar item has both a ring and a quadrant"):
            export(db, TODAY)
    output = tmp_path / "radar.json"
    for name in ("radar-json", "radar-csv"):
        result = run_cli("export", "--format", name, "-o", str(output), db_path=db_path)
        assert result.returncode == 2
        assert result.stderr.startswith("techtime: nothing to export")
        assert not output.exists()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(db, tmp_path, start):
    evil = f'{start}HYPERLINK("https://evil.example","click")'
    notes = "=1+1" if start in "\t\r" else f"{start}1+1"  # notes are kept without leading white space
    place(db, evil, "https://example.com/a", notes=notes)
    row = csv_rows(byor.export_csv(db, TODAY))[0]
    assert row["name"] == "'" + evil.replace('"', "&quot;")
    assert row["description"].startswith(f"'{notes}<br>")
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())
    # techtime's own import takes the quote off again.
    fresh = open_database(tmp_path / "fresh.db", today=TODAY)
    byor.import_csv(fresh, byor.export_csv(db, TODAY), NOW)
    (item,) = everything(fresh)
    assert (item.title, item.notes, item.url) == (" ".join(evil.split()), notes, "https://example.com/a")
    fresh.close()


# In --------------------------------------------------------------------------------------------


def test_byors_own_sheet_gives_links_text_notes_and_keeps_rows_that_share_a_name(db):
    text = (DATA / "byor-sheet.csv").read_text(encoding="utf-8")
    assert byor.sniff_csv(text)
    assert byor.import_csv(db, text, NOW) == "radar CSV: 7 added, 0 already present, 1 skipped (1 repeated in the file)"
    items = {(item.title, item.ring): item for item in everything(db)}
    mapping = items["Path-to-production mapping", "adopt"]
    assert mapping.url == "https://example.org/continuous-delivery"  # the first http(s) link, not a relative one
    assert mapping.notes == (
        "We map every step from a developer's laptop to production on one whiteboard, following "
        "value-stream mapping and Continuous Delivery.\n\nSecond paragraph,\nwith a line break."
    )
    assert items["Dragonfly", "assess"].url == "https://dragonfly.example/"
    assert items["Ports & adapters", "trial"].notes == "Keep the domain free of I/O."
    assert items["Kotest", "adopt"].quadrant == "languages-frameworks"
    # Two Backstage rows, one link: the second keeps it in its notes.
    assert items["Backstage", "adopt"].url == "https://backstage.example/"
    hold = items["Backstage", "hold"]
    assert (hold.url, hold.quadrant) == (None, "tools")
    assert hold.notes == "The Backstage software templates: we stopped writing new ones.\n\nhttps://backstage.example/"
    assert items["Plain text item", "hold"].notes == "No HTML here"
    assert all(item.status == "read" and item.source == "radar-csv" for item in items.values())
    assert byor.import_csv(db, text, NOW) == "radar CSV: 0 added, 7 already present, 1 skipped (1 repeated in the file)"


def test_byors_json_is_imported(db):
    text = (DATA / "byor-radar.json").read_text(encoding="utf-8")
    assert byor.sniff_json(text) and not byor.sniff_csv(text)
    assert byor.import_json(db, text, NOW) == "radar JSON: 2 added, 0 already present, 0 skipped"
    items = {item.title: item for item in everything(db)}
    temporal = items["Temporal"]
    assert (temporal.url, temporal.notes, temporal.ring, temporal.source) == (
        "https://temporal.example/docs",
        "Durable execution for long-running workflows.\n\ndocs",
        "trial",
        "radar-json",
    )
    assert items["Optional<T> instead of null"].notes == "Line one\nLine two"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "a list of items with name, ring and quadrant"),
        ('{"name": "x"}', "a list of items"),
        ('[{"name": "A", "ring": "Adopt", "quadrant": "Tools"}, "x"]', "item 2: expected an object"),
        ('[{"name": "A", "ring": "Adopt"}]', "item 1: missing quadrant"),
        ('[{"name": "A", "ring": "Adopt", "quadrant": "Tools", "isNew": true}]', "item 1: isnew is not a string"),
        ('[{"name": "A", "ring": "Maybe", "quadrant": "Tools"}]', "item 1: unknown ring 'Maybe'"),
        ('[{"name": "A", "ring": "Adopt", "quadrant": "Tools"', "not a build-your-own-radar JSON file"),
    ],
)
def test_a_wrong_byor_json_is_refused_whole_naming_the_item(db, text, message):
    with pytest.raises(InputError, match=message):
        byor.import_json(db, text, NOW)
    assert radar.count_all(db) == 0


def test_csv_and_json_round_trip_through_byor_shape(demo_db, tmp_path):
    item = radar.find_by_url(demo_db, "https://duckdb.org/")
    radar.update_item(demo_db, item.id, notes='Fast, "in-process" <columnar>.\n\nSecond paragraph & more', now=NOW)
    for export, importer in ((byor.export_csv, byor.import_csv), (byor.export_json, byor.import_json)):
        fresh = open_database(tmp_path / f"{export.__name__}.db", today=TODAY)
        exported = export(demo_db, TODAY)
        assert importer(fresh, exported, NOW).endswith("14 added, 0 already present, 0 skipped")
        duckdb = radar.find_by_url(fresh, "https://duckdb.org/")
        assert duckdb.notes == 'Fast, "in-process" <columnar>.\n\nSecond paragraph & more'
        originals = {(i.title, i.url, i.notes, i.ring, i.quadrant) for i in radar.placed_items(demo_db)}
        copies = {(i.title, i.url, i.notes, i.ring, i.quadrant) for i in radar.placed_items(fresh)}
        assert copies == originals
        fresh.close()
