"""`techtime setup tmux|browser`, and `techtime capture`'s clipboard: the hotkey and the browser handler."""

from __future__ import annotations

import re
import shlex
import stat
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from techtime.cli import capture as capture_command
from techtime.cli import setup


def executable(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A home of its own, and a PATH with only the tools a test puts there (and the shell's)."""
    (tmp_path / "home").mkdir()
    (tmp_path / "bin").mkdir()
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin",
    }


# tmux ------------------------------------------------------------------------------------------


def test_setup_tmux_prints_the_binding_with_this_techtime_and_its_database(db_path, home):
    result = run_cli("setup", "tmux", db_path=db_path, env=home)
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[0]
    assert line.startswith("bind-key T display-popup -E -w 90 -h 10 ")
    command = shlex.split(shlex.split(line)[-1])  # tmux's quoting, then the shell's
    assert command[-3:] == ["--db", str(db_path), "capture"]
    assert Path(command[0]).is_absolute()
    assert not (Path(home["HOME"]) / ".tmux.conf").exists()  # printed only


def test_setup_tmux_install_appends_the_line_once(db_path, home):
    conf = Path(home["HOME"]) / ".tmux.conf"
    conf.write_text("set -g mouse on")  # no newline at the end
    first = run_cli("setup", "tmux", "--install", db_path=db_path, env=home)
    assert first.returncode == 0
    line = first.stdout.splitlines()[0]
    assert conf.read_text() == f"set -g mouse on\n# techtime capture popup\n{line}\n"
    again = run_cli("setup", "tmux", "--install", db_path=db_path, env=home)
    assert again.returncode == 0
    assert again.stdout.splitlines()[0] == line  # shown again...
    assert "already binds the capture popup" in again.stderr
    assert conf.read_text().count(line) == 1  # ...added once


def test_setup_tmux_install_writes_the_config_tmux_reads(db_path, home):
    xdg = Path(home["XDG_CONFIG_HOME"]) / "tmux" / "tmux.conf"
    xdg.parent.mkdir(parents=True)
    xdg.write_text("set -g base-index 1\n")
    assert run_cli("setup", "tmux", "--install", db_path=db_path, env=home).returncode == 0
    assert "techtime" in xdg.read_text()
    assert not (Path(home["HOME"]) / ".tmux.conf").exists()  # creating it would hide the user's config


def test_tmux_quoting_survives_odd_paths():
    argv = ["/opt/my tools/techtime", "--db", '/data/"quoted" $HOME #1.db']
    line = setup.tmux_line(argv)
    # tmux's double quotes: a backslash escapes the next character; the popup command is a format (## is #).
    quoted = line.split(" ", 8)[-1]
    assert quoted[0] == quoted[-1] == '"'
    command = re.sub(r"\\(.)", r"\1", quoted[1:-1]).replace("##", "#")
    assert shlex.split(command) == [*argv, "capture"]


# The browser -----------------------------------------------------------------------------------


def desktop_entry(home: dict[str, str]) -> Path:
    return Path(home["XDG_DATA_HOME"]) / "applications" / "techtime-capture.desktop"


def test_setup_browser_writes_the_desktop_entry_registers_it_and_prints_the_bookmarklet(db_path, home, tmp_path):
    log = tmp_path / "xdg-mime.log"
    executable(tmp_path / "bin" / "xdg-mime", f'echo "$@" >> {log}')
    result = run_cli("setup", "browser", db_path=db_path, env=home)
    assert result.returncode == 0, result.stderr
    entry = desktop_entry(home).read_text()
    assert "MimeType=x-scheme-handler/techtime;\n" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(f" --db {db_path} open-url -- %u")
    assert Path(exec_line.removeprefix("Exec=").split()[0]).is_absolute()
    assert log.read_text() == "default techtime-capture.desktop x-scheme-handler/techtime\n"
    assert "registered it for techtime:// links" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("javascript:(function(){")


def test_setup_browser_without_xdg_mime_says_what_is_left_to_do(db_path, home, tmp_path):
    home = {**home, "PATH": str(tmp_path / "bin")}  # no xdg-mime, no update-desktop-database
    result = run_cli("setup", "browser", db_path=db_path, env=home)
    assert result.returncode == 0
    assert desktop_entry(home).exists()
    assert "register techtime-capture.desktop for x-scheme-handler/techtime by hand" in result.stdout


def test_exec_arguments_are_quoted_as_the_desktop_entry_specification_says():
    assert setup.exec_argument("/usr/bin/techtime") == "/usr/bin/techtime"
    assert setup.exec_argument("/home/me/My Tools/techtime") == '"/home/me/My Tools/techtime"'
    assert setup.exec_argument("/data/100%.db") == "/data/100%%.db"
    assert setup.exec_argument('/a"b$c') == '"/a\\\\"b\\\\$c"'  # \" and \$, each backslash escaped again
    with pytest.raises(Exception, match="line break"):
        setup.exec_argument("/a\nb")


def test_on_macos_setup_browser_says_what_to_do_instead_and_installs_nothing(db_path, home, monkeypatch, capsys):
    from techtime.cli import main

    monkeypatch.setattr(sys, "platform", "darwin")
    for name, value in home.items():
        monkeypatch.setenv(name, value)
    assert main(["--db", str(db_path), "setup", "browser"]) == 1
    captured = capsys.readouterr()
    assert "capture hotkey" in captured.out and "capture --url URL" in captured.out
    assert captured.err == "techtime: setup browser: nothing installed (no desktop entries on this system)\n"
    assert not desktop_entry(home).exists()


def test_setup_takes_tmux_or_browser_only(home):
    result = run_cli("setup", "emacs", env=home)
    assert result.returncode == 2 and "invalid choice: 'emacs'" in result.stderr


# The clipboard -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clipboard", "suggestion"),
    [
        ("https://duckdb.org/why\n", "r https://duckdb.org/why "),
        ("  http://example.com  ", "r http://example.com "),
        ("not a link", ""),
        ("https://duckdb.org and more words", ""),
        ("javascript:alert(1)", ""),
        ("https://example.com/\x1b[31m", ""),
        ("https://example.com/" + "a" * 9000, ""),
        ("", ""),
    ],
)
def test_a_single_web_link_on_the_clipboard_is_the_suggestion(monkeypatch, clipboard, suggestion):
    monkeypatch.setattr(capture_command, "read_clipboard", lambda: clipboard)
    assert capture_command.clipboard_suggestion() == suggestion


def test_the_clipboard_is_read_with_xclip_or_wl_paste_when_present_and_never_waited_for(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    assert capture_command.read_clipboard() == ""  # no tool: no clipboard, no error
    executable(tmp_path / "bin" / "xclip", 'test "$*" = "-selection clipboard -out" && printf "https://x.example"')
    assert capture_command.read_clipboard() == "https://x.example"
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    executable(tmp_path / "bin" / "wl-paste", "sleep 5")  # hangs: given up on, then xclip answers
    monkeypatch.setattr(capture_command, "CLIPBOARD_TIMEOUT_SECONDS", 0.2)
    assert capture_command.read_clipboard() == "https://x.example"


def test_the_readme_shows_the_binding_setup_tmux_prints():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"{setup.tmux_line(['/home/me/.local/bin/techtime'])}\n" in readme
