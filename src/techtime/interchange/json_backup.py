"""The whole database as versioned JSON, and back: the format is `techtime-export.schema.json`.

Version 2 (written since the JSON Schema): `{"format": "techtime", "version": 2, "tables": {...}}`,
one list of rows per table of the registry (techtime.areas), in dependency order, oldest id first;
each row has every column but the derived ones (recomputed on import); tag lists are lists, flags
true/false, dates YYYY-MM-DD, and timestamps (the `*_at` columns) ISO 8601 with their UTC offset.
The trash (deleted items kept for undo) is left out: a backup holds what the user has, not what they
threw away. Version 1 (raw tables, local timestamps without an offset, the trash included) is still
read: its timestamps are taken as local time, its trash is ignored.

Export, then import into an empty database, gives the same export byte for byte: ids are kept, and
each value gets its type back. Every record goes through the checks the registry names (the same
rules as the forms, techtime.domain.checks) and every reference (PRAGMA foreign_key_list) must point
at a record of the file: one bad record refuses the whole file, naming the table, the record and the
field, and nothing is imported. Importing into a database that holds data is refused unless `merge`
is set; a merge matches rows on what identifies them (a handle, a link, a quarter and a title...) and
never adds a row twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from techtime import areas
from techtime.areas import Table
from techtime.domain import checks
from techtime.domain.urls import normalize_url
from techtime.errors import InputError
from techtime.store import dump
from techtime.store.database import Database

FORMAT = "techtime"
VERSION = 2
READS = (1, 2)
SCHEMA_FILE = Path(__file__).with_name("techtime-export.schema.json")
# Recomputed on import from the columns they derive from: (table, column) -> function(row).
_DERIVED: dict[tuple[str, str], Callable[[dict[str, Any]], Any]] = {
    ("radar_item", "url_key"): lambda row: normalize_url(row.get("url")),
}
_PROGRESS_EVERY = 500


def columns_of(table: Table) -> dict[str, checks.Column]:
    """A registry table's column rules, as its check (Table.check, a checks.Check) holds them."""
    check = areas.resolve(table.check) if table.check else None
    return check.columns if isinstance(check, checks.Check) else {}


def _times(table: Table) -> dict[str, str]:
    """The timestamp columns and how they are stored: "time" local (exported with the offset it had
    that day), "utc" already with an offset (as the calendar export keeps its LAST-MODIFIED)."""
    columns = columns_of(table)
    return {name: column.kind for name, column in columns.items() if column.kind in ("time", "utc")}


def _columns(db: Database, table: Table) -> list[str]:
    return dump.columns(db, table.name, leave_out=table.derived_columns)


# Export -------------------------------------------------------------------


def export_json(db: Database, today: date) -> str:
    """Every table of the registry, every row, in a stable order."""
    return "".join(stream_json(db, today))


def stream_json(db: Database, today: date) -> Iterator[str]:
    """The export a row at a time, each row written as it is read: the text of
    `json.dumps(document, indent=2, ensure_ascii=False) + "\\n"` byte for byte (tests/test_json_stream.py
    holds the two side by side), made with json's C encoder, which indent=2 would turn off. Every
    table is read in one transaction, so the export is of one moment while another process writes."""
    del today
    with dump.reading(db):
        yield f'{{\n  "format": {_SCALAR(FORMAT)},\n  "version": {_SCALAR(VERSION)},\n  "tables": {{'
        first_table = True
        for table in areas.tables():
            yield ("\n" if first_table else ",\n") + f"    {_SCALAR(table.name)}: ["
            first_table = False
            rows = 0
            for row in dump.each_row(db, table.name, _columns(db, table)):
                yield ("\n      " if not rows else ",\n      ") + _row_text(_to_json(table, row))
                rows += 1
            yield "\n    ]" if rows else "]"
        yield "}\n}\n" if first_table else "\n  }\n}\n"


# A row laid out as indent=2 lays out a row of a table's list (depth 3: its fields at 8 spaces), by the
# C encoder: its fields joined by this separator. Lists and objects in a row are laid out one by one.
_FIELDS = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",\n        ", ": ")).encode
_SCALAR = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _row_text(row: dict[str, Any]) -> str:
    if not row:
        return "{}"
    # Runs of plain fields in one call of the C encoder; a list or an object (tags) between them alone.
    parts: list[str] = []
    plain: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, list | dict):
            if plain:
                parts.append(_FIELDS(plain)[1:-1])
                plain = {}
            parts.append(f"{_SCALAR(name)}: {_value_text(value)}")
        else:
            plain[name] = value
    if plain:
        parts.append(_FIELDS(plain)[1:-1])
    return "{\n        " + ",\n        ".join(parts) + "\n      }"


def _value_text(value: Any, indent: str = "        ") -> str:
    """A field's value at this depth, as indent=2 lays it out: a list or an object one item a line.
    (Not json.dumps(indent=2): its Python encoder leaves a reference cycle per call, and the command
    line runs without the cycle collector.)"""
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = indent + "  "
        if not any(isinstance(item, list | dict) for item in value):  # tags: the C encoder, one item a line
            return "[\n" + inner + _items(inner)(value)[1:-1] + "\n" + indent + "]"
        return "[\n" + ",\n".join(inner + _value_text(item, inner) for item in value) + "\n" + indent + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = ",\n".join(f"{inner}{_SCALAR(str(key))}: {_value_text(item, inner)}" for key, item in value.items())
        return "{\n" + items + "\n" + indent + "}"
    return _SCALAR(value)


@lru_cache(maxsize=16)
def _items(indent: str) -> Callable[[Any], str]:
    """The C encoder laying out a list's items one a line at this depth."""
    return json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",\n" + indent, ": ")).encode


export_json.stream = stream_json  # type: ignore[attr-defined]  # the CLI writes it as it comes


def _to_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    for column in table.json_columns:
        if column in row:
            row[column] = json.loads(row[column])
    for column in table.bool_columns:
        if column in row:
            row[column] = bool(row[column])
    for column in _times(table):
        value = row.get(column)
        if isinstance(value, str):
            row[column] = _with_offset(value)
    return row


def _with_offset(stored: str) -> str:
    """'2026-11-26 09:30:00' (local) -> '2026-11-26T09:30:00+01:00'; a value that is not a time stays."""
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time, with the offset it had on that day
    return moment.isoformat()


def _stored_time(value: str, version: int, kind: str) -> str:
    """The other way: an ISO 8601 time with offset -> local time as stored. Version 1 had local times."""
    moment = datetime.fromisoformat(value)
    if kind == "utc":
        if moment.tzinfo is None:
            raise ValueError
        return moment.astimezone(UTC).isoformat()
    if moment.tzinfo is None:
        if version >= 2:
            raise ValueError
    else:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.isoformat(sep=" ")


# The JSON Schema ----------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema of version 2, made from the registry and the checks (scripts/export_schema.py writes it)."""
    tables = {}
    for table in areas.tables():
        columns = columns_of(table)
        properties = {
            name: _column_schema(table, name, column)
            for name, column in columns.items()
            if name not in table.derived_columns
        }
        tables[table.name] = {
            "type": "array",
            "description": f"every {table.name} row, oldest id first",
            "items": {
                "type": "object",
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "techtime-export.schema.json",
        "title": "techtime export, version 2",
        "description": (
            "The whole techtime database: `techtime export --format json`, read back by `techtime import`. "
            "Timestamps are ISO 8601 with their UTC offset, dates YYYY-MM-DD. Deleted items (the trash) "
            "are left out. Version 1 files (local timestamps, the trash included) are still imported."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "tables": {
                "type": "object",
                "properties": tables,
                "required": list(tables),
                "additionalProperties": False,
            },
        },
        "required": ["format", "version", "tables"],
        "additionalProperties": False,
    }


_TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"


def _column_schema(table: Table, name: str, column: checks.Column) -> dict[str, Any]:
    kind = column.kind
    schema: dict[str, Any]
    if kind in ("id", "ref", "int"):
        schema = {"type": "integer", "minimum": int(column.low), "maximum": int(column.high)}
    elif kind == "number":
        schema = {"type": "number", "minimum": 0, "maximum": column.high}
    elif kind == "bool":
        schema = {"type": "boolean"}
    elif kind == "tags":
        schema = {
            "type": "array",
            "maxItems": int(column.high),
            "uniqueItems": True,
            "items": {"type": "string", "minLength": 1, "maxLength": checks.MAX_TAG, "pattern": r"^[^#\sA-Z]\S*$"},
        }
    elif kind == "handles":
        schema = {
            "type": "array",
            "maxItems": int(column.high),
            "items": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*$"},
        }
    elif kind == "date":
        schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind in ("time", "utc"):
        schema = {"type": "string", "format": "date-time", "pattern": _TIME_PATTERN}
    elif kind == "quarter":
        schema = {"type": "string", "pattern": r"^\d{4}Q[1-4]$"}
    elif kind == "url":
        schema = {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}
    elif kind == "enum":
        schema = {"enum": list(column.choices)}
    elif kind == "handle":
        schema = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*$", "maxLength": int(column.high)}
    else:  # text, line, rule, json
        schema = {"type": "string", "maxLength": int(column.high)}
        if not column.blank:
            schema["minLength"] = 1
        if kind == "json":
            schema["contentMediaType"] = "application/json"
    if column.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]} if "enum" not in schema else {"enum": [*column.choices, None]}
    if column.doc:
        schema = {"description": column.doc, **schema}
    del table
    return schema


# Import -------------------------------------------------------------------


def is_json_export(text: str) -> bool:
    head = text.lstrip()[:200]
    return head.startswith("{") and f'"format": "{FORMAT}"' in head


def import_json(
    db: Database,
    text: str,
    now: datetime,
    *,
    merge: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Load an export (version 1 or 2); all or nothing. Returns a one-line summary."""
    del now
    tables = _read(db, text)
    total = sum(len(rows) for rows in tables.values())
    report = _progress(progress, total)
    with db.transaction() as conn:
        # References are checked when the import commits, so rows may point at rows further down.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        if merge:
            return _merge(db, tables, report)
        if any(dump.has_rows(db, table.name) for table in areas.tables() if not table.seeded):
            raise InputError(
                "the database already holds data: import into an empty database, "
                "or pass --merge to add only what is missing"
            )
        # The seeds of a new database give way to the exported ones; the undo history of what was
        # deleted before is of rows the import replaces.
        dump.clear(db, [table.name for table in reversed(list(areas.tables())) if table.seeded] + ["trash"])
        added = 0
        # Each table's rows in one executemany a run (not a savepoint, an INSERT and a release a row),
        # the full-text indexes made once at the end (issue 18: 27 s at 100,000 items).
        with dump.indexed_at_the_end(db, tables):
            for name, rows in tables.items():
                for start in range(0, len(rows), _PROGRESS_EVERY):
                    dump.insert_all(db, name, rows[start : start + _PROGRESS_EVERY])
                    added += len(rows[start : start + _PROGRESS_EVERY])
                    if progress is not None:
                        progress(added, total)
        return f"imported {added} rows"


def _progress(progress: Callable[[int, int], None] | None, total: int) -> Callable[[int], None]:
    def report(done: int) -> None:
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    return report


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _load(text: str) -> tuple[int, dict[str, Any]]:
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise InputError("not a techtime export: the JSON is nested too deeply") from None
    except ValueError as error:  # NaN, Infinity, a number of thousands of digits
        raise InputError(f"not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError('not a techtime export: expected an object with "format": "techtime"')
    version = document.get("version")
    if isinstance(version, bool) or version not in READS:
        raise InputError(
            f"export format version {checks.shown(version)} is not supported "
            f"(this techtime reads versions {', '.join(map(str, READS))})"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InputError('the export has no "tables" object')
    return int(version), tables


def _read(db: Database, text: str) -> dict[str, list[dict[str, Any]]]:
    """Every record of the file, checked and in the form it is stored, by table in dependency order.
    Each record is turned into its stored form in place (the file's 100,000 items are not held twice)."""
    version, tables = _load(text)
    known = {table.name: table for table in areas.tables()}
    for name, rows in tables.items():
        if version == 1 and name == "trash":
            continue  # version 1 carried the undo history; it is not data to bring back
        if name not in known:
            raise InputError(f"unknown table {checks.shown(name)} in the export: expected {', '.join(known)}")
        if not isinstance(rows, list):
            raise InputError(f"table {name!r} must be a list of records")
    read: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[int]] = {}
    for name, table in known.items():
        store = _storing(db, table, version)
        references = _references(db, name)
        # A reference to a row of the same table (a decision superseding another) may point further down.
        own = [column for column, target in references.items() if target == name]
        others = [(column, ids.get(target, set()), target) for column, target in references.items() if target != name]
        records: list[Any] = tables.get(name, [])
        seen: set[int] = set()
        ids[name] = seen
        number = 0
        try:
            for number, row in enumerate(records, start=1):  # noqa: B007 - the record the error names
                stored = store(row)
                for column, targets, target in others:
                    value = stored.get(column)
                    if value is not None and value not in targets:
                        raise InputError(f"{column} {value} is not the id of a {target} record in this file")
                row_id = stored.get("id")
                if row_id is not None:
                    if row_id in seen:
                        raise InputError(f"id {row_id} appears twice in {name}")
                    seen.add(row_id)
        except InputError as error:
            row = records[number - 1]
            where = f"{name} record {number}" + (
                f" (id {checks.shown(row.get('id'))})" if isinstance(row, dict) and "id" in row else ""
            )
            raise InputError(f"{where}: {error}") from None
        for number, stored in enumerate(records, start=1):
            for column in own:
                value = stored.get(column)
                if value is not None and value not in seen:
                    raise InputError(
                        f"{name} record {number} (id {stored.get('id')}): "
                        f"{column} {value} is not the id of a {name} record in this file"
                    )
        read[name] = records
    return read


def _check_for(table: Table) -> Callable[[dict[str, Any]], None]:
    if table.check:
        check: Callable[[dict[str, Any]], None] = areas.resolve(table.check)
        return check
    return _scalars_only


def _scalars_only(row: dict[str, Any]) -> None:
    """A table without its own check (a new area's) takes plain values only, never objects or lists."""
    for column, value in row.items():
        if isinstance(value, dict | list):
            raise InputError(f"{column} holds {type(value).__name__}: expected a plain value")


_TIMES_KEPT = 10_000  # read timestamps remembered (an import's rows often share one, as its demo's do)


def _storing(db: Database, table: Table, version: int) -> Callable[[object], dict[str, Any]]:
    """What turns one record of `table` as the file holds it into the row as stored, in place, checked
    by the registry's check: everything about the table is looked up once, not once a record."""
    check = _check_for(table)
    columns = frozenset(_columns(db, table))
    # A file written before a migration added a column (a session's kind) lacks it: it takes what
    # the migration gave the rows already there.
    added_later = [(column, value) for column, value in dump.filled_in(db, table.name).items() if column in columns]
    times = list(_times(table).items())
    read_times: dict[tuple[str, str], str] = {}
    accepted = "an ISO 8601 time with its offset, like 2026-11-26T09:30:00+01:00"
    if version == 1:
        accepted = "a time like 2026-11-26 09:30:00"
    json_columns = table.json_columns
    bool_columns = table.bool_columns
    derived = [
        (column, derive)
        for column in table.derived_columns
        if (derive := _DERIVED.get((table.name, column))) is not None
    ]

    def store(row: object) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise InputError("is not an object")
        for column, value in added_later:
            if column not in row:
                row[column] = value
        if not columns.issuperset(row):
            unknown = set(row) - columns
            raise InputError(f"has unknown columns: {', '.join(sorted(map(str, unknown)))}")
        for column, kind in times:
            value = row.get(column)
            if isinstance(value, str):
                stored = read_times.get((kind, value))
                if stored is None:
                    try:
                        stored = _stored_time(value, version, kind)
                    except (ValueError, OverflowError):
                        raise InputError(f"{column} {checks.shown(value)} is not accepted: {accepted}") from None
                    if len(read_times) >= _TIMES_KEPT:
                        read_times.clear()
                    read_times[kind, value] = stored
                row[column] = stored
        check(row)
        for column in json_columns:
            if column in row:
                row[column] = json.dumps(row[column])
        for column in bool_columns:
            if column in row:
                row[column] = int(row[column])
        for column, derive in derived:
            row[column] = derive(row)
        return row

    return store


def _references(db: Database, table: str) -> dict[str, str]:
    """column -> the table it points at, as the schema says (PRAGMA foreign_key_list)."""
    return {str(row["from"]): str(row["table"]) for row in db.rows(f"PRAGMA foreign_key_list({table})")}


def _unique_columns(db: Database, table: str) -> set[str]:
    found = set()
    for index in db.rows(f"PRAGMA index_list({table})"):
        if index["unique"]:
            names = [row["name"] for row in db.rows(f"PRAGMA index_info({index['name']})")]
            if len(names) == 1:
                found.add(str(names[0]))
    return found


def _merge(db: Database, tables: dict[str, list[dict[str, Any]]], report: Callable[[int], None]) -> str:
    new_ids: dict[str, dict[int, int]] = {name: {} for name in tables}
    added = present = done = 0
    for table in areas.tables():
        references = _references(db, table.name)
        unique = _unique_columns(db, table.name)
        later: list[tuple[int, str, int]] = []  # (new row, column, old id) of references within the table
        for row in tables.get(table.name, []):
            values = dict(row)
            old_id = values.pop("id", None)
            pending = []
            for column, target in references.items():
                if values.get(column) is None:
                    continue
                if target == table.name and values[column] not in new_ids[target]:
                    pending.append((column, values[column]))
                    values[column] = None
                else:
                    values[column] = new_ids[target][values[column]]
            existing = _find(db, table, values, unique)
            if existing is None:
                existing = dump.insert(db, table.name, values)
                added += 1
            else:
                present += 1
            if old_id is not None:
                new_ids[table.name][old_id] = existing
            later += [(existing, column, old) for column, old in pending]
            done += 1
            report(done)
        for row_id, column, old in later:
            dump.update(db, table.name, row_id, column, new_ids[table.name][old])
    return f"merged: {added} rows added, {present} already present"


def _find(db: Database, table: Table, values: dict[str, Any], unique: set[str]) -> int | None:
    keys = table.key
    if keys and keys[0] in unique and values.get(keys[0]) is not None:
        keys = keys[:1]  # a unique column identifies a row alone: a link, whatever its title became
    return dump.find(db, table.name, keys, values)


def iter_tables() -> Iterator[str]:
    """The tables an export holds, in its order."""
    for table in areas.tables():
        yield table.name
