"""The app never crashes on a terminal: a failed daily backup warns, a worker's or a timer's error is a
notification, any other unexpected error is one line and exit status 1; the traceback goes to the log."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NOW, TODAY, make_app

from techtime.cli.tui import finish
from techtime.paths import log_file
from techtime.store import migrations, notes


def messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def _disk_full_on_vacuum(monkeypatch: pytest.MonkeyPatch) -> None:
    """VACUUM INTO fails as it does on a full disk (the real thing is in test_full_disk_for_real)."""
    real_execute = sqlite3.Connection.execute

    class FullDisk(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[override]
            if sql.startswith("VACUUM INTO"):
                raise sqlite3.OperationalError("database or disk is full")
            return real_execute(self, sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": FullDisk}))


async def test_the_app_opens_when_the_daily_backup_fails_and_says_why(db, db_path, monkeypatch):
    notes.add_note(db, text="still here", now=NOW)
    _disk_full_on_vacuum(monkeypatch)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        warnings = [m for m in messages(app) if "daily backup" in m]
        assert warnings and "the disk is full" in warnings[0], messages(app)
        assert app.is_running
    assert finish(app) == 0  # a warning, not an error: the data is as safe as it was
    assert not list((db_path.parent / "techtime.db.backups").glob(".*.partial"))


async def test_a_worker_error_is_a_notification_logged_in_full_and_exit_status_1(db, capsys):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:

        def broken() -> None:
            raise KeyError("a bug in a worker")

        worker = app.run_worker(broken, thread=True)
        while not worker.is_finished:
            await pilot.pause(0.01)
        await pilot.pause()
        assert app.is_running
        shown = [m for m in messages(app) if "KeyError" in m]
        assert shown and "\n" not in shown[0] and log_file() in shown[0]
    assert finish(app) == 1
    assert "1 unexpected error during the session" in capsys.readouterr().err
    assert "a bug in a worker" in Path(log_file()).read_text()


async def test_a_timer_error_is_a_notification(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        calls = []

        def tick() -> None:
            calls.append(1)
            raise ValueError("a bug in a timer")

        app.set_interval(0.01, tick)
        for _ in range(200):  # the timer goes on after its error
            if len(calls) >= 2 or not app.is_running:
                break
            await pilot.pause(0.02)
        assert len(calls) >= 2
        assert app.is_running
        assert any("ValueError: a bug in a timer" in m for m in messages(app))


async def test_a_handler_error_ends_the_app_with_one_line_and_status_1(db, capsys):
    app = make_app(db)

    def explode() -> None:
        raise RuntimeError("a bug in an action\nwith a second line \x1b[31m")

    app.action_undo = explode  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):  # run_test raises it for the test, as Textual does
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("u")
            await pilot.pause()
    assert finish(app) == 1
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and "RuntimeError: a bug in an action" in line and "\x1b" not in line
    assert "Traceback" in Path(log_file()).read_text()


def test_the_app_never_prints_a_traceback_on_the_terminal(tmp_path):
    """A real terminal (tmux): the app dies in a handler; the screen is given back with one line, status 1."""
    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed")
    script = tmp_path / "crash.py"
    script.write_text(
        "import sys\n"
        "from techtime.tui.app import TechtimeApp\n"
        "def boom(self): raise RuntimeError('boom in an action')\n"
        "TechtimeApp.action_undo = boom\n"
        "from techtime.cli import main\n"
        "sys.exit(main(['--db', sys.argv[1]]))\n"
    )
    out = tmp_path / "out.txt"
    env = {**os.environ, "TECHTIME_TODAY": TODAY.isoformat(), "XDG_STATE_HOME": str(tmp_path / "state")}
    command = f"{sys.executable} {script} {tmp_path / 't.db'} 2>{out}; echo status=$? >>{out}"
    session = f"tt-crash-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], env=env, check=True)
    try:
        import time

        for _ in range(300):
            time.sleep(0.1)
            if "status=" in (out.read_text() if out.exists() else ""):
                break
            subprocess.run(["tmux", "send-keys", "-t", session, "u"], check=False, capture_output=True)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
    text = out.read_text()
    assert "status=1" in text, text
    assert "Traceback" not in text and "boom in an action" in text
    assert "details in" in text


def test_migrations_module_needs_no_other_store_module():
    """database -> migrations -> seeds, never back: no import cycle in the store."""
    source = Path(migrations.__file__).read_text()
    assert "from techtime.store.database import" not in source.split("if TYPE_CHECKING:")[0]
    seeds = (Path(migrations.__file__).parent / "seeds.py").read_text()
    assert "techtime.store" not in seeds
