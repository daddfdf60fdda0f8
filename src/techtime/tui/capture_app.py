"""`techtime capture`: the capture box alone, for a tmux popup or a desktop hotkey's terminal.

It starts as fast as a bare Textual app (benchmarks/capture_startup.py): it imports no area's screen,
loads no stylesheet file, parses no rule the last start parsed (techtime.tui.stylesheet) and waits
for nothing before its first frame; a link on the clipboard is
looked for once that frame is out, and fills the box only if nothing has been typed yet. It fits in
60x8. Enter saves and exits with what was saved; Escape keeps a draft for next time and exits.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult

from techtime.errors import TechtimeError
from techtime.tui import keymap
from techtime.tui.stylesheet import StyledApp
from techtime.tui.widgets.capture_box import CaptureBox

if TYPE_CHECKING:
    from techtime.services.capture import Saved  # noqa: F401 (the quoted generic below)
    from techtime.store.database import Database


class CaptureApp(StyledApp["Saved | None"]):
    """The capture box and nothing else. `run()` returns what was saved, or None (a draft may be kept)."""

    TITLE = "techtime capture"
    CSS = "Screen { padding: 0 1; }"
    ENABLE_COMMAND_PALETTE = False
    VERTICAL_BREAKPOINTS = [(0, "-short"), (14, "-tall")]
    BINDINGS = keymap.bindings("capture.app")

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date],
        now: Callable[[], datetime],
        suggestion: str = "",
        find_suggestion: Callable[[], str] | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.today = today
        self.now = now
        self._suggestion = suggestion
        self._find_suggestion = find_suggestion
        self.kept_draft = ""  # what Escape kept, for the line printed on exit

    def compose(self) -> ComposeResult:
        yield CaptureBox(self.db, today=self.today, now=self.now, suggestion=self._suggestion)

    def on_ready(self) -> None:
        if self._find_suggestion is not None:
            self.run_worker(self._look_for_suggestion, thread=True, exit_on_error=False)
        if not gc.isenabled():  # started by techtime.cli.main with the collector off (see TechtimeApp)
            gc.freeze()
            gc.enable()

    def _look_for_suggestion(self) -> None:
        """In a thread: the clipboard tool may take its time, the box does not wait for it."""
        assert self._find_suggestion is not None
        if text := self._find_suggestion():
            with contextlib.suppress(RuntimeError):  # the box was closed meanwhile
                self.call_from_thread(self._suggest, text)

    def _suggest(self, text: str) -> None:
        self.query_one(CaptureBox).suggest(text)

    @on(CaptureBox.Saved)
    def _saved(self, event: CaptureBox.Saved) -> None:
        self.exit(event.saved)

    def action_keep_draft(self) -> None:
        box = self.query_one(CaptureBox)
        try:
            self.kept_draft = box.keep_draft()
        except TechtimeError as error:
            if box.refuse_to_close(f"{error}; Escape again closes without keeping it"):
                return
        self.exit(None, return_code=1)
