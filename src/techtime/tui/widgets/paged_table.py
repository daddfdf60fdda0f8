"""A table that reads its rows a page at a time, so 10,000 rows paint as fast as ten.

Textual's DataTable keeps every row in memory and costs ~0.1 ms a row before
the first paint. This one knows only the row count; it renders the lines on
screen (the Line API) and asks its `fetch(offset, limit)` for the page each
line falls in, keeping a few pages. The scroll bar spans the whole list, and
`end` jumps to the last row at once.

A new list (a search's keystroke) and a cursor move are painted in one frame with what follows them:
the scroll bar always shows, so a new row count changes no widget's size and lays nothing out (the
bar's thumb is set here), and the screen's `follow` runs as the cursor moves (see __init__).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import overload

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from techtime.tui import keymap
from techtime.tui.widgets.columns import Column, fit

__all__ = ["Column", "LazyCells", "PagedTable"]

# One row: its key (e.g. an item id) and one Text per column. Cells must be safe Text, never markup.
Row = tuple[int, Sequence[Text]]
Fetch = Callable[[int, int], Sequence[Row]]

_KEEP_PAGES = 40


class LazyCells(Sequence[Text]):
    """A row's cells, made the first time they are asked for: a page holds 100 rows and a keystroke that
    finds a new list draws the ~30 on screen at 120x40, so the rest cost their read and nothing more."""

    __slots__ = ("_cells", "_make")

    def __init__(self, make: Callable[[], Sequence[Text]]) -> None:
        self._make: Callable[[], Sequence[Text]] | None = make
        self._cells: Sequence[Text] = ()

    def _made(self) -> Sequence[Text]:
        if self._make is not None:
            self._cells, self._make = self._make(), None
        return self._cells

    @overload
    def __getitem__(self, index: int) -> Text: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Text]: ...
    def __getitem__(self, index: int | slice) -> Text | Sequence[Text]:
        return self._made()[index]

    def __len__(self) -> int:
        return len(self._made())

    def __iter__(self) -> Iterator[Text]:
        return iter(self._made())


class PagedTable(ScrollView, can_focus=True):
    """Rows come from `fetch(offset, limit)`; call `reset(total)` whenever they may have changed."""

    BINDINGS = keymap.bindings("widget.table")
    COMPONENT_CLASSES = {"paged-table--header", "paged-table--cursor", "paged-table--odd"}

    DEFAULT_CSS = "PagedTable { overflow-y: scroll; }"

    cursor: reactive[int] = reactive(0, init=False)
    # The table's box does not depend on its row count (the bar is always there): a new count repaints.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class Highlighted(Message):
        """The row under the cursor changed (or what is in it did); key is None when the table is empty."""

        def __init__(self, table: PagedTable, index: int, key: int | None) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.key = key

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Fetch,
        *,
        page_size: int = 100,
        empty: str = "nothing to show",
        id: str | None = None,
        follow: Callable[[PagedTable.Highlighted], None] | None = None,
    ) -> None:
        """`follow`: what the screen shows of the row under the cursor (a detail pane), called with each
        Highlighted as it is posted. The message reaches the screen after the table has painted the move,
        so a pane that followed it was painted a frame later (~17 ms); called here, with the move."""
        super().__init__(id=id)
        self._follow = follow
        self.columns = tuple(columns)
        self.fetch = fetch
        self.page_size = page_size
        self.empty = empty
        self.total = 0
        self._pages: dict[int, Sequence[Row]] = {}
        self.fetches = 0  # how many pages were read: tests check that paging stays lazy
        self._fitted: tuple[int, list[int]] | None = None  # the widths of the columns, for a width

    # Data ---------------------------------------------------------------------------------

    def reset(self, total: int, *, cursor: int | None = None) -> None:
        """The rows may have changed: forget the pages read, keep the cursor's place (or move it)."""
        self.total = total
        self._pages.clear()
        self.virtual_size = Size(0, total + 1)  # + the header line
        # A layout would set the bar's thumb a frame later (Widget._arrange_scrollbars): set it now.
        self.vertical_scrollbar.window_virtual_size = total + 1
        wanted = self.cursor if cursor is None else cursor
        clamped = max(0, min(wanted, total - 1))
        if clamped == self.cursor:
            self._scroll_to_cursor()
            self._announce()
        else:
            self.cursor = clamped
        self.refresh()

    def row(self, index: int) -> Row | None:
        if not 0 <= index < self.total:
            return None
        page = index // self.page_size
        rows = self._pages.get(page)
        if rows is None:
            rows = self.fetch(page * self.page_size, self.page_size)
            self.fetches += 1
            self._pages[page] = rows
            if len(self._pages) > _KEEP_PAGES:
                del self._pages[max(self._pages, key=lambda kept: abs(kept - page))]
        offset = index - page * self.page_size
        return rows[offset] if offset < len(rows) else None

    @property
    def current_key(self) -> int | None:
        row = self.row(self.cursor)
        return row[0] if row else None

    # Cursor -------------------------------------------------------------------------------

    @property
    def _rows_visible(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        highlighted = self.Highlighted(self, self.cursor, self.current_key)
        self.post_message(highlighted)
        if self._follow is not None:
            self._follow(highlighted)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._rows_visible:
            self.scroll_to(y=self.cursor - self._rows_visible + 1, animate=False, immediate=True)

    def _move(self, to: int) -> None:
        if self.total:
            self.cursor = max(0, min(to, self.total - 1))

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_page_up(self) -> None:
        self._move(self.cursor - self._rows_visible)

    def action_page_down(self) -> None:
        self._move(self.cursor + self._rows_visible)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self.total - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        self._move(round(self.scroll_y) + offset.y - 1)

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    # Rendering ----------------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        """By the room there is (the leading space aside): secondary columns hide before the title shrinks."""
        if self._fitted is None or self._fitted[0] != width:
            self._fitted = (width, fit(self.columns, width - 1))
        return self._fitted[1]

    def _line(self, cells: Sequence[Text], widths: Sequence[int], style: Style, *, plain: bool) -> Text:
        line = Text(" ", style=style, no_wrap=True, end="")
        for cell, width in zip(cells, widths, strict=False):
            if not width:
                continue  # hidden: no room for it
            text = Text(cell.plain) if plain else cell.copy()
            text.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(text)
            line.append(" ")
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        widths = self._widths(width)
        if y == 0:
            style = base + self.get_component_rich_style("paged-table--header")
            header = self._line([Text(column.label) for column in self.columns], widths, style, plain=True)
            return Strip(header.render(self.app.console)).crop_extend(0, width, style)
        index = round(self.scroll_y) + y - 1
        if self.total == 0 and y == 1:
            empty = Text(f" {self.empty}", style=base + Style(dim=True))
            return Strip(empty.render(self.app.console)).crop_extend(0, width, base)
        row = self.row(index)
        if row is None:
            return Strip.blank(width, base)
        if index == self.cursor:
            style = base + self.get_component_rich_style("paged-table--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("paged-table--odd")
        else:
            style = base
        line = self._line(row[1], widths, style, plain=index == self.cursor)
        return Strip(line.render(self.app.console)).crop_extend(0, width, style)
