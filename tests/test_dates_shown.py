"""Dates a user types and reads (issue 12): fields that look back read a day without a year as its last
occurrence, fields that look forward as its next one; the year is shown wherever it is not this year's."""

from __future__ import annotations

from datetime import date

from conftest import NOW, TODAY, make_app
from textual.widgets import DataTable, Input, Select, Static

from techtime.cli.today import render
from techtime.domain.days import day_text
from techtime.services import checkin
from techtime.services import pairing as pairing_service
from techtime.store import pairing, people
from techtime.store import practices as practice_store
from techtime.tui.widgets.capture_box import describe


def test_the_year_is_shown_only_when_it_is_not_this_years():
    assert day_text(date(2026, 11, 5), TODAY) == "Thu 05 Nov"
    assert day_text(date(2027, 11, 5), TODAY) == "Fri 05 Nov 2027"
    assert day_text(date(2025, 11, 5), TODAY, weekday=False) == "05 Nov 2025"


def test_the_check_in_names_next_years_days_with_their_year(db):
    from techtime.store import notes

    notes.add_note(db, text="not empty", now=NOW)
    new_year_eve = date(2026, 12, 31)  # this week runs into 2027: Friday's tinkering is due on 1 January
    text = render(checkin.build(db, new_year_eve))
    assert "Fri 01 Jan 2027" in text
    assert "Mon 28 Dec  " in text  # this year's days without one


def test_the_capture_preview_says_the_year_of_a_session_next_year():
    from techtime.domain.capture import parse_capture

    preview = describe(parse_capture("p @dana ledger on:2027-11-05", TODAY), TODAY).plain
    assert "planned for Fri 05 Nov 2027" in preview
    assert "done on Thu 05 Nov" in describe(parse_capture("p @dana ledger on:Nov 5", TODAY), TODAY).plain


async def test_log_late_reads_a_day_without_a_year_as_the_last_one(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")  # Practices
        await pilot.pause()
        await pilot.press("l")  # log late, on the first practice
        await pilot.pause()
        app.screen.query_one(Input).value = "Nov 30"
        await pilot.pause()
        assert "Sunday 30 November 2025" in str(app.screen.query_one("#note-day", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PracticesScreen"  # saved, not "in the future"
        days = [entry.on for entries in practice_store.log_entries(db).values() for entry in entries]
        assert days == [date(2025, 11, 30)]


async def test_logging_a_session_looks_back_and_planning_one_looks_forward(db):
    dana = pairing_service.add_person(db, handle="dana", now=NOW)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("l")  # log one that happened: "Nov 5" is the last 5 November
        await pilot.pause()
        form = app.screen
        form.query_one("#field-date", Input).value = "Nov 5"
        await pilot.pause()
        assert "Thu 05 Nov" in str(form.query_one("#note-date", Static).render())
        form.query_one("#field-topic", Input).value = "Ledger"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (logged,) = pairing.sessions_for_person(db, dana)
        assert (logged.date, logged.status) == (date(2026, 11, 5), "done")

        await pilot.press("p")  # plan one: "Nov 5" is the next 5 November, and the year is said
        await pilot.pause()
        form = app.screen
        form.query_one("#field-date", Input).value = "Nov 5"
        await pilot.pause()
        assert "Fri 05 Nov 2027" in str(form.query_one("#note-date", Static).render())
        # The status decides which way the date looks: switching it says so at once.
        form.query_one("#field-status", Select).value = "done"
        await pilot.pause()
        assert "Thu 05 Nov" in str(form.query_one("#note-date", Static).render())
        form.query_one("#field-status", Select).value = "planned"
        await pilot.pause()
        form.query_one("#field-topic", Input).value = "Streaming"
        await pilot.press("ctrl+s")
        await pilot.pause()
        planned = [s for s in pairing.sessions_for_person(db, dana) if s.status == "planned"]
        assert [s.date for s in planned] == [date(2027, 11, 5)]
        roster = app.screen.query_one("#roster", DataTable)
        row = [str(cell) for cell in roster.get_row(str(dana))]
        assert "05 Nov 2027" in row  # the roster's Planned column says the year
        assert people.get_person(db, dana).active
