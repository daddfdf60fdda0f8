"""Undo (`u`) brings back deletes and edits of titles and notes, even after a restart."""

from __future__ import annotations

from conftest import NOW, TODAY, make_app

from techtime.domain.quarters import Quarter
from techtime.store import dives, notes, people, radar, trash
from techtime.store.database import open_database


def test_editing_a_title_or_notes_can_be_undone_in_reverse_order(db):
    item = radar.add_item(db, title="Temporal", now=NOW)
    radar.update_item(db, item, title="Temporal workflows", now=NOW)
    radar.update_item(db, item, notes="read the docs", now=NOW)
    radar.update_item(db, item, status="read", now=NOW)  # not undoable text: no trash entry
    assert trash.describe(trash.undo(db, now=NOW)) == "the edit of 'Temporal workflows'"
    assert radar.get_item(db, item).notes == ""
    trash.undo(db, now=NOW)
    assert radar.get_item(db, item).title == "Temporal"
    assert radar.get_item(db, item).status == "read"
    assert trash.undo(db, now=NOW) is None


def test_an_edit_that_changes_nothing_leaves_no_undo(db):
    dive = dives.add_dive(db, quarter=Quarter(2026, 4), title="Ledger", now=NOW)
    dives.update_dive(db, dive, title="Ledger", now=NOW)
    assert trash.last_deleted(db) is None


async def test_u_in_the_app_undoes_a_delete_made_before_a_restart(db, db_path):
    note = notes.add_note(db, text="do not lose me", now=NOW)
    person = people.add_person(db, handle="dana", now=NOW)
    people.update_person(db, person, name="Dana Reyes", now=NOW)
    trash.delete(db, "inbox_note", note, now=NOW, label="do not lose me")
    db.close()

    reopened = open_database(db_path, today=TODAY)
    app = make_app(reopened)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert [n.text for n in notes.open_notes(reopened)] == ["do not lose me"]
        assert any("do not lose me" in str(o.prompt) for o in app.screen.query_one("#checkin").options)
        await pilot.press("u")  # the edit before it
        await pilot.pause()
        assert people.get_person(reopened, person).name == "dana"
        await pilot.press("u")
        await pilot.pause()
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)
    reopened.close()


def test_undo_reaches_back_24_hours_only(db):
    from datetime import timedelta

    note = notes.add_note(db, text="old slip", now=NOW)
    trash.delete(db, "inbox_note", note, now=NOW - timedelta(days=2), label="old slip")
    assert trash.undo(db, now=NOW) is None  # two days ago: not what `u` means any more
    assert trash.undo(db, now=NOW - timedelta(days=2)) is not None


def test_the_demo_starts_with_no_undo_history(demo_db):
    assert trash.last_deleted(demo_db) is None


async def test_u_on_today_takes_back_a_practice_logged_by_mistake(demo_db):
    from techtime.store import practices

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#checkin")
        options.highlighted = next(
            i for i, o in enumerate(options.options) if (o.id or "").startswith("practice:radar")
        )
        before = demo_db.scalar("SELECT count(*) FROM practice_log")
        await pilot.press("x")
        await pilot.pause()
        assert demo_db.scalar("SELECT count(*) FROM practice_log") == before + 1
        await pilot.press("u")
        await pilot.pause()
        assert demo_db.scalar("SELECT count(*) FROM practice_log") == before
        scan = practices.practice_by_key(demo_db, "radar-scan")
        assert scan is not None
        # A filed note comes back to the inbox too.
        options.highlighted = next(i for i, o in enumerate(options.options) if (o.id or "").startswith("note:"))
        await pilot.press("x")
        await pilot.pause()
        assert notes.count_open(demo_db) == 2
        await pilot.press("u")
        await pilot.pause()
        assert notes.count_open(demo_db) == 3
