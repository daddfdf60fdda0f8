from datetime import date

import pytest

from techtime.domain.quarters import Quarter
from techtime.errors import QuarterError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026Q4", Quarter(2026, 4)),
        ("2027q1", Quarter(2027, 1)),
        ("2026-Q2", Quarter(2026, 2)),
        ("Q3 2026", Quarter(2026, 3)),
    ],
)
def test_parse_accepts_the_usual_spellings(text, expected):
    assert Quarter.parse(text) == expected


def test_str_round_trips():
    assert str(Quarter.parse("2026Q4")) == "2026Q4"


@pytest.mark.parametrize("text", ["2026Q5", "2026Q0", "Q4", "2026", "next quarter", ""])
def test_parse_refuses_what_is_not_a_quarter(text):
    with pytest.raises(QuarterError, match="2027Q1"):
        Quarter.parse(text)


def test_first_and_last_day():
    q = Quarter(2026, 4)
    assert (q.first_day, q.last_day) == (date(2026, 10, 1), date(2026, 12, 31))
    assert Quarter(2028, 1).last_day == date(2028, 3, 31)


def test_next_and_previous_cross_the_year():
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)
    assert Quarter(2026, 2).next().previous() == Quarter(2026, 2)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), "2026Q1"),
        (date(2026, 3, 31), "2026Q1"),
        (date(2026, 4, 1), "2026Q2"),
        (date(2026, 12, 31), "2026Q4"),
    ],
)
def test_containing(day, expected):
    assert str(Quarter.containing(day)) == expected
    assert day in Quarter.parse(expected)


def test_days_left_counts_today_and_the_last_day():
    q = Quarter(2026, 4)
    assert q.days_left(date(2026, 12, 31)) == 1
    assert q.days_left(date(2026, 11, 26)) == 36
    assert q.days_left(date(2027, 1, 1)) == 0
    assert q.days_left(date(2026, 9, 1)) == 92


def test_ordering_follows_time():
    assert Quarter(2026, 4) < Quarter(2027, 1) < Quarter(2027, 2)
