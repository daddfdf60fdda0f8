"""The parsed CSS kept for the next start (techtime.tui.stylesheet): read before the first parse, written as
the TUI ends, and never read from a file that is not the user's own, from these versions, and whole."""

from __future__ import annotations

import argparse
import os
import pickle
from pathlib import Path

import pytest
from conftest import NOW, TODAY, calls_to, make_app
from textual.app import App
from textual.css import stylesheet as textual_stylesheet
from textual.widgets import Header

from techtime.cli.tui import run_tui
from techtime.paths import cache_dir
from techtime.tui import stylesheet
from techtime.tui.stylesheet import CACHE_NAME, Stylesheet


@pytest.fixture
def new_process(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """A process that has parsed nothing yet and read no cache file, with a cache folder of its own.
    Calling it again starts another such process (the file stays)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def start() -> None:
        monkeypatch.setattr(Stylesheet, "_parsed", {})
        monkeypatch.setattr(Stylesheet, "_stored", None)

    start()
    return start


def cache_file() -> Path:
    return Path(cache_dir()) / CACHE_NAME


async def tour(database) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """Today and Radar (each screen's rules are a source of their own); what the styles made of them (the
    header's colours, the focused widget's border), to compare one start with the next."""
    app = make_app(database)
    seen: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("1", "3"):
            await pilot.press(key)
            await pilot.pause()
            header = app.screen.query_one(Header).styles
            focused = app.focused.styles if app.focused else None
            seen += [header.background, header.color, focused and focused.border]
    return tuple(seen)


async def test_the_next_start_parses_no_css_and_looks_the_same(demo_db, new_process, monkeypatch):
    parsed = calls_to(monkeypatch, textual_stylesheet, "parse", lambda *args: args[2])
    first = await tour(demo_db)
    assert parsed, "the first start parses its rules"
    Stylesheet.keep_for_next_start()
    assert cache_file().stat().st_mode & 0o777 == 0o600
    assert Path(cache_dir()).stat().st_mode & 0o777 == 0o700

    new_process()
    parsed.clear()
    assert await tour(demo_db) == first
    assert parsed == []  # every screen's rules came from the file
    written = cache_file().stat().st_mtime_ns
    Stylesheet.keep_for_next_start()
    assert cache_file().stat().st_mtime_ns == written  # nothing new was parsed: nothing is written


def spoil_garbage(path: Path) -> None:
    path.write_bytes(b"\x80\x05not a pickle at all")


def spoil_cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:200])


def spoil_group_writable(path: Path) -> None:
    path.chmod(0o660)


def spoil_other_format(path: Path) -> None:
    _, versions, parsed = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((0, versions, parsed)))


@pytest.mark.parametrize("spoil", [spoil_garbage, spoil_cut_short, spoil_group_writable, spoil_other_format])
async def test_a_file_that_is_damaged_not_the_users_own_or_of_another_format_is_not_read(
    demo_db, new_process, monkeypatch, spoil
):
    first = await tour(demo_db)
    Stylesheet.keep_for_next_start()
    spoil(cache_file())

    new_process()
    parsed = calls_to(monkeypatch, textual_stylesheet, "parse", lambda *args: args[2])
    assert await tour(demo_db) == first
    assert parsed, "the rules were parsed again"
    Stylesheet.keep_for_next_start()  # and written afresh, for the start after
    assert pickle.loads(cache_file().read_bytes())[0] == stylesheet._FORMAT


async def test_a_file_written_by_another_textual_or_python_is_not_read(demo_db, new_process, monkeypatch):
    await tour(demo_db)
    Stylesheet.keep_for_next_start()
    real = stylesheet._versions()
    monkeypatch.setattr(stylesheet, "_versions", lambda: (*real[:-1], real[-1] + 1))  # Textual reinstalled

    new_process()
    parsed = calls_to(monkeypatch, textual_stylesheet, "parse", lambda *args: args[2])
    await tour(demo_db)
    assert parsed


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_the_parse(new_process, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    Stylesheet()._parse_rules("Screen { layout: vertical; }", ("here", ""))
    Stylesheet.keep_for_next_start()  # no error
    assert blocker.read_text() == ""


def test_the_tui_keeps_what_it_parsed_when_it_ends(db_path, new_process, monkeypatch):
    textual_run = App.run

    def run_briefly(app: App[object]) -> object | None:
        app.call_later(app.exit)  # a user who opens the app and quits at once
        return textual_run(app, headless=True, size=(80, 24))

    monkeypatch.setattr(App, "run", run_briefly)
    assert not cache_file().exists()
    assert run_tui(argparse.Namespace(db=str(db_path), demo=False)) == 0
    assert cache_file().exists() and os.stat(cache_file()).st_mode & 0o777 == 0o600


async def test_the_capture_popup_reads_and_keeps_the_parsed_styles_too(db, new_process, monkeypatch):
    from techtime.tui.capture_app import CaptureApp

    async def popup() -> object:
        app = CaptureApp(db, today=lambda: TODAY, now=lambda: NOW)
        async with app.run_test(size=(60, 8)) as pilot:
            await pilot.pause()
            return app.screen.styles.background

    parsed = calls_to(monkeypatch, textual_stylesheet, "parse", lambda *args: args[2])
    first = await popup()
    assert parsed, "the first popup parses its rules"
    Stylesheet.keep_for_next_start()

    new_process()
    parsed.clear()
    assert await popup() == first
    assert parsed == []  # the popup's rules came from the file


def test_the_capture_popup_keeps_what_it_parsed_when_it_closes(db, new_process, monkeypatch):
    from techtime.tui.capture_app import CaptureApp

    textual_run = App.run

    def run_briefly(app: App[object]) -> object | None:
        app.call_later(app.exit)  # escape at once
        return textual_run(app, headless=True, size=(60, 8))

    monkeypatch.setattr(App, "run", run_briefly)
    assert not cache_file().exists()
    CaptureApp(db, today=lambda: TODAY, now=lambda: NOW).run()
    assert cache_file().exists()
