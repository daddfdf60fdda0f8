"""`techtime report [--quarter 2026Q4 | --week] [--format markdown|html] [-o FILE]`: the quarterly review,
or the weekly digest, as Markdown; the review also as one self-contained HTML file with its pictures."""

from __future__ import annotations

import argparse

from techtime import clock
from techtime.cli.common import open_db
from techtime.cli.output import write_output
from techtime.domain.quarters import Quarter
from techtime.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--quarter", "-q", metavar="QUARTER", help="the quarter to review: 2026Q4, last, this, next (default: this one)"
    )
    period.add_argument("--week", "-w", action="store_true", help="this week's digest, for a status note")
    parser.add_argument(
        "--format",
        "-f",
        choices=("markdown", "html"),
        default="markdown",
        help="html: one self-contained page with the radar and the year's heat map drawn in",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (created 0600) instead of stdout")


def run(args: argparse.Namespace) -> int:
    from techtime.interchange.quarterly_report import render

    today = clock.today()
    if args.week and args.format == "html":
        raise InputError("--format html is for the quarterly review; the weekly digest is Markdown (leave --week out)")
    if args.week:
        from techtime.interchange.weekly_digest import weekly_digest

        with open_db(args) as db:
            text = weekly_digest(db, today)
        write_output(text, args.output, db_path=db.path)
        return 0
    # Read the quarter before opening the file: bad input changes nothing, not even a new empty database.
    quarter = Quarter.named(args.quarter, today) if args.quarter else Quarter.containing(today)
    with open_db(args) as db:
        if args.format == "html":
            from techtime.interchange.report_html import render_html

            text = render_html(db, quarter, today)
        else:
            text = render(db, quarter, today)
    write_output(text, args.output, db_path=db.path)
    return 0
