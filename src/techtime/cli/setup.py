"""`techtime setup tmux|browser`: capture from anywhere, set up.

    techtime setup tmux [--install]   the tmux binding for the capture popup (and adding it to tmux's config)
    techtime setup browser            the techtime:// handler (a desktop entry) and the bookmarklet

Both name the techtime that is running by its absolute path (a popup's or a browser's PATH is
not the shell's) and pass on the database it was given (--db or TECHTIME_DB), if any.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys

from techtime.domain.capture_link import BOOKMARKLET
from techtime.errors import InputError, TechtimeError

TMUX_KEY = "T"
POPUP = "display-popup -E -w 90 -h 10"
DESKTOP_FILE = "techtime-capture.desktop"
MIME_TYPE = "x-scheme-handler/techtime"
TOOL_TIMEOUT_SECONDS = 10
# The Desktop Entry Specification's characters that need an Exec argument quoted.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("tmux", "browser"), help="tmux: the popup binding; browser: the link handler")
    parser.add_argument("--install", action="store_true", help="tmux: add the binding to tmux's config (once)")


def run(args: argparse.Namespace) -> int:
    command = techtime_command(args)
    if args.what == "tmux":
        return setup_tmux(command, install=args.install)
    if args.install:
        raise InputError("--install is for `setup tmux`; `setup browser` always installs the handler")
    return setup_browser(command)


def techtime_command(args: argparse.Namespace) -> list[str]:
    """The running techtime, by absolute path, with the database it was told to use."""
    program = sys.argv[0]
    if os.path.basename(program) == "techtime" and os.path.isfile(program):
        argv = [os.path.abspath(program)]
    elif found := shutil.which("techtime"):
        argv = [os.path.abspath(found)]
    else:  # `python -m techtime`
        argv = [os.path.abspath(sys.executable), "-m", "techtime"]
    chosen = args.db or os.environ.get("TECHTIME_DB")
    if chosen:
        argv += ["--db", os.path.abspath(os.path.expanduser(chosen))]
    return argv


# tmux ----------------------------------------------------------------------------------------


def tmux_line(command: list[str]) -> str:
    """`bind-key T display-popup ... "techtime capture"`, quoted for tmux's config parser."""
    shell = shlex.join([*command, "capture"])
    # In tmux's double quotes, \ " and $ are special; the popup's command is a format, where # is.
    quoted = shell.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("#", "##")
    return f'bind-key {TMUX_KEY} {POPUP} "{quoted}"'


def tmux_config() -> str:
    """The file tmux reads: the first that exists of those it looks for, else ~/.tmux.conf."""
    home = os.path.expanduser("~")
    candidates = [os.path.join(home, ".tmux.conf")]
    if xdg := os.environ.get("XDG_CONFIG_HOME"):
        candidates.append(os.path.join(xdg, "tmux", "tmux.conf"))
    candidates.append(os.path.join(home, ".config", "tmux", "tmux.conf"))
    return next((path for path in candidates if os.path.isfile(path)), candidates[0])


def setup_tmux(command: list[str], *, install: bool) -> int:
    line = tmux_line(command)
    print(line)
    if not install:
        print(f"# add it to {tmux_config()} (or run `techtime setup tmux --install`); then prefix + {TMUX_KEY}")
        return 0
    path = tmux_config()
    try:
        with open(path, encoding="utf-8") as file:
            existing = file.read()
    except FileNotFoundError:
        existing = ""
    except (OSError, UnicodeDecodeError) as error:
        raise TechtimeError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    present = [old for old in existing.splitlines() if "techtime" in old and "capture" in old and "bind" in old]
    if present:
        print(f"# {path} already binds the capture popup: {present[0].strip()}", file=sys.stderr)
        return 0
    block = ("" if not existing or existing.endswith("\n") else "\n") + f"# techtime capture popup\n{line}\n"
    try:
        with open(path, "a", encoding="utf-8") as file:
            file.write(block)
    except OSError as error:
        raise TechtimeError(f"cannot write {path}: {error.strerror}") from None
    print(f"# added to {path}; in a running tmux: tmux source-file {shlex.quote(path)}")
    return 0


# The browser -----------------------------------------------------------------------------------


def exec_argument(argument: str) -> str:
    """One argument of a desktop entry's Exec key, quoted and escaped as the specification says."""
    if "\n" in argument or "\r" in argument:
        raise InputError(f"cannot put {argument!r} in a desktop entry: it has a line break")
    value = argument.replace("%", "%%")
    if any(char in _EXEC_RESERVED for char in value):
        value = '"' + "".join("\\" + char if char in '"`$\\' else char for char in value) + '"'
    # The key file itself escapes backslashes once more.
    return value.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    exec_line = " ".join([*(exec_argument(part) for part in command), "open-url", "--", "%u"])
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=techtime capture\n"
        "Comment=File a web page in the techtime radar inbox\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        f"MimeType={MIME_TYPE};\n"
    )


def applications_folder() -> str:
    data_home = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(data_home):  # the specification: a relative value is ignored
        data_home = os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data_home, "applications")


def setup_browser(command: list[str]) -> int:
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        print(
            "This system opens techtime:// links only through an application bundle, which techtime does not\n"
            "install. Instead: copy the page's address and press your capture hotkey (README: Capture from\n"
            "anywhere); `techtime capture` starts with the link from the clipboard. Or give it yourself:\n"
            f"  {shlex.join([*command, 'capture', '--url', 'URL'])}"
        )
        raise TechtimeError("setup browser: nothing installed (no desktop entries on this system)")
    folder = applications_folder()
    path = os.path.join(folder, DESKTOP_FILE)
    try:
        os.makedirs(folder, exist_ok=True)
        temporary = f"{path}.tmp-{os.getpid()}"
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(desktop_entry(command))
        os.replace(temporary, path)
    except OSError as error:
        raise TechtimeError(f"cannot write {path}: {error.strerror}") from None
    print(f"wrote {path}")
    _tool(["update-desktop-database", folder])
    if _tool(["xdg-mime", "default", DESKTOP_FILE, MIME_TYPE]):
        print(f"registered it for techtime:// links ({MIME_TYPE})")
    else:
        print(f"# xdg-mime is not here or failed: register {DESKTOP_FILE} for {MIME_TYPE} by hand")
    print("\nThe bookmarklet: make a bookmark whose address is this line, and click it on any page:\n")
    print(BOOKMARKLET)
    return 0


def _tool(argv: list[str]) -> bool:
    """Run a desktop tool if it is installed; True if it ran and succeeded."""
    program = shutil.which(argv[0])
    if program is None:
        return False
    try:
        result = subprocess.run(
            [program, *argv[1:]],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0
