"""`techtime open-url LINK`: a techtime://capture?... link from the browser, filed in the radar inbox.

Started by the desktop entry `techtime setup browser` writes, for any page that navigates to such a
link: it only ever adds one inbox item, and never opens, runs or overwrites anything (the desktop
notification is the one program it starts, where `notify-send` exists, with our own arguments).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess

from techtime import clock
from techtime.cli.common import open_db
from techtime.domain.capture_link import parse_capture_link
from techtime.domain.text import clean, shorten
from techtime.services.open_url import Filed, file_link

NOTIFY_TIMEOUT_SECONDS = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("link", metavar="LINK", help="techtime://capture?url=...&title=...&body=...[&tags=...]")


def run(args: argparse.Namespace) -> int:
    # Read the link before opening the database: a refused link never touches the file.
    link = parse_capture_link(args.link)
    with open_db(args) as db:
        filed = file_link(db, link, now=clock.now())
    print(clean(filed.summary()))
    notify(filed)
    return 0


def notify(filed: Filed) -> None:
    """A desktop notification where notify-send exists; never required, never markup."""
    program = shutil.which("notify-send")
    if program is None:
        return
    summary = "Added to the radar inbox" if filed.added else "Already on the radar"
    # Notification servers may read the body as markup (<b>, <a href>): user text is escaped for it.
    body = shorten(clean(filed.title), 200).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    with contextlib.suppress(OSError, subprocess.SubprocessError):  # the line on stdout said it already
        subprocess.run(
            [program, "--app-name=techtime", "--expire-time=5000", "--", summary, body],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=NOTIFY_TIMEOUT_SECONDS,
            check=False,
        )
