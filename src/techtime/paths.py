"""Where the database lives: --db PATH > $TECHTIME_DB > the user data folder."""

import os
import sys

APP_NAME = "techtime"
DB_FILENAME = "techtime.db"

# Paths as str, not pathlib.Path: importing pathlib costs ~3 ms of `techtime add`'s start-up budget.


def default_data_dir() -> str:
    """platformdirs' user data folder for techtime.

    On Linux that answer is the XDG rule, read here directly: importing platformdirs (with pathlib
    and tempfile) costs ~15 ms of every `techtime add` or `techtime today` without --db. A test
    checks that both agree; anything unusual (another system, Android, no absolute HOME) asks
    platformdirs itself.
    """
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and "ANDROID_DATA" not in os.environ:
        xdg_data_home = os.environ.get("XDG_DATA_HOME", "")
        if os.path.isabs(xdg_data_home):
            return os.path.join(xdg_data_home, APP_NAME)
        if os.path.isabs(os.environ.get("HOME", "")):
            return os.path.join(os.path.expanduser("~/.local/share"), APP_NAME)
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def database_path(cli_path: str | None = None, environ: dict[str, str] | None = None) -> str:
    """Resolve the database file in the documented order of precedence."""
    env = os.environ if environ is None else environ
    if cli_path:
        return os.path.expanduser(cli_path)
    if env.get("TECHTIME_DB"):
        return os.path.expanduser(env["TECHTIME_DB"])
    return os.path.join(default_data_dir(), DB_FILENAME)
