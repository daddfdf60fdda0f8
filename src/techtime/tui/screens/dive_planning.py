"""The planning view: candidates for a quarter, and the quarter as it stands."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.quarters import Quarter
from techtime.services import dives as service
from techtime.services.dives import Candidate
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.dive_labels import STATUS_STYLES, against_target
from techtime.tui.text import line, safe
from techtime.tui.widgets.footer import Footer


class PlanningScreen(TechtimeScreen):
    """Move last quarter's unfinished dives and radar bookmarks into the quarter, one key each."""

    CSS_PATH = "dives.tcss"

    KEYMAP = "dives.planning"
    BINDINGS = keymap.bindings("dives.planning")

    def __init__(self, quarter: Quarter) -> None:
        super().__init__()
        self.quarter = quarter
        self._candidates: dict[str, Candidate] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="planning-header")
        with Horizontal(id="planning-columns"):
            with Vertical(id="planning-left"):
                yield Label("Candidates", classes="dive-section")
                yield OptionList(id="planning-candidates")
            with Vertical(id="planning-right"):
                yield Label(f"In {self.quarter}", classes="dive-section", id="planning-quarter-label")
                yield Static(id="planning-quarter")
        yield Static(
            Text(
                f"m or Enter moves the highlighted candidate into {self.quarter}: a radar item becomes a deep dive "
                "linked to it; an unfinished dive moves with its checklist, failure modes and findings.",
                style="dim",
            ),
            id="planning-hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Deep dives - planning {self.quarter}"
        self.reload()
        self.query_one("#planning-candidates").focus()

    def reload(self) -> None:
        plan = service.quarter_plan(self.db, self.quarter, self.today())
        candidates = service.planning_candidates(self.db, self.quarter)
        self._candidates = {c.key: c for c in candidates}
        header = line((f"Planning {self.quarter}", "bold"), f"  {plan.when}  ")
        header.append_text(against_target(plan))
        if plan.over_target:
            header.append(": more is allowed, each gets less time", style="yellow")
        elif plan.planned == plan.target:
            header.append("   the target is reached: one more warns", style="dim")
        self.query_one("#planning-header", Static).update(header)
        self._show_candidates(candidates)
        right = Text()
        for dive in plan.dives:
            right.append_text(line((f"{dive.status:<8} ", STATUS_STYLES[dive.status]), safe(dive.title, width=48)))
            right.append("\n")
        self.query_one("#planning-quarter", Static).update(right if plan.dives else Text("nothing yet", style="dim"))

    def _show_candidates(self, candidates: list[Candidate]) -> None:
        options = self.query_one("#planning-candidates", OptionList)
        wanted = options.highlighted
        options.clear_options()
        groups = (
            ("dive", f"Unfinished in {self.quarter.previous()}"),
            ("radar", "Bookmarked on the radar for a deep dive"),
        )
        for kind, heading in groups:
            found = [c for c in candidates if c.kind == kind]
            options.add_option(Option(Text(heading, style="bold underline"), disabled=True))
            if not found:
                options.add_option(Option(Text("  none", style="dim"), disabled=True))
            for candidate in found:
                options.add_option(
                    Option(
                        line("  ", safe(candidate.title, "bold", width=60), "\n    ", safe(candidate.detail, "dim")),
                        id=candidate.key,
                    )
                )
        selectable = [i for i, o in enumerate(options.options) if not o.disabled]
        if selectable:
            options.highlighted = min((i for i in selectable if wanted is None or i >= wanted), default=selectable[-1])

    @on(OptionList.OptionSelected, "#planning-candidates")
    def _selected(self) -> None:
        self.action_move_in()

    def action_move_in(self) -> None:
        option = self.query_one("#planning-candidates", OptionList).highlighted_option
        candidate = self._candidates.get(option.id or "") if option else None
        if candidate is None:
            self.say("No candidate highlighted.", severity="warning")
            return
        self.run(
            lambda: service.plan_candidate(self.db, candidate, self.quarter, now=self.tt.now()),
            f"Moved into {self.quarter}: {candidate.title}",
            warn=lambda saved: saved.warning,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
