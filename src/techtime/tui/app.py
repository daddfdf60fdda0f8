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
    # Every screen gets a class for the room it has (see techtime.tcss): -tiny below 70 columns,
    # -narrow below 100 (an 80x24 terminal, a split pane), -wide above; -short below 30 lines.
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
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
        self._poll_error = ""
        self.unexpected_errors = 0  # shown as notifications; the exit status says so too
        self.fatal_error = ""  # the one line the terminal gets when an error ended the app
        self.log_path: str | None = None

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
        """One backup a day (the last 7 kept), off the UI thread: it must never delay the first screen.

        A backup that cannot be made (a full disk, a folder that cannot be written) never stops the app:
        a warning says why, and the data is as safe as it was.
        """
        from techtime.services.session import daily_backup

        if self.db.read_only:
            return
        try:
            made = daily_backup(self.db.path, today=self.today(), now=self.now())
        except TechtimeError as error:
            self.call_from_thread(say, self, f"The daily backup could not be made: {error}", severity="warning")
            return
        if made is not None:
            self.log(f"daily backup: {made}")

    def check_for_outside_changes(self) -> None:
        """PRAGMA data_version changes only when another connection commits: cheap to poll."""
        try:
            version = self.db.data_version()
        except TechtimeError as error:
            if str(error) != self._poll_error:  # once, not every second
                self._poll_error = str(error)
                say(self, str(error), severity="error")
            return
        self._poll_error = ""
        if version != self._data_version:
            self._data_version = version
            self.reload_screen()

    # Errors -----------------------------------------------------------------
    #
    # Textual hands every exception nobody caught to App._handle_exception, which prints a traceback
    # (with locals) and exits. Here: a worker's or a timer's error becomes a notification and the app
    # goes on (nothing of Textual's stops with it); an error in a message handler stops that widget's
    # message loop, so the app cannot safely go on: it exits with status 1. Either way the traceback
    # goes to the log file (techtime.errorlog), the terminal gets one line, and the exit status is 1.

    def _handle_exception(self, error: Exception) -> None:
        from textual.timer import Timer
        from textual.worker import WorkerFailed

        cause = error.error if isinstance(error, WorkerFailed) else error
        trace = error.__traceback__
        in_timer = trace is not None and trace.tb_frame.f_code is Timer._tick.__code__
        if isinstance(cause, TechtimeError) and (isinstance(error, WorkerFailed) or in_timer):
            say(self, str(cause), severity="error")
            return
        line = self._log_unexpected(cause)
        if isinstance(error, WorkerFailed) or in_timer:
            self.unexpected_errors += 1
            say(self, line, title="Unexpected error", severity="error", timeout=15)
            return
        self.fatal_error = line
        self._return_code = 1
        if self._exception is None:  # run_test() raises it in tests, as Textual does
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def _log_unexpected(self, error: BaseException) -> str:
        from techtime.errorlog import log_error, one_line

        self.log_path = log_error(error, "techtime (the app)") or self.log_path
        where = f"details in {self.log_path}" if self.log_path else "the log could not be written"
        return f"{one_line(error)} ({where})"

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
