"""What a key that changes screens or focus makes Textual do again: the footer's keys and the CSS, and
what Python's garbage collector is left to walk.

The footer rebuilds its keys only when what it shows changed, once per refresh; the CSS is parsed once
per process and theme. Both are asserted by what they show and by how often the work is done, never by
its time (benchmarks/ times it).
"""

from __future__ import annotations

import gc
from datetime import timedelta

import pytest
from conftest import NOW, TODAY, calls_to, make_app, settle
from textual.app import App
from textual.css import stylesheet as textual_stylesheet
from textual.widgets import DataTable as TextualDataTable
from textual.widgets import Footer as TextualFooter
from textual.widgets import Header
from textual.widgets._footer import FooterKey

from techtime.store import radar
from techtime.store.database import open_database
from techtime.tui.widgets.paged_table import PagedTable

# From Today through every area, into a search box and out, the palette of keys of each.
TOUR = ["2", "3", "slash", "escape", "4", "5", "6", "1", "3", "2"]


def footer_keys(app) -> list[tuple[str, bool, str]]:
    return [(key.key, key.disabled, key.tooltip or "") for key in app.screen.query(FooterKey)]


def keys_to_show(app) -> list[tuple[str, bool, str]]:
    """What Textual's footer would show for the screen's bindings now (its compose, in short): each
    shown key, whether it is disabled, its tooltip; then the palette's key."""
    shown = [
        (binding.key, not enabled, tooltip or binding.description if binding.group else tooltip)
        for _node, binding, enabled, tooltip in app.screen.active_bindings.values()
        if binding.show
    ]
    _node, palette, enabled, _tooltip = app.screen.active_bindings[app.COMMAND_PALETTE_BINDING]
    return [*shown, (palette.key, not enabled, palette.tooltip or palette.description)]


@pytest.fixture
def composes(monkeypatch) -> list[str]:
    """The screens whose footer built its keys, one entry per build."""
    return calls_to(monkeypatch, TextualFooter, "compose", lambda footer: type(footer.screen).__name__)


async def test_the_footer_shows_the_screen_s_keys_after_every_switch_and_focus_change(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in TOUR:
            await pilot.press(key)
            await settle(pilot)
            assert footer_keys(app) == keys_to_show(app), f"after {key} on {type(app.screen).__name__}"


async def test_a_switch_builds_the_footer_s_keys_once_and_going_back_builds_nothing(demo_db, composes, monkeypatch):
    restyled = calls_to(monkeypatch, App, "update_styles", lambda app, node: node)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, screen in (("3", "RadarScreen"), ("4", "PairingScreen")):
            composes.clear()
            restyled.clear()
            await pilot.press(key)
            await settle(pilot)
            # Its mount (no keys yet), then its keys: Textual's footer built them 6-8 times here, and
            # once more when the hidden search box took the focus first and the table took it after.
            assert composes == [screen] * 2
            assert app.screen.focused is not None and app.screen.focused.id in ("radar-table", "roster")
            # Each key is made wide or compact from the start: Textual's were styled again as they
            # mounted, twice each in a wide terminal.
            assert not [node for node in restyled if isinstance(node, FooterKey)]
        composes.clear()
        for key in ("3", "4", "1"):
            await pilot.press(key)
            await settle(pilot)
        assert composes == []  # each has the keys it showed when it was left


async def test_a_screen_seen_the_first_time_parses_no_css_again_and_a_new_theme_gets_its_colours(demo_db, monkeypatch):
    parsed = calls_to(monkeypatch, textual_stylesheet, "parse", lambda *args: args[2])  # where they were read from

    for run in ("first", "second"):
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            parsed.clear()  # the start is left out: the first app in a process parses everything there
            for key in ("2", "3", "4", "5", "6"):
                await pilot.press(key)
                await pilot.pause()
        # Textual parsed every rule twice for each screen; now a screen's own CSS file is read once.
        assert len(parsed) == len(set(parsed)), f"{run} app: {len(parsed)} parses of {len(set(parsed))} sources"
        if run == "second":
            assert parsed == []  # the same process, the same theme: nothing is parsed again

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        dark = app.screen.query_one(Header).styles.background
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.query_one(Header).styles.background
    assert light != dark

    # The same theme from the start: the same colours, whether the rules came from the cache or not.
    for theme, colour in (("textual-light", light), ("textual-dark", dark)):
        fresh = make_app(demo_db)
        fresh.theme = theme
        async with fresh.run_test(size=(120, 40)) as pilot:
            await pilot.press("6")
            await pilot.pause()
            assert fresh.screen.query_one(Header).styles.background == colour


async def test_a_screen_opened_the_first_time_styles_nothing_again_and_has_the_theme_of_the_moment(
    demo_db, monkeypatch
):
    refreshed = calls_to(monkeypatch, App, "refresh_css")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        refreshed.clear()  # the first screen is styled again as the app starts
        for key in ("2", "3", "4", "5"):
            await pilot.press(key)
            await settle(pilot)
        # Textual took each new screen for out of date: two refreshes of the app's CSS each (every node
        # styled again, the screen being left laid out again).
        assert refreshed == []
        dark = app.screen.query_one(Header).styles.background
        app.theme = "textual-light"
        await settle(pilot)
        light = app.screen.query_one(Header).styles.background
        assert light != dark
        await pilot.press("6")  # made after the theme changed: styled by the light one
        await settle(pilot)
        assert app.screen.query_one(Header).styles.background == light
        await pilot.press("1")  # made before it: styled again as it comes back
        await settle(pilot)
        assert app.screen.query_one(Header).styles.background == light


async def test_an_area_screen_once_shown_is_frozen_out_of_the_collector_and_a_closed_picture_is_not(
    demo_db, monkeypatch
):
    freezes = calls_to(monkeypatch, gc, "freeze")
    gc.disable()  # as techtime.cli.main starts the app: the collector off until the first frame is out
    try:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.isenabled() and len(freezes) == 1  # what start-up built
            await pilot.press("3")
            await settle(pilot)
            radar = app.screen
            assert len(freezes) == 2
            assert not any(thing is radar for thing in gc.get_objects())  # no collection walks it again
            await pilot.press("v")  # the radar's picture: dropped once closed, so never frozen
            await settle(pilot)
            picture = app.screen
            assert picture is not radar and any(thing is picture for thing in gc.get_objects())
            await pilot.press("escape", "1", "3")  # and a screen shown again has nothing new to freeze
            await settle(pilot)
            assert app.screen is radar and len(freezes) == 2
    finally:
        gc.unfreeze()
        gc.enable()


def drawn(table, y: int) -> list[object]:
    """The styles of a line of a table as it draws it now."""
    return [segment.style for segment in table.render_line(y)]


async def test_a_table_shown_again_draws_no_cell_again_and_a_theme_or_focus_change_draws_them_anew(
    demo_db, monkeypatch
):
    cells = calls_to(monkeypatch, TextualDataTable, "_render_cell")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        roster = app.screen.query_one("#roster", TextualDataTable)
        focused = drawn(roster, 1)  # the cursor's row, the roster focused
        drawn_again = []
        for _ in range(4):
            await pilot.press("5")
            await settle(pilot)
            cells.clear()
            await pilot.press("4")
            await settle(pilot)
            drawn_again.append(len(cells))
        # The first time back, the grid draws once more: it learns its size after it first drew. Textual's
        # DataTable drew its cells again on most resumes, all ~470 of Pairing's or half of them.
        assert drawn_again[1:] == [0, 0, 0], drawn_again
        assert drawn(roster, 1) == focused
        await pilot.press("tab")  # the focus goes to the grid: the roster's cursor is drawn unfocused
        await settle(pilot)
        assert app.screen.focused is not roster and drawn(roster, 1) != focused
        await pilot.press("shift+tab")
        await settle(pilot)
        assert drawn(roster, 1) == focused
        app.theme = "textual-light"
        await settle(pilot)
        assert drawn(roster, 1) != focused and cells != []


def titles_on_radar(app) -> list[str]:
    table = app.screen.query_one(PagedTable)
    return [table.row(i)[1][3].plain for i in range(min(table.total, 20))]


@pytest.fixture
def radar_reloads(monkeypatch) -> list[None]:
    from techtime.tui.screens.radar import RadarScreen

    return calls_to(monkeypatch, RadarScreen, "reload")


async def test_coming_back_to_a_screen_reads_again_only_what_may_have_changed(demo_db, db_path, radar_reloads):
    today = [TODAY]
    app = make_app(demo_db)
    app.today = lambda: today[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        for key in ("2", "3", "4", "3"):
            await pilot.press(key)
        await pilot.pause()
        radar_reloads.clear()
        await pilot.press("2", "3")
        await pilot.pause()
        assert radar_reloads == []  # nothing was written, the same day: what it showed is still true

        # Written by this process (another screen, the capture box, a service): shown on coming back.
        await pilot.press("2")
        radar.add_item(demo_db, title="Written here meanwhile", now=NOW)
        await pilot.press("3")
        await pilot.pause()
        assert titles_on_radar(app)[0] == "Written here meanwhile"

        # Written by another process while this screen was away: shown on coming back too.
        await pilot.press("2")
        other = open_database(db_path, today=TODAY)
        radar.add_item(other, title="Written elsewhere meanwhile", now=NOW + timedelta(minutes=1))
        other.close()
        await pilot.press("3")
        await pilot.pause()
        assert titles_on_radar(app)[0] == "Written elsewhere meanwhile"

        # A new day (the app left open overnight): read again.
        await pilot.press("2")
        radar_reloads.clear()
        today[0] = TODAY + timedelta(days=1)
        await pilot.press("3")
        await pilot.pause()
        assert radar_reloads
