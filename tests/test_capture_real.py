"""Capture from anywhere, checked with the real tools: desktop-file-validate, headless Chromium, tmux.

Each test is skipped, saying why, where its tool is not installed (`.ci/run` installs them in CI).
"""

from __future__ import annotations

import contextlib
import fcntl
import http.server
import json
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from techtime.domain.capture_link import BOOKMARKLET


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {PACKAGES[name]})")
    return path


PACKAGES = {"desktop-file-validate": "desktop-file-utils", "chromium": "chromium", "tmux": "tmux"}


def wait_for(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout} s")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """This checkout's techtime first on PATH, a home of its own, a fixed day."""
    (tmp_path / "home").mkdir()
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
    }


# desktop-file-validate -------------------------------------------------------------------------


def test_the_desktop_entry_passes_desktop_file_validate(db_path, env):
    validate = tool("desktop-file-validate")
    assert run_cli("setup", "browser", db_path=db_path, env=env).returncode == 0
    entry = Path(env["XDG_DATA_HOME"]) / "applications" / "techtime-capture.desktop"
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stdout + result.stderr


def test_an_odd_path_is_still_a_valid_desktop_entry(tmp_path):
    validate = tool("desktop-file-validate")
    from techtime.cli import setup

    entry = tmp_path / "techtime-capture.desktop"
    entry.write_text(setup.desktop_entry(["/opt/my tools/techtime", "--db", '/data/"q" $x 100%.db']))
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


# Headless Chromium ------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Café ledger — [bold]DuckDB[/] & co</title></head>
<body><p id="quote">DuckDB is an in-process SQL OLAP database.</p><p>Not selected.</p></body></html>
"""


@pytest.fixture
def web_page() -> Iterator[str]:
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/posts/duckdb?ref=feed"
    server.shutdown()


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe (fds 3 and 4, NUL-terminated JSON)."""

    def __init__(self, chromium: str, profile: Path) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def wire() -> None:
            os.dup2(commands_read, 3)
            os.dup2(replies_write, 4)

        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
        ]
        self.process = subprocess.Popen(
            [chromium, *flags, "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=wire,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._last_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        sent = self._last_id
        reply = self.wait(lambda m: m.get("id") == sent, f"a reply to {method}")
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, match: Callable[[dict[str, Any]], bool], what: str, timeout: float = 60) -> dict[str, Any]:
        for event in self.events:
            if match(event):
                return event
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                self.events.append(message)
                if match(message):
                    return message
            ready, _, _ = select.select([self._replies], [], [], 0.2)
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    break
                self._buffer += chunk
        raise AssertionError(f"Chromium: no {what} within {timeout} s")

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        os.close(self._commands)
        os.close(self._replies)


def test_the_bookmarklet_in_chromium_files_the_page_its_title_and_the_selection(db, db_path, env, tmp_path, web_page):
    browser = DevTools(tool("chromium"), tmp_path / "profile")
    try:
        page = next(t for t in browser.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        browser.session = browser.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        browser.send("Page.enable")
        browser.send("Page.navigate", url=web_page)
        browser.wait(lambda m: m.get("method") == "Page.loadEventFired", "page load")
        # Select a paragraph, then click the bookmarklet as a bookmark would run it (a javascript: navigation).
        script = f"""(() => {{
            const range = document.createRange();
            range.selectNodeContents(document.getElementById("quote"));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            const bookmark = document.createElement("a");
            bookmark.href = {json.dumps(BOOKMARKLET)};
            document.body.appendChild(bookmark);
            bookmark.click();
        }})()"""
        browser.send("Runtime.evaluate", expression=script)
        navigation = browser.wait(
            lambda m: m.get("method") == "Page.frameRequestedNavigation" and m["params"]["url"].startswith("techtime:"),
            "navigation to techtime://",
        )
    finally:
        browser.close()
    link = navigation["params"]["url"]
    assert link.startswith("techtime://capture?url=")
    # What the desktop entry runs with the link (Exec=... open-url -- %u).
    result = run_cli("open-url", "--", link, db_path=db_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "added to the radar inbox: radar item 1: Café ledger — [bold]DuckDB[/] & co\n"
    row = db.one("SELECT title, url, notes, status, source FROM radar_item")
    assert tuple(row) == (
        "Café ledger — [bold]DuckDB[/] & co",
        web_page,
        "DuckDB is an in-process SQL OLAP database.",
        "inbox",
        "browser",
    )
    again = run_cli("open-url", "--", link, db_path=db_path, env=env)
    assert again.returncode == 0 and "already on the radar" in again.stdout
    assert db.scalar("SELECT count(*) FROM radar_item") == 1


# tmux --------------------------------------------------------------------------------------------


class Terminal:
    """A program in a pseudo-terminal of its own: what a user's terminal window is to tmux."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        columns, lines = size
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.seen = b""

    def read(self) -> bytes:
        while select.select([self.fd], [], [], 0)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk
        return self.seen

    def type(self, data: bytes) -> None:
        os.write(self.fd, data)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def test_the_tmux_popup_saves_a_line_that_the_open_app_then_shows(db, db_path, env, tmp_path):
    tmux = tool("tmux")
    env = {**env, "TERM": "xterm-256color", "TECHTIME_TODAY": os.environ["TECHTIME_TODAY"]}
    # The binding exactly as `techtime setup tmux --install` writes it, in this test's own config.
    installed = run_cli("setup", "tmux", "--install", db_path=db_path, env=env)
    assert installed.returncode == 0, installed.stderr
    config = Path(env["HOME"]) / ".tmux.conf"
    socket = f"techtime-test-{os.getpid()}"
    server = [tmux, "-L", socket, "-f", str(config)]

    def panes() -> str:
        return subprocess.run([*server, "capture-pane", "-p", "-t", "app"], capture_output=True, text=True).stdout

    techtime = Path(sys.executable).with_name("techtime")
    app = [str(techtime)] if techtime.exists() else [sys.executable, "-m", "techtime"]
    app += ["--db", str(db_path)]
    subprocess.run([*server, "new-session", "-d", "-s", "app", "-x", "120", "-y", "40", *app], env=env, check=True)
    client = Terminal([*server, "attach", "-t", "app"], env)
    try:
        wait_for(lambda: "techtime — Today" in panes(), 30, "the app's Today screen in tmux")
        client.type(b"\x02T")  # prefix + T: the binding
        wait_for(lambda: b"Enter saves" in client.read(), 30, "the capture popup")
        client.type(b"n pasted from the tmux popup")
        time.sleep(0.3)  # typing, then a moment, as a person does
        client.type(b"\r")
        wait_for(
            lambda: db.scalar("SELECT count(*) FROM inbox_note WHERE text = 'pasted from the tmux popup'"),
            15,
            "the line in the database",
        )
        # The bar (DESIGN: within a second or two): the app looks for other writers every second.
        wait_for(lambda: "pasted from the tmux popup" in panes(), 2, "the open app showing it")
    finally:
        client.close()
        subprocess.run([*server, "kill-server"], capture_output=True)
