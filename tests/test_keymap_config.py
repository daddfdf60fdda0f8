"""config.toml: the user's remaps (applied with App.set_keymap) and the theme chosen in the palette."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import make_app

from techtime.tui import app as app_module
from techtime.tui import config, keymap
from techtime.tui.screens.capture import CaptureScreen
from techtime.tui.screens.today import TodayScreen


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("TECHTIME_CONFIG", str(path))
    return path


def warnings_of(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def test_a_remap_in_config_toml_moves_the_key(db, config_file):
    config_file.write_text('[keymap]\n"app.capture" = "ctrl+n"\n"today.practices" = "P"\n')
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")  # no longer capture
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press("escape", "P")
        await pilot.pause()
        assert type(app.screen).__name__ == "PracticesScreen"
        assert warnings_of(app) == []
        # Help shows the keys as they are now.
        assert keymap.shown(app, keymap.get("app.capture")) == "^n"


async def test_a_bad_key_or_an_unknown_id_is_one_warning_each_and_the_rest_applies(db, config_file):
    config_file.write_text(
        "# my keys\n"
        "[keymap]\n"
        '"app.capture" = "ctrl+n"\n'
        '"radar.tirage" = "x"\n'  # a typo in the id
        '"today.done" = "ctrl+banana"\n'  # not a key
        '"today.skip" = 5\n'  # not text
    )
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        warnings = warnings_of(app)
        assert len(warnings) == 3, warnings
        assert any("'radar.tirage'" in w and "radar.triage" in w for w in warnings)  # named, with the likely one
        assert any("'ctrl+banana' is not a key name" in w for w in warnings)
        assert any("today.skip" in w and "5" in w for w in warnings)
        assert all(str(config_file) in w for w in warnings)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press("escape")
        assert app.is_running


async def test_toml_that_does_not_parse_is_a_warning_and_the_defaults(db, config_file):
    config_file.write_text('[keymap\n"app.capture" = ')
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(warnings_of(app)) == 1 and "using the defaults" in warnings_of(app)[0]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)


def test_key_names():
    for good in ("x", "X", "ctrl+t", "shift+up", "escape", "f5", "pageup", "question_mark", "space", "ctrl+shift+a"):
        assert config.is_key(good), good
    for bad in ("", "ctrl+", "banana", "ctrl+banana", "hyperspace+x", "two words", " "):
        assert not config.is_key(bad), bad


def test_a_remap_onto_a_key_in_use_is_applied_and_said():
    keymap_, problems = config.check_keymap({"radar.triage": "r"}, keymap.all_keys())
    assert keymap_ == {"radar.triage": "r"}
    assert len(problems) == 1 and "radar.read" in problems[0]


async def test_the_theme_chosen_is_remembered_keeping_the_other_settings(db, config_file, monkeypatch):
    monkeypatch.setattr(app_module, "THEME_SAVE_DELAY", 0.05)
    config_file.write_text(
        '# keys I like\nexport_folder = "~/notes"\n\n[keymap]\n"app.capture" = "ctrl+n"  # muscle memory\n'
    )
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.theme = "nord"  # as the palette's "Change theme" does
        for _ in range(50):
            await pilot.pause(0.05)
            if "nord" in config_file.read_text():
                break
    text = config_file.read_text()
    assert 'theme = "nord"' in text
    assert "# keys I like" in text and "# muscle memory" in text and 'export_folder = "~/notes"' in text
    assert config.load(keymap.all_keys()).keymap == {"app.capture": "ctrl+n"}
    assert [p for p in os.listdir(config_file.parent) if p != "config.toml"] == []  # no temporary left
    again = make_app(db)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


def test_a_failed_write_leaves_the_old_file_whole(config_file, monkeypatch):
    config_file.write_text('theme = "nord"\n')

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    problem = config.save(theme="gruvbox")
    assert "was not changed" in problem and "No space left" in problem
    assert config_file.read_text() == 'theme = "nord"\n'
    assert os.listdir(config_file.parent) == ["config.toml"]


def test_a_file_that_does_not_parse_is_never_overwritten(config_file):
    config_file.write_text("theme = \n")
    assert "was not changed" in config.save(theme="nord")
    assert config_file.read_text() == "theme = \n"


def test_a_new_config_file_is_private(tmp_path, monkeypatch):
    path = tmp_path / "new" / "config.toml"
    monkeypatch.setenv("TECHTIME_CONFIG", str(path))
    assert config.save(theme="nord") == ""
    assert config.load(keymap.all_keys()).theme == "nord"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_config_folder_is_platformdirs_answer(monkeypatch):
    from platformdirs import user_config_dir

    monkeypatch.delenv("TECHTIME_CONFIG")
    for xdg in ("", "/tmp/xdg-config"):
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
        assert config.config_dir() == user_config_dir("techtime", appauthor=False)
    assert config.config_path() == os.path.join(user_config_dir("techtime", appauthor=False), "config.toml")


async def test_an_unknown_theme_is_a_warning(db, config_file):
    config_file.write_text('theme = "no-such-theme"\n')
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("no-such-theme" in w for w in warnings_of(app))
        assert app.theme != "no-such-theme"
