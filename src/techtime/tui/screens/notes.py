"""Notes: every inbox note, the open ones first and the filed ones after (filed is dealt with, not gone).

Opened from Today (enter on a note, or on "all notes") and by search everything. Each key acts on the
highlighted note and one `u` takes it back: edit it, file it or put it back in the inbox, delete it,
or turn a capture saved as the wrong kind into what it should have been: a radar item (its link the
item's URL, its #tags tags) or a deep dive this quarter.
"""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.days import day_text
from techtime.services import notes as notes_service
from techtime.services.notes import Note, NotesView
from techtime.tui import keymap
from techtime.tui.form import Field, Form, Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import line, safe
from techtime.tui.widgets.footer import Footer

KEYS = "e edit · x file / back to the inbox · R make it a radar item · p make it a deep dive · d delete · u undo"


class NotesScreen(TechtimeScreen):
    """The notes, open and filed; keys act on the highlighted one."""

    KEYMAP = "today.notes"
    BINDINGS = keymap.bindings("today.notes")

    def __init__(self, note_id: int | None = None) -> None:
        super().__init__()
        self._wanted = note_id  # highlighted once shown: a note opened from Today or a search
        self.view: NotesView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="notes-title")
        yield OptionList(id="notes-list")
        yield Static(Text(KEYS, style="dim"), id="notes-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def show(self, row_id: int, part: int = 0) -> None:
        self._wanted = row_id
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        self.view = view = notes_service.notes_view(self.db)
        filed = len(view.notes) - view.open
        self.sub_title = f"Notes - {view.open} open, {filed} filed"
        self.query_one("#notes-title", Static).update(
            Text(
                f"{view.open} in the inbox, {filed} filed (filed notes stay here and in search, ctrl+f)."
                if view.notes
                else "No notes yet: c captures one (n TEXT), a line without a kind word is one too."
            )
        )
        options = self.query_one(OptionList)
        wanted = self._wanted if self._wanted is not None else self._selected_id()
        self._wanted = None
        options.clear_options()
        options.add_options(_options(view.notes, self.tt.now()))
        ids = [option.id for option in options.options]
        if str(wanted) in ids:
            options.highlighted = ids.index(str(wanted))
        else:
            options.highlighted = next((i for i, option in enumerate(options.options) if not option.disabled), None)

    def _selected_id(self) -> int | None:
        option = self.query_one(OptionList).highlighted_option
        return int(option.id) if option is not None and option.id else None

    def _selected(self) -> Note | None:
        note_id = self._selected_id()
        note = next((n for n in self.view.notes if n.id == note_id), None) if self.view else None
        if note is None:
            self.say("No note is highlighted: c captures one.", severity="warning")
        return note

    @on(OptionList.OptionSelected)
    def _opened(self) -> None:
        self.action_edit()

    # Actions ------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        note = self._selected()
        if note is None:
            return

        def save(values: Values) -> Note | None:
            if values["text"] == note.text:
                return None  # nothing changed, nothing to say
            return notes_service.edit_note(self.db, note.id, values["text"], now=self.tt.now())

        field = Field("text", "Note", note.text, notes_service.parse_note_text, "one line")
        self.open_form(Form("Edit the note", [field], save), "Note saved (u brings the old text back).")

    def action_toggle_filed(self) -> None:
        note = self._selected()
        if note is not None:
            self.run(
                lambda: notes_service.toggle_filed(self.db, note.id, now=self.tt.now()),
                lambda after: (
                    "Filed: it stays here and in search (u undoes)."
                    if after.filed_at
                    else "Back in the inbox (u undoes)."
                ),
            )

    def action_delete(self) -> None:
        note = self._selected()
        if note is not None:
            self.run(
                lambda: notes_service.delete_note(self.db, note.id, now=self.tt.now()),
                "Note deleted: u brings it back.",
            )

    def action_turn_into(self, kind: str) -> None:
        note = self._selected()
        if note is None:
            return
        self.run(
            lambda: notes_service.turn_into(self.db, note.id, kind, today=self.today(), now=self.tt.now()),
            lambda turned: f"The note is now {turned.saved.summary()} (u turns it back into a note).",
            warn=lambda turned: turned.saved.warning,
        )


def _options(notes: tuple[Note, ...], now: datetime) -> list[Option | None]:
    today = now.date()
    open_notes = [note for note in notes if not note.filed_at]
    filed = [note for note in notes if note.filed_at]
    options: list[Option | None] = [Option(Text(f"In the inbox ({len(open_notes)})", "bold underline"), disabled=True)]
    if not open_notes:
        options.append(Option(Text("  nothing waiting", style="dim"), disabled=True))
    options += [_note(note, today, filed=False) for note in open_notes]
    options += [None, Option(Text(f"Filed ({len(filed)})", "bold underline"), disabled=True)]
    if not filed:
        options.append(Option(Text("  none yet: x files the highlighted note", style="dim"), disabled=True))
    options += [_note(note, today, filed=True) for note in filed]
    return options


def _note(note: Note, today: date, *, filed: bool) -> Option:
    captured = day_text(datetime.fromisoformat(note.created_at).date(), today)
    when = f"  captured {captured}"
    if filed and note.filed_at:
        when += f", filed {day_text(datetime.fromisoformat(note.filed_at).date(), today)}"
    return Option(
        line(
            ("  ✔ " if filed else "  ○ ", "green" if filed else "yellow"),
            safe(note.text, "dim" if filed else ""),
            (when, "dim"),
        ),
        id=str(note.id),
    )
