"""Omnivore's export: a zip of `metadata_*.json` files (or one such file), each a list of saved pages
`{id, slug, title, description, author, url, state, readingProgress, thumbnail, labels, savedAt,
updatedAt, publishedAt}`. `state` Archived counts as read; `labels` become tags; `savedAt` is ISO 8601.
(Karakeep's and Linkwarden's Omnivore importers read the same fields.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from techtime.errors import InputError
from techtime.interchange import json_lists
from techtime.interchange.reading_list import Reading, decode, is_zip, iso_time, save, zip_members
from techtime.store.database import Database

_METADATA = re.compile(r"(?:^|/)metadata_[^/]*\.json$")


def sniff(content: str | bytes) -> bool:
    if isinstance(content, bytes):
        if not is_zip(content):
            return False
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return any(_METADATA.search(name) for name in archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    data = json_lists.peek(content)
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and {"url", "savedAt"} <= set(data[0])
        and bool({"slug", "labels", "state"} & set(data[0]))
    )


def import_omnivore(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    return save(db, read(content, now), what="Omnivore", source="omnivore", now=now, progress=progress)


def read(content: str | bytes, now: datetime) -> Reading:
    reading = Reading()
    if isinstance(content, bytes):
        members = zip_members(content, "Omnivore export")
        files = sorted(name for name in members if _METADATA.search(name))
        if not files:
            raise InputError("not an Omnivore export: the zip holds no metadata_*.json")
        for name in files:
            short = name.rpartition("/")[2]
            _read(json_lists.load(decode(members[name], short), f"an Omnivore export ({short})"), now, reading, short)
    else:
        _read(json_lists.load(content, "an Omnivore export"), now, reading, "")
    return reading


def _read(data: object, now: datetime, reading: Reading, file: str) -> None:
    prefix = f"{file}, " if file else ""
    if not isinstance(data, list):
        raise InputError(f"{prefix}not an Omnivore export: it is a list of saved pages")
    for number, item in enumerate(data, 1):
        where = f"{prefix}item {number}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object with url, title and savedAt")
        state = json_lists.text(item, "state", where)
        reading.add(
            url=json_lists.text(item, "url", where, required=True),
            title=json_lists.text(item, "title", where),
            captured_at=iso_time(item.get("savedAt"), where, "savedAt", now),
            tags=json_lists.names(item.get("labels"), where, "labels"),
            status="read" if state.lower() == "archived" else "inbox",
        )
