"""Start-up is a feature: what each way in imports, and what waits until the first screen is shown.

Behaviour only, never timing: the figures come from benchmarks/ and are quoted in the README.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

import platformdirs
import pytest
from conftest import TODAY, make_app

from techtime import paths
from techtime.store.backups import backup_folder

# What `techtime add` and `techtime today` must not pay for (each costs milliseconds of a ~40 ms budget).
NOT_ON_THE_SHELL_PATH = (
    "dataclasses",
    "typing",
    "pathlib",
    "platformdirs",
    "sqlite_utils",
    "dateutil.parser",
    "textual",
    "rich",
    "gettext",  # argparse's own strings are never translated (techtime.cli imports it without)
)

# What a capture that logs no practice does without (argparse's gettext look-ups would import locale;
# dateutil.rrule's calendar does, for a practice); a note needs no json either (tags do).
NO_LOCALE = ("locale", "calendar")

# What the TUI must not load before its first screen: the other areas and their heavy widgets.
NOT_BEFORE_THE_FIRST_SCREEN = (
    "techtime.tui.screens.dives",
    "techtime.tui.screens.radar",
    "techtime.tui.screens.pairing",
    "techtime.tui.widgets.paged_table",
    "techtime.tui.widgets.radar_plot",
    "textual.widgets._data_table",
    "textual.widgets._text_area",
    "sqlite_utils",
)


def imported(script: str, modules: tuple[str, ...], env: dict[str, str] | None = None) -> list[str]:
    """Run `script` in a fresh interpreter; which of `modules` it had imported by the end."""
    check = f"\nimport sys\nprint('LOADED', [m for m in {modules!r} if m in sys.modules])\n"
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script) + check],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return eval(result.stdout.strip().splitlines()[-1].removeprefix("LOADED "))


@pytest.mark.parametrize(
    ("argv", "also_not"),
    [
        (["add", "r", "https://example.com/post", "A post", "#tag"], ("dateutil", "urllib.parse", *NO_LOCALE)),
        (["add", "n", "ask Priya about the rollout"], ("dateutil", "urllib.parse", "json", *NO_LOCALE)),
        (["add", "d", "Payments ledger"], ("dateutil", *NO_LOCALE)),
        (["add", "p", "@dana", "event sourcing"], ()),
        (["add", "t", "token prototype", "min:90"], ()),
        (
            ["today"],
            ("urllib.parse", "techtime.services.capture", "techtime.domain.capture"),
        ),  # practices need dateutil.rrule, nothing else of dateutil
    ],
)
def test_shell_commands_import_only_what_they_use(db, db_path, argv, also_not):
    # `db` created and migrated the file: migrating is the one path allowed to load sqlite-utils.
    script = f"from techtime.cli import main\nmain(['--db', {str(db_path)!r}, *{argv!r}])"
    assert imported(script, NOT_ON_THE_SHELL_PATH + also_not) == []


def test_a_named_command_is_parsed_without_the_others_help(db, db_path, monkeypatch, capsys):
    """The list of commands (whose help reads the registry) is built only for help and mistakes."""
    from techtime import cli

    def no_registry(help_text: str) -> str:
        raise AssertionError(f"formatted a command list entry: {help_text}")

    monkeypatch.setattr(cli, "_from_registry", no_registry)
    assert cli.main(["--db", str(db_path), "add", "n", "ask Priya"]) == 0
    assert cli.main(["--demo", "--db", str(db_path), "today"]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "n", "x"],
        ["--db", "a.db", "add", "r", "https://example.com", "#t"],
        ["--db=a.db", "--demo", "today"],
        ["--demo", "export", "--format", "json"],
        ["--db", "a.db", "open-url", "techtime://capture?url=x"],
        ["today", "--db", "b.db"],
        [],
        ["--db", "a.db"],
    ],
)
def test_the_one_command_parser_reads_a_line_as_the_full_one_does(argv):
    from techtime.cli import _named_command, build_parser

    assert build_parser(_named_command(argv)).parse_known_args(argv) == build_parser().parse_known_args(argv)


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--vers"], ["--de", "add"], ["frobnicate"], ["--db"], ["--db", "--demo", "add"], ["--", "add"]],
)
def test_help_abbreviations_and_mistakes_go_to_the_full_parser(argv):
    from techtime.cli import _named_command

    assert _named_command(argv) is None


def test_a_commands_help_names_the_registrys_kinds(capsys):
    from techtime.cli import main

    with pytest.raises(SystemExit):
        main(["add", "--help"])
    description = capsys.readouterr().out.split("\n\n")[1]
    assert "{" not in description and "d/r/p/t" in description


def test_the_default_database_path_needs_no_platformdirs_import(tmp_path):
    """The common case (no --db, no TECHTIME_DB) on Linux: platformdirs' answer, without importing it."""
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TECHTIME_TODAY": TODAY.isoformat()}
    script = "from techtime.cli import main\nmain(['add', 'n', 'a note'])"
    imported(script, (), env=env)  # creates and migrates the file
    loaded = imported(script, ("platformdirs", "pathlib"), env=env)
    if sys.platform == "linux":
        assert loaded == []
        assert (tmp_path / ".local" / "share" / "techtime" / "techtime.db").exists()


@pytest.mark.parametrize(
    "environ",
    [
        {"HOME": "/home/dana"},
        {"HOME": "/home/dana/"},
        {"HOME": "/home/dana", "XDG_DATA_HOME": "/data/dana"},
        {"HOME": "/home/dana", "XDG_DATA_HOME": "/data/dana/"},
        {"HOME": "/home/dana", "XDG_DATA_HOME": "relative/ignored"},
        {"HOME": "/home/dana", "XDG_DATA_HOME": ""},
    ],
)
def test_the_default_data_folder_is_platformdirs_answer(monkeypatch, environ):
    for name in ("HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert paths.default_data_dir() == platformdirs.user_data_dir(paths.APP_NAME, appauthor=False)


def test_the_tui_loads_only_today_before_its_first_screen(demo_db, db_path):
    script = f"""
    import asyncio, sys
    from techtime.store.database import open_database
    from techtime.tui.app import TechtimeApp

    async def start_then_open_dives():
        app = TechtimeApp(open_database({str(db_path)!r}))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            print('AT START', [m for m in {NOT_BEFORE_THE_FIRST_SCREEN!r} if m in sys.modules])
            await pilot.press('2')
            await pilot.pause()
            assert type(app.screen).__name__ == 'DivesScreen', app.screen

    asyncio.run(start_then_open_dives())
    """
    demo_db.close()
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=120, check=True
    )
    at_start = next(line for line in result.stdout.splitlines() if line.startswith("AT START "))
    assert eval(at_start.removeprefix("AT START ")) == []


async def test_the_daily_backup_is_made_once_the_first_screen_is_shown(demo_db, db_path):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.first_frame_shown
    assert [p.name for p in backup_folder(db_path).iterdir()] == [f"daily-{TODAY.isoformat()}.db"]


def test_commands_leave_the_garbage_collector_on(db, db_path, capsys):
    from techtime.cli import main

    assert main(["--db", str(db_path), "today"]) == 0
    assert gc.isenabled()


async def test_the_tui_turns_the_garbage_collector_back_on_after_its_first_frame(demo_db):
    gc.disable()  # as techtime.cli.main leaves it while starting
    try:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.first_frame_shown and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
