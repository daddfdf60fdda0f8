"""What the calendar export last wrote for each event, so the next export can say what changed.

One row per UID: a digest of what the event said, its SEQUENCE and LAST-MODIFIED, and the event
itself (the text of its VEVENT) so that an event that disappears can be written again as cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable

from techtime.records import NamedTuple
from techtime.store.database import Database


class Stored(NamedTuple):
    uid: str
    digest: str
    sequence: int
    modified_at: str  # UTC, ISO 8601 with offset
    event: str
    cancelled_at: str | None = None


def stored_events(db: Database) -> dict[str, Stored]:
    rows = db.rows("SELECT uid, digest, sequence, modified_at, event, cancelled_at FROM calendar_event")
    return {row["uid"]: Stored(*row) for row in rows}


def save_events(db: Database, events: Iterable[Stored]) -> None:
    """Remember these events as written (insert or replace), in one transaction."""
    with db.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO calendar_event (uid, digest, sequence, modified_at, event, cancelled_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [tuple(event) for event in events],
        )


def forget_events(db: Database, uids: Iterable[str]) -> None:
    with db.transaction() as conn:
        conn.executemany("DELETE FROM calendar_event WHERE uid = ?", [(uid,) for uid in uids])
