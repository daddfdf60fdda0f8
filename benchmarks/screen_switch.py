"""A number key, typed into the real app in a terminal, to the end of the new screen's repaint: the first
time each screen is shown (it is built then) and when it is shown again, against a cursor move on Today.

    python benchmarks/screen_switch.py /tmp/large.db [/tmp/large-100k.db ...]

The app runs in a pseudo-terminal of 120x40 (benchmarks/radar_repaint.py's Terminal), a new one for each
of RUNS rounds. Each round moves the cursor on Today (the floor), then presses 2 3 4 5 6 (first visits),
then 2 3 4 5 6 again. Printed: medians and ranges, and each as a ratio to the floor. To compare two
versions, run this with each one's Python (the console script beside it is the one started), in turns.
"""

from __future__ import annotations

import os
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _measure import load, ms_range, techtime
from radar_repaint import DOWN, Terminal

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
KEYS = "23456"
SETTLED = 0.5


# What each new screen paints that the screen it leaves does not: its header's title, or for Decisions
# (whose header has none) a key of its footer.
MARKERS = {"2": b"Deep dives - ", "3": b"Radar - ", "4": b"Pairing - ", "5": b"Calibration", "6": b"Incidents - "}


def switch(app: Terminal, key: str) -> float:
    """Seconds from the key to the last byte of the new screen. A first visit builds the screen before
    it paints it, for longer than Terminal.settle's silence, and the screen it leaves may repaint first
    (Pairing's build came after such a repaint and half a second of silence: its first visit read
    60-100 ms). So the new screen's marker is waited for, then the paint is over after SETTLED seconds
    of silence (no screen here paints on a timer)."""
    app.settle()
    start = time.perf_counter()
    os.write(app.fd, key.encode())
    last, seen = start, b""
    while select.select([app.fd], [], [], 10 if MARKERS[key] not in seen else SETTLED)[0]:
        seen += os.read(app.fd, 65536).replace(b"\x1b[", b"\n")
        last = time.perf_counter()
    if MARKERS[key] not in seen:
        raise RuntimeError(f"{key!r} never painted {MARKERS[key]!r}")
    return last - start


def measure(path: str) -> None:
    floor: list[float] = []
    first: dict[str, list[float]] = {key: [] for key in KEYS}
    again: dict[str, list[float]] = {key: [] for key in KEYS}
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "techtime.db"
            shutil.copy(path, db)
            app = Terminal([techtime(), "--db", str(db)])
            try:
                app.wait_for(b"Next:")
                app.press(DOWN)  # warm-up
                floor.extend(app.repaint(DOWN) for _ in range(3))
                for key in KEYS:
                    first[key].append(switch(app, key))
                for key in KEYS:
                    again[key].append(switch(app, key))
            finally:
                app.close()
    base = statistics.median(floor)
    print(f"{path}: {load()}, {RUNS} rounds, {sys.executable}")
    print(f"  {'floor: a cursor move on Today':<34} {base * 1000:6.1f} ms  {ms_range(floor)}")
    for label, runs in (("first time", first), ("again", again)):
        for key, times in runs.items():
            middle = statistics.median(times)
            print(f"  {f'{key}, {label}':<34} {middle * 1000:6.1f} ms  {middle / base:5.2f}x floor  {ms_range(times)}")


def main(paths: list[str]) -> int:
    for path in paths:
        measure(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["/tmp/large.db"]))
