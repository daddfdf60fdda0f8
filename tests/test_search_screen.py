"""Search everything's screen (issue 12): ctrl+f from every screen, type, Enter, the hit highlighted on its
own screen, for a radar item, a note, a dive finding, a failure mode, a pairing learning, a tinkering log."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import NOW, TODAY, make_app
from textual.widgets import Input, OptionList

from techtime.domain.dives import FailureModeFields
from techtime.domain.quarters import Quarter
from techtime.services import dives as dive_service
from techtime.services import pairing as pairing_service
from techtime.services.capture import capture
from techtime.services.search import Searcher, search
from techtime.store import dives, notes


@pytest.fixture
def found(demo_db):
    """One thing per area with a word of its own, some of them away from where the screens open."""
    ids = {}
    ids["radar"] = capture(demo_db, "r Zanzibarflow for workflows https://zanzibar.example", today=TODAY, now=NOW).id
    ids["note"] = notes.add_note(demo_db, text="ask about the quokkaledger rollout", now=NOW)
    notes.file_note(demo_db, ids["note"], now=NOW)  # filed notes are found too
    later = Quarter(2027, 1)  # not the quarter the Dives screen opens on
    ids["dive"] = dives.add_dive(demo_db, quarter=later, title="Billing rewrite", now=NOW)
    dives.update_dive(demo_db, ids["dive"], findings="the xylocache is shared by every tenant", now=NOW)
    ids["mode_dive"] = dives.add_dive(demo_db, quarter=later, title="Search cluster", now=NOW)
    ids["mode"] = dive_service.add_failure_mode(
        demo_db, ids["mode_dive"], FailureModeFields(failure="wombatstorm fills the disks")
    )
    person = pairing_service.add_person(demo_db, handle="ines", now=NOW)
    ids["session"] = pairing_service.save_session(
        demo_db,
        person_id=person,
        on=date(2025, 10, 14),  # last year: the grid opens on this year
        status="done",
        topic="Ledger walkthrough",
        learned="narwhalsync retries are idempotent",
        today=TODAY,
        now=NOW,
    )
    ids["tinker"] = capture(demo_db, "t tried okapitokens in a prototype min:30", today=TODAY, now=NOW).id
    return ids


async def search_and_open(pilot, text: str) -> None:
    await pilot.press("ctrl+f")
    await pilot.pause()
    for char in text:
        await pilot.press(char)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def hits_shown(app) -> list[str]:
    options = app.screen.query_one("#search-hits", OptionList)
    return [str(option.prompt) for option in options.options if option.id is not None]


async def test_hits_show_grouped_by_area_with_their_kind_and_the_words_lit(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        for char in "zanzibar":
            await pilot.press(char)
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one("#search-hits", OptionList).options
        assert str(options[0].prompt) == "Radar"  # the area's heading
        hit = options[1].prompt
        assert "radar item, inbox" in str(hit) and "Zanzibarflow for workflows" in str(hit)
        lit = [hit.plain[span.start : span.end] for span in hit.spans if "reverse" in str(span.style)]
        assert lit == ["Zanzibarflow"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TodayScreen"


async def test_a_radar_hit_opens_the_radar_on_its_row_even_through_a_filter(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("slash", *"kafka")  # a filter that hides the item: it is cleared
        await pilot.pause()
        await search_and_open(pilot, "zanzibar")
        from techtime.tui.widgets.paged_table import PagedTable

        assert app.screen.__class__.__name__ == "RadarScreen"
        assert app.current_mode == "radar" and len(app.screen_stack) == 1  # the Radar mode's own screen
        assert app.screen.query_one(PagedTable).current_key == found["radar"]
        assert app.screen.query_one("#radar-search", Input).value == ""
        assert app.focused is app.screen.query_one(PagedTable)


async def test_a_filed_note_opens_the_notes_view_on_it(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")  # from another area
        await pilot.pause()
        await search_and_open(pilot, "quokka")
        assert app.screen.__class__.__name__ == "NotesScreen"
        highlighted = app.screen.query_one(OptionList).highlighted_option
        assert highlighted is not None and highlighted.id == str(found["note"])
        assert "✔" in str(highlighted.prompt)  # shown as filed


async def test_a_finding_opens_its_dive_in_its_own_quarter(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_and_open(pilot, "xylocache")
        screen = app.screen
        assert screen.__class__.__name__ == "DivesScreen"
        assert str(screen.quarter) == "2027Q1"
        assert screen._table_dive_id() == found["dive"]


async def test_a_failure_mode_opens_its_dive_with_the_failure_mode_highlighted(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # the Dives screen already open, on another quarter
        await pilot.pause()
        await search_and_open(pilot, "wombatstorm")
        screen = app.screen
        assert screen._table_dive_id() == found["mode_dive"]
        assert screen._failure_id() == found["mode"]
        assert app.focused is screen.query_one("#dive-failures")


async def test_a_pairing_learning_opens_the_grid_on_its_session_in_its_year(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_and_open(pilot, "narwhal")
        screen = app.screen
        assert screen.__class__.__name__ == "PairingScreen"
        assert screen.year == 2025
        cell = screen.query_one("#month-grid").selected()
        assert [session.id for session in cell.sessions] == [found["session"]]
        assert app.focused is screen.query_one("#month-grid")


async def test_a_tinkering_log_opens_its_practice(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_and_open(pilot, "okapitokens")
        screen = app.screen
        assert screen.__class__.__name__ == "PracticesScreen"
        practice = screen._selected()
        assert practice is not None and practice.key == "tinkering"


async def test_ctrl_f_works_while_a_search_box_has_the_focus_and_enter_before_the_answer(found, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"
        # Typed and Enter at once: the hits are read for what is typed, whatever the worker is doing.
        app.screen.query_one(Input).value = "zanzibarflow"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        from techtime.tui.widgets.paged_table import PagedTable

        assert app.screen.query_one(PagedTable).current_key == found["radar"]


async def test_the_palette_opens_it_and_hostile_text_is_shown_as_text(demo_db):
    capture(demo_db, "n [bold]markup[/bold] \x1b]0;owned\x07 zorilla", today=TODAY, now=NOW)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "search everything":
            await pilot.press(char)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"
        for char in "zorilla":
            await pilot.press(char)
        await app.workers.wait_for_complete()
        await pilot.pause()
        (shown,) = hits_shown(app)
        assert "[bold]markup[/bold]" in shown and "\x1b" not in shown and "\x07" not in shown


async def test_nothing_found_says_so_and_enter_opens_nothing(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"zzqqxx")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#search-status").render())
        assert "Nothing found for zzqqxx" in status
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"


def test_a_new_search_interrupts_the_one_before(demo_db, found):
    searcher = Searcher(demo_db.filename)
    try:
        first = searcher.interrupt()
        second = searcher.interrupt()  # a keystroke came: the first one's answer is not wanted
        assert searcher.search("zanzibar", first) is None
        hits = searcher.search("zanzibar", second)
        assert hits is not None and [hit.id for hit in hits] == [found["radar"]]
        assert hits == search(demo_db, "zanzibar")
    finally:
        searcher.close()
    assert searcher.search("zanzibar", second) is None  # closed: nothing, and no error
