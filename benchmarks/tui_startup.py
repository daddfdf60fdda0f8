"""Time to the first painted Today screen, against a bare Textual app (Static + Footer) started the same way.

Both run in a pseudo-terminal of 120x40; the clock stops when the screen's text arrives: for techtime,
the suggestion, the first section and the last section of the check-in (the screen is complete).

    python benchmarks/tui_startup.py /tmp/large.db
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

from _measure import environment, medians, python, report, techtime

BARE = """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("bare app ready")
        yield Footer()

Bare().run()
"""

# The suggestion at the top, the first and the last section of the check-in: all there, all painted.
TODAY_COMPLETE = (b"Next:", b"Practices this week", b"Inbox notes")


def time_to_text(
    argv: list[str], *markers: bytes, timeout: float = 20.0, size: tuple[int, int] = (120, 40), quit: bytes = b""
) -> float:
    """Start argv in a pty of size (columns, lines); seconds until every marker has shown up in what it paints.
    Then the process is killed, or with `quit` (a key), sent that key and given 10 s to end as a user's
    session does."""
    columns, lines = size
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(
            argv[0], argv, {**environment(), "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
        )
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                text = seen.replace(b"\x1b[", b"\n")  # text between style changes is enough
                if all(marker in text for marker in markers):
                    taken = time.perf_counter() - start
                    if quit:
                        _quit(pid, fd, quit)
                    return taken
        raise RuntimeError(f"{markers!r} never all appeared: {seen[-400:]!r}")
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


def _quit(pid: int, fd: int, key: bytes) -> None:
    os.write(fd, key)
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:  # what it paints as it ends is read, so that it never waits on a full terminal
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
    raise RuntimeError(f"{key!r} did not end the app within 10 s")


def main(large: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE)
        empty = Path(folder) / "empty.db"
        os.system(f"{techtime()} --db {empty} add n warm-up > /dev/null")
        # A first session, ended with q, leaves what a used installation has: compiled bytecode and the
        # parsed styles (techtime.tui.stylesheet). Every timed start after it is killed, so changes nothing.
        time_to_text([techtime(), "--db", str(empty)], *TODAY_COMPLETE, quit=b"q")
        taken = medians(
            {
                "floor": lambda: time_to_text([python(), str(bare)], b"ready"),
                "big": lambda: time_to_text([techtime(), "--db", large], *TODAY_COMPLETE),
                "small": lambda: time_to_text([techtime(), "--db", str(empty)], *TODAY_COMPLETE),
            }
        )
        floor, big, small = taken["floor"], taken["big"], taken["small"]
    print(f"{'floor: bare Textual app (Static + Footer)':<44} {floor * 1000:7.1f} ms")
    ok = report("techtime TUI, first Today screen, large db", big, floor, 1.1)
    ok &= report("techtime TUI, first Today screen, one note", small, floor, 1.1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/techtime-large.db"))
