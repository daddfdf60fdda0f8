"""Editing a radar item's notes: a text area; ctrl+s saves, escape leaves them as they were."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from techtime.tui.text import line, safe


class NotesScreen(ModalScreen[str | None]):
    """Dismisses with the new notes, or None when cancelled."""

    CSS_PATH = "radar.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, notes: str) -> None:
        super().__init__()
        self._title = title
        self._notes = notes

    def compose(self) -> ComposeResult:
        self._area = TextArea(self._notes, id="notes-text", soft_wrap=True, tab_behavior="focus")
        with Vertical(id="notes-box"):
            yield Static(line(("Notes on ", "bold"), safe(self._title, "bold", width=70)), id="notes-title")
            yield self._area
            yield Static("ctrl+s save   escape cancel", id="notes-help")

    def on_mount(self) -> None:
        self._area.focus()
        self._area.move_cursor(self._area.document.end)

    def action_save(self) -> None:
        self.dismiss(self._area.text)

    def action_cancel(self) -> None:
        self.dismiss(None)
