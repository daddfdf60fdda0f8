"""Choose one of several sessions in a grid cell (two sessions with one engineer in one month)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.days import day_text
from techtime.domain.pairing import session_state
from techtime.services.pairing import Session
from techtime.tui import keymap
from techtime.tui.text import line, safe


class SessionPicker(ModalScreen[int | None]):
    CSS_PATH = "pairing.tcss"

    BINDINGS = keymap.bindings_for("form.cancel")

    def __init__(self, sessions: Sequence[Session], today: date, purpose: str) -> None:
        super().__init__()
        self.sessions = sessions
        self._today = today
        self._purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box", id="session-picker"):
            yield Static(safe(f"Which session? ({self._purpose})", "bold"), classes="form-title")
            yield OptionList(
                *[
                    Option(
                        line(
                            f"{day_text(session.date, self._today)}  ",
                            (f"{session_state(session.status, session.date, self._today):<11}", "cyan"),
                            safe(f"@{session.handle}", "bold"),
                            "  ",
                            safe(session.topic, width=50),
                        ),
                        id=str(session.id),
                    )
                    for session in self.sessions
                ],
                id="session-picker-list",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
