"""The user's settings: config.toml in platformdirs' user config folder (~/.config/techtime on Linux).

    theme = "nord"                # remembered when a theme is chosen in the palette
    export_folder = "~/Documents" # where the palette's Export, Report and Backup wrote last

    [keymap]                      # binding ids (see `?` help and the README) -> keys, as Posting does
    "radar.triage" = "ctrl+t"
    "app.capture" = "c,ctrl+n"

TECHTIME_CONFIG names another file (tests use it). What is wrong in the file (a bad key name, an
unknown binding id, a value that is not text, TOML that does not parse) becomes one warning each,
naming it, and the rest still applies: a typo in a setting never keeps the app from starting.
Writing keeps the user's own comments and other settings (tomlkit) and replaces the file atomically.
"""

from __future__ import annotations

import os
import sys

from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from techtime.tui.keymap import Key

APP_NAME = "techtime"
FILE_NAME = "config.toml"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


class Settings(NamedTuple):
    theme: str = ""
    export_folder: str = ""
    keymap: dict[str, str] = {}  # never changed in place: load() builds a new one
    warnings: tuple[str, ...] = ()


def config_dir() -> str:
    """platformdirs' user config folder; on Linux the XDG rule read directly (importing platformdirs
    costs ~15 ms of start-up), as techtime.paths does for the data folder."""
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and "ANDROID_DATA" not in os.environ:
        xdg_config_home = os.environ.get("XDG_CONFIG_HOME", "")
        if os.path.isabs(xdg_config_home):
            return os.path.join(xdg_config_home, APP_NAME)
        if os.path.isabs(os.environ.get("HOME", "")):
            return os.path.join(os.path.expanduser("~/.config"), APP_NAME)
    from platformdirs import user_config_dir

    return user_config_dir(APP_NAME, appauthor=False)


def config_path() -> str:
    return os.path.expanduser(os.environ.get("TECHTIME_CONFIG") or os.path.join(config_dir(), FILE_NAME))


def load(keys: Iterable[Key], path: str | None = None) -> Settings:
    """The settings in the file (none there: the defaults), every problem as a warning."""
    path = path or config_path()
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        return Settings(warnings=(f"{path}: cannot read it ({error.strerror or error}); using the defaults",))
    import tomllib  # only when there is a file: most people never write one

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Settings(warnings=(f"{path}: {error}; using the defaults",))
    warnings: list[str] = []
    theme = _text(document, "theme", path, warnings)
    folder = _text(document, "export_folder", path, warnings)
    raw = document.get("keymap", {})
    if not isinstance(raw, dict):
        warnings.append(f"{path}: keymap must be a table ([keymap]), not {type(raw).__name__}; keys unchanged")
        raw = {}
    keymap, problems = check_keymap(raw, keys)
    return Settings(theme, folder, keymap, (*warnings, *(f"{path}: {problem}" for problem in problems)))


def _text(document: Mapping[str, object], name: str, path: str, warnings: list[str]) -> str:
    value = document.get(name, "")
    if isinstance(value, str):
        return value
    warnings.append(f"{path}: {name} must be text in quotes, not {value!r}; ignored")
    return ""


def check_keymap(raw: Mapping[str, object], keys: Iterable[Key]) -> tuple[dict[str, str], list[str]]:
    """The remaps that can be applied, and one line for each that cannot (naming it, saying what is
    accepted). A remap that takes a key another binding of the same screen uses is applied, and said."""
    known = {key.id: key for key in keys}
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in raw.items():
        if binding_id not in known:
            from difflib import get_close_matches

            close = get_close_matches(binding_id, known, n=2, cutoff=0.75)
            hint = f" (did you mean {' or '.join(close)}?)" if close else " (help, `?`, lists every id)"
            problems.append(f"unknown binding id {binding_id!r}{hint}; ignored")
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(f'{binding_id}: keys must be text like "ctrl+t" or "x,delete", not {value!r}; ignored')
            continue
        bad = [part.strip() for part in value.split(",") if not is_key(part.strip())]
        if bad:
            problems.append(
                f"{binding_id}: {', '.join(repr(part) for part in bad)} is not a key name"
                " (use a letter, a key like escape, f5, pageup, space, or modifiers: ctrl+t, shift+up); ignored"
            )
            continue
        keymap[binding_id] = ",".join(part.strip() for part in value.split(","))
    problems += _clashes(keymap, known)
    return keymap, problems


def _clashes(keymap: Mapping[str, str], known: Mapping[str, Key]) -> list[str]:
    """A remapped key that another binding of the same screen (or an app-wide one) still uses."""
    from textual.keys import _character_to_key

    def keys_of(key: Key, *, default: bool = False) -> set[str]:
        value = key.keys if default else keymap.get(key.id, key.keys)
        return {_character_to_key(part) if len(part) == 1 else part for part in value.split(",")}

    found = []
    for binding_id in keymap:
        key = known[binding_id]
        for other in known.values():
            if other.id == binding_id:
                continue
            shares = set(key.screens) & set(other.screens) or "app" in (*key.screens, *other.screens)
            both = (keys_of(key) - keys_of(key, default=True)) & keys_of(other)
            if shares and both:
                found.append(
                    f"{binding_id}: {', '.join(sorted(both))} is also {other.id} ({other.description});"
                    f" on {', '.join(key.screens)} it now runs {key.description}"
                )
    return found


def is_key(name: str) -> bool:
    """A key Textual can bind: a character, a named key (escape, f5, pageup, question_mark), with modifiers."""
    from textual.keys import Keys, _character_to_key

    *modifiers, base = name.split("+")
    if not base or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    named = {key.value.rpartition("+")[2] for key in Keys}  # escape, f5, pageup, space...
    named |= {_character_to_key(chr(code)) for code in range(33, 127)}  # question_mark, slash, plus...
    return base in named


def save(path: str | None = None, **settings: str) -> str:
    """Set top-level settings (theme, export_folder), keeping everything else in the file as it was.

    Returns "" or the one line that says why nothing was written (a file that does not parse is never
    overwritten: it may be half-way through an edit).
    """
    import tempfile

    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    path = path or config_path()
    try:
        with open(path, encoding="utf-8") as handle:
            document = tomlkit.parse(handle.read())
    except FileNotFoundError:
        document = tomlkit.document()
    except (OSError, UnicodeDecodeError, TOMLKitError) as error:
        return f"{path} was not changed: {error}"
    for name, value in settings.items():
        document[name] = value
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(tomlkit.dumps(document))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    except OSError as error:
        return f"{path} was not changed: {error.strerror or error}"
    return ""
