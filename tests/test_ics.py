"""`techtime export --format ics`: parsed back with icalendar, rules expanded with dateutil."""

import os
from datetime import date, datetime, timedelta

import pytest
from conftest import NOW, TODAY, run_cli
from dateutil.rrule import rrulestr
from icalendar import Calendar

from techtime.interchange.ics import export_ics
from techtime.services import pairing as pairing_service
from techtime.store import practices
from techtime.store.database import open_database


def parse(text: str) -> Calendar:
    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    return calendar


def events(calendar: Calendar) -> dict[str, object]:
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "UIDs must be unique"
    return found


def expand(event, count: int) -> list[date]:
    """What a calendar client shows: the rule expanded from DTSTART, minus EXDATEs."""
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime(start.year, start.month, start.day))
    excluded = set()
    if "EXDATE" in event:
        for exdate in event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]:
            excluded |= {item.dt for item in exdate.dts}
    days = []
    for occurrence in rule:
        if occurrence.date() not in excluded:
            days.append(occurrence.date())
        if len(days) == count:
            break
    return days


def test_the_demo_calendar_round_trips_with_the_pairing_cadence_and_planned_sessions(demo_db):
    text = export_ics(demo_db, TODAY)
    assert text.endswith("\r\n") and "\r\n" in text
    found = events(parse(text))
    assert {uid for uid in found if uid.startswith("practice-")} == {
        "practice-radar-scan@techtime",
        "practice-pairing@techtime",
        "practice-deep-dives@techtime",
        "practice-tinkering@techtime",
        "practice-conference@techtime",
    }
    assert "pairing-session-11@techtime" in found
    pairing = found["practice-pairing@techtime"]
    assert str(pairing["SUMMARY"]) == "IC pairing session"
    # The demo's practices count from 1 November 2025: the 1st of every month from then on.
    assert expand(pairing, 14) == [date(2025 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(14)]
    # A weekly rule starts on its first matching day, not on the practice's start date.
    assert expand(found["practice-radar-scan@techtime"], 3) == [
        date(2025, 11, 3),
        date(2025, 11, 10),
        date(2025, 11, 17),
    ]
    assert expand(found["practice-deep-dives@techtime"], 4) == [
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
    ]
    session = found["pairing-session-11@techtime"]
    assert str(session["SUMMARY"]) == "Pairing with Mei Tanaka (@mei): Teach me the refunds service"
    assert session.decoded("DTSTART") == date(2026, 11, 29)
    assert session.decoded("DTEND") == date(2026, 11, 30)
    assert "RRULE" not in session


def test_a_fresh_database_starts_the_cadence_on_the_rule_s_first_day(db):
    found = events(parse(export_ics(db, TODAY)))
    # Seeded on Thursday 26 November 2026: the month under way counts, the weekly scan starts next Monday.
    assert expand(found["practice-pairing@techtime"], 2) == [date(2026, 11, 1), date(2026, 12, 1)]
    assert found["practice-pairing@techtime"].decoded("DTSTART") == date(2026, 11, 1)
    assert found["practice-radar-scan@techtime"].decoded("DTSTART") == date(2026, 11, 30)
    assert not [uid for uid in found if uid.startswith("pairing-session")]


def test_sessions_held_stay_and_a_switched_off_practice_is_cancelled(db):
    dana = pairing_service.add_person(db, handle="dana", name="Dana", now=NOW)
    planned = pairing_service.save_session(db, person_id=dana, on=TODAY + timedelta(days=7), today=TODAY, now=NOW)
    done = pairing_service.save_session(db, person_id=dana, on=TODAY, status="done", today=TODAY, now=NOW)
    tinkering = practices.practice_by_key(db, "tinkering")
    practices.update_practice(db, tinkering.id, active=False)
    found = events(parse(export_ics(db, TODAY, now=NOW)))
    assert str(found[f"pairing-session-{planned}@techtime"]["STATUS"]) == "CONFIRMED"
    assert str(found[f"pairing-session-{done}@techtime"]["STATUS"]) == "CONFIRMED"  # it happened: it stays
    assert str(found["practice-tinkering@techtime"]["STATUS"]) == "CANCELLED"
    assert "RRULE" not in found["practice-tinkering@techtime"]
    # Stable: nothing changed, the same file, so a calendar updates instead of duplicating.
    assert export_ics(db, TODAY, now=NOW) == export_ics(db, TODAY, now=NOW + timedelta(hours=5))


def test_pauses_leave_out_occurrences_and_an_open_pause_ends_the_series(db):
    pairing = practices.practice_by_key(db, "pairing")
    scan = practices.practice_by_key(db, "radar-scan")
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_pause (practice_id, start_date, end_date) VALUES (?, ?, ?)",
            (pairing.id, "2027-01-15", "2027-03-10"),
        )
        conn.execute("INSERT INTO practice_pause (practice_id, start_date) VALUES (?, ?)", (scan.id, "2026-12-10"))
    found = events(parse(export_ics(db, TODAY)))
    # January and February are due (on their last day) within the pause; March, due the 31st, is not.
    assert expand(found["practice-pairing@techtime"], 5) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 3, 1),
        date(2027, 4, 1),
        date(2027, 5, 1),
    ]
    # Mondays until the pause began, then nothing.
    assert expand(found["practice-radar-scan@techtime"], 10) == [date(2026, 11, 30), date(2026, 12, 7)]


def test_user_text_is_escaped_and_control_characters_never_reach_the_file(db):
    dana = pairing_service.add_person(db, handle="dana", name="Dana [bold]Li[/bold]", now=NOW)
    pairing_service.save_session(
        db,
        person_id=dana,
        on=TODAY + timedelta(days=1),
        topic="Commas, semicolons; and \x1b[31mred\x1b[0m",
        notes="first line\nEND:VEVENT\nsecond line",
        follow_ups="ask about retries",
        today=TODAY,
        now=NOW,
    )
    text = export_ics(db, TODAY)
    assert "\x1b" not in text
    (session,) = [e for uid, e in events(parse(text)).items() if uid.startswith("pairing-session")]
    assert str(session["SUMMARY"]) == "Pairing with Dana [bold]Li[/bold] (@dana): Commas, semicolons; and ␛[31mred␛[0m"
    description = str(session["DESCRIPTION"])
    assert "Notes:\nfirst line\nEND:VEVENT\nsecond line" in description
    assert "Follow-ups:\nask about retries" in description


def test_the_command_writes_a_private_file(db_path):
    open_database(db_path, today=TODAY).close()
    out = db_path.parent / "techtime.ics"
    result = run_cli("export", "--format", "ics", "-o", str(out), db_path=db_path)
    assert result.returncode == 0, result.stderr
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    found = events(parse(out.read_text(encoding="utf-8")))
    assert "practice-pairing@techtime" in found
    printed = run_cli("export", "--format", "ics", db_path=db_path)
    assert printed.returncode == 0 and printed.stdout.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize("module", ["techtime.cli", "techtime.cli.export"])
def test_icalendar_is_imported_only_for_the_export(module):
    import subprocess
    import sys

    code = f"import sys, {module}; assert 'icalendar' not in sys.modules, 'imported early'"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
