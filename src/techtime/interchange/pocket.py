"""Pocket's CSV export: `title,url,time_added,cursor,tags,status`.

Tags are separated by `|`; `unread` items land in the inbox and `archive`
ones count as read. Older exports have no `cursor` column: columns are found
by the header's names.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from techtime.domain.radar import normalize_tag
from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.interchange.bookmarks import NOT_A_WEB_LINK
from techtime.services import radar as radar_service
from techtime.store.database import Database

HEADER = ("title", "url", "time_added", "cursor", "tags", "status")
_REQUIRED = ("title", "url", "time_added")
_STATUSES = {"": "inbox", "unread": "inbox", "archive": "read", "archived": "read"}


def sniff_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").partition("\n")[0].strip().lower()
    return first.startswith("title,url,time_added")


def import_csv(
    db: Database, text: str, now: datetime, *, merge: bool = True, progress: Callable[[int, int], None] | None = None
) -> str:
    del merge  # a reading list always merges: a link already on the radar is skipped
    entries, skipped = read_csv(text, now)
    summary = radar_service.import_entries(
        db, entries, what="Pocket CSV", source="pocket", now=now, skipped=skipped, progress=progress
    )
    return str(summary)


def read_csv(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    """The saved items of a Pocket export; a row that is wrong refuses the whole file, naming its line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    entries: list[radar_service.Entry] = []
    skipped: Counter[str] = Counter()
    line = 1
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            raise InputError(
                f"not a Pocket CSV: the header should be {','.join(HEADER)} (missing {', '.join(missing)})"
            )
        index = {name: header.index(name) for name in header}
        line = reader.line_num + 1  # where the next record starts (a quoted value may span lines)
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(value.strip() for value in row):
                continue
            if len(row) != len(header):
                raise InputError(f"line {start}: expected {len(header)} values like the header, found {len(row)}")
            url = row[index["url"]].strip()
            if not is_openable(url):
                skipped[NOT_A_WEB_LINK] += 1
                continue
            status_text = row[index["status"]].strip().lower() if "status" in index else ""
            if status_text not in _STATUSES:
                raise InputError(f"line {start}: unknown status {status_text!r}: Pocket writes unread or archive")
            tags = row[index["tags"]].split("|") if "tags" in index else []
            entries.append(
                radar_service.Entry(
                    title=" ".join(row[index["title"]].split()) or url,
                    url=url,
                    captured_at=_time_added(row[index["time_added"]], start, now),
                    tags=tuple(dict.fromkeys(tag for tag in map(normalize_tag, tags) if tag)),
                    status=_STATUSES[status_text],
                )
            )
    except csv.Error as error:
        raise InputError(f"line {line}: {error}") from None
    return entries, skipped


def _time_added(value: str, line: int, now: datetime) -> datetime:
    value = value.strip()
    if not value:
        return now
    try:
        return datetime.fromtimestamp(int(value)).replace(microsecond=0)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"line {line}: time_added {value!r} is not a Unix time (seconds)") from None
