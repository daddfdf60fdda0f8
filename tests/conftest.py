"""Shared fixtures: a temporary database, a fixed clock, the demo data set, the app and the CLI."""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from textual import _wait as textual_wait
from textual._styles_cache import StylesCache
from textual.screen import Screen

from techtime.services.demo import populate
from techtime.store.database import Database, open_database

# Pilot waits after each key until a slice of time passes with the process idle (textual._wait):
# slices of 20 ms, two waits a key, ~40 ms of sleep for each key a test presses. Slices of 5 ms with
# the same bar for idle (under 1 ms of CPU in the slice; a busy app uses most of it, half of it when
# it shares a core) wait a quarter of that: tests/test_undo_everywhere.py idled 9.2 s, now 1.8 s.
# A bar of a twentieth of the slice, as Textual's, is too tight at 5 ms: 6-7 s, a few waits to 1 s.
textual_wait.SLEEP_GRANULARITY = 1 / 200
textual_wait.SLEEP_IDLE = 1 / 1000


@pytest.hookimpl(optionalhook=True)  # xdist's hook: without xdist (-p no:xdist), not asked for
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: half a worker more than the cores. A screen test spends about a fifth of its time
    waiting (Pilot's idle slices, the processes it starts), so two workers left 64 of 370 core-seconds
    idle on 2 cores; three fill them (170-187 s -> 139-159 s there, every test passing)."""
    cores = len(os.sched_getaffinity(0))
    return cores + (cores + 1) // 2


# The garbage collector took a quarter of the suite's CPU (12.8 of 48 s in three screen files), most of
# it in full collections (~200 ms each) that walked objects no test would free:
# - Textual's StylesCache.get_inner_outer is an lru_cache of a method, so its 1,024 entries keep the
#   line caches of widgets of every app the worker has run (~8,000 objects a test): emptied after each.
# - What collection made (modules, test items) lives to the end: frozen, so collections skip it.
# Both: 12.8 -> 6.0 s of collection, 47.9 -> 35.4 s of CPU for those three files.
def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _forget_rendered_lines() -> Iterator[None]:
    yield
    StylesCache.get_inner_outer.cache_clear()


# A Thursday in the middle of 2026Q4: every test sees the same calendar.
TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30)


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CLI and anything else reading techtime.clock sees TODAY; the user's cache and log stay untouched."""
    monkeypatch.setenv("TECHTIME_TODAY", TODAY.isoformat())
    monkeypatch.delenv("TECHTIME_DB", raising=False)
    home = tmp_path_factory.getbasetemp() / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))


def check_export(text: str) -> None:
    """A JSON export against the schema in the repository (techtime-export.schema.json)."""
    import json

    import jsonschema

    from techtime.interchange.json_backup import SCHEMA_FILE

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(text), schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(autouse=True)
def _exports_follow_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON export a test makes in this process is checked against the JSON Schema."""
    from techtime.interchange import json_backup

    real = json_backup.export_json

    def checked(db, today):  # type: ignore[no-untyped-def]
        text = real(db, today)
        check_export(text)
        return text

    monkeypatch.setattr(json_backup, "export_json", checked)


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The app reads no one's own config.toml: keys and theme are the defaults unless a test writes one."""
    monkeypatch.setenv("TECHTIME_CONFIG", str(tmp_path / "config" / "config.toml"))


@pytest.fixture(autouse=True)
def _no_real_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`o` never starts a real browser from a test: the links it would open are kept here instead."""
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: opened.append(url) or True)
    return opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes: its folder is there (as one a user names with --db would be)."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)
    return folder / "techtime.db"


# A new database, made once per run (its migrations take ~80 ms) and copied for each test, or each
# example of a property test, that asks; open_database then finds it up to date, as it would a user's file.
@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty-template") / "empty.db"
    open_database(path, today=TODAY).close()
    return path


def new_database(template: Path, path: Path) -> Database:
    """A new, migrated database at `path`, copied from `empty_template`."""
    shutil.copy2(template, path)
    return open_database(path, today=TODAY)


@pytest.fixture
def db(db_path: Path, empty_template: Path) -> Iterator[Database]:
    database = new_database(empty_template, db_path)
    yield database
    database.close()


# The demo data set, made once per run and copied into each test's database (populating takes
# ~0.15 s, a copy a few ms). Kept with the registry it was made from: a test that
# swaps techtime.areas.AREAS for another before asking for the demo gets it made afresh.
_demo_template: tuple[object, Path] | None = None


@pytest.fixture
def demo_db(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Database:
    global _demo_template
    from techtime import areas

    if _demo_template is None or _demo_template[0] is not areas.AREAS:
        path = tmp_path_factory.mktemp("demo-template") / "demo.db"
        template = open_database(path, today=TODAY)
        populate(template, TODAY)
        template.close()
        _demo_template = (areas.AREAS, path)
    source = sqlite3.connect(_demo_template[1])
    try:
        source.backup(db.conn)
    finally:
        source.close()
    return db


def make_app(database: Database, *, today: date = TODAY):
    """The TUI on this database, with the clock fixed."""
    from techtime.tui.app import TechtimeApp

    app = TechtimeApp(database, today=lambda: today, now=lambda: datetime.combine(today, NOW.time()))
    app.animation_level = "none"
    return app


def run_cli(*args: str, db_path: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m techtime ARGS` in a fresh process, as a user's shell runs it."""
    environment = {**os.environ, "TECHTIME_TODAY": TODAY.isoformat(), **(env or {})}
    if db_path is not None:
        environment["TECHTIME_DB"] = str(db_path)
    return subprocess.run(
        [sys.executable, "-m", "techtime", *args], capture_output=True, text=True, env=environment, timeout=60
    )


def database_rows(database: Database, *, leave_out: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table (the full-text indexes aside: they follow their tables): to compare a file
    before and after. The registry names every table (tests/test_areas.py checks it), the trash aside."""
    from techtime import areas

    tables = [name for name in sorted([*(table.name for table in areas.tables()), "trash"]) if name not in leave_out]
    # Sorted here, not by rowid: a WITHOUT ROWID table has none.
    return {
        table: sorted((tuple(row) for row in database.rows(f"SELECT * FROM {table}")), key=repr) for table in tables
    }


def calls_to(monkeypatch, owner, name: str, noted=lambda *args: None) -> list:  # type: ignore[no-untyped-def]
    """Each call of owner.name from now on (the test's end undoes it), as `noted(*its arguments)`."""
    calls: list[object] = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(noted(*args))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Pause until a pause lays nothing out. A layout can ask for another (a new footer key's size, say)
    and a refresh can run work after it (the footer's rebuild), which a loaded machine runs only after
    `pilot.pause()` has returned: seen by the next key then, or missed by what the test reads."""
    real = Screen._refresh_layout  # the test's own counter, if it has one, keeps counting
    layouts = 0

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal layouts
        layouts += 1
        return real(*args, **kwargs)

    Screen._refresh_layout = counted  # type: ignore[method-assign]
    try:
        for _ in range(20):
            before = layouts
            await pilot.pause()
            if layouts == before:
                return
    finally:
        Screen._refresh_layout = real  # type: ignore[method-assign]
    raise AssertionError("the screen is still laying itself out after 20 pauses")
