"""Practices: cadences in words, compliance, pause and skip semantics, and the Practices screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import NOW, TODAY, make_app
from textual.widgets import DataTable, Input, Static

from techtime.domain.cadence import LogEntry, Practice, RuleError, compliance_so_far, occurrence_on, status
from techtime.domain.quarters import Quarter
from techtime.domain.rules import describe_rule, occurrence_noun, rule_from_text
from techtime.errors import InputError
from techtime.services import practices as service
from techtime.store import practices as store
from techtime.tui.screens.practices import PracticesScreen


@pytest.mark.parametrize(
    ("words", "rule", "described"),
    [
        ("weekly on wed", "FREQ=WEEKLY;BYDAY=WE", "every Wednesday"),
        ("every monday", "FREQ=WEEKLY;BYDAY=MO", "every Monday"),
        ("every 2 weeks on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "every 2 weeks on Friday"),
        ("monthly", "FREQ=MONTHLY;BYMONTHDAY=1", "monthly"),
        ("twice a month", "FREQ=MONTHLY;BYMONTHDAY=1,15", "twice a month"),
        ("every 3 months", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1", "every quarter"),
        ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "monthly on the 15th"),
        ("yearly", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "yearly"),
        ("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU", "every Tuesday"),
    ],
)
def test_cadences_in_words(words, rule, described):
    assert rule_from_text(words, validate_from=TODAY) == rule
    assert describe_rule(rule) == described


@pytest.mark.parametrize("words", ["every blursday", "sometimes", "FREQ=SOMETIMES", "monthly on the 40th", ""])
def test_a_bad_cadence_is_refused_with_one_line(words):
    with pytest.raises(RuleError) as raised:
        rule_from_text(words, validate_from=TODAY)
    assert "\n" not in str(raised.value)


def test_occurrence_nouns():
    assert occurrence_noun("FREQ=WEEKLY;BYDAY=MO") == "Mondays"
    assert occurrence_noun("FREQ=MONTHLY;BYMONTHDAY=1") == "months"
    assert occurrence_noun("FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1") == "quarters"


WEEKLY_WED = Practice(9, "1on1", "Technical 1-on-1", "FREQ=WEEKLY;BYDAY=WE", date(2026, 1, 1), 60)
MONTHLY = Practice(2, "pairing", "IC pairing", "FREQ=MONTHLY;BYMONTHDAY=1", date(2026, 1, 1), 90)


@pytest.mark.parametrize(
    ("today", "window_start", "window_end"),
    [
        (date(2026, 12, 31), date(2026, 12, 30), date(2027, 1, 5)),  # year boundary
        (date(2026, 3, 31), date(2026, 3, 25), date(2026, 3, 31)),  # quarter boundary
        (date(2026, 3, 29), date(2026, 3, 25), date(2026, 3, 31)),  # the day Europe moves its clocks
        (date(2026, 11, 1), date(2026, 10, 28), date(2026, 11, 3)),  # the day the US moves its clocks
    ],
)
def test_weekly_windows_across_boundaries(today, window_start, window_end):
    window = occurrence_on(WEEKLY_WED, today)
    assert (window.start, window.end) == (window_start, window_end)


def test_monthly_windows_across_the_year_boundary():
    assert occurrence_on(MONTHLY, date(2026, 12, 31)).end == date(2026, 12, 31)
    assert occurrence_on(MONTHLY, date(2027, 1, 1)).start == date(2027, 1, 1)
    entries = [LogEntry(date(2026, 12, 1), "done", date(2026, 12, 20))]
    assert status(MONTHLY, entries, date(2027, 1, 2)).overdue == ()
    assert (
        str(compliance_so_far(MONTHLY, entries, date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 31))) == "1 of 3"
    )


def test_a_skip_does_not_reset_the_clock():
    skipped = [LogEntry(date(2026, 11, 18), "skipped", date(2026, 11, 18))]
    state = status(WEEKLY_WED, skipped, date(2026, 11, 26))
    overdue = [o.due for o in state.overdue]
    assert overdue[0] == date(2026, 11, 25)  # the next one is still due on its day
    assert date(2026, 11, 18) not in overdue


def test_pause_and_resume_through_the_service(db):
    practice_id = service.add_practice(
        db, name="Technical 1-on-1", cadence="weekly on wed", minutes=60, today=date(2026, 11, 2), now=NOW
    )
    service.pause(db, practice_id, today=date(2026, 11, 9))
    with pytest.raises(InputError, match="already paused"):
        service.pause(db, practice_id, today=date(2026, 11, 10))
    service.resume(db, practice_id, today=date(2026, 11, 23))
    practice = store.get_practice(db, practice_id)
    overdue = [o.due for o in status(practice, [], TODAY).overdue]
    assert overdue == [date(2026, 11, 25), date(2026, 11, 4)]  # 11 and 18 Nov were paused
    assert compliance_so_far(practice, [], date(2026, 11, 1), TODAY, TODAY).expected == 2
    with pytest.raises(InputError, match="not paused"):
        service.resume(db, practice_id, today=TODAY)


def test_bad_minutes_and_names_are_refused(db):
    with pytest.raises(InputError, match="as a duration"):
        service.add_practice(db, name="x", cadence="weekly", minutes="lots", today=TODAY, now=NOW)
    with pytest.raises(InputError, match="needs a name"):
        service.add_practice(db, name="  ", cadence="weekly", minutes=5, today=TODAY, now=NOW)
    assert len(store.load_practices(db)) == 5


def test_quarter_summaries_on_the_demo(demo_db):
    by_key = {s.practice.key: s for s in service.summaries(demo_db, Quarter(2026, 4), TODAY)}
    assert by_key["radar-scan"].compliance_text == "6 of 8 Mondays"
    assert by_key["pairing"].compliance_text == "1 of 2 months"  # November is open: it counts, not done yet
    assert by_key["deep-dives"].compliance_text == "1 of 3 done"


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def select(app, name: str) -> None:
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=next(i for i, row in enumerate(rows(app)) if row[0] == name))


async def test_practices_screen_add_log_backdate_pause(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, PracticesScreen)
        assert [row[0] for row in rows(app)][:2] == ["Tech-radar scan", "IC pairing session"]

        # Add a practice of one's own; a bad cadence is refused first and the form keeps what was typed.
        await pilot.press("n", *"Technical 1-on-1", "tab", *"every blursday", "tab", "backspace", "backspace", *"4500")
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot read the cadence" in str(app.screen.query_one("#note-cadence", Static).render())
        assert app.screen.query_one("#field-name", Input).value == "Technical 1-on-1"
        app.screen.query_one("#field-cadence", Input).value = "weekly on wed"
        await pilot.press("enter")
        await pilot.pause()
        assert "out of range" in str(app.screen.query_one("#note-minutes", Static).render())
        app.screen.query_one("#field-minutes", Input).value = "45"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticesScreen)
        added = store.practice_by_key(db, "technical-1-on-1")
        assert (added.rule, added.minutes) == ("FREQ=WEEKLY;BYDAY=WE", 45)
        assert rows(app)[-1][:3] == ["Technical 1-on-1", "every Wednesday", "45"]

        # Done today, then a late log (back-dated), refusing a future date first.
        select(app, "10% tinkering")
        await pilot.press("x")
        await pilot.pause()
        tinkering = store.practice_by_key(db, "tinkering")
        assert [e.on for e in store.log_entries(db)[tinkering.id]] == [TODAY]
        select(app, "Tech-radar scan")
        await pilot.press("l", *"tomorrow", "enter")
        await pilot.pause()
        assert "in the future" in str(app.screen.query_one("#note-day", Static).render())
        app.screen.query_one(Input).value = "last mon"
        await pilot.press("enter")
        await pilot.pause()
        scan = store.practice_by_key(db, "radar-scan")
        assert [(e.occurrence, e.on) for e in store.log_entries(db)[scan.id]] == [
            (date(2026, 11, 23), date(2026, 11, 23))
        ]

        # Pause, then resume.
        select(app, "Technical 1-on-1")
        await pilot.press("space")
        await pilot.pause()
        assert store.get_practice(db, added.id).paused_on(TODAY)
        assert rows(app)[-1][5] == "paused"
        await pilot.press("space")
        await pilot.pause()
        assert not store.get_practice(db, added.id).paused_on(TODAY)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"


async def test_skip_records_the_open_occurrence_and_is_not_done(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        select(app, "Tech-radar scan")
        await pilot.press("s")
        await pilot.pause()
        scan = store.practice_by_key(demo_db, "radar-scan")
        latest = store.log_entries(demo_db)[scan.id][-1]
        assert (latest.occurrence, latest.status) == (date(2026, 11, 23), "skipped")
        assert rows(app)[0][3] == "6 of 8 Mondays"


def test_heat_map_counts_activity(demo_db):
    from techtime.tui.widgets.heatmap import heatmap_text

    activity = store.activity_by_day(demo_db, TODAY - timedelta(weeks=53), TODAY)
    assert activity and all(day <= TODAY for day in activity)
    text = heatmap_text(activity, TODAY).plain
    assert text.splitlines()[1].startswith("Mon")
    assert f"{sum(activity.values())} pieces of technical work" in text


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("FREQ=SECONDLY", "too frequent"),
        ("FREQ=HOURLY;INTERVAL=2", "too frequent"),
        ("FREQ=DAILY;COUNT=0", "leave COUNT and UNTIL out"),
        ("FREQ=WEEKLY;UNTIL=20200101", "leave COUNT and UNTIL out"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never falls due"),
    ],
)
def test_rules_a_leader_cannot_keep_are_refused(rule, expected):
    with pytest.raises(RuleError, match=expected):
        rule_from_text(rule, validate_from=TODAY)


def test_built_in_practices_are_paused_not_deleted(db):
    tinkering = store.practice_by_key(db, "tinkering")
    with pytest.raises(InputError, match="built in: pause it instead"):
        service.delete_practice(db, tinkering.id, now=NOW)
    own = service.add_practice(db, name="Reading group", cadence="monthly", minutes=60, today=TODAY, now=NOW)
    service.delete_practice(db, own, now=NOW)
    assert store.practice_by_key(db, "reading-group") is None
