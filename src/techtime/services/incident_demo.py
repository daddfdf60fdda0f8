"""The Incidents area's sample data: six incidents over two quarters, one promoted to a deep dive.

Placed relative to the demo's `today`, through the same services a leader's keys call.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from techtime.domain.incidents import IncidentFields
from techtime.services import incidents
from techtime.store import dives as dive_store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.services.demo import Demo

# days ago, title, severity, systems, role, minutes, pattern, what I learned, postmortem slug,
# follow-ups (text, owner handle or None, done), promoted to a deep dive a few days later
INCIDENTS = (
    (
        2, "Search indexing lag after the schema change", "sev4", ("search",), "observer", 30, None,
        "", None, (), False,
    ),
    (
        4, "Checkout 502s after the gateway deploy", "sev2", ("gateway", "payments"), "incident commander", 95,
        "systemic",
        "The gateway's connection pool is sized per pod: the deploy halved the pods and the pool with them.\n"
        "Nobody owned the pool settings; they were copied from the staging chart two years ago.",
        "2026-checkout-502s",
        (("Size the pool per node, not per pod", "sam", True), ("Alert on pool saturation, not on 502s", "lena", False),
         ("Write down who owns the gateway chart", None, False)),
        False,
    ),
    (
        19, "Ledger projections stalled for 40 minutes", "sev1", ("payments", "kafka"), "decision-maker", 120,
        "systemic",
        "One poison event stopped every projection behind it: the relay retries forever and never parks it.\n"
        "Fix first, root cause later held: we replayed from the outbox once the consumer skipped the event.",
        "2026-ledger-stall",
        (("Park poison events in a dead-letter topic", "priya", False),
         ("Replay runbook for projections", "diego", True)),
        False,
    ),
    (
        64, "Kafka broker disk full on the events cluster", "sev2", ("kafka", "data"), "decision-maker", 150,
        "systemic",
        "Retention was set by time, not size: a backfill tripled the volume and filled the disks in six hours.",
        "2026-kafka-disk-full",
        (("Size-based retention on every topic", "jonas", True), ("Disk alerts at 70 %, not 90 %", "sam", True)),
        True,
    ),
    (
        78, "Payment provider webhooks down for two hours", "sev2", ("payments", "vendor"), "comms", 130,
        "one-off",
        "The provider's status page lagged our own alerts by 40 minutes: we learned it from our dashboards first.",
        None,
        (("Ask the provider for a webhook replay API", "diego", False),),
        False,
    ),
    (
        101, "Login latency spike from the session store", "sev3", ("auth", "redis"), "observer", 45, "one-off",
        "A single hot key in Redis: the session store shards by user, and one test account ran a load test.",
        None, (), False,
    ),
)  # fmt: skip


PROMOTED_FINDINGS = (
    "Every topic now retains by size as well as time; a backfill can no longer fill a broker.\n"
    "At 10x the events volume the cluster needs twice the brokers: the plan covers 3x."
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def demo(sample: Demo) -> None:
    """Add the sample incidents (the roster is already there: follow-ups name their owners)."""
    for days_ago, title, severity, systems, role, minutes, pattern, learned, slug, follow_ups, promoted in INCIDENTS:
        day = sample.today - timedelta(days=days_ago)
        fields = IncidentFields(
            title=title,
            day=day,
            severity=severity,
            systems=systems,
            role=role,
            minutes=minutes,
            learned=learned,
            pattern=pattern,
            postmortem_url=f"https://wiki.example.com/postmortems/{slug}" if slug else None,
        )
        incident_id = incidents.save_incident(sample.db, fields, today=sample.today, now=_at(day, 18))
        for text, owner, done in follow_ups:
            follow_up_id = incidents.add_follow_up(sample.db, incident_id, text=text, owner=owner)
            if done:
                incidents.toggle_follow_up(sample.db, follow_up_id, now=_at(day + timedelta(days=6), 11))
        if promoted:
            later = day + timedelta(days=3)
            dive = incidents.promote(sample.db, incident_id, today=later, now=_at(later, 10))
            sample.ids[dive.title] = dive.dive_id
            # Gone through within the quarter: the events cluster's retention and capacity, reviewed.
            dive_store.update_dive(
                sample.db, dive.dive_id, status="done", hours_spent=6, hours_planned=6, findings=PROMOTED_FINDINGS,
                now=_at(later + timedelta(days=10), 16),
            )  # fmt: skip
