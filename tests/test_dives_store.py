"""Deep dives below the screen: reading forms, planning, carrying over, reordering, the target."""

import pytest
from conftest import NOW, TODAY

from techtime.domain.dives import (
    DiveFields,
    FailureModeFields,
    next_status,
    parse_dive_form,
    parse_hours,
    parse_tags,
    parse_target,
    parse_template,
)
from techtime.domain.quarters import Quarter
from techtime.errors import InputError, QuarterError
from techtime.services import capture, checkin
from techtime.services import dives as service
from techtime.store import dives, radar, trash
from techtime.store.radar import moves_between

Q3, Q4, Q1 = Quarter(2026, 3), Quarter(2026, 4), Quarter(2027, 1)


# Reading what was typed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hours"),
    # The forms a capture's min: reads are hours here too: 1h30, 90m.
    [("6", 6.0), ("1.5", 1.5), ("1,5", 1.5), ("2h", 2.0), (" ", None), ("1h30", 1.5), ("90m", 1.5), ("1h 15m", 1.25)],
)
def test_hours_accept_plain_numbers(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize("text", ["six", "-1", "1.5.2", "3 days", "1e3"])
def test_hours_that_are_not_a_number_are_refused_with_what_is_accepted(text):
    with pytest.raises(InputError, match=r"hours planned must be a number of hours like 6 or 1\.5"):
        parse_hours(text, "hours planned")


def test_form_reads_every_field():
    fields = parse_dive_form(
        {
            "title": "  Ledger   migration ",
            "owner": "Payments",
            "doc_url": "https://docs.example.com/ledger",
            "status": "Active",
            "hours_planned": "8",
            "hours_spent": "",
            "tags": "#payments, Architecture payments",
            "quarter": "2027q1",
        }
    )
    assert fields == DiveFields(
        title="Ledger migration",
        owner="Payments",
        doc_url="https://docs.example.com/ledger",
        status="active",
        hours_planned=8.0,
        hours_spent=0,
        tags=("payments", "architecture"),
        quarter=Q1,
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "   "}, "needs a title"),
        ({"title": "x", "quarter": "2026Q5"}, "unknown quarter 2026Q5"),
        ({"title": "x", "hours_spent": "lots"}, "hours spent must be a number"),
        ({"title": "x", "doc_url": "javascript:alert(1)"}, "http:// or https://"),
        ({"title": "x", "doc_url": "-rf"}, "http:// or https://"),
        ({"title": "x", "status": "paused"}, "use one of planned, active, done, dropped"),
        ({"title": "x", "tags": "#ok no!pe"}, "'no!pe' is not a tag"),
    ],
)
def test_form_refuses_bad_input_with_one_clear_line(values, message):
    with pytest.raises(InputError, match=message) as caught:
        parse_dive_form(values)
    assert "\n" not in str(caught.value)


def test_unknown_quarter_is_a_quarter_error():
    with pytest.raises(QuarterError):
        parse_dive_form({"title": "x", "quarter": "2026Q5"})


def test_small_parsers():
    assert parse_tags("#a b,c  a") == ("a", "b", "c")
    assert parse_template("Read it\n\n  Ask   why \n") == ("Read it", "Ask why")
    with pytest.raises(InputError, match="at least one step"):
        parse_template(" \n ")
    assert parse_target("4") == 4
    with pytest.raises(InputError, match="from 1 to 12"):
        parse_target("0")
    assert [next_status(s) for s in ("planned", "active", "done", "dropped")] == [
        "active",
        "done",
        "planned",
        "planned",
    ]


# Creating, editing, status ---------------------------------------------------------


def test_create_copies_the_template_and_warns_above_the_target(db):
    for title in ("one", "two", "three"):
        saved = service.create_dive(db, DiveFields(title=title), quarter=Q4, now=NOW)
        assert saved.warning == ""
    fourth = service.create_dive(db, DiveFields(title="four", hours_planned=4), quarter=Q4, now=NOW)
    assert fourth.warning.startswith("2026Q4 now has 4 deep dives, above your target of 3")
    dive = dives.get_dive(db, fourth.dive_id)
    assert (dive.title, dive.position, dive.hours_planned, dive.checks_total) == ("four", 3, 4.0, 4)
    assert dives.checklist(db, dive.id)[0].text == "Read the entire design doc"


def test_target_is_a_setting_that_today_and_capture_follow(db):
    assert service.target(db) == 3
    service.set_target(db, 2)
    assert service.target(db) == 2
    for title in ("one", "two"):
        service.create_dive(db, DiveFields(title=title), quarter=Q4, now=NOW)
    saved = capture.capture(db, "d three", today=TODAY, now=NOW)
    assert "above your target of 2" in saved.warning
    assert checkin.build(db, TODAY).dive_target == 2


def test_edit_to_another_quarter_moves_to_its_end(db):
    first = service.create_dive(db, DiveFields(title="next quarter's"), quarter=Q1, now=NOW).dive_id
    dive_id = service.create_dive(db, DiveFields(title="ledger"), quarter=Q4, now=NOW).dive_id
    service.edit_dive(db, dive_id, DiveFields(title="Ledger", owner="Payments", quarter=Q1, hours_spent=2), now=NOW)
    dive = dives.get_dive(db, dive_id)
    assert (str(dive.quarter), dive.position, dive.owner, dive.hours_spent) == ("2027Q1", 1, "Payments", 2)
    assert dive.carried_from is None  # a manual move is not a carry-over
    assert dives.get_dive(db, first).position == 0


def test_status_cycles_drop_comes_back_and_undo_puts_back_only_the_status(db):
    dive_id = service.create_dive(db, DiveFields(title="x"), quarter=Q4, now=NOW).dive_id
    assert service.advance_status(db, dive_id, now=NOW) == "active"
    service.toggle_dropped(db, dive_id, now=NOW)
    assert dives.get_dive(db, dive_id).status == "dropped"
    service.log_hours(db, dive_id, 2, now=NOW)  # not an undoable change
    assert trash.describe(trash.undo(db, now=NOW)) == "dropping 'x'"
    after = dives.get_dive(db, dive_id)
    assert (after.status, after.hours_spent) == ("active", 2)  # only what the undo owns
    trash.undo(db, now=NOW)
    assert dives.get_dive(db, dive_id).status == "planned"


def test_log_hours_adds_up(db):
    dive_id = service.create_dive(db, DiveFields(title="x", hours_spent=1), quarter=Q4, now=NOW).dive_id
    assert service.log_hours(db, dive_id, 2.5, now=NOW) == 3.5
    assert dives.get_dive(db, dive_id).hours_spent == 3.5


def test_reorder_swaps_neighbours_and_stops_at_the_ends(db):
    ids = [service.create_dive(db, DiveFields(title=t), quarter=Q4, now=NOW).dive_id for t in "abc"]
    assert service.move(db, ids[2], -1)
    assert [d.title for d in dives.dives_in_quarter(db, Q4)] == ["a", "c", "b"]
    assert not service.move(db, ids[0], -1)
    assert service.move(db, ids[0], +1)
    assert [d.title for d in dives.dives_in_quarter(db, Q4)] == ["c", "a", "b"]


def test_steps_failure_modes_findings_and_template(db):
    dive_id = service.create_dive(db, DiveFields(title="x"), quarter=Q4, now=NOW).dive_id
    step = service.add_step(db, dive_id, "Read the rollback plan")
    assert service.toggle_check(db, step, now=NOW) is True
    assert dives.get_check(db, step).done
    assert service.toggle_check(db, step, now=NOW) is False
    assert not dives.get_check(db, step).done
    service.edit_step(db, step, "Read the rollback runbook")
    assert dives.checklist(db, dive_id)[-1].text == "Read the rollback runbook"

    fm = service.add_failure_mode(db, dive_id, FailureModeFields("Queue backs up", "payments"))
    service.edit_failure_mode(db, fm, FailureModeFields("Queue backs up", "all payments", "lag alert", "partition"))
    mode = dives.failure_modes(db, dive_id)[0]
    assert (mode.failure, mode.blast_radius, mode.detection, mode.mitigation) == (
        "Queue backs up",
        "all payments",
        "lag alert",
        "partition",
    )

    assert service.save_findings(db, dive_id, "The queue is the bottleneck at 5x.", now=NOW)
    assert not service.save_findings(db, dive_id, "The queue is the bottleneck at 5x.", now=NOW)
    assert dives.get_dive(db, dive_id).findings == "The queue is the bottleneck at 5x."

    service.set_checklist_template(db, ("Only step",))
    assert dives.get_dive(db, service.create_dive(db, DiveFields(title="y"), quarter=Q4, now=NOW).dive_id).progress == (
        "0/1"
    )
    assert dives.get_dive(db, dive_id).checks_total == 5  # existing dives keep their own list
    with pytest.raises(InputError, match="at least one step"):
        service.set_checklist_template(db, ())


def test_gone_dive_is_a_clear_error(db):
    with pytest.raises(InputError, match="no longer exists"):
        service.log_hours(db, 999, 1, now=NOW)


# Planning and carry-over -------------------------------------------------------------


def _last_quarter(db):
    unfinished = service.create_dive(db, DiveFields(title="GDPR partitioning", status="active"), quarter=Q3, now=NOW)
    service.create_dive(db, DiveFields(title="Portal", status="done"), quarter=Q3, now=NOW)
    service.create_dive(db, DiveFields(title="Flags", status="dropped"), quarter=Q3, now=NOW)
    return unfinished.dive_id


def test_candidates_are_last_quarters_unfinished_then_bookmarks_without_a_dive(db):
    unfinished = _last_quarter(db)
    bookmarked = radar.add_item(db, title="TigerBeetle", url="https://tigerbeetle.com", status="bookmarked", now=NOW)
    linked = radar.add_item(db, title="KRaft", status="bookmarked", now=NOW)
    service.promote_radar_item(db, linked, quarter=Q4, now=NOW)  # already has its dive
    radar.add_item(db, title="inbox item", now=NOW)

    candidates = service.planning_candidates(db, Q4)
    assert [(c.kind, c.id, c.title) for c in candidates] == [
        ("dive", unfinished, "GDPR partitioning"),
        ("radar", bookmarked, "TigerBeetle"),
    ]
    assert candidates[0].detail == "active in 2026Q3, 0/4 steps done"


def test_planning_a_candidate_moves_it_in(db):
    unfinished = _last_quarter(db)
    step = dives.checklist(db, unfinished)[0]
    dives.set_check(db, step.id, done=True, now=NOW)
    service.save_findings(db, unfinished, "Deletion jobs need a rewrite.", now=NOW)
    item = radar.add_item(db, title="TigerBeetle", url="https://tigerbeetle.com", status="bookmarked", now=NOW)
    dive_candidate, radar_candidate = service.planning_candidates(db, Q4)

    service.plan_candidate(db, dive_candidate, Q4, now=NOW)
    moved = dives.get_dive(db, unfinished)
    assert (str(moved.quarter), moved.carried_from, moved.progress) == ("2026Q4", "2026Q3", "1/4")
    assert moved.findings == "Deletion jobs need a rewrite."

    saved = service.plan_candidate(db, radar_candidate, Q4, now=NOW)
    assert radar.get_item(db, item).dive_id == saved.dive_id
    assert dives.get_dive(db, saved.dive_id).doc_url == "https://tigerbeetle.com"
    assert service.planning_candidates(db, Q4) == []


def test_carry_over_moves_every_unfinished_dive_with_its_work(db):
    a = service.create_dive(db, DiveFields(title="a", status="active"), quarter=Q4, now=NOW).dive_id
    b = service.create_dive(db, DiveFields(title="b"), quarter=Q4, now=NOW).dive_id
    done = service.create_dive(db, DiveFields(title="c", status="done"), quarter=Q4, now=NOW).dive_id
    service.add_failure_mode(db, a, FailureModeFields("Queue backs up"))
    already = service.create_dive(db, DiveFields(title="q1 dive"), quarter=Q1, now=NOW).dive_id

    moved = service.carry_over(db, Q4, now=NOW)
    assert [d.id for d in moved] == [a, b]
    assert [(d.title, d.carried_from) for d in dives.dives_in_quarter(db, Q1)] == [
        ("q1 dive", None),
        ("a", "2026Q4"),
        ("b", "2026Q4"),
    ]
    assert [d.id for d in dives.dives_in_quarter(db, Q4)] == [done]
    assert len(dives.failure_modes(db, a)) == 1
    assert dives.get_dive(db, already).position == 0

    undone = trash.undo(db, now=NOW)  # one `u` for the whole carry-over
    assert trash.describe(undone) == "moving 2 deep dives to 2027Q1"
    assert [d.title for d in dives.dives_in_quarter(db, Q4)] == ["a", "b", "c"]
    assert [d.carried_from for d in dives.dives_in_quarter(db, Q4)] == [None, None, None]


# Radar history ------------------------------------------------------------------------


def test_radar_moves_say_where_an_item_stood_before_and_after(db):
    from datetime import datetime

    placed = radar.add_item(db, title="DuckDB", ring="trial", quadrant="tools", now=datetime(2026, 10, 5, 9))
    moved = radar.add_item(db, title="Backstage", ring="trial", quadrant="platforms", now=datetime(2026, 8, 1, 9))
    radar.update_item(db, moved, ring="assess", now=datetime(2026, 10, 9, 9))
    radar.update_item(db, moved, ring="hold", now=datetime(2026, 11, 2, 9))
    radar.add_item(db, title="Old news", ring="adopt", quadrant="tools", now=datetime(2026, 9, 1, 9))

    found = {m.title: m for m in moves_between(db, Q4.first_day, Q4.last_day)}
    assert set(found) == {"DuckDB", "Backstage"}
    assert found["DuckDB"].is_new and found["DuckDB"].item_id == placed
    assert (found["Backstage"].ring_before, found["Backstage"].ring, found["Backstage"].quadrant) == (
        "trial",
        "hold",
        "platforms",
    )
