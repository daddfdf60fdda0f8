"""The registry (techtime.areas): every area is wired everywhere it must be, and a new area needs only
its own modules plus its record. The TUI's side (modes, palette, help) is in test_areas_tui.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import NOW, TODAY, database_rows

from techtime import areas
from techtime.areas import Area, CaptureKind, Table
from techtime.cli import export as export_command
from techtime.cli import main
from techtime.domain.capture import parse_capture, syntax
from techtime.domain.quarters import Quarter
from techtime.services.capture import Saved, save
from techtime.services.demo import populate
from techtime.store import trash
from techtime.store.database import Database, open_database

ROOT = Path(__file__).resolve().parent.parent


def every_path(area: Area) -> list[str]:
    paths = [area.screen, area.search, area.report, area.digest, area.demo]
    paths += [path for _, path in area.exports]
    paths += [kind.save for kind in area.captures]
    paths += [option.parse for kind in area.captures for option in kind.options]
    paths += [table.check for table in area.tables]
    return [path for path in paths if path]


@pytest.mark.parametrize("area", areas.AREAS, ids=lambda area: area.key)
def test_every_part_an_area_names_exists(area):
    for path in every_path(area):
        assert callable(areas.resolve(path)), path


def test_keys_modes_words_and_formats_are_unique():
    numbers = [area.number for area in areas.AREAS if area.number]
    assert len(numbers) == len(set(numbers))
    assert len({area.key for area in areas.AREAS}) == len(areas.AREAS)
    words = [word for kind in areas.capture_kinds() for word in kind.words]
    assert len(words) == len(set(words))
    formats = [name for area in areas.AREAS for name, _ in area.exports]
    assert len(formats) == len(set(formats))
    shots = [name for area in areas.AREAS for name, _ in area.screenshots]
    assert len(shots) == len(set(shots))
    assert [kind.catches for kind in areas.capture_kinds() if kind.catches] == ["url", "text"]


def schema_tables(db: Database) -> set[str]:
    names = {row[0] for row in db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    virtual = {row[0] for row in db.rows("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")}
    shadows = {name for name in names for table in virtual if name.startswith(f"{table}_")}
    return names - virtual - shadows - {"trash"} - {name for name in names if name.startswith("sqlite_")}


def test_every_table_of_the_schema_belongs_to_an_area_and_the_other_way_round(db):
    assert schema_tables(db) == {table.name for table in areas.tables()}


def test_tables_come_in_dependency_order_and_undo_knows_every_cascade(db):
    """A table's references point to earlier tables (imports insert in this order), and every row that
    a delete takes with it (CASCADE) or unlinks (SET NULL) is what the trash keeps to undo it."""
    seen: set[str] = set()
    for table in areas.tables():
        for reference in db.rows(f"PRAGMA foreign_key_list({table.name})"):
            parent, column, on_delete = reference["table"], reference["from"], reference["on_delete"]
            assert parent in seen or parent == table.name, f"{table.name} refers to {parent}, registered later"
            if on_delete == "CASCADE":
                assert (table.name, column) in areas.children(parent), f"{parent}.children lacks {table.name}.{column}"
            elif on_delete == "SET NULL":
                assert (table.name, column) in areas.links(parent), f"{parent}.links lacks {table.name}.{column}"
        seen.add(table.name)


def test_columns_named_in_the_registry_exist(db):
    for table in areas.tables():
        columns = {row["name"] for row in db.rows(f"PRAGMA table_info({table.name})")}
        named = {*table.key, *table.json_columns, *table.bool_columns, *table.derived_columns}
        assert named <= columns, table.name
        for child, column in (*table.children, *table.links):
            assert column in {row["name"] for row in db.rows(f"PRAGMA table_info({child})")}
        for parent, column in (*table.part_of, *table.points_at):
            assert column in columns and areas.table(parent), (table.name, parent)


def test_every_full_text_index_is_the_one_its_table_s_record_names(db):
    """Search everything reads `Table.searched`: the index of each table holds those columns, and no
    index is left unnamed."""
    indexes = {row[0] for row in db.rows("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")}
    searched = {table.name: table.searched for table in areas.tables() if table.searched}
    assert indexes == {f"{name}_fts" for name in searched}
    for name, columns in searched.items():
        held = tuple(row["name"] for row in db.rows(f"PRAGMA table_info({name}_fts)"))
        # The radar's index also holds the tokens the Radar filters on (store.schema.facets), which a
        # search never reads (store.search.in_columns).
        assert held == columns + (("facets",) if name == "radar_item" else ()), name


@pytest.mark.parametrize("kind", list(areas.capture_kinds()), ids=lambda kind: kind.name)
def test_each_capture_kind_parses_its_example_saves_it_and_is_in_the_syntax(db, kind):
    for word in kind.words:
        assert f"{word} " in kind.syntax or kind.syntax.startswith(word)
    item = parse_capture(kind.example, TODAY)
    assert item.kind == kind.name
    saved = save(db, item, today=TODAY, now=NOW)
    assert saved.kind == kind.name
    assert saved.summary().startswith(f"{kind.label} {saved.id}: ")
    assert kind.syntax.split(None, 1)[1] in syntax()


def test_the_export_command_offers_every_format_of_every_area(demo_db, tmp_path, capsys):
    formats = {name for area in areas.AREAS for name, _ in area.exports}
    assert set(export_command.formats()) == formats
    for name in sorted(formats):
        target = tmp_path / f"export.{name}"
        assert main(["--db", str(demo_db.path), "export", "--format", name, "-o", str(target)]) == 0, name
        assert target.stat().st_size > 0


def test_the_demo_fills_every_table(demo_db):
    empty = [table.name for table in areas.tables() if demo_db.scalar(f"SELECT count(*) FROM {table.name}") == 0]
    # Nothing in the sample is paused, no setting differs from its default, no calendar was exported yet.
    assert empty == ["setting", "practice_pause", "calendar_event"]


def test_the_tests_demo_copy_is_the_demo_made_afresh(demo_db, tmp_path):
    """conftest's db and demo_db copy files made at the start of the run; they must hold what a new
    file and populate make."""
    fresh = open_database(tmp_path / "fresh.db", today=TODAY)
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    assert [tuple(row) for row in demo_db.rows(schema)] == [tuple(row) for row in fresh.rows(schema)]
    assert demo_db.scalar("PRAGMA user_version") == fresh.scalar("PRAGMA user_version")
    populate(fresh, TODAY)
    assert database_rows(demo_db) == database_rows(fresh)
    fresh.close()


def test_the_screenshot_script_renders_every_area_s_screenshots():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import screenshots
    finally:
        sys.path.pop(0)
    wanted = {name for area in areas.AREAS for name, _ in area.screenshots}
    assert set(screenshots.shots()) == wanted
    assert all(area.screenshots for area in areas.AREAS)


# A new area is its own modules plus one record -------------------------------------------------------

IDEAS = Table("idea", key=("text",))


def save_idea(db: Database, item, *, today, now) -> Saved:
    with db.transaction() as conn:
        cursor = conn.execute("INSERT INTO idea (text, created_at) VALUES (?, ?)", (item.title, str(now)))
    return Saved("idea", int(cursor.lastrowid or 0), item.title)


def demo_ideas(demo) -> None:
    save_idea(demo.db, parse_capture("i a sample idea", demo.today), today=demo.today, now=NOW)


def report_ideas(db: Database, quarter, today) -> str:
    return f"## Ideas\n\n{db.scalar('SELECT count(*) FROM idea')} ideas in {quarter}."


def digest_ideas(db: Database, monday, today) -> str:
    return f"## Ideas\n\nSince {monday:%A}: {db.scalar('SELECT count(*) FROM idea')}."


def ideas_per_day(db: Database, first, last) -> dict:
    from datetime import date as day

    rows = db.rows("SELECT substr(created_at, 1, 10), count(*) FROM idea GROUP BY 1")
    return {day.fromisoformat(row[0]): row[1] for row in rows if first.isoformat() <= row[0] <= last.isoformat()}


def export_ideas(db: Database, today) -> str:
    return "\n".join(row[0] for row in db.rows("SELECT text FROM idea ORDER BY id"))


IDEA_AREA = Area(
    "ideas",
    "Ideas",
    captures=(
        CaptureKind(
            "idea",
            ("idea", "i"),
            "idea",
            "idea|i   TEXT",
            "i a brown-bag on idempotency keys",
            save=f"{__name__}:save_idea",
            verbatim=True,
        ),
    ),
    tables=(IDEAS,),
    exports=(("ideas", f"{__name__}:export_ideas"),),
    report=f"{__name__}:report_ideas",
    activity=f"{__name__}:ideas_per_day",
    digest=f"{__name__}:digest_ideas",
    demo=f"{__name__}:demo_ideas",
    screenshots=(("ideas", ()),),
)


@pytest.fixture
def with_ideas(db, monkeypatch):
    """A throw-away area, registered the way a real one is: its table (a migration would make it) and a record."""
    db.conn.execute("CREATE TABLE idea (id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at TEXT NOT NULL)")
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, IDEA_AREA))
    return db


def test_a_new_area_s_capture_kind_is_parsed_saved_and_listed_without_editing_the_parser(with_ideas):
    assert "i TEXT" in syntax()
    saved = save(with_ideas, parse_capture("i try   #this ring:nothing", TODAY), today=TODAY, now=NOW)
    assert saved.summary() == f"idea {saved.id}: try   #this ring:nothing"


def test_a_new_area_s_table_is_undoable_and_its_demo_and_export_run(with_ideas, tmp_path, capsys):
    saved = save(with_ideas, parse_capture("i undo me", TODAY), today=TODAY, now=NOW)
    trash.delete(with_ideas, "idea", saved.id, now=NOW, label="undo me")
    assert with_ideas.scalar("SELECT count(*) FROM idea") == 0
    trash.undo(with_ideas, now=NOW)
    assert with_ideas.scalar("SELECT text FROM idea") == "undo me"

    populate(with_ideas, TODAY)
    assert with_ideas.scalar("SELECT count(*) FROM idea WHERE text = 'a sample idea'") == 1

    target = tmp_path / "ideas.txt"
    assert main(["--db", str(with_ideas.path), "export", "--format", "ideas", "-o", str(target)]) == 0
    assert target.read_text() == "undo me\na sample idea"


def test_a_table_that_hangs_off_another_area_s_rows_is_kept_with_them_without_editing_that_area(db, monkeypatch):
    """`part_of` / `points_at` on the new table's own record: deleting a deep dive takes its ideas along
    (CASCADE) and unlinks the idea that pointed at it (SET NULL); undo brings both back."""
    from techtime.store import dives

    db.conn.execute(
        "CREATE TABLE idea (id INTEGER PRIMARY KEY, text TEXT NOT NULL,"
        " dive_id INTEGER REFERENCES deep_dive (id) ON DELETE CASCADE,"
        " seen_in INTEGER REFERENCES deep_dive (id) ON DELETE SET NULL)"
    )
    ideas = Table("idea", key=("text",), part_of=(("deep_dive", "dive_id"),), points_at=(("deep_dive", "seen_in"),))
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, Area("ideas", "Ideas", tables=(ideas,))))
    assert ("idea", "dive_id") in areas.children("deep_dive")
    assert ("idea", "seen_in") in areas.links("deep_dive")
    one = dives.add_dive(db, quarter=Quarter(2026, 4), title="Ledger", now=NOW)
    db.conn.execute("INSERT INTO idea (text, dive_id) VALUES ('part of it', ?)", (one,))
    db.conn.execute("INSERT INTO idea (text, seen_in) VALUES ('seen in it', ?)", (one,))
    trash.delete(db, "deep_dive", one, now=NOW, label="Ledger")
    assert [tuple(r) for r in db.rows("SELECT text, dive_id, seen_in FROM idea")] == [("seen in it", None, None)]
    trash.undo(db, now=NOW)
    rows = [tuple(r) for r in db.rows("SELECT text, dive_id, seen_in FROM idea ORDER BY text")]
    assert rows == [("part of it", one, None), ("seen in it", None, one)]


def test_a_new_area_s_sections_join_the_quarterly_report_and_the_weekly_digest(with_ideas):
    from techtime.interchange.quarterly_report import render, sections
    from techtime.interchange.weekly_digest import weekly_digest

    save(with_ideas, parse_capture("i one more", TODAY), today=TODAY, now=NOW)
    names = [name for name, _ in sections(with_ideas, Quarter(2026, 4), TODAY)]
    assert names[-2:] == ["ideas", "practices"]
    assert "## Ideas\n\n1 ideas in 2026Q4." in render(with_ideas, Quarter(2026, 4), TODAY)
    digest = weekly_digest(with_ideas, TODAY)
    assert "## Ideas\n\nSince Monday: 1.\n\n## Practices this quarter" in digest


def test_a_new_area_says_what_a_deep_dive_came_from_on_the_dives_screen(with_ideas, monkeypatch):
    from techtime.services import dives as dive_service
    from techtime.store import dives

    dive_id = dives.add_dive(with_ideas, quarter=Quarter(2026, 4), title="Ledger", now=NOW)
    told = IDEA_AREA._replace(dive_origins=f"{__name__}:idea_origins")
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS[:-1], told))
    detail = dive_service.dives_view(with_ideas, Quarter(2026, 4), TODAY, dive_id).detail
    assert detail.origins == (f"from an idea about dive {dive_id}",)


def idea_origins(db: Database, dive_id: int) -> list[str]:
    return [f"from an idea about dive {dive_id}"]


def test_a_new_area_s_work_counts_in_the_heat_map(with_ideas):
    from techtime.services.practices import activity

    before = activity(with_ideas, TODAY).get(TODAY, 0)
    save(with_ideas, parse_capture("i counted today", TODAY), today=TODAY, now=NOW)
    assert activity(with_ideas, TODAY).get(TODAY, 0) == before + 1
