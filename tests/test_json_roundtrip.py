"""The whole database as JSON: version 2 (the JSON Schema in the repository), a byte-identical round trip,
version 1 still read, every record checked at the door, and a merge that never duplicates."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime

import pytest
from conftest import NOW, TODAY, check_export, run_cli

from techtime import areas
from techtime.errors import InputError
from techtime.interchange import json_backup
from techtime.interchange.json_backup import import_json
from techtime.services.demo import populate
from techtime.store import dump, notes, trash
from techtime.store.database import open_database


def export(db) -> str:
    return json_backup.export_json(db, TODAY)  # checked against the schema by conftest


def test_export_then_import_into_an_empty_database_gives_the_same_export(demo_db, tmp_path):
    trash.delete(demo_db, "inbox_note", 1, now=NOW, label="deleted note")  # the trash stays behind
    first = export(demo_db)
    empty = open_database(tmp_path / "empty.db", today=TODAY)
    import_json(empty, first, NOW)
    assert export(empty) == first
    document = json.loads(first)
    assert document["format"] == "techtime" and document["version"] == 2
    assert list(document["tables"]) == [table.name for table in areas.tables()]
    assert "trash" not in document["tables"]
    assert empty.scalar("SELECT count(*) FROM trash") == 0
    person = document["tables"]["person"][0]
    assert isinstance(person["active"], bool)
    assert isinstance(document["tables"]["radar_item"][0]["tags"], list)
    # Timestamps carry their offset; dates stay dates.
    assert datetime.fromisoformat(person["created_at"]).utcoffset() is not None
    assert len(person["start_date"]) == 10
    empty.close()


def test_cli_round_trip_is_byte_identical(tmp_path):
    exported = tmp_path / "a.json"
    assert run_cli("--demo", "export", "--format", "json", "-o", str(exported)).returncode == 0
    check_export(exported.read_text())
    target = tmp_path / "b.db"
    assert run_cli("import", str(exported), db_path=target).returncode == 0  # format guessed
    again = run_cli("export", "--format", "json", db_path=target)
    assert again.stdout == exported.read_text()
    assert oct(exported.stat().st_mode)[-3:] == "600"


@pytest.mark.skipif(not os.path.exists("/usr/share/zoneinfo/Europe/Paris"), reason="needs the tz database")
def test_offsets_follow_the_local_time_zone_and_the_round_trip_holds_in_it(tmp_path):
    """Paris in winter is UTC+1, in summer UTC+2: each timestamp gets the offset of its own day."""
    env = {"TZ": "Europe/Paris"}
    exported = tmp_path / "paris.json"
    assert run_cli("--demo", "export", "--format", "json", "-o", str(exported), env=env).returncode == 0
    text = exported.read_text()
    check_export(text)
    assert "+01:00" in text
    target = tmp_path / "paris.db"
    assert run_cli("import", str(exported), db_path=target, env=env).returncode == 0
    assert run_cli("export", "--format", "json", db_path=target, env=env).stdout == text
    # The same instants, read on a machine in New York: other local times, other offsets, same moments.
    elsewhere = run_cli("export", "--format", "json", db_path=target, env={"TZ": "UTC"}).stdout
    first = json.loads(text)["tables"]["inbox_note"][0]["created_at"]
    assert json.loads(elsewhere)["tables"]["inbox_note"][0]["created_at"].endswith("+00:00")
    assert first.endswith(("+01:00", "+02:00"))


def _as_version_1(text: str) -> str:
    """What techtime wrote before the schema: local times without offset, and the trash."""
    document = json.loads(text)
    for rows in document["tables"].values():
        for row in rows:
            for column, value in row.items():
                if column.endswith("_at") and isinstance(value, str):
                    row[column] = datetime.fromisoformat(value).astimezone().replace(tzinfo=None).isoformat(sep=" ")
    document["version"] = 1
    document["tables"]["trash"] = [
        {"id": 1, "kind": "inbox_note", "row_id": 9, "label": "x", "payload": "{}", "deleted_at": "2026-11-26 09:00:00",
         "restored_at": None}
    ]  # fmt: skip
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_a_version_1_file_is_read_and_becomes_the_same_version_2_export(demo_db, tmp_path):
    current = export(demo_db)
    old = _as_version_1(current)
    target = open_database(tmp_path / "old.db", today=TODAY)
    import_json(target, old, NOW)
    assert export(target) == current
    assert target.scalar("SELECT count(*) FROM trash") == 0  # version 1's undo history is not brought back
    target.close()


def test_the_schema_file_is_current():
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
    try:
        import export_schema
    finally:
        sys.path.pop(0)
    assert json_backup.SCHEMA_FILE.read_text(encoding="utf-8") == export_schema.render(), (
        "run python scripts/export_schema.py"
    )


def test_every_registry_table_has_a_check_that_knows_its_columns(db):
    for table in areas.tables():
        assert table.check, f"{table.name} has no check= in areas.py"
        assert callable(areas.resolve(table.check))
        stored = set(dump.columns(db, table.name, leave_out=table.derived_columns))
        assert set(json_backup.columns_of(table)) == stored, table.name


def test_importing_into_a_database_with_data_is_refused_without_merge(demo_db):
    exported = export(demo_db)
    with pytest.raises(InputError, match="--merge"):
        import_json(demo_db, exported, NOW)


def test_merge_adds_only_what_is_missing(tmp_path):
    source = open_database(tmp_path / "source.db", today=TODAY)
    populate(source, TODAY)
    source.conn.execute("INSERT INTO setting (key, value) VALUES ('dive_target', '4')")
    exported = export(source)
    target = open_database(tmp_path / "target.db", today=TODAY)
    notes.add_note(target, text="mine already", now=NOW)
    first = import_json(target, exported, NOW, merge=True)
    second = import_json(target, exported, NOW, merge=True)
    assert first.startswith("merged:") and "0 rows added" in second
    for table in ("person", "radar_item", "deep_dive", "pairing_session", "practice", "dive_check", "setting"):
        assert target.scalar(f"SELECT count(*) FROM {table}") == source.scalar(f"SELECT count(*) FROM {table}")
    assert target.scalar("SELECT count(*) FROM inbox_note") == source.scalar("SELECT count(*) FROM inbox_note") + 1
    # Sessions point at the right people after ids were remapped.
    assert target.rows(
        "SELECT p.handle, s.topic FROM pairing_session s JOIN person p ON p.id = s.person_id ORDER BY s.date"
    ) == source.rows(
        "SELECT p.handle, s.topic FROM pairing_session s JOIN person p ON p.id = s.person_id ORDER BY s.date"
    )
    source.close()
    target.close()


def _mutated(base: str, table: str, column: str, value: object, *, row: int = 0) -> str:
    document = json.loads(base)
    document["tables"][table][row][column] = value
    return json.dumps(document)


DEEP = '{"format": "techtime", "version": 2, "tables": {"person": ' + "[" * 200_000 + "]" * 200_000 + "}}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON at line 1"),
        ('{"format": "other"}', "not a techtime export"),
        ('{"format": "techtime", "version": 9, "tables": {}}', "version 9 is not supported"),
        ('{"format": "techtime", "version": true, "tables": {}}', "version True is not supported"),
        ('{"format": "techtime", "version": 2, "tables": {"secrets": []}}', "unknown table 'secrets'"),
        ('{"format": "techtime", "version": 2, "tables": {"trash": []}}', "unknown table 'trash'"),
        ('{"format": "techtime", "version": 2, "tables": {"person": [{"id": 1, "evil": 1}]}}', "unknown columns: evil"),
        ('{"format": "techtime", "version": 2, "tables": {"person": [{"id": 1, "handle": "x"}]}}', "person record 1"),
        ('{"format": "techtime", "version": 2, "tables": {"person": [7]}}', "person record 1: is not an object"),
        ('{"format": "techtime", "version": 2, "tables": {"person": NaN}}', "NaN"),
        (DEEP, "nested too deeply"),
    ],
)
def test_a_corrupt_import_is_refused_and_nothing_is_half_imported(db, text, expected):
    with pytest.raises(InputError, match=expected):
        import_json(db, text, NOW)
    assert db.scalar("SELECT count(*) FROM person") == 0
    assert db.scalar("SELECT count(*) FROM practice") == 5  # the seeds were not removed either


# Each of these broke a command or a screen once it was imported (issue 16): refused now, naming the
# table, the record and the field.
BAD_VALUES = [
    ("deep_dive", "hours_spent", "lots", "deep_dive record 1 (id 1): hours_spent 'lots'"),
    ("deep_dive", "hours_spent", -1, "hours_spent -1"),
    ("deep_dive", "quarter", "2026Q5", "quarter '2026Q5'"),
    ("deep_dive", "doc_url", "javascript:alert(1)", "doc_url 'javascript:alert(1)'"),
    ("deep_dive", "status", "[bold]done", "one of planned, active, done, dropped"),
    ("deep_dive", "tags", [["nested"]], "tags"),
    ("practice", "rule", "FREQ=SOMETIMES;X=[bold]", "practice record 1 (id 1): rule"),
    ("practice", "rule", "FREQ=MINUTELY", "too frequent"),
    ("practice", "active", "yes", "active 'yes'"),
    ("pairing_session", "date", "someday", "pairing_session record 1 (id 1): date 'someday'"),
    ("pairing_session", "date", "2026-02-30", "date '2026-02-30'"),
    ("pairing_session", "minutes", 10**9, "minutes"),
    ("pairing_session", "person_id", 999, "person_id 999 is not the id of a person record in this file"),
    ("radar_item", "tags", 5, "radar_item record 1 (id 1): tags 5"),
    ("radar_item", "tags", ["Two Words"], "tags"),
    ("radar_item", "url", "javascript:alert(document.cookie)", "url 'javascript:"),
    ("radar_item", "url", "file:///etc/passwd", "url 'file:"),
    ("radar_item", "ring", "sometimes", "ring 'sometimes'"),
    ("radar_item", "title", "   ", "title '   '"),
    ("radar_item", "title", None, "title is missing"),
    ("radar_item", "id", 2**63, "id 9223372036854775808"),
    ("radar_item", "id", True, "id True"),
    ("radar_item", "id", 0, "id 0"),
    ("radar_item", "captured_at", "yesterday", "captured_at 'yesterday'"),
    ("radar_item", "captured_at", "2026-11-26 09:30:00", "ISO 8601 time with its offset"),
    ("radar_item", "notes", {"a": 1}, "notes {'a': 1}"),
    ("radar_item", "notes", "x" * 1_000_001, "notes is 1,000,001 characters long"),
    ("radar_move", "item_id", 12345, "item_id 12345"),
    ("person", "handle", "two words", "handle"),
    ("person", "start_date", "0001-01-01", "start_date '0001-01-01'"),
    ("practice_log", "status", "maybe", "status 'maybe'"),
    ("checklist_template", "text", 3.5, "text 3.5"),
    ("inbox_note", "filed_at", 1700000000, "filed_at 1700000000"),
]


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory) -> str:
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.db", today=TODAY)
    populate(db, TODAY)
    text = json_backup.export_json(db, TODAY)
    db.close()
    return text


@pytest.mark.parametrize(("table", "column", "value", "expected"), BAD_VALUES)
def test_a_bad_value_refuses_the_whole_file_naming_the_record(db, demo_export, table, column, value, expected):
    with pytest.raises(InputError) as refused:
        import_json(db, _mutated(demo_export, table, column, value), NOW)
    message = str(refused.value)
    assert expected in message and "\n" not in message
    assert len(message) < 400
    assert db.scalar("SELECT count(*) FROM radar_item") == 0
    assert db.scalar("SELECT count(*) FROM practice") == 5


def test_a_repeated_id_and_a_repeated_handle_are_refused(db, demo_export):
    document = json.loads(demo_export)
    document["tables"]["person"].append(dict(document["tables"]["person"][0]))
    with pytest.raises(InputError, match="id 1 appears twice in person"):
        import_json(db, json.dumps(document), NOW)
    document["tables"]["person"][-1]["id"] = 999
    with pytest.raises(InputError, match=r"UNIQUE constraint failed: person\.handle"):
        import_json(db, json.dumps(document), NOW)
    assert db.scalar("SELECT count(*) FROM person") == 0


def test_a_bad_file_from_the_shell_is_exit_2_one_line_and_nothing_imported(tmp_path, demo_export):
    bad = tmp_path / "bad.json"
    bad.write_text(_mutated(demo_export, "deep_dive", "hours_spent", "lots"))
    target = tmp_path / "t.db"
    result = run_cli("import", str(bad), db_path=target)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "deep_dive record 1 (id 1): hours_spent 'lots'" in result.stderr
    assert run_cli("today", db_path=target).stdout.startswith("Welcome")  # nothing was imported


def test_an_export_never_overwrites_the_database(db_path):
    run_cli("add", "n", "precious", db_path=db_path)
    for target in (db_path, db_path.with_name(db_path.name + "-wal")):
        result = run_cli("export", "--format", "json", "-o", str(target), db_path=db_path)
        assert result.returncode == 2 and "is the database" in result.stderr
    assert "precious" in run_cli("today", db_path=db_path).stdout


def test_an_export_over_a_public_file_becomes_private(db_path, tmp_path):
    public = tmp_path / "public.md"
    public.write_text("old")
    public.chmod(0o644)
    assert run_cli("report", "-o", str(public), db_path=db_path).returncode == 0
    assert oct(public.stat().st_mode)[-3:] == "600"
    assert public.read_text().startswith("# ")


def test_an_export_to_a_missing_folder_is_one_line(db_path, tmp_path):
    result = run_cli("export", "--format", "json", "-o", str(tmp_path / "nowhere" / "x.json"), db_path=db_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("techtime: cannot write") and "Traceback" not in result.stderr
