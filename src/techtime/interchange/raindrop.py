"""Raindrop.io's CSV export: `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite`.

`folder` is the collection ("Unsorted" when none; nested ones as `Parent/Child`), each level a tag;
`tags` are separated by commas; `created` is ISO 8601 (Raindrop's importer also takes Unix seconds);
`note` is the reader's own note. Raindrop has no read flag: everything lands in the inbox.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from techtime.interchange.reading_list import Reading, csv_rows, header_of, iso_time, save, text_of, unix_time
from techtime.store.database import Database

HEADER = ("id", "title", "note", "excerpt", "url", "folder", "tags", "created", "cover", "highlights", "favorite")
_REQUIRED = ("title", "url")
_NO_FOLDER = {"", "unsorted"}


def sniff(content: str | bytes) -> bool:
    if isinstance(content, bytes):
        return False
    columns = set(header_of(content))
    return {"url", "folder", "created"} <= columns and bool({"excerpt", "note", "cover"} & columns)


def import_raindrop(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    return save(db, read(text_of(content, "a Raindrop.io CSV"), now), what="Raindrop.io", source="raindrop",
                now=now, progress=progress)  # fmt: skip


def read(text: str, now: datetime) -> Reading:
    reading = Reading()
    for where, row in csv_rows(text, what="a Raindrop.io CSV", header=HEADER, required=_REQUIRED):
        created = row.get("created", "").strip()
        folders = [part.strip() for part in row.get("folder", "").split("/")]
        reading.add(
            url=row["url"],
            title=row["title"],
            captured_at=unix_time(created, where, "created", now)
            if created.isdigit()
            else iso_time(created, where, "created", now),
            tags=[*(f for f in folders if f.lower() not in _NO_FOLDER), *row.get("tags", "").split(",")],
            notes=row.get("note", ""),
        )
    return reading
