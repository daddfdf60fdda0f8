"""`techtime add` and `techtime today` against a bare Python process that commits one row to SQLite.

python benchmarks/cli_startup.py /tmp/large.db
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _measure import imports, load, python, report, samples, techtime, time_command

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
        commands: dict[str, Callable[[], list[str]]] = {
            "floor": lambda: [python(), "-c", FLOOR, str(floor_db)],
            "add": lambda: [techtime(), "--db", str(db), "add", "r", f"https://example.org/{next(counter)}",
                            "A post worth reading", "#bench"],
            "today": lambda: [techtime(), "--db", str(db), "today"],
        }  # fmt: skip
        before = load()
        runs = samples({name: _timed(argv) for name, argv in commands.items()})
        after = load()
        # What is imported, and what importing costs by -X importtime: figures the load hardly moves.
        loaded = {name: imports(argv()) for name, argv in commands.items()}
    taken = {name: statistics.median(values) for name, values in runs.items()}
    floor = taken["floor"]
    print(f"{len(runs['floor'])} interleaved runs each; {before} before, {after} after")
    print(f"{'floor: python + sqlite3 commit of one row':<44} {floor * 1000:7.1f} ms{'':35}"
          f"[{min(runs['floor']) * 1000:.0f}-{max(runs['floor']) * 1000:.0f} ms]")  # fmt: skip
    ok = report("techtime add (radar capture), 10k-item db", taken["add"], floor, 1.6, runs["add"])
    ok &= report("techtime today, large db", taken["today"], floor, 1.8, runs["today"])
    for name, (count, seconds) in loaded.items():
        print(f"  {name:<8} imports {count:3} modules, {seconds * 1000:5.1f} ms of their own import time")
    return 0 if ok else 1


def _timed(argv: Callable[[], list[str]]) -> Callable[[], float]:
    return lambda: time_command(argv())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/techtime-large.db"))
