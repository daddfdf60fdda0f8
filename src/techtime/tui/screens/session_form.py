"""Plan a pairing session, log one that happened, or change one: the notes are multi-line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static, TextArea

from techtime.domain.pairing import DONE, PLANNED, SESSION_STATUSES
from techtime.store.pairing import Session
from techtime.tui.screens.form import FORM_HELP, FormScreen
from techtime.tui.text import safe

TITLES = {PLANNED: "Plan a pairing session", DONE: "Log a pairing session"}


class SessionForm(FormScreen[int]):
    """Engineer, date, length, status, topic; then notes, what I learned, follow-ups."""

    CSS_PATH = "pairing.tcss"

    def __init__(
        self,
        save: Callable[[SessionForm], int],
        *,
        session: Session | None = None,
        handle: str = "",
        on: date | None = None,
        status: str = PLANNED,
        handles: Sequence[str] = (),
    ) -> None:
        super().__init__(save)  # type: ignore[arg-type]
        self.session = session
        self._handle = session.handle if session else handle
        self._on = session.date if session else on
        self._status = session.status if session else status
        self._handles = [f"@{h}" for h in handles]

    def compose(self) -> ComposeResult:
        session = self.session
        title = TITLES.get(self._status, "Log a pairing session") if session is None else "Edit the session"
        if session is not None:
            title += f" with @{session.handle}"
        with VerticalScroll(classes="form-box", id="session-form", can_focus=False):
            yield Static(safe(title, "bold"), classes="form-title")
            with Horizontal(classes="form-row"):
                yield Label("With", classes="form-label")
                yield Input(
                    f"@{self._handle}" if self._handle else "",
                    placeholder="@handle",
                    id="session-handle",
                    suggester=SuggestFromList(self._handles, case_sensitive=False),
                )
                yield Label("On", classes="form-label-short")
                yield Input(
                    self._on.isoformat() if self._on else "", placeholder="e.g. fri, 2026-12-03", id="session-date"
                )
            with Horizontal(classes="form-row"):
                yield Label("Length", classes="form-label")
                yield Input(
                    str(session.minutes or "") if session else "", placeholder="90 or 1h30", id="session-minutes"
                )
                yield Label("Status", classes="form-label-short")
                yield Select(
                    [(status, status) for status in SESSION_STATUSES],
                    value=self._status,
                    allow_blank=False,
                    id="session-status",
                )
            with Horizontal(classes="form-row"):
                yield Label("Topic", classes="form-label")
                yield Input(
                    session.topic if session else "", placeholder="teach me what you're building", id="session-topic"
                )
            yield Label("Notes", classes="form-area-label")
            yield TextArea(session.notes if session else "", id="session-notes", classes="form-area")
            yield Label("What I learned", classes="form-area-label")
            yield TextArea(session.learned if session else "", id="session-learned", classes="form-area")
            yield Label("Follow-ups", classes="form-area-label")
            yield TextArea(session.follow_ups if session else "", id="session-follow-ups", classes="form-area")
            yield Static(classes="form-error")
            yield Static(FORM_HELP, classes="form-help", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        # Straight to what is still missing: the engineer, else the topic.
        first = "#session-handle" if not self._handle else "#session-topic"
        self.query_one(first, Input).focus()
