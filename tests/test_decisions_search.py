"""Search everything finds decisions: by the words of the title, the context, the prediction, and what a
review said happened and taught; each hit opens its decision on the Decisions screen."""

from __future__ import annotations

from datetime import date

from conftest import NOW, TODAY

from techtime.domain.decisions import DecisionFields, ReviewFields
from techtime.services import decisions as service
from techtime.services.search import search
from techtime.store import decisions, trash
from techtime.store.database import open_database
from techtime.store.migrations import MIGRATIONS, ensure_schema


def _call(db) -> int:
    fields = DecisionFields(
        title="Adopt the zebrafish broker",
        decided_on=date(2026, 8, 3),
        status="decided",
        context="The quokka queue drops messages under load",
        prediction="Consumer lag stays under a wombat second",
        confidence=70,
        review_dates=(date(2026, 11, 2),),
    )
    return service.create_decision(db, fields, now=NOW)


def test_a_decision_is_found_by_its_title_context_prediction_and_its_review_s_words(db):
    decision_id = _call(db)
    for words in ("zebrafish", "quokka queue", "wombat", "zebra"):  # the last word as typed so far
        hits = [hit for hit in search(db, words) if hit.area == "decisions"]
        assert [(hit.kind, hit.id, hit.title, hit.when) for hit in hits] == [
            ("decision, decided", decision_id, "Adopt the zebrafish broker", "2026-08-03")
        ], words
    review = ReviewFields(date(2026, 11, 10), "The platypus upgrade slipped", "no", 4, "Budget for the narwhal")
    service.review(db, decision_id, review, now=NOW)
    for words in ("platypus", "narwhal"):
        hits = [hit for hit in search(db, words) if hit.area == "decisions"]
        assert [(hit.kind, hit.id, hit.title, hit.when) for hit in hits] == [
            ("decision review", decision_id, "Adopt the zebrafish broker", "2026-11-10")
        ], words
        assert any(matched for _, matched in hits[0].snippet)


def test_the_index_follows_edits_deletes_and_undo(db):
    decision_id = _call(db)
    decisions.update_decision(db, decision_id, title="Adopt the capybara broker", now=NOW)
    assert search(db, "zebrafish") == []
    assert [hit.id for hit in search(db, "capybara")] == [decision_id]
    trash.delete(db, "decision", decision_id, now=NOW, label="capybara")
    assert search(db, "capybara") == [] and search(db, "quokka") == []
    trash.undo(db, now=NOW)
    assert [hit.id for hit in search(db, "capybara")] == [decision_id]


def test_the_migration_indexes_the_decisions_already_there(db_path):
    old = open_database(db_path, today=TODAY, migrate=False)
    before = [migration.__name__ for migration in MIGRATIONS].index("decision_search")
    ensure_schema(old, today=TODAY, migrations=MIGRATIONS[:before])
    decision_id = _call(old)
    old.close()
    upgraded = open_database(db_path, today=TODAY)
    assert [hit.id for hit in search(upgraded, "quokka")] == [decision_id]
    upgraded.close()


def test_the_demo_s_decisions_are_found(demo_db):
    assert {hit.title for hit in search(demo_db, "portal") if hit.area == "decisions"} >= {
        "Buy a managed developer portal"
    }
