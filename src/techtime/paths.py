"""Where techtime keeps things: the database (--db PATH > $TECHTIME_DB > the user data folder), the log
of unexpected errors (the user state folder) and what it remembers about files it checked (the cache).
"""

import os
import sys

APP_NAME = "techtime"
DB_FILENAME = "techtime.db"
LOG_FILENAME = "techtime.log"

# Paths as str, not pathlib.Path: importing pathlib costs ~3 ms of `techtime add`'s start-up budget.


def _xdg(variable: str, fallback: str) -> str | None:
    """The XDG rule platformdirs follows on Linux, without importing it; None elsewhere."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ:
        return None
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return os.path.join(value, APP_NAME)
    if os.path.isabs(os.environ.get("HOME", "")):
        return os.path.join(os.path.expanduser(fallback), APP_NAME)
    return None


def default_data_dir() -> str:
    """platformdirs' user data folder for techtime.

    On Linux that answer is the XDG rule, read here directly: importing platformdirs (with pathlib
    and tempfile) costs ~15 ms of every `techtime add` or `techtime today` without --db. A test
    checks that both agree; anything unusual (another system, Android, no absolute HOME) asks
    platformdirs itself.
    """
    found = _xdg("XDG_DATA_HOME", "~/.local/share")
    if found is not None:
        return found
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def cache_dir() -> str:
    """platformdirs' user cache folder (~/.cache/techtime on Linux): what can be thrown away."""
    found = _xdg("XDG_CACHE_HOME", "~/.cache")
    if found is not None:
        return found
    from platformdirs import user_cache_dir

    return user_cache_dir(APP_NAME, appauthor=False)


def log_dir() -> str:
    """platformdirs' user log folder (~/.local/state/techtime/log on Linux): unexpected errors, in full."""
    found = _xdg("XDG_STATE_HOME", "~/.local/state")
    if found is not None:
        return os.path.join(found, "log")
    from platformdirs import user_log_dir

    return user_log_dir(APP_NAME, appauthor=False)


def log_file() -> str:
    return os.path.join(log_dir(), LOG_FILENAME)


def make_private_dirs(folder: str) -> None:
    """Create a folder and every missing parent 0700, whatever the umask (os.makedirs gives parents 0777).

    A parent that is a file is one clear line (NotADirectoryError is an OSError the caller words).
    """
    missing = []
    current = os.path.abspath(folder)
    while not os.path.isdir(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for each in reversed(missing):
        try:
            os.mkdir(each, 0o700)
        except FileExistsError:
            if not os.path.isdir(each):
                raise NotADirectoryError(20, "Not a directory", each) from None
        else:
            os.chmod(each, 0o700)  # mkdir's mode is cut by the umask only, never widened; be exact


def database_path(cli_path: str | None = None, environ: dict[str, str] | None = None) -> str:
    """Resolve the database file in the documented order of precedence."""
    env = os.environ if environ is None else environ
    if cli_path:
        return os.path.expanduser(cli_path)
    if env.get("TECHTIME_DB"):
        return os.path.expanduser(env["TECHTIME_DB"])
    return os.path.join(default_data_dir(), DB_FILENAME)
