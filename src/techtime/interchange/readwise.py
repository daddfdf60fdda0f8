"""Readwise Reader's CSV export: `Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen`.

`Location` is new, later, shortlist, archive or feed: archive counts as read, feed items (delivered by
a subscription, never saved) are skipped. `Document tags` is a list (`['ai', 'to read']`); `Saved date`
is ISO 8601 with an offset (`2022-12-20 19:47:00.442000+00:00`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from techtime.interchange.reading_list import Reading, csv_rows, header_of, iso_time, save, text_of
from techtime.store.database import Database

HEADER = ("Title", "URL", "ID", "Document tags", "Saved date", "Reading progress", "Location", "Seen")
_REQUIRED = ("Title", "URL", "Saved date", "Location")
FEED = "in the feed, never saved"


def sniff(content: str | bytes) -> bool:
    if isinstance(content, bytes):
        return False
    columns = set(header_of(content))
    return {"title", "url", "document tags", "saved date", "location"} <= columns


def import_readwise(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    return save(db, read(text_of(content, "a Readwise Reader CSV"), now), what="Readwise Reader",
                source="readwise", now=now, progress=progress)  # fmt: skip


def read(text: str, now: datetime) -> Reading:
    reading = Reading()
    for where, row in csv_rows(text, what="a Readwise Reader CSV", header=HEADER, required=_REQUIRED):
        location = row["location"].strip().lower()
        if location == "feed":
            reading.skipped[FEED] += 1
            continue
        reading.add(
            url=row["url"],
            title=row["title"],
            captured_at=iso_time(row["saved date"], where, "Saved date", now),
            tags=_tags(row.get("document tags", "")),
            status="read" if location == "archive" else "inbox",
        )
    return reading


def _tags(value: str) -> list[str]:
    """['ai', "to read"] (a Python list, as Reader writes it) or a bare comma-separated list."""
    inner = value.strip().removeprefix("[").removesuffix("]")
    return [tag.strip().strip("'\"") for tag in inner.split(",") if tag.strip().strip("'\"")]
