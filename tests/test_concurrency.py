"""Several writers at once: every acknowledged write is kept, and the file stays consistent."""

from __future__ import annotations

import subprocess
import sys

from conftest import NOW, TODAY

from techtime.store import notes
from techtime.store.database import open_database

WRITER = """
import sys
from techtime.cli import main
for i in range(int(sys.argv[2])):
    title = f"{sys.argv[3]}-{i}"
    if main(["--db", sys.argv[1], "add", "n", title]) == 0:
        print("ACK", title, flush=True)
"""


def test_two_shell_writers_and_the_app_connection_lose_nothing(db, db_path):
    count = 60
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(count), name], stdout=subprocess.PIPE, text=True
        )
        for name in ("shell-a", "shell-b")
    ]
    # Meanwhile the app's own connection keeps writing too.
    app_titles = [f"app-{i}" for i in range(count)]
    for title in app_titles:
        notes.add_note(db, text=title, now=NOW)
    acknowledged = list(app_titles)
    for writer in writers:
        output, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        acknowledged += [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("ACK ")]

    assert len(acknowledged) == 3 * count
    check = open_database(db_path, today=TODAY, migrate=False)
    stored = {row[0] for row in check.rows("SELECT text FROM inbox_note")}
    assert set(acknowledged) <= stored
    assert check.scalar("PRAGMA integrity_check") == "ok"
    check.close()


READ_THEN_WRITE = """
import sys, time
from datetime import datetime
from techtime.store import notes
from techtime.store.database import open_database
db = open_database(sys.argv[1], migrate=False, busy_timeout_ms=60000)
for i in range(int(sys.argv[2])):
    with db.transaction() as conn:
        # Read, then write on what was read (as update_row, trash and a capture's duplicate check do).
        count = conn.execute("SELECT count(*) FROM inbox_note").fetchone()[0]
        time.sleep(0.002)
        notes.add_note(db, text=f"{sys.argv[3]}-{i} after {count}", now=datetime(2026, 11, 26, 9))
    print("ACK", flush=True)
    time.sleep(0.001)
"""


def test_writers_that_read_before_they_write_wait_their_turn(db, db_path):
    """With a plain BEGIN, the second writer's read snapshot is stale once the first commits, and its
    write fails at once with "database is locked", whatever the busy timeout. BEGIN IMMEDIATE queues it."""
    count = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", READ_THEN_WRITE, str(db_path), str(count), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("reader-a", "reader-b", "reader-c")
    ]
    for writer in writers:
        output, errors = writer.communicate(timeout=180)
        assert writer.returncode == 0, errors[-500:]
        assert output.count("ACK") == count
    assert db.scalar("SELECT count(*) FROM inbox_note") == 3 * count
