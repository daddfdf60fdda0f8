"""Session kinds on the Pairing screen: the grid and the form say the kind, the form offers the kind's
questions from the bank and keeps the answers, and a technical 1-on-1 never moves the rotation."""

from datetime import date, timedelta

from conftest import NOW, TODAY, make_app
from textual.widgets import DataTable, Input, Select, Static

from techtime.services import pairing as service
from techtime.store import pairing, practices
from techtime.tui.form import Form
from techtime.tui.screens.session_form import SessionForm
from techtime.tui.widgets.month_grid import MonthGrid

SIZE = (120, 40)


def setup(db):
    practice = practices.practice_by_key(db, "pairing")
    practices.update_practice(db, practice.id, start_date=date(2026, 1, 1))
    ids = {
        h: service.add_person(db, handle=h, name=h.title(), team=t, now=NOW) for h, t in (("dana", "A"), ("eli", "B"))
    }
    service.save_session(db, person_id=ids["dana"], on=date(2026, 9, 3), today=TODAY, now=NOW, status="done")
    service.save_session(db, person_id=ids["eli"], on=date(2026, 10, 3), today=TODAY, now=NOW, status="done")
    return ids


def roster_order(app) -> list[str]:
    table = app.screen.query_one("#roster", DataTable)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count) if str(table.get_row_at(row)[0]) != "-"]


def question_texts(form) -> list[str]:
    return [str(widget.render()) for widget in form.query(".question-text")]


async def open_log_form(pilot, person_id: int) -> SessionForm:
    """l on the engineer's row: log a session that happened."""
    await pilot.press("4")
    await pilot.pause()
    table = pilot.app.screen.query_one("#roster", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(str(person_id)))
    await pilot.press("l")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, SessionForm)
    return form


async def test_a_1on1_logged_from_the_form_does_not_move_the_rotation(db):
    ids = setup(db)
    async with make_app(db).run_test(size=SIZE) as pilot:
        assert [rank.candidate.handle for rank in service.rotation(db, TODAY)] == ["dana", "eli"]
        form = await open_log_form(pilot, ids["dana"])
        form.query_one("#field-kind", Select).value = "1on1"
        form.query_one("#field-date", Input).value = (TODAY - timedelta(days=1)).isoformat()
        form.query_one("#field-topic", Input).value = "Walk me through the outbox"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, Form)
        (session,) = [s for s in pairing.sessions_for_person(db, ids["dana"]) if s.kind == "1on1"]
        assert (session.status, session.topic) == ("done", "Walk me through the outbox")
        assert roster_order(pilot.app) == ["@dana", "@eli"]  # still first: a 1-on-1 is not pairing
        assert any("(technical 1-on-1)" in n.message for n in pilot.app._notifications)
        cell = str(pilot.app.screen.query_one(MonthGrid).get_cell(f"person:{ids['dana']}", "m11"))
        assert cell == "✓T25"


async def test_a_session_form_shows_its_kind_s_questions_and_keeps_the_answers(db):
    ids = setup(db)
    async with make_app(db).run_test(size=SIZE) as pilot:
        form = await open_log_form(pilot, ids["dana"])
        assert question_texts(form) == []  # pairing: the engineer leads
        form.query_one("#field-kind", Select).value = "1on1"
        await pilot.pause()
        assert "What was the hardest technical decision you made?" in question_texts(form)
        form.query_one("#question-2", Input).value = "Outbox over two-phase commit"
        form.query_one("#field-kind", Select).value = "interview"
        await pilot.pause()
        assert "What happens when this 10xs?" in question_texts(form)
        form.query_one("#field-kind", Select).value = "1on1"
        await pilot.pause()
        assert form.query_one("#question-2", Input).value == "Outbox over two-phase commit"  # kept while switching
        form.query_one("#field-date", Input).value = (TODAY - timedelta(days=1)).isoformat()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        (session,) = [s for s in pairing.sessions_for_person(db, ids["dana"]) if s.kind == "1on1"]
        assert service.answers(db, session.id) == [("What tradeoffs did you consider?", "Outbox over two-phase commit")]
        # The grid's cell shows it with its notes and learnings, the answers under them.
        grid = pilot.app.screen.query_one(MonthGrid)
        grid.focus()
        grid.focus_cell(ids["dana"], TODAY.replace(day=1))
        await pilot.pause()
        detail = str(pilot.app.screen.query_one("#pairing-detail-text", Static).render())
        assert "technical 1-on-1" in detail
        assert "What tradeoffs did you consider? Outbox over two-phase commit" in detail
        await pilot.press("enter")
        await pilot.pause()
        reopened = pilot.app.screen
        assert isinstance(reopened, SessionForm)
        assert reopened.query_one("#question-2", Input).value == "Outbox over two-phase commit"


async def test_escape_with_an_answer_typed_asks_first(db):
    ids = setup(db)
    async with make_app(db).run_test(size=SIZE) as pilot:
        form = await open_log_form(pilot, ids["dana"])
        form.query_one("#field-kind", Select).value = "1on1"
        await pilot.pause()
        await pilot.press("escape")  # only the kind changed: that is a change too
        await pilot.pause()
        assert pilot.app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is not form
        assert pairing.count_sessions(db) == 2
