"""Editing a radar item's notes: the one form with one text area (ctrl+s saves; Escape asks first)."""

from __future__ import annotations

from techtime.services import radar as radar_service
from techtime.services.radar import RadarItem
from techtime.tui.form import Field, Form, Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import line, safe


def notes_form(screen: TechtimeScreen, item: RadarItem) -> Form[RadarItem]:
    """Dismissed with the item as saved; with None when cancelled or when nothing changed."""

    def save(values: Values) -> RadarItem | None:
        notes: str = values["notes"]
        if notes.rstrip() == item.notes:
            return None  # nothing to save, nothing to say
        return radar_service.edit_notes(screen.db, item.id, notes, now=screen.tt.now())

    title = line(("Notes on ", "bold"), safe(item.title, "bold", width=70))
    return Form(
        title,
        [Field("notes", "Notes", item.notes, multiline=True)],
        save,
        hint="ctrl+s saves · escape cancels (it asks first when you typed something)",
        tall=True,
    )
