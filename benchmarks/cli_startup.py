"""`techtime add` and `techtime today` against a bare Python process that commits one row to SQLite.

python benchmarks/cli_startup.py /tmp/large.db
"""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
from pathlib import Path

from _measure import medians, python, report, techtime, time_command

FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=FULL")
conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO t VALUES (1)")
conn.execute("COMMIT")
"""


def main(large: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "large.db"
        shutil.copy(large, db)
        floor_db = Path(folder) / "floor.db"
        counter = itertools.count()
        taken = medians(
            {
                "floor": lambda: time_command([python(), "-c", FLOOR, str(floor_db)]),
                "add": lambda: time_command(
                    [techtime(), "--db", str(db), "add", "r", f"https://example.org/{next(counter)}",
                     "A post worth reading", "#bench"]
                ),
                "today": lambda: time_command([techtime(), "--db", str(db), "today"]),
            }
        )  # fmt: skip
        floor, add, today = taken["floor"], taken["add"], taken["today"]
    print(f"{'floor: python + sqlite3 commit of one row':<44} {floor * 1000:7.1f} ms")
    ok = report("techtime add (radar capture), 10k-item db", add, floor, 2.0)
    ok &= report("techtime today, large db", today, floor, 3.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/techtime-large.db"))
