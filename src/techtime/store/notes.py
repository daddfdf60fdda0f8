"""Inbox notes: anything captured that is not filed yet."""

from __future__ import annotations

from datetime import datetime

from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, update_row


class Note(NamedTuple):
    """An inbox note; `created_at` is the stored timestamp. (A named tuple: `techtime today` loads this module.)"""

    id: int
    text: str
    created_at: str
    filed_at: str | None = None  # when it was filed away: out of the inbox, still in the file


def add_note(db: Database, *, text: str, now: datetime) -> int:
    with db.transaction() as conn:
        cursor = conn.execute("INSERT INTO inbox_note (text, created_at) VALUES (?, ?)", (text, stamp(now)))
    return inserted_id(cursor)


def open_notes(db: Database, *, limit: int = 50) -> list[Note]:
    rows = db.rows(
        "SELECT id, text, created_at FROM inbox_note WHERE filed_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?",
        (limit,),
    )
    return [Note(row["id"], row["text"], row["created_at"]) for row in rows]


def count_open(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM inbox_note WHERE filed_at IS NULL"))


def file_note(db: Database, note_id: int, *, now: datetime) -> None:
    """Mark a note as dealt with; it stays in the file, out of the inbox (and `u` brings it back)."""
    update_row(
        db,
        "inbox_note",
        note_id,
        {"filed_at": stamp(now)},
        frozenset({"filed_at"}),
        remember=frozenset({"filed_at"}),
        now=now,
    )


def all_notes(db: Database, *, limit: int = 500) -> list[Note]:
    """Every note, open ones first, then filed ones; newest first within each."""
    rows = db.rows(
        "SELECT id, text, created_at, filed_at FROM inbox_note"
        " ORDER BY filed_at IS NOT NULL, created_at DESC, id DESC LIMIT ?",
        (limit,),
    )
    return [Note(row["id"], row["text"], row["created_at"], row["filed_at"]) for row in rows]


def get_note(db: Database, note_id: int) -> Note | None:
    row = db.one("SELECT id, text, created_at, filed_at FROM inbox_note WHERE id = ?", (note_id,))
    return Note(row["id"], row["text"], row["created_at"], row["filed_at"]) if row else None


def count_all(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM inbox_note"))


def update_note(db: Database, note_id: int, *, now: datetime, **fields: str | None) -> None:
    """New text, or filed / back in the inbox (filed_at None); `u` brings the old values back."""
    update_row(db, "inbox_note", note_id, fields, frozenset({"text", "filed_at"}), remember=frozenset(fields), now=now)
