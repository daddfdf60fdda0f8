"""The Monday triage: the inbox oldest first, one key per decision, against a 30-minute clock.

Going through the whole inbox (a decision or "later" for each item) records
this week's radar scan as done in the practice log.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, Static

from techtime.domain.days import day_text
from techtime.domain.radar import QUADRANT_LABELS
from techtime.domain.text import clean
from techtime.errors import TechtimeError
from techtime.services import radar as radar_service
from techtime.services.radar import RadarItem
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.radar_notes import notes_form
from techtime.tui.text import line, progress_bar, safe
from techtime.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from techtime.services.session import Undone

SCAN_SECONDS = 30 * 60
KEYS = Text.assemble(
    ("Decide  ", "bold"),
    ("r", "bold cyan"),
    " read   ",
    ("b", "bold cyan"),
    " bookmark for a deep dive   ",
    ("a", "bold cyan"),
    " archive   ",
    ("s", "bold cyan"),
    " later (stays in the inbox)\n",
    ("Place   ", "bold"),
    ("A T S H", "bold cyan"),
    " ring adopt, trial, assess, hold   then   ",
    ("E P O L", "bold cyan"),
    " quadrant techniques, platforms, tools, languages\n",
    ("Also    ", "bold"),
    ("o", "bold cyan"),
    " open the link   ",
    ("e", "bold cyan"),
    " notes   ",
    ("u", "bold cyan"),
    " undo the last decision   ",
    ("escape", "bold cyan"),
    " stop (the scan is logged at the end)",
)


class _Decision(NamedTuple):
    """One line of the triage's log (the database keeps what was decided; `u` takes it back)."""

    item_id: int
    title: str
    kind: str  # Read, Bookmarked, Archived, Later, Placed, or a half placement such as "Ring trial"
    moved_on: bool  # did it take the triage to the next item?

    @property
    def label(self) -> str:
        return f"{self.kind}: {clean(self.title)}"


class TriageScreen(TechtimeScreen):
    """Pushed over the Radar screen; the clock starts when it opens."""

    CSS_PATH = "radar.tcss"

    KEYMAP = "radar.triage"
    BINDINGS = keymap.bindings("radar.triage")

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._started = clock()
        self._queue: list[int] = []
        self._position = 0
        self._decisions: list[_Decision] = []
        self._finished = False
        self._stopped_at: float | None = None
        self._logged = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="triage-clock")
        yield Static(id="triage-item")
        yield Static(KEYS, id="triage-keys")
        yield Static(id="triage-log")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Monday triage"
        self._queue = radar_service.inbox(self.db)
        self._skip_decided()
        self.set_interval(1.0, self._show_clock)
        self._show()

    # What is left -------------------------------------------------------------------------------

    @property
    def current(self) -> RadarItem | None:
        if self._position >= len(self._queue):
            return None
        return radar_service.get(self.db, self._queue[self._position])

    @property
    def left(self) -> int:
        return len(self._queue) - self._position

    def _skip_decided(self) -> None:
        """Items decided or deleted elsewhere meanwhile (another terminal) are passed over."""
        while self._position < len(self._queue):
            item = self.current
            if item is not None and item.status == "inbox":
                return
            self._position += 1

    def _elapsed(self) -> float:
        """Seconds since the triage began; the clock stops when it is finished."""
        return (self._stopped_at if self._stopped_at is not None else self._clock()) - self._started

    # Showing ------------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.is_mounted:
            if not self._finished:
                self._skip_decided()
                self._finish_if_done()
            self._show()

    def _show(self) -> None:
        self.query_one("#triage-keys").display = not self._finished
        self._show_clock()
        self._show_item()
        self._show_log()

    def _show_clock(self) -> None:
        remaining = math.ceil(SCAN_SECONDS - self._elapsed())  # a countdown shows 30:00 for its first second
        if remaining >= 0:
            minutes, seconds = divmod(remaining, 60)
            timer = (f"{minutes:02d}:{seconds:02d} left", "bold yellow" if remaining < 5 * 60 else "bold green")
        else:
            minutes, seconds = divmod(-remaining, 60)
            timer = (f"time is up: {minutes:02d}:{seconds:02d} over", "bold red")
        done = len(self._queue) - self.left
        count = f"{self.left} of {len(self._queue)} left" if not self._finished else f"all {len(self._queue)} done"
        self.query_one("#triage-clock", Static).update(
            line(("Monday triage   ", "bold"), timer, "   ", progress_bar(done, len(self._queue), 20), f"  {count}")
        )

    def _show_item(self) -> None:
        panel = self.query_one("#triage-item", Static)
        if self._finished:
            panel.update(self._summary())
            return
        item = self.current
        if item is None:
            panel.update(Text("Nothing left in the inbox.", style="dim"))
            return
        today = self.today()
        age = (today - item.captured_on).days
        notes = " / ".join(clean(item.notes, multiline=True).splitlines())
        placed: list[tuple[str, str] | str] = [
            (f"ring {item.ring}" if item.ring else "no ring yet", "bold" if item.ring else "dim"),
            "   ",
            (
                f"quadrant {QUADRANT_LABELS[item.quadrant]}" if item.quadrant else "no quadrant yet",
                "bold" if item.quadrant else "dim",
            ),
        ]
        rows = [
            line(safe(item.title, "bold")),
            line(safe(item.url, "underline") if item.url else ("no link", "dim")),
            line(
                f"captured {day_text(item.captured_on, today)} ({age} days ago)",
                "   ",
                safe(" ".join(f"#{tag}" for tag in item.tags), "cyan"),
            ),
            line(*placed),
            line(("notes: ", "dim"), safe(notes, width=300) if notes else ("none", "dim")),
        ]
        panel.update(Text("\n").join(rows))

    def _show_log(self) -> None:
        recent = self._decisions[-5:]
        rows = [line(("✓ ", "green"), safe(decision.label, "dim")) for decision in reversed(recent)]
        self.query_one("#triage-log", Static).update(Text("\n").join(rows) if rows else Text(""))

    def _summary(self) -> Text:
        counts: dict[str, int] = {}
        for decision in self._decisions:
            if decision.moved_on:
                counts[decision.kind] = counts.get(decision.kind, 0) + 1
        minutes = max(round(self._elapsed() / 60), 1)
        made = ", ".join(f"{count} {kind.lower()}" for kind, count in counts.items()) or "nothing decided"
        logged = (
            "This week's radar scan is logged as done."
            if self._logged
            else "This week's radar scan was already logged as done."
        )
        return Text.assemble(
            ("Inbox triaged", "bold green"),
            f" in {minutes} min: {made}.\n{logged}\n\n",
            ("escape", "bold cyan"),
            " back to the radar",
        )

    # Deciding -----------------------------------------------------------------------------------

    def _act(
        self, kind: str | Callable[[RadarItem], str], change: Callable[[RadarItem], RadarItem], *, moves_on: bool
    ) -> None:
        """One decision on the current item; `kind` may depend on the item after the change."""
        item = self.current
        if self._finished or item is None:
            return

        def decided(after: RadarItem) -> None:
            # A ring or a quadrant alone leaves the item in the inbox: it moves on once both are set.
            moved_on = moves_on or after.status != "inbox"
            name = kind(after) if callable(kind) else kind
            self._decisions.append(_Decision(item.id, item.title, name, moved_on))
            if moved_on:
                self._position += 1

        self.run(lambda: change(item), then=decided)

    def action_decide(self, status: str) -> None:
        kinds = {"read": "Read", "bookmarked": "Bookmarked", "archived": "Archived"}
        self._act(
            kinds[status],
            lambda item: radar_service.set_status(self.db, item.id, status, now=self.tt.now()),
            moves_on=True,
        )

    def action_later(self) -> None:
        self._act("Later", lambda item: item, moves_on=True)

    def _place(self, half: str, **where: str) -> None:
        def kind(after: RadarItem) -> str:
            return "Placed" if after.ring and after.quadrant else half

        self._act(kind, lambda item: radar_service.place(self.db, item.id, now=self.tt.now(), **where), moves_on=False)

    def action_ring(self, ring: str) -> None:
        self._place(f"Ring {ring}", ring=ring)

    def action_quadrant(self, quadrant: str) -> None:
        self._place(f"Quadrant {QUADRANT_LABELS[quadrant]}", quadrant=quadrant)

    def undone(self, change: Undone) -> None:
        """`u` took back the last decision: off the log, and back to that item if the triage had moved on."""
        if self._finished or not self._decisions or change.row_id != self._decisions[-1].item_id:
            return
        decision = self._decisions.pop()
        if decision.moved_on and decision.item_id in self._queue:
            self._position = self._queue.index(decision.item_id)

    def action_open(self) -> None:
        item = self.current
        if item is not None and not self._finished:
            self.open_link(item.url)

    def action_notes(self) -> None:
        item = self.current
        if item is not None and not self._finished:
            self.open_form(notes_form(self, item))

    def _finish_if_done(self) -> None:
        if self._finished or self.left > 0:
            return
        self._finished = True
        self._stopped_at = self._clock()
        minutes = round(self._elapsed() / 60)
        try:
            self._logged = radar_service.finish_triage(self.db, today=self.today(), now=self.tt.now(), minutes=minutes)
        except TechtimeError as error:
            self.report(error)

    def action_stop(self) -> None:
        if not self._finished and self.left:
            self.say(f"Triage paused with {self.left} left; the scan is logged once you reach the end (t goes on).")
        self.dismiss()
