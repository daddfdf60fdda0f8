"""Incidents on a real database: logging, follow-ups, the quarter's view, promotion to a deep dive, undo."""

from datetime import date, timedelta

import pytest
from conftest import NOW, TODAY

from techtime.domain.incidents import IncidentFields
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.services import incidents as service
from techtime.services.capture import capture
from techtime.store import dives, incidents, people, trash

QUARTER = Quarter.containing(TODAY)


def log(db, title="Checkout 502s", *, day=TODAY, **fields):
    return service.save_incident(db, IncidentFields(title=title, day=day, **fields), today=TODAY, now=NOW)


def rows(db):
    return (
        [tuple(row) for row in db.rows("SELECT * FROM incident ORDER BY id")],
        [tuple(row) for row in db.rows("SELECT * FROM incident_follow_up ORDER BY id")],
        [tuple(row) for row in db.rows("SELECT * FROM deep_dive ORDER BY id")],
    )


@pytest.fixture
def roster(db):
    people.add_person(db, handle="dana", name="Dana Li", now=NOW)
    return db


def test_the_migration_keeps_every_session_as_pairing_after_backing_up(tmp_path):
    from techtime.store import migrations
    from techtime.store.database import open_database

    path = tmp_path / "old.db"
    db = open_database(path, today=TODAY, migrate=False)
    before = migrations.MIGRATIONS.index(migrations.incidents_and_session_kinds)
    migrations.ensure_schema(db, TODAY, migrations.MIGRATIONS[:before])
    person = people.add_person(db, handle="dana", now=NOW)
    db.conn.execute(
        "INSERT INTO pairing_session (person_id, date, status, created_at, updated_at)"
        " VALUES (?, '2026-11-02', 'done', '2026-11-02 09:00:00', '2026-11-02 09:00:00')",
        (person,),
    )
    migrations.ensure_schema(db, TODAY)
    assert len(list(tmp_path.glob(f"old.db.schema{before}-*.bak"))) == 1
    assert db.scalar("SELECT kind FROM pairing_session") == "pairing"
    assert db.scalar("SELECT count(*) FROM incident") == 0
    db.close()


# Logging ------------------------------------------------------------------------------------------


def test_an_incident_is_kept_with_everything_said_about_it(db):
    incident_id = log(
        db, severity="sev2", systems=("gateway",), role="comms", minutes=90, learned="Pools are per pod.",
        pattern="systemic", postmortem_url="https://wiki.example.com/pm/1", day=TODAY - timedelta(days=3),
    )  # fmt: skip
    incident = service.get_incident(db, incident_id)
    assert incident[1:11] == (
        TODAY - timedelta(days=3), "Checkout 502s", "sev2", ("gateway",), "comms", 90, "Pools are per pod.",
        "systemic", "https://wiki.example.com/pm/1", None,
    )  # fmt: skip


def test_an_incident_in_the_future_is_refused_and_nothing_is_saved(db):
    before = rows(db)
    with pytest.raises(InputError, match="has not happened yet"):
        log(db, day=TODAY + timedelta(days=1))
    assert rows(db) == before


def test_the_store_refuses_what_the_domain_does_not_know(db):
    """The schema's CHECKs hold even past the services: no fifth severity, no unknown role."""
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        incidents.add_incident(db, title="x", on=TODAY, now=NOW, severity="sev5")
    with pytest.raises(sqlite3.IntegrityError):
        incidents.add_incident(db, title="x", on=TODAY, now=NOW, role="hero")


def test_capture_from_the_shell_syntax(db):
    saved = capture(db, "inc Checkout 502s sev:2 on:yesterday #gateway #payments", today=TODAY, now=NOW)
    incident = service.get_incident(db, saved.id)
    assert (incident.title, incident.severity, incident.date, incident.systems) == (
        "Checkout 502s",
        "sev2",
        TODAY - timedelta(days=1),
        ("gateway", "payments"),
    )
    assert saved.summary() == f"incident {saved.id}: Checkout 502s (2026-11-25, sev2, #gateway #payments)"


def test_a_capture_s_date_without_a_year_looks_back(db):
    saved = capture(db, "incident DNS resolver timeouts on:Dec 3", today=TODAY, now=NOW)
    assert service.get_incident(db, saved.id).date == date(2025, 12, 3)


def test_a_capture_keeps_a_link_as_the_postmortem(db):
    saved = capture(db, "inc Ledger stall https://wiki.example.com/pm/7 sev:1", today=TODAY, now=NOW)
    incident = service.get_incident(db, saved.id)
    assert (incident.title, incident.postmortem_url) == ("Ledger stall", "https://wiki.example.com/pm/7")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("inc Checkout sev:5", "unknown severity sev:5: use sev:1, sev:2, sev:3 or sev:4"),
        ("inc sev:2", "an incident needs a title"),
        ("inc Checkout on:tomorrow", "has not happened yet"),
        ("inc Checkout ring:adopt", "ring: does not apply to an incident"),
    ],
)
def test_a_bad_capture_says_what_is_accepted_and_saves_nothing(db, line, message):
    before = rows(db)
    with pytest.raises(InputError, match=message):
        capture(db, line, today=TODAY, now=NOW)
    assert rows(db) == before


def test_an_edit_changes_the_fields_and_u_brings_the_old_learnings_back(db):
    incident_id = log(db, learned="first thoughts")
    fields = IncidentFields("Checkout 502s", TODAY, "sev1", ("gateway",), learned="the real cause")
    service.save_incident(db, fields, today=TODAY, now=NOW, incident_id=incident_id)
    assert service.get_incident(db, incident_id).learned == "the real cause"
    trash.undo(db, now=NOW)
    assert service.get_incident(db, incident_id).learned == "first thoughts"


def test_deleting_an_incident_takes_its_follow_ups_and_undo_brings_both_back(roster):
    db = roster
    incident_id = log(db)
    service.add_follow_up(db, incident_id, text="Alert on pool saturation", owner="@dana")
    before = rows(db)
    service.delete_incident(db, incident_id, now=NOW)
    assert rows(db)[:2] == ([], [])
    trash.undo(db, now=NOW)
    assert rows(db) == before


# Follow-ups ----------------------------------------------------------------------------------------


def test_a_follow_up_owner_must_be_on_the_roster(roster):
    db = roster
    incident_id = log(db)
    before = rows(db)
    with pytest.raises(InputError, match="@zed is not on the roster"):
        service.add_follow_up(db, incident_id, text="Alert on pool saturation", owner="zed")
    assert rows(db) == before
    follow_up_id = service.add_follow_up(db, incident_id, text="Alert on pool saturation", owner="@Dana")
    assert service.follow_ups(db, incident_id)[0].owner_handle == "dana"
    service.edit_follow_up(db, follow_up_id, text="Alert on saturation", owner="", now=NOW)
    assert service.follow_ups(db, incident_id)[0][3:6] == ("Alert on saturation", None, None)


def test_x_toggles_a_follow_up_and_the_open_ones_span_quarters(db):
    old = log(db, "Kafka disk full", day=QUARTER.previous().first_day + timedelta(days=5))
    new = log(db, "Checkout 502s")
    first = service.add_follow_up(db, old, text="Size-based retention")
    service.add_follow_up(db, new, text="Pool per node")
    assert [f.text for f in service.open_follow_ups(db, TODAY)] == ["Size-based retention", "Pool per node"]
    assert service.toggle_follow_up(db, first, now=NOW).done
    assert [f.text for f in service.open_follow_ups(db, TODAY)] == ["Pool per node"]
    assert not service.toggle_follow_up(db, first, now=NOW).done


# The quarter -----------------------------------------------------------------------------------------


def test_the_quarter_view_lists_its_incidents_newest_first_with_the_tally(db):
    log(db, "Last quarter", day=QUARTER.first_day - timedelta(days=1), pattern="systemic")
    log(db, "Early", day=QUARTER.first_day, severity="sev1", pattern="systemic")
    log(db, "Late", day=TODAY, severity="sev3", pattern="one-off")
    view = service.quarter_view(db, QUARTER, TODAY)
    assert [i.title for i in view.incidents] == ["Late", "Early"]
    assert (view.tally.total, view.tally.systemic, view.tally.by_severity) == (2, 1, (("sev1", 1), ("sev3", 1)))
    assert [i.title for i in service.quarter_view(db, QUARTER.previous(), TODAY).incidents] == ["Last quarter"]


def test_m_judges_systemic_then_one_off_then_not_yet_and_a_promoted_incident_stays_systemic(db):
    incident_id = log(db)
    assert service.advance_pattern(db, incident_id, now=NOW).pattern == "systemic"
    assert service.advance_pattern(db, incident_id, now=NOW).pattern == "one-off"
    assert service.advance_pattern(db, incident_id, now=NOW).pattern is None
    service.advance_pattern(db, incident_id, now=NOW)
    service.promote(db, incident_id, today=TODAY, now=NOW)
    with pytest.raises(InputError, match="stays systemic"):
        service.advance_pattern(db, incident_id, now=NOW)
    with pytest.raises(InputError, match="stays systemic"):
        log_again = IncidentFields("Checkout 502s", TODAY, pattern="one-off")
        service.save_incident(db, log_again, today=TODAY, now=NOW, incident_id=incident_id)


# Promotion -------------------------------------------------------------------------------------------


def test_a_systemic_incident_becomes_a_deep_dive_this_quarter_linked_both_ways(db):
    incident_id = log(db, systems=("gateway", "payments"), pattern="systemic", learned="Pools are per pod.")
    promoted = service.promote(db, incident_id, today=TODAY, now=NOW)
    dive = dives.get_dive(db, promoted.dive_id)
    assert (dive.quarter, dive.title, dive.tags) == (
        QUARTER,
        "After the incident: Checkout 502s",
        ("gateway", "payments"),
    )
    assert "Pools are per pod." in dive.findings
    incident = service.get_incident(db, incident_id)
    assert (incident.dive_id, incident.dive_title) == (dive.id, dive.title)
    assert service.origins(db, dive.id) == [f"from the incident of {TODAY}: Checkout 502s"]


def test_only_systemic_incidents_are_promoted_and_only_once(db):
    one_off = log(db, "Vendor outage", pattern="one-off")
    before = rows(db)
    with pytest.raises(InputError, match="only a systemic incident"):
        service.promote(db, one_off, today=TODAY, now=NOW)
    assert rows(db) == before
    systemic = log(db, pattern="systemic")
    service.promote(db, systemic, today=TODAY, now=NOW)
    with pytest.raises(InputError, match="already a deep dive"):
        service.promote(db, systemic, today=TODAY, now=NOW)


def test_undoing_a_promotion_takes_the_dive_and_the_link_back(db):
    incident_id = log(db, pattern="systemic")
    before = rows(db)
    service.promote(db, incident_id, today=TODAY, now=NOW)
    trash.undo(db, now=NOW)
    assert rows(db) == before


def test_deleting_the_dive_unlinks_the_incident_and_undo_links_it_again(db):
    incident_id = log(db, pattern="systemic")
    dive_id = service.promote(db, incident_id, today=TODAY, now=NOW).dive_id
    trash.delete(db, "deep_dive", dive_id, now=NOW, label="dive")
    assert service.get_incident(db, incident_id).dive_id is None
    trash.undo(db, now=NOW)
    assert service.get_incident(db, incident_id).dive_id == dive_id


def test_a_promotion_above_the_target_warns(db):
    for title in ("a", "b", "c"):
        dives.add_dive(db, quarter=QUARTER, title=title, now=NOW)
    incident_id = log(db, pattern="systemic")
    assert "above your target of 3" in service.promote(db, incident_id, today=TODAY, now=NOW).warning


# The heat-map and search -----------------------------------------------------------------------------


def test_incidents_count_as_technical_work_on_their_day_in_the_heat_map(db):
    from techtime.services.practices import activity

    log(db, "a", day=TODAY)
    log(db, "b", day=TODAY)
    log(db, "c", day=TODAY - timedelta(days=400))
    assert service.activity(db, TODAY - timedelta(weeks=53), TODAY) == {TODAY: 2}
    assert activity(db, TODAY) == {TODAY: 2}  # the Practices screen's heat map


def test_incident_response_has_no_schedule_it_is_never_due_nor_overdue(db):
    """It is not a practice with a cadence: nothing about it is due on Today or in the practices."""
    from techtime.services.checkin import build

    log(db, "Checkout 502s", day=TODAY - timedelta(days=60))
    assert all("incident" not in line.name.lower() for line in build(db, TODAY).practices)


def test_search_everything_finds_incidents_by_their_words_and_their_follow_ups(db):
    from techtime.services.search import search

    first = log(db, "Checkout 502s", systems=("gateway",), learned="The pool is sized per pod.", severity="sev2")
    second = log(db, "Ledger stall", day=TODAY - timedelta(days=1))
    service.add_follow_up(db, second, text="Dead-letter topic for poison events")
    hits = [(hit.area, hit.kind, hit.id, hit.title) for hit in search(db, "pod gateway")]
    assert hits == [("incidents", "incident, sev2", first, "Checkout 502s")]
    hits = [(hit.area, hit.kind, hit.id, hit.title) for hit in search(db, "POISON")]
    assert hits == [("incidents", "incident follow-up", second, "Dead-letter topic for poison events")]
    service.save_incident(db, IncidentFields("Ledger stall", TODAY, learned="a poison pill"), today=TODAY,
                          now=NOW, incident_id=second)  # fmt: skip
    assert [hit.kind for hit in search(db, "poison")] == ["incident, not rated", "incident follow-up"]
