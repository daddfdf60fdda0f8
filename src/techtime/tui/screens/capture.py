"""The capture modal (`c` from every screen): the capture box over the screen; Enter saves and closes.

Escape closes too, keeping what was typed as a draft that the next `c` (or `techtime capture`)
restores: typed text is never lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.screen import ModalScreen

from techtime.errors import TechtimeError
from techtime.tui import keymap
from techtime.tui.screens.base import say
from techtime.tui.widgets.capture_box import CaptureBox

if TYPE_CHECKING:
    from techtime.services.capture import Saved  # noqa: F401 (the quoted generic below)
    from techtime.tui.app import TechtimeApp


class CaptureScreen(ModalScreen["Saved | None"]):
    """Type, see what it will become, press Enter. Escape keeps a draft and closes."""

    DEFAULT_CSS = """
    CaptureScreen {
        align: center middle;
        & > #capture-box {
            width: 100;
            max-width: 95%;
            padding: 1 2;
            border: thick $accent;
            background: $surface;
        }
    }
    """
    BINDINGS = keymap.bindings("capture")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (21, "-tall")]  # the whole syntax needs ~19 lines

    def compose(self) -> ComposeResult:
        app: TechtimeApp = self.app  # type: ignore[assignment]
        yield CaptureBox(app.db, today=app.today, now=app.now, id="capture-box")

    @on(CaptureBox.Saved)
    def _saved(self, event: CaptureBox.Saved) -> None:
        self.dismiss(event.saved)

    def action_keep_draft(self) -> None:
        box = self.query_one(CaptureBox)
        try:
            kept = box.keep_draft()
        except TechtimeError as error:
            # The draft could not be written (a read-only file): say so and stay, the text still here.
            if box.refuse_to_close(f"{error}; Escape again closes without keeping it"):
                return
            kept = ""
        if kept:
            say(self.app, "Draft kept: c brings it back.", timeout=3)
        self.dismiss(None)
