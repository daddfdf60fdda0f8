"""The radar picture: the radar as it stood at the end of a quarter, with a legend to move through."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.quarters import Quarter
from techtime.domain.radar import QUADRANT_LABELS, QUADRANTS, QUARTER_STATUSES, RING_LABELS
from techtime.services import radar as radar_service
from techtime.services.radar import Blip
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import line, safe
from techtime.tui.widgets.footer import Footer
from techtime.tui.widgets.radar_plot import QUADRANT_COLOURS, STATUS_MARKS, Dot, RadarPlot

MARKS_LEGEND = "   ".join(f"{STATUS_MARKS[status]} {status.lower()}" for status in QUARTER_STATUSES)


class RadarPictureScreen(TechtimeScreen):
    """Up and down move through the blips; [ and ] show the radar of another quarter."""

    CSS_PATH = "radar.tcss"

    KEYMAP = "radar.picture"
    BINDINGS = keymap.bindings("radar.picture")

    def __init__(self) -> None:
        super().__init__()
        self._quarter: Quarter | None = None
        self._blips: list[Blip] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="picture"):
            yield RadarPlot(id="radar-plot")
            with Vertical(id="picture-side"):
                yield Static(id="picture-title")
                yield _Legend(id="picture-legend")
                yield Static(id="picture-blip")
        yield Footer()

    def on_mount(self) -> None:
        self._quarter = Quarter.containing(self.today())
        self.query_one("#picture-legend", OptionList).focus()
        self.reload()

    def reload(self) -> None:
        if self._quarter is None:
            return
        self._blips = radar_service.blips(self.db, self._quarter)
        self.sub_title = f"Radar picture - {self._quarter}"
        self.query_one(RadarPlot).show(
            [Dot(number, blip.ring, blip.quadrant, blip.status) for number, blip in enumerate(self._blips, 1)]
        )
        current = Quarter.containing(self.today())
        when = "now" if self._quarter == current else f"at the end of {self._quarter}"
        self.query_one("#picture-title", Static).update(
            Text.assemble(
                (f"The radar {when}", "bold"),
                f"  {len(self._blips)} blips, moves since {self._quarter.previous()}\n",
                (MARKS_LEGEND, "dim"),
            )
        )
        self._show_legend()
        self._show_blip()

    def _show_legend(self, width: int | None = None) -> None:
        legend = self.query_one("#picture-legend", OptionList)
        before = legend.highlighted_option.id if legend.highlighted_option else None
        legend.clear_options()
        # A line each: the title gets what the mark, number, ring, padding and scroll bar leave.
        width = legend.scrollable_content_region.width if width is None else width
        legend.add_options(self._options(max(width - 12, 8) if width else 34))
        ids = [option.id for option in legend.options]
        if before is not None and before in ids:
            legend.highlighted = ids.index(before)
        else:
            legend.highlighted = next((i for i, option in enumerate(legend.options) if not option.disabled), None)

    def _options(self, title_width: int) -> list[Option]:
        options: list[Option] = []
        for quadrant in QUADRANTS:
            members = [(n, b) for n, b in enumerate(self._blips, 1) if b.quadrant == quadrant]
            options.append(
                Option(Text(QUADRANT_LABELS[quadrant], style=f"bold {QUADRANT_COLOURS[quadrant]}"), disabled=True)
            )
            if not members:
                options.append(Option(Text("  none", style="dim"), disabled=True))
            for number, blip in members:
                options.append(
                    Option(
                        line(
                            (f"{STATUS_MARKS[blip.status]}{number:>3} ", QUADRANT_COLOURS[quadrant]),
                            (f"{RING_LABELS[blip.ring]:<7}", "dim"),
                            safe(blip.item.title, width=title_width),
                        ),
                        id=f"blip:{number}",
                    )
                )
        return options

    def _selected(self) -> tuple[int, Blip] | None:
        option = self.query_one("#picture-legend", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        number = int(option.id.split(":")[1])
        return number, self._blips[number - 1]

    @on(OptionList.OptionHighlighted, "#picture-legend")
    def _show_blip(self) -> None:
        found = self._selected()
        plot = self.query_one(RadarPlot)
        panel = self.query_one("#picture-blip", Static)
        if found is None:
            plot.selected = None
            panel.update(Text("No item was on the radar then.", style="dim") if not self._blips else "")
            return
        number, blip = found
        plot.selected = number
        item = blip.item
        drawn = "" if number in plot.placed or not plot.placed else "  (no room to draw it)"
        panel.update(
            Text("\n").join(
                [
                    line((f"{STATUS_MARKS[blip.status]}{number} ", "bold"), safe(item.title, "bold")),
                    line(
                        f"{RING_LABELS[blip.ring]} · {QUADRANT_LABELS[blip.quadrant]} · {blip.status}",
                        (drawn, "dim"),
                    ),
                    line(safe(item.url, "underline") if item.url else ("no link", "dim")),
                    line(safe(item.notes, "dim", width=150)),
                ]
            )
        )

    def action_quarter(self, step: int) -> None:
        assert self._quarter is not None
        self._quarter = self._quarter.next() if step > 0 else self._quarter.previous()
        self.reload()

    def action_open(self) -> None:
        found = self._selected()
        if found is not None:
            self.open_link(found[1].item.url)

    def action_back(self) -> None:
        self.dismiss()


class _Legend(OptionList):
    """The blips, a line each: laid out again when its width changes (a resized terminal)."""

    def on_resize(self, event: events.Resize) -> None:
        if isinstance(self.screen, RadarPictureScreen) and self.screen._quarter is not None:
            room = event.size.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical
            self.screen._show_legend(room)
