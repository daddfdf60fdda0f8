"""Karakeep's (formerly Hoarder's) export: `{"bookmarks": [{createdAt, title, tags, content, note,
archived}], "lists": [...]}`, `createdAt` in Unix seconds, `content` a link (`{type: "link", url}`)
or a text note (`{type: "text", text}`: no page to read, skipped). `archived` counts as read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from techtime.errors import InputError
from techtime.interchange import json_lists
from techtime.interchange.reading_list import Reading, save, text_of, unix_time
from techtime.store.database import Database

NOT_A_LINK = "a note, not a link"


def sniff(content: str | bytes) -> bool:
    data = json_lists.peek(content)
    return isinstance(data, dict) and isinstance(data.get("bookmarks"), list)


def import_karakeep(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    reading = read(text_of(content, "a Karakeep export"), now)
    return save(db, reading, what="Karakeep", source="karakeep", now=now, progress=progress)


def read(text: str, now: datetime) -> Reading:
    data = json_lists.load(text, "a Karakeep export")
    if not isinstance(data, dict) or not isinstance(data.get("bookmarks"), list):
        raise InputError('not a Karakeep export: it has no "bookmarks" list')
    reading = Reading()
    for number, bookmark in enumerate(data["bookmarks"], 1):
        where = f"bookmark {number}"
        if not isinstance(bookmark, dict):
            raise InputError(f"{where}: expected an object with createdAt, title and content")
        content = bookmark.get("content")
        if not isinstance(content, dict) or content.get("type") != "link":
            reading.skipped[NOT_A_LINK] += 1
            continue
        reading.add(
            url=json_lists.text(content, "url", where, required=True),
            title=json_lists.text(bookmark, "title", where),
            captured_at=unix_time(_number(bookmark.get("createdAt"), where), where, "createdAt", now),
            tags=json_lists.names(bookmark.get("tags"), where, "tags"),
            status="read" if bookmark.get("archived") is True else "inbox",
            notes=json_lists.text(bookmark, "note", where),
        )
    return reading


def _number(value: object, where: str) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        if value is None:
            return None
        raise InputError(f"{where}: createdAt {value!r} is not a Unix time (seconds)")
    return float(value)
