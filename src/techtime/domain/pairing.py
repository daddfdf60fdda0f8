"""Pairing vocabulary: session states, month coverage, and reading what is typed in the forms."""

from __future__ import annotations

import re
from datetime import date

from techtime.errors import InputError

PLANNED, DONE, SKIPPED = "planned", "done", "skipped"
SESSION_STATUSES = (PLANNED, DONE, SKIPPED)
NOT_LOGGED = "not logged"  # planned for a day that has passed, neither done nor skipped

# How a month of the pairing cadence stands.
COVERED = "covered"  # a session in it is done
MONTH_SKIPPED = "skipped"  # recorded as skipped, not forgotten
MISSED = "missed"  # over, with nothing done or skipped
OPEN = "open"  # this month, nothing done yet
PLANNED_MONTH = "planned"  # this month or later, a session planned
AHEAD = "ahead"  # later, nothing planned
PAUSED = "paused"  # the practice was paused: not expected
NOT_TRACKED = "not tracked"  # before the practice started

_HANDLE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
HANDLE_MAX = 40
_MINUTES_RE = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?$")


def session_state(status: str, on: date, today: date) -> str:
    """What a session shows as: a planned session whose day has passed is 'not logged'."""
    if status == PLANNED and on < today:
        return NOT_LOGGED
    return status


def month_state(
    month: date,
    today: date,
    *,
    done: bool,
    skipped: bool,
    planned: bool,
    tracked: bool = True,
    paused: bool = False,
) -> str:
    """How the month starting on `month` stands for the pairing cadence.

    A done session covers the month whatever else happened in it; a recorded
    skip comes next. Months before the practice started, or while it was
    paused, are not expected.
    """
    if done:
        return COVERED
    if skipped:
        return MONTH_SKIPPED
    if not tracked:
        return NOT_TRACKED
    if paused:
        return PAUSED
    this_month = today.replace(day=1)
    if planned and month >= this_month:
        return PLANNED_MONTH
    if month < this_month:
        return MISSED
    return OPEN if month == this_month else AHEAD


def parse_handle(text: str) -> str:
    """A roster handle: '@dana' or 'dana' gives 'dana'."""
    handle = text.strip().removeprefix("@")
    if not handle:
        raise InputError("a handle is missing: use letters, digits, '.', '_' or '-', e.g. dana")
    if len(handle) > HANDLE_MAX or not _HANDLE_RE.match(handle):
        raise InputError(
            f"{text.strip()!r} is not a handle: use up to {HANDLE_MAX} letters, digits, '.', '_' or '-', e.g. dana"
        )
    return handle


def parse_minutes(text: str) -> int | None:
    """A duration: '90', '90m', '90 min', '1h', '1.5h', '1h30'. Empty means not given."""
    stripped = text.strip().lower()
    if not stripped:
        return None
    match = _MINUTES_RE.match(stripped)
    if match is None or not (match.group(1) or match.group(2)):
        raise InputError(f"cannot read {text.strip()!r} as a duration: use minutes (90) or hours (1h30, 1.5h)")
    minutes = round(float(match.group(1) or 0) * 60) + int(match.group(2) or 0)
    if not 0 < minutes <= 24 * 60:
        raise InputError(f"{text.strip()!r} is not a session length: use 1 minute to 24 hours, e.g. 90 or 1h30")
    return minutes


def format_minutes(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def month_starts(year: int) -> list[date]:
    return [date(year, month, 1) for month in range(1, 13)]
