"""What the TUI's shell asks of the database: other writers, the daily backup, and undo (`u`).

The TUI reaches the store only through services; this is the part that belongs to no one area.
Cheap to import: the first screen loads it, so the trash and the backups are imported when used.
"""

from __future__ import annotations

from techtime.records import NamedTuple
from techtime.store.database import Database, exposed_folder, open_database

TYPE_CHECKING = False

if TYPE_CHECKING:
    from datetime import date, datetime
    from pathlib import Path

__all__ = ["Database", "Undone", "daily_backup", "data_version", "exposed_folder", "undo"]


class Undone(NamedTuple):
    """A change `u` took back: its trash entry, what it was (kind, row), and how it reads."""

    id: int
    kind: str
    row_id: int
    label: str
    description: str  # "moving 2 deep dives to 2027Q1", "deleting radar item 'Temporal'"


def data_version(db: Database) -> int:
    """Changes only when another connection commits: cheap to poll."""
    return db.data_version()


def undo(db: Database, *, now: datetime) -> Undone | None:
    """Take back the latest change of the last 24 hours, made on any screen (or before a restart)."""
    from techtime.store import trash

    item = trash.undo(db, now=now)
    if item is None:
        return None
    return Undone(item.id, item.kind, item.row_id, item.label, trash.describe(item))


def daily_backup(path: Path, *, today: date, now: datetime) -> Path | None:
    """One backup a day, on a connection of its own (this runs off the UI thread)."""
    from techtime.store.backups import daily_backup as make

    with open_database(path, migrate=False) as db:
        if db.read_only:
            return None
        return make(db, today=today, now=now)
