"""Pocket's exports, all three: the CSV, the zip of `part_*.csv` files, and the older `ril_export.html`.

The CSV is `title,url,time_added,cursor,tags,status` (older files have no `cursor`: columns are found
by name); tags are separated by `|`; `unread` items land in the inbox and `archive` ones count as read.
Pocket's last export was a zip of CSV files (`part_000000.csv`, ...) in that shape. `ril_export.html`
lists links as `<li><a href time_added tags>` under an "Unread" and a "Read Archive" heading, tags
separated by commas. Karakeep's and Linkwarden's Pocket importers read the same columns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser

from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.interchange.reading_list import (
    NOT_A_WEB_LINK,
    Reading,
    csv_rows,
    decode,
    is_zip,
    save,
    unix_time,
    zip_members,
)
from techtime.services import radar as radar_service
from techtime.store.database import Database

HEADER = ("title", "url", "time_added", "cursor", "tags", "status")
_REQUIRED = ("title", "url", "time_added")
_STATUSES = {"": "inbox", "unread": "inbox", "archive": "read", "archived": "read"}
_PART = re.compile(r"(?:^|/)part_\d+\.csv$")
_RIL_MARKS = re.compile(r"<title>\s*pocket export\s*</title>|<a\s[^>]*\btime_added\s*=", re.IGNORECASE)


def sniff(content: str | bytes) -> bool:
    if isinstance(content, bytes):
        if not is_zip(content):
            return False
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return any(_PART.search(name) for name in archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    return sniff_csv(content) or sniff_html(content)


def sniff_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").partition("\n")[0].strip().lower()
    return first.startswith("title,url,time_added")


def sniff_html(text: str) -> bool:
    """ril_export.html: Pocket's title, or links carrying a time_added attribute."""
    head = text[:65536]
    return "NETSCAPE-BOOKMARK-FILE-1" not in head.upper() and bool(_RIL_MARKS.search(head))


def import_pocket(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Any of Pocket's exports; a row that is wrong refuses the whole file, naming it."""
    del merge  # a reading list always merges: a link already on the radar is skipped
    what = "Pocket zip" if isinstance(content, bytes) else "Pocket HTML" if _is_html(content) else "Pocket CSV"
    return save(db, read(content, now), what=what, source="pocket", now=now, progress=progress)


def _is_html(text: str) -> bool:
    return not sniff_csv(text) and sniff_html(text)


def import_csv(
    db: Database, text: str, now: datetime, *, merge: bool = True, progress: Callable[[int, int], None] | None = None
) -> str:
    del merge
    reading = Reading()
    _read_csv(text, now, reading)
    return save(db, reading, what="Pocket CSV", source="pocket", now=now, progress=progress)


def read(content: str | bytes, now: datetime) -> Reading:
    reading = Reading()
    if isinstance(content, bytes):
        members = zip_members(content, "Pocket export")
        parts = sorted(name for name in members if _PART.search(name))
        if not parts:
            raise InputError("not a Pocket export: the zip holds no part_000000.csv")
        for name in parts:
            _read_csv(decode(members[name], name), now, reading, where=name.rpartition("/")[2])
    elif _is_html(content):
        _read_html(content, now, reading)
    else:
        _read_csv(content, now, reading)
    return reading


def read_csv(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    """The saved items of a Pocket CSV, and what was skipped; a wrong row refuses the whole file."""
    reading = Reading()
    _read_csv(text, now, reading)
    return reading.entries, reading.skipped


def _read_csv(text: str, now: datetime, reading: Reading, *, where: str = "") -> None:
    for row_at, row in csv_rows(text, what="a Pocket CSV", header=HEADER, required=_REQUIRED, where=where):
        status_text = row.get("status", "").strip().lower()
        url = row["url"].strip()
        if not is_openable(url):
            reading.skipped[NOT_A_WEB_LINK] += 1
            continue
        if status_text not in _STATUSES:
            raise InputError(f"{row_at}: unknown status {status_text!r}: Pocket writes unread or archive")
        reading.add(
            url=url,
            title=row["title"],
            captured_at=unix_time(row["time_added"], row_at, "time_added", now),
            tags=row.get("tags", "").split("|"),
            status=_STATUSES.get(status_text, "inbox"),
        )


def _read_html(text: str, now: datetime, reading: Reading) -> None:
    parser = _RilParser()
    parser.feed(text)
    parser.close()
    if not parser.links:
        raise InputError("not a Pocket ril_export.html: it lists no <a href> links")
    for line, section, attributes, title in parser.links:
        where = f"line {line}"
        reading.add(
            url=attributes.get("href"),
            title=title,
            captured_at=unix_time(attributes.get("time_added"), where, "time_added", now),
            tags=(attributes.get("tags") or "").split(","),
            status="read" if "archive" in section.lower() else "inbox",
        )


class _RilParser(HTMLParser):
    """<h1>Unread</h1><ul><li><a href=... time_added=... tags=...>title</a></li>...; <h1>Read Archive</h1>..."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, dict[str, str], str]] = []
        self._section = ""
        self._heading: list[str] | None = None
        self._link: tuple[int, dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._heading = []
        elif tag == "a":
            self._finish_link()
            self._link = (self.getpos()[0], {name: value or "" for name, value in attrs}, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._heading is not None:
            self._section = " ".join("".join(self._heading).split())
            self._heading = None
        elif tag == "a":
            self._finish_link()

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[2].append(data)
        elif self._heading is not None:
            self._heading.append(data)

    def close(self) -> None:
        super().close()
        self._finish_link()

    def _finish_link(self) -> None:
        if self._link is not None:
            line, attributes, text = self._link
            self.links.append((line, self._section, attributes, "".join(text)))
            self._link = None
