"""Time to the first usable frame of `techtime capture`, against a bare Textual app started the same way.

Both run in a pseudo-terminal of 60x8 (the smallest the popup is made for); the clock stops when the
box's text has been painted (for the bare app: its one line and its input's placeholder). techtime
runs on a database holding one note, with the clipboard left alone (--no-clipboard: the clipboard
is read after the first frame anyway, and a machine without one would time nothing).

    python benchmarks/capture_startup.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _measure import medians, python, report, techtime
from tui_startup import time_to_text

# A bare Textual app with what the capture box shows first: a line of text and an input.
BARE = """
from textual.app import App
from textual.widgets import Input, Static

class Bare(App):
    def compose(self):
        yield Static("bare app ready")
        yield Input(placeholder="type here")  # painted with the cursor on its first letter

Bare().run()
"""

SIZE = (60, 8)
# The title line and the input's placeholder: the box is there and takes keys.
CAPTURE_READY = (b"Capture", b"Enter saves", b"p @handle topic")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE)
        db = Path(folder) / "capture.db"
        os.system(f"{techtime()} --db {db} add n warm-up > /dev/null")
        capture = [techtime(), "--db", str(db), "capture", "--no-clipboard"]
        # A first popup, closed with escape, leaves what a used installation has: compiled bytecode and
        # the parsed styles (techtime.tui.stylesheet). Every timed start after it is killed.
        time_to_text(capture, *CAPTURE_READY, size=SIZE, quit=b"\x1b")
        taken = medians(
            {
                "floor": lambda: time_to_text([python(), str(bare)], b"ready", b"ype here", size=SIZE),
                "capture": lambda: time_to_text(capture, *CAPTURE_READY, size=SIZE),
            }
        )
    print(f"{'floor: bare Textual app (Static + Input)':<44} {taken['floor'] * 1000:7.1f} ms")
    ok = report("techtime capture, first usable frame", taken["capture"], taken["floor"], 1.1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
