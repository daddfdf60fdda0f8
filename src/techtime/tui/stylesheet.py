"""Textual's stylesheet with one parse cache for the process.

Textual parses every CSS rule of the app again each time it refreshes the CSS, in a new stylesheet whose
cache starts empty: twice for each screen shown for the first time (a mode's screen is new, so its
styles are out of date) and on a change of theme, ~30 ms each here. What a parse gives depends only on
the source and the variables (the theme's colours), so the rules are kept by both and shared: a screen
seen for the first time, or a theme seen before, is styled without parsing anything, and so is each new
app in the process (the test suite starts hundreds).
"""

from __future__ import annotations

from typing import ClassVar

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet as TextualStylesheet
from textual.css.types import CSSLocation


class Stylesheet(TextualStylesheet):
    _parsed: ClassVar[dict[tuple[object, ...], list[RuleSet]]] = {}

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, *self._variables.items())
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
