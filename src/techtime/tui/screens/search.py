"""Search everything (ctrl+f from every screen, and the palette): as you type, the hits of every area,
grouped by area, each with its kind and a snippet with the matched words lit; Enter opens the hit on
its own screen with its row highlighted (each screen's `show`).

Each keystroke searches in a thread worker on a connection of its own (services.search.Searcher);
a newer keystroke interrupts the search before it, and only the hits of what is typed now are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from techtime import areas
from techtime.services import search as search_service
from techtime.services.search import Hit, Searcher
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen, say
from techtime.tui.text import line, safe
from techtime.tui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from textual.screen import Screen

    from techtime.tui.app import TechtimeApp

HINT = "words as words, the last one as you type it · down to the hits · enter opens · escape closes"
MATCHED = "bold reverse"


class SearchScreen(ModalScreen["Hit | None"]):
    """Type; the hits follow. Dismissed with the hit to open, or None."""

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        & > #search-box {
            width: 110;
            max-width: 100%;
            height: 90%;
            margin-top: 1;
            padding: 0 1;
            border: thick $accent;
            background: $surface;
        }
        #search-input { margin-bottom: 0; }
        #search-status { height: 1; color: $text-muted; }
        #search-hits { height: 1fr; }
    }
    """
    BINDINGS = keymap.bindings("search")

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[Hit] = []
        self._hits_for: str | None = None  # the text the hits shown are for
        self._searcher: Searcher | None = None

    @property
    def tt(self) -> TechtimeApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield TextInput(placeholder="search everything: radar, notes, dives, pairing, ...", id="search-input")
            yield Static(Text(HINT), id="search-status")
            yield OptionList(id="search-hits")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = "Search everything"
        self._searcher = Searcher(self.tt.db.filename)
        self.query_one("#search-input", Input).focus()

    def on_unmount(self) -> None:
        if self._searcher is not None:
            self._searcher.close()

    # Searching as you type -----------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        assert self._searcher is not None
        generation = self._searcher.interrupt()
        if not search_service.searchable(event.value):
            self._show(event.value, [])
            return
        self._search(event.value, generation)

    @work(thread=True, exclusive=True, group="search-everything")
    def _search(self, text: str, generation: int) -> None:
        assert self._searcher is not None
        hits = self._searcher.search(text, generation)
        if hits is None or get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show, text, hits)

    def _show(self, text: str, hits: list[Hit]) -> None:
        """Show the hits, if they are for what is typed now (a slower, older search never overwrites)."""
        if not self.is_mounted or text != self.query_one("#search-input", Input).value:
            return
        self._hits, self._hits_for = hits, text
        options = self.query_one("#search-hits", OptionList)
        options.clear_options()
        options.add_options(_options(hits))
        status = self.query_one("#search-status", Static)
        if not text.strip():
            status.update(Text(HINT))
        elif not hits:
            status.update(line(("Nothing found for ", "yellow"), safe(text.strip(), "bold")))
        else:
            areas_found = len({hit.area for hit in hits})
            status.update(
                line(
                    (f"{len(hits)} hit{'' if len(hits) == 1 else 's'} in {areas_found} area"
                     f"{'' if areas_found == 1 else 's'} for ", ""),
                    safe(text.strip(), "bold"),
                    ("  · enter opens the first, down chooses", "dim"),
                )
            )  # fmt: skip
        first = next((index for index, option in enumerate(options.options) if not option.disabled), None)
        options.highlighted = first

    # Opening a hit -------------------------------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._hits_for != event.value:
            # Enter came before the worker's answer: search here, on the app's connection (a few ms).
            self._show(event.value, search_service.search(self.tt.db, event.value))
        self._open(self.query_one("#search-hits", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def _open(self, index: int | None) -> None:
        option = self.query_one("#search-hits", OptionList).get_option_at_index(index) if index is not None else None
        if option is None or option.id is None:
            if self._hits_for is not None and self._hits_for.strip():
                say(self.app, "Nothing to open: no hit is highlighted.", severity="warning")
            return
        self.dismiss(self._hits[int(option.id)])

    def action_to_hits(self) -> None:
        hits = self.query_one("#search-hits", OptionList)
        if hits.option_count:
            hits.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _options(hits: list[Hit]) -> list[Option | None]:
    options: list[Option | None] = []
    area = None
    for index, hit in enumerate(hits):
        if hit.area != area:
            area = hit.area
            if options:
                options.append(None)
            record = areas.area(hit.area)
            options.append(Option(Text(record.found or record.title, style="bold underline"), disabled=True))
        options.append(Option(_hit_text(hit), id=str(index)))
    return options


def _hit_text(hit: Hit) -> Text:
    """Its kind, its title and day; under them the snippet, its matched words lit (in the title itself
    when the words matched are the title's)."""
    in_title = "".join(part for part, _ in hit.snippet) == hit.title
    title = Text()
    if in_title:
        for part, matched in hit.snippet:
            title.append_text(safe(part, MATCHED if matched else "bold"))
        title.truncate(70, overflow="ellipsis")
    else:
        title = safe(hit.title, "bold", width=70)
    heading = line((f"  {hit.kind:<24} ", "cyan"), title)
    if hit.when:
        heading.append(f"  {hit.when}", style="dim")
    if in_title:
        return heading
    snippet = Text("    ")
    for part, matched in hit.snippet:
        snippet.append_text(safe(part, MATCHED if matched else "dim"))
    return Text("\n").join([heading, snippet])


# Opening a hit on its own screen ------------------------------------------------------------------


def open_hit(app: TechtimeApp, hit: Hit) -> None:
    """Show the hit's area (its mode, or the screen pushed over Today for an area without a number key)
    with the hit's row highlighted. Views opened over that area's screen close; an open form stays."""
    from textual.screen import Screen as TextualScreen

    from techtime.tui.form import Form

    area = areas.area(hit.area)
    mode = area.key if app.has_mode(area.key) else app.DEFAULT_MODE
    app.switch_mode(mode)
    base: TextualScreen[object] = app.screen_stack[0]
    while app.screen is not base and not isinstance(app.screen, Form):
        app.pop_screen()
    if isinstance(app.screen, Form):
        say(app, "A form is open: save or close it (escape), then open the hit again.", severity="warning")
        return
    target: Screen[object] = base
    if mode != area.key and area.screen:
        target = areas.resolve(area.screen)()
    if isinstance(target, TechtimeScreen):
        target.show(hit.id, hit.part)  # before a new screen mounts: it opens on the hit
    if target is not base:
        app.push_screen(target)
