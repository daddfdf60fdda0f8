"""Decision-journal use cases: the journal, capture, the form, reviews and snoozes, calibration, links.

Both faces call these: the Decisions screen, `techtime add dec`, `techtime today`, the quarterly report.
Cheap to import (capture and the check-in load it): named tuples, store modules imported where used.
"""

from __future__ import annotations

from datetime import date, datetime

from techtime.domain import decisions as rules
from techtime.domain.decisions import Amendment, Calibration, DecisionFields, ReviewFields
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import decisions
from techtime.store.database import Database, stamp
from techtime.store.decisions import Decision, DueReview, Option, Review

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from techtime.domain.capture import Capture
    from techtime.services.capture import Saved
    from techtime.services.checkin import Section
    from techtime.services.questions import Asked
    from techtime.services.search import Hit
    from techtime.store.questions import Answer


# Capture ----------------------------------------------------------------------------------------------


def save_capture(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    """`dec TITLE [conf:70] [review:DATE] [#tag ...]`: a proposed decision to fill in later, with its review date."""
    from techtime.services.capture import Saved  # here: `techtime today` loads this module, not capture

    confidence: int | None = item.option("conf")
    review: date | None = item.option("review")
    decision_id = decisions.add_decision(
        db, title=item.title, decided_on=today, now=now, confidence=confidence, tags=item.tags
    )
    due = review or rules.default_review_date(today)
    decisions.add_review_date(db, decision_id, due)
    sure = f", {confidence} % sure" if confidence is not None else ""
    return Saved("decision", decision_id, item.title, detail=f"proposed{sure}, review on {due.isoformat()}")


# The journal ------------------------------------------------------------------------------------------


class Entry(NamedTuple):
    """One line of the journal. `next_review`: the next open review date; `due`: it has come;
    `verdict`: the latest review's held (yes/partly/no) or None; `confidence` as it reads now."""

    decision: Decision
    next_review: date | None
    due: bool
    verdict: str | None
    reviews_done: int
    confidence: int | None


class Journal(NamedTuple):
    entries: tuple[Entry, ...]  # what is due first (oldest due first), then newest first
    due: int  # decisions with a review due

    @property
    def is_empty(self) -> bool:
        return not self.entries


def journal(db: Database, today: date) -> Journal:
    found = decisions.list_decisions(db)
    next_dates = decisions.next_review_dates(db)
    verdicts = {outcome.decision_id: outcome.held for outcome in decisions.outcomes(db)}
    done = _reviews_done(db)
    current = _current_confidences(db)
    entries = []
    for decision in found:
        upcoming = next_dates.get(decision.id)
        due = upcoming is not None and upcoming <= today and decision.status != "superseded"
        entries.append(
            Entry(
                decision,
                upcoming,
                due,
                verdicts.get(decision.id),
                done.get(decision.id, 0),
                current.get(decision.id, decision.confidence),
            )
        )
    due_first = sorted((e for e in entries if e.due), key=lambda e: (e.next_review or today, e.decision.id))
    rest = [e for e in entries if not e.due]
    return Journal(tuple(due_first + rest), len(due_first))


def _reviews_done(db: Database) -> dict[int, int]:
    rows = db.rows(
        "SELECT decision_id, count(*) FROM decision_review WHERE reviewed_on IS NOT NULL GROUP BY decision_id"
    )
    return {row[0]: row[1] for row in rows}


def _current_confidences(db: Database) -> dict[int, int | None]:
    rows = db.rows(
        "SELECT decision_id, value FROM decision_amendment WHERE field = 'confidence' ORDER BY amended_on, id"
    )
    return {row[0]: int(row[1]) if row[1] else None for row in rows}


class Record(NamedTuple):
    """A decision with everything the form and the detail show. `prediction` and `confidence` read as
    now (the latest amendment); the decision keeps them as first written."""

    decision: Decision
    options: tuple[Option, ...]
    reviews: tuple[Review, ...]
    amendments: tuple[Amendment, ...]
    prediction: str
    confidence: int | None
    dive: tuple[int, str] | None  # (id, title)
    radar_items: tuple[tuple[int, str], ...]  # (id, title)
    supersedes: tuple[int, str] | None
    superseded_by: tuple[tuple[int, str], ...]
    answers: tuple[Answer, ...]

    @property
    def frozen(self) -> bool:
        return rules.is_frozen(self.decision.status)

    @property
    def open_reviews(self) -> tuple[Review, ...]:
        return tuple(review for review in self.reviews if not review.done)

    @property
    def done_reviews(self) -> tuple[Review, ...]:
        return tuple(review for review in self.reviews if review.done)


def record(db: Database, decision_id: int) -> Record:
    from techtime.store import dives, questions, radar

    decision = _get(db, decision_id)
    amended = tuple(decisions.amendments(db, decision_id))
    dive = dives.get_dive(db, decision.dive_id) if decision.dive_id else None
    items = radar.items_by_id(db, decisions.radar_links(db, decision_id))
    supersedes = decisions.get_decision(db, decision.supersedes_id) if decision.supersedes_id else None
    prediction = rules.current_value(decision.prediction, amended, "prediction")
    confidence = rules.current_value(decision.confidence, amended, "confidence")
    return Record(
        decision=decision,
        options=tuple(decisions.options(db, decision_id)),
        reviews=tuple(decisions.reviews(db, decision_id)),
        amendments=amended,
        prediction=str(prediction),
        confidence=confidence if isinstance(confidence, int) else None,
        dive=(dive.id, dive.title) if dive else None,
        radar_items=tuple((item.id, item.title) for item in items.values()),
        supersedes=(supersedes.id, supersedes.title) if supersedes else None,
        superseded_by=tuple((d.id, d.title) for d in decisions.superseded_by(db, decision_id)),
        answers=tuple(questions.answers(db, place="decision_id", place_id=decision_id)),
    )


def _get(db: Database, decision_id: int) -> Decision:
    decision = decisions.get_decision(db, decision_id)
    if decision is None:
        raise InputError(f"decision {decision_id} no longer exists (deleted elsewhere?)")
    return decision


def roster(db: Database) -> list[str]:
    """The handles people consulted are completed from: the whole roster, active people first."""
    from techtime.store import people

    everyone = people.list_people(db)
    return [p.handle for p in everyone if p.active] + [p.handle for p in everyone if not p.active]


# Writing the record -----------------------------------------------------------------------------------


def _row_fields(fields: DecisionFields) -> dict[str, object]:
    return {
        "title": fields.title,
        "decided_on": fields.decided_on,
        "status": fields.status,
        "kind": fields.kind,
        "context": fields.context,
        "drivers": fields.drivers,
        "why": fields.why,
        "blast_radius": fields.blast_radius,
        "blast_text": fields.blast_text,
        "door": fields.door,
        "reverse_cost": fields.reverse_cost,
        "hiring": fields.hiring,
        "consulted": fields.consulted,
        "tags": fields.tags,
    }


def create_decision(
    db: Database,
    fields: DecisionFields,
    *,
    now: datetime,
    dive_id: int | None = None,
    radar_item_ids: Iterable[int] = (),
    supersedes_id: int | None = None,
) -> int:
    """A new decision with its options and review dates; linked to a dive or radar items when started there."""
    with db.transaction():
        if supersedes_id is not None:
            _get(db, supersedes_id)
        decision_id = decisions.add_decision(
            db,
            now=now,
            confidence=fields.confidence,
            prediction=fields.prediction,
            dive_id=dive_id,
            frozen_at=stamp(now) if rules.is_frozen(fields.status) else None,
            **_row_fields(fields),  # type: ignore[arg-type]
        )
        decisions.set_options(db, decision_id, fields.options)
        decisions.set_review_dates(db, decision_id, fields.review_dates)
        decisions.set_radar_links(db, decision_id, radar_item_ids)
        if supersedes_id is not None:
            supersede(db, supersedes_id, decision_id, now=now)
    return decision_id


def save_record(
    db: Database,
    fields: DecisionFields,
    *,
    decision_id: int | None = None,
    draft: Draft | None = None,
    answers: Iterable[tuple[Asked, str]] = (),
    today: date,
    now: datetime,
) -> int:
    """The decision form saved, in one transaction: a new decision (linked to the dive or radar item of
    its draft) or the edit of `decision_id`, with the answers to the questions it offered (an answer
    given before and now cleared is kept cleared)."""
    from techtime.services import questions

    with db.transaction():
        if decision_id is None:
            decision_id = create_decision(
                db,
                fields,
                now=now,
                dive_id=draft.dive_id if draft else None,
                radar_item_ids=draft.radar_item_ids if draft else (),
            )
        else:
            edit_decision(db, decision_id, fields, today=today, now=now)
        questions.answer_all(db, place="decision_id", place_id=decision_id, answers=answers, today=today, now=now)
    return decision_id


class Edited(NamedTuple):
    decision_id: int
    amendments: tuple[Amendment, ...]  # changes to a frozen prediction or confidence, kept beside the original


def edit_decision(db: Database, decision_id: int, fields: DecisionFields, *, today: date, now: datetime) -> Edited:
    """Save the form. Once the decision is decided, a changed prediction or confidence is an amendment
    dated today and the original stays; before, they are written in place."""
    with db.transaction():
        decision = _get(db, decision_id)
        amended = decisions.amendments(db, decision_id)
        current = {
            "prediction": rules.current_value(decision.prediction, amended, "prediction"),
            "confidence": rules.current_value(decision.confidence, amended, "confidence"),
        }
        direct, amendments = rules.frozen_changes(
            decision.status, current, {"prediction": fields.prediction, "confidence": fields.confidence}, today
        )
        row = {**_row_fields(fields), **direct}
        if rules.is_frozen(fields.status) and decision.frozen_at is None:
            row["frozen_at"] = stamp(now)
        decisions.update_decision(db, decision_id, now=now, **row)
        for amendment in amendments:
            decisions.add_amendment(db, decision_id, amendment, now=now)
        decisions.set_options(db, decision_id, fields.options)
        decisions.set_review_dates(db, decision_id, fields.review_dates)
    return Edited(decision_id, amendments)


def set_status(db: Database, decision_id: int, status: str, *, now: datetime) -> None:
    with db.transaction():
        decision = _get(db, decision_id)
        fields: dict[str, object] = {"status": rules.parse_status(status)}
        if rules.is_frozen(status) and decision.frozen_at is None:
            fields["frozen_at"] = stamp(now)
        decisions.update_decision(db, decision_id, now=now, **fields)


def supersede(db: Database, old_id: int, new_id: int, *, now: datetime) -> None:
    """`new_id` supersedes `old_id`: the old one is marked superseded and its open reviews are no longer owed."""
    if old_id == new_id:
        raise InputError("a decision cannot supersede itself")
    with db.transaction():
        old = _get(db, old_id)
        _get(db, new_id)
        decisions.update_decision(db, new_id, now=now, supersedes_id=old_id)
        fields: dict[str, object] = {"status": "superseded"}
        if old.frozen_at is None:
            fields["frozen_at"] = stamp(now)
        decisions.update_decision(db, old_id, now=now, **fields)


def link_dive(db: Database, decision_id: int, dive_id: int | None, *, now: datetime) -> None:
    with db.transaction():
        _get(db, decision_id)
        decisions.update_decision(db, decision_id, now=now, dive_id=dive_id)


def link_radar_item(db: Database, decision_id: int, item_id: int) -> None:
    with db.transaction():
        _get(db, decision_id)
        decisions.link_radar_item(db, decision_id, item_id)


def for_dive(db: Database, dive_id: int) -> list[Decision]:
    return decisions.for_dive(db, dive_id)


def for_radar_item(db: Database, item_id: int) -> list[Decision]:
    return decisions.for_radar_item(db, item_id)


class Draft(NamedTuple):
    """What a decision started from a deep dive or a radar item begins with."""

    title: str
    kind: str
    dive_id: int | None = None
    radar_item_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    link: str = ""  # where it started, as the form says it: "deep dive: Payments ledger migration"


def draft_from_dive(db: Database, dive_id: int) -> Draft:
    from techtime.store import dives

    dive = dives.get_dive(db, dive_id)
    if dive is None:
        raise InputError(f"deep dive {dive_id} no longer exists (deleted elsewhere?)")
    kind = "build-vs-buy" if "buy" in dive.title.lower().split() else "architecture"
    return Draft(dive.title, kind, dive_id=dive.id, tags=dive.tags, link=f"deep dive: {dive.title}")


def draft_from_radar_item(db: Database, item_id: int) -> Draft:
    from techtime.store import radar

    item = radar.get_item(db, item_id)
    if item is None:
        raise InputError(f"radar item {item_id} no longer exists (deleted elsewhere?)")
    link = f"radar item: {item.title}"
    return Draft(f"Adopt {item.title}?", "architecture", radar_item_ids=(item.id,), tags=item.tags, link=link)


def delete_decision(db: Database, decision_id: int, *, now: datetime) -> None:
    """Delete a decision with its options, reviews and answers; `u` brings it all back."""
    from techtime.store import trash

    decision = _get(db, decision_id)
    trash.delete(db, "decision", decision_id, now=now, label=decision.title)


# Reviews ----------------------------------------------------------------------------------------------


def due_reviews(db: Database, today: date) -> list[DueReview]:
    return decisions.due_reviews(db, today)


def count_due(db: Database, today: date) -> int:
    return decisions.count_due(db, today)


def review(db: Database, decision_id: int, fields: ReviewFields, *, now: datetime) -> int:
    """Record a review: it settles the earliest open review date (or stands alone when none is open)."""
    with db.transaction():
        decision = _get(db, decision_id)
        rules.check_review_date(fields.on, decision.decided_on)
        open_reviews = [r for r in decisions.reviews(db, decision_id) if not r.done]
        values = {
            "on": fields.on,
            "happened": fields.happened,
            "held": fields.held,
            "grade": fields.grade,
            "lesson": fields.lesson,
        }
        if open_reviews:
            first = min(open_reviews, key=lambda r: (r.due_on, r.id))
            decisions.complete_review(db, first.id, **values)  # type: ignore[arg-type]
            return first.id
        return decisions.add_review(db, decision_id, due_on=fields.on, **values)  # type: ignore[arg-type]


def snooze(db: Database, review_id: int, new_date: date, *, today: date) -> Review:
    """Move an open review to a later day."""
    with db.transaction():
        found = decisions.get_review(db, review_id)
        if found is None or found.done:
            raise InputError("that review is no longer open (reviewed or deleted elsewhere?)")
        decision = _get(db, found.decision_id)
        rules.check_snooze(new_date, today, decision.decided_on)
        decisions.snooze(db, review_id, new_date)
        moved = decisions.get_review(db, review_id)
    assert moved is not None
    return moved


def calibration(db: Database, *, until: date | None = None) -> Calibration:
    """Per confidence band, how many reviewed predictions held (partly = half), the Brier score, the open
    count and the two kinds of luck, scoring each prediction as first written."""
    return rules.calibrate(decisions.outcomes(db, until=until))


def today_line(db: Database, today: date) -> str:
    """`2 decisions to review`, or "" when none is due."""
    due = decisions.count_due(db, today)
    if not due:
        return ""
    return f"{due} decision to review" if due == 1 else f"{due} decisions to review"


def today_section(db: Database, today: date) -> Section:
    """Today's Decisions section: "2 decisions to review" and a line per decision whose review has come
    (enter opens it on the Decisions screen); nothing at all when none is due."""
    from techtime.domain.days import day_text
    from techtime.domain.text import shorten
    from techtime.services.checkin import Line, Part, Section, Suggestion

    has_data = decisions.count(db) > 0
    due: dict[int, DueReview] = {}
    for item in decisions.due_reviews(db, today):  # oldest first: a decision's first review is the one owed
        due.setdefault(item.review.decision_id, item)
    if not due:
        return Section("decisions", (), has_data=has_data)
    heading = today_line(db, today)
    lines = []
    for item in due.values():
        state = "overdue" if item.review.due_on < today else "due today"
        when = day_text(item.review.due_on, today)
        sure = f"{item.confidence} % sure" if item.confidence is not None else ""
        lines.append(
            Line(
                (
                    Part(f"  {'review':<10}", state),
                    Part(f"{when}  "),
                    Part(item.title, width=60),
                    Part(f"  {sure}" if sure else "", "dim"),
                ),
                id=f"decision:{item.review.decision_id}",
                state=state,
                plain=f"  - review   {when}  {shorten(item.title, 60)}" + (f"  ({sure})" if sure else ""),
            )
        )
    first = next(iter(due.values()))
    sure = f"you were {first.confidence} % sure" if first.confidence is not None else "no confidence was given"
    suggestion = Suggestion(
        f"Review the decision {first.title!r} (due {day_text(first.review.due_on, today)})",
        f"{sure}: did the prediction hold?",
        25,
    )
    return Section(
        "decisions",
        (Part(heading, "heading"),),
        tuple(lines),
        has_data=has_data,
        suggestions=(suggestion,),
        data=tuple(due.values()),
    )


# The quarter, for the quarterly report -----------------------------------------------------------------


class QuarterCalls(NamedTuple):
    """What the quarterly report says of the decision journal. `calls`: made in the quarter (decided or
    since superseded or reversed), oldest first; `weighed`: proposed in it and not decided yet;
    `reviews`: done in it, with their decision; `calibration`: as it stood at the quarter's end (or today)."""

    calls: tuple[Decision, ...]
    weighed: tuple[Decision, ...]
    reviews: tuple[tuple[Review, Decision], ...]
    calibration: Calibration
    due: int  # decisions whose review has come and is not done
    has_data: bool  # the journal holds anything at all


def quarter_calls(db: Database, first: date, last: date, today: date) -> QuarterCalls:
    """The calls made between two days, the reviews done, and calibration as of the last (or today)."""
    until = min(last, today)
    made = decisions.decisions_between(db, first, until)
    done = decisions.reviews_between(db, first, until)
    by_id = {d.id: d for d in decisions.list_decisions(db)} if done else {}
    return QuarterCalls(
        calls=tuple(d for d in made if d.status != "proposed"),
        weighed=tuple(d for d in made if d.status == "proposed"),
        reviews=tuple((review, by_id[review.decision_id]) for review, _ in done),
        calibration=calibration(db, until=until),
        due=decisions.count_due(db, until),
        has_data=bool(decisions.count(db)),
    )


# Search everything ------------------------------------------------------------------------------------


def search(db: Database, text: str, limit: int) -> list[Hit]:
    """Decisions whose title, context or prediction match, then those whose reviews' happened or lesson
    do (each opens the decision on its screen), newest first, at most `limit`."""
    from techtime.services.search import Hit, snippet_parts
    from techtime.store import search as index

    found = index.search(db, "decision", text, columns=("title", "status", "decided_on"), limit=limit)
    hits = [
        Hit(
            "decisions",
            f"decision, {row.values['status']}",
            row.id,
            row.values["title"],
            snippet_parts(row.snippet),
            row.values["decided_on"],
        )
        for row in found
    ]
    reviews = index.search(db, "decision_review", text, columns=("decision_id", "reviewed_on"), limit=limit)
    titles = decisions.titles(db, {row.values["decision_id"] for row in reviews})
    hits += [
        Hit(
            "decisions",
            "decision review",
            row.values["decision_id"],
            titles.get(row.values["decision_id"], ""),
            snippet_parts(row.snippet),
            row.values["reviewed_on"] or "",
        )
        for row in reviews
    ]
    return hits[:limit]
