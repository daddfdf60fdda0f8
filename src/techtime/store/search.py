"""Full-text search over every area's words: the SQL behind "search everything".

Each searchable table has an FTS5 index kept in step by triggers (the migrations make them). A search
reads one index at a time, newest rows first (rowid order, which FTS5 walks without ranking every
match: a row's id, and for the radar its capture key, see `captured_key`), with a snippet of the
best-matching column; the words matched are marked with \\x02 ... \\x03,
characters no user text keeps (clean() replaces control characters), so the screen can light them up.
"""

from __future__ import annotations

from techtime import areas
from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from techtime.store.database import Database

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 12

# The radar's index is keyed by its capture key, not the id (store.schema.captured_key): the id is the
# key's low bits, so a hit finds its row by rowid (SQLite reads an index on the key expression only
# for a constant). How each index's rowid finds its row (alias t) where it is not the row's id:
ID_MASK = 2**24 - 1
_ROW = {"radar_item": f"t.id = ({{fts}}.rowid & {ID_MASK})"}


def facet(name: str, value: str | None) -> str:
    """The token the radar's index holds for a status, ring, quadrant or tag ("s", "r", "q", "t") and
    its value (None: not placed), as store.schema.facets makes it in SQL: the hex of the UTF-8 text, so
    any tag is one token exactly, ending in a digit so that the porter stemmer leaves it alone."""
    return "f" + (name + (value or "")).encode("utf-8").hex() + "0"


class Found(NamedTuple):
    """One row whose words match: its id, the columns asked for by name, and the snippet."""

    id: int
    values: dict[str, Any]
    snippet: str


def indexed(table: str) -> tuple[str, ...]:
    """The columns of a table's full-text index, as its registry record says (the migration that made it
    says the same); () for a table that is not searched."""
    try:
        return areas.table(table).searched
    except KeyError:
        return ()


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query: each word quoted (no operators: `OR`, `*`, `NEAR(` mean
    nothing special), every word required, and the last one, while it is being typed, also as the
    start of a word once it has two letters (the indexes keep 2- and 3-letter prefixes; a lone letter
    is searched as a word, or it would match half the file). None when nothing searchable is left."""
    # SQLite reads the query as a C string: a NUL would cut it short, mid-quote.
    words = "".join(" " if ord(char) < 0x20 else char for char in text).split()
    quoted = ['"' + word.replace('"', '""') + '"' for word in words if word.strip('"')]
    if not quoted:
        return None
    if len(words[-1].strip('"')) >= 2 and not text[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


def reader(path: str) -> Database:
    """A read-only connection of its own for searching off the UI thread (thread workers: any thread may
    use it, one at a time). It never writes, so it needs none of open_database's checks."""
    import sqlite3

    from techtime.store.database import BUSY_TIMEOUT_MS, Database, translate_errors

    with translate_errors(path):
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
    return Database(conn, path, read_only=True)


def in_columns(columns: Sequence[str], query: str) -> str:
    """An FTS5 query that looks at these columns only (the radar's index also holds its facets)."""
    return "{" + " ".join(columns) + "} : (" + query + ")"


def search(
    db: Database, table: str, text: str, *, columns: Sequence[str], where: str = "", limit: int = 20
) -> list[Found]:
    """Up to `limit` rows of `table` matching `text`, newest first. `columns` (plain names) and
    `where` (SQL on the table, aliased `t`) come from the calling module, never from the user."""
    if not indexed(table):
        raise ValueError(f"{table} has no full-text index")
    query = fts_query(text)
    if query is None:
        return []
    query = in_columns(indexed(table), query)
    selected = ", ".join(f"t.{column}" for column in columns)
    extra = f" AND ({where})" if where else ""
    rows = db.rows(
        f"SELECT t.id, {selected}, snippet({table}_fts, -1, ?, ?, '…', ?) FROM {table}_fts"
        f" JOIN {table} t ON {_ROW.get(table, 't.id = {fts}.rowid').format(fts=table + '_fts')}"
        f" WHERE {table}_fts MATCH ?{extra} ORDER BY {table}_fts.rowid DESC LIMIT ?",
        (MARK_START, MARK_END, SNIPPET_WORDS, query, limit),
    )
    return [Found(row[0], dict(zip(columns, row[1:-1], strict=True)), row[-1] or "") for row in rows]
