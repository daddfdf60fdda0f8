"""OPML 2.0, what feed readers export: `<outline type="rss" text=... xmlUrl=... htmlUrl=...>`, nested
in folder outlines. Each feed becomes a radar item tagged `feed` (and with its folders' names): the
link is the site (`htmlUrl`), else the feed itself; the feed's address goes in the notes.

Read with expat, refusing any DTD or entity declaration (no entity expansion, no external fetch), so
a hostile file can neither blow up nor reach out; errors name the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.interchange.reading_list import NOT_A_WEB_LINK, Reading, save, text_of
from techtime.store.database import Database

FEED_TAG = "feed"
_OPML = re.compile(r"<opml\b", re.IGNORECASE)


def sniff(content: str | bytes) -> bool:
    return isinstance(content, str) and bool(_OPML.search(content[:4096]))


def import_opml(
    db: Database,
    content: str | bytes,
    now: datetime,
    *,
    merge: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    del merge
    return save(db, read(text_of(content, "an OPML file"), now), what="OPML", source="opml", now=now, progress=progress)


def read(text: str, now: datetime) -> Reading:
    from xml.parsers import expat

    reading = Reading()
    folders: list[str | None] = []
    seen_opml = False
    parser = expat.ParserCreate()

    def forbid(*_: object) -> None:
        raise InputError(f"line {parser.CurrentLineNumber}: an OPML file has no DTD or entities; this one declares one")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal seen_opml
        if name == "opml":
            seen_opml = True
            return
        if name != "outline":
            return
        feed = (attributes.get("xmlUrl") or "").strip()
        title = (attributes.get("title") or attributes.get("text") or "").strip()
        if not feed:
            folders.append(title or None)  # a folder: its feeds get its name as a tag
            return
        folders.append(None)
        site = (attributes.get("htmlUrl") or "").strip()
        url = site if is_openable(site) else feed
        if not is_openable(url):
            reading.skipped[NOT_A_WEB_LINK] += 1
            return
        notes = f"Feed: {feed}" if url != feed else ""
        description = (attributes.get("description") or "").strip()
        reading.add(
            url=url,
            title=title,
            captured_at=now,
            tags=[FEED_TAG, *(folder for folder in folders[:-1] if folder)],
            notes="\n\n".join(part for part in (description, notes) if part),
        )

    def end(name: str) -> None:
        if name == "outline" and folders:
            folders.pop()

    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except expat.ExpatError as error:
        raise InputError(f"line {error.lineno}: not well-formed OPML ({expat.ErrorString(error.code)})") from None
    if not seen_opml:
        raise InputError("not an OPML file: it has no <opml> element")
    return reading
