"""Opening the TUI: the database is checked first, so a bad file is one line, not a crashed screen.

The app never prints a traceback: an unexpected error is one line here, the traceback is in the log
(techtime.errorlog), and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys

from techtime.cli.common import open_db


def run_tui(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        from techtime.tui.app import TechtimeApp

        app = TechtimeApp(db)
        app.run()
    finally:
        db.close()
    return finish(app)


def finish(app: object) -> int:
    """The app's exit status, with the one line that explains a non-zero one."""
    from techtime.domain.text import clean

    fatal = getattr(app, "fatal_error", "")
    errors = getattr(app, "unexpected_errors", 0)
    if fatal:
        print(f"techtime: unexpected {clean(fatal)}", file=sys.stderr)
        return 1
    if errors:
        where = getattr(app, "log_path", None) or "the log"
        noun = "error" if errors == 1 else "errors"
        print(f"techtime: {errors} unexpected {noun} during the session (details in {where})", file=sys.stderr)
        return 1
    code = getattr(app, "return_code", 0)
    return int(code or 0)
