"""Radar: the reading list and the technology radar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from techtime.store import radar
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import safe


class RadarScreen(TechtimeScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="radar-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Status", "Ring", "Quadrant", "Title", "Tags", "Captured")
        self.reload()

    def reload(self) -> None:
        counts = radar.count_by_status(self.db)
        self.sub_title = "Radar - " + ", ".join(
            f"{counts.get(s, 0)} {s}" for s in ("inbox", "bookmarked", "read", "archived")
        )
        table = self.query_one(DataTable)
        table.clear()
        for item in radar.list_items(self.db, limit=500):
            table.add_row(
                item.status,
                item.ring or "",
                item.quadrant or "",
                safe(item.title, width=60),
                safe(" ".join(f"#{t}" for t in item.tags), width=30),
                item.captured_at[:10],
                key=str(item.id),
            )
