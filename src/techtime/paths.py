"""Where the database lives: --db PATH > $TECHTIME_DB > the user data folder."""

import os
from pathlib import Path

APP_NAME = "techtime"
DB_FILENAME = "techtime.db"


def default_data_dir() -> Path:
    # platformdirs costs ~20 ms to import; only pay it when it is needed.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(cli_path: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """Resolve the database file in the documented order of precedence."""
    env = os.environ if environ is None else environ
    if cli_path:
        return Path(cli_path).expanduser()
    if env.get("TECHTIME_DB"):
        return Path(env["TECHTIME_DB"]).expanduser()
    return default_data_dir() / DB_FILENAME
