"""TechtimeApp: the areas as modes (from the registry), global keys, and watching the file for other writers.

Start-up is a feature (the first Today screen near a bare Textual app's time): only Today is
imported before the first paint. The other areas load when first opened, what sits behind a key
(capture, help, undo) when it is pressed, and the daily backup waits for the first frame.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import BindingsMap
from textual.screen import Screen

from techtime import areas, clock
from techtime.errors import TechtimeError
from techtime.services.session import Database, exposed_folder
from techtime.tui import keymap
from techtime.tui.commands import ActionsProvider
from techtime.tui.screens.base import TechtimeScreen, say
from techtime.tui.stylesheet import StyledApp

if TYPE_CHECKING:
    from textual.theme import Theme
    from textual.timer import Timer

    from techtime.services.capture import Saved
    from techtime.services.search import Hit

# How often to look for commits by other processes (a `techtime add` in another terminal).
POLL_SECONDS = 1.0
# A theme is remembered once it has stayed this long (the palette previews themes as you move).
THEME_SAVE_DELAY = 1.0


def _on_first_use(screen: str) -> Callable[[], Screen[object]]:
    """A MODES entry that imports its screen's module ("module:Class") the first time the mode is opened."""

    def make() -> Screen[object]:
        made = areas.resolve(screen)
        assert isinstance(made, type) and issubclass(made, Screen)
        new = made()
        app = new.app  # the app making it (Textual's active app)
        if getattr(app, "first_frame_shown", False):
            # Styled as it mounts by the stylesheet as it is now, a screen opened after the first frame is
            # up to date: without this, Textual takes it for out of date and refreshes the app's CSS twice
            # as it opens (every node styled again, the screen being left laid out again). The first
            # screen keeps the refresh: it is made as the app composes, before the app's styles settle.
            new._css_update_count = app._css_update_count
        if isinstance(new, TechtimeScreen):
            new.lives_with_the_app = True
        return new

    return make


class TechtimeApp(StyledApp[object]):
    TITLE = "techtime"
    CSS_PATH = "techtime.tcss"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    # The areas' modes and number keys come from the registry when the app is made (__init__): only Today's
    # screen is imported before the first frame, each other one when its mode is first opened.
    MODES: ClassVar[dict[str, str | Callable[[], Screen[object]]]] = {}
    DEFAULT_MODE = "today"
    # Every screen gets a class for the room it has (see techtime.tcss): -tiny below 70 columns,
    # -narrow below 100 (an 80x24 terminal, a split pane), -wide above; -short below 30 lines.
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = keymap.bindings("app")

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date] = clock.today,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        super().__init__()
        for area in areas.AREAS:
            if area.number and area.screen:
                self.add_mode(area.key, _on_first_use(area.screen))
        # After capture, undo, help and quit: the footer shows them first, and cuts the number keys when narrow.
        self._bindings = BindingsMap.merge([self._bindings, BindingsMap(map(keymap.binding, keymap.mode_keys()))])
        from techtime.tui import config

        self.settings = config.load(keymap.all_keys())
        self._config_warnings = list(self.settings.warnings)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        elif self.settings.theme:
            self._config_warnings.append(
                f"{config.config_path()}: no theme {self.settings.theme!r} (ctrl+p, then Theme, lists them)"
            )
        self._theme_timer: Timer | None = None
        self.db = db
        self.today = today
        self.now = now
        self.first_frame_shown = False  # see techtime.tui.widgets.footer
        self._data_version = db.data_version()
        self._poll_error = ""
        self.unexpected_errors = 0  # shown as notifications; the exit status says so too
        self.fatal_error = ""  # the one line the terminal gets when an error ended the app
        self.log_path: str | None = None
        self._freezing = False  # started by techtime.cli.main: what lives as long as the app is frozen

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_for_outside_changes)

    def on_ready(self) -> None:
        """The first frame is out: now what must not delay it, the footer's keys and the daily backup.

        The backup starts at once rather than after a pause, so that a glance (open, read, quit) still
        makes it; quitting waits for it to finish.
        """
        self.first_frame_shown = True
        self.screen.refresh_bindings()
        for warning in self._config_warnings:
            say(self, warning, title="config.toml", severity="warning", timeout=15)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
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
            self._freezing = True

    def keep_for_good(self) -> None:
        """An area's screen was shown the first time. A mode's screen lives as long as the app, so what
        it built is frozen too: else each full collection walked every screen seen so far, a pause of
        100-150 ms on a key (in a terminal, after five screens) wherever the collector's count fell.
        The price: the cyclic garbage of those builds is never freed, ~6 MB once every area was shown."""
        if self._freezing:
            gc.freeze()

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

    def action_search_everything(self) -> None:
        from textual.screen import ModalScreen

        from techtime.tui.screens.help import HelpScreen
        from techtime.tui.screens.search import SearchScreen, open_hit

        if isinstance(self.screen, SearchScreen):
            return
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        elif isinstance(self.screen, ModalScreen):
            say(self, "Finish or close this first (escape), then ctrl+f searches everything.", severity="warning")
            return

        def chosen(hit: Hit | None) -> None:
            if hit is not None:
                open_hit(self, hit)

        self.push_screen(SearchScreen(), chosen)

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

    async def action_open_area(self, key: str) -> None:
        await self.open_area(key)

    def has_mode(self, key: str) -> bool:
        """Whether an area is a mode (it has a number key); the modes are added from the registry."""
        return key in self._modes

    async def open_area(self, key: str) -> None:
        """Go to an area's screen: its mode (a number key), or, for an area opened from another screen
        (Practices), its screen on top of this one."""
        area = areas.area(key)
        if self.has_mode(area.key):
            await self.switch_mode(area.key)
            return
        made = areas.resolve(area.screen)
        assert isinstance(made, type) and issubclass(made, Screen)
        if not isinstance(self.screen, made):
            await self.push_screen(made())

    # The palette's report, export and backup -----------------------------------------------

    def write_file(self, title: str, what: str, make: Callable[[Database, date], str]) -> None:
        """Ask for a folder, then write what `make` returns there as a new private file."""
        from techtime.services import exporting

        today = self.today()

        def write(folder: str) -> Path:
            name = exporting.file_name(what, today)
            return exporting.write_into(folder, name, lambda: make(self.db, today), db_path=self.db.path)

        self._ask_folder(title, write)

    def write_backup(self) -> None:
        from techtime.services import exporting

        def write(folder: str) -> Path:
            return exporting.backup_into(self.db, folder, now=self.now())

        self._ask_folder("Backup: a copy of the database", write)

    def _ask_folder(self, title: str, write: Callable[[str], Path]) -> None:
        """The one form, one field: the folder (the last one used, to start with). A folder that is not
        there, a file already there, the database's own files: said in the form, nothing written."""
        from techtime.tui.form import Field, Form

        def save(values: Mapping[str, object]) -> tuple[str, Path]:
            folder = str(values["folder"])
            return folder, write(folder)

        field = Field("folder", "Folder", self.settings.export_folder or "~", placeholder="e.g. ~/Documents")
        hint = "A new private (0600) file named with today's date, never over one already there. Enter writes."
        self.push_screen(Form(title, [field], save, hint=hint), self._written)

    def _written(self, written: tuple[str, Path] | None) -> None:
        if written is None:
            return
        folder, path = written
        say(self, f"Wrote {path} (private: only you can read it)", timeout=8)
        if folder != self.settings.export_folder:
            self.settings = self.settings._replace(export_folder=folder)
            self.remember(export_folder=folder)

    # Settings (config.toml) ------------------------------------------------------------------

    @work(thread=True, group="config")
    def remember(self, **settings: str) -> None:
        """Write settings into config.toml, off the UI thread; a failure is one warning."""
        from techtime.tui import config

        problem = config.save(**settings)
        if problem:
            self.call_from_thread(say, self, problem, severity="warning", timeout=10)

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the theme chosen in the palette, once the choosing is over (the palette previews each
        theme as the highlight moves, and Escape brings the old one back)."""
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SAVE_DELAY, self._save_theme)

    def _save_theme(self) -> None:
        self._theme_timer = None
        if self.theme != self.settings.theme:
            self.settings = self.settings._replace(theme=self.theme)
            self.remember(theme=self.theme)

    def on_unmount(self) -> None:
        if self._theme_timer is not None:  # chosen just before quitting
            self._theme_timer.stop()
            self._theme_timer = None
            if self.theme != self.settings.theme:
                from techtime.tui import config

                config.save(theme=self.theme)

    def action_help(self) -> None:
        from techtime.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
