"""The values of the capture syntax's `key:value` options, each read by the rule its field uses.

Each function takes the text after `key:` and today, and returns the value or raises CaptureError
saying what is accepted. The registry (techtime.areas) names which kinds take which option.
"""

from __future__ import annotations

from datetime import date

from techtime.domain.radar import QUADRANTS, RINGS, normalize_quadrant, normalize_ring
from techtime.errors import CaptureError, InputError

# Dates and quarters are imported by the options that take them: most captures have neither,
# and `techtime add` is on a start-up budget.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.domain.quarters import Quarter


def ring(value: str, today: date) -> str:
    found = normalize_ring(value)
    if found is None:
        raise CaptureError(f"unknown ring {value!r}: use one of {', '.join(RINGS)}")
    return found


def quadrant(value: str, today: date) -> str:
    found = normalize_quadrant(value)
    if found is None:
        raise CaptureError(f"unknown quadrant {value!r}: use one of {', '.join(QUADRANTS)}")
    return found


def quarter(value: str, today: date) -> Quarter:
    from techtime.domain.quarters import Quarter

    try:
        return Quarter.named(value, today)
    except InputError as error:
        raise CaptureError(f"quarter: {error}") from None


def day(value: str, today: date) -> date:
    """`on:` of what may be planned or done (a pairing session): a day without a year is the closer one."""
    return _day("on", value, today, "nearest")


def past_day(value: str, today: date) -> date:
    """`on:` of something done (tinkering, an incident): `fri` is last Friday, `Nov 5` the last one."""
    return _day("on", value, today, "back")


def future_day(value: str, today: date) -> date:
    """A day ahead (a review date): `fri` is the coming Friday, `Nov 5` the next one."""
    return _day("review", value, today, "forward")


def _day(option: str, value: str, today: date, looking: str) -> date:
    from techtime.domain.dates import parse_date

    try:
        return parse_date(value, today, looking=looking)
    except InputError as error:
        raise CaptureError(f"{option}: {error}") from None


def minutes(value: str, today: date) -> int:
    from techtime.domain import durations

    try:
        return durations.parse_minutes(value)
    except InputError as error:
        raise CaptureError(f"min: {error}") from None
