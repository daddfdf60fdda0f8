"""What migrations build with: a script of statements, a full-text index. Used by store/migrations.py only.

It imports no other store module (migrations -> schema, never back), so that every module the
migrations need is upstream of the database module that runs them.
"""

from __future__ import annotations

import sqlite3

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from techtime.store.database import Database


def run_script(db: Database, sql: str) -> None:
    """Run the statements one by one: executescript() would COMMIT the migration's transaction."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not statement.strip():
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""


def create_index(db: Database, table: str, columns: Sequence[str]) -> None:
    """An FTS5 index of `columns` of `table` (its rows by id), kept in step by triggers, built from the
    rows already there. sqlite-utils' enable_fts makes the same but cannot ask for prefix indexes, which
    make a keystroke's prefix query sub-millisecond at 100,000 rows. For migrations: names from code only."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    fts = f"{table}_fts"
    for statement in (
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id',"
        " tokenize='porter', prefix='2 3')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN"
        f" INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN"
        f" INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); END",
        # Only when an indexed column changes: a status or a ring changing leaves the index alone.
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {names} ON {table} BEGIN"
        f" INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        f" INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
    ):
        db.conn.execute(statement)
