"""Inbox notes: filing one away (it stays findable, out of the inbox), editing, deleting, and turning a
note captured as the wrong kind into the radar item or deep dive it should have been. Each is undone
by one `u`."""

from __future__ import annotations

from datetime import date, datetime

from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import notes
from techtime.store.database import Database, stamp
from techtime.store.notes import Note as Note

TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.services.capture import Saved, Saver

# What a note can become, by the capture kind it is read as: (kind, what the undo entry says).
TURNS_INTO = {"radar": "radar item", "dive": "deep dive"}


def file_note(db: Database, note_id: int, *, now: datetime) -> None:
    """Mark a note as dealt with; the trash remembers it, so `u` puts it back in the inbox."""
    notes.file_note(db, note_id, now=now)


class NotesView(NamedTuple):
    """The Notes screen: every note, open ones first (a tuple of Note), and how many are open."""

    notes: tuple[Note, ...]
    open: int


def notes_view(db: Database) -> NotesView:
    return NotesView(tuple(notes.all_notes(db)), notes.count_open(db))


def _get(db: Database, note_id: int) -> Note:
    note = notes.get_note(db, note_id)
    if note is None:
        raise InputError(f"there is no note {note_id} (deleted meanwhile?)")
    return note


def parse_note_text(text: str) -> str:
    """A note's text as the capture box keeps it: one line, not empty, at most the capture's length."""
    from techtime.domain.capture import MAX_LENGTH

    value = " ".join(text.split())
    if not value:
        raise InputError("a note needs some text, e.g. ask Priya about the ledger rollout")
    if len(value) > MAX_LENGTH:
        raise InputError(f"a note is one line of at most {MAX_LENGTH:,} characters (this one has {len(value):,})")
    return value


def edit_note(db: Database, note_id: int, text: str, *, now: datetime) -> Note:
    """New text (`u` brings the old one back); returns the note as it is now."""
    value = parse_note_text(text)
    with db.transaction():
        if _get(db, note_id).text != value:
            notes.update_note(db, note_id, text=value, now=now)
        return _get(db, note_id)


def toggle_filed(db: Database, note_id: int, *, now: datetime) -> Note:
    """File an open note, or put a filed one back in the inbox (`u` takes either back)."""
    with db.transaction():
        note = _get(db, note_id)
        notes.update_note(db, note_id, filed_at=None if note.filed_at else stamp(now), now=now)
        return _get(db, note_id)


def delete_note(db: Database, note_id: int, *, now: datetime) -> Note:
    """Delete a note; `u` brings it back."""
    from techtime.store import trash

    with db.transaction():
        note = _get(db, note_id)
        trash.delete(db, "inbox_note", note_id, now=now, label=note.text[:60])
    return note


class Turned(NamedTuple):
    """A note turned into another kind: what it became (services.capture.Saved) and the note it was."""

    saved: Saved
    note: Note


def turn_into(db: Database, note_id: int, kind: str, *, today: date, now: datetime) -> Turned:
    """The note read as a capture of `kind` ("radar": its link becomes the item's URL, its #tags tags;
    "dive": a deep dive this quarter), saved, and the note deleted: one change, one `u` takes it all back.

    Refused with the capture's own one-line error when the text cannot be that kind (a dive needs a title).
    """
    from techtime import areas
    from techtime.domain.capture import Capture, parse_capture
    from techtime.errors import CaptureError
    from techtime.store import trash

    if kind not in TURNS_INTO:
        raise InputError(f"a note can become {' or '.join(TURNS_INTO.values())}, not {kind!r}")
    capture_kind = areas.capture_kind(kind)
    note = _get(db, note_id)
    try:
        item: Capture = parse_capture(f"{capture_kind.words[0]} {note.text}", today)
    except CaptureError as error:
        raise InputError(f"this note cannot become {TURNS_INTO[kind]}: {error}") from None
    saver: Saver = areas.resolve(capture_kind.save)
    with trash.recording(db, f"turning the note {note.text[:40]!r} into {TURNS_INTO[kind]}", now=now) as change:
        saved = saver(db, item, today=today, now=now)
        if saved.kind == kind and not saved.detail.startswith("already"):
            change.created(_TABLES[kind], saved.id)
        change.delete("inbox_note", note_id)
    return Turned(saved, note)


_TABLES = {"radar": "radar_item", "dive": "deep_dive"}
