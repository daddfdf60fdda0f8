"""Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp` (newer files add `Tags`).

`Folder` is Unread, Archive, Starred or a folder of the reader's own: Archive counts as read, Starred
and the reader's folders become tags. `Timestamp` is Unix seconds; `Selection` (the text the reader
selected when saving) becomes the notes; `Tags` is a JSON list (`["coding"]`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from techtime.errors import InputError
from techtime.interchange.reading_list import Reading, csv_rows, header_of, save, text_of, unix_time
from techtime.store.database import Database

HEADER = ("URL", "Title", "Selection", "Folder", "Timestamp", "Tags")
_REQUIRED = ("URL", "Title", "Folder", "Timestamp")


def sniff(content: str | bytes) -> bool:
    if isinstance(content, bytes):
        return False
    return header_of(content)[:5] == ["url", "title", "selection", "folder", "timestamp"]


def import_instapaper(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    return save(db, read(text_of(content, "an Instapaper CSV"), now), what="Instapaper", source="instapaper",
                now=now, progress=progress)  # fmt: skip


def read(text: str, now: datetime) -> Reading:
    reading = Reading()
    for where, row in csv_rows(text, what="an Instapaper CSV", header=HEADER, required=_REQUIRED):
        folder = row["folder"].strip()
        tags = [] if folder.lower() in ("unread", "archive", "") else [folder]
        reading.add(
            url=row["url"],
            title=row["title"],
            captured_at=unix_time(row["timestamp"], where, "Timestamp", now),
            tags=[*tags, *_tags(row.get("tags", ""), where)],
            status="read" if folder.lower() == "archive" else "inbox",
            notes=row.get("selection", ""),
        )
    return reading


def _tags(value: str, where: str) -> list[str]:
    value = value.strip()
    if not value:
        return []
    try:
        tags = json.loads(value)
    except ValueError:
        raise InputError(f'{where}: Tags {value!r} is not a list like ["coding"]') from None
    if not isinstance(tags, list):
        raise InputError(f'{where}: Tags {value!r} is not a list like ["coding"]')
    return [str(tag.get("name", "")) if isinstance(tag, dict) else str(tag) for tag in tags]
