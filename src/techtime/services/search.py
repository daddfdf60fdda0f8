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
    part: int = 0  # a row within that one the screen highlights too (a dive's failure mode); 0: none


def searchable(text: str) -> bool:
    """Is there anything in `text` to search for (a word, not only spaces and quotes)?"""
    return store.fts_query(text) is not None


def search(db: Database, text: str, *, per_area: int = PER_AREA, stop: Callable[[], bool] | None = None) -> list[Hit]:
    """Every area's hits for `text`, area by area in registry order, newest first within each.

    `stop`: asked before each area; True abandons the search (a newer keystroke wants the connection)."""
    if store.fts_query(text) is None:
        return []
    hits: list[Hit] = []
    for area in areas.AREAS:
        if stop is not None and stop():
            return hits
        if area.search:
            provider: Provider = areas.resolve(area.search)
            hits += provider(db, text, per_area)
    return hits


class Searcher:
    """Search as you type on a connection of its own, for thread workers (the screen's connection stays on
    the UI thread). One search runs at a time; `interrupt()`, called by the UI thread when a key is
    typed, stops the one running at once (its query is interrupted, its later areas skipped), so a
    keystroke never waits for the one before it to finish."""

    def __init__(self, path: str) -> None:
        import threading

        self._path = path
        self._db: Database | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self._closed = False

    def interrupt(self) -> int:
        """Stop the running search; returns the number the next search is to be run with."""
        self._generation += 1
        if self._db is not None:
            self._db.conn.interrupt()
        return self._generation

    def search(self, text: str, generation: int) -> list[Hit] | None:
        """The hits for `text`, or None when a newer search (or closing) came first."""
        import sqlite3

        def stale() -> bool:
            return self._closed or generation != self._generation

        with self._lock:  # one statement at a time: an interrupt never reaches the next search's queries
            if stale():
                return None
            if self._db is None:
                self._db = store.reader(self._path)
            try:
                hits = search(self._db, text, stop=stale)
            except sqlite3.OperationalError as error:
                if "interrupt" in str(error):
                    return None
                raise
            return None if stale() else hits

    def close(self) -> None:
        self._closed = True
        self._generation += 1
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


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
        Hit(
            "dives",
            "failure mode",
            row.values["dive_id"],
            row.values["failure"],
            snippet_parts(row.snippet),
            part=row.id,
        )
        for row in modes
    ]
    return hits[:limit]


def pairing(db: Database, text: str, limit: int) -> list[Hit]:
    """Sessions with engineers by their topic, notes and learnings, and by the answers to the questions
    asked in them (a technical 1-on-1's); each says its kind."""
    from techtime.domain.pairing import kind_word
    from techtime.store import pairing as sessions
    from techtime.store import people

    found = store.search(db, "pairing_session", text, columns=("topic", "person_id", "date", "kind"), limit=limit)
    answers = store.search(
        db, "question_answer", text, columns=("session_id",), where="t.session_id IS NOT NULL", limit=limit
    )
    handles = {person.id: person.handle for person in people.list_people(db)}
    hits = [
        Hit(
            "pairing",
            kind_word(row.values["kind"]) if row.values["kind"] != "pairing" else "pairing session",
            row.id,
            f"@{handles.get(row.values['person_id'], '?')} {row.values['topic']}".strip(),
            snippet_parts(row.snippet),
            row.values["date"],
        )
        for row in found
    ]
    for row in answers:
        session = sessions.get_session(db, row.values["session_id"])
        if session is not None:
            title = f"@{session.handle} {session.topic}".strip()
            hits.append(
                Hit(
                    "pairing",
                    f"answer in a {kind_word(session.kind)}",
                    session.id,
                    title,
                    snippet_parts(row.snippet),
                    session.date.isoformat(),
                )
            )
    return hits[:limit]


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
