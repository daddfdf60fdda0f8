"""The small forms of the Deep dives screen: a dive, a failure mode, a step, a number, the template.

A form reads what was typed with a domain parser; on an InputError it shows
the one line that says what is wrong, keeps what was typed, and saves
nothing. Only a parsed value leaves the form, so the screen never sees raw text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from techtime.errors import InputError
from techtime.tui.text import safe

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: Sequence[str] = ()  # a Select instead of an Input


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Fields in a column; Enter (or ctrl+s) saves, Escape cancels."""

    CSS_PATH = "dives.tcss"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, title: str, fields: Sequence[Field], parse: Callable[[dict[str, str]], T], hint: str = ""):
        super().__init__(classes="dive-form")
        self._title = title
        self._fields = tuple(fields)
        self._parse = parse
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static(safe(self._title, "bold"), classes="form-title")
            with Grid(classes="form-grid"):
                for field in self._fields:
                    yield Label(field.label, classes="form-label")
                    if field.choices:
                        yield Select(
                            [(choice, choice) for choice in field.choices],
                            value=field.value or field.choices[0],
                            allow_blank=False,
                            compact=True,
                            id=f"field-{field.name}",
                        )
                    else:
                        yield Input(
                            field.value,
                            placeholder=field.placeholder,
                            compact=True,
                            select_on_focus=False,
                            id=f"field-{field.name}",
                        )
            yield Static(id="form-error", classes="form-error")
            yield Static(
                safe(self._hint or "Enter or ctrl+s saves, Escape cancels, Tab moves between fields", "dim"),
                classes="form-hint",
            )

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field in self._fields:
            widget: Any = self.query_one(f"#field-{field.name}")
            found[field.name] = str(widget.value) if isinstance(widget, Select) else widget.value
        return found

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            parsed = self._parse(self.values())
        except InputError as error:
            self.query_one("#form-error", Static).update(safe(str(error), "bold red"))
            return
        self.dismiss(parsed)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextFormScreen(ModalScreen[T | None], Generic[T]):
    """A multi-line text (the checklist template): ctrl+s saves, Escape cancels."""

    CSS_PATH = "dives.tcss"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, title: str, text: str, parse: Callable[[str], T], hint: str) -> None:
        super().__init__(classes="dive-form")
        self._title = title
        self._text = text
        self._parse = parse
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static(safe(self._title, "bold"), classes="form-title")
            yield TextArea(self._text, soft_wrap=True, id="form-text")
            yield Static(id="form-error", classes="form-error")
            yield Static(safe(self._hint, "dim"), classes="form-hint")

    def action_save(self) -> None:
        try:
            parsed = self._parse(self.query_one("#form-text", TextArea).text)
        except InputError as error:
            self.query_one("#form-error", Static).update(safe(str(error), "bold red"))
            return
        self.dismiss(parsed)

    def action_cancel(self) -> None:
        self.dismiss(None)
