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
    words = _words(text)
    quoted = ['"' + word.replace('"', '""') + '"' for word in words if word.strip('"')]
    if not quoted:
        return None
    if len(words[-1].strip('"')) >= 2 and not text[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


def fts_fallbacks(text: str) -> list[str]:
    """The queries to ask in turn where fts_query(text) matches nothing: the word being typed, as a whole
    word, cut back to each stem it may have passed (`_stems_passed`), the longest first. The index holds
    each word's porter stem ("sourcing" -> "sourc"), which "sourci" and "sourcin" do not start: a list
    emptied two keys before the word was whole. The longest stem found is the word's ("eventi" is
    "event", not "even")."""
    words = _words(text)
    if not words or text[-1:].isspace():
        return []
    others = words[:-1]
    return [query for stem in reversed(_stems_passed(words[-1])) if (query := fts_query(" ".join([*others, stem, ""])))]


def _words(text: str) -> list[str]:
    # SQLite reads the query as a C string: a NUL would cut it short, mid-quote.
    return "".join(" " if ord(char) < 0x20 else char for char in text).split()


def first_that_matches(index: str, queries: Sequence[str]) -> tuple[str, list[str]]:
    """The right side of `index MATCH`, as SQL and its parameters: the first of `queries` that matches a
    row of the index (the last if none does), in the statement (SQLite evaluates each EXISTS once, and
    only while none before it matched). For whole words: a prefix's EXISTS costs as much as its count."""
    if len(queries) == 1:
        return "?", [queries[0]]
    probe = f"WHEN EXISTS (SELECT 1 FROM {index} WHERE {index} MATCH ?) THEN ?"
    params = [part for query in queries[:-1] for part in (query, query)]
    return "(CASE " + " ".join([probe] * (len(queries) - 1)) + " ELSE ? END)", [*params, queries[-1]]


# The endings the porter stemmer takes off a word, as they are typed: a word's token in the index is its
# stem ("sourcing" -> "sourc"), which a prefix typed past it ("sourci", "sourcin") does not start.
_ENDINGS = (
    "s es ies sses ed eed ing ly y e er ers est ness ful fully fulness ment ments ement ent ently ence "
    "ences ance ances ant ants ion ions tion tions ation ations ational ationally tional ional ization "
    "izations izer izers ize izes izing ise ises ising ism isms ist ists ity ities ive ively iveness ous "
    "ously ousness al ally alism alist ality alities alize alized alizing alization alizations able ably "
    "ible ic ics ical ically icate icated icity ate ated ates ating ator ators ative atively ency ancy"
)
_ENDING_STARTS = frozenset(ending[:end] for ending in _ENDINGS.split() for end in range(1, len(ending) + 1))
_SHORTEST_STEM = 3


def _stems_passed(word: str) -> list[str]:
    """The starts of a word being typed, shortest first, that may be the stem of the word it becomes:
    what follows them may begin an ending the stemmer removes (the stem's last letter may be doubled:
    "runn" of "running", stem "run"). Letters only (the stemmer leaves other words alone). Not every
    stem: where the stemmer rewrites a word's end ("capability" -> "capabl") no start of it is one."""
    if not (word.isascii() and word.isalpha()):
        return []
    word = word.lower()
    stems = []
    for end in range(_SHORTEST_STEM, len(word)):
        stem, rest = word[:end], word[end:]
        if rest in _ENDING_STARTS or (rest[0] == stem[-1] and (len(rest) == 1 or rest[1:] in _ENDING_STARTS)):
            stems.append(stem)
    return stems


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
    selected = ", ".join(f"t.{column}" for column in columns)
    extra = f" AND ({where})" if where else ""

    def rows_matching(queries: list[str]) -> list[Any]:
        words, params = first_that_matches(f"{table}_fts", [in_columns(indexed(table), each) for each in queries])
        return db.rows(
            f"SELECT t.id, {selected}, snippet({table}_fts, -1, ?, ?, '…', ?) FROM {table}_fts"
            f" JOIN {table} t ON {_ROW.get(table, 't.id = {fts}.rowid').format(fts=table + '_fts')}"
            f" WHERE {table}_fts MATCH {words}{extra} ORDER BY {table}_fts.rowid DESC LIMIT ?",
            (MARK_START, MARK_END, SNIPPET_WORDS, *params, limit),
        )

    # Where the words as typed find nothing, the stems the last one may have passed (fts_fallbacks).
    rows = rows_matching([query]) or (rows_matching(fallbacks) if (fallbacks := fts_fallbacks(text)) else [])
    return [Found(row[0], dict(zip(columns, row[1:-1], strict=True)), row[-1] or "") for row in rows]
