"""One undo: on every screen, a change then `u` gives back the database exactly as it was (every row, every
column, the history of the radar included), and so does `u` in a new app on the same file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from conftest import NOW, TODAY, database_rows, make_app
from textual.widgets import OptionList

from techtime.domain.dives import DiveFields
from techtime.domain.quarters import Quarter
from techtime.services import dives as service
from techtime.store.database import Database, open_database

SIZE = (120, 40)
Q3 = Quarter(2026, 3)
Setup = Callable[[object], Awaitable[None]]


async def nothing(pilot) -> None:
    return None


def option(selector: str, prefix: str) -> Setup:
    async def highlight(pilot) -> None:
        options = pilot.app.screen.query_one(selector, OptionList)
        options.highlighted = next(i for i, o in enumerate(options.options) if (o.id or "").startswith(prefix))
        await pilot.pause()

    return highlight


def focus(selector: str) -> Setup:
    async def to(pilot) -> None:
        pilot.app.screen.query_one(selector).focus()
        await pilot.pause()

    return to


def typed(selector: str, text: str) -> Setup:
    async def fill(pilot) -> None:
        field = pilot.app.screen.query_one(selector)
        field.focus()
        await pilot.press("end", *text)

    return fill


async def a_session_this_month(pilot) -> None:
    from techtime.store import pairing

    session = pairing.sessions_between(pilot.app.db, TODAY.replace(day=1), TODAY.replace(day=30))[0]
    grid = pilot.app.screen.query_one("#month-grid")
    grid.focus()
    grid.focus_cell(session.person_id, session.date)
    await pilot.pause()


# name: (keys to the screen, what to highlight, the keys that change something)
CHANGES = {
    "today: x on a practice": ([], option("#checkin", "practice:"), ["x"]),
    "today: x on a note": ([], option("#checkin", "note:"), ["x"]),
    "practices: done today": (["v"], nothing, ["x"]),
    "practices: skip": (["v"], nothing, ["s"]),
    "dives: the status": (["2"], nothing, ["m"]),
    "dives: drop": (["2"], nothing, ["D"]),
    "dives: delete": (["2"], nothing, ["delete"]),
    "dives: delete a step": (["2"], focus("#dive-checklist"), ["delete"]),
    "dives: edit, to another quarter": (["2", "e"], focus("#field-quarter"), ["end", "backspace", "1", "enter"]),
    "dives: carry over": (["2", "left_square_bracket"], nothing, ["C"]),
    "planning: move a dive in": (["2", "p"], nothing, ["m"]),
    "planning: plan a radar item": (["2", "p"], option("#planning-candidates", "radar:"), ["m"]),
    "radar: bookmark": (["3"], nothing, ["b"]),
    "radar: a ring": (["3"], nothing, ["A"]),
    "radar: off the radar": (["3", "down", "down"], nothing, ["minus"]),
    "radar: promote": (["3"], nothing, ["p"]),
    "radar: notes": (["3", "e"], typed("#field-notes", " more"), ["ctrl+s"]),
    "radar: delete": (["3", "down", "down"], nothing, ["d"]),
    "triage: a decision": (["3", "t"], nothing, ["r"]),
    "triage: a ring": (["3", "t"], nothing, ["T"]),
    "pairing: delete a session": (["4"], a_session_this_month, ["delete"]),
}


async def go(pilot, keys: list[str]) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


@pytest.mark.parametrize("name", CHANGES)
async def test_u_gives_back_the_database_exactly(demo_db, name):
    to_screen, setup, change = CHANGES[name]
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, to_screen)
        await setup(pilot)
        before = database_rows(demo_db, leave_out=("trash",))
        await go(pilot, change)
        assert database_rows(demo_db, leave_out=("trash",)) != before, "the keys changed nothing"
        await go(pilot, ["escape"] if name.startswith("triage") else [])
        await go(pilot, ["u"])
        assert database_rows(demo_db, leave_out=("trash",)) == before
        assert [n.message for n in app._notifications][-1].startswith("Undid ")


@pytest.mark.parametrize(
    "name", ["dives: carry over", "radar: a ring", "triage: a ring", "planning: plan a radar item"]
)
async def test_u_after_a_restart_gives_back_the_database_exactly(demo_db, db_path, name):
    to_screen, setup, change = CHANGES[name]
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, to_screen)
        await setup(pilot)
        before = database_rows(demo_db, leave_out=("trash",))
        await go(pilot, change)
    demo_db.close()

    reopened: Database = open_database(db_path, today=TODAY)
    try:
        assert database_rows(reopened, leave_out=("trash",)) != before
        async with make_app(reopened).run_test(size=SIZE) as pilot:
            await pilot.pause()
            await go(pilot, ["u"])
            assert database_rows(reopened, leave_out=("trash",)) == before
    finally:
        reopened.close()


async def test_several_dives_carried_over_by_one_key_are_one_undo(demo_db):
    service.create_dive(demo_db, DiveFields(title="Second unfinished", status="active"), quarter=Q3, now=NOW)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, ["2", "left_square_bracket"])
        before = database_rows(demo_db, leave_out=("trash",))
        await go(pilot, ["C"])
        assert demo_db.scalar("SELECT count(*) FROM trash WHERE restored_at IS NULL") == 1
        await go(pilot, ["u"])
        assert database_rows(demo_db, leave_out=("trash",)) == before
        assert [n.message for n in app._notifications][-1] == "Undid moving 2 deep dives to 2026Q4."
