"""Calendar quarters as a value type: `Quarter(2026, 4)` is `2026Q4`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from techtime.errors import QuarterError
from techtime.records import NamedTuple

# Patterns as text: re compiles each on first use (and caches it), not on every start.
_QUARTER_RE = r"^\s*(\d{4})\s*-?\s*[qQ]([1-9])\s*$|^\s*[qQ]([1-9])\s*-?\s*(\d{4})\s*$"
ACCEPTED = "a quarter like 2027Q1 (year, Q, 1-4)"
# Far enough for any plan; the last quarter still has a next one to compute its last day from.
MIN_YEAR, MAX_YEAR = 1900, 9998


class _QuarterFields(NamedTuple):
    year: int
    number: int


class Quarter(_QuarterFields):
    """Immutable and ordered by time. A named tuple rather than a dataclass: `techtime add` is on
    the start-up budget, and importing dataclasses costs ~8 ms."""

    __slots__ = ()

    def __new__(cls, year: int, number: int) -> Quarter:
        if not 1 <= number <= 4:
            raise QuarterError(f"unknown quarter {year}Q{number}: use {ACCEPTED}")
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise QuarterError(f"{year}Q{number} is out of range: use a year from {MIN_YEAR} to {MAX_YEAR}")
        return super().__new__(cls, year, number)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read `2026Q4` (also `2026-Q4`, `2026q4`, `Q4 2026`)."""
        match = re.match(_QUARTER_RE, text)
        if not match:
            raise QuarterError(f"cannot read quarter {text.strip()!r}: use {ACCEPTED}")
        year, number = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        return cls(int(year), int(number))

    @classmethod
    def named(cls, text: str, today: date) -> Quarter:
        """`this` (or `current`), `next`, `last`, or what `parse` reads: the one way every field and
        option that takes a quarter reads it (capture's quarter:, report --quarter)."""
        current = cls.containing(today)
        relative = {"this": current, "current": current, "next": current.next(), "last": current.previous()}
        if text.strip().lower() in relative:
            return relative[text.strip().lower()]
        try:
            return cls.parse(text)
        except QuarterError as error:
            raise QuarterError(f"{error} (or this, next, last)") from None

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first_day <= day <= self.last_day

    def days_left(self, today: date) -> int:
        """Days from today to the quarter's last day, counting both (0 once it is over)."""
        if today > self.last_day:
            return 0
        return (self.last_day - max(today, self.first_day)).days + 1

    def months(self) -> list[date]:
        """The first day of each of the quarter's three months."""
        return [date(self.year, 3 * self.number - 2 + i, 1) for i in range(3)]
