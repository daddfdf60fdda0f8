"""Every screen on the demo data, as a picture, at 80x24 (a laptop's terminal, a split pane) and 120x40.

Review the report before `--snapshot-update`: the pictures are the layout's tests. The date is fixed
and animations are off, so a picture changes only when a screen does.
"""

import pytest
from conftest import make_app

# What is pressed from a fresh start on Today. The Monday triage is left out: its 30-minute clock
# runs on the wall clock.
SCREENS = {
    "today": (),
    "capture": ("c", *"r https://temporal.io Temporal #workflows ring:assess"),
    "help": ("question_mark",),
    "practices": ("v",),
    "dives": ("2",),
    "dive-form": ("2", "n"),
    "dives-planning": ("2", "p"),
    "radar": ("3", "down", "down"),
    "radar-picture": ("3", "v", "down"),
    "pairing": ("4",),
    "pairing-session": ("4", "tab", *["down"] * 7, "left", "enter"),
    "decisions": ("5",),
    # The Checkout incident: systemic, two follow-ups open, the questions' prompt in its story.
    "incidents": ("6", "down"),
}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def press(keys):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        # A text cursor blinks on a timer: shown always, so a picture does not depend on when it is taken.
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen(snap_compare, demo_db, screen, size):
    assert snap_compare(make_app(demo_db), run_before=press(SCREENS[screen]), terminal_size=SIZES[size])
