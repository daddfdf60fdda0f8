"""Radar: the reading list and the technology radar, as a filterable table with single-key decisions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from techtime.domain.quarters import Quarter
from techtime.domain.radar import (
    FILTER_SYNTAX,
    MOVED_IN,
    MOVED_OUT,
    NEW,
    NO_CHANGE,
    QUADRANT_LABELS,
    SORTS,
    STATUSES,
    RadarFilter,
    parse_filter,
)
from techtime.domain.text import clean
from techtime.errors import InputError
from techtime.services import radar as radar_service
from techtime.services.radar import RadarItem, RadarRow
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.radar_item_form import item_form
from techtime.tui.text import line, safe
from techtime.tui.widgets.footer import Footer
from techtime.tui.widgets.paged_table import Column, LazyCells, PagedTable, Row
from techtime.tui.widgets.text_input import TextInput

STATUS_STYLES = {"inbox": "bold yellow", "bookmarked": "magenta", "read": "green", "archived": "dim"}
RING_STYLES = {"adopt": "bold green", "trial": "cyan", "assess": "yellow", "hold": "red"}
MOVES = {NEW: ("★ new", "bold"), MOVED_IN: ("▲ in", "green"), MOVED_OUT: ("▼ out", "red"), NO_CHANGE: ("●", "dim")}
SHORT_QUADRANTS = {
    "techniques": "Techniques",
    "platforms": "Platforms",
    "tools": "Tools",
    "languages-frameworks": "Languages",
}
STATUS_WORDS = {
    "inbox": "Back to the inbox",
    "bookmarked": "Bookmarked for a deep dive",
    "read": "Read",
    "archived": "Archived",
}
STATUS_CYCLE: tuple[str | None, ...] = (None, *STATUSES)
RECOUNT_AFTER = 0.4  # seconds without a keystroke before a filter's matches are counted exactly
KEY_HINTS = (
    "ring A adopt T trial S assess H hold   quadrant E techniques P platforms O tools L languages   - off the radar\n"
    "r read  b bookmark  a archive  i inbox   o open link  e edit  p promote  d delete  u undo"
)
# The title takes the spare room; when it has less than 28 cells, tags go first, then the date.
COLUMNS = (
    Column("Status", 10),
    Column("Ring", 6, drop=1),
    Column("Quadrant", 10, drop=2),
    Column("Title", min_width=28),
    Column("Tags", 18, drop=5),
    Column("Moved", 6, drop=3),
    Column("Captured", 10, drop=4),
)


class RadarScreen(TechtimeScreen):
    """Every item a page at a time; keys act on the highlighted one."""

    CSS_PATH = "radar.tcss"
    # The table takes the focus as the screen opens. Textual's default, the first focusable widget, is the
    # hidden search box (a widget out of display still counts): a second focus, a second footer and frame.
    AUTO_FOCUS = "#radar-table"

    KEYMAP = "radar"
    BINDINGS = keymap.bindings("radar")

    def __init__(self) -> None:
        super().__init__()
        self._status: str | None = None  # chosen with f
        self._line = ""  # what is typed in the search box
        self._filter = RadarFilter()
        self._sort = "captured"
        self._error = ""
        self._quarter: Quarter | None = None
        self._shown: dict[int, RadarRow] = {}  # the rows of the pages read since the last reset, by item id
        self._revealing: int | None = None  # an item to highlight on the next reload (a search hit)
        self._totals = radar_service.RadarCounts({}, 0, 0)  # every item, by status: read again on reload
        self._recount: Timer | None = None  # the exact count of a filter, once typing stops

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="radar-bar")
        yield TextInput(
            placeholder=f"search  {FILTER_SYNTAX}", id="radar-search", compact=True, follow=self._search_changed
        )
        yield PagedTable(
            COLUMNS,
            self._rows,
            id="radar-table",
            empty="Nothing here: c captures an item, escape clears the filter.",
            follow=self._show_detail,
        )
        yield Static(id="radar-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PagedTable).focus()
        self.reload()
        # The first search needs sqlite-utils (~100 ms to import): load it now, off the main thread.
        self.run_worker(_warm_up_search, thread=True, group="warm-up")

    # Showing ------------------------------------------------------------------------------

    def reload(self) -> None:
        self._quarter = Quarter.containing(self.today())
        self._totals = radar_service.counts(self.db, RadarFilter())
        if self._revealing is not None:
            self._reveal(self._revealing)
            return
        # Past the bound of a keystroke's count, count exactly: the cursor stays where it is.
        self._show_counts(exactly=self.query_one(PagedTable).cursor >= radar_service.COUNT_BOUND)

    def show(self, row_id: int, part: int = 0) -> None:
        """Open on this item (a search hit), the filter cleared if it hides it."""
        self._revealing = row_id
        if self.is_mounted:
            self.reload()

    def _reveal(self, item_id: int) -> None:
        self._revealing = None
        at = radar_service.position(self.db, self._filter, item_id, sort=self._sort)
        if at is None and not self._filter.is_empty:
            self._reset_filter()
            at = radar_service.position(self.db, self._filter, item_id, sort=self._sort)
        self._show_counts(cursor=at, exactly=True)  # the item may stand past the bound of a keystroke's count
        self.query_one(PagedTable).focus()

    def _apply(self) -> None:
        """The filter or the sort changed: show the new list from its top."""
        self._show_counts(cursor=0)
        self.query_one(PagedTable).scroll_to(y=0, animate=False, immediate=True)

    def _show_counts(self, *, cursor: int | None = None, exactly: bool = False) -> None:
        """A keystroke's count stops at COUNT_BOUND ("1,000+"); the exact one follows when typing stops."""
        totals = self._totals
        self.sub_title = "Radar - " + ", ".join(f"{totals.by_status.get(s, 0):,} {s}" for s in STATUSES)
        if self._filter.is_empty:
            shown = radar_service.Shown(totals.total, exact=True)
        elif self._filter == RadarFilter(status=self._filter.status):
            shown = radar_service.Shown(totals.by_status.get(self._filter.status or "", 0), exact=True)
        elif exactly:
            shown = radar_service.Shown(radar_service.count_exactly(self.db, self._filter), exact=True)
        else:
            shown = radar_service.count_shown(self.db, self._filter)
        self._shown.clear()
        self.query_one(PagedTable).reset(shown.found if shown.exact else shown.found + 1, cursor=cursor)
        self._show_bar(totals.total, shown)
        if self._recount is not None:
            self._recount.stop()
        self._recount = None if shown.exact else self.set_timer(RECOUNT_AFTER, self._count_exactly)

    def _count_exactly(self) -> None:
        self._recount = None
        shown = radar_service.Shown(radar_service.count_exactly(self.db, self._filter), exact=True)
        self.query_one(PagedTable).reset(shown.found)
        self._show_bar(self._totals.total, shown)

    def _rows(self, offset: int, limit: int) -> list[Row]:
        assert self._quarter is not None
        rows = radar_service.page(
            self.db, self._filter, sort=self._sort, quarter=self._quarter, limit=limit, offset=offset
        )
        self._shown.update((row.item.id, row) for row in rows)
        return [(row.item.id, LazyCells(partial(_cells, row))) for row in rows]

    def _show_bar(self, total: int, shown: radar_service.Shown) -> None:
        selected = f"{shown.found:,}" if shown.exact else f"{shown.found:,}+"
        count = f"{total:,} items" if self._filter.is_empty else f"{selected} of {total:,} items"
        parts: list[tuple[str, str] | Text | str] = [
            (count, "bold"),
            f"   status: {self._status or 'all'}",
            f"   sort: {SORTS[self._sort]}",
        ]
        described = RadarFilter(
            ring=self._filter.ring, quadrant=self._filter.quadrant, tags=self._filter.tags
        ).describe()
        if described or self._filter.text:
            parts += ["   filter: ", safe(" ".join(p for p in (described, self._filter.text) if p), "bold")]
        if self._error:
            parts += ["   ", safe(self._error, "red")]
        else:
            parts.append(("   f status  > sort  escape clears  ? every key", "dim"))
        self.query_one("#radar-bar", Static).update(line(*parts), layout=False)  # one line whatever it says

    def _row(self, item_id: int) -> RadarRow | None:
        """A row of the table: from the page just read, else read again (it may be gone)."""
        if item_id in self._shown:
            return self._shown[item_id]
        assert self._quarter is not None
        return radar_service.row(self.db, item_id, self._quarter)

    def _show_detail(self, event: PagedTable.Highlighted) -> None:
        detail = self.query_one("#radar-detail", Static)
        row = self._row(event.key) if event.key is not None else None
        # The pane's size is its style's (radar.tcss), never its text's: no layout of the screen a move.
        if row is None:
            detail.update(Text(KEY_HINTS, style="dim"), layout=False)
            return
        assert self._quarter is not None
        detail.update(_describe(row, self._quarter), layout=False)

    # Filtering and sorting --------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#radar-search", Input)
        search.display = True
        search.focus()

    def _search_changed(self, value: str) -> None:
        self._line = value
        try:
            self._filter = parse_filter(value, status=self._status)
        except InputError as error:
            self._error = str(error)  # keep showing the last list that made sense
            table = self.query_one(PagedTable)
            exact = self._recount is None  # else the table holds one row more than was counted
            self._show_bar(self._totals.total, radar_service.Shown(table.total - (not exact), exact))
            return
        self._error = ""
        self._apply()

    @on(Input.Submitted, "#radar-search")
    def _search_done(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.input.display = False
        self.query_one(PagedTable).focus()

    def action_clear(self) -> None:
        search = self.query_one("#radar-search", Input)
        if not (search.display or self._status or not self._filter.is_empty):
            return
        self._reset_filter()
        self.query_one(PagedTable).focus()
        self._apply()

    def _reset_filter(self) -> None:
        search = self.query_one("#radar-search", Input)
        with self.prevent(Input.Changed):  # the handler would reapply it: set the state directly
            search.value = ""
        search.display = False
        self._line, self._status, self._error, self._filter = "", None, "", RadarFilter()

    def action_cycle_status(self) -> None:
        self._status = STATUS_CYCLE[(STATUS_CYCLE.index(self._status) + 1) % len(STATUS_CYCLE)]
        try:
            self._filter = parse_filter(self._line, status=self._status)
        except InputError:
            self._filter = RadarFilter(status=self._status)
        self._apply()

    def action_cycle_sort(self) -> None:
        keys = list(SORTS)
        self._sort = keys[(keys.index(self._sort) + 1) % len(keys)]
        self._apply()

    # Acting on the highlighted item --------------------------------------------------------------

    def _selected(self) -> RadarItem | None:
        key = self.query_one(PagedTable).current_key
        row = self._row(key) if key is not None else None
        if row is None:
            self.say("No item is highlighted.", severity="warning")
            return None
        return row.item

    def _act(self, change: Callable[[RadarItem], object], done: Callable[[RadarItem], str]) -> None:
        """One key on the highlighted item: the service call, then what it did (or the one-line error)."""
        item = self._selected()
        if item is not None:
            self.run(lambda: change(item), lambda _: done(item))

    def action_status(self, status: str) -> None:
        self._act(
            lambda item: radar_service.set_status(self.db, item.id, status, now=self.tt.now()),
            lambda item: f"{STATUS_WORDS[status]}: {item.title}",
        )

    def _place(self, **where: str | None) -> None:
        item = self._selected()
        if item is None:
            return

        def done(after: RadarItem) -> str:
            placed = (
                " · ".join(part for part in (after.ring, QUADRANT_LABELS.get(after.quadrant or "")) if part)
                or "off the radar"
            )
            read = " (and read)" if item.status == "inbox" and after.status == "read" else ""
            return f"{item.title}: {placed}{read}"

        self.run(lambda: radar_service.place(self.db, item.id, now=self.tt.now(), **where), done)

    def action_ring(self, ring: str) -> None:
        self._place(ring=ring)

    def action_quadrant(self, quadrant: str) -> None:
        self._place(quadrant=quadrant)

    def action_off_radar(self) -> None:
        self._place(ring=None, quadrant=None)

    def action_open(self) -> None:
        item = self._selected()
        if item is not None:
            self.open_link(item.url)

    def action_edit(self) -> None:
        item = self._selected()
        if item is not None:
            self.open_form(item_form(self, item), lambda saved: f"Saved: {saved.title} (u undoes the edit)")

    def action_promote(self) -> None:
        item = self._selected()
        if item is not None:
            self.run(
                lambda: radar_service.promote(self.db, item.id, today=self.today(), now=self.tt.now()),
                lambda promoted: f"Promoted to a deep dive in {promoted.quarter}: {item.title}",
                warn=lambda promoted: promoted.warning,
            )

    def action_new_decision(self) -> None:
        """N: a decision linked to this item, on the Decisions screen's form."""
        from techtime.services import decisions as decision_service
        from techtime.tui.screens.decisions import start_linked

        item = self._selected()
        if item is not None:
            self.call_later(start_linked, self, lambda: decision_service.draft_from_radar_item(self.db, item.id))

    def action_delete(self) -> None:
        self._act(
            lambda item: radar_service.delete(self.db, item.id, now=self.tt.now()),
            lambda item: f"Deleted {item.title}: u brings it back",
        )

    # Other views ---------------------------------------------------------------------------------

    def action_triage(self) -> None:
        from techtime.tui.screens.radar_triage import TriageScreen

        if not radar_service.inbox(self.db):
            self.say("The inbox is empty: nothing to triage.")
            return
        self.app.push_screen(TriageScreen())

    def action_picture(self) -> None:
        from techtime.tui.screens.radar_picture import RadarPictureScreen

        self.app.push_screen(RadarPictureScreen())


def _warm_up_search() -> None:
    import sqlite_utils  # noqa: F401


def _cells(row: RadarRow) -> list[Text]:
    item = row.item
    mark, mark_style = MOVES.get(row.moved or "", ("", ""))
    title_style = "dim" if item.status == "archived" else ""
    return [
        Text(item.status, style=STATUS_STYLES.get(item.status, "")),
        Text(item.ring or "", style=RING_STYLES.get(item.ring or "", "")),
        Text(SHORT_QUADRANTS.get(item.quadrant or "", "")),
        safe(item.title, title_style),
        safe(" ".join(f"#{tag}" for tag in item.tags), "dim"),
        Text(mark, style=mark_style),
        Text(item.captured_at[:10]),
    ]


def _describe(row: RadarRow, quarter: Quarter) -> Text:
    item, moved, history = row.item, row.moved, row.history
    facts: list[tuple[str, str] | Text | str] = [
        (item.status, STATUS_STYLES.get(item.status, "")),
        ("  ·  ", "dim"),
        (item.ring or "no ring", RING_STYLES.get(item.ring or "", "dim")),
        ("  ·  ", "dim"),
        (QUADRANT_LABELS.get(item.quadrant or "", "no quadrant"), "" if item.quadrant else "dim"),
    ]
    if moved:
        facts += [("  ·  ", "dim"), (f"{moved} in {quarter}", MOVES[moved][1])]
    facts += [("  ·  ", "dim"), f"captured {item.captured_at[:10]}"]
    if item.read_at:
        facts.append(f", read {item.read_at[:10]}")
    if item.dive_id:
        facts += [("  ·  ", "dim"), ("a deep dive", "bold magenta")]
    if item.tags:
        facts += [("  ·  ", "dim"), safe(" ".join(f"#{tag}" for tag in item.tags), "cyan")]
    steps = "  →  ".join(
        f"{move.moved_on.isoformat()} {move.ring or 'off'}{'/' + move.quadrant if move.quadrant else ''}"
        for move in history
    )
    notes = clean(item.notes, multiline=True).strip().splitlines()
    rows = [
        line(safe(item.title, "bold")),
        line(safe(item.url, "underline") if item.url else ("no link", "dim")),
        line(*facts),
        line(("notes: ", "dim"), safe(" / ".join(notes), width=200) if notes else ("none (e edits the item)", "dim")),
        line(("history: ", "dim"), (steps or "never placed on the radar", "" if steps else "dim")),
        Text(KEY_HINTS, style="dim"),
    ]
    return Text("\n").join(rows)
