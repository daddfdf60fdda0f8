"""Decision use cases: capture, the journal, the frozen prediction, reviews, snoozes, calibration, links."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from conftest import NOW, TODAY

from techtime.domain.decisions import DecisionFields, OptionFields, ReviewFields
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.services import decisions as service
from techtime.services import questions as bank
from techtime.services.capture import capture
from techtime.store import dives, people, radar


def decided(title="Buy a portal", on=date(2026, 6, 1), confidence=80, review=(date(2026, 9, 1),), **extra):
    return DecisionFields(title, on, status="decided", confidence=confidence, prediction="Live in 6 weeks",
                          review_dates=review, **extra)  # fmt: skip


def test_a_capture_is_a_proposed_decision_with_its_review_date(db):
    saved = capture(db, "dec Buy a managed portal conf:70 review:Mar 3 #platform", today=TODAY, now=NOW)
    assert saved.summary() == f"decision {saved.id}: Buy a managed portal (proposed, 70 % sure, review on 2027-03-03)"
    found = service.record(db, saved.id)
    assert (found.decision.status, found.decision.confidence, found.decision.tags) == ("proposed", 70, ("platform",))
    assert [r.due_on for r in found.open_reviews] == [date(2027, 3, 3)]
    default = capture(db, "decision Kafka for the ledger", today=TODAY, now=NOW)
    assert service.record(db, default.id).open_reviews[0].due_on == TODAY + timedelta(days=90)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("dec Portal conf:45", "conf: '45' is not accepted: use a whole percentage from 50 to 99"),
        ("dec Portal review:2026-01-01", "review: 2026-01-01 is before the decision's date (2026-11-26)"),
        ("dec conf:70", "a decision needs a title"),
    ],
)
def test_a_bad_capture_saves_nothing(db, line, message):
    with pytest.raises(InputError) as caught:
        capture(db, line, today=TODAY, now=NOW)
    assert str(caught.value).startswith(message)
    assert service.journal(db, TODAY).is_empty


def test_capturing_a_decision_imports_only_what_it_uses(db, db_path):
    modules = ("dataclasses", "typing", "pathlib", "sqlite_utils", "dateutil", "textual", "rich")
    script = (
        "from techtime.cli import main\n"
        f"main(['--db', {str(db_path)!r}, 'add', 'dec', 'Portal', 'conf:70', 'review:in', '2w'])\n"
        f"import sys\nprint([m for m in {modules!r} if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_journal_puts_due_reviews_on_top_then_newest_first(db):
    old = service.create_decision(db, decided("Old call", date(2026, 1, 5), review=(date(2026, 4, 1),)), now=NOW)
    new = service.create_decision(db, decided("New call", date(2026, 11, 1), review=(date(2027, 2, 1),)), now=NOW)
    middle = service.create_decision(db, decided("Middle call", date(2026, 7, 1), review=(date(2026, 10, 1),)), now=NOW)
    journal = service.journal(db, TODAY)
    assert [e.decision.id for e in journal.entries] == [old, middle, new]
    assert journal.due == 2 and service.today_line(db, TODAY) == "2 decisions to review"
    assert [(e.due, e.next_review) for e in journal.entries][-1] == (False, date(2027, 2, 1))


def test_once_decided_the_prediction_and_confidence_stay_as_written_and_edits_are_dated_amendments(db):
    proposed = DecisionFields(
        "Portal", date(2026, 6, 1), confidence=60, prediction="Maybe", review_dates=(date(2026, 9, 1),)
    )
    decision_id = service.create_decision(db, proposed, now=NOW)
    service.edit_decision(db, decision_id, proposed._replace(confidence=70, prediction="Live in 6 weeks"),
                          today=date(2026, 6, 2), now=NOW)  # fmt: skip
    assert service.record(db, decision_id).amendments == ()  # still proposed: written in place
    decided_now = proposed._replace(status="decided", confidence=70, prediction="Live in 6 weeks")
    service.edit_decision(db, decision_id, decided_now, today=date(2026, 6, 3), now=NOW)
    edited = service.edit_decision(
        db, decision_id, proposed._replace(status="decided", confidence=90, prediction="Live in 4 weeks"),
        today=date(2026, 7, 1), now=NOW,
    )  # fmt: skip
    assert [(a.field, a.value, a.on) for a in edited.amendments] == [
        ("prediction", "Live in 4 weeks", date(2026, 7, 1)),
        ("confidence", "90", date(2026, 7, 1)),
    ]
    found = service.record(db, decision_id)
    assert (found.decision.confidence, found.decision.prediction) == (70, "Live in 6 weeks")  # as first written
    assert (found.confidence, found.prediction) == (90, "Live in 4 weeks")  # as it reads now
    assert found.decision.frozen_at is not None
    # Calibration scores the original.
    service.review(db, decision_id, ReviewFields(TODAY, "Took 7 weeks", "no", 4), now=NOW)
    assert service.calibration(db).stated == 70


def test_a_review_settles_the_due_date_and_calibration_updates(db):
    decision_id = service.create_decision(db, decided(review=(date(2026, 9, 1), date(2027, 3, 1))), now=NOW)
    assert service.calibration(db).open == 1
    service.review(db, decision_id, ReviewFields(TODAY, "Live in 7 weeks", "partly", 4, "Plan for SSO"), now=NOW)
    found = service.record(db, decision_id)
    assert [(r.due_on, r.held) for r in found.done_reviews] == [(date(2026, 9, 1), "partly")]
    assert [r.due_on for r in found.open_reviews] == [date(2027, 3, 1)]
    result = service.calibration(db)
    band = {b.label: b for b in result.bands}["80-89 %"]
    assert (band.calls, band.held, result.open) == (1, 0.5, 0)
    assert result.brier == pytest.approx(0.09)
    assert service.count_due(db, TODAY) == 0


def test_a_review_before_the_decision_is_refused(db):
    decision_id = service.create_decision(db, decided(), now=NOW)
    with pytest.raises(InputError, match=r"^review date: 2026-05-01 is before the decision's date"):
        service.review(db, decision_id, ReviewFields(date(2026, 5, 1), "x", "yes", 3), now=NOW)
    assert service.record(db, decision_id).done_reviews == ()


def test_a_due_review_can_be_snoozed_to_a_later_day(db):
    decision_id = service.create_decision(db, decided(), now=NOW)
    due = service.due_reviews(db, TODAY)[0]
    moved = service.snooze(db, due.review.id, TODAY + timedelta(days=14), today=TODAY)
    assert (moved.due_on, moved.snoozed_from) == (date(2026, 12, 10), date(2026, 9, 1))
    assert service.due_reviews(db, TODAY) == []
    with pytest.raises(InputError, match=r"^snooze: 2026-11-26 is not ahead"):
        service.snooze(db, due.review.id, TODAY, today=TODAY)
    assert service.journal(db, TODAY).entries[0].decision.id == decision_id


def test_superseding_marks_the_old_call_and_links_both_ways(db):
    old = service.create_decision(db, decided("Self-host Backstage"), now=NOW)
    new = service.create_decision(db, decided("Buy Port", date(2026, 10, 1)), now=NOW, supersedes_id=old)
    assert service.record(db, new).supersedes == (old, "Self-host Backstage")
    was = service.record(db, old)
    assert was.decision.status == "superseded" and was.superseded_by == ((new, "Buy Port"),)
    assert [d.review.decision_id for d in service.due_reviews(db, TODAY)] == [new] or service.due_reviews(
        db, TODAY
    ) == []


def test_a_decision_started_from_a_dive_or_a_radar_item_is_linked_to_it(db):
    dive = dives.add_dive(db, quarter=Quarter(2026, 4), title="Internal developer portal: build or buy", now=NOW)
    item = radar.add_item(db, title="Backstage", url="https://backstage.io", tags=("platform",), now=NOW)
    draft = service.draft_from_dive(db, dive)
    assert (draft.kind, draft.dive_id) == ("build-vs-buy", dive)
    from_dive = service.create_decision(db, decided(draft.title), now=NOW, dive_id=draft.dive_id)
    assert [d.id for d in service.for_dive(db, dive)] == [from_dive]
    draft = service.draft_from_radar_item(db, item)
    from_item = service.create_decision(db, decided(draft.title), now=NOW, radar_item_ids=draft.radar_item_ids)
    assert service.record(db, from_item).radar_items == ((item, "Backstage"),)
    assert [d.id for d in service.for_radar_item(db, item)] == [from_item]


def test_options_side_by_side_for_build_vs_buy(db):
    fields = decided(kind="build-vs-buy", options=(
        OptionFields("Backstage", cost="2 engineers", time_to_value="12-18 months", maintenance="high",
                     team_fit="weak"),
        OptionFields("Port", cost="$40k/yr", time_to_value="6 weeks", maintenance="low", team_fit="good", chosen=True),
    ))  # fmt: skip
    decision_id = service.create_decision(db, fields, now=NOW)
    found = service.record(db, decision_id)
    assert [(o.title, o.time_to_value, o.chosen) for o in found.options] == [
        ("Backstage", "12-18 months", False), ("Port", "6 weeks", True)
    ]  # fmt: skip


def test_deleting_is_undone_with_everything(db):
    from techtime.store import trash

    decision_id = service.create_decision(db, decided(options=(OptionFields("Port"),)), now=NOW)
    service.delete_decision(db, decision_id, now=NOW)
    assert service.journal(db, TODAY).is_empty
    trash.undo(db, now=NOW)
    assert [o.title for o in service.record(db, decision_id).options] == ["Port"]


def test_the_form_offers_the_build_vs_buy_and_design_review_questions_and_keeps_answers(db):
    decision_id = service.create_decision(db, decided(), now=NOW)
    offered = bank.offered(db, place="decision_id", place_id=decision_id, groups=bank.FOR_DECISION)
    assert offered[0].group == "build-vs-buy" and offered[0].text == "Can our team maintain this long-term?"
    assert {q.group for q in offered} == {"build-vs-buy", "design-review"}
    bank.answer(db, place="decision_id", place_id=decision_id, text=offered[0].text, reply="Not without 2 hires",
                question_id=offered[0].question_id, today=TODAY, now=NOW)  # fmt: skip
    again = bank.offered(db, place="decision_id", place_id=decision_id, groups=bank.FOR_DECISION)
    assert again[0].answer == "Not without 2 hires"
    assert service.record(db, decision_id).answers[0].answer == "Not without 2 hires"


def test_the_bank_is_editable_and_refuses_an_unknown_group(db):
    added = bank.add_question(db, "design review", "Who is paged at 3 am?", now=NOW)
    assert bank.bank(db, "design-review")[-1].id == added
    bank.edit_question(db, added, text="Who gets paged at 3 am?", now=NOW)
    assert bank.bank(db, "design-review")[-1].text == "Who gets paged at 3 am?"
    with pytest.raises(InputError, match=r"^group: unknown group 'sales'"):
        bank.add_question(db, "sales", "What is the price?", now=NOW)
    bank.delete_question(db, added, now=NOW)
    assert all(q.id != added for q in bank.bank(db))


def test_people_consulted_come_from_the_roster_active_first(db):
    people.add_person(db, handle="ravi", name="Ravi", now=NOW)
    people.add_person(db, handle="priya", name="Priya", now=NOW)
    people.update_person(db, people.find_by_handle(db, "ravi").id, active=False)  # type: ignore[union-attr]
    assert service.roster(db) == ["priya", "ravi"]
