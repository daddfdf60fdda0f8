"""Kill a writer with SIGKILL at random moments while another writes: nothing acknowledged is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import NOW, TODAY

from techtime.store import notes
from techtime.store.database import open_database

WRITER = """
import sys
from datetime import datetime
from techtime.store import notes, radar
from techtime.store.database import open_database
db = open_database(sys.argv[1], migrate=False)
i = 0
while True:
    title = f"{sys.argv[2]}-{i}"
    with db.transaction():  # a capture touches several tables at once
        notes.add_note(db, text=title, now=datetime(2026, 11, 26, 9))
        radar.add_item(db, title=title, ring="trial", now=datetime(2026, 11, 26, 9))
    print("ACK", title, flush=True)  # only after the commit returned
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_write_loses_no_acknowledged_write(db, db_path):
    rng = random.Random(7)
    acknowledged: list[str] = []
    for round_number in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), f"victim{round_number}"], stdout=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + rng.uniform(0.3, 0.9)
        while time.monotonic() < deadline:  # the other process keeps writing meanwhile
            notes.add_note(db, text=f"survivor-{round_number}-{time.monotonic_ns()}", now=NOW)
        os.kill(writer.pid, signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        acknowledged += [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("ACK ")]
    assert acknowledged, "the writer never got to write: the test proved nothing"

    check = open_database(db_path, today=TODAY, migrate=False)
    assert check.scalar("PRAGMA integrity_check") == "ok"
    stored_notes = {row[0] for row in check.rows("SELECT text FROM inbox_note")}
    stored_items = {row[0] for row in check.rows("SELECT title FROM radar_item")}
    assert set(acknowledged) <= stored_notes
    assert set(acknowledged) <= stored_items
    # Each transaction is all or nothing: a note without its radar item would mean a torn write.
    victims = {t for t in stored_notes if t.startswith("victim")}
    assert victims == {t for t in stored_items if t.startswith("victim")}
    assert check.scalar("SELECT count(*) FROM radar_move") == len(stored_items)
    check.close()
