"""Write the README's key tables from the keymap (techtime.tui.keymap), so they cannot drift.

Each table follows a marker line `<!-- keys: NAME -->` (NAME: app, today, practices, dives,
dives.planning, radar, radar.triage, radar.picture, pairing). tests/test_keymap.py fails when
the README and the keymap disagree; this script makes them agree:

    .venv/bin/python scripts/readme_keys.py            # rewrite README.md
    .venv/bin/python scripts/readme_keys.py --check    # exit 1 if it would change
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = re.compile(r"^<!-- keys: (?P<name>[\w.]+) -->\n(?P<table>(?:\|.*\n)*)", re.MULTILINE)


def updated(text: str) -> str:
    """The README with every marked table made from the keymap."""
    from techtime.tui.keymap import readme_tables

    tables = readme_tables()

    def table(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in tables:
            raise SystemExit(f"README.md: no key table called {name!r} (known: {', '.join(tables)})")
        return f"<!-- keys: {name} -->\n{tables[name]}\n"

    return MARKER.sub(table, text)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("README.md's key tables differ from the keymap: run scripts/readme_keys.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
