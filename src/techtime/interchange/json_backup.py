"""The whole database as versioned JSON, and back.

Export, then import into an empty database, gives the same export byte for
byte: ids are kept, and each value gets its type back (booleans, tag lists).
Importing into a database that holds data is refused unless `merge` is set;
a merge matches rows on what identifies them (a handle, a link, a quarter and
a title...) and never adds a row twice.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from techtime.domain.urls import normalize_url
from techtime.errors import InputError
from techtime.store import dump
from techtime.store.database import Database

FORMAT = "techtime"
VERSION = 1

# In dependency order: a row's references are imported before it.
TABLES = (
    "setting",
    "checklist_template",
    "person",
    "deep_dive",
    "dive_check",
    "failure_mode",
    "radar_item",
    "radar_move",
    "pairing_session",
    "practice",
    "practice_pause",
    "practice_log",
    "inbox_note",
    "trash",
)
_JSON_COLUMNS = {"tags"}  # stored as JSON text, exported as a list
_BOOL_COLUMNS = {"active"}
_DERIVED_COLUMNS = {"radar_item": {"url_key"}}  # recomputed on import
# Tables that hold the user's own data; the others start with seeds in every new database.
_USER_TABLES = ("person", "deep_dive", "radar_item", "pairing_session", "practice_log", "inbox_note", "trash")
# Foreign keys to remap when merging: column -> table it points at.
_REFERENCES = {
    "person_id": "person",
    "dive_id": "deep_dive",
    "item_id": "radar_item",
    "practice_id": "practice",
    "session_id": "pairing_session",
}
# What identifies a row when merging (after its references are remapped).
_NATURAL_KEYS = {
    "setting": ("key",),
    "checklist_template": ("text",),
    "person": ("handle",),
    "deep_dive": ("quarter", "title"),
    "dive_check": ("dive_id", "text"),
    "failure_mode": ("dive_id", "failure"),
    "radar_item": ("url_key", "title"),
    "radar_move": ("item_id", "moved_on", "ring", "quadrant"),
    "pairing_session": ("person_id", "date", "topic"),
    "practice": ("key",),
    "practice_pause": ("practice_id", "start_date"),
    "practice_log": ("practice_id", "occurrence", "status", "done_on"),
    "inbox_note": ("text", "created_at"),
}


def _columns(db: Database, table: str) -> list[str]:
    return dump.columns(db, table, leave_out=_DERIVED_COLUMNS.get(table, ()))


def export_json(db: Database, today: date) -> str:
    """Every table, every row, in a stable order."""
    del today
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        tables[table] = [_to_json(row) for row in dump.all_rows(db, table, _columns(db, table))]
    document = {"format": FORMAT, "version": VERSION, "tables": tables}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _to_json(row: dict[str, Any]) -> dict[str, Any]:
    for column in _JSON_COLUMNS & row.keys():
        row[column] = json.loads(row[column])
    for column in _BOOL_COLUMNS & row.keys():
        row[column] = bool(row[column])
    return row


def _from_json(table: str, row: dict[str, Any]) -> dict[str, Any]:
    values = dict(row)
    for column in _JSON_COLUMNS & values.keys():
        values[column] = json.dumps(values[column])
    for column in _BOOL_COLUMNS & values.keys():
        values[column] = int(bool(values[column]))
    if table == "radar_item":
        values["url_key"] = normalize_url(values.get("url"))
    return values


def is_json_export(text: str) -> bool:
    head = text.lstrip()[:200]
    return head.startswith("{") and f'"format": "{FORMAT}"' in head


def import_json(db: Database, text: str, now: datetime, *, merge: bool = False, progress=None) -> str:
    """Load an export; all or nothing. Returns a one-line summary."""
    del now, progress  # a JSON export loads in one step
    tables = _parse(db, text)
    with db.transaction():
        if merge:
            return _merge(db, tables)
        if any(dump.has_rows(db, table) for table in _USER_TABLES):
            raise InputError(
                "the database already holds data: import into an empty database, "
                "or pass --merge to add only what is missing"
            )
        # The seeds of a new database give way to the exported ones.
        dump.clear(db, ("practice", "checklist_template", "setting"))
        added = 0
        for table in TABLES:
            for row in tables.get(table, []):
                dump.insert(db, table, _from_json(table, row))
                added += 1
        return f"imported {added} rows"


def _parse(db: Database, text: str) -> dict[str, list[dict[str, Any]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError('not a techtime export: expected an object with "format": "techtime"')
    if document.get("version") != VERSION:
        raise InputError(
            f"export format version {document.get('version')!r} is not supported (this techtime reads {VERSION})"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InputError('the export has no "tables" object')
    for table, rows in tables.items():
        if table not in TABLES:
            raise InputError(f"unknown table {table!r} in the export: expected {', '.join(TABLES)}")
        if not isinstance(rows, list):
            raise InputError(f"table {table!r} must be a list of rows")
        known = set(_columns(db, table))
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise InputError(f"{table} row {number} is not an object")
            unknown = set(row) - known
            if unknown:
                raise InputError(f"{table} row {number} has unknown columns: {', '.join(sorted(unknown))}")
    return tables


def _merge(db: Database, tables: dict[str, list[dict[str, Any]]]) -> str:
    new_ids: dict[str, dict[int, int]] = {table: {} for table in TABLES}
    added = present = 0
    for table in TABLES:
        if table == "trash":
            continue  # undo history of another database: not data to merge
        for row in tables.get(table, []):
            values = _from_json(table, row)
            old_id = values.pop("id", None)
            for column, target in _REFERENCES.items():
                if values.get(column) is not None:
                    values[column] = new_ids[target].get(values[column], values[column])
            existing = _find(db, table, values)
            if existing is None:
                existing = dump.insert(db, table, values)
                added += 1
            else:
                present += 1
            if old_id is not None:
                new_ids[table][old_id] = existing
    return f"merged: {added} rows added, {present} already present"


def _find(db: Database, table: str, values: dict[str, Any]) -> int | None:
    keys = _NATURAL_KEYS[table]
    if table == "radar_item" and values.get("url_key"):
        keys = ("url_key",)  # a link identifies an item, whatever its title became
    return dump.find(db, table, keys, values)
