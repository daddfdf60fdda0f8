"""The Pairing screen driven with the keyboard: check off, plan, log, skip, delete, roster changes."""

from datetime import date, timedelta

from conftest import NOW, TODAY, make_app
from textual.widgets import DataTable, Input, Static

from techtime.services import pairing as service
from techtime.store import pairing, people, practices
from techtime.tui.form import Form
from techtime.tui.widgets.month_grid import MONTH_ROW, MonthGrid

SIZE = (120, 40)


async def open_pairing(pilot) -> None:
    await pilot.press("4")
    await pilot.pause()


def roster(app) -> DataTable:
    return app.screen.query_one("#roster", DataTable)


def roster_rows(app) -> list[list[str]]:
    table = roster(app)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def grid(app) -> MonthGrid:
    return app.screen.query_one(MonthGrid)


def grid_cell(app, person_id: int | str, month: int) -> str:
    key = MONTH_ROW if person_id == MONTH_ROW else f"person:{person_id}"
    return str(grid(app).get_cell(key, f"m{month}"))


def summary(app) -> str:
    return str(app.screen.query_one("#pairing-summary", Static).content)


def form_error(app) -> str:
    return str(app.screen.query_one("#form-error", Static).content)


def field_error(app, name: str) -> str:
    """What the form says under one field."""
    return str(app.screen.query_one(f"#note-{name}", Static).content)


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def on_roster_row(pilot, app, person_id: int) -> None:
    table = roster(app)
    table.focus()
    table.move_cursor(row=table.get_row_index(str(person_id)))
    await pilot.pause()


async def on_grid_cell(pilot, app, person_id: int | None, month: date) -> None:
    grid(app).focus()
    grid(app).focus_cell(person_id, month)
    await pilot.pause()


async def type_into(pilot, app, field_id: str, text: str) -> None:
    """Replace a form field's text the way a user does: go there, clear it, type."""
    app.screen.query_one(f"#field-{field_id}").focus()
    await pilot.press("end", "ctrl+u", *text)


def handles(demo_db) -> dict[str, int]:
    return {person.handle: person.id for person in people.list_people(demo_db)}


async def test_x_checks_off_this_month_with_the_engineer_next_up(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        # The roster opens on the engineer next up: Mei, never paired, with a session planned on the 29th.
        assert roster_rows(app)[0][:3] == ["1", "@mei", "Mei Tanaka"]
        assert "planned Sun 29 Nov with @mei" in summary(app)
        await pilot.press("x")
        await pilot.pause()
        (session,) = [s for s in pairing.sessions_for_person(demo_db, ids["mei"])]
        assert (session.status, session.date) == ("done", TODAY)  # checked off today, not on the 29th
        logs = pairing.pairing_logs_between(demo_db, date(2026, 11, 1), date(2026, 11, 30))
        assert [(log.status, log.session_id) for log in logs] == [("done", session.id)]
        assert "November: done with @mei on Thu 26" in summary(app)
        assert "2026Q4: 2 of 2 months" in summary(app)
        assert grid_cell(app, ids["mei"], 11) == "✓26"
        assert grid_cell(app, MONTH_ROW, 11) == "✓ done"
        # Mei now goes to the end of the rotation; a second x refuses, and changes nothing.
        assert roster_rows(app)[6][1] == "@mei"
        await on_roster_row(pilot, app, ids["mei"])
        await pilot.press("x")
        await pilot.pause()
        assert pairing.count_sessions(demo_db) == 14  # the demo: 11 pairing sessions, 2 technical 1-on-1s, 1 interview
        assert any("already has a session done this month" in message for message in notices(app))


async def test_plan_a_session_from_the_roster(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await on_roster_row(pilot, app, ids["aisha"])
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        assert app.screen.value("handle") == "@aisha"
        await pilot.press(*"dbt lineage")  # the form opens on the topic
        await type_into(pilot, app, "date", "next fri")
        await type_into(pilot, app, "minutes", "1h30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, Form)
        (session,) = [s for s in pairing.sessions_for_person(demo_db, ids["aisha"]) if s.status == "planned"]
        assert (session.topic, session.date, session.minutes) == ("dbt lineage", date(2026, 11, 27), 90)
        assert grid_cell(app, ids["aisha"], 11) == "○27"
        assert roster_rows(app)[1][5] == "Fri 27 Nov"  # the Planned column
        # Planned is not done: the month's log is unchanged.
        logs = pairing.pairing_logs_between(demo_db, date(2026, 11, 1), date(2026, 11, 30))
        assert logs == []


async def test_log_a_past_session_with_multi_line_notes(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        # From the grid: Lena's row, October (a month gone by) -> the form is back-dated to that month.
        await on_grid_cell(pilot, app, ids["lena"], date(2026, 10, 1))
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Form)
        assert (form.value("date"), form.value("status")) == ("2026-10-31", "done")
        await pilot.press(*"Service mesh rollback")
        await type_into(pilot, app, "date", "2026-10-14")
        await type_into(pilot, app, "notes", "line one")
        await pilot.press("enter", *"line two")
        await type_into(pilot, app, "learned", "Rollback is per namespace")
        await type_into(pilot, app, "follow_ups", "Ask about cert rotation")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (session,) = [s for s in pairing.sessions_for_person(demo_db, ids["lena"]) if s.date.month == 10]
        assert (session.status, session.date, session.topic) == ("done", date(2026, 10, 14), "Service mesh rollback")
        assert (session.notes, session.learned, session.follow_ups) == (
            "line one\nline two",
            "Rollback is per namespace",
            "Ask about cert rotation",
        )
        logs = pairing.pairing_logs_between(demo_db, date(2026, 10, 1), date(2026, 10, 31))
        assert (date(2026, 10, 1), "done", session.id) in [(x.occurrence, x.status, x.session_id) for x in logs]
        assert grid_cell(app, ids["lena"], 10) == "✓14"
        # The detail under the grid shows the session, notes on their own lines.
        detail = str(app.screen.query_one("#pairing-detail-text", Static).content)
        assert "Notes: line one\n       line two" in detail
        assert "What I learned: Rollback is per namespace" in detail


async def test_a_bad_date_is_refused_in_the_form_and_nothing_is_saved(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"Ledger")
        await type_into(pilot, app, "date", "someday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Form)  # still open, text kept
        assert "cannot read 'someday' as a date: use 2026-12-01, today" in field_error(app, "date")
        assert app.screen.value("topic") == "Ledger"
        assert pairing.count_sessions(demo_db) == 14  # the demo: 11 pairing sessions, 2 technical 1-on-1s, 1 interview
        # A session that has not happened yet cannot be logged as done either.
        await type_into(pilot, app, "date", "tomorrow")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "has not happened yet" in form_error(app)
        # Escape with changes asks first; a second escape throws them away.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        assert "Unsaved changes" in form_error(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Form)
        assert pairing.count_sessions(demo_db) == 14  # the demo: 11 pairing sessions, 2 technical 1-on-1s, 1 interview


async def test_deactivate_leaves_the_rotation_refuses_sessions_and_reactivates(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await on_roster_row(pilot, app, ids["aisha"])
        await pilot.press("D")
        await pilot.pause()
        assert not people.get_person(demo_db, ids["aisha"]).active
        assert ids["aisha"] not in [rank.candidate.id for rank in service.rotation(demo_db, TODAY)]
        row = roster(app).get_row(str(ids["aisha"]))
        assert (str(row[0]), str(row[-1])) == ("-", "deactivated")
        await on_roster_row(pilot, app, ids["aisha"])
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, Form)
        assert any("@aisha is deactivated" in message for message in notices(app))
        await pilot.press("x")
        await pilot.pause()
        assert [s.status for s in pairing.sessions_for_person(demo_db, ids["aisha"])] == ["done"]  # the old one
        await pilot.press("D")
        await pilot.pause()
        assert people.get_person(demo_db, ids["aisha"]).active
        assert str(roster(app).get_row(str(ids["aisha"]))[0]) == "2"


async def test_add_and_edit_an_engineer_and_a_duplicate_handle_is_refused(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        await pilot.press(*"Dana Li", "tab", *"PRIYA", "tab", *"Payments")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        assert "@PRIYA is already on the roster (Priya Raman, @priya)" in field_error(app, "handle")
        assert people.count_people(demo_db) == 9
        await type_into(pilot, app, "handle", "dana")
        await type_into(pilot, app, "start_date", "2026-11-02")
        await type_into(pilot, app, "leave_until", "next month")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "cannot read 'next month' as a date" in field_error(app, "leave_until")
        await type_into(pilot, app, "leave_until", "2026-11-30")
        await pilot.press("enter")  # enter in a field saves too
        await pilot.pause()
        assert not isinstance(app.screen, Form)
        dana = people.find_by_handle(demo_db, "dana")
        assert (dana.name, dana.team, dana.start_date, dana.leave_until) == (
            "Dana Li",
            "Payments",
            date(2026, 11, 2),
            date(2026, 11, 30),
        )
        row = roster(app).get_row(str(dana.id))
        assert str(row[-1]) == "on leave until Mon 30 Nov"  # this year: no year shown
        # Back from leave: clear the date.
        await on_roster_row(pilot, app, dana.id)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.value("leave_until") == "2026-11-30"
        await type_into(pilot, app, "leave_until", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert people.find_by_handle(demo_db, "dana").leave_until is None
        assert str(roster(app).get_row(str(dana.id))[-1]) == "never paired, new hire, joined 24 days ago"


async def test_skip_a_session_then_the_month_then_take_both_back(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await on_grid_cell(pilot, app, ids["mei"], date(2026, 11, 1))
        await pilot.press("s")
        await pilot.pause()
        (session,) = pairing.sessions_for_person(demo_db, ids["mei"])
        assert session.status == "skipped"
        assert grid_cell(app, ids["mei"], 11) == "–29"
        assert grid_cell(app, MONTH_ROW, 11) == "– skip"
        assert "November: skipped" in summary(app)
        await pilot.press("s")
        await pilot.pause()
        assert pairing.get_session(demo_db, session.id).status == "planned"
        assert grid_cell(app, MONTH_ROW, 11) == "○ plan"
        # December, known in advance: skip the month itself from the month row.
        await on_grid_cell(pilot, app, None, date(2026, 12, 1))
        await pilot.press("s")
        await pilot.pause()
        logs = pairing.pairing_logs_between(demo_db, date(2026, 12, 1), date(2026, 12, 31))
        assert [(log.status, log.session_id) for log in logs] == [("skipped", None)]
        assert grid_cell(app, MONTH_ROW, 12) == "– skip"
        await pilot.press("s")
        await pilot.pause()
        assert pairing.pairing_logs_between(demo_db, date(2026, 12, 1), date(2026, 12, 31)) == []
        # A covered month cannot be skipped.
        await on_grid_cell(pilot, app, None, date(2026, 10, 1))
        await pilot.press("s")
        await pilot.pause()
        assert any("October 2026 is already covered" in message for message in notices(app)), notices(app)


async def test_edit_delete_and_undo_a_session(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await on_grid_cell(pilot, app, ids["sam"], date(2026, 10, 1))
        await pilot.press("enter")  # enter on a session opens it
        await pilot.pause()
        assert isinstance(app.screen, Form)
        assert app.screen.value("topic") == "SLOs and error budgets for the gateway"
        await type_into(pilot, app, "topic", "SLOs, revisited")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (october,) = [s for s in pairing.sessions_for_person(demo_db, ids["sam"]) if s.date.month == 10]
        assert october.topic == "SLOs, revisited"
        await pilot.press("delete")
        await pilot.pause()
        assert pairing.get_session(demo_db, october.id) is None
        assert grid_cell(app, ids["sam"], 10) == ""
        assert grid_cell(app, MONTH_ROW, 10) == "✗ miss"
        await pilot.press("u")  # the app's undo: the latest change first, the delete
        await pilot.pause()
        assert pairing.get_session(demo_db, october.id).topic == "SLOs, revisited"
        assert grid_cell(app, MONTH_ROW, 10) == "✓ done"
        await pilot.press("u")  # then the edit of the topic
        await pilot.pause()
        assert pairing.get_session(demo_db, october.id).topic == "SLOs and error budgets for the gateway"


async def test_years_and_search(demo_db):
    ids = handles(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert grid(app).view.year == 2025
        assert "2025 month by month" in str(app.screen.query_one("#pairing-grid-box").border_title)
        assert [grid_cell(app, MONTH_ROW, m) for m in (10, 11, 12)] == ["", "✗ miss", "✓ done"]
        assert grid_cell(app, ids["priya"], 12) == "✓14"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert grid(app).view.year == 2027
        await pilot.press("left_square_bracket")
        await pilot.press("slash", *"data")
        await pilot.pause()
        assert [row[1] for row in roster_rows(app)] == ["@aisha", "@jonas", "@ravi"]
        assert grid(app).row_count == 4  # the month row and the three of them
        await pilot.press("escape")
        await pilot.pause()
        assert roster(app).row_count == 9


async def test_user_text_is_shown_literally(db):
    practice = practices.practice_by_key(db, "pairing")
    practices.update_practice(db, practice.id, start_date=date(2026, 1, 1))
    person = service.add_person(db, handle="mal", name="[bold red]Mal[/]", team="\x1b[2JTeam", now=NOW)
    service.save_session(
        db, person_id=person, on=TODAY + timedelta(days=2), topic="[link=x]click[/link]", today=TODAY, now=NOW
    )
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        row = roster_rows(app)[0]
        assert row[2:4] == ["[bold red]Mal[/]", "␛[2JTeam"]
        await on_grid_cell(pilot, app, person, date(2026, 11, 1))
        detail = str(app.screen.query_one("#pairing-detail-text", Static).content)
        assert "Topic: [link=x]click[/link]" in detail


async def test_the_search_box_does_not_swallow_screen_keys_after_escape(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert roster(app).row_count == 0
        assert "Nobody matches zzz" in str(app.screen.query_one("#pairing-detail-text", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#pairing-search", Input).display is False
        assert roster(app).has_focus


async def test_a_planned_session_whose_day_passed_shows_not_logged_until_checked_off(db):
    dana = service.add_person(db, handle="dana", name="Dana", team="Payments", now=NOW)
    service.save_session(db, person_id=dana, on=date(2026, 11, 20), topic="Ledger", today=date(2026, 11, 19), now=NOW)
    future = service.save_session(db, person_id=dana, on=date(2026, 11, 28), topic="Part two", today=TODAY, now=NOW)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_pairing(pilot)
        assert grid_cell(app, dana, 11) == "!20 ○28"
        assert "1 not logged" in summary(app)
        # Enter on the engineer goes to their row in the grid, this month.
        await on_roster_row(pilot, app, dana)
        await pilot.press("enter")
        await pilot.pause()
        assert grid(app).has_focus
        assert grid(app).selected().person.id == dana and grid(app).selected().month == date(2026, 11, 1)
        # Two sessions in the cell: x asks which one.
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "enter")  # the one on the 28th has not happened: refused
        await pilot.pause()
        assert pairing.get_session(db, future).status == "planned"
        assert any("it has not happened yet" in message for message in notices(app))
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the first: the 20th
        await pilot.pause()
        assert grid_cell(app, dana, 11) == "✓20 ○28"
        assert "not logged" not in summary(app)
        logs = pairing.pairing_logs_between(db, date(2026, 11, 1), date(2026, 11, 30))
        assert [(log.status, log.done_on) for log in logs] == [("done", date(2026, 11, 20))]
