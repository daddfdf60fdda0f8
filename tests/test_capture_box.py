"""The capture box: the same widget in the app's modal and in the `techtime capture` popup.

Typed text is never lost (Escape keeps a draft that the next box restores), its help and preview
come from the area registry, and the popup fits 60x8.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest
from conftest import NOW, TODAY, make_app
from textual.widgets import Input, Static

from techtime import areas
from techtime.domain.capture import Capture
from techtime.tui.capture_app import CaptureApp
from techtime.tui.screens.capture import CaptureScreen
from techtime.tui.screens.help import HelpScreen
from techtime.tui.screens.today import TodayScreen
from techtime.tui.widgets.capture_box import describe, syntax_help


def preview(screen) -> str:
    return str(screen.query_one("#capture-preview", Static).render())


def popup(db, **options) -> CaptureApp:
    app = CaptureApp(db, today=lambda: TODAY, now=lambda: NOW, **options)
    app.animation_level = "none"
    return app


def draft(db) -> str | None:
    return db.scalar("SELECT value FROM setting WHERE key = 'capture_draft'")


# The modal -------------------------------------------------------------------------------------


async def test_escape_keeps_a_draft_that_the_next_c_restores(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"r https://duckdb.org DuckDB #data", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert db.scalar("SELECT count(*) FROM radar_item") == 0
        assert any("Draft kept" in str(n.message) for n in app._notifications)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(Input).value == "r https://duckdb.org DuckDB #data"
        assert "your last draft" in str(app.screen.query_one("#capture-title", Static).render())
        assert "radar item: DuckDB" in preview(app.screen)
        await pilot.press(*" ring:trial", "enter")  # typing goes on at the end of the draft
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert tuple(db.one("SELECT title, ring FROM radar_item")) == ("DuckDB", "trial")
        assert draft(db) is None  # saved: the draft is gone
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one(Input).value == ""


async def test_escape_on_an_empty_box_keeps_nothing_and_clears_an_old_draft(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"n half a thought", "escape")
        await pilot.pause()
        assert draft(db) == '"n half a thought"'
        await pilot.press("c", "ctrl+u", "escape")  # emptied on purpose: that is what is kept
        await pilot.pause()
        assert draft(db) is None
        assert isinstance(app.screen, TodayScreen)


async def test_the_draft_is_shared_with_the_popup(db):
    async with popup(db).run_test(size=(60, 8)) as pilot:
        await pilot.press(*"t built a token prototype", "escape")
        await pilot.pause()
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "t built a token prototype"


async def test_a_draft_that_cannot_be_kept_is_not_thrown_away_without_a_word(db):
    db.read_only = True  # as a file the user cannot write opens (root ignores file modes)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"n something", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)  # still open, text still there
        assert app.screen.query_one(Input).value == "n something"
        assert "read-only" in preview(app.screen) and "Escape again" in preview(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_in_a_short_pane_the_modal_shows_the_kinds_on_one_line(db):
    app = make_app(db)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.has_class("-short")
        assert app.screen.query_one("#capture-kinds").display and not app.screen.query_one("#capture-help").display
        assert app.screen.query_one("#capture-box").region.bottom <= 16


# The registry ----------------------------------------------------------------------------------


@pytest.fixture
def area_with_ideas(monkeypatch):
    idea = areas.CaptureKind(
        "idea", ("idea", "i"), "idea", "idea|i   TEXT [#tag ...]", "i a thought", save="ideas:save", tags=True
    )
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, areas.Area("ideas", "Ideas", captures=(idea,))))


def test_the_help_and_the_preview_read_the_registry(area_with_ideas):
    assert "idea|i   TEXT [#tag ...]" in syntax_help().splitlines()
    assert "TEXT     with a URL in it: a radar item; without: an inbox note" in syntax_help().splitlines()
    for kind in areas.capture_kinds():
        assert kind.syntax in syntax_help()
    assert str(describe(Capture(kind="idea", title="a thought"), TODAY)) == "-> idea: a thought"


async def test_a_new_area_s_capture_kind_shows_in_the_box_and_in_help(db, area_with_ideas):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "idea|i   TEXT" in str(app.screen.query_one("#capture-help", Static).render())
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert any("idea|i   TEXT" in str(static.render()) for static in app.screen.query(Static))
    async with popup(db).run_test(size=(60, 8)) as pilot:
        assert "i idea" in str(pilot.app.query_one("#capture-kinds", Static).render())


def test_the_preview_says_what_each_option_became():
    item = Capture(
        "radar", "DuckDB", "https://duckdb.org", ("data",), options=(("ring", "trial"), ("quadrant", "tools"))
    )
    assert str(describe(item, TODAY)) == "-> radar item: DuckDB  https://duckdb.org  #data  ring trial  quadrant tools"
    planned = Capture("pair", "ledger", handle="dana", options=(("on", TODAY.replace(day=27)), ("min", 90)))
    assert str(describe(planned, TODAY)) == "-> pairing session: ledger  with @dana  planned for Fri 27 Nov  minutes 90"
    logged = Capture("tinker", "token prototype")
    assert str(describe(logged, TODAY)) == "-> tinkering log: token prototype  done today"


# The popup (techtime capture) ------------------------------------------------------------------


async def test_the_popup_saves_a_line_and_exits_with_what_it_saved(db):
    app = popup(db)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press(*"n ask Priya about the ledger", "enter")
        await pilot.pause()
    assert app.return_code == 0
    assert app.return_value is not None and app.return_value.summary() == "inbox note 1: ask Priya about the ledger"
    assert db.scalar("SELECT text FROM inbox_note") == "ask Priya about the ledger"


async def test_escape_in_the_popup_keeps_a_draft_and_exits_1(db):
    app = popup(db)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press(*"d Payments ledger", "escape")
        await pilot.pause()
    assert app.return_value is None and app.return_code == 1
    assert app.kept_draft == "d Payments ledger" and draft(db) == '"d Payments ledger"'
    assert db.scalar("SELECT count(*) FROM deep_dive") == 0


async def test_a_bad_line_in_the_popup_keeps_the_text_and_says_why(db):
    app = popup(db)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press(*"r thing ring:soon", "enter")
        await pilot.pause()
        assert app.is_running
        assert "unknown ring 'soon'" in preview(app.screen)
        assert app.query_one(Input).value == "r thing ring:soon"


async def test_everything_that_matters_fits_in_60x8(db):
    app = popup(db, suggestion="r https://duckdb.org ")
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press(*"DuckDB #data ring:trial")
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-short")
        assert screen.virtual_size.height <= 8  # nothing to scroll to
        for selector in ("#capture-title", "#capture-input", "#capture-preview", "#capture-kinds"):
            region = screen.query_one(selector).region
            assert region.height >= 1 and region.bottom <= 8 and region.right <= 60, selector
        assert not screen.query_one("#capture-help").display
        text = str(screen.query_one("#capture-preview", Static).render())
        assert "radar item: DuckDB" in text and "ring trial" in text


async def test_a_taller_terminal_shows_the_whole_syntax(db):
    async with popup(db).run_test(size=(80, 24)) as pilot:
        assert pilot.app.query_one("#capture-help").display
        assert not pilot.app.query_one("#capture-kinds").display


async def test_a_suggestion_starts_the_box_with_the_link_and_the_cursor_after_it(db):
    app = popup(db, suggestion="r https://duckdb.org ")
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press(*"DuckDB", "enter")
        await pilot.pause()
    assert tuple(db.one("SELECT title, url FROM radar_item")) == ("DuckDB", "https://duckdb.org")


async def test_a_draft_wins_over_a_suggestion(db):
    from techtime.services.capture_box import keep_draft

    keep_draft(db, "n my own words")
    async with popup(db, suggestion="r https://duckdb.org ").run_test(size=(60, 8)) as pilot:
        assert pilot.app.query_one(Input).value == "n my own words"


async def test_a_link_on_the_clipboard_fills_an_untouched_box(db):
    app = popup(db, find_suggestion=lambda: "r https://duckdb.org ")
    async with app.run_test(size=(60, 8)) as pilot:
        for _ in range(50):  # the clipboard is read off the UI thread: a loaded machine's reader runs late
            await pilot.pause(0.05)
            if app.query_one(Input).value:
                break
        assert app.query_one(Input).value == "r https://duckdb.org "


async def test_a_link_found_late_on_the_clipboard_never_overwrites_what_was_typed(db):
    found = threading.Event()

    def late_clipboard() -> str:
        found.wait(5)
        return "r https://duckdb.org "

    app = popup(db, find_suggestion=late_clipboard)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press(*"n typed first", *["backspace"] * 13)  # typed, then emptied: still typed
        found.set()
        await pilot.pause(0.3)
        assert app.query_one(Input).value == ""


def test_the_popup_imports_no_area_s_screen(db, db_path):
    """`techtime capture` starts as fast as a bare Textual app: nothing of the full app comes along."""
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from datetime import date, datetime
        from techtime.store.database import open_database
        from techtime.tui.capture_app import CaptureApp

        async def main():
            app = CaptureApp(open_database({str(db_path)!r}), today=date.today, now=datetime.now)
            async with app.run_test(size=(60, 8)) as pilot:
                await pilot.pause()
        asyncio.run(main())
        loaded = [name for name in sys.modules if name.startswith(("techtime.tui.screens", "techtime.tui.app"))]
        loaded += [name for name in ("techtime.tui.commands", "sqlite_utils", "dateutil") if name in sys.modules]
        print(loaded)
        """
    )
    # `db` made and migrated the file: migrating is what needs sqlite-utils.
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_the_saved_line_printed_on_exit_is_clean_and_escape_exits_1(db_path, monkeypatch, capsys):
    from techtime.cli import main
    from techtime.services.capture import Saved

    outcome: list[Saved | None] = [Saved("note", 7, "[bold]x[/] \x1b]0;pwned\x07 \u202eevil")]
    monkeypatch.setattr(CaptureApp, "run", lambda self, **_: outcome[0])
    assert main(["--db", str(db_path), "capture", "--no-clipboard"]) == 0
    out = capsys.readouterr().out
    assert out == "saved inbox note 7: [bold]x[/] ␛]0;pwned␇ \ufffdevil\n"
    outcome[0] = None
    assert main(["--db", str(db_path), "capture", "--no-clipboard"]) == 1
    assert capsys.readouterr().err == "techtime: nothing saved\n"
