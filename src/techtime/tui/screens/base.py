"""What every techtime screen shares: the database, the clock, one way to act and one way to notify.

A key press calls a service through `run` (which says what happened, or the one-line error, and
reloads); every notification goes through `say`, which cleans user text and never reads markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from textual import work
from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from techtime.domain.text import clean
from techtime.domain.urls import is_openable
from techtime.errors import TechtimeError

if TYPE_CHECKING:
    from techtime.services.session import Database, Undone
    from techtime.tui.app import TechtimeApp
    from techtime.tui.form import Form

T = TypeVar("T")
Message = str | Callable[[T], str]


def say(
    app: App[object],
    text: str,
    *,
    severity: SeverityLevel = "information",
    title: str = "",
    timeout: float | None = None,
) -> None:
    """Notify: user text may be in `text`, so control and bidi characters are cleaned, and markup is off."""
    app.notify(clean(text), title=clean(title), severity=severity, timeout=timeout, markup=False)


class TechtimeScreen(Screen[None]):
    """A screen that shows data from the database and can reload it."""

    # What was written so far, and the day, when the screen was last left (None: never, or unknown).
    _left_at: tuple[tuple[int, int], date] | None = None
    # An area's screen (a mode's, made by TechtimeApp): kept until the app quits. A form or a picture
    # is dropped when closed.
    lives_with_the_app = False

    @property
    def tt(self) -> TechtimeApp:
        return self.app  # type: ignore[return-value]

    @property
    def db(self) -> Database:
        return self.tt.db

    def today(self) -> date:
        return self.tt.today()

    def reload(self) -> None:
        """Read what the screen shows from the database again."""

    def on_mount(self) -> None:
        if self.lives_with_the_app:
            self.call_after_refresh(self.tt.keep_for_good)

    def on_screen_suspend(self) -> None:
        try:
            self._left_at = (self.db.change_stamp(), self.today())
        except TechtimeError:
            self._left_at = None  # coming back reads it all again, and says what is wrong

    def on_screen_resume(self) -> None:
        # Another screen (or another process) may have changed things meanwhile. When nothing was written
        # and the day is the same, what the screen showed when it was left is still true: coming back
        # shows it without reading it again (Pairing read its year again, ~250 ms here).
        if self._left_at is None or self._left_at != (self.db.change_stamp(), self.today()):
            self.reload()

    # The one way to notify, and to act ----------------------------------------------------------

    def say(
        self, text: str, *, severity: SeverityLevel = "information", title: str = "", timeout: float | None = None
    ) -> None:
        """The only way a screen notifies (see `say`)."""
        say(self.app, text, severity=severity, title=title, timeout=timeout)

    def warn(self, text: str) -> None:
        """A warning that is no error: above a target, say. Nothing when there is nothing to say."""
        if text:
            self.say(text, severity="warning", timeout=8)

    def report(self, error: TechtimeError) -> None:
        self.say(str(error), severity="error", timeout=8)

    def run(
        self,
        call: Callable[[], T],
        done: Message[T] = "",
        *,
        then: Callable[[T], object] | None = None,
        warn: Callable[[T], str] | None = None,
        reload: Callable[[], None] | None = None,
    ) -> bool:
        """Call a service; on success `then` (e.g. follow the change), reload, say `done` and any warning.

        `reload`: what to read again when the change touches only part of the screen (else all of it).
        A TechtimeError is the one line the user reads: said as an error, and the screen reloads (the
        change did not happen; what it was about may have been changed elsewhere). True on success.
        """
        try:
            result = call()
        except TechtimeError as error:
            self.report(error)
            self.reload()
            return False
        if then is not None:
            then(result)
        (reload or self.reload)()
        message = done(result) if callable(done) else done
        if message:
            self.say(message)
        if warn is not None:
            self.warn(warn(result))
        return True

    def open_form(
        self,
        form: Form[T],
        done: Message[T] = "",
        *,
        then: Callable[[T], object] | None = None,
        warn: Callable[[T], str] | None = None,
    ) -> None:
        """Open a form whose `save` calls the service; once it has saved: `then`, reload, say `done`.

        The form keeps its own errors (under the field), so only a saved form comes back here; its
        `save` returns something other than None, which stands for "cancelled".
        """

        def closed(result: T | None) -> None:
            if result is None:
                return
            if then is not None:
                then(result)
            self.reload()
            message = done(result) if callable(done) else done
            if message:
                self.say(message)
            if warn is not None:
                self.warn(warn(result))

        self.app.push_screen(form, closed)

    # Shared by several screens ----------------------------------------------------------------------

    def open_link(self, url: str | None, *, what: str = "This item") -> None:
        """Hand a web link to the browser; anything else (javascript:, file:, '-...') is refused. Says
        whether a browser took it: on a server without one, the link is there to copy, not "opening"."""
        if url is None or not is_openable(url):
            self.say(f"{what} has no web link to open (only http and https links are opened).", severity="warning")
            return
        link = url.strip()
        if self.app.is_web:  # served by textual-serve: the browser is the one showing the app
            self.app.open_url(link)
            self.say(f"Opened {link}")
            return
        self._open_in_browser(link)

    @work(thread=True, group="browser")
    def _open_in_browser(self, link: str) -> None:
        """webbrowser.open may wait on the program it starts: off the UI thread."""
        import webbrowser

        try:
            opened = webbrowser.open(link)
        except (webbrowser.Error, OSError):
            opened = False
        severity: SeverityLevel = "information"
        if opened:
            message = f"Opened in the browser: {link}"
        else:
            message = f"No browser could be started for {link} (set $BROWSER, or copy the link)"
            severity = "warning"
        self.app.call_from_thread(self.say, message, severity=severity)

    def show(self, row_id: int, part: int = 0) -> None:
        """Highlight this row (and `part` within it, e.g. a dive's failure mode): search everything opens
        a hit here. Screens that show rows say where it is; the one shown next (or now) opens on it."""

    def save_in_place(self) -> None:
        """Save what is typed straight into the screen (the findings editor) before another change lands."""

    def undone(self, change: Undone) -> None:
        """`u` just undid this change (anywhere): a screen that keeps its own log of changes may follow it."""
