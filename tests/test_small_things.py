"""Smaller things a user hits (issue 12): a typo'd @handle is one key from gone, deactivating someone
cancels what was planned with them, a dive is put off in one key, `o` says when no browser started."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import NOW, TODAY, database_rows, make_app
from textual.widgets import DataTable, Input, Static

from techtime.domain.dives import DiveFields
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.services import dives as dive_service
from techtime.services import pairing as pairing_service
from techtime.services.capture import capture
from techtime.services.session import undo
from techtime.store import dives, pairing, people

LATER = date(2026, 12, 3)


def without_trash(rows):
    return {table: found for table, found in rows.items() if table != "trash"}


# A handle not on the roster ---------------------------------------------------------------------------


def test_a_capture_with_a_new_handle_says_so_and_the_typo_can_be_deleted_with_its_session(db):
    before = database_rows(db)
    saved = capture(db, "p @priyya ledger walkthrough on:fri", today=TODAY, now=NOW)
    assert saved.warning.startswith("@priyya was not on the roster: added as new from capture")
    person = people.find_by_handle(db, "priyya")
    assert person.notes == "new from capture"
    assert pairing_service.deletable(db, person.id)
    label = pairing_service.delete_person(db, person.id, now=NOW)
    assert label == "@priyya and the session made with them"
    assert without_trash(database_rows(db)) == without_trash(before)
    assert undo(db, now=NOW).description == "deleting @priyya and the session made with them"
    assert pairing.get_session(db, saved.id).handle == "priyya"


def test_an_engineer_with_sessions_of_their_own_is_deactivated_not_deleted(db):
    dana = pairing_service.add_person(db, handle="dana", now=NOW)
    later = NOW.replace(hour=11)  # logged afterwards: a session of their own
    pairing_service.save_session(db, person_id=dana, on=date(2026, 11, 2), status="done", today=TODAY, now=later)
    before = database_rows(db)
    with pytest.raises(InputError, match="@dana has 1 session of their own: deactivate them instead"):
        pairing_service.delete_person(db, dana, now=NOW)
    assert database_rows(db) == before


def test_deactivating_an_engineer_cancels_their_planned_session_and_u_brings_both_back(db):
    eli = pairing_service.add_person(db, handle="eli", now=NOW)
    planned = pairing_service.save_session(db, person_id=eli, on=LATER, topic="Streaming", today=TODAY, now=NOW)
    done = pairing_service.save_session(db, person_id=eli, on=date(2026, 10, 5), status="done", today=TODAY, now=NOW)
    before = database_rows(db)
    result = pairing_service.toggle_active(db, eli, today=TODAY, now=NOW)
    assert not result.person.active
    assert [session.id for session in result.cancelled] == [planned]
    assert pairing.get_session(db, planned) is None
    assert pairing.get_session(db, done) is not None  # history stays
    assert pairing.next_planned_by_person(db, TODAY) == {}  # nobody names a session that will not happen
    assert undo(db, now=NOW).description == "deactivating @eli (and cancelling the planned session)"
    assert without_trash(database_rows(db)) == without_trash(before)


async def test_the_capture_box_asks_before_adding_a_new_handle(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one(Input).value = "p @priyya ledger walkthrough"
        await pilot.pause()
        preview = str(app.screen.query_one("#capture-preview", Static).render())
        assert "@priyya is not on the roster: Enter adds them as new from capture" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert people.find_by_handle(db, "priyya") is None  # asked, nothing saved
        assert "Enter again adds them" in str(app.screen.query_one("#capture-preview", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert people.find_by_handle(db, "priyya").notes == "new from capture"
        assert any("not on the roster" in n.message for n in app._notifications)


async def test_delete_on_the_roster_takes_a_typo_away_and_u_brings_it_back(db):
    capture(db, "p @priyya ledger walkthrough", today=TODAY, now=NOW)
    typo = people.find_by_handle(db, "priyya").id
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        roster = app.screen.query_one("#roster", DataTable)
        roster.focus()
        roster.move_cursor(row=roster.get_row_index(str(typo)))
        await pilot.press("delete")
        await pilot.pause()
        assert people.get_person(db, typo) is None and pairing.count_sessions(db) == 0
        await pilot.press("u")
        await pilot.pause()
        assert people.get_person(db, typo) is not None and pairing.count_sessions(db) == 1


# A dive put off ------------------------------------------------------------------------------------------


def test_a_dive_is_put_off_to_the_next_quarter_with_everything_and_back(db):
    saved = dive_service.create_dive(db, DiveFields(title="Ledger"), quarter=Quarter(2026, 4), now=NOW)
    dives.update_dive(db, saved.dive_id, findings="the ledger is append-only", now=NOW)
    before = database_rows(db)
    put = dive_service.postpone(db, saved.dive_id, now=NOW)
    assert str(put.quarter) == "2027Q1"
    moved = dives.get_dive(db, saved.dive_id)
    assert (str(moved.quarter), moved.findings) == ("2027Q1", "the ledger is append-only")
    assert len(dives.checklist(db, saved.dive_id)) == len(dives.checklist_template(db))
    undo(db, now=NOW)
    assert without_trash(database_rows(db)) == without_trash(before)
    dive_service.set_status(db, saved.dive_id, "done", now=NOW)
    with pytest.raises(InputError, match="only an unfinished dive is put off"):
        dive_service.postpone(db, saved.dive_id, now=NOW)


async def test_z_on_the_dives_screen_puts_the_dive_off(db):
    saved = dive_service.create_dive(db, DiveFields(title="Ledger"), quarter=Quarter(2026, 4), now=NOW)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "z")
        await pilot.pause()
        assert str(dives.get_dive(db, saved.dive_id).quarter) == "2027Q1"
        assert any("Put off to 2027Q1: Ledger" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert str(dives.get_dive(db, saved.dive_id).quarter) == "2026Q4"


# Opening a link without a browser ----------------------------------------------------------------------


@pytest.mark.parametrize("browser", ["none", "raises"])
async def test_o_says_when_no_browser_could_be_started(db, monkeypatch, browser):
    import webbrowser

    def no_browser(url, *args, **kwargs):
        if browser == "raises":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    monkeypatch.setattr(webbrowser, "open", no_browser)
    capture(db, "r Temporal https://temporal.io", today=TODAY, now=NOW)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == ["No browser could be started for https://temporal.io (set $BROWSER, or copy the link)"]


async def test_o_says_opened_when_the_browser_took_it(db, _no_real_browser):
    opened = _no_real_browser
    capture(db, "r Temporal https://temporal.io", today=TODAY, now=NOW)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["https://temporal.io"]
        assert [n.message for n in app._notifications] == ["Opened in the browser: https://temporal.io"]


# An explicit --db whose folder is not there ------------------------------------------------------------


def test_a_db_path_in_a_folder_that_does_not_exist_is_refused_and_creates_nothing(tmp_path, capsys):
    from techtime.cli import main

    typo = tmp_path / "techtimee" / "techtime.db"
    for command in (["add", "n", "a note"], ["today"], ["export", "--format", "json"]):
        assert main(["--db", str(typo), *command]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [
            f"techtime: --db {typo}: the folder {typo.parent} does not exist (a typo?); create it first,"
            " or leave out --db for the default location"
        ]
    assert not typo.parent.exists()


def test_the_default_location_is_still_created(tmp_path, monkeypatch, capsys):
    from techtime.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert main(["add", "n", "first note"]) == 0
    assert (tmp_path / "xdg-data" / "techtime" / "techtime.db").exists()
    here = tmp_path / "here.db"  # an existing folder: fine
    assert main(["--db", str(here), "add", "n", "a note"]) == 0
    assert here.exists()
