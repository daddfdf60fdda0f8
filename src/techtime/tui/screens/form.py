"""The first form base, kept for the Decisions forms (decision_forms.py) until they move to tui/form.py.

Every other form is techtime.tui.form.Form (fields from specs, errors under the field); the Escape
rule here is the same one.

A form hands what was typed to a `save` callback (a service call). If it
raises a `TechtimeError`, the form stays open with the text as typed and
the message under it; nothing was changed. Escape with unsaved changes asks
for a second escape before throwing them away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from techtime.errors import TechtimeError
from techtime.tui import keymap
from techtime.tui.screens.base import say
from techtime.tui.text import safe

T = TypeVar("T")

FORM_HELP = "ctrl+s saves (enter too, outside the notes) · tab moves · escape cancels"


class FormScreen(ModalScreen[T | None], Generic[T]):
    BINDINGS = keymap.bindings_for("form.save", "form.cancel")

    def __init__(self, save: Callable[[FormScreen[T]], T]) -> None:
        super().__init__()
        self._save = save
        self._initial: dict[str, str] = {}
        self._warned = False

    def on_mount(self) -> None:
        self._initial = self.values()
        # Focusing a field must not select its text: the next key would replace what was there.
        for field in self.query(Input):
            field.select_on_focus = False

    def values(self) -> dict[str, str]:
        """Every field's text, by id."""
        found: dict[str, str] = {}
        for widget in self.query("Input, TextArea, Select"):
            if widget.id is None:
                continue
            if isinstance(widget, Input):
                found[widget.id] = widget.value
            elif isinstance(widget, TextArea):
                found[widget.id] = widget.text
            elif isinstance(widget, Select):
                found[widget.id] = "" if widget.value is Select.NULL else str(widget.value)
        return found

    def value(self, field_id: str) -> str:
        return self.values()[field_id]

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            result = self._save(self)
        except TechtimeError as error:
            self.show_error(str(error))
            say(self.app, str(error), severity="error", timeout=8)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self.values() != self._initial and not self._warned:
            self._warned = True
            self.show_error("Unsaved changes: escape again throws them away, ctrl+s saves.")
            return
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        self.query_one(".form-error", Static).update(safe(message, "bold red"))
