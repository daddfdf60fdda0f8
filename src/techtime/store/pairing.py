"""Sessions with engineers: pairing ('teach me what you're building'), technical 1-on-1s, interviews."""

from __future__ import annotations

from datetime import date, datetime

from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, to_date, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

# Named tuples rather than dataclasses: `techtime today` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class Session(NamedTuple):
    """A session with an engineer, with their handle, name and team. `date` a date; `minutes` an int
    or None; `status` planned | done | skipped; `kind` pairing | 1on1 | interview."""

    id: int
    person_id: int
    handle: str
    name: str
    team: str
    date: date
    topic: str
    minutes: int | None
    status: str
    notes: str
    learned: str
    follow_ups: str
    kind: str = "pairing"


_SELECT = """
SELECT s.*, p.handle, p.name, p.team FROM pairing_session s JOIN person p ON p.id = s.person_id
"""


def _session(row: sqlite3.Row) -> Session:
    return Session(
        id=row["id"],
        person_id=row["person_id"],
        handle=row["handle"],
        name=row["name"],
        team=row["team"],
        date=to_date(row["date"]),  # type: ignore[arg-type]
        topic=row["topic"],
        minutes=row["minutes"],
        status=row["status"],
        notes=row["notes"],
        learned=row["learned"],
        follow_ups=row["follow_ups"],
        kind=row["kind"],
    )


def add_session(
    db: Database,
    *,
    person_id: int,
    on: date,
    now: datetime,
    topic: str = "",
    minutes: int | None = None,
    status: str = "planned",
    notes: str = "",
    learned: str = "",
    follow_ups: str = "",
    kind: str = "pairing",
) -> int:
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO pairing_session (person_id, date, topic, minutes, status, notes, learned, follow_ups,"
            " kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                on.isoformat(),
                topic,
                minutes,
                status,
                notes,
                learned,
                follow_ups,
                kind,
                stamp(now),
                stamp(now),
            ),
        )
    return inserted_id(cursor)


def sessions_between(db: Database, first: date, last: date) -> list[Session]:
    rows = db.rows(
        f"{_SELECT} WHERE s.date BETWEEN ? AND ? ORDER BY s.date, s.id", (first.isoformat(), last.isoformat())
    )
    return [_session(row) for row in rows]


def last_done_by_person(db: Database, kind: str = "pairing") -> dict[int, date]:
    """Each person's latest done session of this kind (the rotation counts pairing only)."""
    rows = db.rows(
        "SELECT person_id, max(date) FROM pairing_session WHERE status = 'done' AND kind = ? GROUP BY person_id",
        (kind,),
    )
    return {row[0]: date.fromisoformat(row[1]) for row in rows}


def last_done_by_person_and_kind(db: Database) -> dict[int, dict[str, date]]:
    """Each person's latest done session of each kind: person id -> kind -> day."""
    found: dict[int, dict[str, date]] = {}
    rows = db.rows(
        "SELECT person_id, kind, max(date) FROM pairing_session WHERE status = 'done' GROUP BY person_id, kind"
    )
    for person_id, kind, day in rows:
        found.setdefault(person_id, {})[kind] = date.fromisoformat(day)
    return found


def count_sessions(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM pairing_session"))


_UNDOABLE = frozenset({"topic", "notes", "learned", "follow_ups"})  # text a user would hate to lose to a slip
_EDITABLE = frozenset({"person_id", "date", "topic", "minutes", "status", "notes", "learned", "follow_ups", "kind"})


def update_session(db: Database, session_id: int, *, now: datetime, **fields: Any) -> None:
    if "date" in fields:
        fields["date"] = fields["date"].isoformat()
    update_row(
        db,
        "pairing_session",
        session_id,
        {**fields, "updated_at": stamp(now)},
        _EDITABLE | {"updated_at"},
        remember=_UNDOABLE,
        now=now,
    )


def get_session(db: Database, session_id: int) -> Session | None:
    row = db.one(f"{_SELECT} WHERE s.id = ?", (session_id,))
    return _session(row) if row else None


def delete_practice_logs(db: Database, session_id: int) -> None:
    """A session no longer done no longer counts for the pairing practice."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM practice_log WHERE session_id = ?", (session_id,))


def sessions_for_person(db: Database, person_id: int) -> list[Session]:
    rows = db.rows(f"{_SELECT} WHERE s.person_id = ? ORDER BY s.date, s.id", (person_id,))
    return [_session(row) for row in rows]


def next_planned_by_person(db: Database, since: date) -> dict[int, date]:
    """Each person's earliest planned session on or after `since`."""
    rows = db.rows(
        "SELECT person_id, min(date) FROM pairing_session WHERE status = 'planned' AND date >= ? GROUP BY person_id",
        (since.isoformat(),),
    )
    return {row[0]: date.fromisoformat(row[1]) for row in rows}


class PracticeLog(NamedTuple):
    """A `pairing` practice log entry. `occurrence` and `done_on` are dates; `status` done | skipped;
    `session_id` may be None."""

    id: int
    occurrence: date
    status: str
    done_on: date
    session_id: int | None
    note: str = ""


def pairing_logs_between(db: Database, first: date, last: date) -> list[PracticeLog]:
    """The `pairing` practice's log entries whose occurrence falls in [first, last]."""
    rows = db.rows(
        "SELECT l.id, l.occurrence, l.status, l.done_on, l.session_id, l.note FROM practice_log l"
        " JOIN practice p ON p.id = l.practice_id"
        " WHERE p.key = 'pairing' AND l.occurrence BETWEEN ? AND ? ORDER BY l.occurrence, l.id",
        (first.isoformat(), last.isoformat()),
    )
    return [PracticeLog(row[0], date.fromisoformat(row[1]), row[2], date.fromisoformat(row[3]), row[4]) for row in rows]


def delete_log(db: Database, log_id: int) -> None:
    with db.transaction() as conn:
        conn.execute("DELETE FROM practice_log WHERE id = ?", (log_id,))


def planned_sessions(db: Database) -> list[Session]:
    """Every session still planned, including those whose day passed without being logged."""
    return [_session(row) for row in db.rows(f"{_SELECT} WHERE s.status = 'planned' ORDER BY s.date, s.id")]
