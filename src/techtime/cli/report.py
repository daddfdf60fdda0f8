"""`techtime report [--quarter 2026Q4 | --week] [-o FILE]`: the quarterly review, or the weekly digest, as Markdown."""

from __future__ import annotations

import argparse

from techtime import clock
from techtime.cli.common import open_db
from techtime.cli.export import write_output
from techtime.domain.quarters import Quarter


def add_arguments(parser: argparse.ArgumentParser) -> None:
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--quarter", "-q", metavar="QUARTER", help="the quarter to review: 2026Q4, last, this, next (default: this one)"
    )
    period.add_argument("--week", "-w", action="store_true", help="this week's digest, for a status note")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (created 0600) instead of stdout")


def run(args: argparse.Namespace) -> int:
    from techtime.interchange.quarterly_report import render

    today = clock.today()
    if args.week:
        from techtime.interchange.weekly_digest import weekly_digest

        with open_db(args) as db:
            text = weekly_digest(db, today)
        write_output(text, args.output, db_path=db.path)
        return 0
    # Read the quarter before opening the file: bad input changes nothing, not even a new empty database.
    quarter = Quarter.named(args.quarter, today) if args.quarter else Quarter.containing(today)
    with open_db(args) as db:
        text = render(db, quarter, today)
    write_output(text, args.output, db_path=db.path)
    return 0
