"""Typing into a form: CPU time per key in process, against typing into a bare Textual app's one Input.

    python benchmarks/form_typing.py

Both run headless at 120x40 (App.run_test), each key pressed as Pilot presses it. The form is a new
decision (`5`, then `n`) on the demo data: ~140 widgets, the most of any form. Printed: the median of
RUNS rounds of each (in turns), and the form's ratio to the floor. To time other code, point
PYTHONPATH at its src.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _measure import load, ms_range
from textual.app import App, ComposeResult
from textual.widgets import Input

from techtime.services.demo import populate
from techtime.store.database import open_database
from techtime.tui.app import TechtimeApp

TEXT = "Buy a feature-flag service, or build one on Postgres"
RUNS = 5


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def per_key(app: App[None], before: tuple[str, ...]) -> float:
    async with app.run_test(size=(120, 40)) as pilot:
        for key in before:
            await pilot.press(key)
            await pilot.pause()
        start = time.process_time()
        await pilot.press(*TEXT)
        await pilot.pause()
        return (time.process_time() - start) / len(TEXT)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.db", today=date.today())
        populate(db, date.today())
        floor: list[float] = []
        form: list[float] = []
        for _ in range(RUNS):
            floor.append(asyncio.run(per_key(Bare(), ())))
            form.append(asyncio.run(per_key(TechtimeApp(db), ("5", "n"))))
        db.close()
    print(f"{load()}, {RUNS} rounds, {sys.executable}")
    low, high = statistics.median(floor), statistics.median(form)

    print(f"  floor: a key into a bare Input    {low * 1000:6.2f} ms of CPU  {ms_range(floor, 1)}")
    ratio = high / low
    print(f"  a key into the decision form      {high * 1000:6.2f} ms of CPU  {ratio:5.2f}x floor  {ms_range(form, 1)}")


if __name__ == "__main__":
    main()
