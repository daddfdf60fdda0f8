"""Render every screen on the demo data to SVG in screenshots/ (run after a screen changes).

    .venv/bin/python scripts/screenshots.py

The date is fixed so the pictures only change when the screens do. A picture is taken at 120x40,
or at the size its name ends with ("today-80x24": an 80x24 terminal).
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
TODAY = date(2026, 11, 26)
SIZE = (120, 40)


def shots() -> dict[str, tuple[str, ...]]:
    """file name -> keys pressed from a fresh start on the Today screen, from each area's record."""
    from techtime import areas

    return {name: keys for area in areas.AREAS for name, keys in area.screenshots}


def size_of(name: str) -> tuple[int, int]:
    """The terminal a picture is taken in: the -COLSxROWS its name ends with, else SIZE."""
    found = re.search(r"-(\d+)x(\d+)$", name)
    return (int(found[1]), int(found[2])) if found else SIZE


async def render(name: str, keys: tuple[str, ...], folder: Path) -> None:
    from techtime.services.demo import populate
    from techtime.store.database import open_database
    from techtime.tui.app import TechtimeApp

    path = folder / f"{name}.db"
    db = open_database(path, today=TODAY)
    populate(db, TODAY)
    app = TechtimeApp(db, today=lambda: TODAY, now=lambda: datetime.combine(TODAY, time(9, 30)))
    app.animation_level = "none"
    async with app.run_test(size=size_of(name)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.wait_for_animation()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    db.close()


def main(names: list[str]) -> None:
    os.environ["TECHTIME_TODAY"] = TODAY.isoformat()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, keys in shots().items():
            if not names or name in names:
                asyncio.run(render(name, keys, Path(folder)))
                print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    main(sys.argv[1:])
