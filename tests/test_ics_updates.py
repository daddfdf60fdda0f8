"""The .ics as calendars read it: expanded by recurring-ical-events (the library behind many calendar
tools) and compared with what the app counts; updated events say they are newer; gone ones cancel."""

from datetime import UTC, date, datetime, timedelta

import recurring_ical_events
from conftest import NOW, TODAY, run_cli
from icalendar import Calendar

from techtime.domain import cadence
from techtime.domain.quarters import Quarter
from techtime.interchange.ics import export_ics
from techtime.services import pairing as pairing_service
from techtime.services import practices as practice_service
from techtime.store import practices, trash


def calendar_of(text: str) -> Calendar:
    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    return calendar


def by_uid(text: str):
    return {str(event["UID"]): event for event in calendar_of(text).walk("VEVENT")}


def shown(text: str, uid: str, first: date, last: date) -> list[date]:
    """The days a calendar shows an event on, between first and last inclusive (cancelled ones hidden)."""
    found = recurring_ical_events.of(calendar_of(text)).between(first, last + timedelta(days=1))
    return sorted(
        event.decoded("DTSTART") for event in found if str(event["UID"]) == uid and event.get("STATUS") != "CANCELLED"
    )


def test_the_calendar_and_the_check_in_agree_on_a_pause(db):
    """Paused 10 Nov, resumed 5 Dec, exported 10 Dec: November (due the 30th) is paused, December is not."""
    pairing = practices.practice_by_key(db, "pairing")
    practice_service.pause(db, pairing.id, today=date(2026, 11, 10))
    practice_service.resume(db, pairing.id, today=date(2026, 12, 5))
    today = date(2026, 12, 10)
    text = export_ics(db, today, now=datetime(2026, 12, 10, 8, 0))
    year = (date(2026, 11, 1), date(2027, 10, 31))
    assert shown(text, "practice-pairing@techtime", *year)[:2] == [date(2026, 12, 1), date(2027, 1, 1)]
    summary = next(s for s in practice_service.summaries(db, Quarter(2026, 4), today) if s.practice.key == "pairing")
    assert summary.compliance_text == "0 of 1 months"  # December counts, November does not
    assert summary.state.current.start == date(2026, 12, 1) and not summary.state.paused
    # Every practice, over the year: the days the calendar shows are the occurrences the app counts.
    for practice in practices.load_practices(db):
        expected = cadence.compliance_so_far(practice, [], *year, year[1]).expected
        assert len(shown(text, f"practice-{practice.key}@techtime", *year)) == expected, practice.key


def test_an_open_pause_ends_the_series_as_the_app_stops_counting(db):
    scan = practices.practice_by_key(db, "radar-scan")
    practices.update_practice(db, scan.id, start_date=date(2026, 11, 1))
    practice_service.pause(db, scan.id, today=date(2026, 11, 18))
    text = export_ics(db, TODAY, now=NOW)
    assert shown(text, "practice-radar-scan@techtime", date(2026, 11, 1), date(2027, 11, 1)) == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]


def test_a_changed_event_gets_a_higher_sequence_and_last_modified_and_dtstamp_is_real(db):
    first = export_ics(db, TODAY, now=datetime(2026, 11, 26, 9, 30, 15))
    pairing = by_uid(first)["practice-pairing@techtime"]
    assert pairing["SEQUENCE"] == 0
    stamp = pairing.decoded("DTSTAMP")
    assert stamp == datetime(2026, 11, 26, 9, 30, 15).astimezone(UTC)  # the moment, not midnight UTC
    assert pairing.decoded("LAST-MODIFIED") == stamp
    # Unchanged: the same event, byte for byte, whenever it is exported.
    assert export_ics(db, TODAY, now=datetime(2026, 11, 27, 7, 0)) == first
    practice_service.edit_practice(db, practices.practice_by_key(db, "pairing").id, name="Pairing", cadence="monthly",
                                   minutes=90)  # fmt: skip
    later = datetime(2026, 11, 28, 14, 5)
    events = by_uid(export_ics(db, TODAY, now=later))
    assert (str(events["practice-pairing@techtime"]["SUMMARY"]), events["practice-pairing@techtime"]["SEQUENCE"]) == (
        "Pairing",
        1,
    )
    assert events["practice-pairing@techtime"].decoded("LAST-MODIFIED") == later.astimezone(UTC)
    assert events["practice-radar-scan@techtime"]["SEQUENCE"] == 0  # the others did not change


def test_an_event_that_disappears_is_cancelled_so_a_calendar_drops_it(db):
    dana = pairing_service.add_person(db, handle="dana", name="Dana", now=NOW)
    gone = pairing_service.save_session(db, person_id=dana, on=TODAY + timedelta(days=3), today=TODAY, now=NOW)
    skipped = pairing_service.save_session(db, person_id=dana, on=TODAY + timedelta(days=9), today=TODAY, now=NOW)
    before = by_uid(export_ics(db, TODAY, now=NOW))
    assert str(before[f"pairing-session-{gone}@techtime"]["STATUS"]) == "CONFIRMED"
    trash.delete(db, "pairing_session", gone, now=NOW, label="gone")
    pairing_service.save_session(
        db, session_id=skipped, person_id=dana, on=TODAY + timedelta(days=9), status="skipped", today=TODAY, now=NOW
    )
    tinkering = practices.practice_by_key(db, "tinkering")
    practices.update_practice(db, tinkering.id, start_date=date(2027, 1, 1))
    practice_service.pause(db, tinkering.id, today=TODAY)  # paused before its first occurrence
    after_text = export_ics(db, TODAY, now=NOW + timedelta(hours=1))
    after = by_uid(after_text)
    gone_uid, skipped_uid = f"pairing-session-{gone}@techtime", f"pairing-session-{skipped}@techtime"
    for uid in (gone_uid, skipped_uid, "practice-tinkering@techtime"):
        assert str(after[uid]["STATUS"]) == "CANCELLED", uid
        assert after[uid]["SEQUENCE"] == before[uid]["SEQUENCE"] + 1, uid
    assert str(after[gone_uid]["SUMMARY"]) == "Pairing with Dana (@dana)"
    assert shown(after_text, "practice-tinkering@techtime", TODAY, TODAY + timedelta(days=400)) == []
    # Written again as cancelled on the next export, unchanged: a calendar that missed one still hears.
    again = by_uid(export_ics(db, TODAY, now=NOW + timedelta(days=2)))
    assert again[gone_uid]["SEQUENCE"] == after[gone_uid]["SEQUENCE"]


def test_remind_adds_an_alarm_before_each_event(db_path):
    result = run_cli("export", "--format", "ics", "--remind", "30m", db_path=db_path)
    assert result.returncode == 0, result.stderr
    events = by_uid(result.stdout)
    alarms = events["practice-pairing@techtime"].walk("VALARM")
    assert len(alarms) == 1
    assert (str(alarms[0]["ACTION"]), alarms[0].decoded("TRIGGER")) == ("DISPLAY", timedelta(minutes=-30))
    refused = run_cli("export", "--format", "ics", "--remind", "soon", db_path=db_path)
    assert (refused.returncode, refused.stderr.startswith("techtime: cannot read 'soon' as a duration")) == (2, True)
    wrong = run_cli("export", "--format", "bookmarks", "--remind", "30m", db_path=db_path)
    assert (wrong.returncode, wrong.stderr) == (2, "techtime: --remind applies to --format ics, not bookmarks\n")
