"""Practices as RRULEs: windows, due, overdue, skips, pauses and compliance."""

from datetime import date, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from techtime.domain.cadence import LogEntry, Pause, Practice, compliance_so_far, occurrence_on, status

THU = date(2026, 11, 26)
SCAN = Practice(1, "radar-scan", "Tech-radar scan", "FREQ=WEEKLY;BYDAY=MO", date(2026, 1, 1), 30)
PAIRING = Practice(2, "pairing", "IC pairing", "FREQ=MONTHLY;BYMONTHDAY=1", date(2026, 1, 1), 90)


def test_a_weekly_appointment_is_due_on_its_day():
    window = occurrence_on(SCAN, THU)
    assert (window.start, window.end, window.due) == (date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 23))
    assert status(SCAN, [], date(2026, 11, 23)).due_today


def test_a_monthly_period_is_due_by_the_end_of_the_month():
    window = occurrence_on(PAIRING, THU)
    assert (window.start, window.due) == (date(2026, 11, 1), date(2026, 11, 30))
    state = status(PAIRING, [], THU, horizon=date(2026, 11, 30))
    assert not state.due_today
    assert [o.due for o in state.upcoming] == [date(2026, 11, 30)]


def test_overdue_looks_back_to_the_start_of_the_quarter_newest_first():
    done = [LogEntry(date(2026, 11, 16), "done", date(2026, 11, 16))]
    state = status(SCAN, done, THU)
    overdue = [o.due for o in state.overdue]
    assert overdue[0] == date(2026, 11, 23)
    assert date(2026, 11, 16) not in overdue
    assert min(overdue) >= date(2026, 10, 1)
    assert state.last_done == date(2026, 11, 16)


def test_a_skip_settles_the_occurrence_but_is_not_done():
    skipped = [LogEntry(date(2026, 11, 23), "skipped", THU)]
    state = status(SCAN, skipped, THU)
    assert date(2026, 11, 23) not in [o.due for o in state.overdue]
    assert state.last_done is None
    result = compliance_so_far(SCAN, skipped, date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 29))
    assert (result.done, result.skipped, result.expected) == (0, 1, 1)


def test_done_wins_over_a_skip_for_the_same_occurrence():
    entries = [LogEntry(date(2026, 11, 23), "done", THU), LogEntry(date(2026, 11, 23), "skipped", THU)]
    assert compliance_so_far(SCAN, entries, date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 29)).done == 1


def test_a_paused_stretch_is_neither_overdue_nor_counted():
    paused = SCAN._replace(pauses=(Pause(date(2026, 11, 1), date(2026, 11, 25)),))
    state = status(paused, [], THU)
    assert all(not date(2026, 11, 1) <= o.due <= date(2026, 11, 25) for o in state.overdue)
    assert compliance_so_far(paused, [], date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 30)).expected == 1


def test_quarterly_compliance_for_monthly_pairing():
    entries = [
        LogEntry(date(2026, 10, 1), "done", date(2026, 10, 14)),
        LogEntry(date(2026, 11, 1), "done", date(2026, 11, 3)),
    ]
    result = compliance_so_far(PAIRING, entries, date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 31))
    assert str(result) == "2 of 3"


def test_an_inactive_practice_is_never_overdue():
    inactive = SCAN._replace(active=False)
    assert status(inactive, [], THU).overdue == ()


def test_history_logged_before_the_first_day_of_use_counts_from_its_window():
    """A new database (first used 26 November) with sessions logged for October: October counts."""
    from techtime.domain.cadence import counted_from

    monthly = Practice(1, "pairing", "IC pairing", "FREQ=MONTHLY;BYMONTHDAY=1", date(2026, 11, 1))
    october = LogEntry(date(2026, 10, 14), "done", date(2026, 10, 14))  # before the start: its own day
    assert counted_from(monthly, [october]).start == date(2026, 10, 1)
    assert str(compliance_so_far(monthly, [october], date(2026, 10, 1), date(2026, 12, 31), date(2026, 11, 26))) == (
        "1 of 2"
    )
    assert str(compliance_so_far(monthly, [], date(2026, 10, 1), date(2026, 12, 31), date(2026, 11, 26))) == "0 of 1"


def test_an_every_two_weeks_rule_keeps_its_weeks_when_history_reaches_back():
    from techtime.domain.cadence import counted_from

    fortnightly = Practice(2, "1on1", "1-on-1", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", date(2026, 11, 25))
    early = LogEntry(date(2026, 10, 1), "done", date(2026, 10, 1))
    start = counted_from(fortnightly, [early]).start
    assert start <= date(2026, 10, 1) and (date(2026, 11, 25) - start).days % 14 == 0
    done = compliance_so_far(fortnightly, [early], date(2026, 9, 1), date(2026, 12, 31), date(2026, 11, 26))
    assert (done.done, done.expected) == (1, 5)  # 30 Sep's window (logged 1 Oct), 14 and 28 Oct, 11 and 25 Nov


RULES_FROM_THEIR_START = [
    "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=3", "FREQ=YEARLY;INTERVAL=2",
    "FREQ=WEEKLY;INTERVAL=3", "FREQ=MONTHLY;INTERVAL=2", "FREQ=DAILY;INTERVAL=3",
]  # fmt: skip
RULES_WRITTEN_OUT = [
    "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,MO", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYMONTHDAY=30,31", "FREQ=YEARLY;INTERVAL=2;BYMONTH=1,7;BYMONTHDAY=1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1", "FREQ=MONTHLY;BYDAY=2TU,4TU",
    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250101", "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
    "rrule:freq=weekly;byday=fr",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    rule=st.sampled_from(RULES_FROM_THEIR_START + RULES_WRITTEN_OUT),
    start=st.dates(date(2015, 1, 1), date(2026, 12, 31)),
    questions=st.lists(
        st.tuples(st.dates(date(2014, 1, 1), date(2030, 12, 31)), st.integers(0, 200)), min_size=1, max_size=4
    ),
)  # fmt: skip
@example(rule="FREQ=MONTHLY", start=date(2021, 1, 31), questions=[(date(2026, 3, 1), 40)])  # 31st: skips months
@example(rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", start=date(2016, 3, 1), questions=[(date(2027, 1, 1), 0)])
@example(rule="FREQ=WEEKLY", start=date(2021, 12, 3), questions=[(date(2026, 11, 30), 7), (date(2022, 1, 1), 3)])
def test_a_rule_walked_from_near_the_question_answers_as_one_walked_from_its_start(rule, start, questions):
    """A new walk begins some periods before the first question's day, the rule's left-out parts written
    out; later questions about earlier days begin it again. Every answer is dateutil's."""
    from techtime.domain.cadence import _rule_dates

    dates = _rule_dates.__wrapped__(rule, start)  # a new one: nothing walked yet
    for first, days in questions:
        last = first + timedelta(days=days)
        assert [(o.start, o.end) for o in dates.between(first, last)] == _windows_by_dateutil(rule, start, first, last)
        found = dates.containing(first)
        open_on_first = [window for window in _windows_by_dateutil(rule, start, first, first) if window[0] <= first]
        assert ([(found.start, found.end)] if found else []) == open_on_first
    first_of_all = dates.first()
    assert (first_of_all.start if first_of_all else None) == _first_by_dateutil(rule, start)


def _first_by_dateutil(rule: str, start: date) -> date | None:
    from dateutil.rrule import rrulestr

    found = rrulestr(rule, dtstart=datetime(start.year, start.month, start.day)).after(
        datetime(start.year, start.month, start.day), inc=True
    )
    return found.date() if found else None


def _windows_by_dateutil(rule: str, start: date, first: date, last: date) -> list[tuple[date, date]]:
    """The windows overlapping [first, last] by dateutil's own before/between/after (the reference)."""
    from dateutil.rrule import rrulestr

    parsed = rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))
    at = [datetime(day.year, day.month, day.day) for day in (first, last)]
    opening = parsed.before(at[0], inc=True)
    starts = [moment.date() for moment in parsed.between(opening or at[0], at[1], inc=True)]
    following = parsed.after(at[1])
    if not starts:
        return []
    ends = [day - timedelta(days=1) for day in starts[1:]] + [
        following.date() - timedelta(days=1) if following else date.max
    ]
    return list(zip(starts, ends, strict=True))


@settings(max_examples=60, deadline=None)
@given(
    rule=st.sampled_from(
        ["FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,FR", "FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=31",
         "FREQ=MONTHLY;INTERVAL=3", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=DAILY;INTERVAL=5",
         "FREQ=MONTHLY;BYDAY=1MO"]
    ),
    start=st.dates(date(2019, 1, 1), date(2026, 12, 31)),
    first=st.dates(date(2018, 1, 1), date(2028, 12, 31)),
    days=st.integers(0, 400),
)  # fmt: skip
@example(rule="FREQ=WEEKLY;BYDAY=MO", start=date(2021, 1, 4), first=date(2026, 3, 2), days=0)  # on an occurrence
@example(rule="FREQ=MONTHLY", start=date(2021, 5, 31), first=date(2026, 3, 1), days=91)  # ends on one
def test_the_walked_rule_answers_as_dateutil_does(rule, start, first, days):
    """Windows come from one walk of the rule, bisected: the same windows dateutil's searches give."""
    from techtime.domain.cadence import _rule_dates

    last = first + timedelta(days=days)
    dates = _rule_dates(rule, start)
    assert [(o.start, o.end) for o in dates.between(first, last)] == _windows_by_dateutil(rule, start, first, last)
