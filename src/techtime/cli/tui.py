"""Opening the TUI: the database is checked first, so a bad file is one line, not a crashed screen."""

from __future__ import annotations

import argparse

from techtime.cli.common import open_db


def run_tui(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        from techtime.tui.app import TechtimeApp

        TechtimeApp(db).run()
    finally:
        db.close()
    return 0
