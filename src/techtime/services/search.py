"""Search everything: one query over every area's words, as you type.

Each area names its provider in the registry (`Area.search`: "module:function(db, text, limit) ->
list[Hit]"); `search` asks them all, in registry order. A Hit says which area's screen opens it and
which row that screen highlights.
"""

from __future__ import annotations

from techtime import areas
from techtime.records import NamedTuple
from techtime.store import search as store
from techtime.store.database import Database

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Provider = Callable[[Database, str, int], "list[Hit]"]

PER_AREA = 20


class Hit(NamedTuple):
    """One thing found. `area`: the registry key of the screen that opens it; `id`: the row that
    screen highlights (a failure mode opens its dive); `kind`: what it is, in words; `snippet`: the
    matching text as parts, True for the words that matched."""

    area: str
    kind: str
    id: int
    title: str
    snippet: tuple[tuple[str, bool], ...]
    when: str = ""  # the day it is about, ISO


def search(db: Database, text: str, *, per_area: int = PER_AREA) -> list[Hit]:
    """Every area's hits for `text`, area by area in registry order, newest first within each."""
    if store.fts_query(text) is None:
        return []
    hits: list[Hit] = []
    for area in areas.AREAS:
        if area.search:
            provider: Provider = areas.resolve(area.search)
            hits += provider(db, text, per_area)
    return hits


def snippet_parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    """ "a \\x02kafka\\x03 topic" as (("a ", False), ("kafka", True), (" topic", False))."""
    parts: list[tuple[str, bool]] = []
    for index, piece in enumerate(snippet.split(store.MARK_START)):
        matched, _, rest = piece.partition(store.MARK_END) if index else ("", "", piece)
        if matched:
            parts.append((matched, True))
        if rest:
            parts.append((rest, False))
    return tuple(parts)


# The providers of the areas that have been there from the start ------------------------------------


def notes(db: Database, text: str, limit: int) -> list[Hit]:
    found = store.search(db, "inbox_note", text, columns=("text", "created_at", "filed_at"), limit=limit)
    return [
        Hit(
            "today",
            "filed note" if row.values["filed_at"] else "inbox note",
            row.id,
            row.values["text"],
            snippet_parts(row.snippet),
            row.values["created_at"][:10],
        )
        for row in found
    ]


def radar(db: Database, text: str, limit: int) -> list[Hit]:
    found = store.search(db, "radar_item", text, columns=("title", "status", "captured_at"), limit=limit)
    return [
        Hit(
            "radar",
            f"radar item, {row.values['status']}",
            row.id,
            row.values["title"],
            snippet_parts(row.snippet),
            row.values["captured_at"][:10],
        )
        for row in found
    ]


def dives(db: Database, text: str, limit: int) -> list[Hit]:
    found = store.search(db, "deep_dive", text, columns=("title", "quarter"), limit=limit)
    hits = [
        Hit("dives", f"deep dive, {row.values['quarter']}", row.id, row.values["title"], snippet_parts(row.snippet))
        for row in found
    ]
    modes = store.search(db, "failure_mode", text, columns=("failure", "dive_id"), limit=limit)
    hits += [
        Hit("dives", "failure mode", row.values["dive_id"], row.values["failure"], snippet_parts(row.snippet))
        for row in modes
    ]
    return hits[:limit]


def pairing(db: Database, text: str, limit: int) -> list[Hit]:
    from techtime.store import people

    found = store.search(db, "pairing_session", text, columns=("topic", "person_id", "date"), limit=limit)
    handles = {person.id: person.handle for person in people.list_people(db)}
    return [
        Hit(
            "pairing",
            "pairing session",
            row.id,
            f"@{handles.get(row.values['person_id'], '?')} {row.values['topic']}".strip(),
            snippet_parts(row.snippet),
            row.values["date"],
        )
        for row in found
    ]


def practices(db: Database, text: str, limit: int) -> list[Hit]:
    from techtime.store import practices as practice_store

    found = store.search(db, "practice_log", text, columns=("note", "practice_id", "done_on"), limit=limit)
    names = {practice.id: practice.name for practice in practice_store.load_practices(db)}
    return [
        Hit(
            "practices",
            f"{names.get(row.values['practice_id'], 'practice')} log",
            row.id,
            row.values["note"],
            snippet_parts(row.snippet),
            row.values["done_on"],
        )
        for row in found
    ]
