"""What a new database starts with: the practices from the thread and the deep-dive checklist.

It writes on the connection it is given, inside the migration's transaction, and imports no other
store module: migrations -> seeds, never back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime

from techtime.domain.dives import DEFAULT_CHECKLIST
from techtime.domain.quarters import Quarter

# key, name, RRULE, expected minutes, counted from. Cadences are data: the leader can change them.
# A weekly appointment counts from the first day of use (nothing is overdue before techtime knew of
# it); a month, quarter or year already under way counts, since there is still time to do it.
DEFAULT_PRACTICES: tuple[tuple[str, str, str, int, Callable[[date], date]], ...] = (
    ("radar-scan", "Tech-radar scan", "FREQ=WEEKLY;BYDAY=MO", 30, lambda today: today),
    ("pairing", "IC pairing session", "FREQ=MONTHLY;BYMONTHDAY=1", 90, lambda today: today.replace(day=1)),
    (
        "deep-dives",
        "Quarterly deep dives",
        "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1",
        16 * 60,
        lambda today: Quarter.containing(today).first_day,
    ),
    ("tinkering", "10% tinkering", "FREQ=WEEKLY;BYDAY=FR", 210, lambda today: today),
    (
        "conference",
        "Technical conference",
        "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
        2 * 8 * 60,
        lambda today: today.replace(month=1, day=1),
    ),
)
BUILT_IN_KEYS = frozenset(key for key, *_ in DEFAULT_PRACTICES)


def seed_defaults(conn: sqlite3.Connection, today: date, now: datetime) -> None:
    stamp = now.isoformat(sep=" ", timespec="seconds")
    conn.executemany(
        "INSERT INTO practice (key, name, rule, start_date, minutes, position, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (key, name, rule, counted_from(today).isoformat(), minutes, i, stamp)
            for i, (key, name, rule, minutes, counted_from) in enumerate(DEFAULT_PRACTICES)
        ],
    )
    conn.executemany(
        "INSERT INTO checklist_template (position, text) VALUES (?, ?)",
        list(enumerate(DEFAULT_CHECKLIST)),
    )


def seed_questions(conn: sqlite3.Connection, now: datetime) -> None:
    """The review questions from the thread, in every new database (the leader edits and adds to them)."""
    from techtime.domain.questions import SEED

    positions: dict[str, int] = {}
    rows = []
    for group, text in SEED:
        positions[group] = positions.get(group, -1) + 1
        rows.append((group, positions[group], text, now.isoformat(sep=" ", timespec="seconds")))
    conn.executemany("INSERT INTO question (grp, position, text, created_at) VALUES (?, ?, ?, ?)", rows)
