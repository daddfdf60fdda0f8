"""The Decisions forms on the one form (techtime.tui.form): the whole record, the review flow
(what happened, held?, grade, lesson) and the snooze.

Every field is a Field read by the domain's parser (techtime.domain.decisions), so a bad value is
refused under its own field and nothing is saved; what needs several fields (a review date before
the call, an option without a title, the chosen option's number) is checked when saving and said
under the field it names. The decision form only lays its fields out its own way: the options side
by side as a small table, the bank's questions with their answers under them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Label, Static

from techtime.domain.decisions import (
    BLAST_RADII,
    DOOR_WORDS,
    DOORS,
    GRADE_WORDS,
    HELD,
    KINDS,
    OPTION_CELLS,
    STATUSES,
    DecisionFields,
    ReviewFields,
    decision_fields,
    decision_parsers,
    option_cell,
    parse_options,
    parse_snooze,
    review_fields,
    review_parsers,
)
from techtime.services.decisions import Draft, Record
from techtime.services.questions import Asked
from techtime.tui.form import HELP_MULTILINE, Field, Form, Values
from techtime.tui.screens.question_forms import answered, compose_questions, question_fields
from techtime.tui.text import line, safe
from techtime.tui.widgets.text_input import TextInput

OPTION_ROWS = 4
OPTION_HEADINGS = {
    "title": "Option",
    "pros": "Pros",
    "cons": "Cons",
    "cost": "Cost / TCO",
    "time_to_value": "Time to value",
    "maintenance": "Maintenance",
    "team_fit": "Team fit",
}
HELD_PREVIEWS = {"yes": "held", "partly": "partly held (counts half)", "no": "did not hold"}
FROZEN_NOTE = (
    "Decided: a change to the prediction or the confidence is kept as a dated amendment; the original stays as written."
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


def _cell(row: int, name: str) -> str:
    return f"o{row}-{name}"


def _blast_preview(size: object) -> str:
    return f"blast radius {size}" if size else ""


def _door_preview(door: object) -> str:
    return DOOR_WORDS.get(str(door), "")


def _confidence_preview(value: object) -> str:
    return f"{value} % sure the prediction holds" if value is not None else ""


def _dates_preview(dates: object) -> str:
    assert isinstance(dates, tuple)
    return ", ".join(day.isoformat() for day in dates)


def decision_form_fields(
    record: Record | None, draft: Draft | None, *, today: date, roster: Sequence[str], questions: Sequence[Asked]
) -> list[Field]:
    """The decision form's fields, each with the domain's parser: the record's values, a draft's, or a new call's."""
    parse = decision_parsers(today=today, roster=roster)
    decision = record.decision if record else None

    def field(name: str, label: str, value: str, placeholder: str = "", **more: Any) -> Field:
        return Field(name, label, value, parse[name], placeholder, **more)

    title = draft.title if draft else decision.title if decision else ""
    kind = decision.kind if decision else draft.kind if draft else "architecture"
    tags = decision.tags if decision else draft.tags if draft else ()
    confidence = record.confidence if record else None
    fields = [
        field("title", "Title", title, "the call, e.g. Buy a managed developer portal"),
        field(
            "date",
            "Date",
            (decision.decided_on if decision else today).isoformat(),
            "the day of the call",
            preview=lambda day: f"{day:%a %d %b %Y}",
        ),
        field("status", "Status", decision.status if decision else "proposed", choices=STATUSES),
        field("kind", "Kind", kind, choices=KINDS),
        field("context", "Context: the problem", decision.context if decision else "", multiline=True),
        field("drivers", "Drivers (one a line)", decision.drivers if decision else "", multiline=True),
    ]
    options = list(record.options) if record else []
    for row in range(OPTION_ROWS):
        for name in OPTION_CELLS:
            value = option_cell(name, getattr(options[row], name)) if row < len(options) else ""
            fields.append(Field(_cell(row, name), OPTION_HEADINGS[name], value))
    chosen = next((str(i + 1) for i, o in enumerate(options) if o.chosen), "")
    fields += [
        Field("chosen", "Chosen option", chosen, placeholder="its row, 1-4 (empty: none yet)"),
        field("why", "Why", decision.why if decision else "", "why that option"),
        field(
            "blast_radius",
            "Blast radius",
            decision.blast_radius if decision else "",
            ", ".join(BLAST_RADII),
            suggestions=BLAST_RADII,
            preview=_blast_preview,
        ),
        field(
            "blast_text",
            "If it is wrong",
            decision.blast_text if decision else "",
            "what breaks, e.g. every payment confirmation",
        ),
        field(
            "door",
            "Reversibility",
            decision.door if decision else "",
            "two-way or one-way door",
            suggestions=DOORS,
            preview=_door_preview,
        ),
        field("reverse_cost", "Cost to reverse", decision.reverse_cost if decision else "", "e.g. a quarter of rework"),
        field(
            "hiring",
            "Hiring effect",
            decision.hiring if decision else "",
            "its effect on hiring and retaining engineers",
        ),
        field(
            "confidence",
            "Confidence %",
            "" if confidence is None else str(confidence),
            "50-99: how sure the prediction holds",
            preview=_confidence_preview,
        ),
        field(
            "prediction",
            "Prediction: what will be true, falsifiably",
            record.prediction if record else "",
            multiline=True,
        ),
        field(
            "review_dates",
            "Review dates",
            ", ".join(r.due_on.isoformat() for r in record.open_reviews) if record else "",
            "empty: one, 90 days on",
            preview=_dates_preview,
        ),
        field(
            "consulted",
            "Consulted",
            " ".join(f"@{h}" for h in decision.consulted) if decision else "",
            "@handles from the roster",
        ),
        field("tags", "Tags", " ".join(f"#{t}" for t in tags), "#platform"),
    ]
    return fields + question_fields(questions)


class DecisionForm(Form[int]):
    """The whole record: the call, its options side by side, blast radius, reversibility, confidence,
    the prediction, review dates, people consulted (completed from the roster) and the review questions."""

    CSS_PATH = "decisions.tcss"

    def __init__(
        self,
        *,
        today: date,
        roster: Sequence[str],
        questions: Sequence[Asked],
        save: Callable[[DecisionFields, list[tuple[Asked, str]]], int],
        record: Record | None = None,
        draft: Draft | None = None,
    ) -> None:
        decision = record.decision if record else None
        title = (
            line(("Edit: ", "bold"), safe(decision.title, "bold")) if decision else Text("A new decision", style="bold")
        )
        fields = decision_form_fields(record, draft, today=today, roster=roster, questions=questions)
        super().__init__(title, fields, self._read, hint=HELP_MULTILINE, focus="title")
        self.roster = list(roster)
        self.questions = list(questions)
        self.record = record
        self.draft = draft
        self._save_fields = save

    def compose(self) -> ComposeResult:
        named = {field.name: field for field in self.fields}
        with VerticalScroll(classes="form-box", id="decision-form", can_focus=False):
            yield Static(self._title, classes="form-title")
            if self.draft and self.draft.link:
                yield Static(line(("Linked to the ", "dim"), safe(self.draft.link)), id="decision-link")
            if self.record and self.record.frozen:
                yield Static(FROZEN_NOTE, classes="form-frozen", markup=False)
            for name in ("title", "date", "status", "kind", "context", "drivers"):
                yield from self._field(named[name])
            yield Label(
                "Options (for build vs buy: cost, time to value, maintenance, team fit); pros and cons: '; ' between",
                classes="form-area-label",
            )
            with Horizontal(classes="option-row option-head"):
                yield Label("", classes="option-number")
                for name in OPTION_CELLS:
                    yield Label(OPTION_HEADINGS[name], classes="option-cell")
            for row in range(OPTION_ROWS):
                with Horizontal(classes="option-row"):
                    yield Label(f"{row + 1}", classes="option-number")
                    for name in OPTION_CELLS:
                        cell = self._widget(named[_cell(row, name)])
                        cell.add_class("option-cell")
                        yield cell
                for name in OPTION_CELLS:
                    yield Static(id=f"note-{_cell(row, name)}", classes="form-note multiline")
            for name in ("chosen", "why", "blast_radius", "blast_text", "door", "reverse_cost", "hiring"):
                yield from self._field(named[name])
            for name in ("confidence", "prediction", "review_dates", "consulted", "tags"):
                yield from self._field(named[name])
            yield from compose_questions(self, self.questions, "Questions to ask (answers are kept on the decision)")
            yield Static(id="form-error", classes="form-error")
            yield Static(safe(self._hint, "dim"), classes="form-help")

    def _field(self, field: Field) -> ComposeResult:
        """One field as the one form lays it out: a row with its label, or a labelled text area; its note under it."""
        if field.multiline:
            yield Label(field.label, classes="form-area-label")
            yield self._widget(field)
        else:
            with Horizontal(classes="form-row"):
                yield Label(field.label, classes="form-label")
                yield self._widget(field)
        yield Static(id=f"note-{field.name}", classes="form-note multiline" if field.multiline else "form-note")

    def _widget(self, field: Field) -> Widget:
        if field.name == "consulted":  # completes the handle being typed, not the whole line
            return TextInput(
                field.value,
                placeholder=field.placeholder,
                select_on_focus=False,
                suggester=HandleSuggester(self.roster),
                id=f"field-{field.name}",
            )
        return super()._widget(field)

    def _read(self, values: Values) -> int:
        rows = [{name: values[_cell(row, name)] for name in OPTION_CELLS} for row in range(OPTION_ROWS)]
        fields = decision_fields(values, parse_options(rows, values["chosen"]))
        return self._save_fields(fields, answered(values, self.questions))


def _held_preview(held: object) -> str:
    return HELD_PREVIEWS[str(held)]


def _grade_preview(grade: object) -> str:
    assert isinstance(grade, int)
    return f"{grade}: {GRADE_WORDS[grade]} (the process, apart from the outcome)"


def review_form(record: Record, *, today: date, save: Callable[[ReviewFields], int]) -> Form[int]:
    """The review flow: the prediction as written above, then what happened, did it hold, the process
    grade (judged apart from the outcome) and the lesson."""
    decision = record.decision
    parse = review_parsers(today=today, decided_on=decision.decided_on)
    sure = f"{decision.confidence} % sure" if decision.confidence is not None else "no confidence given"
    due = record.open_reviews[0].due_on.isoformat() if record.open_reviews else today.isoformat()
    title = line(("Review: ", "bold"), safe(decision.title, "bold"), "\n")
    title.append_text(
        line(
            ("Decided ", "dim"),
            decision.decided_on.isoformat(),
            ("  ·  ", "dim"),
            sure,
            ("  ·  review due ", "dim"),
            due,
            "\n",
        )
    )
    title.append_text(line(("Predicted: ", "bold"), safe(decision.prediction or "no prediction written")))
    for amendment in record.amendments:
        title.append_text(
            line("\n", (f"Amended {amendment.on.isoformat()}: ", "dim"), f"{amendment.field} ", safe(amendment.value))
        )
    fields = [
        Field("on", "Reviewed on", today.isoformat(), parse["on"], "the day of the review"),
        Field("happened", "What happened since the call", "", parse["happened"], multiline=True),
        Field("held", "Did it hold?", "", parse["held"], "yes, partly or no", suggestions=HELD, preview=_held_preview),
        Field(
            "grade",
            "Process grade",
            "",
            parse["grade"],
            "1-5, the process judged apart from the outcome",
            preview=_grade_preview,
        ),
        Field("lesson", "Lesson", "", parse["lesson"], multiline=True),
    ]
    return Form(title, fields, lambda values: save(review_fields(values)), focus="happened")


def snooze_form(record: Record, *, today: date, save: Callable[[date], date]) -> Form[date]:
    """Move the first open review to a later day."""
    decision = record.decision
    due = record.open_reviews[0].due_on
    title = line(("Snooze the review of ", "bold"), safe(decision.title, "bold"), f"\nDue {due.isoformat()}.")

    def parse(text: str) -> date:
        return parse_snooze(text, today, decision.decided_on)

    field = Field(
        "day", "Move it to", "in 2 weeks", parse, "a day ahead: in 2w, Jan 15", preview=lambda day: f"{day:%a %d %b %Y}"
    )
    return Form(title, [field], lambda values: save(values["day"]))
