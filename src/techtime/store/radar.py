"""Radar items: the reading list and the technology radar."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from techtime.domain.urls import normalize_url
from techtime.store.database import Database, stamp, to_date, update_row


@dataclass(frozen=True)
class RadarItem:
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


_COLUMNS = "id, title, url, tags, status, ring, quadrant, notes, source, captured_at, read_at, dive_id"


def _item(row) -> RadarItem:
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
        item_id = int(cursor.lastrowid)
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


def oldest_in_inbox(db: Database) -> RadarItem | None:
    row = db.one(f"SELECT {_COLUMNS} FROM radar_item WHERE status = 'inbox' ORDER BY captured_at, id LIMIT 1")
    return _item(row) if row else None


def list_items(db: Database, *, status: str | None = None, limit: int = 200, offset: int = 0) -> list[RadarItem]:
    """Newest first; the Radar screen's own issue brings filters, search and paging."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    rows = db.rows(
        f"SELECT {_COLUMNS} FROM radar_item {where} ORDER BY captured_at DESC, id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_item(row) for row in rows]


_UNDOABLE = frozenset({"title", "url", "tags", "notes"})  # text a user would hate to lose to a slip
_EDITABLE = frozenset({"title", "url", "source", "tags", "status", "ring", "quadrant", "notes", "read_at", "dive_id"})


def update_item(db: Database, item_id: int, *, now: datetime, **fields) -> None:
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


def items_for_dive(db: Database, dive_id: int) -> list[RadarItem]:
    return [
        _item(row) for row in db.rows(f"SELECT {_COLUMNS} FROM radar_item WHERE dive_id = ? ORDER BY id", (dive_id,))
    ]
