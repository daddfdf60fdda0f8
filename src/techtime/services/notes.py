"""Inbox notes: filing one away (it stays findable, out of the inbox; `u` brings it back)."""

from __future__ import annotations

from datetime import datetime

from techtime.store import notes
from techtime.store.database import Database


def file_note(db: Database, note_id: int, *, now: datetime) -> None:
    """Mark a note as dealt with; the trash remembers it, so `u` puts it back in the inbox."""
    notes.file_note(db, note_id, now=now)
