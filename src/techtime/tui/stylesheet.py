"""Textual's stylesheet with one parse cache for the process.

Textual parses every CSS rule of the app again each time it refreshes the CSS, in a new stylesheet whose
cache starts empty: twice for each screen shown for the first time (a mode's screen is new, so its
styles are out of date) and on a change of theme, ~30 ms each here. What a parse gives depends only on
the source and the variables (the theme's colours), so the rules are kept by both and shared: a screen
seen for the first time, or a theme seen before, is styled without parsing anything, and so is each new
app in the process (the test suite starts hundreds).

The parse is also kept for the next start: parsing is ~10 ms of the first frame, and each start parses
what the last one did. See `keep_for_next_start`.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from typing import Any, ClassVar, TypeVar

import textual.css.model
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet as TextualStylesheet
from textual.css.types import CSSLocation

_Key = tuple[object, ...]
_FORMAT = 1
CACHE_NAME = "styles.pickle"
ReturnType = TypeVar("ReturnType")


class StyledApp(App[ReturnType]):
    """A Textual app styled through this module's stylesheet: each rule parsed once a process, and what
    it parsed kept for the next start (techtime's app and the capture popup share the file)."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheet = Stylesheet(variables=self.get_css_variables())

    def run(self, *args: Any, **kwargs: Any) -> ReturnType | None:
        """Textual's run; then, the terminal given back (no frame waits for it), the parsed styles kept."""
        try:
            return super().run(*args, **kwargs)
        finally:
            Stylesheet.keep_for_next_start()


class Stylesheet(TextualStylesheet):
    _parsed: ClassVar[dict[_Key, list[RuleSet]]] = {}
    _stored: ClassVar[set[_Key] | None] = None  # the keys the cache file holds; None: not read yet

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, *self._variables.items())
        if Stylesheet._stored is None:
            Stylesheet._parsed.update(_read_cache())
            Stylesheet._stored = set(Stylesheet._parsed)
        rules = self._parsed.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            # Only what parsed cleanly is kept: a rule with errors is reported again on each parse.
            if not any(rule.errors for rule in rules):
                self._parsed[key] = rules
        return rules

    def reparse(self) -> None:
        """Textual's reparse (a new stylesheet, so that an error leaves this one as it was), made with
        this class so that the new one reads the shared cache."""
        stylesheet = type(self)(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(
                css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker, scope=scope
            )
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False

    @classmethod
    def keep_for_next_start(cls) -> None:
        """Write what this process parsed and the cache file did not hold, for the next start to read.

        Called as the app ends, so that it costs no frame (~2 ms). The file is the user's (0600, in the
        0700 cache folder) and names the Python and the Textual it was written by: pickled rules are
        Textual's objects, and another version reads nothing. A file that cannot be written costs the
        next start its parse, nothing else.
        """
        if cls._stored is None or cls._stored >= cls._parsed.keys():
            return
        from techtime.paths import cache_dir, make_private_dirs

        path = _cache_path()
        partial = f"{path}.{os.getpid()}"
        try:
            make_private_dirs(cache_dir())
            with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
                pickle.dump((_FORMAT, _versions(), cls._parsed), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError):
                os.unlink(partial)
            return
        cls._stored = set(cls._parsed)


def _cache_path() -> str:
    from techtime.paths import cache_dir

    return os.path.join(cache_dir(), CACHE_NAME)


def _versions() -> tuple[object, ...]:
    """Python's version and Textual's files as installed (an upgrade rewrites them): asking Textual
    its version reads its package metadata, ~5 ms."""
    model = os.stat(textual.css.model.__file__)
    return (sys.version, textual.css.model.__file__, model.st_size, model.st_mtime_ns)


def _read_cache() -> dict[_Key, list[RuleSet]]:
    """The rules the last start kept, if the file is this user's own, from these versions, and whole.

    Unpickling runs what the file says: a file anyone else could have written is never read.
    """
    try:
        with open(_cache_path(), "rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return {}
            form, versions, parsed = pickle.load(handle)
        if form == _FORMAT and versions == _versions() and isinstance(parsed, dict):
            return parsed
    except Exception:  # missing, unreadable, cut short, from an old techtime: the rules are parsed instead
        pass
    return {}
