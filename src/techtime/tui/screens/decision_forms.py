"""The Decisions area's forms: the whole record (options side by side, the review questions), the review
flow (what happened, held?, grade, lesson) and the snooze.

Each form reads what was typed with the domain's parsers and hands it to a service; any InputError
(naming the field and what is accepted) is shown under the form, nothing is saved, and what was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select, Static, TextArea

from techtime.domain.decisions import (
    BLAST_RADII,
    DOORS,
    HELD,
    KINDS,
    STATUSES,
    DecisionFields,
    OptionFields,
    ReviewFields,
    check_options,
    parse_decision_form,
    parse_review_form,
)
from techtime.domain.questions import GROUP_WORDS
from techtime.errors import InputError
from techtime.services.decisions import Draft, Record
from techtime.services.questions import Asked
from techtime.tui.screens.form import FORM_HELP, FormScreen
from techtime.tui.text import line, safe

OPTION_ROWS = 4
OPTION_COLUMNS = (
    ("title", "Option"),
    ("pros", "Pros"),
    ("cons", "Cons"),
    ("cost", "Cost / TCO"),
    ("time_to_value", "Time to value"),
    ("maintenance", "Maintenance"),
    ("team_fit", "Team fit"),
)


class HandleSuggester(Suggester):
    """Completes the handle being typed (the last word of `@priya, @sa`) from the roster."""

    def __init__(self, handles: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.handles = list(handles)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        stem = word.lstrip("@,").lower()
        if not stem:
            return None
        for handle in self.handles:
            if handle.lower().startswith(stem) and handle.lower() != stem:
                prefix = f"{head} " if head else ""
                return f"{prefix}@{handle}" if word.startswith("@") else f"{prefix}{handle}"
        return None


def _row(label: str, widget: Input | Select[str]) -> ComposeResult:
    with Horizontal(classes="form-row"):
        yield Label(label, classes="form-label")
        yield widget


def _area(label: str, field_id: str, text: str) -> ComposeResult:
    yield Label(label, classes="form-area-label")
    yield TextArea(text, id=field_id, classes="form-area", soft_wrap=True)


class DecisionForm(FormScreen[int]):
    """The whole record: the call, its options side by side, blast radius, reversibility, confidence,
    the prediction, review dates, people consulted (completed from the roster) and the review questions."""

    CSS_PATH = "decisions.tcss"

    def __init__(
        self,
        *,
        today: date,
        roster: Sequence[str],
        questions: Sequence[Asked],
        save: Callable[[DecisionFields, dict[str, str]], int],
        record: Record | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__(self._read)
        self.today = today
        self.roster = list(roster)
        self.questions = list(questions)
        self.record = record
        self.draft = draft
        self._save_fields = save

    def compose(self) -> ComposeResult:
        record, draft = self.record, self.draft
        decision = record.decision if record else None
        title = f"Edit: {decision.title}" if decision else "A new decision"
        with VerticalScroll(classes="form-box", id="decision-form", can_focus=False):
            yield Static(safe(title, "bold"), classes="form-title")
            if record and record.frozen:
                yield Static(
                    "Decided: a change to the prediction or the confidence is kept as a dated amendment; "
                    "the original stays as written.",
                    classes="form-note",
                    markup=False,
                )
            value = draft.title if draft else decision.title if decision else ""
            yield from _row("Title", Input(value, id="d-title", placeholder="the call, e.g. Buy a managed portal"))
            day = decision.decided_on.isoformat() if decision else self.today.isoformat()
            yield from _row("Date", Input(day, id="d-date", placeholder="the day of the call"))
            status = decision.status if decision else "proposed"
            yield from _row(
                "Status", Select([(s, s) for s in STATUSES], value=status, allow_blank=False, id="d-status")
            )
            kind = decision.kind if decision else draft.kind if draft else "architecture"
            yield from _row("Kind", Select([(k, k) for k in KINDS], value=kind, allow_blank=False, id="d-kind"))
            yield from _area("Context: the problem", "d-context", decision.context if decision else "")
            yield from _area("Drivers (one a line)", "d-drivers", decision.drivers if decision else "")
            yield Label(
                "Options (for build vs buy: cost, time to value, maintenance, team fit)", classes="form-area-label"
            )
            with Horizontal(classes="option-row option-head"):
                for _, heading in OPTION_COLUMNS:
                    yield Label(heading, classes="option-cell")
            options = list(record.options) if record else []
            for row in range(OPTION_ROWS):
                with Horizontal(classes="option-row"):
                    for name, _ in OPTION_COLUMNS:
                        text = getattr(options[row], name) if row < len(options) else ""
                        yield Input(text.replace("\n", "; "), id=f"o{row}-{name}", classes="option-cell")
            chosen = next((str(i + 1) for i, o in enumerate(options) if o.chosen), "")
            yield from _row(
                "Chosen option", Input(chosen, id="d-chosen", placeholder="its number, 1-4 (empty: none yet)")
            )
            yield from _row("Why", Input(decision.why if decision else "", id="d-why", placeholder="why that option"))
            blast = decision.blast_radius if decision else ""
            yield from _row(
                "Blast radius", Select([(b, b) for b in BLAST_RADII], value=blast or Select.NULL, id="d-blast")
            )
            blast_text = decision.blast_text if decision else ""
            placeholder = "what breaks, e.g. every payment confirmation"
            yield from _row("If it is wrong", Input(blast_text, id="d-blast-text", placeholder=placeholder))
            door = decision.door if decision else ""
            yield from _row("Door", Select([(d, d) for d in DOORS], value=door or Select.NULL, id="d-door"))
            yield from _row("Cost to reverse", Input(decision.reverse_cost if decision else "", id="d-reverse"))
            yield from _row("Hiring, retention", Input(decision.hiring if decision else "", id="d-hiring"))
            confidence = record.confidence if record else None
            yield from _row("Confidence %", Input("" if confidence is None else str(confidence), id="d-confidence",
                                                  placeholder="50-99: how sure the prediction holds"))  # fmt: skip
            yield from _area(
                "Prediction: what will be true, falsifiably", "d-prediction", record.prediction if record else ""
            )
            reviews = ", ".join(r.due_on.isoformat() for r in record.open_reviews) if record else ""
            yield from _row("Review dates", Input(reviews, id="d-reviews", placeholder="empty: one, 90 days on"))
            consulted = " ".join(f"@{h}" for h in decision.consulted) if decision else ""
            yield from _row("Consulted", Input(consulted, id="d-consulted", placeholder="@handles from the roster",
                                               suggester=HandleSuggester(self.roster)))  # fmt: skip
            tags = " ".join(f"#{t}" for t in (decision.tags if decision else draft.tags if draft else ()))
            yield from _row("Tags", Input(tags, id="d-tags", placeholder="#platform"))
            if self.questions:
                yield Label("Questions to ask (answers are kept on the decision)", classes="form-area-label")
                group = None
                for index, asked in enumerate(self.questions):
                    if asked.group != group:
                        group = asked.group
                        yield Static(safe(GROUP_WORDS.get(group, "Asked before"), "bold"), classes="question-group")
                    yield Static(safe(asked.text), classes="question-text")
                    yield Input(asked.answer, id=f"q{index}", classes="question-answer", placeholder="the answer")
            yield Static(classes="form-error")
            yield Static(FORM_HELP, classes="form-help", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#d-title", Input).focus()

    def _read(self, form: FormScreen[int]) -> int:
        values = self.values()
        options = []
        for row in range(OPTION_ROWS):
            cells = {name: values[f"o{row}-{name}"].strip() for name, _ in OPTION_COLUMNS}
            if not any(cells.values()):
                continue
            if not cells["title"]:
                raise InputError(f"options: option {row + 1} needs a title, e.g. Buy Port")
            cells = {k: (v.replace("; ", "\n") if k in ("pros", "cons") else v) for k, v in cells.items()}
            options.append(OptionFields(**cells))  # type: ignore[arg-type]
        chosen = values["d-chosen"].strip()
        if chosen:
            if not chosen.isdigit() or not 1 <= int(chosen) <= len(options):
                raise InputError(
                    f"chosen option: {chosen!r} is not accepted: use the number of an option, 1-{len(options) or 1}"
                )
            options[int(chosen) - 1] = options[int(chosen) - 1]._replace(chosen=True)
        fields = parse_decision_form(
            {
                "title": values["d-title"],
                "date": values["d-date"],
                "status": values["d-status"],
                "kind": values["d-kind"],
                "context": values["d-context"],
                "drivers": values["d-drivers"],
                "why": values["d-why"],
                "blast_radius": values["d-blast"],
                "blast_text": values["d-blast-text"],
                "door": values["d-door"],
                "reverse_cost": values["d-reverse"],
                "hiring": values["d-hiring"],
                "confidence": values["d-confidence"],
                "prediction": values["d-prediction"],
                "review_dates": values["d-reviews"],
                "consulted": values["d-consulted"],
                "tags": values["d-tags"],
            },
            today=self.today,
            roster=self.roster,
            options=check_options(options),
        )
        answers = {self.questions[i].text: values[f"q{i}"] for i in range(len(self.questions))}
        return self._save_fields(fields, answers)


class ReviewForm(FormScreen[int]):
    """The review flow: the prediction as written, then what happened, did it hold, the process grade
    (judged apart from the outcome) and the lesson."""

    CSS_PATH = "decisions.tcss"

    def __init__(self, record: Record, *, today: date, save: Callable[[ReviewFields], int]) -> None:
        super().__init__(self._read)
        self.record = record
        self.today = today
        self._save_review = save

    def compose(self) -> ComposeResult:
        record = self.record
        decision = record.decision
        with VerticalScroll(classes="form-box", id="review-form", can_focus=False):
            yield Static(line(("Review: ", "bold"), safe(decision.title, "bold")), classes="form-title")
            sure = f"{decision.confidence} % sure" if decision.confidence is not None else "no confidence given"
            yield Static(line(("Decided ", "dim"), decision.decided_on.isoformat(), ("  ·  ", "dim"), sure))
            yield Static(line(("Predicted: ", "bold"), safe(decision.prediction or "no prediction written")))
            for amendment in record.amendments:
                yield Static(
                    line(
                        (f"Amended {amendment.on.isoformat()}: ", "dim"), f"{amendment.field} ", safe(amendment.value)
                    ),
                    classes="amendment",
                )
            due = record.open_reviews[0].due_on.isoformat() if record.open_reviews else self.today.isoformat()
            yield Static(line(("Review due ", "dim"), due))
            yield from _row("Reviewed on", Input(self.today.isoformat(), id="r-on"))
            yield from _area("What happened", "r-happened", "")
            yield from _row("Did it hold?", Select([(h, h) for h in HELD], id="r-held", prompt="yes, partly or no"))
            grades = [
                (f"{g}: {w}", str(g))
                for g, w in zip(range(1, 6), ("poor", "weak", "fair", "good", "excellent"), strict=True)
            ]
            yield from _row("Process grade", Select(grades, id="r-grade", prompt="1-5, apart from the outcome"))
            yield from _area("Lesson", "r-lesson", "")
            yield Static(classes="form-error")
            yield Static(FORM_HELP, classes="form-help", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#r-happened", TextArea).focus()

    def _read(self, form: FormScreen[int]) -> int:
        values = self.values()
        fields = parse_review_form(
            {
                "on": values["r-on"],
                "happened": values["r-happened"],
                "held": values["r-held"],
                "grade": values["r-grade"],
                "lesson": values["r-lesson"],
            },
            today=self.today,
            decided_on=self.record.decision.decided_on,
        )
        return self._save_review(fields)


class SnoozeForm(FormScreen[date]):
    """Move a due review to a later day."""

    CSS_PATH = "decisions.tcss"

    def __init__(self, title: str, due: date, *, save: Callable[[str], date]) -> None:
        super().__init__(lambda form: save(self.values()["s-date"]))
        self._title = title
        self._due = due

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box", id="snooze-form", can_focus=False):
            yield Static(line(("Snooze the review of ", "bold"), safe(self._title, "bold")), classes="form-title")
            yield Static(f"Due {self._due.isoformat()}. Move it to:", markup=False)
            yield from _row("New date", Input("in 2 weeks", id="s-date", placeholder="a day ahead: in 2w, Jan 15"))
            yield Static(classes="form-error")
            yield Static(FORM_HELP, classes="form-help", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#s-date", Input).focus()
