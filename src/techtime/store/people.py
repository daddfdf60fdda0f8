"""The roster of engineers the leader pairs with."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime

from techtime.domain.rotation import Candidate
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, to_date, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Named tuples rather than dataclasses: `techtime today` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class Person(NamedTuple):
    """An engineer on the roster. `start_date` and `leave_until` are dates or None; `active` a bool."""

    id: int
    name: str
    handle: str
    team: str
    role: str
    start_date: date | None
    active: bool
    leave_until: date | None
    notes: str

    def as_candidate(self) -> Candidate:
        return Candidate(self.id, self.handle, self.name, self.team, self.start_date, self.active, self.leave_until)


def _person(row: sqlite3.Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        handle=row["handle"],
        team=row["team"],
        role=row["role"],
        start_date=to_date(row["start_date"]),
        active=bool(row["active"]),
        leave_until=to_date(row["leave_until"]),
        notes=row["notes"],
    )


def find_by_handle(db: Database, handle: str) -> Person | None:
    row = db.one("SELECT * FROM person WHERE handle = ?", (handle.lstrip("@"),))
    return _person(row) if row else None


def get_person(db: Database, person_id: int) -> Person | None:
    row = db.one("SELECT * FROM person WHERE id = ?", (person_id,))
    return _person(row) if row else None


def add_person(
    db: Database,
    *,
    handle: str,
    now: datetime,
    name: str = "",
    team: str = "",
    role: str = "",
    start_date: date | None = None,
    leave_until: date | None = None,
    notes: str = "",
) -> int:
    with _unique_handle(handle), db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO person (name, handle, team, role, start_date, leave_until, notes, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name or handle,
                handle,
                team,
                role,
                start_date.isoformat() if start_date else None,
                leave_until.isoformat() if leave_until else None,
                notes,
                stamp(now),
            ),
        )
    return inserted_id(cursor)


@contextlib.contextmanager
def _unique_handle(handle: str) -> Iterator[None]:
    """Turn the UNIQUE constraint on person.handle into the one line a user reads."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if "person.handle" not in str(error):
            raise
        raise InputError(f"@{handle} is already on the roster: handles are unique (ignoring case)") from None


def list_people(db: Database, *, active_only: bool = False) -> list[Person]:
    where = "WHERE active = 1" if active_only else ""
    return [_person(row) for row in db.rows(f"SELECT * FROM person {where} ORDER BY team, name COLLATE NOCASE")]


def count_people(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM person"))


_UNDOABLE = frozenset({"name", "notes"})  # text a user would hate to lose to a slip
_EDITABLE = frozenset({"name", "handle", "team", "role", "start_date", "active", "leave_until", "notes"})


def update_person(db: Database, person_id: int, *, now: datetime | None = None, **fields: Any) -> None:
    for name in ("start_date", "leave_until"):
        if fields.get(name) is not None:
            fields[name] = fields[name].isoformat()
    if "active" in fields:
        fields["active"] = int(bool(fields["active"]))
    with _unique_handle(fields.get("handle", "")):
        update_row(db, "person", person_id, fields, _EDITABLE, remember=_UNDOABLE, now=now)


def sessions_of_their_own(db: Database, person_id: int) -> int:
    """Their sessions other than those made with them, in the same moment (the capture that added them)."""
    return int(
        db.scalar(
            "SELECT count(*) FROM pairing_session s JOIN person p ON p.id = s.person_id"
            " WHERE p.id = ? AND s.created_at <> p.created_at",
            (person_id,),
        )
    )
