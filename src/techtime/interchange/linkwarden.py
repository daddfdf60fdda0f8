"""Linkwarden's backup (Settings → Migrate data → export): the account as JSON, its `collections`
each with `links` `{name, url, description, tags: [{name}], createdAt, importDate}`. A collection's
name becomes a tag, as a browser's folder does; the link's description becomes its notes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from techtime.errors import InputError
from techtime.interchange import json_lists
from techtime.interchange.reading_list import Reading, iso_time, save, text_of
from techtime.store.database import Database


def sniff(content: str | bytes) -> bool:
    data = json_lists.peek(content)
    return (
        isinstance(data, dict)
        and isinstance(data.get("collections"), list)
        and all(isinstance(c, dict) and "links" in c for c in data["collections"][:5])
    )


def import_linkwarden(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    reading = read(text_of(content, "a Linkwarden backup"), now)
    return save(db, reading, what="Linkwarden", source="linkwarden", now=now, progress=progress)


def read(text: str, now: datetime) -> Reading:
    data = json_lists.load(text, "a Linkwarden backup")
    if not isinstance(data, dict) or not isinstance(data.get("collections"), list):
        raise InputError("not a Linkwarden backup: it has no collections")
    reading = Reading()
    for index, collection in enumerate(data["collections"], 1):
        if not isinstance(collection, dict) or not isinstance(collection.get("links"), list):
            raise InputError(f"collection {index}: expected an object with name and links")
        name = json_lists.text(collection, "name", f"collection {index}")
        for number, link in enumerate(collection["links"], 1):
            where = f"collection {name or index!r}, link {number}"
            if not isinstance(link, dict):
                raise InputError(f"{where}: expected an object with url and name")
            reading.add(
                url=json_lists.text(link, "url", where),  # a PDF or an image upload has none
                title=json_lists.text(link, "name", where),
                captured_at=iso_time(link.get("importDate") or link.get("createdAt"), where, "createdAt", now),
                tags=[name, *json_lists.names(link.get("tags"), where, "tags")],
                notes=json_lists.text(link, "description", where),
            )
    return reading
