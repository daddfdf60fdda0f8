"""A commit is on disk when it returns: every connection the app and the CLI write through has
synchronous=FULL at every commit, and FULL means an fsync per commit (counted with strace)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest
from conftest import TODAY, make_app

from techtime.cli import main
from techtime.store.database import open_database

FULL = 2


@pytest.fixture
def commits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The synchronous setting of the connection at each COMMIT, for every connection opened meanwhile."""
    seen: list[int] = []
    real_execute = sqlite3.Connection.execute

    class Watched(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[override]
            if sql.strip().upper().startswith(("COMMIT", "END")):
                seen.append(real_execute(self, "PRAGMA synchronous").fetchone()[0])
            return real_execute(self, sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": Watched}))
    return seen


def test_every_cli_commit_is_synchronous_full(db_path, tmp_path, commits, capsys):
    path = str(db_path)
    assert main(["--db", path, "add", "n", "durable"]) == 0
    assert main(["--db", path, "add", "r", "https://example.com/a", "A", "ring:trial"]) == 0
    assert main(["--db", path, "backup", str(tmp_path / "b.db")]) == 0
    assert main(["--db", path, "export", "--format", "json", "-o", str(tmp_path / "e.json")]) == 0
    assert main(["--db", str(tmp_path / "other.db"), "import", str(tmp_path / "e.json")]) == 0
    assert main(["--db", path, "restore", "--yes", str(tmp_path / "b.db")]) == 0
    capsys.readouterr()
    assert len(commits) >= 5
    assert set(commits) == {FULL}, commits


async def test_every_app_commit_is_synchronous_full(db_path, commits):
    db = open_database(db_path, today=TODAY)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"n from the app", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the daily backup's own connection
    db.close()
    assert commits and set(commits) == {FULL}, commits


@pytest.mark.skipif(not shutil.which("strace"), reason="strace is not installed (apt-get install strace)")
def test_each_commit_reaches_the_disk(tmp_path):
    script = (
        "import sys\n"
        "from datetime import datetime\n"
        "from techtime.store import notes\n"
        "from techtime.store.database import open_database\n"
        "db = open_database(sys.argv[1])\n"
        "print('START', flush=True)\n"
        "for i in range(10):\n"
        "    notes.add_note(db, text=f'n{i}', now=datetime(2026, 11, 26, 9))\n"
        "print('END', flush=True)\n"
        "db.close()\n"
    )
    path = tmp_path / "t.db"
    open_database(path, today=TODAY).close()
    trace = tmp_path / "strace.txt"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=fsync,fdatasync,write", "-o", str(trace), sys.executable, "-c", script,
         str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if done.returncode and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:100]}")
    assert done.returncode == 0, done.stderr
    lines = trace.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if '"START' in line)
    end = next(i for i, line in enumerate(lines) if '"END' in line)
    syncs = [line for line in lines[start:end] if "fsync(" in line or "fdatasync(" in line]
    # synchronous=FULL in WAL mode syncs the WAL at every commit (NORMAL: only at checkpoints; OFF: never).
    assert len(syncs) >= 10, f"{len(syncs)} syncs for 10 commits"
