"""The question bank's questions on a form, answered where they are asked: the decision form offers the
build-vs-buy and design-review questions, a deep dive's "challenge the assumptions" step the design-review
ones. One way to lay them out and read them back, for every form that offers them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from techtime.domain.questions import GROUP_WORDS
from techtime.services.questions import Asked
from techtime.tui.form import HELP, Field, Form, Values
from techtime.tui.text import safe


def question_fields(questions: Sequence[Asked]) -> list[Field]:
    """A field per question (q0, q1, ...), holding the answer given there before."""
    return [
        Field(f"q{index}", asked.text, asked.answer, placeholder="the answer") for index, asked in enumerate(questions)
    ]


def compose_questions(form: Form[Any], questions: Sequence[Asked], heading: str) -> ComposeResult:
    """The questions under a heading, grouped by use, each with its answer's input and note under it."""
    if not questions:
        return
    named = {field.name: field for field in form.fields}
    yield Label(heading, classes="form-area-label")
    group = None
    for index, asked in enumerate(questions):
        if asked.group != group:
            group = asked.group
            yield Static(safe(GROUP_WORDS.get(group, "Asked before"), "bold"), classes="question-group")
        yield Static(safe(asked.text), classes="question-text")
        answer = form._widget(named[f"q{index}"])
        answer.add_class("question-answer")
        yield answer
        yield Static(id=f"note-q{index}", classes="form-note multiline")


def answered(values: Values, questions: Sequence[Asked]) -> list[tuple[Asked, str]]:
    """Each question offered with what its field holds now."""
    return [(asked, values[f"q{index}"]) for index, asked in enumerate(questions)]


class QuestionsForm(Form[int]):
    """The bank's questions alone, for a place that is not a form of its own (a deep dive's step)."""

    CSS_PATH = "decisions.tcss"

    def __init__(
        self,
        title: str | Text,
        questions: Sequence[Asked],
        save: Callable[[list[tuple[Asked, str]]], int],
        *,
        heading: str = "Questions to ask (answers are kept)",
    ) -> None:
        self.questions = list(questions)
        self.heading = heading
        super().__init__(
            title, question_fields(questions), lambda values: save(answered(values, self.questions)), focus="q0"
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box", can_focus=False):
            yield Static(
                self._title if isinstance(self._title, Text) else safe(self._title, "bold"), classes="form-title"
            )
            yield from compose_questions(self, self.questions, self.heading)
            yield Static(id="form-error", classes="form-error")
            yield Static(safe(HELP, "dim"), classes="form-help")
