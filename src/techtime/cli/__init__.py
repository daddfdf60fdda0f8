"""The `techtime` command. With no sub-command it opens the TUI.

Only the TUI imports Textual: `techtime add` and `techtime today` must start
near a bare Python's time, so every import here is cheap or done lazily.
Exit status: 0 success, 2 bad input (one line on stderr), 1 any other failure.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from techtime import __version__
from techtime.errors import InputError, TechtimeError


def _untranslated(message: str) -> str:
    return message


def _untranslated_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


# argparse passes each of its own strings ("options", "usage: ", ...) through gettext, and each call
# looks on disk for a catalogue for the user's language (the first one imports locale as well): ~4 ms
# of `techtime add`, for no change. techtime never sets a text domain and Python ships no catalogue
# for argparse's, so the answer is the string itself. argparse is imported with a stand-in for
# gettext that says so (importing gettext is another ~1 ms); the real one stays importable.
if "gettext" not in sys.modules:
    _stand_in = type(sys)("gettext")
    _stand_in.gettext = _untranslated  # type: ignore[attr-defined]
    _stand_in.ngettext = _untranslated_plural  # type: ignore[attr-defined]
    sys.modules["gettext"] = _stand_in
    try:
        import argparse
    finally:
        del sys.modules["gettext"]
import argparse  # noqa: E402

argparse._ = _untranslated  # type: ignore[attr-defined]  # gettext was imported before techtime
argparse.ngettext = _untranslated_plural  # type: ignore[attr-defined]


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

# name -> (module under techtime.cli, one-line help). Each module has add_arguments() and run().
# {kinds} and {formats} are filled from the registry (techtime.areas).
COMMANDS = {
    "add": ("add", "quick capture: {kinds} TEXT, or any text with a URL"),
    "today": ("today", "the daily check-in as plain text"),
    "export": ("export", "write the data as {formats}"),
    "import": ("importing", "read a file of bookmarks, a Pocket CSV, a radar CSV or a JSON export"),
    "report": ("report", "the quarterly review (or --week: the weekly digest) as Markdown"),
    "backup": ("backup", "a consistent copy of the database"),
    "restore": ("restore", "bring a backup back, after confirming"),
    "doctor": ("doctor", "integrity, schema version, file modes, backup age"),
    "capture": ("capture", "only the capture box, sized for a tmux popup or a desktop hotkey"),
    "open-url": ("open_url", "file a techtime://capture?url=... link from the browser in the radar inbox"),
    "setup": ("setup", "tmux|browser: print or install the capture hotkey binding or the browser handler"),
}


def _formatter(prog: str) -> argparse.HelpFormatter:
    # argparse's default formatter imports shutil (and bz2, lzma) only to read the terminal width:
    # ~10 ms on every start. os has the same answer.
    try:
        width = os.get_terminal_size().columns
    except OSError:
        width = 80
    return argparse.HelpFormatter(prog, width=max(min(width, 100) - 2, 40))


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        # A command's description names the registry's kinds or formats: filled in only when shown.
        if self.description:
            self.description = _from_registry(self.description)
        return super().format_help()

    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise InputError(f"{message} (see techtime --help)")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The global options and the list of commands; a command's own options load only when it runs.

    `only`: the command already named on the line (see `_named_command`); the parser then knows that
    one alone and no help text, which is all parsing it needs (the others cost ~3 ms of start-up).
    """
    parser = _Parser(
        prog="techtime",
        description="Keep your technical judgment sharp: deep dives, a tech radar, IC pairing.",
        epilog="Run `techtime COMMAND --help` for a command's options.",
    )
    parser.add_argument("--db", metavar="PATH", help="database file (default: $TECHTIME_DB or the user data folder)")
    parser.add_argument("--demo", action="store_true", help="use a throw-away database filled with sample data")
    parser.add_argument("--version", action="version", version=f"techtime {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if only is not None:
        commands.add_parser(only, add_help=False)
        return parser
    for name, (_, help_text) in COMMANDS.items():
        # add_help=False: `techtime add --help` reaches the command's own parser below.
        commands.add_parser(name, help=_from_registry(help_text), add_help=False)
    return parser


def _named_command(argv: Sequence[str]) -> str | None:
    """The command on the line when only plain global options come before it (`--db PATH`, `--demo`).

    Anything else before it (--help, --version, an abbreviation, a mistake) returns None: the full
    parser reads the line, so help and errors are the same as ever.
    """
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            value = next(tokens, None)
            if value is None or value.startswith("-"):
                return None
        elif token != "--demo" and not token.startswith("--db="):
            return token if token in COMMANDS else None
    return None


def _from_registry(help_text: str) -> str:
    if "{" not in help_text:
        return help_text
    from techtime import areas

    kinds = "/".join(kind.words[-1] for kind in areas.capture_kinds())
    formats = [name for area in areas.AREAS for name, _ in area.exports]
    return help_text.format(kinds=kinds, formats=", ".join(formats[:-1]) + " or " + formats[-1])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Two steps, so `techtime add` imports the add command only (start-up time is a feature)."""
    line = sys.argv[1:] if argv is None else argv
    args, rest = build_parser(_named_command(line)).parse_known_args(line)
    if args.command is None:
        if rest:
            raise InputError(f"unrecognized arguments: {' '.join(rest)} (see techtime --help)")
        return args
    module_name, help_text = COMMANDS[args.command]
    command = _Parser(prog=f"techtime {args.command}", description=help_text)
    import_module(f"techtime.cli.{module_name}").add_arguments(command)
    return command.parse_args(rest, namespace=args)


def run() -> None:
    """The `techtime` program (console script and `python -m techtime`): main(), then exit.

    The interpreter's last act is a garbage collection that walks every object the imports
    made: a few milliseconds of every command (~4 ms of `techtime add`). Nothing techtime leaves
    needs it (files and the database are closed by then), so what is left is frozen out of it.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    # The cyclic garbage collector finds next to nothing to free while techtime starts (imports
    # build long-lived objects), yet its passes cost a millisecond or two of `techtime add` and
    # ~15 ms of the TUI's first screen. It stays off while starting: a command is over in moments, and the TUI
    # turns it back on once its first frame is out (TechtimeApp.on_ready).
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    try:
        _check_arguments(sys.argv[1:] if argv is None else argv)
        args = parse_args(argv)
        if args.demo:
            from techtime.cli.demo import with_demo_database

            return with_demo_database(args, _dispatch)
        return _dispatch(args)
    except InputError as error:
        _say(str(error))
        return 2
    except TechtimeError as error:
        _say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `techtime today | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # the machine said no (a full disk, a missing folder): its words, one line
        where = f": {error.filename}" if error.filename else ""
        _say(f"{error.strerror or error}{where}")
        return 1
    except Exception as error:  # the outermost boundary: one line, never a traceback
        if os.environ.get("TECHTIME_DEBUG"):
            raise
        from techtime.errorlog import log_error, one_line

        log = log_error(error, f"techtime {' '.join(sys.argv[1:] if argv is None else argv)[:200]}")
        details = f"details in {log}" if log else "TECHTIME_DEBUG=1 shows the traceback"
        _say(f"unexpected {one_line(error)} ({details})")
        return 1


def _say(message: str) -> None:
    """The one line on stderr; user text in it (a title, a file name) shown, never acted on."""
    from techtime.domain.text import clean

    print(f"techtime: {clean(message)}", file=sys.stderr)


def _check_arguments(argv: Sequence[str]) -> None:
    """Arguments that are not valid UTF-8 reach Python as lone surrogates, which SQLite cannot store."""
    for number, argument in enumerate(argv, start=1):
        if any("\udc80" <= character <= "\udcff" for character in argument):
            raw = os.fsencode(argument)
            raise InputError(
                f"argument {number} is not valid UTF-8 ({raw!r}): set the terminal to UTF-8; nothing was saved"
            )


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from techtime.cli.tui import run_tui

        return run_tui(args)
    module_name, _ = COMMANDS[args.command]
    code: int = import_module(f"techtime.cli.{module_name}").run(args)
    return code
