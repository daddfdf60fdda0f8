"""The check-in both `techtime today` and the Today screen show."""

from datetime import date

from conftest import NOW, TODAY

from techtime.services import checkin
from techtime.services.capture import capture
from techtime.services.checkin import DUE_TODAY, OVERDUE, THIS_WEEK


def test_an_empty_database_is_empty_and_suggests_capturing(db):
    result = checkin.build(db, TODAY)
    assert result.is_empty
    assert "Capture" in result.suggestion.action


def test_demo_check_in(demo_db):
    result = checkin.build(demo_db, TODAY)
    assert not result.is_empty
    assert (str(result.quarter), result.quarter_days_left) == ("2026Q4", 36)
    by_state = {(line.state, line.key) for line in result.practices}
    assert (OVERDUE, "radar-scan") in by_state  # Monday 23 Nov's scan was not logged
    assert (THIS_WEEK, "tinkering") in by_state  # Friday 27 Nov
    month = result.pairing
    assert not month.covered and month.days_left == 5
    assert [s.handle for s in month.planned] == ["mei"]
    assert month.next_up[0].candidate.handle == "mei"
    assert "never paired" in month.next_up[0].reason
    handles = [rank.candidate.handle for rank in month.next_up]
    assert "ravi" not in handles and "tomas" not in handles  # inactive, on leave
    assert [d.status for d in result.dives] == ["active", "planned", "done"]
    ledger = result.dives[0]
    assert (ledger.checks_done, ledger.checks_total) == (2, 4)
    assert result.next_steps[ledger.id] == "Challenge the assumptions in the review"
    assert result.radar_inbox == 10
    assert result.radar_oldest.title == "Feature flags at scale"
    assert result.notes_count == 3


def test_a_practice_due_today_is_the_suggestion(db):
    monday = date(2026, 11, 30)
    capture(db, "n something", today=monday, now=NOW)
    result = checkin.build(db, monday)
    # The month's pairing is due by its last day too; the scan is the one for the day.
    assert [line.key for line in result.practices if line.state == DUE_TODAY] == ["pairing", "radar-scan"]
    assert result.suggestion.action == "Tech-radar scan today (30 min)"


def test_no_pairing_this_month_suggests_the_next_person(db):
    capture(db, "p @dana ledger on:2026-10-05", today=TODAY, now=NOW)
    capture(db, "p @sam outbox on:2026-10-20", today=TODAY, now=NOW)
    result = checkin.build(db, TODAY)
    assert result.suggestion.action == "Plan a pairing session with dana (@dana)"
    assert "last paired 52 days ago" in result.suggestion.reason


def test_a_done_session_covers_the_month(db):
    capture(db, "p @dana ledger", today=TODAY, now=NOW)
    assert checkin.build(db, TODAY).pairing.covered
