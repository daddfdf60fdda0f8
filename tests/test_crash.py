"""Kill a writer with SIGKILL at random moments while another writes: nothing acknowledged is lost.

Deterministic on a loaded 2-core machine: the victim pauses between its writes (so the test's own
writes are never starved past the busy timeout), and the moment of each kill is counted in
acknowledged writes, not in seconds. SIGKILL keeps the page cache, so this proves atomicity; that a
commit reaches the disk is test_durability's.
"""

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
import sys, time
from datetime import datetime
from techtime.store import notes, radar
from techtime.store.database import open_database
db = open_database(sys.argv[1], migrate=False, busy_timeout_ms=60000)
i = 0
while True:
    title = f"{sys.argv[2]}-{i}"
    with db.transaction():  # a capture touches several tables at once
        notes.add_note(db, text=title, now=datetime(2026, 11, 26, 9))
        radar.add_item(db, title=title, ring="trial", now=datetime(2026, 11, 26, 9))
    print("ACK", title, flush=True)  # only after the commit returned
    i += 1
    time.sleep(0.002)  # leave the lock to the other writer: a test must not starve itself
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_write_loses_no_acknowledged_write(db_path):
    rng = random.Random(7)
    survivor = open_database(db_path, today=TODAY, busy_timeout_ms=60000)
    acknowledged: list[str] = []
    for round_number in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), f"victim{round_number}"], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None
        kill_after = rng.randint(1, 25)  # acknowledged writes, whatever the machine's speed
        for _ in range(kill_after):
            line = writer.stdout.readline()
            assert line.startswith("ACK "), line
            acknowledged.append(line.split(" ", 1)[1].strip())
            # The other process writes too, between the victim's commits.
            notes.add_note(survivor, text=f"survivor-{round_number}-{time.monotonic_ns()}", now=NOW)
        time.sleep(rng.uniform(0, 0.003))  # somewhere inside the next write
        os.kill(writer.pid, signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        complete_lines = output.split("\n")[:-1]  # a line cut off by the kill was never acknowledged
        acknowledged += [line.split(" ", 1)[1] for line in complete_lines if line.startswith("ACK ")]
    survivor.close()
    assert len(acknowledged) >= 6

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
