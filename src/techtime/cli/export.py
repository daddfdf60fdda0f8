"""`techtime export --format FORMAT [-o FILE]`: the data in a format other tools read."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from techtime import clock
from techtime.cli.common import open_db

# format -> (module under techtime.interchange, function(db, today) -> str). Imported only when chosen.
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json_backup", "export_json"),
    "radar-csv": ("byor", "export_csv"),
    "radar-json": ("byor", "export_json"),
    "bookmarks": ("bookmarks", "export_html"),
    "ics": ("ics", "export_ics"),
    "markdown": ("quarterly_report", "export_markdown"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", required=True, choices=sorted(FORMATS), help="output format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (created 0600) instead of stdout")


def run(args: argparse.Namespace) -> int:
    module_name, function_name = FORMATS[args.format]
    export = getattr(import_module(f"techtime.interchange.{module_name}"), function_name)
    with open_db(args) as db:
        text = export(db, clock.today())
    write_output(text, args.output)
    return 0


def write_output(text: str, output: str | None) -> None:
    """Print, or write a private file: exports hold notes about people."""
    if not output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    print(f"wrote {output}", file=sys.stderr)
