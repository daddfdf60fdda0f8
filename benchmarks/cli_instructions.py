"""`techtime add` and `techtime today` in instructions (valgrind's callgrind), against the floor of
cli_startup.py and against what argparse alone brings, for comparing code before and after a change.

    python benchmarks/cli_instructions.py /tmp/large.db
    PYTHONPATH=/tmp/old/src python benchmarks/cli_instructions.py /tmp/large.db   # the code before

On these shared machines the same code's wall time moves by 5-12 % from one run of cli_startup.py to
the next, more than most changes to start-up make. The count of user-space instructions moves by less
than 0.1 %: it leaves out the kernel (the floor's fsync) and waiting, so its ratios run higher than the
wall clock's; compare them with each other, not with the targets. Skipped where valgrind is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import environment, python, techtime
from cli_startup import FLOOR

# What every argparse program pays before its first line of its own: `re` (imported by pip's console
# script and by argparse) and argparse; the floor imports neither.
ARGPARSE = "import re, argparse"


def instructions(argv: list[str]) -> float:
    """Millions of instructions argv runs, its bytecode compiled by a run before."""
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=environment())
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        check=True, capture_output=True, text=True, env=environment(),
    ).stderr  # fmt: skip
    found = re.search(r"Collected : (\d+)", counted)
    if found is None:
        raise RuntimeError(f"callgrind counted nothing: {counted[-300:]}")
    return int(found.group(1)) / 1e6


def main(large: str) -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "large.db"
        shutil.copy(large, db)
        counts = {
            "floor: python + sqlite3 commit of one row": instructions([python(), "-c", FLOOR, f"{folder}/floor.db"]),
            "bare python": instructions([python(), "-c", "pass"]),
            "python importing re and argparse": instructions([python(), "-c", ARGPARSE]),
            "techtime add (radar capture)": instructions(
                [techtime(), "--db", str(db), "add", "r", "https://example.org/1", "A post worth reading", "#bench"]
            ),
            "techtime add (a note)": instructions([techtime(), "--db", str(db), "add", "n", "a note"]),
            "techtime today, large db": instructions([techtime(), "--db", str(db), "today"]),
        }
    floor = next(iter(counts.values()))
    for name, count in counts.items():
        print(f"{name:<44} {count:8.1f} M instructions  {count / floor:5.2f}x floor")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/techtime-large.db"))
