"""Where the database lives: --db PATH > $TECHTIME_DB > the user data folder."""

import os

APP_NAME = "techtime"
DB_FILENAME = "techtime.db"

# Paths as str, not pathlib.Path: importing pathlib costs ~3 ms of `techtime add`'s start-up budget.


def default_data_dir() -> str:
    # platformdirs costs ~20 ms to import; only pay it when it is needed.
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
