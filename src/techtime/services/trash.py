"""Deleting with undo, for the screens: the row and what hangs from it go to the trash; `u` brings it back."""

from __future__ import annotations

from datetime import datetime

from techtime.store import trash
from techtime.store.database import Database


def delete(db: Database, kind: str, row_id: int, *, now: datetime, label: str = "") -> int:
    """Delete one row (a deep dive, a checklist step, a failure mode...) keeping what `u` needs; its trash id."""
    return trash.delete(db, kind, row_id, now=now, label=label)
