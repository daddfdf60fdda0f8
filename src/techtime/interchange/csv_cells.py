"""CSV cells that a spreadsheet will not run: OWASP's advice against CSV (formula) injection.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (`=HYPERLINK("https://evil.example","click")`). Every CSV techtime
writes goes through `safe_cell`, which puts a `'` in front of such a cell: spreadsheets show the
text, and techtime's own importers take the `'` off again.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unsafe_cell(value: str) -> str:
    """What `safe_cell` was given: the `'` it added is taken off (only in front of a formula start)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value
