"""The TUI reads the area registry: modes and number keys, help's screen list, the palette.

A throw-away area (tests/fake_area.py, registered here only) shows that a new area needs no edit to
the app, help or the palette: its record is enough.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import make_app
from textual.command import CommandList
from textual.widgets import Static

from techtime import areas
from techtime.tui.screens.help import HelpScreen

FAKE = areas.Area("fake", "Fake area", number="9", screen="fake_area:FakeScreen", keys="fake_area:KEYS")


def screen_class(area: areas.Area) -> type:
    made = areas.resolve(area.screen)
    assert isinstance(made, type)
    return made


def help_text(app) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


async def palette(pilot, query: str, wanted: str = "") -> list[str]:
    """Open the palette, type, and wait (up to 5 s: the machine may be busy) until `wanted` shows up."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query.replace(" ", ""))
    found: list[str] = []
    for _ in range(100):
        await pilot.pause(0.05)
        found = [str(option.prompt).split("\n")[0] for option in pilot.app.screen.query_one(CommandList).options]
        if wanted in found:
            pilot.app.screen.query_one(CommandList).highlighted = found.index(wanted)  # what enter runs
            break
    return found


@pytest.fixture
def with_fake_area(monkeypatch: pytest.MonkeyPatch) -> areas.Area:
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, FAKE))
    return FAKE


async def test_each_area_with_a_number_is_a_mode_on_that_key(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        numbered = [area for area in areas.AREAS if area.number]
        assert numbered, "the registry has areas with number keys"
        for area in numbered:
            assert area.key in app._modes
            await pilot.press(area.number)
            await pilot.pause()
            assert app.current_mode == area.key
            assert isinstance(app.screen, screen_class(area))


async def test_each_area_screen_is_in_help_and_in_the_palette(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        screens = text.split("Screens", 1)[1].split("Capture syntax", 1)[0]
        for area in areas.AREAS:
            if area.screen:
                assert area.title in screens
                if area.number:
                    assert f"  {area.number} " in screens
        await pilot.press("escape")
        await pilot.pause()
        for area in areas.AREAS:
            if area.screen:
                assert f"Go to {area.title}" in await palette(pilot, f"go to {area.title}", f"Go to {area.title}")
                await pilot.press("escape")
                await pilot.pause()


async def test_go_to_an_area_without_a_number_from_the_palette(demo_db):
    practices = areas.area("practices")
    assert not practices.number
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "Go to Practices" in await palette(pilot, "go to practices", "Go to Practices")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, screen_class(practices))


async def test_a_new_area_appears_in_the_modes_help_and_the_palette(demo_db, with_fake_area):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "fake" in app._modes
        # Its number key opens it, its own key works there, and the footer shows it.
        await pilot.press("9")
        await pilot.pause()
        fake = app.screen
        assert type(fake).__name__ == "FakeScreen"
        await pilot.press("z")
        assert fake.pings == 1
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        assert "On this screen (Fake area)" in text and "count one more ping" in text
        assert "  9 " in text.split("Screens", 1)[1] and "Fake area" in text.split("Screens", 1)[1]
        await pilot.press("escape", "1")
        await pilot.pause()
        # From Today, the palette finds its screen and its action; the action runs on its screen.
        assert "Go to Fake area" in await palette(pilot, "go to fake", "Go to Fake area")
        await pilot.press("escape")
        await pilot.pause()
        assert "Fake area: Ping" in await palette(pilot, "ping", "Fake area: Ping")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "fake" and app.screen is fake
        assert fake.pings == 2


def test_only_todays_screen_is_imported_before_the_first_frame(demo_db, db_path):
    """Every other area's screen module loads when its mode is first opened (a fresh interpreter)."""
    script = f"""
import asyncio, sys
from techtime import areas
from techtime.store.database import open_database
from techtime.tui.app import TechtimeApp

async def start():
    app = TechtimeApp(open_database({str(db_path)!r}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print("LOADED", [a.key for a in areas.AREAS if a.screen and a.screen.partition(":")[0] in sys.modules])

asyncio.run(start())
"""
    demo_db.close()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    loaded = next(line for line in result.stdout.splitlines() if line.startswith("LOADED "))
    assert loaded == "LOADED ['today']"
