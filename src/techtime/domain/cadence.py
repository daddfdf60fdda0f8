"""Practices as RFC 5545 recurrence rules, and what is due, overdue or done.

Each occurrence of a rule opens a window that lasts until the next one. A
rule that names a weekday (`BYDAY`) is an appointment: it is due on that
day. Any other rule (monthly, quarterly, yearly) is a period: it is due by
the window's last day. A log entry settles one occurrence, as done or as
skipped; a skip is remembered and does not move the schedule. Occurrences
due while a practice was paused are neither due nor counted: `is_paused` is
that one rule, and the check-in, compliance and the calendar export all use it
(an occurrence is paused when its due day falls in a pause, whatever day its
window opened).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

DONE = "done"
SKIPPED = "skipped"
LOG_STATUSES = (DONE, SKIPPED)


class RuleError(InputError):
    """A recurrence rule that dateutil cannot evaluate."""


# Named tuples rather than dataclasses: `techtime today` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class Pause(NamedTuple):
    """Days a practice was paused, `start` to `end` inclusive; `end` None: still paused."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Practice(NamedTuple):
    """A recurring practice. `rule` is the RRULE body, e.g. "FREQ=WEEKLY;BYDAY=MO"; `start` (DTSTART)
    the first day the rule counts from; `pauses` a tuple of Pause."""

    id: int
    key: str
    name: str
    rule: str
    start: date
    minutes: int = 0
    active: bool = True
    pauses: tuple[Pause, ...] = ()

    def paused_on(self, day: date) -> bool:
        return any(pause.covers(day) for pause in self.pauses)


class LogEntry(NamedTuple):
    """`occurrence`: the start of the window this entry settles; `status`: done | skipped;
    `on`: the day it was actually done (a late log is back-dated)."""

    occurrence: date
    status: str
    on: date


class Occurrence(NamedTuple):
    """`start`: the rule's date, the window opens here; `end`: the window's last day;
    `due`: the appointment day, or the window's last day for a period."""

    start: date
    end: date
    due: date


class PracticeStatus(NamedTuple):
    """Where a practice stands today. `current`: the Occurrence today falls in (or None);
    `current_entry`: the LogEntry that settled it, if any; `overdue`: unsettled occurrences due
    before today, newest first; `upcoming`: unsettled and due after today, up to the horizon."""

    practice: Practice
    today: date
    current: Occurrence | None
    current_entry: LogEntry | None
    overdue: tuple[Occurrence, ...] = ()
    upcoming: tuple[Occurrence, ...] = ()
    last_done: date | None = None

    @property
    def paused(self) -> bool:
        return not self.practice.active or self.practice.paused_on(self.today)

    @property
    def due_today(self) -> bool:
        return (
            not self.paused
            and self.current is not None
            and self.current_entry is None
            and self.current.due == self.today
        )


class Compliance(NamedTuple):
    done: int
    expected: int
    skipped: int

    def __str__(self) -> str:
        return f"{self.done} of {self.expected}"


_ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# A practice that never falls due within this long is a typo, not a cadence.
_MUST_OCCUR_WITHIN_DAYS = 2 * 366


def validate_rule(rule: str, start: date) -> None:
    """Raise RuleError with a readable message unless the rule is a cadence a leader can keep:
    daily or coarser, open-ended, and due at least once in the next two years."""
    parts = _rule_parts(rule)
    if parts.get("FREQ") and parts["FREQ"] not in _ALLOWED_FREQUENCIES:
        raise RuleError(f"FREQ={parts['FREQ']} is too frequent for a practice: use DAILY, WEEKLY, MONTHLY or YEARLY")
    if "COUNT" in parts or "UNTIL" in parts:
        raise RuleError("a practice goes on until you pause it: leave COUNT and UNTIL out of the rule")
    dates = _rule_dates(rule, start)
    if not dates.between(start, start + timedelta(days=_MUST_OCCUR_WITHIN_DAYS)):
        raise RuleError(f"{rule!r} never falls due in the next two years: check the day and month")


def _rule_parts(rule: str) -> dict[str, str]:
    """A rule's parts by name, upper case: "FREQ=weekly;byday=MO" -> {"FREQ": "WEEKLY", "BYDAY": "MO"}."""
    return dict(part.split("=", 1) for part in rule.upper().removeprefix("RRULE:").split(";") if "=" in part)


@lru_cache(maxsize=256)
def _rule_dates(rule: str, start: date) -> _RuleDates:
    from dateutil.rrule import rrulestr

    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body or "FREQ=" not in body.upper():
        raise RuleError(f"{rule!r} is not a recurrence rule: it needs FREQ=, e.g. FREQ=WEEKLY;BYDAY=MO")
    try:
        # No cache=True: _RuleDates keeps the dates it has walked (and is cached itself).
        parsed = rrulestr(body, dtstart=_midnight(start))
    except (ValueError, TypeError, KeyError, OverflowError) as error:
        raise RuleError(f"cannot read rule {rule!r}: {error}; e.g. FREQ=MONTHLY or FREQ=WEEKLY;BYDAY=FR") from None
    appointment = "BYDAY=" in body.upper() or "FREQ=DAILY" in body.upper()
    return _RuleDates(parsed, appointment, start, _Periods.of(body, start))


class _Periods:
    """A rule as whole periods from its start, for walking it from a later start with the same dates.

    dateutil takes what a rule leaves out from its start (FREQ=MONTHLY: the start's day of the month;
    WEEKLY: its weekday; YEARLY: its month and day): written out here, the rule started whole periods
    (INTERVAL of them) later gives the same dates from that start on. Only rules whose every part is
    counted within a period are shifted (no COUNT, BYSETPOS, BYWEEKNO, BYYEARDAY, BYEASTER).
    """

    _SHIFTABLE = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST", "UNTIL"})
    _DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}  # a period at most, in days

    def __init__(self, body: str, frequency: str, interval: int, start: date) -> None:
        self.body, self.frequency, self.interval, self.start = body, frequency, interval, start

    @classmethod
    def of(cls, body: str, start: date) -> _Periods | None:
        parts = _rule_parts(body)
        frequency, interval = parts.get("FREQ", ""), parts.get("INTERVAL", "1")
        if not parts.keys() <= cls._SHIFTABLE or frequency not in cls._DAYS or not interval.isdigit():
            return None
        if "BYDAY" not in parts and "BYMONTHDAY" not in parts:
            if frequency == "WEEKLY":
                parts["BYDAY"] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.weekday()]
            elif frequency == "MONTHLY":
                parts["BYMONTHDAY"] = str(start.day)
            elif frequency == "YEARLY":
                parts.setdefault("BYMONTH", str(start.month))
                parts["BYMONTHDAY"] = str(start.day)
        written = ";".join(f"{key}={value}" for key, value in parts.items())
        return cls(written, frequency, max(int(interval), 1), start)

    def origin_before(self, day: date) -> date:
        """The start of the last whole number of periods from the rule's start that ends two periods
        before `day` at least (so that the occurrence open on `day` is walked), or the rule's start."""
        before = day - timedelta(days=2 * self.interval * self._DAYS[self.frequency])
        start, step = self.start, self.interval
        if before <= start:
            return start
        if self.frequency in ("DAILY", "WEEKLY"):
            length = step * self._DAYS[self.frequency]
            return start + timedelta(days=(before - start).days // length * length)
        if self.frequency == "MONTHLY":
            months = ((before.year - start.year) * 12 + before.month - start.month) // step * step
            if months == 0:
                return start
            index = start.month - 1 + months
            return date(start.year + index // 12, index % 12 + 1, 1)
        years = (before.year - start.year) // step * step
        return date(start.year + years, 1, 1) if years else start

    def walk_from(self, origin: date) -> Iterator[datetime]:
        from dateutil.rrule import rrulestr

        return iter(rrulestr(self.body, dtstart=_midnight(origin)))


class _RuleDates:
    """A parsed rule with the window arithmetic on top (cached per rule and start).

    The rule is walked once, as far as a question needs, into a list that every question then bisects:
    dateutil's own before/between/after walk it from DTSTART each time (its cache only saves computing
    the dates again). A practice's start is years back and most questions are about this quarter, so
    the walk begins some periods before the first question's day (`_Periods`), and begins again from
    the start only for a question about an earlier day.
    """

    def __init__(self, parsed: rrule | rruleset, appointment: bool, start: date, periods: _Periods | None) -> None:
        self._parsed = parsed
        self._periods = periods
        self.appointment = appointment
        self._start = _midnight(start)
        self._origin: datetime | None = None  # where the walk began: every occurrence from there is seen
        self._walk: Iterator[datetime] = iter(())
        self._seen: list[datetime] = []
        self._ended = False

    def _begin(self, origin: date) -> None:
        self._origin, self._walk = self._start, iter(self._parsed)
        if self._periods is not None and _midnight(origin) != self._start:
            try:
                self._walk = self._periods.walk_from(origin)
                self._origin = _midnight(origin)
            except (ValueError, TypeError, KeyError, OverflowError):
                self._walk = iter(self._parsed)  # the rule as written out does not read: from its start
        self._seen, self._ended = [], False

    def _from(self, moment: datetime) -> list[datetime]:
        """The occurrences so far, from one on or before `moment` (or the first of all)."""
        if self._origin is None or (self._origin != self._start and moment < self._origin):
            self._begin(self._periods.origin_before(moment.date()) if self._periods else self._start.date())
        seen = self._through(moment)
        if self._origin != self._start and not (seen and seen[0] <= moment):
            self._begin(self._start.date())  # no occurrence between the later start and `moment`
            seen = self._through(moment)
        return seen

    def _through(self, moment: datetime) -> list[datetime]:
        """The occurrences so far, walked until one lies after `moment` (or the rule has ended)."""
        seen = self._seen
        while not self._ended and (not seen or seen[-1] <= moment):
            found = next(self._walk, None)
            if found is None:
                self._ended = True
            else:
                seen.append(found)
        return seen

    def between(self, first: date, last: date) -> list[Occurrence]:
        """Occurrences whose window overlaps [first, last]."""
        self._from(_midnight(first))
        seen = self._through(_midnight(last))
        # From the occurrence whose window is open on `first` (or the first one after it) ...
        begin = max(bisect_right(seen, _midnight(first)) - 1, 0)
        # ... to the last one on or before `last`, each window ending the day before the next opens.
        end = bisect_right(seen, _midnight(last))
        starts = [moment.date() for moment in seen[begin:end]]
        bounds = [*starts, seen[end].date() if end < len(seen) else None]
        occurrences = []
        for start, next_start in zip(starts, bounds[1:], strict=True):
            window_end = next_start - timedelta(days=1) if next_start else date.max
            occurrences.append(Occurrence(start, window_end, start if self.appointment else window_end))
        return occurrences

    def first(self) -> Occurrence | None:
        """The rule's first occurrence on or after its start."""
        if self._origin != self._start:
            self._begin(self._start.date())
        seen = self._through(self._start)
        index = bisect_left(seen, self._start)
        return self.containing(seen[index].date()) if index < len(seen) else None

    def containing(self, day: date) -> Occurrence | None:
        found = self.between(day, day)
        return found[0] if found and found[0].start <= day else None


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def is_paused(practice: Practice, occurrence: Occurrence) -> bool:
    """The one pause rule: an occurrence is paused when its due day falls in a pause. Paused
    November 10 to December 4, a monthly practice's November (due the 30th) is paused and its
    December (due the 31st) is not, though December's window opened during the pause."""
    return practice.paused_on(occurrence.due)


class CalendarSeries(NamedTuple):
    """A practice as a calendar's recurring event: `first` the rule's first occurrence (its DTSTART),
    `until` the last occurrence to show when an open pause ends the series (None: it goes on),
    `paused` the starts of occurrences to leave out (EXDATE). `first` None: nothing to show."""

    first: date | None
    until: date | None
    paused: tuple[date, ...]


def calendar_series(practice: Practice) -> CalendarSeries:
    """What a calendar shows of a practice, by `is_paused`: the series, less its paused occurrences."""
    dates = _rule_dates(practice.rule, practice.start)
    first = dates.first()
    if first is None or not practice.active:
        return CalendarSeries(None, None, ())
    closed = [pause for pause in practice.pauses if pause.end is not None]
    still = min((pause.start for pause in practice.pauses if pause.end is None), default=None)
    ends = [pause.end for pause in closed if pause.end is not None]
    # Occurrences due in a closed pause, and those before an open one; the rule is walked no further.
    horizon = max([*ends, *([still] if still else []), first.start])
    paused: list[date] = []
    until: date | None = None
    kept_any = False
    for occurrence in dates.between(first.start, horizon):
        if still is not None and occurrence.due >= still:
            break
        if is_paused(practice, occurrence):
            paused.append(occurrence.start)
        else:
            kept_any = True
            until = occurrence.start
    if still is not None:
        if not kept_any:
            return CalendarSeries(None, None, ())  # paused since before its first occurrence
        return CalendarSeries(first.start, until, tuple(paused))
    return CalendarSeries(first.start, None, tuple(paused))


def occurrence_on(practice: Practice, day: date) -> Occurrence | None:
    """The occurrence whose window contains `day`: the one a log made that day settles."""
    return _rule_dates(practice.rule, practice.start).containing(day)


def counted_from(practice: Practice, entries: Iterable[LogEntry]) -> Practice:
    """The practice as compliance counts it: from the earlier of its start (the first day of use) and
    its earliest log, so history logged for the time before techtime existed counts."""
    earliest = min((min(entry.occurrence, entry.on) for entry in entries), default=practice.start)
    if earliest >= practice.start:
        return practice
    # The rule anchored far enough back, then the window of the earliest log: counting starts there.
    window = _rule_dates(practice.rule, _start_back_to(practice, earliest)).containing(earliest)
    return practice._replace(start=window.start if window else earliest)


def _start_back_to(practice: Practice, day: date) -> date:
    """The practice's start, moved back by whole periods of its rule until it is on or before `day`:
    an "every 2 weeks" rule keeps its weeks."""
    from dateutil.relativedelta import relativedelta

    parts = _rule_parts(practice.rule)
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    period = {
        "DAILY": relativedelta(days=interval),
        "WEEKLY": relativedelta(weeks=interval),
        "MONTHLY": relativedelta(months=interval),
        "YEARLY": relativedelta(years=interval),
    }.get(parts.get("FREQ", ""))
    if period is None or interval < 1:
        return day
    periods = 1
    while (start := practice.start - period * periods) > day:
        periods *= 2  # doubling: years back in a few steps; any whole number of periods keeps the phase
    return start


def occurrences_between(practice: Practice, first: date, last: date) -> list[Occurrence]:
    """Occurrences due within [first, last], paused ones left out."""
    found = _rule_dates(practice.rule, practice.start).between(first, last)
    return [o for o in found if first <= o.due <= last and not is_paused(practice, o)]


def settled_occurrences(entries: Iterable[LogEntry]) -> dict[date, LogEntry]:
    """The entry that settles each occurrence: done wins over skipped, the latest done over earlier ones."""
    settled: dict[date, LogEntry] = {}
    for entry in entries:
        known = settled.get(entry.occurrence)
        if known is None or (entry.status == DONE and (known.status != DONE or entry.on >= known.on)):
            settled[entry.occurrence] = entry
    return settled


def _settled(practice: Practice, counted: Practice, entries: list[LogEntry]) -> dict[date, LogEntry]:
    """What settles each occurrence. A log made for a day before the practice's start recorded that day
    as its occurrence (there was no window yet); it settles the window the day falls in once
    `counted_from` has reached back to it."""
    early = sorted({entry.occurrence for entry in entries if entry.occurrence < practice.start})
    if not early:
        return settled_occurrences(entries)
    import bisect

    windows = _rule_dates(counted.rule, counted.start).between(early[0], practice.start)
    starts = [window.start for window in windows]

    def aligned(entry: LogEntry) -> LogEntry:
        index = bisect.bisect_right(starts, entry.occurrence) - 1
        if entry.occurrence < practice.start and index >= 0 and entry.occurrence <= windows[index].end:
            return entry._replace(occurrence=starts[index])
        return entry

    return settled_occurrences(aligned(entry) for entry in entries)


def status(
    practice: Practice,
    entries: Iterable[LogEntry],
    today: date,
    *,
    horizon: date | None = None,
    overdue_since: date | None = None,
) -> PracticeStatus:
    """Where a practice stands today.

    Overdue looks back to `overdue_since` (default: the start of this quarter);
    older misses belong to compliance, not to today's list. Upcoming looks
    ahead to `horizon` (default: nothing).
    """
    entries = list(entries)
    counted = counted_from(practice, entries)
    settled = _settled(practice, counted, entries)
    practice = counted
    dates = _rule_dates(practice.rule, practice.start)
    current = dates.containing(today)
    look_back = max(overdue_since or Quarter.containing(today).first_day, practice.start)

    def open_(o: Occurrence) -> bool:
        return o.start not in settled and not is_paused(practice, o)

    overdue: tuple[Occurrence, ...] = ()
    upcoming: tuple[Occurrence, ...] = ()
    if practice.active:
        overdue = tuple(o for o in reversed(dates.between(look_back, today)) if look_back <= o.due < today and open_(o))
        if horizon is not None and horizon > today:
            window = dates.between(today + timedelta(days=1), horizon)
            upcoming = tuple(o for o in window if today < o.due <= horizon and open_(o))
    done_days = [entry.on for entry in settled.values() if entry.status == DONE]
    return PracticeStatus(
        practice=practice,
        today=today,
        current=current,
        current_entry=settled.get(current.start) if current else None,
        overdue=overdue,
        upcoming=upcoming,
        last_done=max(done_days, default=None),
    )


def compliance_so_far(
    practice: Practice, entries: Sequence[LogEntry], first: date, last: date, today: date
) -> Compliance:
    """Compliance over [first, last] as it stands today: every occurrence whose window has opened
    counts, so mid-November a monthly practice reads "1 of 2 months" while November is still open."""
    entries = list(entries)
    counted = counted_from(practice, entries)
    settled = _settled(practice, counted, entries)
    found = _rule_dates(counted.rule, counted.start).between(first, min(last, today))
    expected = [o for o in found if first <= o.start <= today and not is_paused(counted, o)]
    done = sum(1 for o in expected if o.start in settled and settled[o.start].status == DONE)
    skipped = sum(1 for o in expected if o.start in settled and settled[o.start].status == SKIPPED)
    return Compliance(done=done, expected=len(expected), skipped=skipped)
