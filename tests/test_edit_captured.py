"""Edit what was captured (issue 12): a radar item's title, link and tags; notes edited, filed, unfiled,
deleted and still found; a note turned into the radar item or deep dive it should have been, in one key,
and back with one `u`."""

from __future__ import annotations

import pytest
from conftest import NOW, TODAY, database_rows, make_app
from textual.widgets import Input, OptionList

from techtime.errors import InputError
from techtime.services import notes as notes_service
from techtime.services import radar as radar_service
from techtime.services.capture import capture
from techtime.services.search import search
from techtime.services.session import undo
from techtime.store import dives, notes, radar

# Services -------------------------------------------------------------------------------------------


def test_a_radar_item_is_edited_and_one_undo_puts_it_all_back(db):
    item_id = capture(db, "r Temporl https://temporal.io #workflow", today=TODAY, now=NOW).id
    before = database_rows(db)
    after = radar_service.edit_item(
        db, item_id, title="Temporal", url="https://docs.temporal.io", tags=("workflows",), notes="", now=NOW
    )
    assert (after.title, after.url, after.tags) == ("Temporal", "https://docs.temporal.io", ("workflows",))
    assert [hit.id for hit in search(db, "temporal")] == [item_id]
    assert radar.find_by_url(db, "https://docs.temporal.io").id == item_id  # the link's key follows
    assert undo(db, now=NOW).description == "the edit of 'Temporl'"
    assert database_rows(db, leave_out=("trash",)) == {k: v for k, v in before.items() if k != "trash"}


def test_a_link_another_item_has_is_refused_under_the_link(db):
    first = capture(db, "r DuckDB https://duckdb.org", today=TODAY, now=NOW).id
    second = capture(db, "r Polars https://pola.rs", today=TODAY, now=NOW).id
    before = database_rows(db)
    with pytest.raises(InputError, match="already the link of 'DuckDB'") as error:
        radar_service.edit_item(db, second, title="Polars", url="https://duckdb.org/", tags=(), notes="", now=NOW)
    assert error.value.field == "url"
    assert database_rows(db) == before
    assert first != second
    for bad, field in (("", radar_service.parse_title), ("javascript:alert(1)", radar_service.parse_link)):
        with pytest.raises(InputError, match=r"a radar item needs a title|http:// or https://"):
            field(bad)


def test_notes_are_edited_filed_unfiled_and_deleted_each_undone_by_u(db):
    note_id = notes.add_note(db, text="ask Priya about the ledgr", now=NOW)
    notes_service.edit_note(db, note_id, "ask Priya about the ledger", now=NOW)
    assert notes.get_note(db, note_id).text == "ask Priya about the ledger"
    assert notes_service.toggle_filed(db, note_id, now=NOW).filed_at is not None
    assert [hit.kind for hit in search(db, "ledger")] == ["filed note"]  # filed: still found
    assert notes_service.toggle_filed(db, note_id, now=NOW).filed_at is None
    notes_service.delete_note(db, note_id, now=NOW)
    assert notes.get_note(db, note_id) is None
    undo(db, now=NOW)
    assert notes.get_note(db, note_id).filed_at is None
    undo(db, now=NOW)  # unfiling taken back: filed again
    assert notes.get_note(db, note_id).filed_at is not None
    undo(db, now=NOW)
    undo(db, now=NOW)
    assert notes.get_note(db, note_id).text == "ask Priya about the ledgr"
    with pytest.raises(InputError, match="a note needs some text"):
        notes_service.edit_note(db, note_id, "   ", now=NOW)


def test_a_note_with_a_link_becomes_a_radar_item_in_one_change(db):
    note_id = capture(db, "Temporal for workflows https://temporal.io #orchestration", today=TODAY, now=NOW).id
    assert notes.get_note(db, note_id) is None  # a link: that was already a radar item
    note_id = capture(db, "n Temporal for workflows https://temporal.io #orchestration", today=TODAY, now=NOW).id
    before = database_rows(db)
    turned = notes_service.turn_into(db, note_id, "radar", today=TODAY, now=NOW)
    assert notes.get_note(db, note_id) is None
    item = radar.get_item(db, turned.saved.id)
    assert (item.title, item.url, item.tags, item.status) == (
        "Temporal for workflows",
        "https://temporal.io",
        ("orchestration",),
        "inbox",
    )
    assert undo(db, now=NOW).description.startswith("turning the note")
    assert database_rows(db, leave_out=("trash",)) == {k: v for k, v in before.items() if k != "trash"}


def test_a_note_becomes_a_deep_dive_this_quarter_and_back(db):
    note_id = notes.add_note(db, text="Payments ledger migration", now=NOW)
    before = database_rows(db)
    turned = notes_service.turn_into(db, note_id, "dive", today=TODAY, now=NOW)
    dive = dives.get_dive(db, turned.saved.id)
    assert (dive.title, str(dive.quarter)) == ("Payments ledger migration", "2026Q4")
    assert dives.checklist(db, dive.id)  # the template's steps, as any new dive
    undo(db, now=NOW)
    assert database_rows(db, leave_out=("trash",)) == {k: v for k, v in before.items() if k != "trash"}


def test_a_note_that_cannot_be_that_kind_is_refused_and_kept(db):
    note_id = notes.add_note(db, text="https://example.com/only-a-link", now=NOW)
    before = database_rows(db)
    with pytest.raises(InputError, match="this note cannot become deep dive: a deep dive needs a title"):
        notes_service.turn_into(db, note_id, "dive", today=TODAY, now=NOW)
    with pytest.raises(InputError, match="a note can become radar item or deep dive"):
        notes_service.turn_into(db, note_id, "pair", today=TODAY, now=NOW)
    assert database_rows(db) == before


# The screens ------------------------------------------------------------------------------------------


async def test_e_on_the_radar_opens_the_items_form(db):
    item_id = capture(db, "r Temporl https://temporal.io", today=TODAY, now=NOW).id
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "e")
        await pilot.pause()
        form = app.screen
        title = form.query_one("#field-title", Input)
        title.value = "Temporal"
        form.query_one("#field-tags", Input).value = "#workflows, durable"
        form.query_one("#field-url", Input).value = "ftp://nope"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "http:// or https://" in str(form.query_one("#note-url").render())  # under its field
        assert radar.get_item(db, item_id).title == "Temporl"  # nothing saved
        form.query_one("#field-url", Input).value = "https://temporal.io"
        await pilot.press("ctrl+s")
        await pilot.pause()
        item = radar.get_item(db, item_id)
        assert (item.title, item.tags) == ("Temporal", ("workflows", "durable"))
        await pilot.press("u")
        await pilot.pause()
        assert radar.get_item(db, item_id).title == "Temporl"


async def notes_screen(pilot, app):
    """Today, then enter on its first note: the Notes view."""
    options = app.screen.query_one("#checkin", OptionList)
    index = next(i for i, option in enumerate(options.options) if (option.id or "").startswith("note:"))
    options.highlighted = index
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen.__class__.__name__ == "NotesScreen"
    return app.screen


async def test_the_notes_view_edits_files_and_turns_a_note_into_a_radar_item(db):
    first = notes.add_note(db, text="Temporal https://temporal.io #workflows", now=NOW)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_screen(pilot, app)
        assert screen.query_one(OptionList).highlighted_option.id == str(first)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-text", Input).value = "Temporal, durable workflows https://temporal.io #workflows"
        await pilot.press("enter")
        await pilot.pause()
        assert notes.get_note(db, first).text.startswith("Temporal, durable")
        await pilot.press("x")  # filed: stays in the view, under Filed
        await pilot.pause()
        assert notes.get_note(db, first).filed_at is not None
        assert "✔" in str(screen.query_one(OptionList).highlighted_option.prompt)
        await pilot.press("R")
        await pilot.pause()
        assert notes.get_note(db, first) is None
        (item,) = radar.list_items(db)
        assert (item.url, item.tags) == ("https://temporal.io", ("workflows",))
        await pilot.press("u")  # one key back: the note, and no radar item
        await pilot.pause()
        assert notes.get_note(db, first) is not None and radar.list_items(db) == []
        await pilot.press("d")
        await pilot.pause()
        assert notes.get_note(db, first) is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TodayScreen"
