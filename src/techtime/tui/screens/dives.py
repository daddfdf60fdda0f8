"""Deep dives: one quarter at a time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from techtime.domain.quarters import Quarter
from techtime.store import dives
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import progress_bar, safe


class DivesScreen(TechtimeScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="dives-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Status", "Checklist", "", "Deep dive", "Owner", "Hours")
        self.reload()

    def reload(self) -> None:
        quarter = Quarter.containing(self.today())
        self.sub_title = f"Deep dives - {quarter}, {quarter.days_left(self.today())} days left"
        table = self.query_one(DataTable)
        table.clear()
        for dive in dives.dives_in_quarter(self.db, quarter):
            hours = f"{dive.hours_spent:g}/{dive.hours_planned:g}" if dive.hours_planned else f"{dive.hours_spent:g}"
            table.add_row(
                dive.status,
                progress_bar(dive.checks_done, dive.checks_total),
                dive.progress,
                safe(dive.title, width=60),
                safe(dive.owner, width=30),
                hours,
                key=str(dive.id),
            )
