"""What the capture box does (in the app's modal and in the `techtime capture` popup).

Typed text is never lost: Escape keeps the line as a draft, the next capture box (either one)
starts with it, and saving a line clears it in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from techtime.store import drafts
from techtime.store.database import Database

# The capture parser and saver load with the first line saved: `techtime capture` shows its box first.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.services.capture import Saved


def load_draft(db: Database) -> str:
    """The line left in the capture box last time ("" when there is none)."""
    return drafts.draft(db)


def keep_draft(db: Database, text: str) -> None:
    """Keep what is typed for the next capture box; nothing typed drops the draft."""
    text = text.strip()
    if text != drafts.draft(db):
        drafts.set_draft(db, text)


def save_line(db: Database, text: str, *, today: date, now: datetime) -> Saved:
    """Parse and save one capture line and clear the draft, in one transaction; or raise InputError."""
    from techtime.services.capture import capture

    with db.transaction():
        saved = capture(db, text, today=today, now=now)
        if drafts.draft(db):
            drafts.set_draft(db, "")
    return saved


def on_roster(db: Database, handle: str) -> bool:
    """Is this @handle an engineer on the roster (any case)? A pairing capture adds one that is not."""
    from techtime.store import people

    return people.find_by_handle(db, handle) is not None
