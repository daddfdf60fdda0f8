"""What happened between two dates, across the whole file: for digests and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from techtime.store.database import Database


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
    """Items captured and read in [first, last], and how many wait, bookmarked, for a deep dive."""
    row = db.one(
        """
        SELECT
          (SELECT count(*) FROM radar_item WHERE substr(captured_at, 1, 10) BETWEEN :first AND :last),
          (SELECT count(*) FROM radar_item WHERE substr(read_at, 1, 10) BETWEEN :first AND :last),
          (SELECT count(*) FROM radar_item WHERE status = 'bookmarked')
        """,
        _between(first, last),
    )
    assert row is not None  # an aggregate query always has a row
    return {"captured": row[0], "read": row[1], "bookmarked": row[2]}


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
