"""Sessions with engineers: their kinds and states, month coverage, and reading what is typed in the forms.

A session is pairing ("teach me what you're building", the monthly practice and the rotation), a
technical 1-on-1 ("walk me through the architecture of what you shipped this sprint") or a
system-design interview. Only pairing counts for the monthly practice and moves the rotation.
"""

from __future__ import annotations

import re
from datetime import date

from techtime.domain import durations
from techtime.errors import CaptureError, InputError

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

# The kinds of session with an engineer, and what each is called.
PAIRING, ONE_ON_ONE, INTERVIEW = "pairing", "1on1", "interview"
KINDS = (PAIRING, ONE_ON_ONE, INTERVIEW)
KIND_WORDS = {PAIRING: "pairing", ONE_ON_ONE: "technical 1-on-1", INTERVIEW: "system-design interview"}
# The question bank's groups a session of each kind offers (techtime.domain.questions): a 1-on-1 asks
# the technical 1-on-1 questions; an interview the design-review ones (scale, blast radius, tradeoffs),
# which are what a system-design discussion probes; pairing is the engineer's to lead.
KIND_QUESTIONS: dict[str, tuple[str, ...]] = {PAIRING: (), ONE_ON_ONE: ("one-on-one",), INTERVIEW: ("design-review",)}
_KIND_ALIASES = {
    "pairing": PAIRING,
    "pair": PAIRING,
    "1on1": ONE_ON_ONE,
    "1-on-1": ONE_ON_ONE,
    "1:1": ONE_ON_ONE,
    "one-on-one": ONE_ON_ONE,
    "one on one": ONE_ON_ONE,
    "technical 1-on-1": ONE_ON_ONE,
    "interview": INTERVIEW,
    "system-design interview": INTERVIEW,
    "system design interview": INTERVIEW,
    "design interview": INTERVIEW,
}

# Patterns as text: re compiles each on first use (and caches it), not on every start.
_HANDLE_RE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
HANDLE_MAX = 40


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
    if len(handle) > HANDLE_MAX or not re.match(_HANDLE_RE, handle):
        raise InputError(
            f"{text.strip()!r} is not a handle: use up to {HANDLE_MAX} letters, digits, '.', '_' or '-', e.g. dana"
        )
    return handle


def parse_kind(text: str) -> str:
    """pairing (the default when empty), 1on1 (a technical 1-on-1) or interview (system design)."""
    value = " ".join(text.strip().lower().split())
    if not value:
        return PAIRING
    if value not in _KIND_ALIASES:
        raise InputError(f"unknown kind {text.strip()!r}: use pairing, 1on1 (a technical 1-on-1) or interview")
    return _KIND_ALIASES[value]


def capture_kind(value: str, today: date) -> str:
    """`kind:1on1` or `kind:interview` in a capture line (pairing without it)."""
    del today
    if value.strip():
        try:
            return parse_kind(value)
        except InputError:
            pass
    raise CaptureError(f"unknown kind kind:{value}: use kind:pairing, kind:1on1 or kind:interview")


def kind_word(kind: str) -> str:
    return KIND_WORDS.get(kind, kind)


def parse_minutes(text: str) -> int | None:
    """A session's length (see `durations.parse_minutes`); empty means not given."""
    return durations.parse_minutes(text) if text.strip() else None


def format_minutes(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def month_starts(year: int) -> list[date]:
    return [date(year, month, 1) for month in range(1, 13)]
