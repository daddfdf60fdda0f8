"""The decision journal's tables: migration 3, decisions, options, reviews, amendments, links, the bank."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import NOW, TODAY

from techtime.domain.decisions import Amendment, OptionFields
from techtime.domain.quarters import Quarter
from techtime.domain.questions import SEED
from techtime.store import decisions, dives, migrations, questions, radar, trash
from techtime.store.database import open_database


def test_the_journal_s_migration_adds_the_journal_and_seeds_the_bank_after_backing_up(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path, today=TODAY, migrate=False)
    before = migrations.MIGRATIONS.index(migrations.decision_journal)
    migrations.ensure_schema(db, TODAY, migrations.MIGRATIONS[:before])
    db.conn.execute("INSERT INTO inbox_note (text, created_at) VALUES ('kept', '2026-11-01 09:00:00')")
    migrations.ensure_schema(db, TODAY)
    assert migrations.schema_version(db) == len(migrations.MIGRATIONS)
    assert len(list(tmp_path.glob(f"old.db.schema{before}-*.bak"))) == 1
    assert db.scalar("SELECT count(*) FROM question") == len(SEED)
    assert db.scalar("SELECT text FROM inbox_note") == "kept"
    groups = {row[0] for row in db.rows("SELECT DISTINCT grp FROM question")}
    assert groups == {"design-review", "build-vs-buy", "one-on-one", "incident-review"}
    db.close()


def test_a_decision_keeps_every_field(db):
    decision_id = decisions.add_decision(
        db, title="Buy a portal", decided_on=date(2026, 9, 1), now=NOW, status="decided", kind="build-vs-buy",
        confidence=80, prediction="Teams productive in 6 months", consulted=("priya", "sam"), tags=("platform",),
        blast_radius="medium", door="two-way",
    )  # fmt: skip
    found = decisions.get_decision(db, decision_id)
    assert found is not None
    assert (found.title, found.decided_on, found.status, found.kind) == (
        "Buy a portal",
        date(2026, 9, 1),
        "decided",
        "build-vs-buy",
    )
    assert (found.confidence, found.consulted, found.tags, found.door) == (
        80,
        ("priya", "sam"),
        ("platform",),
        "two-way",
    )
    assert decisions.find_decision(db, "buy a PORTAL", date(2026, 9, 1)) == found


def test_the_schema_refuses_what_the_rules_refuse(db):
    import sqlite3

    for bad in ({"confidence": 40}, {"confidence": 100}, {"status": "maybe"}, {"door": "revolving"}):
        with pytest.raises(sqlite3.IntegrityError):
            decisions.add_decision(db, title="x", decided_on=TODAY, now=NOW, **bad)


def test_options_are_replaced_in_order_with_one_chosen(db):
    decision_id = decisions.add_decision(db, title="Portal", decided_on=TODAY, now=NOW)
    decisions.set_options(
        db, decision_id, [OptionFields("Backstage", cost="2 engineers"), OptionFields("Port", chosen=True)]
    )
    decisions.set_options(
        db, decision_id, [OptionFields("Port", chosen=True, cost="$40k/yr"), OptionFields("Backstage")]
    )
    found = decisions.options(db, decision_id)
    assert [(o.title, o.chosen, o.cost) for o in found] == [("Port", True, "$40k/yr"), ("Backstage", False, "")]


def test_review_dates_come_due_can_be_snoozed_and_are_settled_by_a_review(db):
    decision_id = decisions.add_decision(db, title="Kafka", decided_on=date(2026, 6, 1), now=NOW, status="decided")
    first = decisions.add_review_date(db, decision_id, date(2026, 9, 1))
    decisions.add_review_date(db, decision_id, date(2027, 3, 1))
    assert [due.review.id for due in decisions.due_reviews(db, TODAY)] == [first]
    assert decisions.count_due(db, TODAY) == 1
    decisions.snooze(db, first, date(2026, 12, 1))
    snoozed = decisions.get_review(db, first)
    assert snoozed is not None and (snoozed.due_on, snoozed.snoozed_from) == (date(2026, 12, 1), date(2026, 9, 1))
    assert decisions.due_reviews(db, TODAY) == []
    decisions.complete_review(db, first, on=date(2026, 12, 2), happened="ok", held="partly", grade=4, lesson="")
    assert decisions.outcomes(db) == [(decision_id, "Kafka", None, "partly", 4)]
    assert decisions.next_review_dates(db) == {decision_id: date(2027, 3, 1)}


def test_outcomes_take_the_latest_review_and_skip_proposals_never_reviewed(db):
    reviewed = decisions.add_decision(
        db, title="A", decided_on=date(2026, 1, 1), now=NOW, status="decided", confidence=70
    )
    decisions.add_review(
        db, reviewed, due_on=date(2026, 4, 1), on=date(2026, 4, 1), happened="-", held="no", grade=3, lesson=""
    )
    decisions.add_review(
        db, reviewed, due_on=date(2026, 7, 1), on=date(2026, 7, 1), happened="-", held="yes", grade=4, lesson=""
    )
    decisions.add_decision(db, title="B", decided_on=TODAY, now=NOW, confidence=60)  # proposed, never reviewed
    open_one = decisions.add_decision(db, title="C", decided_on=TODAY, now=NOW, status="decided", confidence=90)
    assert decisions.outcomes(db) == [(reviewed, "A", 70, "yes", 4), (open_one, "C", 90, None, None)]
    assert decisions.outcomes(db, until=date(2026, 5, 1))[0].held == "no"  # fmt: skip


def test_amendments_are_kept_beside_the_original(db):
    decision_id = decisions.add_decision(db, title="A", decided_on=TODAY, now=NOW, prediction="6 weeks", confidence=70)
    decisions.add_amendment(db, decision_id, Amendment("prediction", "8 weeks", TODAY), now=NOW)
    assert decisions.amendments(db, decision_id) == [Amendment("prediction", "8 weeks", TODAY)]
    found = decisions.get_decision(db, decision_id)
    assert found is not None and found.prediction == "6 weeks"


def test_deleting_a_decision_takes_its_parts_and_undo_brings_them_back(db):
    item = radar.add_item(db, title="Port", url="https://port.io", now=NOW)
    old = decisions.add_decision(db, title="Old", decided_on=date(2026, 1, 1), now=NOW)
    decision_id = decisions.add_decision(db, title="Portal", decided_on=TODAY, now=NOW, supersedes_id=old)
    decisions.set_options(db, decision_id, [OptionFields("Port")])
    decisions.add_review_date(db, decision_id, date(2027, 2, 24))
    decisions.add_amendment(db, decision_id, Amendment("confidence", "75", TODAY), now=NOW)
    decisions.link_radar_item(db, decision_id, item)
    question = questions.questions(db, "build-vs-buy")[0]
    questions.save_answer(db, place="decision_id", place_id=decision_id, text=question.text, answer="yes",
                          question_id=question.id, asked_on=TODAY, now=NOW)  # fmt: skip
    counts = lambda: [  # noqa: E731
        db.scalar(f"SELECT count(*) FROM {t}")
        for t in ("decision_option", "decision_review", "decision_amendment", "decision_radar", "question_answer")
    ]
    assert counts() == [1, 1, 1, 1, 1]
    trash.delete(db, "decision", decision_id, now=NOW, label="Portal")
    assert counts() == [0, 0, 0, 0, 0]
    trash.undo(db, now=NOW)
    assert counts() == [1, 1, 1, 1, 1]
    # Deleting the decision it superseded unlinks it; undo links it again.
    trash.delete(db, "decision", old, now=NOW, label="Old")
    assert decisions.get_decision(db, decision_id).supersedes_id is None  # type: ignore[union-attr]
    trash.undo(db, now=NOW)
    assert decisions.get_decision(db, decision_id).supersedes_id == old  # type: ignore[union-attr]


def test_a_deleted_dive_or_radar_item_lets_go_of_its_decisions_and_undo_relinks(db):
    dive = dives.add_dive(db, quarter=Quarter(2026, 4), title="Ledger", now=NOW)
    item = radar.add_item(db, title="TigerBeetle", url="https://tigerbeetle.com", now=NOW)
    decision_id = decisions.add_decision(db, title="Ledger store", decided_on=TODAY, now=NOW, dive_id=dive)
    decisions.link_radar_item(db, decision_id, item)
    questions.save_answer(db, place="dive_id", place_id=dive, text="What happens when this 10xs?", answer="queue",
                          question_id=None, asked_on=TODAY, now=NOW)  # fmt: skip
    trash.delete(db, "deep_dive", dive, now=NOW, label="Ledger")
    assert decisions.get_decision(db, decision_id).dive_id is None  # type: ignore[union-attr]
    assert questions.answers(db, place="dive_id", place_id=dive) == []
    trash.undo(db, now=NOW)
    assert decisions.for_dive(db, dive)[0].id == decision_id
    assert questions.answers(db, place="dive_id", place_id=dive)[0].answer == "queue"
    trash.delete(db, "radar_item", item, now=NOW, label="TigerBeetle")
    assert decisions.radar_links(db, decision_id) == []
    trash.undo(db, now=NOW)
    assert decisions.radar_links(db, decision_id) == [item]


def test_the_bank_is_editable_and_an_answer_is_kept_once_per_place(db):
    added = questions.add_question(db, group="design-review", text="Who gets paged?", now=NOW)
    assert questions.questions(db, "design-review")[-1].text == "Who gets paged?"
    questions.update_question(db, added, text="Who gets paged at 3 am?", now=NOW)
    assert questions.get_question(db, added).text == "Who gets paged at 3 am?"  # type: ignore[union-attr]
    decision_id = decisions.add_decision(db, title="A", decided_on=TODAY, now=NOW)
    for reply in ("SRE", "SRE, then the team"):
        questions.save_answer(db, place="decision_id", place_id=decision_id, text="Who gets paged at 3 am?",
                              answer=reply, question_id=added, asked_on=TODAY, now=NOW)  # fmt: skip
    assert [a.answer for a in questions.answers(db, place="decision_id", place_id=decision_id)] == [
        "SRE, then the team"
    ]
    # A question that leaves the bank leaves its answers (and their text) where they were given.
    trash.delete(db, "question", added, now=NOW, label="Who gets paged at 3 am?")
    kept = questions.answers(db, place="decision_id", place_id=decision_id)[0]
    assert (kept.question_id, kept.text) == (None, "Who gets paged at 3 am?")
    trash.undo(db, now=NOW)
    assert questions.answers(db, place="decision_id", place_id=decision_id)[0].question_id == added
