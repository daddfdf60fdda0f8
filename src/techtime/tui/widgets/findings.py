"""The findings editor: a multi-line text area that says when the writer is done."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.widgets import TextArea

from techtime.tui import keymap


class FindingsEditor(TextArea):
    """Free-text findings of one deep dive; Escape leaves the editor (the screen saves)."""

    BINDINGS = keymap.bindings("widget.findings")

    class Left(Message):
        """The writer pressed Escape."""

    def __init__(self, save: Callable[[int, str], object], *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", id=id, placeholder="What did you find? (w to write)")
        self.dive_id: int | None = None
        self._save = save
        self._stored = ""  # the text as its dive has it: nothing to save while they are the same

    def save(self) -> None:
        """Hand the text to its dive, if it changed since it was loaded or last saved."""
        if self.dive_id is not None and self.text != self._stored and self._save(self.dive_id, self.text) is not False:
            self._stored = self.text  # (False: not saved, an error was said; the next save tries again)

    def show(self, dive_id: int | None, text: str) -> None:
        """Load another dive's findings (the caller saves the previous ones first)."""
        self.dive_id = dive_id
        self._stored = text
        if self.text != text:
            self.load_text(text)

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def on_blur(self) -> None:
        self.save()

    def on_unmount(self) -> None:
        # Quitting while typing: the screen's widgets are gone by the time the screen hears of it.
        self.save()
