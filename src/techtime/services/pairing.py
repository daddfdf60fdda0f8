"""Pairing use cases: checking a session off keeps the practice log in step."""

from __future__ import annotations

from datetime import date, datetime

from techtime.errors import InputError
from techtime.services.practices import log_practice
from techtime.store import pairing, people
from techtime.store.database import Database


def mark_done(db: Database, session_id: int, *, today: date, now: datetime) -> None:
    """A planned session took place: mark it done and log this month's pairing."""
    with db.transaction():
        session = pairing.get_session(db, session_id)
        if session is None:
            raise InputError(f"there is no pairing session {session_id}")
        if session.date > today:
            raise InputError(
                f"the session with @{session.handle} is planned for {session.date}: it has not happened yet"
            )
        if session.status == "done":
            return
        pairing.update_session(db, session_id, status="done", now=now)
        log_practice(db, "pairing", done_on=session.date, now=now, minutes=session.minutes, session_id=session_id)


def mark_skipped(db: Database, session_id: int, *, now: datetime) -> None:
    with db.transaction():
        if pairing.get_session(db, session_id) is None:
            raise InputError(f"there is no pairing session {session_id}")
        pairing.delete_practice_logs(db, session_id)
        pairing.update_session(db, session_id, status="skipped", now=now)


def pair_now(db: Database, person_id: int, *, today: date, now: datetime, topic: str = "") -> int:
    """Check off a session held today with this person."""
    with db.transaction():
        person = people.get_person(db, person_id)
        if person is None:
            raise InputError(f"there is no person {person_id} on the roster")
        if not person.active:
            raise InputError(f"@{person.handle} is deactivated: reactivate them first")
        session_id = pairing.add_session(db, person_id=person_id, on=today, topic=topic, status="done", now=now)
        log_practice(db, "pairing", done_on=today, now=now, session_id=session_id)
    return session_id
