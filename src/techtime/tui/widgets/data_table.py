"""Textual's DataTable, keeping the cells it drew while the styles it draws them with are the same.

Textual's drops every cell it drew (its row, cell and line caches) each time its styles are applied,
whether or not anything changed: on most screen resumes and focus changes. Pairing's grid and roster drew
their ~470 cells again most times the screen was shown. This one drops them only when its look changed:
its style or a component class's (the cursor's, the header's, ...), after a theme or a focus change.
The look is read when the table next draws: Textual updates the component classes' styles after it
says the table's own changed, so they are not yet new when it says so.
"""

from __future__ import annotations

from typing import TypeVar

from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable as TextualDataTable

CellType = TypeVar("CellType")


class DataTable(TextualDataTable[CellType]):
    _look: tuple[Style, ...] | None = None
    _look_checked = False

    def notify_style_update(self) -> None:
        Widget.notify_style_update(self)  # the widget's own style caches, not the cells drawn
        self._look_checked = False
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._look_checked:
            self._look_checked = True
            names = sorted(self.COMPONENT_CLASSES)
            look = (self.rich_style, *(self.get_component_rich_style(name) for name in names))
            if look != self._look:
                self._look = look
                self._clear_caches()
        return super().render_lines(crop)
