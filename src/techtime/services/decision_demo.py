# ruff: noqa: E501  (sample data reads best one record a line)
"""The decision journal's sample data: a dozen calls over a year, about half reviewed, a believable
calibration (a little overconfident), one superseded, one amended, two reviews due today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from techtime.domain.decisions import Amendment, OptionFields
from techtime.domain.quarters import Quarter
from techtime.services.demo import Demo
from techtime.store import decisions, questions, radar
from techtime.store import dives as dive_store

# days ago, title, kind, status, confidence, blast (size, text), door (kind, cost to reverse), consulted,
# context, prediction, tags
CALLS = (
    (351, "Go multi-cloud for disaster recovery", "architecture", "decided", 75, ("large", "every customer-facing service"),
     ("one-way", "a year of platform work"), ("lena", "sam"),
     "A region outage took us down for 9 hours last year; the board asked what we do about it.",
     "We survive the loss of a whole provider region with under 1 hour of downtime by Q3.", ("reliability", "cloud")),
    (315, "Lift-and-shift the billing service before refactoring", "architecture", "decided", 70, ("medium", "billing runs"),
     ("two-way", "a month to move back"), ("diego", "priya"),
     "The data centre lease ends in June; refactoring first would not finish in time.",
     "Billing moves with no customer-visible incident and the refactor starts by May.", ("cloud", "payments")),
    (294, "Event-driven integration between orders and fulfilment", "architecture", "decided", 80, ("large", "order flow end to end"),
     ("one-way", "two quarters of rework"), ("lena", "aisha", "priya"),
     "The team was split between events and request-response; I made the call.",
     "Fulfilment outages no longer block checkout, and we add two consumers without touching orders.", ("architecture",)),
    (269, "Keep Postgres for the ledger instead of a new database", "architecture", "decided", 85, ("medium", "the ledger's write path"),
     ("two-way", "a migration we would plan anyway"), ("priya", "diego"),
     "A specialised ledger database was pitched; our volume is far from Postgres' limits.",
     "Postgres handles 3x today's write volume with p99 under 50 ms.", ("payments", "data")),
    (220, "Adopt OpenTelemetry as our tracing standard", "architecture", "decided", 90, ("small", "tracing only"),
     ("two-way", "a few days per service"), ("sam",),
     "Three tracing libraries in use; nobody can follow a request across teams.",
     "Every tier-1 service emits OpenTelemetry traces within two quarters.", ("observability",)),
    (198, "Rewrite the search indexer in Rust", "architecture", "decided", 60, ("medium", "search freshness"),
     ("one-way", "the old indexer is gone"), ("tomas",),
     "The indexer falls behind at peak; a rewrite was pushed hard by one engineer.",
     "Indexing lag stays under a minute at peak.", ("languages",)),
    (178, "Self-host Backstage as the developer portal", "build-vs-buy", "superseded", 65, ("small", "internal tooling"),
     ("two-way", "the catalogue data is portable"), ("sam", "tomas"),
     "Teams cannot find who owns what; onboarding takes weeks.",
     "The catalogue covers every service within 6 months, run by one engineer part-time.", ("platform",)),
    (141, "Ship real-time sync with 30-second polling first", "architecture", "decided", 80, ("small", "one feature"),
     ("two-way", "a sprint to add push later"), ("mei", "diego"),
     "Product asked for real-time sync; is 30-second latency acceptable?",
     "Users are happy with 30-second polling and we launch 6 weeks earlier.", ("product",)),
    (100, "Buy a managed developer portal", "build-vs-buy", "decided", 75, ("medium", "every team's onboarding and catalogue"),
     ("two-way", "export the catalogue, lose the plugins"), ("sam", "lena", "tomas"),
     "Self-hosted Backstage needs two engineers full time; we have none to spare.",
     "Teams are productive on the managed portal within 3 months, and nobody maintains it full time.", ("platform",)),
    (84, "Partition the outbox for the ledger migration", "architecture", "decided", 70, ("large", "all payment confirmations"),
     ("two-way", "a relay config change"), ("priya",),
     "The deep dive found the single outbox relay tops out near 400 events/s.",
     "The relay keeps lag under 60 s at 5x today's volume.", ("payments", "architecture")),
    (43, "Multi-region active-passive for the API gateway", "architecture", "decided", 80, ("large", "all API traffic"),
     ("one-way", "DNS and state changes in every region"), ("lena", "sam"),
     "Failover is manual and untested since the DNS change.",
     "A regional failover completes in under 10 minutes in the next game day.", ("reliability",)),
    (7, "Kafka KRaft migration before the 4.0 upgrade", "architecture", "proposed", 70, ("medium", "every event consumer"),
     ("one-way", "ZooKeeper is gone after the upgrade"), ("jonas", "aisha"), "", "", ("kafka",)),
)  # fmt: skip

# index into CALLS -> (days after the call it was reviewed, what happened, held, grade, lesson)
REVIEWS = {
    0: (92, "Failover to the second provider worked in the drill, but took 3 hours, not 1.", "partly", 4,
        "Rehearse the data layer first: compute failed over fast, databases did not."),
    1: (95, "Billing moved over a weekend; the refactor started in April.", "yes", 3,
        "Too little written down beforehand: it worked, but I could not say why I was sure."),
    2: (120, "Checkout no longer waits on fulfilment, but the second consumer took a quarter to add.", "partly", 4,
        "Events decouple availability, not schemas: budget for contract work."),
    3: (90, "Write volume tripled in the load test with p99 at 31 ms.", "yes", 5,
        "Measuring before choosing a database saved us a migration."),
    5: (90, "Lag stayed under a minute, though the rewrite was rushed and untested at first.", "yes", 2,
        "A good outcome from a bad process: next time, a design review before a rewrite."),
    6: (75, "The catalogue stalled at 40 % of services; plugins needed constant upgrades.", "no", 4,
        "We sized the maintenance from the docs, not from teams who run it."),
    7: (60, "Nobody asked for push; we launched 6 weeks earlier.", "yes", 5,
        "Asking what the user needs beat guessing the architecture."),
}  # fmt: skip

PORTAL_OPTIONS = (
    OptionFields("Self-hosted Backstage", pros="Open source, huge plugin ecosystem", cons="Needs two engineers full time",
                 cost="2 engineers (~$400k/yr)", time_to_value="12-18 months", maintenance="high", team_fit="weak: no React on the platform team"),
    OptionFields("Managed portal (Port)", pros="Live in weeks\nNo upgrades to run", cons="Vendor lock-in on the data model",
                 cost="$40k/yr", time_to_value="6 weeks", maintenance="low", team_fit="good", chosen=True),
    OptionFields("Custom build", pros="Exactly what we want", cons="Unknown timeline",
                 cost="unknown", time_to_value="unknown", maintenance="high", team_fit="fair"),
)  # fmt: skip


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def decisions_demo(demo: Demo) -> None:
    db, today = demo.db, demo.today
    made: list[int] = []
    for index, call in enumerate(CALLS):
        days_ago, title, kind, status, confidence, (size, blast), (door, cost), consulted = call[:8]
        context, prediction, tags = call[8:]
        day = today - timedelta(days=days_ago)
        decision_id = decisions.add_decision(
            db, title=title, decided_on=day, now=_at(day), status=status, kind=kind, confidence=confidence,
            blast_radius=size, blast_text=blast, door=door, reverse_cost=cost, consulted=consulted,
            context=context, prediction=prediction, tags=tags,
            frozen_at=_at(day).isoformat(sep=" ") if status != "proposed" else None,
            hiring="Neutral for hiring." if kind != "build-vs-buy" else "Frees two platform engineers for product work.",
        )  # fmt: skip
        made.append(decision_id)
        if index in REVIEWS:
            after, happened, held, grade, lesson = REVIEWS[index]
            due = day + timedelta(days=90)
            decisions.add_review(db, decision_id, due_on=due, on=day + timedelta(days=after), happened=happened,
                                 held=held, grade=grade, lesson=lesson)  # fmt: skip
        else:
            decisions.add_review_date(db, decision_id, day + timedelta(days=90))
    portal, outbox, gateway, otel = made[8], made[9], made[10], made[4]
    # Backstage, self-hosted, was superseded by buying; the portal call is the dive's conclusion.
    decisions.update_decision(db, portal, supersedes_id=made[6], now=_at(today - timedelta(days=100)))
    decisions.set_options(db, portal, PORTAL_OPTIONS)
    decisions.update_decision(db, portal, why="Time to value and no maintenance burden; the plugins we need exist.",
                              now=_at(today - timedelta(days=100)))  # fmt: skip
    last_quarter = Quarter.containing(today).previous()
    for dive in dive_store.dives_in_quarter(db, last_quarter):
        if "build or buy" in dive.title:
            decisions.update_decision(db, portal, dive_id=dive.id, now=_at(today - timedelta(days=100)))
    backstage = radar.find_by_url(db, "https://backstage.io/")
    if backstage:
        decisions.link_radar_item(db, portal, backstage.id)
    otel_item = radar.find_by_url(db, "https://opentelemetry.io/docs/specs/semconv/")
    if otel_item:
        decisions.link_radar_item(db, otel, otel_item.id)
    ledger = demo.ids.get("Payments ledger migration to event sourcing")
    if ledger:
        decisions.update_decision(db, outbox, dive_id=ledger, now=_at(today - timedelta(days=84)))
    # The portal's review is due (a week late) and so is the gateway's; the outbox review comes next week.
    with db.transaction() as conn:
        conn.execute("UPDATE decision_review SET due_on = ? WHERE decision_id = ? AND reviewed_on IS NULL",
                     ((today - timedelta(days=10)).isoformat(), portal))  # fmt: skip
        conn.execute("UPDATE decision_review SET due_on = ? WHERE decision_id = ? AND reviewed_on IS NULL",
                     ((today - timedelta(days=6)).isoformat(), gateway))  # fmt: skip
        conn.execute("UPDATE decision_review SET due_on = ? WHERE decision_id = ? AND reviewed_on IS NULL",
                     ((today + timedelta(days=6)).isoformat(), outbox))  # fmt: skip
    # OpenTelemetry's review was snoozed: the rollout is mid-way.
    otel_review = decisions.reviews(db, otel)[0]
    decisions.snooze(db, otel_review.id, today + timedelta(days=19))
    # The outbox call was amended after load tests: the original prediction stays beside it.
    decisions.add_amendment(
        db, outbox, Amendment("prediction", "The relay keeps lag under 60 s at 3x today's volume; 5x needs a second partition key.",
                              today - timedelta(days=30)), now=_at(today - timedelta(days=30)),
    )  # fmt: skip
    _answers(demo, portal, ledger)


def _answers(demo: Demo, portal: int, ledger: int | None) -> None:
    db, today = demo.db, demo.today
    by_text = {q.text: q.id for q in questions.questions(db)}
    asked: tuple[tuple[str, int, str, str], ...] = (
        ("decision_id", portal, "Can our team maintain this long-term?", "Not Backstage: nobody on the team knows React well."),
        ("decision_id", portal, "What is the true TCO against buying?", "Self-hosting: ~$400k a year in people; the managed portal $40k."),
        ("decision_id", portal, "What is the blast radius if this fails?", "Onboarding and the service catalogue; nothing customer-facing."),
    )  # fmt: skip
    if ledger:
        asked += (
            (
                "dive_id",
                ledger,
                "What happens when this 10xs?",
                "The single outbox relay becomes the bottleneck near 5x.",
            ),
        )
    for place, place_id, text, answer in asked:
        day = today - timedelta(days=100 if place == "decision_id" else 20)
        questions.save_answer(db, place=place, place_id=place_id, text=text, answer=answer,
                              question_id=by_text.get(text), asked_on=day, now=_at(day))  # fmt: skip
