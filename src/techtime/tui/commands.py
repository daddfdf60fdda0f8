"""Command palette: every key binding of the app and of the current screen, by name."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


def described_bindings(app, bindings) -> list[tuple[str, str, str]]:
    """(keys as shown, description, action) for each described binding; "delete,backspace" becomes
    one line "delete / backspace"."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.description:
            grouped.setdefault((binding.description, binding.action), []).append(app.get_key_display(binding))
    return [(" / ".join(keys), description, action) for (description, action), keys in grouped.items()]


class ActionsProvider(Provider):
    """Lists what the keys do, so every action can be found by typing its name."""

    def _commands(self) -> list[tuple[str, str, str, object]]:
        app = self.app
        screen = self.screen
        return [
            (description, f"key {keys}", action, owner)
            for owner, bindings in ((screen, screen.BINDINGS), (app, app.BINDINGS))
            for keys, description, action in described_bindings(app, bindings)
        ]

    async def discover(self) -> Hits:
        for name, help_text, action, owner in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action, owner), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action, owner in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action, owner), help=help_text)
