"""A DataTable whose columns fit the room it has, and fit again when the terminal is resized.

Its columns are `Column`s (techtime.tui.widgets.columns): the title takes the spare room, and
secondary columns are hidden, one by one, before the title gets less than its least width. Rows are
added with every cell, as for any DataTable; it keeps them, so that a resize that hides or shows a
column can lay them out again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import events
from textual.widgets.data_table import RowKey

from techtime.tui.widgets.columns import Column, fit
from techtime.tui.widgets.data_table import DataTable


class FitTable(DataTable[Any]):
    """Give it the columns when it is made; `add_row` takes a cell for every one of them."""

    def __init__(self, columns: Sequence[Column], **options: Any) -> None:
        super().__init__(**options)
        self.fit_columns = tuple(columns)
        self._widths: list[int] = []
        self._rows: list[tuple[tuple[Any, ...], int | None, str | None]] = []

    @property
    def shown_columns(self) -> list[str]:
        """The labels of the columns there is room for."""
        return [column.label for column, width in zip(self.fit_columns, self._widths, strict=True) if width]

    def _room(self) -> int:
        width = self.size.width or self.app.size.width  # before the first layout: the terminal's
        # Room is kept for a vertical scroll bar: whether one shows depends on rows not added yet.
        return width - self.styles.gutter.width - self.styles.scrollbar_size_vertical

    def _fit(self) -> None:
        """Lay the columns out for the room there is now; the rows again if that changed anything."""
        widths = fit(self.fit_columns, self._room(), gap=2 * self.cell_padding)
        if widths == self._widths and self.columns:
            return
        self._widths = widths
        cursor = self.cursor_coordinate
        super().clear(columns=True)
        for column, width in zip(self.fit_columns, widths, strict=True):
            if width:
                self.add_column(column.label, width=width, key=column.key)
        for cells, height, key in self._rows:
            super().add_row(*self._shown(cells), height=height, key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor.row, self.row_count - 1), animate=False)

    def _shown(self, cells: Sequence[Any]) -> list[Any]:
        return [cell for cell, width in zip(cells, self._widths, strict=True) if width]

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> RowKey:
        if not self.columns:
            self._fit()
        self._rows.append((cells, height, key))
        return super().add_row(*self._shown(cells), height=height, key=key, label=label)

    def clear(self, columns: bool = False) -> FitTable:
        """Clear the rows (the columns stay: they are the table's own)."""
        self._rows.clear()
        super().clear()
        return self
