"""`techtime import FILE [--format FORMAT]`: bring data in; the format is guessed when omitted."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from pathlib import Path

from techtime import clock
from techtime.cli.common import open_db
from techtime.errors import InputError

# format -> (module under techtime.interchange, function(db, text, now, *, merge) -> summary, sniff(text) -> bool)
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": ("json_backup", "import_json", "is_json_export"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), help="the file's format (default: guess)")
    parser.add_argument("--merge", action="store_true", help="add what is missing to a database that holds data")


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    name = args.format or guess_format(text)
    module_name, function_name, _ = FORMATS[name]
    importer = getattr(import_module(f"techtime.interchange.{module_name}"), function_name)
    with open_db(args) as db:
        summary = importer(db, text, clock.now(), merge=args.merge)
    print(summary, file=sys.stdout)
    return 0


def guess_format(text: str) -> str:
    for name, (module_name, _, sniff_name) in FORMATS.items():
        if getattr(import_module(f"techtime.interchange.{module_name}"), sniff_name)(text):
            return name
    raise InputError(f"cannot tell the file's format: give --format, one of {', '.join(sorted(FORMATS))}")
