"""The `techtime` command. With no sub-command it opens the TUI.

Only the TUI imports Textual: `techtime add` and `techtime today` must start
near a bare Python's time, so every import here is cheap or done lazily.
Exit status: 0 success, 2 bad input (one line on stderr), 1 any other failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from techtime import __version__
from techtime.errors import InputError, TechtimeError

# name -> (module under techtime.cli, one-line help). Each module has add_arguments() and run().
COMMANDS = {
    "add": ("add", "quick capture: r/d/p/t/n TEXT, or any text with a URL"),
    "today": ("today", "the daily check-in as plain text"),
    "export": ("export", "write the data as json, markdown, ics, radar-csv, radar-json or bookmarks"),
    "import": ("importing", "read a file of bookmarks, a Pocket CSV, a radar CSV or a JSON export"),
    "report": ("report", "the quarterly review as Markdown, for a reader outside engineering"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise InputError(f"{message} (see techtime --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="techtime",
        description="Keep your technical judgment sharp: deep dives, a tech radar, IC pairing.",
    )
    parser.add_argument("--db", metavar="PATH", help="database file (default: $TECHTIME_DB or the user data folder)")
    parser.add_argument("--demo", action="store_true", help="use a throw-away database filled with sample data")
    parser.add_argument("--version", action="version", version=f"techtime {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        import_module(f"techtime.cli.{module_name}").add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.demo:
            from techtime.cli.demo import with_demo_database

            return with_demo_database(args, _dispatch)
        return _dispatch(args)
    except InputError as error:
        print(f"techtime: {error}", file=sys.stderr)
        return 2
    except TechtimeError as error:
        print(f"techtime: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `techtime today | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the outermost boundary: one line, never a traceback
        if os.environ.get("TECHTIME_DEBUG"):
            raise
        hint = "TECHTIME_DEBUG=1 shows the traceback"
        print(f"techtime: unexpected {type(error).__name__}: {error} ({hint})", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from techtime.cli.tui import run_tui

        return run_tui(args)
    module_name, _ = COMMANDS[args.command]
    return import_module(f"techtime.cli.{module_name}").run(args)
