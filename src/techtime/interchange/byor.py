"""ThoughtWorks build-your-own-radar (BYOR): CSV and JSON out, CSV in.

BYOR reads `name,ring,quadrant,isNew,status,description`, every value a
string. `status` (New, Moved In, Moved Out, No Change) is each item's
movement in the current quarter, computed from its ring history; `isNew`
is TRUE exactly when the status is New. An item's link is written as the
last line of its description, which is where an import finds it again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime

from techtime.domain.quarters import Quarter
from techtime.domain.radar import NEW, QUADRANT_LABELS, RING_LABELS, normalize_ring, quadrant_from_label
from techtime.errors import InputError
from techtime.services import radar as radar_service
from techtime.store import radar
from techtime.store.database import Database

HEADER = ("name", "ring", "quadrant", "isNew", "status", "description")
_REQUIRED = ("name", "ring", "quadrant")
_LAST_LINE_URL = re.compile(r"(?:^|\n)\s*(https?://\S+)\s*$")


def radar_rows(db: Database, today: date) -> list[dict[str, str]]:
    """The radar as BYOR rows: items with a ring and a quadrant, their status in today's quarter."""
    quarter = Quarter.containing(today)
    items = radar.placed_items(db)
    statuses = radar_service.quarter_statuses(db, quarter, (item.id for item in items))
    rows = []
    for item in items:
        # An item whose ring was set outside the history (none recorded) is new to this radar.
        status = statuses.get(item.id) or NEW
        rows.append(
            {
                "name": item.title,
                "ring": RING_LABELS[item.ring],  # type: ignore[index]
                "quadrant": QUADRANT_LABELS[item.quadrant],  # type: ignore[index]
                "isNew": "TRUE" if status == NEW else "FALSE",
                "status": status,
                "description": _description(item.notes, item.url),
            }
        )
    return rows


def _description(notes: str, url: str | None) -> str:
    parts = [part for part in (notes.strip(), (url or "").strip()) if part]
    return "\n\n".join(parts)


def export_csv(db: Database, today: date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(radar_rows(db, today))
    return buffer.getvalue()


def export_json(db: Database, today: date) -> str:
    return json.dumps(radar_rows(db, today), indent=2, ensure_ascii=False) + "\n"


def sniff_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").partition("\n")[0]
    columns = {column.strip().strip('"').lower() for column in first.split(",")}
    return all(name in columns for name in _REQUIRED)


def import_csv(
    db: Database, text: str, now: datetime, *, merge: bool = True, progress: Callable[[int, int], None] | None = None
) -> str:
    """Add the radar's items (status read, placed); a row that is wrong refuses the whole file."""
    del merge  # a reading list always merges: a link already on the radar is skipped
    entries = read_csv(text, now)
    return str(
        radar_service.import_entries(db, entries, what="radar CSV", source="radar-csv", now=now, progress=progress)
    )


def read_csv(text: str, now: datetime) -> list[radar_service.Entry]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    line = 1
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            raise InputError(
                f"not a build-your-own-radar CSV: the header needs {','.join(HEADER)} (missing {', '.join(missing)})"
            )
        index = {name: header.index(name) for name in header}
        entries = []
        line = reader.line_num + 1  # where the next record starts (a quoted value may span lines)
        for row in reader:
            start, line = line, reader.line_num + 1
            if any(value.strip() for value in row):
                entries.append(_entry(row, index, len(header), start, now))
    except csv.Error as error:
        raise InputError(f"line {line}: {error}") from None
    return entries


def _entry(row: list[str], index: dict[str, int], width: int, line: int, now: datetime) -> radar_service.Entry:
    if len(row) != width:
        raise InputError(f"line {line}: expected {width} values like the header, found {len(row)}")
    name = " ".join(row[index["name"]].split())
    if not name:
        raise InputError(f"line {line}: the name is empty")
    ring_text = row[index["ring"]]
    ring = normalize_ring(ring_text)
    if ring is None:
        raise InputError(f"line {line}: unknown ring {ring_text!r}: use Adopt, Trial, Assess or Hold")
    quadrant_text = row[index["quadrant"]]
    quadrant = quadrant_from_label(quadrant_text)
    if quadrant is None:
        raise InputError(f"line {line}: unknown quadrant {quadrant_text!r}: use {', '.join(QUADRANT_LABELS.values())}")
    description = row[index["description"]] if "description" in index else ""
    notes, url = description.strip(), None
    found = _LAST_LINE_URL.search(notes)
    if found:
        url = found.group(1)
        notes = notes[: found.start()].strip()
    return radar_service.Entry(
        title=name, url=url, captured_at=now, status="read", ring=ring, quadrant=quadrant, notes=notes
    )
