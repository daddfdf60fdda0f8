"""`techtime add TEXT...`: quick capture from the shell."""

from __future__ import annotations

import argparse
import sys

from techtime import clock
from techtime.cli.common import open_db
from techtime.domain.capture import parse_capture, syntax
from techtime.domain.text import clean
from techtime.services.capture import save


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", metavar="TEXT", help=syntax())


def run(args: argparse.Namespace) -> int:
    today = clock.today()
    # Parse before opening the database: bad input never touches the file.
    item = parse_capture(" ".join(args.text), today)
    with open_db(args) as db:
        saved = save(db, item, today=today, now=clock.now())
    print(f"saved {clean(saved.summary())}")
    if saved.warning:
        print(f"techtime: note: {clean(saved.warning)}", file=sys.stderr)
    return 0
