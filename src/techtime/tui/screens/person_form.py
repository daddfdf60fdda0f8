"""Add or edit an engineer on the roster."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from techtime.store.people import Person
from techtime.tui.screens.form import FORM_HELP, FormScreen
from techtime.tui.text import safe


class PersonForm(FormScreen[int]):
    """Name, handle, team, role, start date, on leave until, notes."""

    CSS_PATH = "pairing.tcss"

    def __init__(self, person: Person | None, save: Callable[[PersonForm], int]) -> None:
        super().__init__(save)  # type: ignore[arg-type]
        self.person = person

    def compose(self) -> ComposeResult:
        person = self.person
        title = "Add an engineer" if person is None else f"Edit @{person.handle}"
        with VerticalScroll(classes="form-box", id="person-form", can_focus=False):
            yield Static(safe(title, "bold"), classes="form-title")
            yield from _field("Name", "person-name", person.name if person else "", "e.g. Dana Li")
            yield from _field("Handle", "person-handle", person.handle if person else "", "e.g. dana (unique)")
            yield from _field("Team", "person-team", person.team if person else "", "e.g. Payments")
            yield from _field("Role", "person-role", person.role if person else "", "e.g. Staff Engineer")
            start = person.start_date.isoformat() if person and person.start_date else ""
            yield from _field("Started", "person-start", start, "a date, e.g. 2024-03-01 (empty: unknown)")
            leave = person.leave_until.isoformat() if person and person.leave_until else ""
            yield from _field("On leave until", "person-leave", leave, "a date, e.g. eom (empty: not on leave)")
            yield from _field("Notes", "person-notes", person.notes if person else "", "anything worth remembering")
            yield Static(classes="form-error")
            yield Static(FORM_HELP, classes="form-help", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#person-name", Input).focus()


def _field(label: str, field_id: str, value: str, placeholder: str) -> ComposeResult:
    with Horizontal(classes="form-row"):
        yield Label(label, classes="form-label")
        yield Input(value, placeholder=placeholder, id=field_id)
