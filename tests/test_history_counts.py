"""History logged for days before the database existed counts: compliance starts at the earlier of
the first day of use and the earliest log of that practice (issue 12, "Dates and history")."""

from __future__ import annotations

from datetime import date

from conftest import NOW, TODAY

from techtime.domain.quarters import Quarter
from techtime.interchange.quarterly_report import export_markdown
from techtime.services import pairing as pairing_service
from techtime.services.practices import log_practice, summaries


def test_pairing_logged_for_october_and_november_on_a_new_database_counts(db):
    dana = pairing_service.add_person(db, handle="dana", now=NOW)
    for day in (date(2026, 10, 14), date(2026, 11, 5)):
        pairing_service.save_session(db, person_id=dana, on=day, status="done", today=TODAY, now=NOW)
    view = pairing_service.year_view(db, 2026, TODAY)
    assert str(view.quarter_compliance) == "2 of 2"
    assert [month.state for month in view.months][9:11] == ["covered", "covered"]
    assert view.months[8].state == "not tracked"  # September: before any history


def test_the_report_counts_back_dated_scans_and_tinkering(db):
    log_practice(db, "radar-scan", done_on=date(2026, 10, 5), now=NOW)  # a Monday, before the first day of use
    log_practice(db, "tinkering", done_on=date(2026, 10, 9), now=NOW, minutes=120, note="DuckDB")
    report = export_markdown(db, TODAY)
    assert "| Tech-radar scan | 1 | 8 | 0 |" in report
    assert "| 10% tinkering | 1 | 7 | 0 |" in report
    assert "Not due yet this quarter: Technical conference." in report
    by_key = {summary.practice.key: summary for summary in summaries(db, Quarter(2026, 4), TODAY)}
    assert by_key["radar-scan"].quarter.done == 1 and by_key["radar-scan"].quarter.expected == 8
    assert by_key["tinkering"].quarter.done == 1 and by_key["tinkering"].quarter.expected == 7  # Fridays to 20 Nov
