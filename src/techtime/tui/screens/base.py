"""What every techtime screen shares: the store, the clock, and reloading."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen

from techtime.errors import TechtimeError

if TYPE_CHECKING:
    from techtime.store.database import Database
    from techtime.tui.app import TechtimeApp


class TechtimeScreen(Screen):
    """A screen that shows data from the store and can reload it."""

    @property
    def tt(self) -> TechtimeApp:
        return self.app  # type: ignore[return-value]

    @property
    def db(self) -> Database:
        return self.tt.db

    def today(self) -> date:
        return self.tt.today()

    def reload(self) -> None:
        """Read what the screen shows from the store again."""

    def on_screen_resume(self) -> None:
        # Another screen (or another process) may have changed things meanwhile.
        self.reload()

    def report(self, error: TechtimeError) -> None:
        self.notify(str(error), severity="error", markup=False, timeout=8)
