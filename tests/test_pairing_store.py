"""Pairing use cases on a real database: roster, sessions, the practice log, the year grid."""

from datetime import date, timedelta

import pytest
from conftest import NOW, TODAY

from techtime.domain.cadence import DONE, SKIPPED
from techtime.errors import InputError
from techtime.services import checkin
from techtime.services import pairing as service
from techtime.services.capture import capture
from techtime.store import pairing, people, practices, trash
from techtime.store.database import open_database


@pytest.fixture
def tracked(db):
    """A database whose pairing practice has counted since January, with three engineers."""
    practice = practices.practice_by_key(db, "pairing")
    practices.update_practice(db, practice.id, start_date=date(2026, 1, 1))
    ids = {
        handle: service.add_person(db, handle=handle, name=name, team=team, now=NOW)
        for handle, name, team in (("dana", "Dana Li", "Payments"), ("eli", "Eli Ross", "Data"), ("fay", "Fay", "Data"))
    }
    return db, ids


def pairing_logs(db):
    """(occurrence, status, session id) of the pairing practice, oldest first."""
    return [
        (log.occurrence, log.status, log.session_id) for log in pairing.pairing_logs_between(db, date.min, date.max)
    ]


def snapshot(db):
    return (
        [tuple(row) for row in db.rows("SELECT * FROM person ORDER BY id")],
        [tuple(row) for row in db.rows("SELECT * FROM pairing_session ORDER BY id")],
        [tuple(row) for row in db.rows("SELECT * FROM practice_log ORDER BY id")],
    )


# The roster -------------------------------------------------------------------


def test_a_handle_is_unique_ignoring_case_and_the_refusal_names_who_has_it(tracked):
    db, ids = tracked
    before = snapshot(db)
    with pytest.raises(InputError, match=r"@DANA is already on the roster \(Dana Li, @dana\)"):
        service.add_person(db, handle="@DANA", name="Another Dana", now=NOW)
    with pytest.raises(InputError, match="already on the roster"):
        service.edit_person(db, ids["eli"], handle="Dana", name="Eli Ross", now=NOW)
    # Even past the service, the store turns the constraint into the same kind of one-line error.
    with pytest.raises(InputError, match="handles are unique"):
        people.add_person(db, handle="dAnA", now=NOW)
    assert snapshot(db) == before


def test_editing_keeps_the_own_handle_and_sets_or_clears_leave(tracked):
    db, ids = tracked
    service.edit_person(
        db,
        ids["dana"],
        handle="@Dana",
        name="",
        team=" Payments ",
        role="Staff",
        leave_until=date(2026, 12, 24),
        now=NOW,
    )
    dana = people.get_person(db, ids["dana"])
    assert (dana.handle, dana.name, dana.team, dana.role, dana.leave_until) == (
        "Dana",
        "Dana",  # an empty name falls back to the handle
        "Payments",
        "Staff",
        date(2026, 12, 24),
    )
    assert ids["dana"] not in [rank.candidate.id for rank in service.rotation(db, TODAY)]
    service.edit_person(db, ids["dana"], handle="Dana", name="Dana Li", team="Payments", now=NOW)
    assert people.get_person(db, ids["dana"]).leave_until is None
    assert ids["dana"] in [rank.candidate.id for rank in service.rotation(db, TODAY)]


def test_a_deactivated_engineer_leaves_the_rotation_and_gets_no_new_session(tracked):
    db, ids = tracked
    service.set_active(db, ids["eli"], False, now=NOW)
    assert "eli" not in [rank.candidate.handle for rank in service.rotation(db, TODAY)]
    before = snapshot(db)
    with pytest.raises(InputError, match="@eli is deactivated"):
        service.save_session(db, person_id=ids["eli"], on=TODAY + timedelta(days=3), today=TODAY, now=NOW)
    with pytest.raises(InputError, match="@eli is deactivated"):
        service.pair_now(db, ids["eli"], today=TODAY, now=NOW)
    with pytest.raises(InputError, match="deactivated"):
        capture(db, "p @ELI walk me through the pipeline", today=TODAY, now=NOW)
    assert snapshot(db) == before
    assert service.set_active(db, ids["eli"], True, now=NOW).active
    assert "eli" in [rank.candidate.handle for rank in service.rotation(db, TODAY)]


# Sessions and the practice log ---------------------------------------------------


def test_a_back_dated_session_covers_its_month_and_a_planned_one_logs_nothing(tracked):
    db, ids = tracked
    past = service.save_session(
        db,
        person_id=ids["dana"],
        on=date(2026, 10, 14),
        status=DONE,
        topic="Ledger",
        minutes=90,
        notes="line one\nline two",
        learned="Reversals are new entries",
        follow_ups="Share the notes",
        today=TODAY,
        now=NOW,
    )
    planned = service.save_session(
        db, person_id=ids["eli"], on=date(2026, 12, 3), topic="Streaming", today=TODAY, now=NOW
    )
    session = pairing.get_session(db, past)
    assert (session.status, session.minutes, session.notes, session.learned, session.follow_ups) == (
        "done",
        90,
        "line one\nline two",
        "Reversals are new entries",
        "Share the notes",
    )
    assert pairing.get_session(db, planned).status == "planned"
    assert pairing_logs(db) == [(date(2026, 10, 1), DONE, past)]
    assert service.rotation(db, TODAY)[-1].reason == "last paired 43 days ago"


def test_impossible_dates_are_refused_and_change_nothing(tracked):
    db, ids = tracked
    before = snapshot(db)
    with pytest.raises(InputError, match="has not happened yet"):
        service.save_session(db, person_id=ids["dana"], on=TODAY + timedelta(days=1), status=DONE, today=TODAY, now=NOW)
    with pytest.raises(InputError, match="has passed: plan a session for today or later"):
        service.save_session(db, person_id=ids["dana"], on=TODAY - timedelta(days=1), today=TODAY, now=NOW)
    with pytest.raises(InputError, match="unknown session status"):
        service.save_session(db, person_id=ids["dana"], on=TODAY, status="maybe", today=TODAY, now=NOW)
    assert snapshot(db) == before


def test_a_planned_session_that_passed_can_still_be_edited_then_marked_done_or_skipped(tracked):
    db, ids = tracked
    session_id = service.save_session(db, person_id=ids["dana"], on=TODAY, topic="Ledger", today=TODAY, now=NOW)
    later = TODAY + timedelta(days=10)  # the session's day has passed: it shows as "not logged"
    service.save_session(
        db, session_id=session_id, person_id=ids["dana"], on=TODAY, topic="Ledger v2", today=later, now=NOW
    )
    assert pairing.get_session(db, session_id).topic == "Ledger v2"
    service.set_status(db, session_id, SKIPPED, now=NOW)
    assert pairing_logs(db) == [(date(2026, 11, 1), SKIPPED, session_id)]
    service.set_status(db, session_id, DONE, today=later, now=NOW)
    assert pairing_logs(db) == [(date(2026, 11, 1), DONE, session_id)]
    service.toggle_done(db, session_id, today=later, now=NOW)
    assert pairing.get_session(db, session_id).status == "planned"
    assert pairing_logs(db) == []


def test_moving_a_done_session_to_another_month_moves_its_log(tracked):
    db, ids = tracked
    session_id = service.save_session(
        db, person_id=ids["dana"], on=date(2026, 9, 30), status=DONE, today=TODAY, now=NOW
    )
    service.save_session(
        db, session_id=session_id, person_id=ids["dana"], on=date(2026, 10, 2), status=DONE, today=TODAY, now=NOW
    )
    assert pairing_logs(db) == [(date(2026, 10, 1), DONE, session_id)]


def test_marking_a_future_session_done_is_refused(tracked):
    db, ids = tracked
    session_id = service.save_session(db, person_id=ids["dana"], on=TODAY + timedelta(days=3), today=TODAY, now=NOW)
    with pytest.raises(InputError, match="it has not happened yet"):
        service.mark_done(db, session_id, today=TODAY, now=NOW)
    assert pairing.get_session(db, session_id).status == "planned"
    assert pairing_logs(db) == []


def test_pair_now_checks_off_the_session_planned_this_month_and_not_twice(tracked):
    db, ids = tracked
    planned = service.save_session(
        db, person_id=ids["fay"], on=date(2026, 11, 29), topic="Schema registry", today=TODAY, now=NOW
    )
    assert service.pair_now(db, ids["fay"], today=TODAY, now=NOW) == planned
    session = pairing.get_session(db, planned)
    assert (session.status, session.date, session.topic) == ("done", TODAY, "Schema registry")
    assert pairing_logs(db) == [(date(2026, 11, 1), DONE, planned)]
    with pytest.raises(InputError, match="already has a session done this month"):
        service.pair_now(db, ids["fay"], today=TODAY, now=NOW)
    # Nobody planned: a new session held today.
    new = service.pair_now(db, ids["eli"], today=TODAY, now=NOW)
    assert (pairing.get_session(db, new).status, pairing.get_session(db, new).date) == ("done", TODAY)
    assert pairing.count_sessions(db) == 2


def test_deleting_a_session_takes_its_log_and_undo_brings_both_back_after_a_restart(tracked, db_path):
    db, ids = tracked
    session_id = service.save_session(
        db, person_id=ids["dana"], on=date(2026, 10, 14), status=DONE, topic="Ledger", today=TODAY, now=NOW
    )
    label = service.delete_session(db, session_id, now=NOW)
    assert label == "@dana 2026-10-14 Ledger"
    assert pairing.get_session(db, session_id) is None
    assert pairing_logs(db) == []
    db.close()
    reopened = open_database(db_path, today=TODAY)
    restored = trash.undo(reopened, now=NOW)  # what `u` does, anywhere in the app
    assert restored is not None and (restored.kind, restored.label) == ("pairing_session", label)
    assert pairing.get_session(reopened, session_id).topic == "Ledger"
    assert pairing_logs(reopened) == [(date(2026, 10, 1), DONE, session_id)]
    assert trash.undo(reopened, now=NOW) is None
    reopened.close()


# The monthly cadence ------------------------------------------------------------------


def test_a_month_skipped_is_recorded_and_counted_and_can_be_taken_back(tracked):
    db, _ = tracked
    assert service.toggle_month_skipped(db, date(2026, 10, 1), today=TODAY, now=NOW) is True
    assert pairing_logs(db) == [(date(2026, 10, 1), SKIPPED, None)]
    view = service.year_view(db, 2026, TODAY)
    assert view.month(date(2026, 10, 1)).state == "skipped"
    # So far this quarter: October (skipped) and November (open) have started.
    assert (view.quarter_compliance.done, view.quarter_compliance.skipped, view.quarter_compliance.expected) == (
        0,
        1,
        2,
    )
    assert service.toggle_month_skipped(db, date(2026, 10, 1), today=TODAY, now=NOW) is False
    assert pairing_logs(db) == []
    assert service.year_view(db, 2026, TODAY).month(date(2026, 10, 1)).state == "missed"


def test_a_covered_month_cannot_be_skipped(tracked):
    db, ids = tracked
    service.save_session(db, person_id=ids["dana"], on=date(2026, 9, 3), status=DONE, today=TODAY, now=NOW)
    before = snapshot(db)
    with pytest.raises(InputError, match="September 2026 is already covered"):
        service.toggle_month_skipped(db, date(2026, 9, 1), today=TODAY, now=NOW)
    assert snapshot(db) == before


def test_the_year_view_of_the_demo(demo_db):
    view = service.year_view(demo_db, 2026, TODAY)
    states = [summary.state for summary in view.months]
    # A session every month, June skipped (summer holidays), November planned, December ahead.
    assert states == ["covered"] * 5 + ["skipped"] + ["covered"] * 4 + ["planned", "ahead"]
    assert view.month(date(2026, 6, 1)).own_skip
    rows = {row.person.handle: row for row in view.rows}
    # Ravi left but paired in April, so he still has a row this year; everyone active has one.
    assert set(rows) == {"priya", "diego", "mei", "sam", "lena", "tomas", "aisha", "jonas", "ravi"}
    assert [s.topic for s in rows["ravi"].months[3]] == ["Backfill strategy for the events table"]
    assert [(s.status, s.date) for s in rows["mei"].months[10]] == [("planned", date(2026, 11, 29))]
    assert str(view.quarter_compliance) == "1 of 2"  # October done, November still open
    assert (view.year_compliance.done, view.year_compliance.skipped, view.year_compliance.expected) == (9, 1, 11)
    # The year before: the practice started in November 2025.
    before = service.year_view(demo_db, 2025, TODAY)
    assert [m.state for m in before.months][9:] == ["not tracked", "missed", "covered"]
    assert [row.person.handle for row in before.rows if any(row.months)] == ["priya"]
    assert "ravi" not in [row.person.handle for row in before.rows]  # left, and no session that year


def test_today_and_the_pairing_screen_share_one_ranking(demo_db):
    month = checkin.build(demo_db, TODAY).pairing
    ranking = service.rotation(demo_db, TODAY)
    assert [rank.candidate.handle for rank in month.next_up] == [rank.candidate.handle for rank in ranking[:3]]
    assert [rank.candidate.handle for rank in ranking] == ["mei", "aisha", "lena", "diego", "jonas", "priya", "sam"]
    assert ranking[0].reason == "never paired, new hire, joined 40 days ago"


def test_months_before_the_cadence_starts_are_not_expected_unless_covered(db):
    # A new database (26 November) counts pairing from the month under way; October and before are not expected.
    dana = service.add_person(db, handle="dana", now=NOW)
    view = service.year_view(db, 2026, TODAY)
    assert [m.state for m in view.months][9:] == ["not tracked", "open", "ahead"]
    assert (view.year_compliance.expected, view.quarter_compliance.expected) == (1, 1)  # November, still open
    service.save_session(db, person_id=dana, on=TODAY, status=DONE, today=TODAY, now=NOW)
    assert service.year_view(db, 2026, TODAY).month(date(2026, 11, 1)).state == "covered"


def test_today_s_keys_skip_and_check_off_through_the_same_rules(tracked):
    db, ids = tracked
    session_id = service.save_session(db, person_id=ids["dana"], on=TODAY, topic="Ledger", today=TODAY, now=NOW)
    service.mark_skipped(db, session_id, now=NOW)  # `s` on Today
    assert pairing_logs(db) == [(date(2026, 11, 1), SKIPPED, session_id)]
    service.mark_done(db, session_id, today=TODAY, now=NOW)  # `x` on Today
    assert pairing_logs(db) == [(date(2026, 11, 1), DONE, session_id)]
    assert checkin.build(db, TODAY).pairing.covered


def test_capture_adds_an_unknown_handle_once_whatever_its_case(db):
    capture(db, "p @Newbie walk me through onboarding on:next fri", today=TODAY, now=NOW)
    capture(db, "p @NEWBIE second session on:in 2w", today=TODAY, now=NOW)
    (person,) = people.list_people(db)
    assert person.handle == "Newbie"
    assert [s.topic for s in pairing.sessions_for_person(db, person.id)] == [
        "walk me through onboarding",
        "second session",
    ]
    assert [rank.candidate.handle for rank in service.rotation(db, TODAY)] == ["Newbie"]
