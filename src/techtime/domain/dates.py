"""Reading the dates a leader types: `fri`, `next mon`, `in 2w`, `eoq`, `2026-12-01`, `Dec 3`.

Known forms are read here; anything else goes to dateutil's strict parser
(never `fuzzy=True`, which turns "in 2 weeks" into the 2nd of this month).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from techtime.domain.quarters import Quarter
from techtime.errors import DateInputError

ACCEPTED_DATES = (
    "2026-12-01, today, tomorrow, yesterday, fri, next fri, last mon, "
    "in 3 days, in 2w, 3d, 2w ago, eom, eoq, eoy, or a date like 'Dec 3'"
)

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}

_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "mo": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "yrs": "years",
    "year": "years",
    "years": "years",
}
UNIT_WORDS = frozenset(_UNITS)
MONTHS = frozenset(
    name
    for month in ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")
    for name in (month, month[:3], "sept" if month == "september" else month[:3])
)  # fmt: skip
# Patterns as text: re compiles each on first use (and caches it), not on every start.
_OFFSET_RE = r"^(?:in\s+)?(\d{1,4})\s*([a-z]+)(\s+ago)?$"
_ISO_RE = r"^\d{4}-\d{2}-\d{2}$"


# Which way a field looks, for the dates that do not say: a weekday name, a day without a year.
FORWARD, BACK, NEAREST = "forward", "back", "nearest"


def parse_date(text: str, today: date, *, looking: str = FORWARD) -> date:
    """Turn what the user typed into a date, relative to `today`.

    A field that looks forward (planning, review dates) reads `fri` as the coming Friday and `Nov 5`
    as its next occurrence; one that looks back (logging late, when something was done) reads them as
    the latest Friday and the last 5 November, today included; NEAREST (a pairing session, planned or
    held) takes the closer of the two occurrences of a day without a year, and weekdays forward.
    Raises `DateInputError` naming the accepted forms when it cannot.
    """
    stripped = text.strip()
    if re.match(_ISO_RE, stripped):
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            raise DateInputError(f"{stripped!r} is not a real date: use {ACCEPTED_DATES}") from None
    # "next-fri" and "in_3_days" read like their spaced forms (a capture token has no spaces).
    words = " ".join(stripped.lower().replace("_", " ").replace("-", " ").split())
    if not words:
        raise DateInputError(f"a date is missing: use {ACCEPTED_DATES}")
    relative = _relative(words, today, looking)
    if relative is not None:
        return relative
    return _dateutil(stripped, today, looking)


def _relative(words: str, today: date, looking: str) -> date | None:
    if words in ("today", "now", "tod"):
        return today
    if words in ("tomorrow", "tmr", "tom"):
        return today + timedelta(days=1)
    if words in ("yesterday", "yday"):
        return today - timedelta(days=1)
    if words == "eom":
        return today.replace(day=_month_length(today.year, today.month))
    if words == "eoq":
        return Quarter.containing(today).last_day
    if words == "eoy":
        return date(today.year, 12, 31)
    if words in WEEKDAYS:
        if looking == BACK:
            return today - timedelta(days=(today.weekday() - WEEKDAYS[words]) % 7)
        return today + timedelta(days=(WEEKDAYS[words] - today.weekday()) % 7)
    first, _, rest = words.partition(" ")
    if first in ("next", "last") and rest in WEEKDAYS:
        step = 1 if first == "next" else -1
        # "next fri" is the first Friday after today; "last mon" the latest Monday before it.
        day = today + timedelta(days=step)
        while day.weekday() != WEEKDAYS[rest]:
            day += timedelta(days=step)
        return day
    match = re.match(_OFFSET_RE, words)
    if match and match.group(2) in _UNITS:
        try:
            return _shift(today, int(match.group(1)) * (-1 if match.group(3) else 1), _UNITS[match.group(2)])
        except (ValueError, OverflowError):
            raise DateInputError(f"{words!r} is too far away: use a date within a few years") from None
    return None


def _shift(day: date, amount: int, unit: str) -> date:
    if unit == "days":
        return day + timedelta(days=amount)
    if unit == "weeks":
        return day + timedelta(weeks=amount)
    months = amount * (12 if unit == "years" else 1)
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    # The 31st plus a month is the last day of the shorter month, not an error.
    return date(year, month, min(day.day, _month_length(year, month)))


def _month_length(year: int, month: int) -> int:
    import calendar  # here, not at the top: calendar (with locale) costs ~1.5 ms of `techtime add`'s start-up

    return calendar.monthrange(year, month)[1]


def _dateutil(text: str, today: date, looking: str) -> date:
    if text.isdigit():
        raise DateInputError(f"{text!r} is ambiguous (a day? days from now?): use {ACCEPTED_DATES}")
    if text.lower().strip(" .") in MONTHS:
        raise DateInputError(f"{text!r} needs a day too, e.g. '{text.strip()[:3].title()} 3': use {ACCEPTED_DATES}")
    from dateutil import parser

    try:
        # Two leap years as defaults: if the results differ, the text gave no year.
        first = parser.parse(text, default=datetime(2000, today.month, today.day))
        second = parser.parse(text, default=datetime(2004, today.month, today.day))
    except (ValueError, OverflowError):
        raise DateInputError(f"cannot read {text!r} as a date: use {ACCEPTED_DATES}") from None
    if first.year == second.year:
        return first.date()
    # A date without a year: its next occurrence, or its last one, or whichever is closer.
    after = _occurrence(first.month, first.day, today, step=1)
    before = _occurrence(first.month, first.day, today, step=-1)
    if looking == BACK:
        return before
    if looking == NEAREST and (today - before) < (after - today):
        return before
    return after


def _occurrence(month: int, day: int, today: date, *, step: int) -> date:
    """The first `month`/`day` from today on (step 1) or back from today (step -1); 29 February waits
    for a leap year."""
    for offset in range(9):
        year = today.year + step * offset
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        if (candidate >= today) if step > 0 else (candidate <= today):
            return candidate
    raise DateInputError(f"{month}/{day} is not a date that comes round: use {ACCEPTED_DATES}")
