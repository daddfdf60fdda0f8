"""Time the Radar screen and the bookmarks import with 10,000 items, against the same with the demo's 40.

    .venv/bin/python benchmarks/radar_10k.py

Prints milliseconds per step (median of a few runs) and the ratio 10k / 40: the
table reads a page at a time, so the ratio should stay near 1.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30)
RINGS = (None, "adopt", "trial", "assess", "hold")
QUADRANTS = ("techniques", "platforms", "tools", "languages-frameworks")
STATUSES = ("inbox", "bookmarked", "read", "archived")
WORDS = ["kafka", "temporal", "duckdb", "rust", "wasm", "platform", "observability", "slo", "ledger", "mesh", "iceberg"]


def make_database(path: Path, count: int) -> None:
    from techtime.services.demo import populate
    from techtime.store import radar
    from techtime.store.database import open_database
    from techtime.store.radar import NewItem

    db = open_database(path, today=TODAY)
    populate(db, TODAY)
    items = [
        NewItem(
            title=f"{WORDS[i % len(WORDS)].title()} article {i}",
            url=f"https://example.com/{WORDS[(i * 7) % len(WORDS)]}/{i}",
            captured_at=NOW - timedelta(minutes=37 * i),
            tags=(WORDS[(i * 3) % len(WORDS)],),
            status=STATUSES[i % 4],
            ring=RINGS[i % 5] if i % 50 == 0 else None,
            quadrant=QUADRANTS[i % 4] if i % 50 == 0 and RINGS[i % 5] else None,
        )
        for i in range(count)
    ]
    radar.add_items(db, items, now=NOW)
    db.close()


async def time_screen(path: Path) -> dict[str, float]:
    """Seconds per step: the key's action plus rendering every line of the table it changes."""
    from techtime.store.database import open_database
    from techtime.tui.app import TechtimeApp
    from techtime.tui.widgets.paged_table import PagedTable

    db = open_database(path, today=TODAY)
    app = TechtimeApp(db, today=lambda: TODAY, now=lambda: NOW)
    app.animation_level = "none"
    timings = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("3")
        await pilot.pause()
        timings["switch to Radar, through the test pilot (incl. its pauses)"] = time.perf_counter() - start
        screen = app.screen
        table = screen.query_one(PagedTable)

        def paint() -> None:
            for y in range(table.size.height):
                table.render_line(y)

        def step(name: str, action, undo=None, repeat: int = 15) -> None:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                action()
                paint()
                times.append(time.perf_counter() - start)
                if undo:
                    undo()
            timings[name] = statistics.median(times)

        def typed(value: str):
            return lambda: screen._search_changed(type("Changed", (), {"value": value})())

        step("reload + paint the table", screen.reload)
        step(
            "status filter keystroke (f)",
            screen.action_cycle_status,
            undo=lambda: [screen.action_cycle_status() for _ in range(4)],
        )
        step("search keystroke, full-text ('kafka')", typed("kafka"), undo=typed("kafk"))
        step("search keystroke, no match ('kafkaz')", typed("kafkaz"), undo=typed("kafka"))
        step("tag filter typed ('#kafka')", typed("#kafka"), undo=typed("#kafk"))
        typed("")()
        step("end: jump to the last item", table.action_last, undo=table.action_first)
        step("page down", table.action_page_down, undo=table.action_first)
        step("sort keystroke (s)", screen.action_cycle_sort)
    db.close()
    return timings


def bookmarks_file(path: Path, count: int) -> None:
    lines = ["<!DOCTYPE NETSCAPE-Bookmark-file-1>", "<TITLE>Bookmarks</TITLE>", "<H1>Bookmarks</H1>", "<DL><p>"]
    for folder in range(count // 100):
        lines.append(f'    <DT><H3 ADD_DATE="1700000000">Folder {folder}</H3>')
        lines.append("    <DL><p>")
        for i in range(100):
            n = folder * 100 + i
            lines.append(
                f'        <DT><A HREF="https://example.org/page/{n}" ADD_DATE="{1700000000 + n}">Page &amp; {n}</A>'
            )
        lines.append("    </DL><p>")
    lines.append("</DL><p>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        results: dict[int, dict[str, list[float]]] = {}
        for count in (0, 10_000):
            path = root / f"radar-{count}.db"
            make_database(path, count)
            runs = [asyncio.run(time_screen(path)) for _ in range(2)]
            results[count] = {key: [run[key] for run in runs] for key in runs[0]}
        print(f"{'step':<52} {'demo (40)':>10} {'10,040':>10} {'ratio':>6}")
        for key in results[0]:
            small = statistics.median(results[0][key]) * 1000
            large = statistics.median(results[10_000][key]) * 1000
            print(f"{key:<52} {small:>8.1f}ms {large:>8.1f}ms {large / small:>6.2f}")

        html = root / "bookmarks.html"
        bookmarks_file(html, 10_000)
        db_path = root / "import.db"
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "techtime", "--db", str(db_path), "import", str(html)],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - start
        print(f"\nimport of a 10,000-bookmark file (whole command): {elapsed * 1000:.0f} ms -> {result.stdout.strip()}")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "techtime", "--db", str(db_path), "import", str(html)],
            capture_output=True,
            check=True,
        )
        print(f"the same file again (all already present): {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
