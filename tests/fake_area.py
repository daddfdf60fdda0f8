"""A throw-away area for tests/test_areas_tui.py: a tiny screen and its keys, registered only by a test."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.widgets.footer import Footer

KEYS = (keymap.Key("fake.ping", "z", "ping", "Ping", "ping", ("fake",), show=True, help="count one more ping"),)


class FakeScreen(TechtimeScreen):
    KEYMAP = "fake"
    BINDINGS = keymap.bindings("fake", KEYS)

    def __init__(self) -> None:
        super().__init__()
        self.pings = 0

    def compose(self) -> ComposeResult:
        yield Static("the fake area", id="fake")
        yield Footer()

    def action_ping(self) -> None:
        self.pings += 1
