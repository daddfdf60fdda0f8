"""The one form: fields from specs, each read by a domain parser, errors under the field that is wrong.

A form hands the parsed values to its `save` (a service call). Until that succeeds the form stays
open with the text as typed: a parser's InputError is shown under its field; an error from `save`
under the field it names (`InputError(..., field="handle")`), else under the form. Nothing is saved.

One Escape rule everywhere: without changes Escape closes; with changes the first Escape warns in
the form and the second throws them away. Enter in a one-line field saves, and so does ctrl+s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from techtime.errors import InputError, TechtimeError
from techtime.tui import keymap
from techtime.tui.text import safe
from techtime.tui.widgets.text_input import TextInput

T = TypeVar("T")
Values = Mapping[str, Any]

UNSAVED = "Unsaved changes: escape again throws them away, ctrl+s saves."
HELP = "enter or ctrl+s saves · tab moves · escape cancels"
HELP_MULTILINE = "ctrl+s saves (enter too, outside the text boxes) · tab moves · escape cancels"


def as_typed(text: str) -> str:
    return text


class Field(NamedTuple):
    """One field: what it is called, how its text is read, and what it starts with."""

    name: str
    label: str
    value: str = ""
    parse: Callable[[str], Any] = as_typed  # a domain parser: raises InputError when the text is wrong
    placeholder: str = ""
    choices: Sequence[str] = ()  # a Select of these instead of free text
    multiline: bool = False  # a text area (Enter starts a new line)
    suggestions: Sequence[str] = ()  # completions offered as you type
    preview: Callable[[Any], str] | None = None  # what the parsed value reads as, under the field as you type


class Form(ModalScreen[T | None], Generic[T]):
    """A modal form; dismissed with what `save` returned, or None when cancelled (or `save` had nothing to do)."""

    DEFAULT_CSS = """
    Form {
        align: center middle;
    }
    Form > .form-box {
        width: 100;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 1 2;
        border: thick $accent;
        background: $surface;
    }
    Form .form-title {
        margin-bottom: 1;
    }
    Form .form-row {
        height: auto;
    }
    Form .form-label {
        width: 16;
        padding: 1 1 0 0;
    }
    Form .form-row Input, Form .form-row Select {
        width: 1fr;
    }
    Form .form-area-label {
        color: $text-muted;
    }
    Form .form-area {
        height: 5;
    }
    Form .form-area.tall {
        height: 12;
    }
    Form .form-note {
        height: auto;
        padding: 0 0 0 16;
        display: none;
    }
    Form .form-note.multiline {
        padding: 0;
    }
    Form .form-note.shown {
        display: block;
    }
    Form #form-error {
        height: auto;
        min-height: 1;
        margin-top: 1;
    }
    Form .form-help {
        color: $text-muted;
    }
    """

    BINDINGS = keymap.bindings_for("form.save", "form.cancel")

    def __init__(
        self,
        title: str | Text,
        fields: Sequence[Field],
        save: Callable[[Values], T | None],
        *,
        hint: str = "",
        focus: str | None = None,
        tall: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self.fields = tuple(fields)
        self._save = save
        self._hint = hint
        self._focus = focus
        self._tall = tall  # one big text area (the checklist template)
        self._initial: dict[str, str] = {}
        self._warned = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box", can_focus=False):
            yield Static(
                self._title if isinstance(self._title, Text) else safe(self._title, "bold"), classes="form-title"
            )
            for field in self.fields:
                if field.multiline:
                    yield Label(field.label, classes="form-area-label")
                    yield self._widget(field)
                else:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label, classes="form-label")
                        yield self._widget(field)
                yield Static(id=f"note-{field.name}", classes="form-note multiline" if field.multiline else "form-note")
            yield from self.compose_more()
            yield Static(id="form-error", classes="form-error")
            multiline = any(field.multiline for field in self.fields)
            yield Static(safe(self._hint or (HELP_MULTILINE if multiline else HELP), "dim"), classes="form-help")

    def compose_more(self) -> ComposeResult:
        """What a form of its own shows under the fields (a session's questions); nothing here."""
        return iter(())

    def _widget(self, field: Field) -> Widget:
        widget_id = f"field-{field.name}"
        if field.choices:
            return Select(
                [(choice, choice) for choice in field.choices],
                value=field.value or field.choices[0],
                allow_blank=False,
                id=widget_id,
            )
        if field.multiline:
            area = TextArea(field.value, soft_wrap=True, tab_behavior="focus", id=widget_id, classes="form-area")
            area.set_class(self._tall, "tall")
            return area
        suggester = SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None
        return TextInput(
            field.value, placeholder=field.placeholder, select_on_focus=False, suggester=suggester, id=widget_id
        )

    def on_mount(self) -> None:
        self._initial = self.values()
        first = self.query_one(f"#field-{self._focus or self.fields[0].name}")
        first.focus()
        if isinstance(first, TextArea):
            first.move_cursor(first.document.end)  # to add to what is there
        for field in self.fields:
            if field.preview is not None and field.value:
                self._preview(field, field.value)

    # What was typed -----------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """Every field's text as typed, by name."""
        found: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Select):
                found[field.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                found[field.name] = widget.text
            elif isinstance(widget, Input):
                found[field.name] = widget.value
        return found

    def value(self, name: str) -> str:
        return self.values()[name]

    @property
    def changed(self) -> bool:
        return self.values() != self._initial

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        field = next((f for f in self.fields if f.name == name), None)
        if field is not None and field.preview is not None:
            self._preview(field, event.value)

    @on(Select.Changed)
    def _chosen(self) -> None:
        """A choice may change how another field reads (a session's status: which way its date looks)."""
        if not self._initial:
            return  # still mounting: on_mount shows the first previews
        for field in self.fields:
            if field.preview is not None and not field.choices:
                self._preview(field, self.value(field.name))

    def _preview(self, field: Field, text: str) -> None:
        assert field.preview is not None
        if not text.strip():
            self.note(field.name, "")
            return
        try:
            shown = field.preview(field.parse(text))
        except InputError as error:
            self.note(field.name, str(error), style="red")
            return
        self.note(field.name, shown, style="green")

    # Saving and leaving -----------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        parsed: dict[str, Any] = {}
        wrong = False
        for field in self.fields:
            text = self.values()[field.name]
            try:
                parsed[field.name] = field.parse(text)
            except InputError as error:
                self.note(field.name, str(error), style="bold red")
                wrong = True
            else:
                if field.preview is None or not text.strip():
                    self.note(field.name, "")
        if wrong:
            self.show_error("Nothing was saved: the field marked in red says what is accepted.")
            return
        try:
            result = self._save(parsed)
        except TechtimeError as error:
            field_name = error.field if isinstance(error, InputError) else None
            if field_name is not None and any(f.name == field_name for f in self.fields):
                self.note(field_name, str(error), style="bold red")
                self.show_error("Nothing was saved: the field marked in red says what is accepted.")
            else:
                self.show_error(str(error))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self.changed and not self._warned:
            self._warned = True
            self.show_error(UNSAVED)
            return
        self.dismiss(None)

    def note(self, name: str, text: str, *, style: str = "") -> None:
        """The line under a field: its error, or what it reads as; empty hides it."""
        note = self.query_one(f"#note-{name}", Static)
        note.update(safe(text, style))
        note.set_class(bool(text), "shown")

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(safe(message, "bold red"))
