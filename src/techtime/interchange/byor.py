"""ThoughtWorks build-your-own-radar (BYOR): CSV and JSON out, CSV and JSON in.

BYOR reads `name,ring,quadrant,isNew,status,description`, every value a string, and reads `name`
and `description` as HTML (its InputSanitizer passes them through sanitize-html: tags are stripped
from the name, and the description keeps b, i, em, strong, a href, h1-h6, li, ul, br, p, u). So
techtime escapes both for HTML, writes a note's line breaks as `<br>` and puts the item's link at the
end of the description as an `<a href>`. `status` (New, Moved In, Moved Out, No Change) is each
item's movement in the current quarter, computed from its ring history; `isNew` is TRUE exactly when
the status is New. BYOR refuses an empty radar ("Invalid content of JSON file": its Factory reads the
column names from the first row), so an export with nothing placed is refused here instead.

In: the same columns, from techtime or from any BYOR sheet. The description is read as HTML back
into plain text; the item's link is the first http(s) `href` in it (or, in older files, a bare URL on
its last line). Rows are told apart by name and description: a radar may hold two rows with one name.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime

from techtime.domain.quarters import Quarter
from techtime.domain.radar import NEW, QUADRANT_LABELS, RING_LABELS, normalize_ring, quadrant_from_label
from techtime.domain.urls import is_openable, normalize_url
from techtime.errors import InputError
from techtime.interchange.csv_cells import safe_cell, unsafe_cell
from techtime.interchange.html_text import html_to_text
from techtime.services import radar as radar_service
from techtime.store import radar
from techtime.store.database import Database

HEADER = ("name", "ring", "quadrant", "isNew", "status", "description")
_REQUIRED = ("name", "ring", "quadrant")
_LAST_LINE_URL = re.compile(r"(?:^|\n)\s*(https?://\S+)\s*$")
_MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);")
REPEATED = "repeated in the file"
NOTHING_PLACED = (
    "nothing to export: no radar item has both a ring and a quadrant, and build-your-own-radar refuses "
    "an empty radar (place items with ring:... quadrant:..., or A/T/S/H and E/P/O/L on the Radar screen)"
)


# Out ------------------------------------------------------------------------------------------


def radar_rows(db: Database, today: date) -> list[dict[str, str]]:
    """The radar as BYOR rows: items with a ring and a quadrant, their status in today's quarter."""
    quarter = Quarter.containing(today)
    items = radar.placed_items(db)
    statuses = radar_service.quarter_statuses(db, quarter, (item.id for item in items))
    rows = []
    for item in items:
        if item.ring is None or item.quadrant is None:  # placed_items gives placed items only
            continue
        # An item whose ring was set outside the history (none recorded) is new to this radar.
        status = statuses.get(item.id) or NEW
        rows.append(
            {
                "name": html.escape(item.title),
                "ring": RING_LABELS[item.ring],
                "quadrant": QUADRANT_LABELS[item.quadrant],
                "isNew": "TRUE" if status == NEW else "FALSE",
                "status": status,
                "description": description_html(item.notes, item.url),
            }
        )
    if not rows:
        raise InputError(NOTHING_PLACED)
    return rows


def description_html(notes: str, url: str | None) -> str:
    """Notes as HTML text with their line breaks, then the link (only an http(s) one) as `<a href>`."""
    parts = []
    text = notes.replace("\r\n", "\n").replace("\r", "\n").strip()
    if text:
        parts.append(html.escape(text).replace("\n", "<br>"))
    if url and is_openable(url):
        link = html.escape(url.strip())
        parts.append(f'<a href="{link}">{link}</a>')
    return "<br><br>".join(parts)


def export_csv(db: Database, today: date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in radar_rows(db, today))
    return buffer.getvalue()


def export_json(db: Database, today: date) -> str:
    return json.dumps(radar_rows(db, today), indent=2, ensure_ascii=False) + "\n"


# In -------------------------------------------------------------------------------------------


def sniff_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").partition("\n")[0]
    columns = {column.strip().strip('"').lower() for column in first.split(",")}
    return all(name in columns for name in _REQUIRED)


def sniff_json(text: str) -> bool:
    """A JSON list of objects with name, ring and quadrant: BYOR's JSON file."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("["):
        return False
    try:
        data = json.loads(stripped)
    except ValueError:
        return False
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and all(name in {key.strip().lower() for key in data[0]} for name in _REQUIRED)
    )


def import_csv(
    db: Database, text: str, now: datetime, *, merge: bool = True, progress: Callable[[int, int], None] | None = None
) -> str:
    """Add the radar's items (status read, placed); a row that is wrong refuses the whole file."""
    del merge  # a reading list always merges: a link already on the radar is skipped
    entries, skipped = read_csv(text, now)
    return str(
        radar_service.import_entries(
            db, entries, what="radar CSV", source="radar-csv", now=now, skipped=skipped, progress=progress
        )
    )


def import_json(
    db: Database, text: str, now: datetime, *, merge: bool = True, progress: Callable[[int, int], None] | None = None
) -> str:
    del merge
    entries, skipped = read_json(text, now)
    return str(
        radar_service.import_entries(
            db, entries, what="radar JSON", source="radar-json", now=now, skipped=skipped, progress=progress
        )
    )


def read_csv(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    rows: list[tuple[str, dict[str, str]]] = []
    line = 1
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            raise InputError(
                f"not a build-your-own-radar CSV: the header needs {','.join(HEADER)} (missing {', '.join(missing)})"
            )
        line = reader.line_num + 1  # where the next record starts (a quoted value may span lines)
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(value.strip() for value in row):
                continue
            if len(row) != len(header):
                raise InputError(f"line {start}: expected {len(header)} values like the header, found {len(row)}")
            rows.append((f"line {start}", dict(zip(header, map(unsafe_cell, row), strict=True))))
    except csv.Error as error:
        raise InputError(f"line {line}: {error}") from None
    return _entries(rows, now)


def read_json(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as error:
        raise InputError(f"not a build-your-own-radar JSON file: {error}") from None
    if not isinstance(data, list) or not data:
        raise InputError("not a build-your-own-radar JSON file: it is a list of items with name, ring and quadrant")
    rows = []
    for number, item in enumerate(data, 1):
        where = f"item {number}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object with name, ring and quadrant")
        values = {str(key).strip().lower(): value for key, value in item.items()}
        missing = [name for name in _REQUIRED if name not in values]
        if missing:
            raise InputError(f"{where}: missing {', '.join(missing)}")
        wrong = [key for key, value in values.items() if not isinstance(value, str)]
        if wrong:
            raise InputError(f"{where}: {wrong[0]} is not a string (build-your-own-radar's values are all strings)")
        rows.append((where, values))
    return _entries(rows, now)


def _entries(rows: list[tuple[str, dict[str, str]]], now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    """One Entry per row; a row with the name and description of an earlier one is repeated. A link
    that an earlier row with another name already took stays in the notes (one item per link)."""
    entries: list[radar_service.Entry] = []
    skipped: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    links: set[str] = set()
    for where, values in rows:
        entry = _entry(where, values, now)
        identity = (entry.title.lower(), entry.notes)
        if identity in seen:
            skipped[REPEATED] += 1
            continue
        seen.add(identity)
        key = normalize_url(entry.url)
        if key in links:
            notes = "\n\n".join(part for part in (entry.notes, entry.url) if part)
            entry = radar_service.Entry(**{**entry.__dict__, "url": None, "notes": notes})
        elif key:
            links.add(key)
        entries.append(entry)
    return entries, skipped


def _entry(where: str, values: Mapping[str, str], now: datetime) -> radar_service.Entry:
    name = " ".join(_text(values["name"]).split())
    if not name:
        raise InputError(f"{where}: the name is empty")
    ring_text = _text(values["ring"])
    ring = normalize_ring(ring_text)
    if ring is None:
        raise InputError(f"{where}: unknown ring {ring_text!r}: use Adopt, Trial, Assess or Hold")
    quadrant_text = _text(values["quadrant"])
    quadrant = quadrant_from_label(quadrant_text)
    if quadrant is None:
        raise InputError(f"{where}: unknown quadrant {quadrant_text!r}: use {', '.join(QUADRANT_LABELS.values())}")
    notes, url = read_description(values.get("description", ""))
    return radar_service.Entry(
        title=name, url=url, captured_at=now, status="read", ring=ring, quadrant=quadrant, notes=notes
    )


def read_description(description: str) -> tuple[str, str | None]:
    """A BYOR description as (notes, link): HTML read as text, the link its first http(s) href;
    a last paragraph that only repeats that link (techtime's own export) is not kept as a note."""
    description = description.strip()
    if not _MARKUP.search(description):  # plain text, as older exports and hand-made sheets have it
        found = _LAST_LINE_URL.search(description)
        if found and is_openable(found.group(1)):
            return description[: found.start()].strip(), found.group(1)
        return description, None
    read = html_to_text(description)
    url = next((link for link in read.links if is_openable(link)), None)
    notes = read.text
    if url is not None:
        head, _, last = notes.rpartition("\n\n")
        if last.strip() == url:
            notes = head.strip()
    return notes, url


def _text(value: str) -> str:
    """A name, ring or quadrant as BYOR reads it: tags stripped, entities decoded."""
    return html_to_text(value).text if _MARKUP.search(value) else value.strip()
