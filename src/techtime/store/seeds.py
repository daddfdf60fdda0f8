"""What a new database starts with: the practices from the thread and the deep-dive checklist."""

from __future__ import annotations

from datetime import date

from techtime import clock
from techtime.domain.dives import DEFAULT_CHECKLIST
from techtime.store.database import Database

# key, name, RRULE, expected minutes. Cadences are data: the leader can change them.
DEFAULT_PRACTICES = (
    ("radar-scan", "Tech-radar scan", "FREQ=WEEKLY;BYDAY=MO", 30),
    ("pairing", "IC pairing session", "FREQ=MONTHLY;BYMONTHDAY=1", 90),
    ("deep-dives", "Quarterly deep dives", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1", 16 * 60),
    ("tinkering", "10% tinkering", "FREQ=WEEKLY;BYDAY=FR", 210),
    ("conference", "Technical conference", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", 2 * 8 * 60),
)


def seed_defaults(db: Database, today: date) -> None:
    stamp = clock.now().isoformat(sep=" ")
    # Counted from the first day of use: nothing is overdue before techtime knew of it.
    db.conn.executemany(
        "INSERT INTO practice (key, name, rule, start_date, minutes, position, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (key, name, rule, today.isoformat(), minutes, i, stamp)
            for i, (key, name, rule, minutes) in enumerate(DEFAULT_PRACTICES)
        ],
    )
    db.conn.executemany(
        "INSERT INTO checklist_template (position, text) VALUES (?, ?)",
        list(enumerate(DEFAULT_CHECKLIST)),
    )
