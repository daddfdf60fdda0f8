"""Realistic sample data for `techtime --demo`, the screenshots and the tests.

Everything is placed relative to `today`, and the same `today` always gives
the same database, so screenshots and snapshot tests are stable.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from techtime import areas
from techtime.domain.cadence import DONE, SKIPPED, occurrence_on
from techtime.domain.quarters import Quarter
from techtime.services.practices import log_practice
from techtime.store import dives as dive_store
from techtime.store import notes as note_store
from techtime.store import pairing as pairing_store
from techtime.store import people, trash
from techtime.store import practices as practice_store
from techtime.store import radar as radar_store
from techtime.store.database import Database

# name, handle, team, role, days since they joined (None: long-standing)
ROSTER = (
    ("Priya Raman", "priya", "Payments", "Staff Engineer", 1900),
    ("Diego Alvarez", "diego", "Payments", "Senior Engineer", 800),
    ("Mei Tanaka", "mei", "Payments", "Engineer", 40),
    ("Sam Okafor", "sam", "Platform", "Staff SRE", 1500),
    ("Lena Fischer", "lena", "Platform", "Principal Architect", 2400),
    ("Tomás Ruiz", "tomas", "Platform", "Senior Engineer", 650),
    ("Aisha Khan", "aisha", "Data", "Tech Lead", 1100),
    ("Jonas Berg", "jonas", "Data", "Data Engineer", 500),
    ("Ravi Patel", "ravi", "Data", "Senior Engineer", 1300),  # left the company
)

# handle, topic, what I learned; one a month, oldest first
SESSIONS = (
    ("priya", "Idempotency keys in the payments API", "Keys live 24 h; retries after that create duplicates."),
    ("sam", "Walk me through last month's queue incident", "Consumer lag alerts fire 20 min after the damage."),
    ("aisha", "dbt model lineage for the finance marts", "Three marts read the same raw table with different filters."),
    ("lena", "Service mesh mTLS rollout plan", "Rollback is per namespace, so a bad cert only hits one team."),
    ("ravi", "Backfill strategy for the events table", "Backfills run on the primary; they should use a replica."),
    ("diego", "Ledger double-entry model", "Every reversal is a new entry; nothing is updated in place."),
    (None, "", ""),  # a skipped month (summer holidays)
    ("jonas", "Kafka to warehouse streaming job", "Exactly-once stops at the sink; the MERGE makes it idempotent."),
    ("tomas", "Terraform module layout for multi-region", "State is split per region, so a plan never spans two."),
    ("priya", "Outbox relay and its throughput limits", "The relay is single-threaded: about 400 events/s at most."),
    ("sam", "SLOs and error budgets for the gateway", "The budget is spent mostly by deploys, not by traffic."),
)

DIVES_THIS_QUARTER = (
    # title, owner, status, doc, hours planned, hours spent, checks done, tags, findings
    (
        "Payments ledger migration to event sourcing", "Payments - Priya Raman", "active",
        "https://docs.example.com/design/ledger-event-sourcing", 8, 5, 2, ("payments", "architecture"),
        "The outbox relay is single-threaded: at 5x today's volume the queue becomes the bottleneck.\n"
        "Reversals are modelled as new events, which keeps the audit trail intact.",
    ),
    (
        "Multi-region failover for the API gateway", "Platform - Lena Fischer", "planned",
        "https://docs.example.com/design/gateway-failover", 6, 0, 0, ("reliability",), "",
    ),
    (
        "Streaming pipeline from Kafka to the warehouse", "Data - Aisha Khan", "done",
        "https://docs.example.com/design/streaming-warehouse", 8, 9, 4, ("data", "kafka"),
        "Exactly-once holds only up to the sink; the MERGE step makes replays safe.\n"
        "At 10x the partition count has to triple; the plan covers 3x.",
    ),
)  # fmt: skip

DIVES_LAST_QUARTER = (
    ("Internal developer portal: build or buy", "Platform - Sam Okafor", "done", 4,
     "Backstage needs two engineers full time to maintain; a managed portal costs less over 3 years."),
    ("Feature flag service consolidation", "Platform - Tomás Ruiz", "dropped", 0, ""),
    ("Data retention and GDPR partitioning", "Data - Jonas Berg", "active", 1,
     "Partitioning by customer region is feasible; deletion jobs need a rewrite."),
)  # fmt: skip

FAILURE_MODES = (
    ("Outbox relay falls behind", "All payment confirmations delayed", "Relay lag metric, alert at 60 s",
     "Partition the outbox; run a relay per partition"),
    ("Event schema change breaks a consumer", "Ledger projections stop updating", "Consumer error rate",
     "Schema registry with compatibility checks in CI"),
)  # fmt: skip

# title, url, tags, status, ring, quadrant
RADAR = (
    ("Temporal for durable workflows", "https://temporal.io/", ("workflows",), "read", "trial", "platforms"),
    ("OpenTelemetry semantic conventions", "https://opentelemetry.io/docs/specs/semconv/", ("observability",), "read", "adopt", "tools"),
    ("Backstage software catalog", "https://backstage.io/", ("platform",), "read", "hold", "platforms"),
    ("DuckDB for local analytics", "https://duckdb.org/", ("data",), "read", "trial", "tools"),
    ("Apache Iceberg table format", "https://iceberg.apache.org/", ("data", "lakehouse"), "read", "assess", "platforms"),
    ("Cell-based architecture", "https://docs.aws.amazon.com/wellarchitected/latest/reducing-scope-of-impact-with-cell-based-architecture/", ("architecture", "reliability"), "read", "assess", "techniques"),
    ("Architecture decision records", "https://adr.github.io/", ("architecture",), "read", "adopt", "techniques"),
    ("SLOs and error budgets", "https://sre.google/workbook/implementing-slos/", ("reliability",), "read", "adopt", "techniques"),
    ("Rust in production services", "https://www.rust-lang.org/", ("languages",), "read", "assess", "languages-frameworks"),
    ("Kotlin coroutines", "https://kotlinlang.org/docs/coroutines-overview.html", ("languages",), "read", "trial", "languages-frameworks"),
    ("htmx for internal tools", "https://htmx.org/", ("frontend",), "read", "assess", "languages-frameworks"),
    ("Cilium and eBPF networking", "https://cilium.io/", ("networking",), "read", "assess", "platforms"),
    ("pgvector for embeddings", "https://github.com/pgvector/pgvector", ("data", "ai"), "read", "trial", "tools"),
    ("Microservices per team by default", "https://martinfowler.com/articles/microservice-trade-offs.html", ("architecture",), "read", "hold", "techniques"),
    ("TigerBeetle financial database", "https://tigerbeetle.com/", ("payments", "data"), "bookmarked", None, None),
    ("Kafka without ZooKeeper (KRaft)", "https://kafka.apache.org/documentation/#kraft", ("kafka",), "bookmarked", None, None),
    ("Data mesh in practice", "https://martinfowler.com/articles/data-mesh-principles.html", ("data",), "bookmarked", None, None),
    ("LLM evaluation harnesses", "https://github.com/openai/evals", ("ai",), "bookmarked", None, None),
    ("Crossplane for infrastructure APIs", "https://www.crossplane.io/", ("platform",), "bookmarked", None, None),
    ("Argo CD progressive delivery", "https://argo-cd.readthedocs.io/", ("delivery",), "bookmarked", None, None),
    ("ClickHouse for event analytics", "https://clickhouse.com/", ("data",), "read", None, None),
    ("CRDTs for offline-first apps", "https://crdt.tech/", ("architecture",), "read", None, None),
    ("Event storming workshops", "https://www.eventstorming.com/", ("techniques",), "read", None, None),
    ("Nix for reproducible builds", "https://nixos.org/", ("tools",), "read", None, None),
    ("Svelte 5 runes", "https://svelte.dev/blog/runes", ("frontend",), "archived", None, None),
    ("Bun as a Node replacement", "https://bun.sh/", ("frontend",), "archived", None, None),
    ("Mob programming", "https://www.remotemobprogramming.org/", ("techniques",), "archived", None, None),
    ("Blockchain settlement layer", "https://example.com/blockchain-settlement", ("payments",), "archived", None, None),
    ("Deno 2 release notes", "https://deno.com/blog/v2.0", ("languages",), "archived", None, None),
    ("OpenTofu 1.8", "https://opentofu.org/", ("infrastructure",), "archived", None, None),
    ("Prompt injection defences", "https://simonwillison.net/series/prompt-injection/", ("ai", "security"), "inbox", None, None),
    ("Dagger: CI pipelines as code", "https://dagger.io/", ("delivery",), "inbox", None, None),
    ("uv, the Python package manager", "https://docs.astral.sh/uv/", ("tools",), "inbox", None, None),
    ("WebAssembly component model", "https://component-model.bytecodealliance.org/", ("wasm",), "inbox", None, None),
    ("Linkerd vs Istio in 2026", "https://example.com/linkerd-vs-istio", ("networking",), "inbox", None, None),
    ("Platform engineering maturity model", "https://tag-app-delivery.cncf.io/whitepapers/platform-eng-maturity-model/", ("platform",), "inbox", None, None),
    ("DORA metrics, revisited", "https://dora.dev/guides/dora-metrics-four-keys/", ("delivery",), "inbox", None, None),
    ("Chaos engineering on Kubernetes", "https://chaos-mesh.org/", ("reliability",), "inbox", None, None),
    ("React Server Components explained", "https://react.dev/reference/rsc/server-components", ("frontend",), "inbox", None, None),
    ("Feature flags at scale", "https://martinfowler.com/articles/feature-toggles.html", ("delivery",), "inbox", None, None),
)  # fmt: skip

NOTES = (
    "Ask Lena whether the gateway failover was tested since the DNS change",
    "Conference budget for next year: check with finance before January",
    "Idea: a brown-bag on idempotency keys with Priya",
)


class Demo:
    """What the areas' sample data share while it is made: one random sequence, the ids made so far."""

    def __init__(self, db: Database, today: date) -> None:
        self.db = db
        self.today = today
        self.rng = random.Random(today.toordinal())
        self.ids: dict[str, int] = {}  # handle or dive title -> id, for the areas that link to them


def populate(db: Database, today: date) -> None:
    """Fill an empty, migrated database with a year of believable history: each area's sample data,
    in registry order (an area may link to what an earlier one made)."""
    demo = Demo(db, today)
    with db.transaction():
        _practices_from_a_year_ago(db, today)
        for area in areas.AREAS:
            if area.demo:
                areas.resolve(area.demo)(demo)
        trash.forget_all(db)  # building the sample left an undo history; a user's starts empty


def notes(demo: Demo) -> None:
    for days_ago, text in zip((1, 3, 9), NOTES, strict=True):
        note_store.add_note(demo.db, text=text, now=_at(demo.today - timedelta(days=days_ago), 8, 40))


def pairing(demo: Demo) -> None:
    demo.ids.update(_roster(demo.db, demo.today))
    _pairing_history(demo.db, demo.today, demo.ids)
    _other_sessions(demo.db, demo.today, demo.ids)


# handle, kind, days ago, topic, what I learned, answers to the bank's questions of its kind
OTHER_SESSIONS = (
    ("diego", "1on1", 37, "What the payments team shipped this sprint", "Refunds reuse the ledger's reversal entries.",
     {"What was the hardest technical decision you made?": "Refunds as reversals, not as a table of their own.",
      "What tradeoffs did you consider?": "One audit trail against a slower refunds report."}),
    ("diego", "1on1", 9, "Idempotency in the refunds API", "",
     {"Walk me through the architecture of what you shipped this sprint.": "Keys checked at the gateway, stored 24 h."}),
    ("lena", "interview", 16, "System design loop: a rate limiter", "Candidates skip the failure mode of the shared store.",
     {"What happens when this 10xs?": "Token buckets per node, synced every second."}),
)  # fmt: skip


def _other_sessions(db: Database, today: date, ids: dict[str, int]) -> None:
    """Technical 1-on-1s with a senior engineer and an interview loop: kept, shown and searched, but
    not the monthly pairing (the rotation and the cadence do not move)."""
    from techtime.services import pairing as pairing_service

    for handle, kind, days_ago, topic, learned, answers in OTHER_SESSIONS:
        day = today - timedelta(days=days_ago)
        pairing_service.save_session(
            db, person_id=ids[handle], on=day, today=today, now=_at(day, 16), topic=topic, minutes=45,
            status="done", learned=learned, kind=kind, answers=answers,
        )  # fmt: skip


def dives(demo: Demo) -> None:
    demo.ids.update(_dives(demo.db, demo.today))


def radar(demo: Demo) -> None:
    _radar(demo.db, demo.today, demo.rng, demo.ids)


def practices(demo: Demo) -> None:
    _practice_logs(demo.db, demo.today, demo.rng)


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _roster(db: Database, today: date) -> dict[str, int]:
    ids = {}
    for name, handle, team, role, days in ROSTER:
        start = today - timedelta(days=days)
        ids[handle] = people.add_person(
            db, handle=handle, name=name, team=team, role=role, start_date=start, now=_at(start)
        )
    people.update_person(db, ids["ravi"], active=False)
    people.update_person(db, ids["tomas"], leave_until=today + timedelta(days=30))
    return ids


def _practices_from_a_year_ago(db: Database, today: date) -> None:
    start = today.replace(year=today.year - 1, day=1)
    for practice in practice_store.load_practices(db):
        practice_store.update_practice(db, practice.id, start_date=start)


def _pairing_history(db: Database, today: date, ids: dict[str, int]) -> None:
    month = today.replace(day=1)
    for months_ago, (handle, topic, learned) in zip(range(len(SESSIONS), 0, -1), SESSIONS, strict=True):
        first = _months_back(month, months_ago)
        day = first + timedelta(days=9 + months_ago % 7)
        if handle is None:
            log_practice(db, "pairing", done_on=day, status=SKIPPED, note="summer holidays", now=_at(day))
            continue
        session_id = pairing_store.add_session(
            db, person_id=ids[handle], on=day, topic=topic, minutes=90, status="done",
            notes=f"{topic}: walked through the design and the last two incidents.",
            learned=learned, follow_ups="Share the notes with the team lead.", now=_at(day, 15),
        )  # fmt: skip
        log_practice(db, "pairing", done_on=day, minutes=90, session_id=session_id, now=_at(day, 17))
    # This month: one planned with the newest engineer, not done yet.
    pairing_store.add_session(
        db, person_id=ids["mei"], on=today + timedelta(days=3), topic="Teach me the refunds service",
        minutes=60, status="planned", now=_at(today - timedelta(days=2)),
    )  # fmt: skip


def _months_back(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _dives(db: Database, today: date) -> dict[str, int]:
    quarter = Quarter.containing(today)
    created = _at(quarter.first_day + timedelta(days=3))
    ids = {}
    for title, owner, status, doc, planned, spent, checks_done, tags, findings in DIVES_THIS_QUARTER:
        dive_id = dive_store.add_dive(
            db, quarter=quarter, title=title, owner=owner, doc_url=doc, tags=tags, hours_planned=planned, now=created
        )
        dive_store.update_dive(db, dive_id, status=status, hours_spent=spent, findings=findings, now=created)
        for item in dive_store.checklist(db, dive_id)[:checks_done]:
            dive_store.set_check(db, item.id, done=True, now=created)
        ids[title] = dive_id
    ledger = ids[DIVES_THIS_QUARTER[0][0]]
    for failure, blast, detection, mitigation in FAILURE_MODES:
        dive_store.add_failure_mode(
            db, ledger, failure=failure, blast_radius=blast, detection=detection, mitigation=mitigation
        )
    last = quarter.previous()
    for title, owner, status, checks_done, findings in DIVES_LAST_QUARTER:
        dive_id = dive_store.add_dive(
            db, quarter=last, title=title, owner=owner, hours_planned=6, now=_at(last.first_day)
        )
        dive_store.update_dive(db, dive_id, status=status, findings=findings, now=_at(last.first_day))
        for item in dive_store.checklist(db, dive_id)[:checks_done]:
            dive_store.set_check(db, item.id, done=True, now=_at(last.first_day))
    return ids


def _radar(db: Database, today: date, rng: random.Random, dive_ids: dict[str, int]) -> None:
    inbox_age = 2
    for index, (title, url, tags, status, ring, quadrant) in enumerate(RADAR):
        if status == "inbox":
            captured = today - timedelta(days=inbox_age)
            inbox_age += rng.randint(1, 3)
        else:
            captured = today - timedelta(days=30 + index * 7)
        item_id = radar_store.add_item(
            db, title=title, url=url, tags=tags, source="capture", now=_at(captured, 8, index % 60)
        )
        if status != "inbox":
            read = _at(captured + timedelta(days=rng.randint(1, 6)), 10)
            radar_store.update_item(db, item_id, status=status, read_at=read.isoformat(sep=" "), now=read)
        if ring:
            radar_store.update_item(db, item_id, ring=ring, quadrant=quadrant, now=_at(captured + timedelta(days=7)))
    # A move this quarter: Backstage went from trial to hold after the build-or-buy dive.
    backstage = radar_store.find_by_url(db, "https://backstage.io/")
    if backstage:
        radar_store.update_item(db, backstage.id, ring="trial", now=_at(Quarter.containing(today).previous().first_day))
        radar_store.update_item(
            db, backstage.id, ring="hold", now=_at(Quarter.containing(today).first_day + timedelta(days=10))
        )
    # And one moved in: Kotlin coroutines proved themselves in the refunds service.
    kotlin = radar_store.find_by_url(db, "https://kotlinlang.org/docs/coroutines-overview.html")
    if kotlin:
        moved = min(today, Quarter.containing(today).first_day + timedelta(days=20))
        radar_store.update_item(db, kotlin.id, ring="adopt", now=_at(moved))
    streaming = radar_store.find_by_url(db, "https://kafka.apache.org/documentation/#kraft")
    if streaming:
        radar_store.update_item(db, streaming.id, dive_id=dive_ids[DIVES_THIS_QUARTER[2][0]], now=_at(today))


def _practice_logs(db: Database, today: date, rng: random.Random) -> None:
    """Eight weeks of Monday scans and Friday tinkering, a few missed, and last spring's conference."""
    by_key = {p.key: p for p in practice_store.load_practices(db)}
    for weeks_ago in range(8, 0, -1):
        monday = today - timedelta(days=today.weekday() + 7 * weeks_ago)
        friday = monday + timedelta(days=4)
        if weeks_ago != 3:
            log_practice(db, "radar-scan", done_on=monday, minutes=30, now=_at(monday, 9, 30))
        else:
            log_practice(db, "radar-scan", done_on=monday, status=SKIPPED, note="offsite", now=_at(monday))
        if rng.random() < 0.7:
            log_practice(
                db, "tinkering", done_on=friday, minutes=rng.choice((120, 180, 210)),
                note=rng.choice(("token-system prototype", "accessibility audit script", "DuckDB on our logs")),
                now=_at(friday, 17),
            )  # fmt: skip
    conference_day = (
        today.replace(year=today.year - 1, month=12, day=1) if today.month < 6 else today.replace(month=4, day=15)
    )
    window = occurrence_on(by_key["conference"], conference_day)
    if window:
        log_practice(
            db,
            "conference",
            done_on=conference_day,
            status=DONE,
            minutes=960,
            note="QCon: 6 technical talks",
            now=_at(conference_day),
        )
