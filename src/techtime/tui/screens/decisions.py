"""Decisions: the journal, newest first with what is due for review on top; the whole record of the
highlighted call; the review flow; calibration (is "80 % sure" right 80 % of the time?)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Static

from techtime.domain.decisions import (
    DOOR_WORDS,
    Calibration,
    DecisionFields,
    ReviewFields,
    calibration_sentence,
    number,
)
from techtime.domain.text import clean, shorten
from techtime.errors import TechtimeError
from techtime.services import decisions as service
from techtime.services import questions as bank
from techtime.services.decisions import Draft, Entry, Journal, Record
from techtime.services.questions import Asked
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.decision_forms import DecisionForm, review_form, snooze_form
from techtime.tui.text import line, safe
from techtime.tui.widgets.columns import Column
from techtime.tui.widgets.fit_table import FitTable
from techtime.tui.widgets.footer import Footer

STATUS_STYLES = {"proposed": "yellow", "decided": "green", "superseded": "dim", "reversed": "magenta"}
HELD_MARKS = {"yes": ("✓ held", "green"), "partly": ("½ partly", "yellow"), "no": ("✗ missed", "red")}
EMPTY = (
    "No decisions yet. Press n to write one down before its outcome is known, or capture one from anywhere:\n\n"
    "  c  dec Buy a managed developer portal conf:70 review:in 90 days #platform\n\n"
    "Each call keeps its options, blast radius, reversibility, a confidence and a falsifiable prediction; "
    "on its review date you say what happened, and calibration shows whether 80 % sure means 80 %."
)


# The title takes the spare room; in a narrow journal the status goes first, then the date (both are
# in the record beside it).
JOURNAL_COLUMNS = (
    Column("Review", 11, key="review"),
    Column("Date", 10, drop=1, key="date"),
    Column("Status", 10, drop=2, key="status"),
    Column("%", 3, key="confidence"),
    Column("Decision", min_width=22, key="title"),
)


class DecisionsScreen(TechtimeScreen):
    """The journal on the left, the highlighted decision (or calibration) on the right."""

    CSS_PATH = "decisions.tcss"

    KEYMAP = "decisions"
    BINDINGS = keymap.bindings("decisions")

    def __init__(self) -> None:
        super().__init__()
        self.journal: Journal | None = None
        self.showing_calibration = False
        self._ids: list[int] = []
        self._follow: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="decisions-head")
        with Horizontal(id="decisions-body"):
            yield FitTable(JOURNAL_COLUMNS, id="decisions-journal", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="decisions-detail"):
                yield Static(id="decisions-record")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#decisions-journal", DataTable)
        self.reload()
        table.focus()

    # Reading --------------------------------------------------------------------------------------

    def reload(self) -> None:
        today = self.today()
        self.journal = service.journal(self.db, today)
        table = self.query_one("#decisions-journal", DataTable)
        selected = self._follow if self._follow is not None else self.selected_id()
        self._follow = None
        table.clear()
        self._ids = []
        for entry in self.journal.entries:
            decision = entry.decision
            table.add_row(
                _review_cell(entry, today),
                decision.decided_on.isoformat(),
                Text(decision.status, style=STATUS_STYLES.get(decision.status, "")),
                "" if entry.confidence is None else str(entry.confidence),
                safe(decision.title),
                key=str(decision.id),
            )
            self._ids.append(decision.id)
        if selected in self._ids:
            table.move_cursor(row=self._ids.index(selected))
        count = len(self.journal.entries)
        due = self.journal.due
        head = line(("Decisions", "bold"), f"  {count} {'call' if count == 1 else 'calls'}")
        if due:
            head.append(f"  ·  {due} to review", style="bold yellow")
        calibration = service.calibration(self.db)
        head.append(f"  ·  {calibration_sentence(calibration)}", style="dim")
        self.query_one("#decisions-head", Static).update(head)
        self.show_selected()

    def selected_id(self) -> int | None:
        table = self.query_one("#decisions-journal", DataTable)
        if not self._ids or table.cursor_row is None or not 0 <= table.cursor_row < len(self._ids):
            return None
        return self._ids[table.cursor_row]

    @on(DataTable.RowHighlighted, "#decisions-journal")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_selected()

    def show_selected(self) -> None:
        panel = self.query_one("#decisions-record", Static)
        if self.showing_calibration:
            panel.update(calibration_view(service.calibration(self.db)))
            return
        decision_id = self.selected_id()
        if decision_id is None:
            panel.update(Text(EMPTY))
            return
        try:
            record = service.record(self.db, decision_id)
        except TechtimeError as error:
            panel.update(safe(str(error)))
            return
        panel.update(record_view(record, self.today()))

    # Acting ---------------------------------------------------------------------------------------

    def _record(self) -> Record | None:
        decision_id = self.selected_id()
        if decision_id is None:
            self.say("No decision selected: press n to write one down.")
            return None
        try:
            return service.record(self.db, decision_id)
        except TechtimeError as error:
            self.report(error)
            self.reload()
            return None

    def show(self, row_id: int, part: int = 0) -> None:
        """Open on this decision (a search hit, a review due on Today), its record beside the journal."""
        self._follow = row_id
        self.showing_calibration = False
        if self.is_mounted:
            self.reload()
            self.query_one("#decisions-journal", DataTable).focus()

    def follow(self, decision_id: int) -> None:
        """Highlight this decision once the journal is read again."""
        self._follow = decision_id

    def action_new(self) -> None:
        self.open_decision_form(None, None)

    def start_from(self, draft: Draft) -> None:
        """A new decision started from a deep dive or a radar item, linked to it."""
        self.open_decision_form(None, draft)

    def action_edit(self) -> None:
        record = self._record()
        if record is not None:
            self.open_decision_form(record, None)

    def action_open(self) -> None:
        self.query_one("#decisions-detail").focus()

    def open_decision_form(self, record: Record | None, draft: Draft | None) -> None:
        db, now, today = self.db, self.tt.now, self.today()
        place_id = record.decision.id if record else 0
        asked = bank.offered(db, place="decision_id", place_id=place_id, groups=bank.FOR_DECISION)

        def save(fields: DecisionFields, answers: list[tuple[Asked, str]]) -> int:
            return service.save_record(db, fields, decision_id=record.decision.id if record else None, draft=draft,
                                       answers=answers, today=today, now=now())  # fmt: skip

        form = DecisionForm(
            today=today, roster=service.roster(db), questions=asked, save=save, record=record, draft=draft
        )
        linked = " (linked to where it started)" if draft else ""
        self.open_form(form, f"Decision saved{linked}." if record is None else "Decision updated.", then=self.follow)

    def action_review(self) -> None:
        record = self._record()
        if record is None:
            return

        def save(fields: ReviewFields) -> int:
            return service.review(self.db, record.decision.id, fields, now=self.tt.now())

        def done(_: int) -> str:
            return f"Review saved. {calibration_sentence(service.calibration(self.db))}"

        self.open_form(review_form(record, today=self.today(), save=save), done)

    def action_snooze(self) -> None:
        record = self._record()
        if record is None:
            return
        if not record.open_reviews:
            self.say("No open review to snooze: press w to review it now.")
            return
        review_id = record.open_reviews[0].id

        def save(day: date) -> date:
            return service.snooze(self.db, review_id, day, today=self.today()).due_on

        self.open_form(snooze_form(record, today=self.today(), save=save), lambda day: f"Review moved to {day}.")

    def action_calibration(self) -> None:
        self.showing_calibration = not self.showing_calibration
        self.show_selected()

    def action_decide(self) -> None:
        record = self._record()
        if record is None:
            return
        if record.decision.status != "proposed":
            self.say(f"Already {record.decision.status}.")
            return
        self.run(
            lambda: service.set_status(self.db, record.decision.id, "decided", now=self.tt.now()),
            "Marked decided: the prediction and confidence are now kept as written.",
        )

    def action_delete(self) -> None:
        record = self._record()
        if record is None:
            return
        self.run(
            lambda: service.delete_decision(self.db, record.decision.id, now=self.tt.now()),
            "Decision deleted: u brings it back.",
        )


async def start_linked(screen: TechtimeScreen, make: Callable[[], Draft]) -> None:
    """From another area's screen (a deep dive, a radar item): go to Decisions and open the decision form
    on a draft linked to where it started; saved, the journal highlights it with its link."""
    try:
        draft = make()
    except TechtimeError as error:
        screen.report(error)
        return
    await screen.tt.open_area("decisions")
    target = screen.app.screen
    if isinstance(target, DecisionsScreen):
        target.start_from(draft)


# What the panels show -----------------------------------------------------------------------------


def _review_cell(entry: Entry, today: date) -> Text:
    if entry.due and entry.next_review is not None:
        late = (today - entry.next_review).days
        return Text("due today" if late == 0 else f"due {late}d ago", style="bold yellow")
    if entry.next_review is not None:
        return Text(entry.next_review.isoformat(), style="dim")
    if entry.verdict in HELD_MARKS:
        text, style = HELD_MARKS[entry.verdict]
        return Text(text, style=style)
    return Text("")


def record_view(record: Record, today: date) -> Text:
    decision = record.decision
    text = line(safe(decision.title, "bold"), "\n")
    text.append_text(
        line(
            (decision.status, STATUS_STYLES.get(decision.status, "")),
            ("  ·  ", "dim"),
            decision.decided_on.isoformat(),
            ("  ·  ", "dim"),
            decision.kind,
        )
    )
    tags = " ".join(f"#{t}" for t in decision.tags)
    if tags:
        text.append_text(line(("  ·  ", "dim"), safe(tags, "cyan")))
    text.append("\n")

    def section(title: str, body: str) -> None:
        if body.strip():
            text.append(f"\n{title}\n", style="bold")
            text.append(clean(body, multiline=True))
            text.append("\n")

    section("Context", decision.context)
    section("Drivers", decision.drivers)
    if record.options:
        text.append("\nOptions\n", style="bold")
        build_vs_buy = decision.kind == "build-vs-buy" or any(o.cost or o.time_to_value for o in record.options)
        for option in record.options:
            mark = "▶ " if option.chosen else "  "
            text.append_text(line((mark, "green"), safe(option.title, "bold" if option.chosen else "")))
            text.append("\n")
            if option.pros:
                text.append_text(line(("    + ", "green"), safe(option.pros.replace("\n", "; "))))
                text.append("\n")
            if option.cons:
                text.append_text(line(("    - ", "red"), safe(option.cons.replace("\n", "; "))))
                text.append("\n")
        if build_vs_buy:
            text.append_text(_side_by_side(record))
    section("Why", decision.why)
    facts = []
    if decision.blast_radius or decision.blast_text:
        facts.append(("Blast radius", f"{decision.blast_radius} {decision.blast_text}".strip()))
    if decision.door:
        cost = f", cost to reverse: {decision.reverse_cost}" if decision.reverse_cost else ""
        facts.append(("Reversibility", f"{DOOR_WORDS[decision.door]}{cost}"))
    if decision.hiring:
        facts.append(("Hiring, retention", decision.hiring))
    if decision.consulted:
        facts.append(("Consulted", " ".join(f"@{h}" for h in decision.consulted)))
    if facts:
        text.append("\n")
        for label, value in facts:
            text.append_text(line((f"{label}: ", "bold"), safe(value)))
            text.append("\n")
    text.append("\nPrediction", style="bold")
    sure = f" ({decision.confidence} % sure, as written)" if decision.confidence is not None else ""
    text.append(f"{sure}\n", style="dim")
    text.append_text(safe(decision.prediction or "not written yet"))
    text.append("\n")
    for amendment in record.amendments:
        text.append_text(line((f"  amended {amendment.on.isoformat()}: ", "yellow"), f"{amendment.field} ",
                              safe(amendment.value)))  # fmt: skip
        text.append("\n")
    text.append("\nReviews\n", style="bold")
    if not record.reviews:
        text.append("none planned\n", style="dim")
    for review in record.reviews:
        if review.done and review.reviewed_on is not None:
            mark, style = HELD_MARKS.get(review.held or "", ("", ""))
            text.append_text(line(review.reviewed_on.isoformat(), "  ", (mark, style), f"  process {review.grade}/5"))
            text.append("\n")
            text.append_text(line("  ", safe(review.happened.replace("\n", " "))))
            text.append("\n")
            if review.lesson:
                text.append_text(line(("  lesson: ", "dim"), safe(review.lesson.replace("\n", " "))))
                text.append("\n")
        else:
            when = "due" if review.due_on <= today else "planned"
            snoozed = f" (snoozed from {review.snoozed_from.isoformat()})" if review.snoozed_from else ""
            style = "bold yellow" if when == "due" else "dim"
            text.append_text(line((f"{when} {review.due_on.isoformat()}{snoozed}", style)))
            text.append("\n")
    links = []
    if record.dive:
        links.append(("Deep dive", record.dive[1]))
    for _, title in record.radar_items:
        links.append(("Radar", title))
    if record.supersedes:
        links.append(("Supersedes", record.supersedes[1]))
    for _, title in record.superseded_by:
        links.append(("Superseded by", title))
    if links:
        text.append("\nLinks\n", style="bold")
        for label, title in links:
            text.append_text(line((f"{label}: ", "dim"), safe(title)))
            text.append("\n")
    answered = [a for a in record.answers if a.answer.strip()]
    if answered:
        text.append("\nQuestions asked\n", style="bold")
        for answer in answered:
            text.append_text(line(safe(answer.text, "italic")))
            text.append("\n")
            text.append_text(line("  ", safe(answer.answer)))
            text.append("\n")
    return text


def _side_by_side(record: Record) -> Text:
    """The build-vs-buy columns, one row an option, each cell cut to its column."""
    widths = (15, 10, 9, 9, 8)
    headings = ("Option", "Cost / TCO", "To value", "Upkeep", "Team fit")
    text = Text("\n")
    for heading, width in zip(headings, widths, strict=True):
        text.append(f"{heading:<{width}} ", style="bold")
    text.append("\n")
    for option in record.options:
        cells = (option.title, option.cost, option.time_to_value, option.maintenance, option.team_fit)
        for value, width in zip(cells, widths, strict=True):
            cell = shorten(clean(value), width)
            text.append(f"{cell:<{width}} ", style="green" if option.chosen else "")
        text.append("\n")
    return text


def calibration_view(calibration: Calibration) -> Text:
    text = Text("Calibration\n", style="bold")
    text.append("For each confidence band, how many reviewed predictions held (partly counts half).\n\n", style="dim")
    for band in calibration.bands:
        rate = band.rate
        bar = "" if rate is None else "█" * round(rate * 20)
        held = f"{number(band.held)} of {band.calls} held" if band.calls else "none reviewed"
        expected = "" if rate is None else f"  ({rate:.0%} vs {band.low}-{band.high} % stated)"
        text.append(f"{band.label:>9}  ")
        text.append(f"{bar:<20}", style="green" if rate is not None and rate * 100 >= band.low else "yellow")
        text.append(f"  {held}{expected}\n")
    brier = "no score yet" if calibration.brier is None else f"{calibration.brier:.3f}"
    text.append(f"\nBrier score: {brier}  (0 is perfect; always saying 50 % scores 0.25)\n")
    text.append(f"Reviewed: {calibration.reviewed}  ·  still open: {calibration.open}\n")
    text.append(f"\n{calibration_sentence(calibration)}\n", style="italic")
    for heading, found in (
        ("Good process, bad outcome (bad luck)", calibration.good_process_bad_outcome),
        ("Bad process, good outcome (good luck)", calibration.bad_process_good_outcome),
    ):
        text.append(f"\n{heading}\n", style="bold")
        if not found:
            text.append("  none\n", style="dim")
        for outcome in found:
            text.append_text(
                line("  ", safe(outcome.title), (f"  (process {outcome.grade}/5, held {outcome.held})", "dim"))
            )
            text.append("\n")
    return text
