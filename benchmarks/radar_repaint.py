"""A search keystroke on Radar, typed into the real app in a terminal, to the end of its repaint, against
the repaint floor: one cursor move in the same table (issue 18's "repainted within 1.3x the floor").

    python benchmarks/radar_repaint.py /tmp/large-100k.db [/tmp/large.db ...]

The app runs in a pseudo-terminal of 120x40, as a user starts it. Each measure writes one key and reads
what the app paints until it has been quiet for QUIET seconds; the figure is the time from the key to
the last byte of that repaint (so the input's echo, the table, the count and the detail pane all count).
Cursor moves and keystrokes are taken in turns, RUNS rounds; each round types every line below a key at a
time and clears it with escape. Printed: the median cursor move (the floor), and for each line the
median of its worst prefix ("k", "ka", ... each a key; the one whose median is the highest), as a ratio
to the floor.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

from _measure import environment, load, ms_range, techtime

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
QUIET = 0.15  # longer than a frame, shorter than the input's cursor blink and the exact count's timer
LINES = ("kafka", "#kafka", "event sourcing", "#kafka stream")
TARGET = 1.3
DOWN, SLASH, ESCAPE = b"\x1b[B", b"/", b"\x1b"


class Terminal:
    def __init__(self, argv: list[str], columns: int = 120, lines: int = 40) -> None:
        env = {**environment(), "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))

    def wait_for(self, marker: bytes, timeout: float = 60.0) -> None:
        seen = b""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if select.select([self.fd], [], [], 0.05)[0]:
                seen += os.read(self.fd, 65536)
                if marker in seen.replace(b"\x1b[", b"\n"):
                    return
        raise RuntimeError(f"{marker!r} never appeared: {seen[-300:]!r}")

    def settle(self) -> float:
        """Seconds from now to the last byte painted before QUIET seconds of silence (0: nothing painted)."""
        start = time.perf_counter()
        last = start
        while select.select([self.fd], [], [], QUIET)[0]:
            os.read(self.fd, 65536)
            last = time.perf_counter()
        return last - start

    def press(self, key: bytes) -> float:
        self.settle()
        os.write(self.fd, key)
        return self.settle()

    def repaint(self, key: bytes) -> float:
        """`press`, again until the key painted something (a move the table did not make paints nothing)."""
        for _ in range(3):
            if taken := self.press(key):
                return taken
        raise RuntimeError(f"{key!r} painted nothing")

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def measure(path: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "radar.db"
        shutil.copy(path, db)
        app = Terminal([techtime(), "--db", str(db)])
        try:
            app.wait_for(b"Next:")
            os.write(app.fd, b"3")  # not press: on a quick machine its settle would swallow the marker
            app.wait_for(b" items")
            app.press(DOWN)  # warm-up: the first move reads the detail pane's modules
            moves: list[float] = []
            typed: dict[str, list[list[float]]] = {line: [[] for _ in line] for line in LINES}
            for _ in range(RUNS):
                for line in LINES:
                    moves.append(app.repaint(DOWN))
                    app.press(SLASH)
                    for prefix, key in zip(typed[line], line, strict=True):
                        prefix.append(app.press(key.encode()))
                    app.press(ESCAPE)
                    app.press(ESCAPE)  # out of the search box, the filter cleared
        finally:
            app.close()
    floor = statistics.median(moves)
    print(f"{path}: {load()}")
    print(f"  {'floor: a cursor move in the table':<44} {floor * 1000:6.1f} ms  {ms_range(moves)}")
    for line, prefixes in typed.items():
        runs = max(prefixes, key=statistics.median)  # the prefix whose median is the worst
        worst = statistics.median(runs)
        verdict = "ok" if worst / floor <= TARGET else "OVER"
        print(
            f"  {'worst keystroke of ' + repr(line):<44} {worst * 1000:6.1f} ms  {worst / floor:4.2f}x floor"
            f"  (target <= {TARGET}x)  {verdict}  {ms_range(runs)}"
        )


def main(paths: list[str]) -> int:
    for path in paths:
        measure(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["/tmp/large-100k.db"]))
