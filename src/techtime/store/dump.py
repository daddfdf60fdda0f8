"""Whole tables in and out, for the JSON backup format: the SQL behind `interchange.json_backup`.

Table and column names reaching these functions come from the format's own list of tables and
from `PRAGMA table_info`, never from the file being imported.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from techtime.errors import InputError
from techtime.store.database import Database, insert_many, plain_indexes, translate_errors
from techtime.store.schema import rebuild_full_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def columns(db: Database, table: str, *, leave_out: Iterable[str] = ()) -> list[str]:
    skipped = set(leave_out)
    return [row[1] for row in db.rows(f"PRAGMA table_info({table})") if row[1] not in skipped]


def filled_in(db: Database, table: str) -> dict[str, Any]:
    """What a column holds in a row written before the column was added by a migration: its DEFAULT,
    or NULL for a column that may be null. Columns that need a value of their own are left out."""
    found: dict[str, Any] = {}
    for column in db.rows(f"PRAGMA table_info({table})"):
        if column["dflt_value"] is not None:  # the schema's own SQL literal, e.g. 'pairing'
            found[column["name"]] = db.scalar(f"SELECT {column['dflt_value']}")
        elif not column["notnull"] and not column["pk"]:
            found[column["name"]] = None
    return found


def all_rows(db: Database, table: str, names: Sequence[str]) -> list[dict[str, Any]]:
    """Every row, oldest id first."""
    order = "id" if "id" in names else "1"
    return [dict(row) for row in db.rows(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}")]


def each_row(db: Database, table: str, names: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Every row, oldest id first, one at a time as SQLite steps to it (an export of 100,000 items never
    holds them all)."""
    order = "id" if "id" in names else "1"
    cursor = db.conn.cursor()
    cursor.row_factory = None  # plain tuples, zipped with the names: a third of sqlite3.Row's cost
    with translate_errors(db.filename):
        for values in cursor.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}"):
            yield dict(zip(names, values, strict=True))


@contextlib.contextmanager
def reading(db: Database) -> Iterator[None]:
    """One read transaction: every table read inside it as of one moment, while other processes write
    (WAL). Inside a transaction already, that one is the moment."""
    if db.conn.in_transaction:
        yield
        return
    with translate_errors(db.filename):
        db.conn.execute("BEGIN")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")


def has_rows(db: Database, table: str) -> bool:
    return db.one(f"SELECT 1 FROM {table} LIMIT 1") is not None


def clear(db: Database, tables: Iterable[str]) -> None:
    with db.transaction() as conn:
        for table in tables:
            conn.execute(f"DELETE FROM {table}")


def insert(db: Database, table: str, values: dict[str, Any]) -> int:
    """One row, as given (ids kept); a row that breaks a constraint is refused by name."""
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    try:
        with db.transaction() as conn:
            cursor = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))
    except sqlite3.Error as error:
        raise InputError(f"{table} record with id {values.get('id')} cannot be imported: {error}") from None
    return int(cursor.lastrowid or 0)


def insert_all(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Many rows, as given (ids kept), in bulk (database.insert_many) a run of rows with the same columns.
    A row that breaks a constraint is refused by name: its run is taken back and inserted a row at a
    time to find it (the one-row path says which)."""
    start = 0
    while start < len(rows):
        names = tuple(rows[start])
        end = start + 1
        while end < len(rows) and tuple(rows[end]) == names:
            end += 1
        run = rows[start:end]
        try:
            with db.transaction() as conn:  # a savepoint: a run that fails leaves nothing behind
                insert_many(conn, table, names, (tuple(row.values()) for row in run))
        except sqlite3.Error:
            for row in run:
                insert(db, table, row)  # the row at fault is refused here, by name
        start = end


@contextlib.contextmanager
def indexed_at_the_end(db: Database, tables: Iterable[str]) -> Iterator[None]:
    """Rows inserted meanwhile go into the tables' indexes once, at the end, not one by one: each
    full-text index in one rebuild (SQLite's FTS5 writes a segment for each insert made in a trigger),
    and each plain index (database.plain_indexes) made anew by CREATE INDEX, which sorts the rows once
    instead of finding each row's place in it (at 100,000 items, 10 s less). The other unique indexes
    stay, so a row that breaks one is still refused by name as it goes in. For an import into an empty
    database: a rebuild indexes every row of the table. Triggers and indexes are put back as they were,
    in the same transaction (a failure takes both back)."""
    conn = db.conn
    names = list(tables)
    triggers = {
        table: row[0]
        for table in names
        if (
            row := conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"{table}_ai",)
            ).fetchone()
        )
        and conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (f"{table}_fts",)).fetchone()
    }
    indexes = [index for table in names for index in plain_indexes(conn, table)]
    for table in triggers:
        conn.execute(f"DROP TRIGGER {table}_ai")
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)
    for table, sql in triggers.items():
        rebuild_full_text(conn, table)
        conn.execute(sql)


def find(db: Database, table: str, keys: Sequence[str], values: dict[str, Any]) -> int | None:
    """The id of a row equal to `values` on `keys` (NULLs compare equal), if there is one."""
    clause = " AND ".join(f"{key} IS ?" for key in keys)
    row = db.one(f"SELECT rowid FROM {table} WHERE {clause} LIMIT 1", [values.get(key) for key in keys])
    return None if row is None else int(row[0])


def update(db: Database, table: str, row_id: int, column: str, value: Any) -> None:
    """Set one column of one row (a merge re-linking a reference within a table)."""
    with db.transaction() as conn:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (value, row_id))
