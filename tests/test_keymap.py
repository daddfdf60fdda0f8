"""One keymap: ids, one verb per key, every screen's bindings, the footer at 80 columns, the README."""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import make_app, settle
from textual.binding import Binding
from textual.widgets._footer import FooterKey

from techtime import areas
from techtime.tui import keymap

ROOT = Path(__file__).resolve().parent.parent


def split(keys: str) -> list[str]:
    return [part.strip() for part in keys.split(",")]


def test_every_binding_id_is_unique():
    ids = [key.id for key in keymap.all_keys()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_no_key_means_two_verbs_anywhere():
    verbs: dict[str, set[str]] = defaultdict(set)
    for key in keymap.all_keys():
        assert key.verb in keymap.VERBS or key.verb.startswith("go to "), f"{key.id}: unknown verb {key.verb!r}"
        for part in split(key.keys):
            verbs[part].add(key.verb)
    clashes = {key: sorted(found) for key, found in verbs.items() if len(found) > 1}
    assert clashes == {}


def test_the_verbs_of_the_design_are_the_keys_of_the_design():
    """DESIGN.md, "One keymap": n new, e edit, d / delete delete, x done, s skip, / search, o open the link,
    enter open, [ ] previous / next period, tab next pane, c capture, ? help, q quit, u undo."""
    expected = {
        "n": "new",
        "e": "edit",
        "d": "delete",
        "delete": "delete",
        "x": "done",
        "s": "skip",
        "slash": "search",
        "o": "open link",
        "enter": "open",
        "left_square_bracket": "previous period",
        "right_square_bracket": "next period",
        "tab": "next pane",
        "c": "capture",
        "question_mark": "help",
        "q": "quit",
        "u": "undo",
    }
    found = {part: key.verb for key in keymap.all_keys() for part in split(key.keys) if part in expected}
    assert found == expected


def test_a_key_is_bound_once_on_each_screen():
    """On a screen, a key is one binding, or the screen's own version of an app-wide one (same verb)."""
    every = keymap.all_keys()
    app_keys = {part: key for key in keymap.keys_of("app", every) for part in split(key.keys)}
    screens = {screen for key in every for screen in key.screens} - {"app"}
    for screen in screens:
        seen: dict[str, keymap.Key] = {}
        for key in keymap.keys_of(screen, every):
            for part in split(key.keys):
                assert part not in seen, f"{screen}: {part} is {seen[part].id} and {key.id}"
                seen[part] = key
                if part in app_keys and not screen.startswith(("widget.", "form", "help")):
                    assert app_keys[part].verb == key.verb, f"{key.id} hides {app_keys[part].id}"


def screen_classes() -> list[type]:
    from techtime.tui.screens.dive_planning import PlanningScreen
    from techtime.tui.screens.radar_picture import RadarPictureScreen
    from techtime.tui.screens.radar_triage import TriageScreen

    found: list[type] = [PlanningScreen, TriageScreen, RadarPictureScreen]
    for area in areas.AREAS:
        if area.screen:
            made = areas.resolve(area.screen)
            assert isinstance(made, type)
            found.append(made)
    return found


@pytest.mark.parametrize("screen", screen_classes(), ids=lambda screen: screen.__name__)
def test_each_screen_binds_what_the_keymap_says(screen):
    assert screen.KEYMAP
    bound = list(dict.fromkeys(binding.id for binding in Binding.make_bindings(screen.BINDINGS)))
    assert bound == [key.id for key in keymap.keys_of(screen.KEYMAP)]
    assert all(bound), f"{screen.__name__} has a binding without an id: it cannot be remapped"


@pytest.mark.parametrize("screen", screen_classes(), ids=lambda screen: screen.__name__)
def test_each_key_runs_an_action_its_screen_has(screen):
    for binding in Binding.make_bindings(screen.BINDINGS):
        name = binding.action.partition("(")[0]
        if "." not in name:  # "app.pop_screen" runs on the app
            assert hasattr(screen, f"action_{name}"), f"{binding.id}: {screen.__name__} has no action {name!r}"


def test_every_binding_of_every_module_has_an_id():
    """No screen or widget declares a Binding by hand: each comes from the keymap, with its id."""
    for path in (ROOT / "src" / "techtime" / "tui").rglob("*.py"):
        if path.name == "keymap.py":
            continue
        assert "Binding(" not in path.read_text(encoding="utf-8").replace("Binding(part", ""), path


def test_readme_key_tables_match_the_keymap():
    spec = importlib.util.spec_from_file_location("readme_keys", ROOT / "scripts" / "readme_keys.py")
    assert spec and spec.loader
    readme_keys = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(readme_keys)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- keys: ") == len(keymap.readme_tables())
    assert readme_keys.updated(text) == text, "README.md's key tables are stale: run scripts/readme_keys.py"


# Every area's screen and every view opened from one, reached by keys from Today.
SCREENS_AT_80 = [[], ["v"], ["2"], ["2", "p"], ["3"], ["3", "t"], ["3", "v"], ["4"], ["5"], ["6"]]


@pytest.mark.parametrize("keys", SCREENS_AT_80, ids=lambda keys: " ".join(keys) or "today")
async def test_the_footer_keeps_capture_undo_help_and_quit_visible_at_80_columns(demo_db, keys):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        shown = {footer_key.key: footer_key.region for footer_key in app.screen.query(FooterKey)}
        palette = shown["ctrl+p"]
        for key in ("c", "u", "question_mark", "q"):
            assert key in shown, f"{key} is not in the footer of {type(app.screen).__name__}"
            region = shown[key]
            assert region.x >= 0 and region.right <= palette.x, f"{key} is cut off: {region} (palette {palette})"
        # Where the keys are wider than the screen, nothing of the one cut off shows past the palette's.
        last_line = app.screen._compositor.render_strips()[-1].text
        assert last_line.rstrip().endswith("^p palette"), last_line


# Keys a text box types: every printable one, named as Textual names them in bindings.
TYPED_KEY_NAMES = {"slash", "backslash", "minus", "plus", "at", "underscore", "question_mark", "full_stop"}


async def test_a_search_box_s_footer_offers_no_key_that_the_box_types(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert "slash" in {key.key for key in app.screen.query(FooterKey)}  # the list offers "/ Search"
        await pilot.press("slash")
        await settle(pilot)  # the footer's keys are rebuilt after the focus moved
        offered = {key.key for key in app.screen.query(FooterKey)}
        assert not {key for key in offered if len(key) == 1 or key in TYPED_KEY_NAMES}, offered
        await pilot.press(*"a/b")
        await pilot.pause()
        assert app.screen.focused is not None and getattr(app.screen.focused, "value", None) == "a/b"
