"""The capture box's draft: the line typed and left with Escape, brought back by the next capture.

One row in `setting`, so the app's box and the `techtime capture` popup share it, across restarts.
"""

from __future__ import annotations

import json

from techtime.store.database import Database

_KEY = "capture_draft"


def draft(db: Database) -> str:
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (_KEY,))
    try:
        text = json.loads(value) if value is not None else ""
    except ValueError:
        return ""
    return text if isinstance(text, str) else ""


def set_draft(db: Database, text: str) -> None:
    """Keep text as the draft; an empty text drops it."""
    with db.transaction() as conn:
        if text:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_KEY, json.dumps(text)),
            )
        else:
            conn.execute("DELETE FROM setting WHERE key = ?", (_KEY,))
