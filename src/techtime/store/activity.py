"""What happened between two dates, across the whole file: for digests and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from techtime.store.database import Database


@dataclass(frozen=True)
class RadarMove:
    title: str
    moved_on: date
    ring: str | None
    quadrant: str | None
    previous_ring: str | None  # None: first placement


@dataclass(frozen=True)
class PracticeDone:
    key: str
    name: str
    done_on: date
    status: str
    minutes: int | None
    note: str


@dataclass(frozen=True)
class CheckDone:
    dive_title: str
    text: str
    done_on: date


def _between(first: date, last: date) -> dict[str, str]:
    return {"first": first.isoformat(), "last": last.isoformat()}


def radar_counts(db: Database, first: date, last: date) -> dict[str, int]:
    """Items captured, read and bookmarked for a deep dive in [first, last]."""
    row = db.one(
        """
        SELECT
          (SELECT count(*) FROM radar_item WHERE substr(captured_at, 1, 10) BETWEEN :first AND :last),
          (SELECT count(*) FROM radar_item WHERE substr(read_at, 1, 10) BETWEEN :first AND :last),
          (SELECT count(*) FROM radar_item WHERE status = 'bookmarked'
                                             AND substr(updated_at, 1, 10) BETWEEN :first AND :last)
        """,
        _between(first, last),
    )
    return {"captured": row[0], "read": row[1], "bookmarked": row[2]}


def radar_moves(db: Database, first: date, last: date) -> list[RadarMove]:
    """Ring placements and moves in [first, last], each with the ring it came from."""
    rows = db.rows(
        """
        SELECT i.title, m.moved_on, m.ring, m.quadrant,
               (SELECT p.ring FROM radar_move p WHERE p.item_id = m.item_id AND p.id < m.id
                ORDER BY p.moved_on DESC, p.id DESC LIMIT 1) AS previous_ring
        FROM radar_move m JOIN radar_item i ON i.id = m.item_id
        WHERE m.moved_on BETWEEN :first AND :last
        ORDER BY m.moved_on, m.id
        """,
        _between(first, last),
    )
    return [RadarMove(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4]) for r in rows]


def practices_done(db: Database, first: date, last: date) -> list[PracticeDone]:
    rows = db.rows(
        """
        SELECT p.key, p.name, l.done_on, l.status, l.minutes, l.note
        FROM practice_log l JOIN practice p ON p.id = l.practice_id
        WHERE l.done_on BETWEEN :first AND :last ORDER BY l.done_on, l.id
        """,
        _between(first, last),
    )
    return [PracticeDone(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows]


def checks_done(db: Database, first: date, last: date) -> list[CheckDone]:
    rows = db.rows(
        """
        SELECT d.title, c.text, substr(c.done_at, 1, 10)
        FROM dive_check c JOIN deep_dive d ON d.id = c.dive_id
        WHERE substr(c.done_at, 1, 10) BETWEEN :first AND :last ORDER BY c.done_at, c.id
        """,
        _between(first, last),
    )
    return [CheckDone(r[0], r[1], date.fromisoformat(r[2])) for r in rows]
