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
