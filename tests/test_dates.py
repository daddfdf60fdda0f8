"""Reading typed dates against a fixed today (Thursday 2026-11-26)."""

from datetime import date

import pytest

from techtime.domain.dates import parse_date
from techtime.errors import DateInputError

THU = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", THU),
        ("Tomorrow", date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 25)),
        ("thu", THU),  # a bare weekday is the nearest on or after today
        ("fri", date(2026, 11, 27)),
        ("wed", date(2026, 12, 2)),
        ("next thu", date(2026, 12, 3)),  # "next" is strictly after today
        ("next fri", date(2026, 11, 27)),
        ("next-mon", date(2026, 11, 30)),
        ("last mon", date(2026, 11, 23)),
        ("last thursday", date(2026, 11, 19)),
        ("in 3 days", date(2026, 11, 29)),
        ("in 2w", date(2026, 12, 10)),
        ("3d", date(2026, 11, 29)),
        ("in_1_month", date(2026, 12, 26)),
        ("2w ago", date(2026, 11, 12)),
        ("eom", date(2026, 11, 30)),
        ("eoq", date(2026, 12, 31)),
        ("eoy", date(2026, 12, 31)),
        ("Dec 3", date(2026, 12, 3)),
        ("3 December 2027", date(2027, 12, 3)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text, THU) == expected


def test_a_date_without_a_year_rolls_forward_to_its_next_occurrence():
    assert parse_date("Mar 3", THU) == date(2027, 3, 3)
    assert parse_date("Nov 26", THU) == THU  # today is not in the past
    assert parse_date("Nov 25", THU) == date(2027, 11, 25)


def test_year_boundary():
    new_years_eve = date(2026, 12, 31)
    assert parse_date("tomorrow", new_years_eve) == date(2027, 1, 1)
    assert parse_date("fri", new_years_eve) == date(2027, 1, 1)
    assert parse_date("eoq", new_years_eve) == new_years_eve
    assert parse_date("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("Jan 5", new_years_eve) == date(2027, 1, 5)


def test_dst_boundaries_do_not_shift_calendar_days():
    # Europe and the US change clocks on these weekends; date arithmetic must not care.
    assert parse_date("tomorrow", date(2026, 3, 28)) == date(2026, 3, 29)
    assert parse_date("in 1 day", date(2026, 10, 24)) == date(2026, 10, 25)
    assert parse_date("next sun", date(2026, 10, 31)) == date(2026, 11, 1)
    assert parse_date("in 2w", date(2026, 3, 1)) == date(2026, 3, 15)


def test_leap_day_without_a_year_is_the_next_real_29_february():
    assert parse_date("Feb 29", date(2028, 3, 1)) == date(2032, 2, 29)
    assert parse_date("Feb 29", date(2027, 1, 10)) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["in 2 weeks time please", "someday", "3", "2026-02-30", "", "next blursday"])
def test_refused_with_the_accepted_forms(text):
    with pytest.raises(DateInputError) as raised:
        parse_date(text, THU)
    message = str(raised.value)
    assert "\n" not in message
    assert "next fri" in message and "eoq" in message


def test_never_fuzzy():
    # fuzzy parsing would read this as the 2nd of the month; we refuse instead.
    with pytest.raises(DateInputError):
        parse_date("in 2 weeks-ish", THU)


@pytest.mark.parametrize(
    ("text", "looking", "expected"),
    [
        # 2026-11-26 is a Thursday.
        ("Nov 30", "forward", date(2026, 11, 30)),
        ("Nov 30", "back", date(2025, 11, 30)),
        ("Nov 30", "nearest", date(2026, 11, 30)),
        ("Nov 5", "forward", date(2027, 11, 5)),
        ("Nov 5", "back", date(2026, 11, 5)),
        ("Nov 5", "nearest", date(2026, 11, 5)),
        ("Nov 26", "back", date(2026, 11, 26)),
        ("Nov 26", "forward", date(2026, 11, 26)),
        ("Feb 29", "back", date(2024, 2, 29)),
        ("Feb 29", "forward", date(2028, 2, 29)),
        ("fri", "back", date(2026, 11, 20)),
        ("fri", "forward", date(2026, 11, 27)),
        ("thu", "back", date(2026, 11, 26)),
        ("mon", "nearest", date(2026, 11, 30)),
        ("Dec 3 2025", "forward", date(2025, 12, 3)),  # a year given is the year meant
    ],
)
def test_a_date_that_does_not_say_follows_the_way_its_field_looks(text, looking, expected):
    assert parse_date(text, THU, looking=looking) == expected
