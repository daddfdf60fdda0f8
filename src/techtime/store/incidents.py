"""Incidents, their follow-ups, and the deep dive a systemic one became."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

# Named tuples rather than dataclasses: `techtime add inc` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class Incident(NamedTuple):
    """An incident as stored, with its follow-ups counted. `severity`, `role`, `minutes`, `pattern`,
    `postmortem_url`, `dive_id` (and `dive_title`, `dive_quarter` of that dive) may be None."""

    id: int
    date: date
    title: str
    severity: str | None
    systems: tuple[str, ...]
    role: str | None
    minutes: int | None
    learned: str
    pattern: str | None
    postmortem_url: str | None
    dive_id: int | None
    dive_title: str | None = None
    dive_quarter: str | None = None
    follow_ups_open: int = 0
    follow_ups_total: int = 0


class FollowUp(NamedTuple):
    """One follow-up of an incident; `owner_id` (with `owner_handle`) None when nobody was named,
    `done_at` a timestamp or None while open."""

    id: int
    incident_id: int
    position: int
    text: str
    owner_id: int | None
    owner_handle: str | None
    done_at: str | None
    incident_title: str = ""
    incident_date: date | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


_SELECT = """
SELECT i.*, d.title AS dive_title, d.quarter AS dive_quarter,
       (SELECT count(*) FROM incident_follow_up f WHERE f.incident_id = i.id AND f.done_at IS NULL) AS open,
       (SELECT count(*) FROM incident_follow_up f WHERE f.incident_id = i.id) AS total
FROM incident i LEFT JOIN deep_dive d ON d.id = i.dive_id
"""

_SELECT_FOLLOW_UP = """
SELECT f.*, p.handle AS owner_handle, i.title AS incident_title, i.date AS incident_date
FROM incident_follow_up f JOIN incident i ON i.id = f.incident_id LEFT JOIN person p ON p.id = f.owner_id
"""


def _incident(row: sqlite3.Row) -> Incident:
    return Incident(
        id=row["id"],
        date=date.fromisoformat(row["date"]),
        title=row["title"],
        severity=row["severity"],
        systems=tuple(json.loads(row["systems"])),
        role=row["role"],
        minutes=row["minutes"],
        learned=row["learned"],
        pattern=row["pattern"],
        postmortem_url=row["postmortem_url"],
        dive_id=row["dive_id"],
        dive_title=row["dive_title"],
        dive_quarter=row["dive_quarter"],
        follow_ups_open=row["open"],
        follow_ups_total=row["total"],
    )


def _follow_up(row: sqlite3.Row) -> FollowUp:
    return FollowUp(
        id=row["id"],
        incident_id=row["incident_id"],
        position=row["position"],
        text=row["text"],
        owner_id=row["owner_id"],
        owner_handle=row["owner_handle"],
        done_at=row["done_at"],
        incident_title=row["incident_title"],
        incident_date=date.fromisoformat(row["incident_date"]),
    )


def add_incident(
    db: Database,
    *,
    title: str,
    on: date,
    now: datetime,
    severity: str | None = None,
    systems: Sequence[str] = (),
    role: str | None = None,
    minutes: int | None = None,
    learned: str = "",
    pattern: str | None = None,
    postmortem_url: str | None = None,
) -> int:
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO incident (date, title, severity, systems, role, minutes, learned, pattern, postmortem_url,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                on.isoformat(),
                title,
                severity,
                json.dumps(list(systems)),
                role,
                minutes,
                learned,
                pattern,
                postmortem_url,
                stamp(now),
                stamp(now),
            ),
        )
    return inserted_id(cursor)


def get_incident(db: Database, incident_id: int) -> Incident | None:
    row = db.one(f"{_SELECT} WHERE i.id = ?", (incident_id,))
    return _incident(row) if row else None


def incidents_between(db: Database, first: date, last: date) -> list[Incident]:
    """Incidents on days in [first, last], newest first."""
    rows = db.rows(
        f"{_SELECT} WHERE i.date BETWEEN ? AND ? ORDER BY i.date DESC, i.id DESC", (first.isoformat(), last.isoformat())
    )
    return [_incident(row) for row in rows]


def incident_for_dive(db: Database, dive_id: int) -> Incident | None:
    """The incident a deep dive was promoted from, if any."""
    row = db.one(f"{_SELECT} WHERE i.dive_id = ? ORDER BY i.id LIMIT 1", (dive_id,))
    return _incident(row) if row else None


_UNDOABLE = frozenset({"title", "learned", "systems", "postmortem_url"})  # text a user would hate to lose
_EDITABLE = frozenset(
    {"date", "title", "severity", "systems", "role", "minutes", "learned", "pattern", "postmortem_url", "dive_id"}
)


def update_incident(db: Database, incident_id: int, *, now: datetime, remember: bool = True, **fields: Any) -> None:
    """Change an incident; the old text of a title, learnings, systems or link is kept for `u`
    unless `remember` is off (the caller records the change itself)."""
    if "date" in fields:
        fields["date"] = fields["date"].isoformat()
    if "systems" in fields:
        fields["systems"] = json.dumps(list(fields["systems"]))
    update_row(
        db,
        "incident",
        incident_id,
        {**fields, "updated_at": stamp(now)},
        _EDITABLE | {"updated_at"},
        remember=_UNDOABLE if remember else frozenset(),
        now=now,
    )


# Follow-ups ----------------------------------------------------------------------------------------


def add_follow_up(db: Database, incident_id: int, *, text: str, owner_id: int | None = None) -> int:
    """A follow-up at the end of the incident's list."""
    with db.transaction() as conn:
        position = conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM incident_follow_up WHERE incident_id = ?", (incident_id,)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO incident_follow_up (incident_id, position, text, owner_id) VALUES (?, ?, ?, ?)",
            (incident_id, position, text, owner_id),
        )
    return inserted_id(cursor)


def follow_ups(db: Database, incident_id: int) -> list[FollowUp]:
    rows = db.rows(f"{_SELECT_FOLLOW_UP} WHERE f.incident_id = ? ORDER BY f.position, f.id", (incident_id,))
    return [_follow_up(row) for row in rows]


def get_follow_up(db: Database, follow_up_id: int) -> FollowUp | None:
    row = db.one(f"{_SELECT_FOLLOW_UP} WHERE f.id = ?", (follow_up_id,))
    return _follow_up(row) if row else None


def open_follow_ups(db: Database, *, until: date | None = None) -> list[FollowUp]:
    """Every follow-up not done yet, of incidents up to `until` (all when None), oldest incident first."""
    where = "f.done_at IS NULL" + (" AND i.date <= ?" if until else "")
    rows = db.rows(
        f"{_SELECT_FOLLOW_UP} WHERE {where} ORDER BY i.date, i.id, f.position, f.id",
        (until.isoformat(),) if until else (),
    )
    return [_follow_up(row) for row in rows]


def set_follow_up_done(db: Database, follow_up_id: int, *, done: bool, now: datetime) -> None:
    with db.transaction() as conn:
        conn.execute(
            "UPDATE incident_follow_up SET done_at = ? WHERE id = ?", (stamp(now) if done else None, follow_up_id)
        )


_FOLLOW_UP_EDITABLE = frozenset({"text", "owner_id"})


def update_follow_up(db: Database, follow_up_id: int, *, now: datetime, **fields: Any) -> None:
    update_row(
        db, "incident_follow_up", follow_up_id, fields, _FOLLOW_UP_EDITABLE, remember=frozenset({"text"}), now=now
    )


# What the heat-map counts ---------------------------------------------------


def days_between(db: Database, first: date, last: date) -> dict[date, int]:
    """Incidents attended per day in [first, last]."""
    rows = db.rows(
        "SELECT date, count(*) FROM incident WHERE date BETWEEN ? AND ? GROUP BY date",
        (first.isoformat(), last.isoformat()),
    )
    return {date.fromisoformat(row[0]): row[1] for row in rows}
