"""Sessions have a kind: pairing (the monthly practice, the rotation), a technical 1-on-1, a system-design
interview. Only pairing moves the rotation and counts for the practice; the others keep their answers."""

from datetime import date, timedelta

import pytest
from conftest import NOW, TODAY

from techtime.domain import pairing as vocabulary
from techtime.domain.quarters import Quarter
from techtime.errors import CaptureError, InputError
from techtime.services import pairing as service
from techtime.services.capture import capture
from techtime.services.search import search
from techtime.store import pairing, practices, trash


@pytest.fixture
def team(db):
    practice = practices.practice_by_key(db, "pairing")
    practices.update_practice(db, practice.id, start_date=date(2026, 1, 1))
    ids = {
        handle: service.add_person(db, handle=handle, name=handle.title(), team=team, now=NOW)
        for handle, team in (("dana", "Payments"), ("eli", "Data"))
    }
    return db, ids


def log(db, person_id, kind, *, on=TODAY - timedelta(days=1), **fields):
    return service.save_session(
        db, person_id=person_id, on=on, today=TODAY, now=NOW, status="done", kind=kind, **fields
    )


def next_up(db):
    return [rank.candidate.handle for rank in service.rotation(db, TODAY)]


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("", "pairing"), ("pair", "pairing"), ("1on1", "1on1"), ("1:1", "1on1"), ("Interview", "interview")],
)
def test_a_kind_is_read_the_ways_people_say_it(typed, kind):
    assert vocabulary.parse_kind(typed) == kind


def test_an_unknown_kind_names_the_three():
    with pytest.raises(InputError, match=r"pairing, 1on1 .* or interview"):
        vocabulary.parse_kind("coffee")
    with pytest.raises(CaptureError, match="kind:pairing, kind:1on1 or kind:interview"):
        vocabulary.capture_kind("coffee", TODAY)


def test_a_1on1_logged_does_not_move_the_rotation_nor_count_for_the_month(team):
    db, ids = team
    log(db, ids["dana"], "pairing", on=date(2026, 10, 5))
    log(db, ids["eli"], "pairing", on=date(2026, 10, 20))
    assert next_up(db) == ["dana", "eli"]
    before = pairing.pairing_logs_between(db, date.min, date.max)
    log(db, ids["dana"], "1on1")
    assert next_up(db) == ["dana", "eli"]  # a technical 1-on-1 does not reset the pairing clock
    assert pairing.pairing_logs_between(db, date.min, date.max) == before
    assert service.this_month(db, TODAY).state == vocabulary.OPEN
    log(db, ids["dana"], "pairing")
    assert next_up(db) == ["eli", "dana"]
    assert service.this_month(db, TODAY).state == vocabulary.COVERED


def test_changing_a_session_s_kind_moves_it_in_or_out_of_the_practice(team):
    db, ids = team
    session_id = log(db, ids["dana"], "pairing")
    assert [entry.session_id for entry in pairing.pairing_logs_between(db, date.min, date.max)] == [session_id]
    service.save_session(
        db, person_id=ids["dana"], on=TODAY - timedelta(days=1), today=TODAY, now=NOW, session_id=session_id,
        status="done", kind="interview",
    )  # fmt: skip
    assert pairing.pairing_logs_between(db, date.min, date.max) == []
    assert service.this_month(db, TODAY).state == vocabulary.OPEN


def test_x_now_on_this_month_checks_off_pairing_only(team):
    db, ids = team
    log(db, ids["dana"], "1on1")
    session_id = service.pair_now(db, ids["dana"], today=TODAY, now=NOW)
    assert pairing.get_session(db, session_id).kind == "pairing"


def test_a_1on1_planned_later_this_month_checked_off_today_is_held_today(team):
    db, ids = team
    later = service.save_session(
        db, person_id=ids["dana"], on=TODAY + timedelta(days=2), today=TODAY, now=NOW, kind="1on1"
    )
    session = service.check_off_session(db, later, today=TODAY, now=NOW)
    assert (session.date, session.status, session.kind) == (TODAY, "done", "1on1")
    assert service.this_month(db, TODAY).state == vocabulary.OPEN


def test_the_roster_shows_each_engineer_s_last_session_of_each_kind(team):
    db, ids = team
    log(db, ids["dana"], "pairing", on=date(2026, 9, 3))
    log(db, ids["dana"], "1on1", on=date(2026, 11, 2))
    log(db, ids["dana"], "1on1", on=date(2026, 11, 16))
    log(db, ids["eli"], "interview", on=date(2026, 10, 7))
    view = service.pairing_view(db, 2026, TODAY)
    dana, eli = view.line(ids["dana"]), view.line(ids["eli"])
    assert dana.last_by_kind == (("pairing", date(2026, 9, 3)), ("1on1", date(2026, 11, 16)))
    assert (dana.last_done, dana.last("interview")) == (date(2026, 9, 3), None)
    assert (eli.last_done, eli.last("interview")) == (None, date(2026, 10, 7))


def test_capture_takes_a_kind_and_pairs_by_default(team):
    db, _ = team
    saved = capture(db, "p @dana the ledger's outbox kind:1on1 on:yesterday", today=TODAY, now=NOW)
    assert pairing.get_session(db, saved.id).kind == "1on1"
    assert "technical 1-on-1, done on 2026-11-25" in saved.summary()
    assert next_up(db) == ["dana", "eli"]
    plain = capture(db, "p @eli dbt lineage", today=TODAY, now=NOW)
    assert pairing.get_session(db, plain.id).kind == "pairing"
    with pytest.raises(CaptureError, match="kind:1on1"):
        capture(db, "p @eli dbt lineage kind:lunch", today=TODAY, now=NOW)


def test_a_session_offers_its_kind_s_questions_and_keeps_the_answers(team):
    db, ids = team
    asked = service.questions(db, "1on1")
    assert "What tradeoffs did you consider?" in [a.text for a in asked]
    assert service.questions(db, "pairing") == []
    interview = [a.text for a in service.questions(db, "interview")]
    assert "What happens when this 10xs?" in interview
    session_id = log(db, ids["dana"], "1on1", answers={"What tradeoffs did you consider?": "Outbox over 2PC"})
    answered = [(a.text, a.answer) for a in service.questions(db, "1on1", session_id) if a.answer]
    assert answered == [("What tradeoffs did you consider?", "Outbox over 2PC")]
    # Saved again with another answer: the same question is updated, not asked twice.
    service.save_session(
        db, person_id=ids["dana"], on=TODAY - timedelta(days=1), today=TODAY, now=NOW, session_id=session_id,
        status="done", kind="1on1", answers={"What tradeoffs did you consider?": "Outbox, then CDC"},
    )  # fmt: skip
    answered = [(a.text, a.answer) for a in service.questions(db, "1on1", session_id) if a.answer]
    assert answered == [("What tradeoffs did you consider?", "Outbox, then CDC")]


def test_answers_are_found_by_search_everything_and_go_and_come_back_with_their_session(team):
    db, ids = team
    session_id = log(db, ids["dana"], "1on1", topic="Ledger", answers={"What tradeoffs did you consider?": "CDC"})
    hits = [(hit.area, hit.kind, hit.id) for hit in search(db, "CDC")]
    assert hits == [("pairing", "answer in a technical 1-on-1", session_id)]
    service.delete_session(db, session_id, now=NOW)
    assert db.scalar("SELECT count(*) FROM question_answer") == 0
    trash.undo(db, now=NOW)
    assert [a.answer for a in service.questions(db, "1on1", session_id) if a.answer] == ["CDC"]


def test_an_unknown_kind_is_refused_and_nothing_is_saved(team):
    db, ids = team
    with pytest.raises(InputError, match="unknown kind"):
        log(db, ids["dana"], "coffee")
    assert pairing.count_sessions(db) == 0


def test_a_leader_adds_a_practice_for_the_other_kinds_with_the_cadences_there_are(db):
    from techtime.services import practices as practice_service

    practice_id = practice_service.add_practice(
        db, name="Technical 1-on-1 with each tech lead", cadence="every 2 weeks on wed", minutes="45", today=TODAY,
        now=NOW,
    )  # fmt: skip
    (summary,) = [
        s for s in practice_service.summaries(db, Quarter.containing(TODAY), TODAY) if s.practice.id == practice_id
    ]
    assert summary.cadence == "every 2 weeks on Wednesday"


def test_a_backup_written_before_sessions_had_a_kind_imports_as_pairing(demo_db, tmp_path):
    """A JSON export of the schema before (no kind, no session answers, no incidents) still restores."""
    import json

    from techtime.interchange.json_backup import export_json, import_json
    from techtime.store.database import open_database

    document = json.loads(export_json(demo_db, TODAY))
    tables = document["tables"]
    for name in ("incident", "incident_follow_up"):
        del tables[name]
    for row in tables["pairing_session"]:
        del row["kind"]
    tables["question_answer"] = [row for row in tables["question_answer"] if row["session_id"] is None]
    for row in tables["question_answer"]:
        del row["session_id"]
    with open_database(tmp_path / "restored.db", today=TODAY) as target:
        import_json(target, json.dumps(document), NOW)
        kinds = {row[0] for row in target.rows("SELECT kind FROM pairing_session")}
        assert kinds == {"pairing"}
        assert pairing.count_sessions(target) == pairing.count_sessions(demo_db)
