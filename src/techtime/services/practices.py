"""Logging practices: the one place an occurrence is settled."""

from __future__ import annotations

from datetime import date, datetime

from techtime.domain.cadence import DONE, LOG_STATUSES, occurrence_on
from techtime.errors import InputError
from techtime.store import practices as practice_store
from techtime.store.database import Database


def log_practice(
    db: Database,
    key: str,
    *,
    done_on: date,
    now: datetime,
    status: str = DONE,
    occurrence: date | None = None,
    minutes: int | None = None,
    note: str = "",
    session_id: int | None = None,
) -> int:
    """Record an occurrence of a practice as done or skipped; late (back-dated) logs are fine.

    Without an explicit `occurrence`, the log settles the window `done_on` falls in.
    """
    if status not in LOG_STATUSES:
        raise InputError(f"unknown log status {status!r}: use done or skipped")
    practice = practice_store.practice_by_key(db, key)
    if practice is None:
        raise InputError(f"there is no practice {key!r}; add it on the Today screen first")
    if occurrence is None:
        window = occurrence_on(practice, done_on)
        # Before the rule's first occurrence there is no window: the day itself stands for one.
        occurrence = window.start if window else done_on
    return practice_store.add_log(
        db,
        practice_id=practice.id,
        occurrence=occurrence,
        status=status,
        done_on=done_on,
        now=now,
        minutes=minutes,
        note=note,
        session_id=session_id,
    )
