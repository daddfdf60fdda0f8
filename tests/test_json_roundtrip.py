"""The whole database as JSON: a byte-identical round trip, refusals, and a merge that never duplicates."""

from __future__ import annotations

import json

import pytest
from conftest import NOW, TODAY, run_cli

from techtime.errors import InputError
from techtime.interchange.json_backup import export_json, import_json
from techtime.services.demo import populate
from techtime.store import notes, trash
from techtime.store.database import open_database


def test_export_then_import_into_an_empty_database_gives_the_same_export(demo_db, tmp_path):
    trash.delete(demo_db, "inbox_note", 1, now=NOW, label="deleted note")  # undo history travels too
    first = export_json(demo_db, TODAY)
    empty = open_database(tmp_path / "empty.db", today=TODAY)
    import_json(empty, first, NOW)
    assert export_json(empty, TODAY) == first
    document = json.loads(first)
    person = document["tables"]["person"][0]
    assert isinstance(person["active"], bool)
    assert isinstance(document["tables"]["radar_item"][0]["tags"], list)
    assert document["format"] == "techtime" and document["version"] == 1
    empty.close()


def test_cli_round_trip_is_byte_identical(tmp_path):
    exported = tmp_path / "a.json"
    assert run_cli("--demo", "export", "--format", "json", "-o", str(exported)).returncode == 0
    target = tmp_path / "b.db"
    assert run_cli("import", str(exported), db_path=target).returncode == 0  # format guessed
    again = run_cli("export", "--format", "json", db_path=target)
    assert again.stdout == exported.read_text()
    assert oct(exported.stat().st_mode)[-3:] == "600"


def test_importing_into_a_database_with_data_is_refused_without_merge(demo_db, db):
    exported = export_json(demo_db, TODAY)
    with pytest.raises(InputError, match="--merge"):
        import_json(demo_db, exported, NOW)


def test_merge_adds_only_what_is_missing(tmp_path):
    source = open_database(tmp_path / "source.db", today=TODAY)
    populate(source, TODAY)
    exported = export_json(source, TODAY)
    target = open_database(tmp_path / "target.db", today=TODAY)
    notes.add_note(target, text="mine already", now=NOW)
    first = import_json(target, exported, NOW, merge=True)
    second = import_json(target, exported, NOW, merge=True)
    assert first.startswith("merged:") and "0 rows added" in second
    for table in ("person", "radar_item", "deep_dive", "pairing_session", "practice", "dive_check"):
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON at line 1"),
        ('{"format": "other"}', "not a techtime export"),
        ('{"format": "techtime", "version": 9, "tables": {}}', "version 9 is not supported"),
        ('{"format": "techtime", "version": 1, "tables": {"secrets": []}}', "unknown table 'secrets'"),
        ('{"format": "techtime", "version": 1, "tables": {"person": [{"id": 1, "evil": 1}]}}', "unknown columns: evil"),
        (
            '{"format": "techtime", "version": 1, "tables": {"person": [{"id": 1, "handle": "x"}]}}',
            "person row with id 1",
        ),
    ],
)
def test_a_corrupt_import_is_refused_and_nothing_is_half_imported(db, text, expected):
    with pytest.raises(InputError, match=expected):
        import_json(db, text, NOW)
    assert db.scalar("SELECT count(*) FROM person") == 0
    assert db.scalar("SELECT count(*) FROM practice") == 5  # the seeds were not removed either


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
