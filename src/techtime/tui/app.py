"""TechtimeApp: the four areas as modes, global keys, and watching the file for other writers.

Start-up is a feature (the first Today screen near a bare Textual app's time): only Today is
imported before the first paint. The other areas load when first opened, what sits behind a key
(capture, help, undo) when it is pressed, and the daily backup waits for the first frame.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime
from importlib import import_module
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from techtime import clock
from techtime.errors import TechtimeError
from techtime.services.session import Database, exposed_folder
from techtime.tui.commands import ActionsProvider
from techtime.tui.screens.base import TechtimeScreen, say
from techtime.tui.screens.today import TodayScreen

if TYPE_CHECKING:
    from techtime.services.capture import Saved

# How often to look for commits by other processes (a `techtime add` in another terminal).
POLL_SECONDS = 1.0


def _on_first_use(module: str, screen: str) -> Callable[[], Screen]:
    """A MODES entry that imports its screen's module the first time the mode is opened."""

    def make() -> Screen:
        return getattr(import_module(f"techtime.tui.screens.{module}"), screen)()

    return make


class TechtimeApp(App):
    TITLE = "techtime"
    CSS_PATH = "techtime.tcss"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    MODES = {
        "today": TodayScreen,
        "dives": _on_first_use("dives", "DivesScreen"),
        "radar": _on_first_use("radar", "RadarScreen"),
        "pairing": _on_first_use("pairing", "PairingScreen"),
    }
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("1", "switch_mode('today')", "Today"),
        Binding("2", "switch_mode('dives')", "Dives"),
        Binding("3", "switch_mode('radar')", "Radar"),
        Binding("4", "switch_mode('pairing')", "Pairing"),
        Binding("c", "capture", "Capture"),
        Binding("u", "undo", "Undo"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date] = clock.today,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        super().__init__()
        self.db = db
        self.today = today
        self.now = now
        self.first_frame_shown = False  # see techtime.tui.widgets.footer
        self._data_version = db.data_version()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_for_outside_changes)

    def on_ready(self) -> None:
        """The first frame is out: now what must not delay it, the footer's keys and the daily backup.

        The backup starts at once rather than after a pause, so that a glance (open, read, quit) still
        makes it; quitting waits for it to finish.
        """
        self.first_frame_shown = True
        self.screen.refresh_bindings()
        self.make_daily_backup()
        if folder := exposed_folder(self.db.path):
            say(
                self,
                f"{folder} can be read by other users of this machine: chmod 700 '{folder}'",
                title="Private notes, public folder",
                severity="warning",
                timeout=10,
            )
        if not gc.isenabled():
            # Started by techtime.cli.main, with the garbage collector off. What start-up built lives as
            # long as the app: frozen, later collections skip it instead of scanning it all once more.
            gc.freeze()
            gc.enable()

    @work(thread=True, exclusive=True, group="backup")
    def make_daily_backup(self) -> None:
        """One backup a day (the last 7 kept), off the UI thread: it must never delay the first screen."""
        from techtime.services.session import daily_backup

        if self.db.read_only:
            return
        try:
            made = daily_backup(self.db.path, today=self.today(), now=self.now())
        except TechtimeError as error:
            self.call_from_thread(say, self, f"Daily backup failed: {error}", severity="warning")
            return
        if made is not None:
            self.log(f"daily backup: {made}")

    def check_for_outside_changes(self) -> None:
        """PRAGMA data_version changes only when another connection commits: cheap to poll."""
        version = self.db.data_version()
        if version != self._data_version:
            self._data_version = version
            self.reload_screen()

    def reload_screen(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TechtimeScreen):
                screen.reload()

    def action_capture(self) -> None:
        from techtime.tui.screens.capture import CaptureScreen

        if isinstance(self.screen, CaptureScreen):
            return
        self.push_screen(CaptureScreen(), self._captured)

    def _captured(self, saved: Saved | None) -> None:
        if saved is None:
            return
        say(self, f"Saved {saved.summary()}")
        if saved.warning:
            say(self, saved.warning, severity="warning")
        self.reload_screen()

    def action_undo(self) -> None:
        """Undo the latest delete or edit, wherever it was made (the trash is in the database)."""
        from techtime.services.session import undo

        if isinstance(self.screen, TechtimeScreen):
            self.screen.save_in_place()  # what is being typed is saved first, then the undo lands
        try:
            undone = undo(self.db, now=self.now())
        except TechtimeError as error:
            say(self, str(error), severity="error")
            return
        if undone is None:
            say(self, "Nothing to undo from the last 24 hours.")
            return
        for screen in self.screen_stack:
            if isinstance(screen, TechtimeScreen):
                screen.undone(undone)
        say(self, f"Undid {undone.description}.")
        self.reload_screen()

    def action_help(self) -> None:
        from techtime.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
