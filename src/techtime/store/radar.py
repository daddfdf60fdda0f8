"""Radar items: the reading list and the technology radar."""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from datetime import date, datetime

from techtime.domain.radar import Move, RadarFilter
from techtime.domain.urls import normalize_url
from techtime.records import NamedTuple
from techtime.store.database import Database, insert_many, inserted_id, plain_indexes, stamp, to_date, update_row
from techtime.store.schema import captured_key, filled_in_bulk, radar_index_rows
from techtime.store.search import ID_MASK, facet, first_that_matches, fts_fallbacks, fts_query, in_columns

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from techtime.store.trash import Change

    T = TypeVar("T")

_COLUMNS = "id, title, url, tags, status, ring, quadrant, notes, source, captured_at, read_at, dive_id"
_ITEM = ", ".join(f"t.{column}" for column in _COLUMNS.split(", "))  # the same, of radar_item as t
_KEY = captured_key("t")  # the captured order (newest first: DESC), which radar_item_key indexes


class RadarItem(NamedTuple):
    """One item as stored: `tags` a tuple of str, `captured_at`/`read_at` timestamps as text;
    `url`, `ring`, `quadrant`, `read_at` and `dive_id` may be None.

    A named tuple, not a dataclass: `techtime add` and `techtime today` load this module, and
    importing dataclasses costs ~8 ms of their start-up budget.
    """

    id: int
    title: str
    url: str | None
    tags: tuple[str, ...]
    status: str
    ring: str | None
    quadrant: str | None
    notes: str
    source: str
    captured_at: str
    read_at: str | None
    dive_id: int | None

    @property
    def captured_on(self) -> date:
        return to_date(self.captured_at)  # type: ignore[return-value]


def item_from_row(row: sqlite3.Row) -> RadarItem:
    """An item from a row of radar_item (read by the caller, e.g. kept for undo)."""
    return _item(row)


def _item(row: sqlite3.Row) -> RadarItem:
    return RadarItem(
        id=row["id"],
        title=row["title"],
        url=row["url"],
        tags=tuple(json.loads(row["tags"])),
        status=row["status"],
        ring=row["ring"],
        quadrant=row["quadrant"],
        notes=row["notes"],
        source=row["source"],
        captured_at=row["captured_at"],
        read_at=row["read_at"],
        dive_id=row["dive_id"],
    )


def find_by_url(db: Database, url: str | None) -> RadarItem | None:
    key = normalize_url(url)
    if key is None:
        return None
    row = db.one(f"SELECT {_COLUMNS} FROM radar_item WHERE url_key = ?", (key,))
    return _item(row) if row else None


def add_item(
    db: Database,
    *,
    title: str,
    now: datetime,
    url: str | None = None,
    tags: Sequence[str] = (),
    ring: str | None = None,
    quadrant: str | None = None,
    notes: str = "",
    source: str = "capture",
    status: str = "inbox",
) -> int:
    """Insert one item (in the caller's transaction or its own) and record its first ring."""
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO radar_item (title, url, url_key, source, tags, status, ring, quadrant, notes,"
            " captured_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                title,
                url,
                normalize_url(url),
                source,
                json.dumps(list(tags)),
                status,
                ring,
                quadrant,
                notes,
                stamp(now),
                stamp(now),
            ),
        )
        item_id = inserted_id(cursor)
        if ring or quadrant:
            conn.execute(
                "INSERT INTO radar_move (item_id, moved_on, ring, quadrant) VALUES (?, ?, ?, ?)",
                (item_id, now.date().isoformat(), ring, quadrant),
            )
    return item_id


def get_item(db: Database, item_id: int) -> RadarItem | None:
    row = db.one(f"SELECT {_COLUMNS} FROM radar_item WHERE id = ?", (item_id,))
    return _item(row) if row else None


def count_by_status(db: Database) -> dict[str, int]:
    return {row[0]: row[1] for row in db.rows("SELECT status, count(*) FROM radar_item GROUP BY status")}


def count_in_status(db: Database, status: str) -> int:
    """One status's count: a range of the status index, not a scan of every item like count_by_status."""
    return int(db.scalar("SELECT count(*) FROM radar_item WHERE status = ?", (status,)))


def has_items(db: Database) -> bool:
    return bool(db.scalar("SELECT EXISTS (SELECT 1 FROM radar_item)"))


def oldest_in_inbox(db: Database) -> RadarItem | None:
    row = db.one(f"SELECT {_ITEM} FROM radar_item t WHERE t.status = 'inbox' ORDER BY {_KEY} LIMIT 1")
    return _item(row) if row else None


def list_items(db: Database, *, status: str | None = None, limit: int = 200, offset: int = 0) -> list[RadarItem]:
    """Newest first; the Radar screen's own issue brings filters, search and paging."""
    where, params = ("WHERE t.status = ?", [status]) if status else ("", [])
    rows = db.rows(
        f"SELECT {_ITEM} FROM radar_item t {where} ORDER BY {_KEY} DESC LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return [_item(row) for row in rows]


_UNDOABLE = frozenset({"title", "url", "tags", "notes"})  # text a user would hate to lose to a slip
_EDITABLE = frozenset({"title", "url", "source", "tags", "status", "ring", "quadrant", "notes", "read_at", "dive_id"})


def update_item(db: Database, item_id: int, *, now: datetime, **fields: Any) -> None:
    """Change an item; a new ring or quadrant is also written to its history."""
    if "tags" in fields:
        fields["tags"] = json.dumps(list(fields["tags"]))
    if "url" in fields:
        fields["url_key"] = normalize_url(fields["url"])
    with db.transaction() as conn:
        before = get_item(db, item_id)
        update_row(
            db,
            "radar_item",
            item_id,
            {**fields, "updated_at": stamp(now)},
            _EDITABLE | {"url_key", "updated_at"},
            remember=_UNDOABLE | {"url_key"} if "url" in fields else _UNDOABLE,
            now=now,
        )
        after = get_item(db, item_id)
        if before and after and (before.ring, before.quadrant) != (after.ring, after.quadrant):
            conn.execute(
                "INSERT INTO radar_move (item_id, moved_on, ring, quadrant) VALUES (?, ?, ?, ?)",
                (item_id, now.date().isoformat(), after.ring, after.quadrant),
            )


def change_item(db: Database, change: Change, before: RadarItem, *, now: datetime, **fields: Any) -> RadarItem:
    """Change an item kept by `change` (trash.recording): one UPDATE, the new ring in its history, both undone
    by one `u`. Columns come from the allow-list, never from input. Returns the item as it is now."""
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValueError(f"cannot update radar_item.{', '.join(sorted(unknown))}")
    if "tags" in fields:
        fields["tags"] = json.dumps(list(fields["tags"]))
    if "url" in fields:
        fields["url_key"] = normalize_url(fields["url"])
    fields["updated_at"] = stamp(now)
    with db.transaction() as conn:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        # fetchall: a RETURNING statement must run to its end before the transaction commits.
        (row,) = conn.execute(
            f"UPDATE radar_item SET {assignments} WHERE id = ? RETURNING *", [*fields.values(), before.id]
        ).fetchall()
        change.saw("radar_item", row)
        after = _item(row)
        if (before.ring, before.quadrant) != (after.ring, after.quadrant):
            cursor = conn.execute(
                "INSERT INTO radar_move (item_id, moved_on, ring, quadrant) VALUES (?, ?, ?, ?)",
                (after.id, now.date().isoformat(), after.ring, after.quadrant),
            )
            change.created("radar_move", int(cursor.lastrowid or 0))
    return after


def items_for_dive(db: Database, dive_id: int) -> list[RadarItem]:
    return [
        _item(row) for row in db.rows(f"SELECT {_COLUMNS} FROM radar_item WHERE dive_id = ? ORDER BY id", (dive_id,))
    ]


# The table: filtered, searched, sorted, a page at a time ------------------------------------
#
# Every list is read in an index's order, a page at a time (issue 18: a keystroke at 100,000 items reads
# a page, not every match). The captured order is the capture key (store.schema.captured_key). A filter
# is one query of the radar's full-text index, which is keyed by it and holds a token for each status,
# ring, quadrant and tag: FTS5 intersects the words and facets itself and gives the newest first, so a
# page or a bounded count stops early whatever the filter. Everything else reads the radar_item_key,
# status, title and ring-order indexes.

# Sort keys from the UI reach SQL only through this allow-list.
_ORDER_BY = {
    "captured": f"{_KEY} DESC",
    "title": "t.title COLLATE NOCASE, t.id",
    # The radar's own order: rings from the centre out, quadrants as the picture's legend lists them.
    "ring": "CASE t.ring WHEN 'adopt' THEN 0 WHEN 'trial' THEN 1 WHEN 'assess' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END,"
    " CASE t.quadrant WHEN 'techniques' THEN 0 WHEN 'platforms' THEN 1 WHEN 'tools' THEN 2"
    " WHEN 'languages-frameworks' THEN 3 ELSE 4 END, t.title COLLATE NOCASE, t.id",
}
_TEXT = ("title", "url", "tags", "notes")  # the index's columns of words (its last one holds the facets)
_INDEX = f"radar_item_fts f CROSS JOIN radar_item t ON t.id = (f.rowid & {ID_MASK})"


class _Select(NamedTuple):
    """The items a filter selects: `source` (FROM, the item as t) and `where`, with `params`; `key`
    the capture key as the source gives it, in its own order; `alone` the source without the item,
    enough to count them."""

    source: str
    where: str
    params: list[Any]
    key: str
    alone: str


def match(query: RadarFilter, words: str | None = None) -> str | None:
    """The filter as one FTS5 query of the radar's index (None: nothing to ask it, or nothing typed that
    can match, see `_select`). Values become tokens (store.search.facet), never query syntax. `words`:
    the query of its text, if not the text as typed (a stem's, see `_read`)."""
    parts = []
    if query.text.strip():
        words = words or fts_query(query.text)
        if words is None:
            return None
        parts.append(in_columns(_TEXT, words))
    tokens = [facet("t", tag) for tag in query.tags]
    for name, value in (("s", query.status), ("r", query.ring), ("q", query.quadrant)):
        if value:
            tokens.append(facet(name, None if value == "none" else value))
    if tokens:
        parts.append("facets : (" + " ".join(f'"{token}"' for token in tokens) + ")")
    return " AND ".join(parts) or None


def _select(query: RadarFilter, *, stems: bool = False) -> _Select:
    """The filter's select; with `stems`, the select of the stems its last word may have passed instead
    (store.search.fts_fallbacks: there must be some), the longest that matches."""
    if query.text.strip() and fts_query(query.text) is None:
        return _Select("radar_item t", " WHERE 0", [], _KEY, "radar_item t")  # nothing searchable typed
    if not (query.text.strip() or query.tags or query.ring or query.quadrant):
        if query.status:  # a range of the status index, in captured order
            return _Select("radar_item t", " WHERE t.status = ?", [query.status], _KEY, "radar_item t")
        return _Select("radar_item t", "", [], _KEY, "radar_item t")
    queries = [match(query, words) for words in fts_fallbacks(query.text)] if stems else [match(query)]
    words, params = first_that_matches("radar_item_fts", [each for each in queries if each is not None])
    return _Select(_INDEX, f" WHERE f.radar_item_fts MATCH {words}", params, "f.rowid", "radar_item_fts f")


def _typed_past_stem(query: RadarFilter) -> bool:
    """Whether the filter's last word may have been typed past its stem (store.search.fts_fallbacks)."""
    return bool(fts_fallbacks(query.text))


# Where a filter's words as typed matched nothing, `count_items` notes whether the stems its last word may
# have passed match (db.noted[_STEMS] = the filter and that), so that the page then read agrees with the
# count and costs no more statements.
_STEMS = "radar: the stems of the words a count found nothing for"


def _read(db: Database, query: RadarFilter, read: Callable[[_Select], T], nothing: T, *, decisive: bool) -> T:
    """`read` of the filter's select; where its words as typed match nothing while the last one is typed
    past its stem ("sourci" of "sourcing", stem "sourc"), of the stems' select instead, so that the list
    does not empty mid-word. `nothing`: what `read` gives for no row. `decisive`: it then means the words
    match nothing (a count, a first page); else that is asked. A keystroke whose words match sends no
    statement more: only a read that found nothing asks again, or what the count noted is used."""
    if not _typed_past_stem(query):
        return read(_select(query))
    noted = db.noted.get(_STEMS)
    if noted is not None and noted[0] == db.conn.total_changes and noted[1][0] == query:
        return read(_select(query, stems=True)) if noted[1][1] else nothing
    found = read(_select(query))
    if found != nothing or (not decisive and _count(db, _select(query), 1)):
        return found
    return read(_select(query, stems=True))


# The index that reads each of the other sorts in order. With a filter that selects many items, walking
# it and keeping the rows the filter selects finds a page sooner than sorting every one of them.
_SORT_INDEX = {"title": "radar_item_title", "ring": "radar_item_ring_order"}
_MANY = 1000  # a filter selecting more than this many items is read in the sort's index order


def _page(db: Database, query: RadarFilter, sort: str, columns: str, limit: int, offset: int) -> list[Any]:
    if sort not in _ORDER_BY:
        raise ValueError(f"unknown sort {sort!r}")

    def read(chosen: _Select) -> list[Any]:
        return db.rows(*_page_of(db, chosen, sort, columns, limit, offset))

    return _read(db, query, read, [], decisive=not offset)  # past the first page, an empty one says nothing


def _page_of(db: Database, chosen: _Select, sort: str, columns: str, limit: int, offset: int) -> tuple[str, list[Any]]:
    if sort == "captured":
        order = f"{chosen.key} DESC"
    else:
        order = _ORDER_BY[sort]
        if chosen.where and _count(db, chosen, _MANY + 1) > _MANY:
            if chosen.source == _INDEX:
                selected = f" WHERE t.id IN (SELECT f.rowid & {ID_MASK} FROM {chosen.alone}{chosen.where})"
            else:
                selected = chosen.where
            return (
                f"SELECT {columns} FROM radar_item t INDEXED BY {_SORT_INDEX[sort]}{selected}"
                f" ORDER BY {order} LIMIT ? OFFSET ?",
                [*chosen.params, limit, offset],
            )
    return (
        f"SELECT {columns} FROM {chosen.source}{chosen.where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*chosen.params, limit, offset],
    )


def _count(db: Database, chosen: _Select, at_most: int | None = None) -> int:
    if at_most is None:
        return int(db.scalar(f"SELECT count(*) FROM {chosen.alone}{chosen.where}", chosen.params))
    return int(
        db.scalar(
            f"SELECT count(*) FROM (SELECT 1 FROM {chosen.alone}{chosen.where} LIMIT ?)", [*chosen.params, at_most]
        )
    )


def query_items(
    db: Database, query: RadarFilter, *, sort: str = "captured", limit: int = 100, offset: int = 0
) -> list[RadarItem]:
    """One page of the items the filter selects, in the order `sort` (a key of SORTS) names."""
    return [_item(row) for row in _page(db, query, sort, _ITEM, limit, offset)]


def query_items_with_history(
    db: Database, query: RadarFilter, *, sort: str = "captured", limit: int = 100, offset: int = 0
) -> list[tuple[RadarItem, list[Move]]]:
    """A page like `query_items`, each item with its ring history (oldest first), in one read."""
    history = (
        "(SELECT json_group_array(json_array(moved_on, ring, quadrant)) FROM"
        " (SELECT moved_on, ring, quadrant FROM radar_move m WHERE m.item_id = t.id ORDER BY moved_on, id))"
        " AS history"
    )
    rows = _page(db, query, sort, f"{_ITEM}, {history}", limit, offset)
    return [
        (
            _item(row),
            [Move(date.fromisoformat(day), ring, quadrant) for day, ring, quadrant in json.loads(row["history"])],
        )
        for row in rows
    ]


def position(db: Database, query: RadarFilter, item_id: int, *, sort: str = "captured") -> int | None:
    """The row an item is on (0 first) in the filtered, sorted table; None when the filter leaves it out."""
    if sort not in _ORDER_BY:
        raise ValueError(f"unknown sort {sort!r}")

    def place(chosen: _Select) -> int | None:
        order = f"{chosen.key} DESC" if sort == "captured" else _ORDER_BY[sort]
        found = db.scalar(
            f"SELECT place FROM (SELECT t.id AS id, row_number() OVER (ORDER BY {order}) - 1 AS place"
            f" FROM {chosen.source}{chosen.where}) WHERE id = ?",
            [*chosen.params, item_id],
        )
        return None if found is None else int(found)

    return _read(db, query, place, None, decisive=False)


def count_items(db: Database, query: RadarFilter, *, at_most: int | None = None) -> int:
    """How many items the filter selects; with `at_most`, counting stops there (a keystroke's bounded
    count: the answer is then min(count, at_most))."""
    found = _count(db, _select(query), at_most)
    if found or not _typed_past_stem(query):
        return found
    found = _count(db, _select(query, stems=True), at_most)
    db.noted[_STEMS] = (db.conn.total_changes, (query, found > 0))
    return found


def count_all(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM radar_item"))


def inbox_ids(db: Database) -> list[int]:
    """The inbox, oldest first: the order of the Monday triage."""
    return [row[0] for row in db.rows(f"SELECT t.id FROM radar_item t WHERE t.status = 'inbox' ORDER BY {_KEY}")]


# Ring history ---------------------------------------------------------------------------------


def moves(db: Database, item_ids: Iterable[int] | None = None) -> dict[int, list[Move]]:
    """Each item's ring history, oldest first (same-day moves in the order they were made)."""
    sql = "SELECT item_id, moved_on, ring, quadrant FROM radar_move"
    params: list[Any] = []
    if item_ids is not None:
        ids = list(item_ids)
        if not ids:
            return {}
        sql += " WHERE item_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(ids))
    history: dict[int, list[Move]] = {}
    for row in db.rows(sql + " ORDER BY item_id, moved_on, id", params):
        history.setdefault(row[0], []).append(Move(date.fromisoformat(row[1]), row[2], row[3]))
    return history


def items_by_id(db: Database, item_ids: Iterable[int]) -> dict[int, RadarItem]:
    ids = list(item_ids)
    if not ids:
        return {}
    rows = db.rows(
        f"SELECT {_COLUMNS} FROM radar_item WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    )
    return {row["id"]: _item(row) for row in rows}


# Importing many at once -------------------------------------------------------------------------


def url_keys(db: Database) -> set[str]:
    return {row[0] for row in db.rows("SELECT url_key FROM radar_item WHERE url_key IS NOT NULL")}


def titles_without_url(db: Database) -> set[str]:
    """Lower-cased titles of the items that have no link (matched by title on import)."""
    return {row[0].lower() for row in db.rows("SELECT title FROM radar_item WHERE url_key IS NULL")}


class NewItem(NamedTuple):
    """An item to add in bulk: `captured_at` (and `read_at`, if any) as datetimes, the rest as in add_item."""

    title: str
    captured_at: datetime
    url: str | None = None
    tags: tuple[str, ...] = ()
    status: str = "inbox"
    ring: str | None = None
    quadrant: str | None = None
    notes: str = ""
    source: str = ""
    read_at: datetime | None = None
    url_key: str | None = None  # the normalized link, if the caller has it (else normalize_url(url))


_BULK_COLUMNS = ("title", "url", "url_key", "source", "tags", "status", "notes", "captured_at", "read_at", "updated_at")


def add_items(
    db: Database,
    items: Iterable[NewItem],
    *,
    now: datetime,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
) -> int:
    """Insert many items in one transaction, a batch at a time as `items` gives them (a generator's
    items are never all held); returns how many. `total`: how many there are, or at most, when
    `items` has no len (for `progress`). Many rows go into the plain indexes at the end (see
    `_sorted_indexes_once_many`).

    Items placed on the radar go through add_item so their first ring is in the history. The full-text
    index is filled once, at the end, in key order (see `_index_at_the_end`).
    """
    if total is None:
        total = len(items) if isinstance(items, Sized) else 0
    updated = stamp(now)
    tags_json: dict[tuple[str, ...], str] = {}  # a folder's links share their tags: one JSON text each
    pending = iter(items)
    done = 0
    with db.transaction() as conn, _index_at_the_end(conn), _sorted_indexes_once_many(conn) as added:
        while batch := list(itertools.islice(pending, batch_size)):
            insert_many(
                conn,
                "radar_item",
                _BULK_COLUMNS,
                [
                    (
                        item.title,
                        item.url,
                        item.url_key if item.url_key is not None else normalize_url(item.url),
                        item.source,
                        tags_json.get(item.tags) or tags_json.setdefault(item.tags, json.dumps(list(item.tags))),
                        item.status,
                        item.notes,
                        stamp(item.captured_at),
                        stamp(item.read_at) if item.read_at else None,
                        updated,
                    )
                    for item in batch
                    if not (item.ring or item.quadrant)
                ],
            )
            for item in batch:
                if item.ring or item.quadrant:
                    item_id = add_item(
                        db,
                        title=item.title,
                        now=item.captured_at,
                        url=item.url,
                        tags=item.tags,
                        ring=item.ring,
                        quadrant=item.quadrant,
                        notes=item.notes,
                        source=item.source,
                        status=item.status,
                    )
                    if item.read_at:  # not an indexed column: the index's update trigger stays still
                        update_row(db, "radar_item", item_id, {"read_at": stamp(item.read_at)}, _EDITABLE)
            done += len(batch)
            added(done)
            if progress:
                progress(done, max(total, done))
    return done


# Rows go into the plain indexes one by one up to this many, or as many as the table held.
_REINDEX_FROM = 5_000


@contextlib.contextmanager
def _sorted_indexes_once_many(conn: sqlite3.Connection) -> Iterator[Callable[[int], None]]:
    """Yields added(count), told how many rows are in so far. Once they are many (5,000, and as many
    as the table held), the rest go into radar_item's plain indexes in one sorted pass each, at the
    end, instead of one B-tree insert per index per row: the non-unique indexes are dropped then and
    created again from their own SQL at the end, in the same transaction (a failure takes both
    back). The unique ones stay, so a duplicate is refused on its row as before. An import of what
    is mostly there already never gets that far. (Nothing the insert does reads the table by a
    dropped index: add_item and update_row go by id.)"""
    threshold = max(_REINDEX_FROM, conn.execute("SELECT count(*) FROM radar_item").fetchone()[0])
    dropped: list[str] = []

    def added(count: int) -> None:
        nonlocal threshold
        if count < threshold:
            return
        threshold = 1 << 62  # once
        for name, sql in plain_indexes(conn, "radar_item"):
            conn.execute(f'DROP INDEX "{name}"')
            dropped.append(sql)

    yield added
    for sql in dropped:
        conn.execute(sql)


@contextlib.contextmanager
def _index_at_the_end(conn: sqlite3.Connection) -> Iterator[None]:
    """New items go into the full-text index in one statement, newest key last, instead of one by one
    from their insert trigger: SQLite's FTS5 writes a segment for each insert made in a trigger (its
    savepoint flushes), ~150 us a row at 100,000 rows against ~20 us in one statement. The trigger is
    put back as it was, in the same transaction (a failure takes both back). Rows inserted meanwhile
    must not change an indexed column (that trigger would take out what is not in yet)."""
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'radar_item_ai'").fetchone()
    if trigger is None or "facets" not in trigger[0]:  # a file of an older schema, being migrated
        yield
        return
    last = conn.execute("SELECT coalesce(max(id), 0) FROM radar_item").fetchone()[0]
    conn.execute("DROP TRIGGER radar_item_ai")
    yield
    with filled_in_bulk(conn, "radar_item_fts"):
        conn.execute(
            f"INSERT INTO radar_item_fts (rowid, title, url, tags, notes, facets) {radar_index_rows('WHERE t.id > ?')}",
            (last,),
        )
    conn.execute(trigger[0])


def placed_items(db: Database) -> list[RadarItem]:
    """The items on the radar now (a ring and a quadrant), in the radar's order."""
    rows = db.rows(
        f"SELECT {_ITEM} FROM radar_item t WHERE t.ring IS NOT NULL AND t.quadrant IS NOT NULL"
        f" ORDER BY {_ORDER_BY['ring']}"
    )
    return [_item(row) for row in rows]


def items_with_url(db: Database) -> list[RadarItem]:
    """Every item that has a link, oldest first."""
    rows = db.rows(f"SELECT {_COLUMNS} FROM radar_item WHERE url IS NOT NULL AND url <> '' ORDER BY captured_at, id")
    return [_item(row) for row in rows]


class RadarMove(NamedTuple):
    """Where an item stood before a period (`ring_before`, `quadrant_before`) and at its end; `moved_on`
    is its last change in the period. A named tuple like the other records of this module."""

    item_id: int
    title: str
    ring: str | None
    quadrant: str | None
    ring_before: str | None
    quadrant_before: str | None
    moved_on: date

    @property
    def is_new(self) -> bool:
        return self.ring_before is None and self.quadrant_before is None

    @property
    def changed(self) -> bool:
        """False when the period ended where it began (moved and moved back)."""
        return (self.ring, self.quadrant) != (self.ring_before, self.quadrant_before)


def moves_between(db: Database, first: date, last: date) -> list[RadarMove]:
    """Items whose ring or quadrant changed in [first, last], with their place before and after."""
    # The moves of the period first (a range of the history), then each of those items' place before it
    # by its own index (radar_move_item): not a ranking of every move ever made (0.4 s at 100,000 items).
    rows = db.rows(
        """
        WITH ordered AS (
            SELECT m.item_id, m.moved_on, m.ring, m.quadrant,
                   row_number() OVER (PARTITION BY m.item_id ORDER BY m.moved_on DESC, m.id DESC) AS latest
            FROM radar_move m WHERE m.moved_on BETWEEN :first AND :last
        )
        SELECT o.item_id, i.title, o.ring, o.quadrant,
               (SELECT b.ring FROM radar_move b WHERE b.item_id = o.item_id AND b.moved_on < :first
                ORDER BY b.moved_on DESC, b.id DESC LIMIT 1) AS ring_before,
               (SELECT b.quadrant FROM radar_move b WHERE b.item_id = o.item_id AND b.moved_on < :first
                ORDER BY b.moved_on DESC, b.id DESC LIMIT 1) AS quadrant_before,
               o.moved_on
        FROM ordered o
        JOIN radar_item i ON i.id = o.item_id
        WHERE o.latest = 1
        ORDER BY o.moved_on, i.title COLLATE NOCASE
        """,
        {"first": first.isoformat(), "last": last.isoformat()},
    )
    return [
        RadarMove(
            item_id=row["item_id"],
            title=row["title"],
            ring=row["ring"],
            quadrant=row["quadrant"],
            ring_before=row["ring_before"],
            quadrant_before=row["quadrant_before"],
            moved_on=date.fromisoformat(row["moved_on"]),
        )
        for row in rows
    ]
