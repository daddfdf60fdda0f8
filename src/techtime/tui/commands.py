"""Command palette: every key binding of the app and of the current screen, by name."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class ActionsProvider(Provider):
    """Lists what the keys do, so every action can be found by typing its name."""

    def _commands(self) -> list[tuple[str, str, str, object]]:
        app = self.app
        screen = self.screen
        found = []
        for owner, bindings in ((screen, screen.BINDINGS), (app, app.BINDINGS)):
            for binding in bindings:
                if isinstance(binding, tuple):
                    binding = Binding(*binding)
                if binding.description:
                    key = app.get_key_display(binding)
                    found.append((binding.description, f"key {key}", binding.action, owner))
        return found

    async def discover(self) -> Hits:
        for name, help_text, action, owner in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action, owner), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action, owner in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action, owner), help=help_text)
