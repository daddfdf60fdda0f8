"""Pairing vocabulary: session states, month coverage, handles and durations as typed."""

from datetime import date

import pytest

from techtime.domain import pairing as p
from techtime.errors import InputError

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("status", "on", "shown"),
    [
        ("planned", date(2026, 11, 29), "planned"),
        ("planned", TODAY, "planned"),
        ("planned", date(2026, 11, 25), "not logged"),
        ("done", date(2026, 11, 25), "done"),
        ("skipped", date(2026, 11, 25), "skipped"),
    ],
)
def test_a_planned_session_whose_day_passed_is_not_logged(status, on, shown):
    assert p.session_state(status, on, TODAY) == shown


@pytest.mark.parametrize(
    ("month", "facts", "state"),
    [
        (date(2026, 10, 1), {"done": True, "skipped": True}, p.COVERED),  # a done session wins over a skip
        (date(2026, 10, 1), {"skipped": True}, p.MONTH_SKIPPED),
        (date(2026, 10, 1), {}, p.MISSED),
        (date(2026, 10, 1), {"planned": True}, p.MISSED),  # a plan in a month gone by does not cover it
        (date(2026, 11, 1), {}, p.OPEN),
        (date(2026, 11, 1), {"planned": True}, p.PLANNED_MONTH),
        (date(2026, 12, 1), {}, p.AHEAD),
        (date(2026, 12, 1), {"skipped": True}, p.MONTH_SKIPPED),  # a holiday known in advance
        (date(2026, 10, 1), {"paused": True}, p.PAUSED),
        (date(2025, 10, 1), {"tracked": False}, p.NOT_TRACKED),
    ],
)
def test_month_state(month, facts, state):
    facts = {"done": False, "skipped": False, "planned": False, **facts}
    assert p.month_state(month, TODAY, **facts) == state


@pytest.mark.parametrize(("typed", "handle"), [("dana", "dana"), ("@Dana", "Dana"), ("  j.doe-2_x ", "j.doe-2_x")])
def test_handles_as_typed(typed, handle):
    assert p.parse_handle(typed) == handle


@pytest.mark.parametrize("typed", ["", "@", "two words", "-dash", "a/b", "x" * 41, "[bold]"])
def test_bad_handles_are_refused_with_what_is_accepted(typed):
    with pytest.raises(InputError, match="letters, digits"):
        p.parse_handle(typed)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("", None), ("90", 90), ("90m", 90), ("45 min", 45), ("1h", 60), ("1.5h", 90), ("1h30", 90), ("2 hours", 120)],
)
def test_durations_as_typed(typed, minutes):
    assert p.parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["h", "ninety", "0", "25h", "-5", "1:30"])
def test_bad_durations_are_refused(typed):
    with pytest.raises(InputError, match=r"use (minutes|1 minute)"):
        p.parse_minutes(typed)


def test_format_minutes():
    assert [p.format_minutes(m) for m in (None, 45, 60, 90, 125)] == ["", "45 min", "1 h", "1 h 30", "2 h 05"]
