"""Netscape bookmark HTML: what every browser exports and imports.

In: nested folders become tags (the browsers' own root folders, such as
"Bookmarks bar", do not), `TAGS` is read too, `ADD_DATE` becomes the capture
time, a `<DD>` after a link becomes its notes, entities are decoded by the
standard library's HTML parser. A file without the DOCTYPE line (Google
Bookmarks' export) is read when its structure is unmistakable: links in `<DT>`
items of `<DL>` lists.

Out: every item with a link, `ADD_DATE` and `TAGS` set, notes as `<DD>`, every
text and attribute escaped (a `"` in a title would end it for bookmarks-converter).
Chromium's importer reads no `TAGS`, so each item also sits in a folder named
after its first tag: Chrome and Edge keep that much, Firefox keeps all of them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser

from techtime.domain.radar import normalize_tag
from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.services import radar as radar_service
from techtime.store import radar
from techtime.store.database import Database
from techtime.store.radar import RadarItem

DOCTYPE = "<!DOCTYPE NETSCAPE-Bookmark-file-1>"
# Folders every browser has; they say where a bookmark sat, not what it is about.
_ROOT_FOLDERS = {
    "bookmarks bar",
    "bookmarks toolbar",
    "bookmarks menu",
    "other bookmarks",
    "mobile bookmarks",
    "favorites bar",
    "favourites bar",
    "imported",
}
_ROOT_ATTRIBUTES = {"personal_toolbar_folder", "unfiled_bookmarks_folder"}
NOT_A_WEB_LINK = "not a web link"
_DL = re.compile(r"<dl\b", re.IGNORECASE)
_DT_LINK = re.compile(r"<dt>\s*<a\s[^>]*\bhref\s*=", re.IGNORECASE)


def export_html(db: Database, today: date) -> str:
    del today  # every item with a link, whatever the date
    lines = [
        DOCTYPE,
        "<!-- This is an automatically generated file.",
        "     It will be read and overwritten.",
        "     DO NOT EDIT! -->",
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
        "<TITLE>Bookmarks</TITLE>",
        "<H1>Bookmarks</H1>",
        "<DL><p>",
    ]
    folders: dict[str, list[RadarItem]] = {}
    loose: list[RadarItem] = []
    for item in radar.items_with_url(db):
        if item.tags:
            folders.setdefault(item.tags[0], []).append(item)
        else:
            loose.append(item)
    for tag in sorted(folders):
        lines.append(f"    <DT><H3>{_text(tag)}</H3>")
        lines.append("    <DL><p>")
        lines += _links(folders[tag], "        ")
        lines.append("    </DL><p>")
    lines += _links(loose, "    ")
    lines.append("</DL><p>")
    return "\n".join(lines) + "\n"


def _links(items: list[RadarItem], indent: str) -> list[str]:
    lines = []
    for item in items:
        added = int(datetime.fromisoformat(item.captured_at).timestamp())
        attributes = f'HREF="{_text(item.url or "")}" ADD_DATE="{added}"'
        if item.tags:
            attributes += f' TAGS="{_text(",".join(item.tags))}"'
        lines.append(f"{indent}<DT><A {attributes}>{_text(item.title)}</A>")
        if item.notes.strip():
            lines.append(f"{indent}<DD>{_text(item.notes.strip())}")
    return lines


def _text(value: str) -> str:
    """Escaped for HTML text and attribute values alike (&, <, >, " and ')."""
    return html.escape(value, quote=True)


def sniff_html(text: str) -> bool:
    """A browser's bookmarks: the Netscape DOCTYPE, or without it, links in <DT> items of <DL> lists."""
    return "NETSCAPE-BOOKMARK-FILE-1" in text[:2048].upper() or bool(
        _DL.search(text[:65536]) and _DT_LINK.search(text[:65536])
    )


def import_html(
    db: Database, text: str, now: datetime, *, merge: bool = True, progress: Callable[[int, int], None] | None = None
) -> str:
    del merge  # a reading list always merges: a link already on the radar is skipped
    entries, skipped = read_html(text, now)
    summary = radar_service.import_entries(
        db, entries, what="bookmarks", source="bookmarks", now=now, skipped=skipped, progress=progress
    )
    return str(summary)


def read_html(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    """The bookmarks in a Netscape file, and how many were skipped and why. Refuses a malformed file."""
    if not sniff_html(text):
        raise InputError(
            f"not a bookmarks file: a browser's export starts with {DOCTYPE} and lists its links as <DT><A HREF=...>"
        )
    parser = _Parser(now)
    parser.feed(text)
    parser.close()
    parser.finish()
    return parser.entries, parser.skipped


@dataclass
class _Link:
    href: str
    attributes: dict[str, str]
    line: int
    tags: tuple[str, ...]
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    """Browsers write <DT>, <p> and <DD> unclosed: only <DL>, <H3> and <A> are tracked as pairs."""

    def __init__(self, now: datetime) -> None:
        super().__init__(convert_charrefs=True)
        self.now = now
        self.entries: list[radar_service.Entry] = []
        self.skipped: Counter[str] = Counter()
        self._folders: list[str | None] = []  # one per open <DL>: its folder's tag, if any
        self._pending: str | None = None  # the last <H3>'s tag, waiting for its <DL>
        self._heading: list[str] | None = None
        self._heading_is_root = False
        self._link: _Link | None = None
        self._notes: list[str] | None = None
        self._notes_for: int | None = None  # the entry a <DD> describes: the link just before it

    # Parser callbacks -------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("dt", "dl", "h3", "a", "dd"):
            self._end_notes()
        if tag in ("dl", "h3", "a"):
            self._notes_for = None  # a <DD> after a folder describes the folder
        if tag == "dl":
            self._folders.append(self._pending)
            self._pending = None
        elif tag == "h3":
            self._heading = []
            self._heading_is_root = any(name in _ROOT_ATTRIBUTES for name, _ in attrs)
        elif tag == "a":
            if self._link is not None:
                raise InputError(f"line {self._link.line}: the link is never closed (</A> missing)")
            self._link = _Link(
                href=(dict(attrs).get("href") or "").strip(),
                attributes={name: value or "" for name, value in attrs},
                line=self.getpos()[0],
                tags=self._folder_tags(),
            )
        elif tag == "dd" and self._notes_for is not None and self._link is None:
            self._notes = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._heading is not None:
            name = " ".join("".join(self._heading).split())
            root = self._heading_is_root or name.lower() in _ROOT_FOLDERS
            self._pending = None if root or not name else normalize_tag(name)
            self._heading = None
        elif tag == "a":
            if self._link is None:
                self._error("</A> without a link to close")
            self._add(self._link)  # type: ignore[arg-type]
            self._link = None
        elif tag == "dl":
            self._end_notes()
            if not self._folders:
                self._error("</DL> closes a folder that was never opened")
            self._folders.pop()

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text.append(data)
        elif self._heading is not None:
            self._heading.append(data)
        elif self._notes is not None:
            self._notes.append(data)

    # ------------------------------------------------------------------------------------------

    def finish(self) -> None:
        if self._link is not None:
            raise InputError(f"line {self._link.line}: the link is never closed (</A> missing)")
        self._end_notes()

    def _error(self, message: str) -> None:
        raise InputError(f"line {self.getpos()[0]}: {message}")

    def _folder_tags(self) -> tuple[str, ...]:
        return tuple(tag for tag in self._folders if tag)

    def _end_notes(self) -> None:
        if self._notes is None:
            return
        notes = "".join(self._notes).strip()
        if notes and self._notes_for is not None:
            entry = self.entries[self._notes_for]
            self.entries[self._notes_for] = radar_service.Entry(**{**entry.__dict__, "notes": notes})
        self._notes = None
        self._notes_for = None

    def _add(self, link: _Link) -> None:
        if not is_openable(link.href):
            self.skipped[NOT_A_WEB_LINK] += 1
            return
        title = " ".join("".join(link.text).split()) or link.href
        own_tags = [normalize_tag(tag) for tag in link.attributes.get("tags", "").split(",")]
        tags = tuple(dict.fromkeys(tag for tag in (*link.tags, *own_tags) if tag))
        self.entries.append(
            radar_service.Entry(title=title, url=link.href, captured_at=self._added(link), tags=tags, status="inbox")
        )
        self._notes_for = len(self.entries) - 1

    def _added(self, link: _Link) -> datetime:
        value = link.attributes.get("add_date", "").strip()
        if value in ("", "0"):
            return self.now
        try:
            seconds = int(value)
        except ValueError:
            raise InputError(f"line {link.line}: ADD_DATE {value!r} is not a Unix time (seconds)") from None
        # Some tools write milliseconds or microseconds; seconds stay below 1e11 until the year 5138.
        while seconds >= 10**11:
            seconds //= 1000
        try:
            return datetime.fromtimestamp(seconds).replace(microsecond=0)
        except (OverflowError, OSError, ValueError):
            raise InputError(f"line {link.line}: ADD_DATE {value!r} is not a date") from None
