"""A leader's database after years of use: 10,000 radar items (or as many as --radar says), 5 years of
pairing with 40 engineers, 5 years of practice logs, 60 deep dives.

    python benchmarks/generate.py /tmp/large.db
    python benchmarks/generate.py /tmp/large-100k.db --radar 100000
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from techtime.domain.dives import DEFAULT_CHECKLIST
from techtime.domain.quarters import Quarter
from techtime.domain.radar import QUADRANTS, RINGS, STATUSES
from techtime.services.practices import log_practice
from techtime.store import dives, pairing, people, practices, radar
from techtime.store.database import open_database

TEAMS = ("Payments", "Platform", "Data", "Mobile", "Identity", "Growth")
WORDS = (  # noqa: SIM905 (one string reads better than 48 quoted words)
    "kafka event sourcing outbox relay service mesh mtls rollout idempotency ledger backfill replica "
    "partition warehouse streaming lakehouse iceberg duckdb clickhouse temporal workflows opentelemetry "
    "tracing slo error budget cell architecture chaos gateway failover terraform crossplane rust kotlin "
    "coroutines wasm component model vector search embeddings evals prompt injection feature flags"
).split()


def main(path: str, today: date | None = None, *, radar_items: int = 10_000) -> None:
    today = today or date.today()
    target = Path(path)
    if target.exists():
        raise SystemExit(f"{target} exists; remove it first")
    rng = random.Random(2026)
    db = open_database(target, today=today)
    start = today - timedelta(days=5 * 365)
    at = lambda day: datetime.combine(day, time(9))  # noqa: E731
    with db.transaction():
        for practice in practices.load_practices(db):
            practices.update_practice(db, practice.id, start_date=start)
        ids = [
            people.add_person(
                db, handle=f"eng{i:02d}", name=f"Engineer {i:02d}", team=TEAMS[i % len(TEAMS)], role="Engineer",
                start_date=start + timedelta(days=rng.randint(0, 1700)), now=at(start),
            )
            for i in range(40)
        ]  # fmt: skip
        day = start
        while day < today:  # two sessions a month
            session = pairing.add_session(
                db, person_id=rng.choice(ids), on=day, topic=" ".join(rng.sample(WORDS, 4)), minutes=90,
                status="done", notes="notes " * 20, learned="learned " * 10, now=at(day),
            )  # fmt: skip
            log_practice(db, "pairing", done_on=day, minutes=90, session_id=session, now=at(day))
            day += timedelta(days=15)
        day = start - timedelta(days=start.weekday())
        while day < today:  # weekly scans and tinkering
            log_practice(db, "radar-scan", done_on=day, minutes=30, now=at(day))
            if rng.random() < 0.7:
                friday = day + timedelta(days=4)
                log_practice(db, "tinkering", done_on=friday, minutes=180, note="prototype", now=at(friday))
            day += timedelta(weeks=1)
        quarter = Quarter.containing(start)
        while quarter <= Quarter.containing(today):
            for n in range(3):
                dive = dives.add_dive(
                    db, quarter=quarter, title=f"{quarter} dive {n}: " + " ".join(rng.sample(WORDS, 3)),
                    owner=rng.choice(TEAMS), hours_planned=8, now=at(quarter.first_day),
                )  # fmt: skip
                for item in dives.checklist(db, dive)[: rng.randint(0, len(DEFAULT_CHECKLIST))]:
                    dives.set_check(db, item.id, done=True, now=at(quarter.first_day))
                dives.add_failure_mode(db, dive, failure="queue backs up", blast_radius="payments", mitigation="shard")
            quarter = quarter.next()
        items = []
        for i in range(radar_items):
            captured = start + timedelta(days=rng.randint(0, (today - start).days))
            ring = rng.choice((*RINGS, None, None))
            items.append(
                radar.NewItem(
                    title=" ".join(rng.sample(WORDS, 5)).capitalize(), captured_at=at(captured),
                    url=f"https://example.com/{i}/{rng.random()}", tags=tuple(rng.sample(WORDS, 2)), ring=ring,
                    quadrant=rng.choice(QUADRANTS) if ring else None, status=rng.choice(STATUSES),
                    notes=" ".join(rng.sample(WORDS, 8)),
                )
            )  # fmt: skip
        radar.add_items(db, items, now=at(today))
    counts = {t: db.scalar(f"SELECT count(*) FROM {t}") for t in ("radar_item", "person", "pairing_session",
                                                                      "practice_log", "deep_dive")}  # fmt: skip
    db.close()
    print(f"{target}: {counts}")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="/tmp/techtime-large.db")
    parser.add_argument("--radar", type=int, default=10_000, help="how many radar items (default 10,000)")
    arguments = parser.parse_args()
    main(arguments.path, radar_items=arguments.radar)
