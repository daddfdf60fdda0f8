"""The command palette: every action of every screen, each run on its screen, and report, export and
backup from inside the app with the shell's safety (0600, atomic, never the database's own files)."""

from __future__ import annotations

import stat

import pytest
from conftest import TODAY, make_app
from textual.command import CommandList
from textual.widgets import Input, Static

from techtime import areas
from techtime.services import exporting
from techtime.tui import keymap
from techtime.tui.commands import ActionsProvider
from techtime.tui.form import Form


async def palette(pilot, query: str, wanted: str) -> list[str]:
    """Open the palette, type, and wait (up to 5 s: the machine may be busy) until `wanted` shows up,
    highlighted, so that enter runs it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query.replace(" ", ""))
    found: list[str] = []
    for _ in range(100):
        await pilot.pause(0.05)
        found = [str(option.prompt).split("\n")[0] for option in pilot.app.screen.query_one(CommandList).options]
        if wanted in found:
            pilot.app.screen.query_one(CommandList).highlighted = found.index(wanted)
            break
    return found


async def run_from_palette(pilot, query: str, wanted: str) -> None:
    assert wanted in await palette(pilot, query, wanted)
    await pilot.press("enter")
    for _ in range(40):  # the command runs after the palette has closed
        await pilot.pause(0.05)
        if not isinstance(pilot.app.screen, type(None)) and type(pilot.app.screen).__name__ != "CommandPalette":
            break
    await pilot.pause()


@pytest.mark.parametrize("keys", [[], ["2"], ["4"], ["v"]], ids=["today", "dives", "pairing", "practices"])
async def test_typing_triage_finds_the_monday_triage_from_any_screen(demo_db, keys):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await run_from_palette(pilot, "triage", "Radar: Triage")
        assert app.current_mode == "radar"
        assert type(app.screen).__name__ == "TriageScreen"
        assert "Feature flags at scale" in str(app.screen.query_one("#triage-item", Static).render())


async def test_an_action_of_another_screen_runs_on_its_screen(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "target", "Deep dives: Target")
        assert app.current_mode == "dives"
        form = app.screen
        assert isinstance(form, Form)
        form.query_one("#field-target", Input).value = "2"
        await pilot.press("enter")
        await pilot.pause()
        from techtime.services import dives

        assert dives.target(demo_db) == 2


async def test_the_palette_lists_every_action_of_every_screen(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        names = {command.name for command in ActionsProvider(app.screen)._commands()}
        for area in areas.AREAS:
            assert f"Go to {area.title}" in names
            for key in keymap.keys_of(area.key, keymap.area_keys(area)):
                wanted = f"{area.title}: {key.description}"
                assert wanted in names or key.description in names, wanted
        for key in ("Capture", "Undo", "Help", "Quit"):
            assert key in names
        for name in exporting.formats():
            assert f"Export: {name}" in names
        assert {"Report: the quarterly review", "Report: the weekly digest", "Backup: a copy of the database"} <= names


async def write_from_palette(pilot, wanted: str, folder: str) -> Form:
    await run_from_palette(pilot, wanted.split(":")[0].lower() + wanted.split(":")[1][:8], wanted)
    form = pilot.app.screen
    assert isinstance(form, Form)
    field = form.query_one("#field-folder", Input)
    field.value = folder
    await pilot.press("enter")
    await pilot.pause()
    return form


def error_of(form: Form) -> str:
    return str(form.query_one(".form-error", Static).render())


async def test_export_writes_a_private_file_into_the_folder_named(demo_db, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await write_from_palette(pilot, "Export: radar-csv", str(folder))
        assert not isinstance(app.screen, Form)
        written = folder / f"techtime-radar-csv-{TODAY.isoformat()}.csv"
        assert written.read_text() == exporting.export(demo_db, "radar-csv", TODAY)
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert any(str(written) in str(n.message) for n in app._notifications)
        # Again the same day: the file there is never replaced; the form says so and stays.
        written.write_text("mine")
        form = await write_from_palette(pilot, "Export: radar-csv", str(folder))
        assert app.screen is form and "already exists" in error_of(form)
        assert written.read_text() == "mine"
        # A folder that is not there, and the database's own folder of backups, are refused.
        form.query_one("#field-folder", Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        await pilot.pause()
        assert "is not a folder" in error_of(form)
        own = demo_db.path.with_name(demo_db.path.name + ".backups")
        own.mkdir(exist_ok=True)
        form.query_one("#field-folder", Input).value = str(own)
        await pilot.press("enter")
        await pilot.pause()
        assert "the database or one of its files" in error_of(form)
        assert list(own.glob("techtime-*")) == []


async def test_report_and_backup_from_the_palette(demo_db, tmp_path):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await write_from_palette(pilot, "Report: the quarterly review", str(tmp_path))
        review = tmp_path / f"techtime-review-{TODAY.isoformat()}.md"
        assert review.read_text() == exporting.quarterly_review(demo_db, TODAY)
        assert stat.S_IMODE(review.stat().st_mode) == 0o600
        await write_from_palette(pilot, "Backup: a copy of the database", str(tmp_path))
        backups = list(tmp_path.glob("*.db"))
        assert len(backups) == 1 and stat.S_IMODE(backups[0].stat().st_mode) == 0o600
        # The folder is remembered for next time.
        form = await write_from_palette(pilot, "Report: the weekly digest", str(tmp_path))
        assert (tmp_path / f"techtime-week-{TODAY.isoformat()}.md").exists()
        del form
        await run_from_palette(pilot, "export json", "Export: json")
        assert app.screen.query_one("#field-folder", Input).value == str(tmp_path)
