"""Reading a length of time the way people type it: 90, 90m, 90 min, 1h, 1.5h, 1h30, 3 hours."""

from __future__ import annotations

import re

from techtime.errors import InputError

MAX_MINUTES = 24 * 60
ACCEPTED = "minutes (90) or hours (3h, 1h30, 1.5h)"
# Patterns as text: re compiles each on first use (and caches it), not on every start.
_RE = r"^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?$"


def minutes_in(text: str) -> int | None:
    """The minutes `text` says (90, 1h30, 1.5h, 3 hours), however many; None if it says none."""
    stripped = text.strip().lower()
    match = re.match(_RE, stripped)
    if not stripped or match is None or not (match.group(1) or match.group(2)):
        return None
    return round(float(match.group(1) or 0) * 60) + int(match.group(2) or 0)


def parse_minutes(text: str) -> int:
    """Whole minutes from 1 to 24 hours; raise InputError naming the accepted forms."""
    minutes = minutes_in(text)
    if minutes is None:
        raise InputError(f"cannot read {text.strip()!r} as a duration: use {ACCEPTED}")
    if not 0 < minutes <= MAX_MINUTES:
        raise InputError(f"{text.strip()!r} is out of range: use 1 minute to 24 hours, e.g. 90 or 1h30")
    return minutes
