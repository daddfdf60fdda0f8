"""Command palette: every action of every screen, from the keymap, and the shell commands that make
sense in the app (report, export, backup), by name.

An action of another screen runs on its screen: the palette goes there first (its mode, or its
screen on top), then runs it, as if its key had been pressed there. The views opened from a screen
(the Monday triage, the radar picture, the planning view) list their own keys while they are open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from techtime import areas
from techtime.tui import keymap

if TYPE_CHECKING:
    from textual.app import App

    from techtime.tui.app import TechtimeApp


def described_bindings(app: App[object], bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    """(keys as shown, description, action) for each described binding; "delete,backspace" becomes
    one line "delete / backspace"."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.description:
            grouped.setdefault((binding.description, binding.action), []).append(app.get_key_display(binding))
    return [(" / ".join(keys), description, action) for (description, action), keys in grouped.items()]


class Command:
    """One line of the palette: what it is called, what it says about itself, what it does."""

    __slots__ = ("help", "name", "run")

    def __init__(self, name: str, help: str, run: Callable[[], object]) -> None:
        self.name = name
        self.help = help
        self.run = run


class ActionsProvider(Provider):
    """Lists what the keys of every screen do and the shell commands, so each can be found by name."""

    @property
    def tt(self) -> TechtimeApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> list[Command]:
        app, here = self.tt, self.screen
        here_keys = getattr(here, "KEYMAP", "")
        every = keymap.all_keys()
        commands: list[Command] = []
        seen: set[str] = set()

        def add(key: keymap.Key, screen: str, run: Callable[[], object]) -> None:
            if key.id in seen or not key.description:
                return
            seen.add(key.id)
            where = keymap.screen_name(screen)
            name = key.description if screen == "app" else f"{where}: {key.description}"
            commands.append(Command(name, f"{keymap.shown(app, key)} · {key.text.replace('`', '')}", run))

        # This screen's keys first, run right here.
        if here_keys:
            for key in keymap.keys_of(here_keys, every):
                add(key, here_keys, partial(app.run_action, key.action, here))
        numbers = {key.id: key for key in keymap.mode_keys()}
        for key in keymap.keys_of("app", every):
            if key.id not in numbers:
                add(key, "app", partial(app.run_action, key.action, app))
        # Every area: going there, and each action of its screen, run there.
        for area in areas.AREAS:
            if not area.screen:
                continue
            number = numbers.get(f"go.{area.key}")
            how = f"{keymap.shown(app, number)} · " if number else ""
            commands.append(
                Command(f"Go to {area.title}", f"{how}the {area.title} screen", partial(app.open_area, area.key))
            )
            for key in keymap.keys_of(area.key, keymap.area_keys(area)):
                add(key, area.key, partial(self._run_on, area.key, key.action))
        commands += self._shell_commands()
        return commands

    async def _run_on(self, area_key: str, action: str) -> None:
        """Go to the area's screen (unless there already), then run the action there."""
        app = self.tt
        if getattr(app.screen, "KEYMAP", "") != area_key:
            await app.open_area(area_key)
        await app.run_action(action, app.screen)

    def _shell_commands(self) -> list[Command]:
        """Report, export and backup, as in the shell: each asks for a folder, then writes a private file."""
        from techtime.services import exporting

        app = self.tt
        commands = [
            Command(
                "Report: the quarterly review",
                "Markdown, as `techtime report` writes it, into a folder you name",
                partial(app.write_file, "Report: the quarterly review", "review", exporting.quarterly_review),
            ),
            Command(
                "Report: the weekly digest",
                "Markdown, as `techtime report --week` writes it, into a folder you name",
                partial(app.write_file, "Report: the weekly digest", "week", exporting.weekly_digest),
            ),
        ]
        for name in exporting.formats():
            title = f"Export: {name}"
            commands.append(
                Command(
                    title,
                    f"as `techtime export --format {name}` writes it, into a folder you name",
                    partial(app.write_file, title, name, exporting.exporter(name)),
                )
            )
        commands.append(
            Command(
                "Backup: a copy of the database",
                "a consistent copy, as `techtime backup`, into a folder you name",
                app.write_backup,
            )
        )
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, text=command.name, help=command.help)
