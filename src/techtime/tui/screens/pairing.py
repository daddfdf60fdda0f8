"""Pairing: the roster and the rotation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from techtime.domain.rotation import next_up
from techtime.store import pairing, people
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import safe


class PairingScreen(TechtimeScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Next", "Handle", "Name", "Team", "Role", "Last paired", "Why")
        self.reload()

    def reload(self) -> None:
        today = self.today()
        roster = people.list_people(self.db)
        last = pairing.last_done_by_person(self.db)
        ranks = next_up([p.as_candidate() for p in roster], last, today)
        order = {rank.candidate.id: (index, rank.reason) for index, rank in enumerate(ranks, start=1)}
        self.sub_title = f"Pairing - {len([p for p in roster if p.active])} active engineers"
        table = self.query_one(DataTable)
        table.clear()
        for person in sorted(roster, key=lambda p: order.get(p.id, (999, ""))[0]):
            rank, reason = order.get(person.id, (None, "inactive" if not person.active else "on leave"))
            table.add_row(
                str(rank) if rank else "-",
                safe(f"@{person.handle}"),
                safe(person.name),
                safe(person.team),
                safe(person.role),
                last[person.id].isoformat() if person.id in last else "never",
                reason,
                key=str(person.id),
            )
