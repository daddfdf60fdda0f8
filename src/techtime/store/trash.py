"""Undo: a deleted row is kept, with its children and incoming links, until restored; an edited
title or note keeps its old text (recorded by `database.update_row`).

The trash lives in the database, so an undo survives a restart.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta

from techtime import areas
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

    from techtime.areas import Table


def _undoable(table: str) -> Table:
    """The registry's record of a table whose rows `u` can bring back (techtime.areas)."""
    try:
        record = areas.table(table)
    except KeyError:
        raise ValueError(f"no undoable change for {table}") from None
    if not record.undoable:
        raise ValueError(f"no undoable change for {table}")
    return record


class Trashed(NamedTuple):
    id: int
    kind: str
    row_id: int
    label: str
    deleted_at: str


def delete(db: Database, kind: str, row_id: int, *, now: datetime, label: str = "") -> int:
    """Delete one row (and what cascades from it), keeping everything needed to undo it."""
    record = _undoable(kind)
    with db.transaction() as conn:
        row = conn.execute(f"SELECT * FROM {kind} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise InputError(f"nothing to delete: {kind.replace('_', ' ')} {row_id} does not exist")
        payload = {
            "row": dict(row),
            "children": {
                child: [dict(r) for r in conn.execute(f"SELECT * FROM {child} WHERE {column} = ?", (row_id,))]
                for child, column in areas.children(record.name)
            },
            "links": {
                table: [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", (row_id,))]
                for table, column in areas.links(record.name)
            },
        }
        cursor = conn.execute(
            "INSERT INTO trash (kind, row_id, label, payload, deleted_at) VALUES (?, ?, ?, ?, ?)",
            (kind, row_id, label, json.dumps(payload), stamp(now)),
        )
        conn.execute(f"DELETE FROM {kind} WHERE id = ?", (row_id,))
    return inserted_id(cursor)


# `u` reaches back this far: yesterday evening's slip, after a restart, yes; last month's edit, no.
UNDO_WINDOW = timedelta(hours=24)


def last_deleted(db: Database, *, since: datetime | None = None) -> Trashed | None:
    """The latest change not undone yet (made at `since` or later, when given)."""
    row = db.one(
        "SELECT id, kind, row_id, label, deleted_at FROM trash WHERE restored_at IS NULL AND deleted_at >= ?"
        " ORDER BY id DESC LIMIT 1",
        (stamp(since) if since else "",),
    )
    return Trashed(*row) if row else None


def forget_all(db: Database) -> None:
    """Empty the undo history (sample data arrives without one)."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM trash")


def remember_created(db: Database, kind: str, row_id: int, *, now: datetime, label: str = "") -> None:
    """Make a new row undoable: `u` deletes it again (a practice logged done by mistake, say)."""
    _undoable(kind)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO trash (kind, row_id, label, payload, deleted_at) VALUES (?, ?, ?, '{}', ?)",
            (f"created:{kind}", row_id, label, stamp(now)),
        )


def undo(db: Database, *, now: datetime, trash_id: int | None = None) -> Trashed | None:
    """Undo the latest change of the last 24 hours (or the one given); None when there is nothing to undo."""
    with db.transaction() as conn:
        item = last_deleted(db, since=now - UNDO_WINDOW) if trash_id is None else _get(db, trash_id)
        if item is None:
            return None
        payload = json.loads(db.scalar("SELECT payload FROM trash WHERE id = ?", (item.id,)))
        if item.kind.startswith("created:"):
            created = _undoable(item.kind.removeprefix("created:")).name  # a table name from the registry
            conn.execute(f"DELETE FROM {created} WHERE id = ?", (item.row_id,))
            conn.execute("UPDATE trash SET restored_at = ? WHERE id = ?", (stamp(now), item.id))
            return item
        if item.kind.startswith("edit:"):
            _undo_edit(conn, item.kind.removeprefix("edit:"), item.row_id, payload["fields"])
            conn.execute("UPDATE trash SET restored_at = ? WHERE id = ?", (stamp(now), item.id))
            return item
        if item.kind == CHANGE:
            _undo_change(conn, payload)
            conn.execute("UPDATE trash SET restored_at = ? WHERE id = ?", (stamp(now), item.id))
            return item
        new_id = _insert(conn, item.kind, payload["row"], keep_id=True)
        record = _undoable(item.kind)
        for child, column in areas.children(record.name):
            for child_row in payload["children"].get(child, []):
                _insert(conn, child, {**child_row, column: new_id}, keep_id=True)
        for table, column in areas.links(record.name):
            ids = payload["links"].get(table, [])
            conn.executemany(
                f"UPDATE {table} SET {column} = ? WHERE id = ? AND {column} IS NULL", [(new_id, i) for i in ids]
            )
        conn.execute("UPDATE trash SET restored_at = ? WHERE id = ?", (stamp(now), item.id))
    return item


def _undo_edit(conn: sqlite3.Connection, table: str, row_id: int, fields: dict[str, Any]) -> None:
    _undoable(table)
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
        raise InputError(f"cannot undo the edit: that {table.replace('_', ' ')} no longer exists")
    assignments = ", ".join(f"{name} = ?" for name in fields)  # names recorded by update_row's allow-list
    conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), row_id])


def describe(item: Trashed) -> str:
    """How an undone change reads in a notification."""
    if item.kind == CHANGE:
        return item.label or "the last change"
    if item.kind.startswith("edit:"):
        return f"the edit of {item.label!r}" if item.label else "the last edit"
    if item.kind.startswith("created:"):
        return f"logging {item.label!r}" if item.label else "the last log"
    what = item.kind.replace("_", " ")
    return f"deleting {what} {item.label!r}" if item.label else f"deleting {what} {item.row_id}"


def _get(db: Database, trash_id: int) -> Trashed | None:
    row = db.one(
        "SELECT id, kind, row_id, label, deleted_at FROM trash WHERE id = ? AND restored_at IS NULL", (trash_id,)
    )
    return Trashed(*row) if row else None


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any], *, keep_id: bool) -> int:
    """Insert a row back under its old id; if that id was reused meanwhile, under a new one."""
    values = dict(row)
    if keep_id and conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (values["id"],)).fetchone():
        values.pop("id")
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
    return inserted_id(cursor)


# Changes: what one key press did to several rows, undone by one `u` --------------------------------

CHANGE = "change"
# Tables a recorded change may touch (names reach SQL from here and from the payload, never from input).
_CHANGEABLE = frozenset(
    {
        "radar_item",
        "radar_move",
        "deep_dive",
        "dive_check",
        "failure_mode",
        "inbox_note",
        "person",
        "pairing_session",
        "practice_log",
    }
)


class Change:
    """The rows one action is about to change or create, so that one `u` puts every one of them back.

    `keep` reads rows as they are before the change; `created` names rows the change adds. When the
    action is over, only the columns that really changed are written to the trash, so undoing it keeps
    later work on the same rows (findings written after a status change, hours logged since).
    """

    def __init__(self, conn: sqlite3.Connection, label: str, merge: str) -> None:
        self.label = label
        self.merge = merge
        self._conn = conn
        self._before: dict[tuple[str, int], dict[str, Any]] = {}
        self._created: list[tuple[str, int]] = []
        self._deleted: list[dict[str, Any]] = []
        self.after: dict[tuple[str, int], sqlite3.Row] = {}

    def keep(self, table: str, row_ids: list[int]) -> dict[int, sqlite3.Row]:
        """Read rows before changing them (one SELECT); returns them by id, missing ones left out."""
        _check_table(table)
        rows = self._conn.execute(
            f"SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(row_ids),)
        ).fetchall()
        for row in rows:
            self._before.setdefault((table, row["id"]), dict(row))
        return {row["id"]: row for row in rows}

    def keep_one(self, table: str, row_id: int) -> sqlite3.Row | None:
        return self.keep(table, [row_id]).get(row_id)

    def saw(self, table: str, row: sqlite3.Row) -> None:
        """A kept row as the change left it (an UPDATE ... RETURNING *): no need to read it again."""
        self.after[(table, row["id"])] = row

    def created(self, table: str, row_id: int) -> None:
        """A row this change adds: undoing the change deletes it (and what cascades from it)."""
        _check_table(table)
        self._created.append((table, row_id))

    def delete(self, table: str, row_id: int) -> bool:
        """Delete a row as part of this change (with the rows that go with it, as the registry says);
        undoing the change puts them all back under their ids. False when there was no such row."""
        _check_table(table)
        row = self._conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            return False
        children = {
            child: [dict(r) for r in self._conn.execute(f"SELECT * FROM {child} WHERE {column} = ?", (row_id,))]
            for child, column in areas.children(table)
        }
        links = {
            other: [r[0] for r in self._conn.execute(f"SELECT id FROM {other} WHERE {column} = ?", (row_id,))]
            for other, column in areas.links(table)
        }
        self._deleted.append({"table": table, "row": dict(row), "children": children, "links": links})
        self._before.pop((table, row_id), None)
        self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        return True

    def _finish(self, now: datetime) -> None:
        """Compare the kept rows with what they are now; keep the old values of what changed."""
        rows: list[dict[str, Any]] = []
        unseen = [key for key in self._before if key not in self.after]
        for table in sorted({table for table, _ in unseen}):
            ids = [row_id for name, row_id in unseen if name == table]
            for row in self._conn.execute(
                f"SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
            ):
                self.after[(table, row["id"])] = row
        for key, before in self._before.items():
            after = self.after.get(key)
            if after is None:
                continue  # deleted by the change itself: a delete keeps its own trash entry
            changed = {name: value for name, value in before.items() if after[name] != value}
            if changed:
                rows.append({"table": key[0], "id": key[1], "before": changed})
        if not rows and not self._created and not self._deleted:
            return
        first = rows[0]["id"] if rows else self._created[0][1] if self._created else self._deleted[0]["row"]["id"]
        payload = {"rows": rows, "created": self._created, "deleted": self._deleted, "merge": self.merge}
        if self.merge and self._merged(first, payload):
            return
        self._conn.execute(
            "INSERT INTO trash (kind, row_id, label, payload, deleted_at) VALUES (?, ?, ?, ?, ?)",
            (CHANGE, first, self.label, json.dumps(payload), stamp(now)),
        )

    def _merged(self, first: int, payload: dict[str, Any]) -> bool:
        """Typing saved as it goes (findings) is one change: fold it into the latest entry if that is the same."""
        latest = self._conn.execute(
            "SELECT id, kind, row_id, payload, restored_at FROM trash ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if latest is None or latest["kind"] != CHANGE or latest["restored_at"] is not None or latest["row_id"] != first:
            return False
        earlier = json.loads(latest["payload"])
        if earlier.get("merge") != self.merge or payload["created"] or earlier["created"]:
            return False
        if payload["deleted"] or earlier.get("deleted"):
            return False
        known = {(row["table"], row["id"]): row for row in earlier["rows"]}
        for row in payload["rows"]:
            old = known.setdefault((row["table"], row["id"]), {**row, "before": {}})
            old["before"] = {**row["before"], **old["before"]}  # the earliest value of each column wins
        earlier["rows"] = list(known.values())
        self._conn.execute("UPDATE trash SET payload = ? WHERE id = ?", (json.dumps(earlier), latest["id"]))
        return True


@contextlib.contextmanager
def recording(db: Database, label: str, *, now: datetime, merge: str = "") -> Iterator[Change]:
    """One transaction whose changes to kept rows become one trash entry (one `u`).

    `merge`: a key such as "findings:12"; a change with the same key as the latest entry is folded into it.
    """
    with db.transaction() as conn:
        change = Change(conn, label, merge)
        yield change
        change._finish(now)


def _check_table(table: str) -> None:
    if table not in _CHANGEABLE:
        raise ValueError(f"no undoable change for {table}")


def _undo_change(conn: sqlite3.Connection, payload: Mapping[str, Any]) -> None:
    for table, row_id in reversed(payload["created"]):
        _check_table(table)
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    # Rows the change deleted come back first (last deleted, first back): a kept row may point at them.
    for deleted in reversed(payload.get("deleted", [])):
        table = deleted["table"]
        _check_table(table)
        new_id = _insert(conn, table, deleted["row"], keep_id=True)
        for child, column in areas.children(table):
            for child_row in deleted["children"].get(child, []):
                _insert(conn, child, {**child_row, column: new_id}, keep_id=True)
        for other, column in areas.links(table):
            conn.executemany(
                f"UPDATE {other} SET {column} = ? WHERE id = ? AND {column} IS NULL",
                [(new_id, i) for i in deleted["links"].get(other, [])],
            )
    for row in payload["rows"]:
        table, before = row["table"], row["before"]
        _check_table(table)
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row["id"],)).fetchone() is None:
            raise InputError(f"cannot undo: that {table.replace('_', ' ')} no longer exists")
        # Column names were recorded from the table's own rows (SELECT *), never from input.
        assignments = ", ".join(f"{name} = ?" for name in before)
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*before.values(), row["id"]])
