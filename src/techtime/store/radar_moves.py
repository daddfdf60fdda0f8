"""The history of rings and quadrants (`radar_move`): what was placed or moved, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from techtime.store.database import Database


@dataclass(frozen=True)
class RadarMove:
    """Where an item stood before a period and where it stood at its end."""

    item_id: int
    title: str
    ring: str | None
    quadrant: str | None
    ring_before: str | None
    quadrant_before: str | None
    moved_on: date  # the last change in the period

    @property
    def is_new(self) -> bool:
        return self.ring_before is None and self.quadrant_before is None


def moves_between(db: Database, first: date, last: date) -> list[RadarMove]:
    """Items whose ring or quadrant changed in [first, last], with their place before and after."""
    rows = db.rows(
        """
        WITH ordered AS (
            SELECT m.item_id, m.moved_on, m.ring, m.quadrant,
                   row_number() OVER (PARTITION BY m.item_id ORDER BY m.moved_on DESC, m.id DESC) AS latest
            FROM radar_move m WHERE m.moved_on BETWEEN :first AND :last
        ), before AS (
            SELECT m.item_id, m.ring, m.quadrant,
                   row_number() OVER (PARTITION BY m.item_id ORDER BY m.moved_on DESC, m.id DESC) AS latest
            FROM radar_move m WHERE m.moved_on < :first
        )
        SELECT o.item_id, i.title, o.ring, o.quadrant, b.ring AS ring_before, b.quadrant AS quadrant_before,
               o.moved_on
        FROM ordered o
        JOIN radar_item i ON i.id = o.item_id
        LEFT JOIN before b ON b.item_id = o.item_id AND b.latest = 1
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
