"""Plan a session with an engineer, log one that happened, or change one: the one form, with multi-line
notes, and the questions of the session's kind from the bank (a technical 1-on-1's, an interview's)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from techtime.domain.dates import BACK, FORWARD, parse_date
from techtime.domain.days import day_text
from techtime.domain.pairing import (
    DONE,
    KINDS,
    PAIRING,
    PLANNED,
    SESSION_STATUSES,
    kind_word,
    parse_kind,
    parse_minutes,
)
from techtime.services.pairing import Session
from techtime.services.questions import Asked
from techtime.tui.form import Field, Form, Values
from techtime.tui.text import safe
from techtime.tui.widgets.text_input import TextInput

TITLES = {PLANNED: "Plan a session", DONE: "Log a session"}


class SessionForm(Form[Session]):
    """The session form, with the questions its kind offers under the fields (they follow the kind as it
    is changed); `answers()` gives what was typed for them, by the question's text."""

    DEFAULT_CSS = """
    SessionForm #session-questions {
        height: auto;
    }
    SessionForm .question-text {
        margin-top: 1;
        color: $text-muted;
    }
    """

    def __init__(
        self, title: str, fields: Sequence[Field], save: Callable[[Values], Session | None], *,
        questions: Mapping[str, Sequence[Asked]], focus: str,
    ) -> None:  # fmt: skip
        super().__init__(title, fields, save, focus=focus)
        self._questions = questions
        # What was typed for each question (by its text), kept while the kind changes back and forth.
        self._replies: dict[str, str] = {asked.text: asked.answer for kind in questions for asked in questions[kind]}
        self._kind = next((f.value for f in fields if f.name == "kind"), PAIRING) or PAIRING

    def compose_more(self) -> ComposeResult:
        yield Vertical(*self._question_widgets(self._kind), id="session-questions")

    def _question_widgets(self, kind: str) -> list[Static | Input]:
        asked = self._questions.get(kind, ())
        if not asked:
            return []
        widgets: list[Static | Input] = [Static(safe(f"Questions for a {kind_word(kind)} (from the bank)", "bold"))]
        for index, question in enumerate(asked):
            widgets.append(Static(safe(question.text), classes="question-text"))
            reply = self._replies.get(question.text, "")
            widgets.append(TextInput(reply, placeholder="the answer", select_on_focus=False, id=f"question-{index}"))
        return widgets

    @on(Select.Changed, "#field-kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        kind = str(event.value) if event.value in KINDS else PAIRING
        if kind == self._kind:
            return
        self._replies.update(self.answers())
        self._kind = kind
        box = self.query_one("#session-questions", Vertical)
        await box.remove_children()
        await box.mount(*self._question_widgets(kind))

    def answers(self) -> dict[str, str]:
        """The answers typed for the questions shown now, by the question's text."""
        asked = self._questions.get(self._kind, ())
        found: dict[str, str] = {}
        for index, question in enumerate(asked):
            widgets = self.query(f"#question-{index}")
            if widgets:
                found[question.text] = widgets.first(Input).value
        return found

    def values(self) -> dict[str, str]:
        # Answers count as typed text too: Escape asks before throwing them away.
        return {**super().values(), **{f"answer:{text}": answer for text, answer in self.answers().items()}}


def session_form(
    save: Callable[[Values], Session | None],
    *,
    today: date,
    questions: Mapping[str, Sequence[Asked]],
    session: Session | None = None,
    handle: str = "",
    on: date | None = None,
    status: str = PLANNED,
    kind: str = PAIRING,
    handles: Sequence[str] = (),
) -> SessionForm:
    """Engineer, kind, date, length, status, topic; then notes, what I learned, follow-ups; then the
    questions of the kind. The form opens on what is still missing: the engineer, else the topic."""
    handle = session.handle if session else handle
    on = session.date if session else on
    status = session.status if session else status
    kind = session.kind if session else kind
    title = TITLES.get(status, "Log a session") if session is None else "Edit the session"
    if session is not None:
        title += f" with @{session.handle}"

    def day(text: str) -> date:
        # Planned looks forward (`fri`, `Nov 5`: the next one); done or skipped looks back (the last one).
        chosen = form.value("status") if form.is_mounted else status
        return parse_date(text, today, looking=FORWARD if chosen == PLANNED else BACK)

    def said(when: date) -> str:
        return f"-> {day_text(when, today)}"

    fields = [
        Field(
            "handle",
            "With",
            f"@{handle}" if handle else "",
            placeholder="@handle",
            suggestions=[f"@{h}" for h in handles],
        ),
        Field("kind", "Kind", kind, parse_kind, choices=KINDS),
        Field("date", "On", on.isoformat() if on else "", day, "e.g. fri, 2026-12-03", preview=said),
        Field(
            "minutes",
            "Length",
            str(session.minutes or "") if session else "",
            parse_minutes,
            "90 or 1h30",
        ),
        Field("status", "Status", status, choices=SESSION_STATUSES),
        Field("topic", "Topic", session.topic if session else "", placeholder="teach me what you're building"),
        Field("notes", "Notes", session.notes if session else "", multiline=True),
        Field("learned", "What I learned", session.learned if session else "", multiline=True),
        Field("follow_ups", "Follow-ups", session.follow_ups if session else "", multiline=True),
    ]
    form = SessionForm(title, fields, save, questions=questions, focus="topic" if handle else "handle")
    return form
