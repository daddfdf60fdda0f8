"""The bulk commands at 10k and 100k radar items (issue 18): JSON export, bookmarks import, report, JSON import.

    .venv/bin/python benchmarks/generate.py /tmp/large.db
    .venv/bin/python benchmarks/generate.py /tmp/large-100k.db --radar 100000
    .venv/bin/python benchmarks/bulk.py /tmp/large.db /tmp/large-100k.db [export bookmarks report import]

Each command runs as a user runs it (`python -m techtime`, a child process), in turns with the
others and with its floor, BENCH_RUNS times (5 by default) after a warm-up: its wall time and its peak
resident memory (GNU time's %M, which the load does not move), as medians (min-max).

- export: `techtime export --format json -o FILE`. Floor: Python reading every row of every table.
  Time per 1,000 rows is printed at both sizes: linear means the same figure.
- bookmarks: `techtime import` of a Netscape bookmarks file with as many links as the database has
  radar items, into a new database, then the same file again (every link already present).
  To time other code on the same files, point PYTHONPATH at its src (the databases must be of its schema).
- report: `techtime report` (this quarter's review, Markdown).
- import: `techtime import` of the JSON export into a new database (the round trip's other half).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from _measure import Child, environment, load, python, run_child, spread, turns
from radar_10k import bookmarks_file

FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
    for row in conn.execute(f'SELECT * FROM "{name}"'):
        pass
"""
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def techtime() -> list[str]:
    """The command as `python -m techtime`: PYTHONPATH picks the code (another checkout's src, to time it)."""
    return [python(), "-m", "techtime"]


def rows(path: str) -> int:
    conn = sqlite3.connect(path)
    names = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    total = sum(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names if "_fts" not in name)
    conn.close()
    return total


def show(name: str, samples: list[Child], *, floor: list[Child] | None = None) -> None:
    seconds = [child.seconds for child in samples]
    peaks = [child.peak_mib for child in samples]
    line = f"  {name:<44} {spread(seconds)}   peak {spread(peaks, 'MiB', 1)}"
    if floor:
        ratio = sorted(s.seconds / f.seconds for s, f in zip(samples, floor, strict=True))
        line += f"   {ratio[len(ratio) // 2]:.1f}x floor"
    print(line)


def main(paths: list[str], chosen: set[str]) -> int:
    print(f"{load()} at the start; {RUNS} runs in turns")
    env = environment()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        empty = root / "empty.db"
        run_child([*techtime(), "--db", str(empty), "today"], env=env)  # a new database, migrated
        measures = {}
        sizes = {}
        for path in paths:
            items = sqlite3.connect(path).execute("SELECT count(*) FROM radar_item").fetchone()[0]
            size = f"{items // 1000}k"
            sizes[size] = rows(path)
            db = root / f"{size}.db"
            shutil.copy(path, db)
            out = root / f"{size}.json"
            if "export" in chosen or "import" in chosen:
                measures[f"{size} floor: read every row"] = lambda db=db: run_child([python(), "-c", FLOOR, str(db)])
                measures[f"{size} export --format json"] = lambda db=db, out=out: run_child(
                    [*techtime(), "--db", str(db), "export", "--format", "json", "-o", str(out)], env=env
                )
            if "report" in chosen:
                measures[f"{size} report"] = lambda db=db: run_child([*techtime(), "--db", str(db), "report"], env=env)
            if "bookmarks" in chosen:
                html = root / f"{size}.html"
                bookmarks_file(html, items)
                target = root / f"{size}-bookmarks.db"

                def fresh(html=html, target=target) -> Child:
                    shutil.copy(empty, target)
                    return run_child([*techtime(), "--db", str(target), "import", str(html)], env=env)

                measures[f"{size} import {items:,} bookmarks"] = fresh
                measures[f"{size} the same again (all present)"] = lambda html=html, target=target: run_child(
                    [*techtime(), "--db", str(target), "import", str(html)], env=env
                )
            if "import" in chosen:
                target = root / f"{size}-json.db"

                def round_trip(db=db, out=out, target=target) -> Child:
                    if not out.exists():
                        run_child([*techtime(), "--db", str(db), "export", "--format", "json", "-o", str(out)], env=env)
                    target.unlink(missing_ok=True)
                    shutil.copy(empty, target)
                    return run_child([*techtime(), "--db", str(target), "import", str(out)], env=env)

                measures[f"{size} import the JSON export"] = round_trip
        samples = turns(measures, RUNS)
    for size, count in sizes.items():
        print(f"\n{size}: {count:,} rows")
        for name, taken in samples.items():
            if not name.startswith(f"{size} "):
                continue
            floor = samples.get(f"{size} floor: read every row") if "export" in name else None
            show(name[len(size) + 1 :], taken, floor=floor)
            if "export" in name:
                per = sorted(child.seconds / count * 1000 * 1000 for child in taken)
                print(f"  {'':<44} {per[len(per) // 2]:.3f} ms per 1,000 rows")
    print(f"\n{load()} at the end")
    return 0


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if "/" in argument or argument.endswith(".db")]
    wanted = {argument for argument in sys.argv[1:] if argument not in arguments}
    sys.exit(main(arguments or ["/tmp/techtime-large.db"], wanted or {"export", "bookmarks", "report", "import"}))
