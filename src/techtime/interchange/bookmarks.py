"""Netscape bookmark HTML: what every browser exports and imports.

In: nested folders become tags (the browsers' own root folders, such as
"Bookmarks bar", do not), `TAGS` is read too, `ADD_DATE` becomes the capture
time, a `<DD>` after a link becomes its notes, entities are decoded by the
HTML parser (libxml2's through lxml; Python's html.parser where the file is
broken, to name the line, see `import_html`). A file without the DOCTYPE line (Google
Bookmarks' export) is read when its structure is unmistakable: links in `<DT>`
items of `<DL>` lists.

Out: every item with a link, `ADD_DATE` and `TAGS` set, notes as `<DD>`, every
text and attribute escaped (a `"` in a title would end it for bookmarks-converter).
Chromium's importer reads no `TAGS`, so each item also sits in a folder named
after its first tag: Chrome and Edge keep that much, Firefox keeps all of them.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
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
    """All or nothing. The links stream from the parser into the import: no list of them all is held.

    libxml2 (through lxml) reads the file: ~10x Python's html.parser, which is what 100,000 links
    take. It mends a broken file quietly (an unclosed <A> is closed, a stray </DL> dropped) where the
    file must be refused naming its line; so a file it cannot be trusted with, or that is refused, is
    read again by html.parser (the import so far taken back), which tells the line (see `_Unsure`).
    """
    del merge  # a reading list always merges: a link already on the radar is skipped
    _refuse_unless_bookmarks(text)
    if (links := _links_if_marks_pair_up(text)) is not None:
        skipped: Counter[str] = Counter()
        try:
            summary = radar_service.import_entries(
                db,
                _entries_by_lxml(text, now, skipped),
                what="bookmarks",
                source="bookmarks",
                now=now,
                skipped=skipped,
                progress=progress,
                expected=links,
            )
            return str(summary)
        except _Unsure:
            pass
    entries, skipped = _read_with_html_parser(text, now)
    summary = radar_service.import_entries(
        db, entries, what="bookmarks", source="bookmarks", now=now, skipped=skipped, progress=progress
    )
    return str(summary)


def read_html(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    """The bookmarks in a Netscape file, and how many were skipped and why. Refuses a malformed file."""
    _refuse_unless_bookmarks(text)
    if _links_if_marks_pair_up(text) is not None:
        skipped: Counter[str] = Counter()
        try:
            return list(_entries_by_lxml(text, now, skipped)), skipped
        except _Unsure:
            pass
    return _read_with_html_parser(text, now)


def _refuse_unless_bookmarks(text: str) -> None:
    if not sniff_html(text):
        raise InputError(
            f"not a bookmarks file: a browser's export starts with {DOCTYPE} and lists its links as <DT><A HREF=...>"
        )


def _read_with_html_parser(text: str, now: datetime) -> tuple[list[radar_service.Entry], Counter[str]]:
    parser = _Parser(now)
    parser.feed(text)
    parser.close()
    parser.reader.finish()
    return parser.reader.entries, parser.reader.skipped


_CHUNK = 1 << 16  # characters fed to libxml2 at a time: its buffer stays small


def _entries_by_lxml(text: str, now: datetime, skipped: Counter[str]) -> Iterator[radar_service.Entry]:
    """The links as libxml2 reads them, a chunk of the text at a time; `skipped` counts the others.
    Raises _Unsure where html.parser must read the file (it names the line of an error)."""
    from lxml import etree

    reader = _Reader(now, lambda: 0, skipped)
    # The stubs' ParserTarget asks for every optional method (pi, doctype...); lxml calls those it finds.
    parser = etree.HTMLParser(target=_Events(reader), no_network=True, huge_tree=True)  # type: ignore[call-overload]
    try:
        for start in range(0, len(text), _CHUNK):
            parser.feed(text[start : start + _CHUNK])
            yield from reader.take()
        parser.close()
        reader.finish()
    except InputError:
        raise _Unsure from None
    yield from reader.take(every=True)


class _Unsure(Exception):
    """The file is one where libxml2's reading may differ from html.parser's: read it with html.parser."""


# Where each <A>, <H3> and <DL> opens and closes in the text, comments and attribute values included.
_MARKS = re.compile(r"<(/?)(a|h3|dl)(?=[\s/>])", re.IGNORECASE)
# The tags of every browser's export; anything else (a <table>, <li>, <b>...) may be restructured by
# libxml2 (a <p> in an <H3> closes it), so such a file is read by html.parser.
_PLAIN_TAGS = frozenset({"html", "head", "body", "meta", "title", "h1", "dl", "dt", "dd", "h3", "a", "p", "hr", "br"})


def _links_if_marks_pair_up(text: str) -> int | None:
    """How many <A> the text has, if each <A> and <H3> closes before the next opens and no </DL> comes
    without its <DL>: a file where the only tags libxml2 could close for itself are <DT>, <DD> and
    <P>, and the <DL>s left open at the end. None for any other."""
    links = headings = folders = opened = 0
    for mark in _MARKS.finditer(text):  # not findall: a list of 300,000 pairs is 20 MB at 100,000 links
        close, tag = mark[1], mark[2].lower()
        if tag == "a":
            links += -1 if close else 1
            opened += not close
            if links not in (0, 1):
                return None
        elif tag == "h3":
            headings += -1 if close else 1
            if headings not in (0, 1):
                return None
        else:
            folders += -1 if close else 1
            if folders < 0:
                return None
    # A tag cut off at the end (a file that was not fully written) is text to html.parser, lost to libxml2.
    whole = links == 0 and headings == 0 and text.rfind("<") < text.rfind(">")
    return opened if whole else None


_NO_ATTRIBUTES: dict[str, str] = {}


class _Events:
    """lxml's parser target: libxml2's events for the reader, while they are the ones html.parser would
    give. They stop being so where libxml2 mends or restructures the file; the signs of that raise
    _Unsure: a tag outside `_PLAIN_TAGS`, a tag inside a link or a folder's name, words outside the
    elements that hold words (a title cut short by a tag libxml2 took as its end), a tag in a comment,
    a tag after </BODY> (where libxml2 closed the folders)."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self._inside: str | None = None  # an open <A> or <H3>
        self._words = 0  # how many <DD>, <TITLE> and <H1> are open: the words outside links and names
        self._ended = False  # a </BODY> or </HTML> was met: libxml2 closed every <DL> there

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if tag not in _PLAIN_TAGS or self._inside is not None or self._ended:
            raise _Unsure
        if tag in ("a", "h3"):
            self._inside = tag
        elif tag in ("dd", "title", "h1"):
            self._words += 1
        # lxml gives a dict of str (a valueless attribute: ""), or one empty mapping for no attribute.
        self.reader.start(tag, attrib if isinstance(attrib, dict) else _NO_ATTRIBUTES)

    def end(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None
        elif tag in ("dd", "title", "h1"):
            self._words -= 1
        elif tag in ("body", "html"):
            self._ended = True
        self.reader.end(tag)

    def data(self, data: str) -> None:
        if self._inside is None and not self._words:  # between tags: the reader keeps no space there
            if not data.isspace():
                raise _Unsure
            return
        self.reader.data(data)

    def comment(self, text: str) -> None:
        if "<" in text:
            raise _Unsure

    def close(self) -> None:
        pass


@dataclass
class _Link:
    href: str
    attributes: dict[str, str]
    line: int
    tags: tuple[str, ...]
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    """html.parser's events for the reader, which names the line of what is wrong."""

    def __init__(self, now: datetime) -> None:
        super().__init__(convert_charrefs=True)
        self.reader = _Reader(now, lambda: self.getpos()[0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.reader.start(tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        self.reader.end(tag)

    def handle_data(self, data: str) -> None:
        self.reader.data(data)


class _Reader:
    """The links, folders and notes in a parser's events (tag names lower-case, attributes in a dict).
    Browsers write <DT>, <p> and <DD> unclosed: only <DL>, <H3> and <A> are tracked as pairs.
    `line()` is the line the parser is at (0 when it cannot tell)."""

    def __init__(self, now: datetime, line: Callable[[], int], skipped: Counter[str] | None = None) -> None:
        self.now = now
        self.line = line
        self.entries: list[radar_service.Entry] = []  # read and not yet taken
        self.skipped: Counter[str] = Counter() if skipped is None else skipped
        self._folders: list[str | None] = []  # one per open <DL>: its folder's tag, if any
        self._tags: tuple[str, ...] = ()  # the open folders' tags, once each
        self._pending: str | None = None  # the last <H3>'s tag, waiting for its <DL>
        self._heading: list[str] | None = None
        self._heading_is_root = False
        self._link: _Link | None = None
        self._notes: list[str] | None = None
        self._notes_for = False  # whether a <DD> now describes the last entry: the link just before it

    def take(self, *, every: bool = False) -> list[radar_service.Entry]:
        """The entries read since the last take, but the last one, which a <DD> may yet describe."""
        keep = 0 if every or not self.entries else 1
        taken, self.entries = self.entries[: len(self.entries) - keep], self.entries[len(self.entries) - keep :]
        return taken

    # Parser events ----------------------------------------------------------------------------

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in ("dt", "dl", "h3", "a", "dd"):
            self._end_notes()
        if tag in ("dl", "h3", "a"):
            self._notes_for = False  # a <DD> after a folder describes the folder
        if tag == "dl":
            self._folders.append(self._pending)
            self._pending = None
            self._tags = self._folder_tags()
        elif tag == "h3":
            self._heading = []
            self._heading_is_root = any(name in _ROOT_ATTRIBUTES for name in attrs)
        elif tag == "a":
            if self._link is not None:
                raise InputError(f"line {self._link.line}: the link is never closed (</A> missing)")
            self._link = _Link(href=attrs.get("href", "").strip(), attributes=attrs, line=self.line(), tags=self._tags)
        elif tag == "dd" and self._notes_for and self._link is None:
            self._notes = []

    def end(self, tag: str) -> None:
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
            self._tags = self._folder_tags()

    def data(self, data: str) -> None:
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
        raise InputError(f"line {self.line()}: {message}")

    def _folder_tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for tag in self._folders if tag))

    def _end_notes(self) -> None:
        if self._notes is None:
            return
        notes = "".join(self._notes).strip()
        if notes and self._notes_for:
            self.entries[-1] = dataclasses.replace(self.entries[-1], notes=notes)
        self._notes = None
        self._notes_for = False

    def _add(self, link: _Link) -> None:
        if not is_openable(link.href):
            self.skipped[NOT_A_WEB_LINK] += 1
            return
        title = " ".join("".join(link.text).split()) or link.href
        tags = link.tags  # the folders' (a tuple shared by the folder's links), and its own TAGS
        if own := link.attributes.get("tags"):
            own_tags = [normalize_tag(tag) for tag in own.split(",")]
            tags = tuple(dict.fromkeys(tag for tag in (*link.tags, *own_tags) if tag))
        self.entries.append(
            radar_service.Entry(title=title, url=link.href, captured_at=self._added(link), tags=tags, status="inbox")
        )
        self._notes_for = True

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
            return datetime.fromtimestamp(seconds)  # whole seconds: no microseconds
        except (OverflowError, OSError, ValueError):
            raise InputError(f"line {link.line}: ADD_DATE {value!r} is not a date") from None
