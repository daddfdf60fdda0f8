"""`techtime capture [--url URL]`: the capture box alone, sized for a tmux popup or a desktop hotkey.

    tmux display-popup -E -w 90 -h 10 'techtime capture'

Enter saves, prints what was saved and exits 0; Escape keeps a draft for next time and exits 1.
With --url, or a web link on the clipboard (wl-paste, xclip or pbpaste, when present), the box
starts with `r URL `. A TUI command: the one besides the app that imports Textual.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from techtime import clock
from techtime.cli.common import open_db
from techtime.domain.text import clean

CLIPBOARD_TIMEOUT_SECONDS = 0.5
MAX_CLIPBOARD_URL = 8 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", metavar="URL", help="start with `r URL ` (default: a web link on the clipboard)")
    parser.add_argument("--no-clipboard", action="store_true", help="do not look at the clipboard")


def run(args: argparse.Namespace) -> int:
    suggestion = f"r {clean(args.url).strip()} " if args.url and args.url.strip() else ""
    look = None if (suggestion or args.no_clipboard) else clipboard_suggestion
    with open_db(args) as db:
        from techtime.tui.capture_app import CaptureApp

        app = CaptureApp(db, today=clock.today, now=clock.now, suggestion=suggestion, find_suggestion=look)
        saved = app.run()
    if saved is None:
        kept = "; your draft is kept for next time" if app.kept_draft else ""
        print(f"techtime: nothing saved{kept}", file=sys.stderr)
        return 1
    print(f"saved {clean(saved.summary())}")
    if saved.warning:
        print(f"techtime: note: {clean(saved.warning)}", file=sys.stderr)
    return 0


def clipboard_suggestion() -> str:
    """`r URL ` when the clipboard holds one web link and nothing else; "" otherwise (or no clipboard)."""
    from techtime.domain.urls import is_openable

    text = read_clipboard().strip()
    if len(text) > MAX_CLIPBOARD_URL or not is_openable(text) or clean(text) != text:
        return ""
    return f"r {text} "


def read_clipboard() -> str:
    """The clipboard's text through the first tool that answers; never required, never slow."""
    for argv in _clipboard_commands():
        program = shutil.which(argv[0])
        if program is None:
            continue
        try:
            result = subprocess.run(
                [program, *argv[1:]],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=CLIPBOARD_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if result.returncode == 0 and result.stdout:
            return result.stdout[: MAX_CLIPBOARD_URL + 1].decode("utf-8", errors="replace")
    return ""


def _clipboard_commands() -> list[list[str]]:
    if sys.platform == "darwin":
        return [["pbpaste"]]
    commands = []
    if os.environ.get("WAYLAND_DISPLAY"):
        commands.append(["wl-paste", "--no-newline", "--type", "text/plain"])
    if os.environ.get("DISPLAY"):
        commands.append(["xclip", "-selection", "clipboard", "-out"])
    return commands
