"""`techtime report`: the quarterly review as Markdown, on a fixed data set."""

import os
import subprocess
import sys
from datetime import date, datetime

import pytest
from conftest import NOW, TODAY, run_cli

from techtime.domain.dives import DiveFields, FailureModeFields
from techtime.domain.quarters import Quarter
from techtime.interchange.quarterly_report import render
from techtime.services import dives as service
from techtime.services.demo import populate
from techtime.services.practices import log_practice
from techtime.store import dives, pairing, people, practices, radar

Q3, Q4 = Quarter(2026, 3), Quarter(2026, 4)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day} 09:00")


@pytest.fixture
def quarter_db(db):
    """Two deep dives and a dropped one, two pairing sessions, two radar moves, a weekly practice."""
    service.set_target(db, 2)
    ledger = service.create_dive(
        db,
        DiveFields(
            title="Ledger migration",
            owner="Payments - Priya",
            doc_url="https://docs.example.com/ledger",
            status="active",
            hours_planned=8,
            hours_spent=5,
        ),
        quarter=Q4,
        now=NOW,
    ).dive_id
    for step in dives.checklist(db, ledger)[:2]:
        dives.set_check(db, step.id, done=True, now=NOW)
    service.add_failure_mode(
        db, ledger, FailureModeFields("Relay | falls behind", "All confirmations late", "Lag alert", "Partition it")
    )
    service.save_findings(db, ledger, "The queue is the bottleneck at 5x.\n\nReversals are new events.", now=NOW)
    gateway = service.create_dive(db, DiveFields(title="Gateway failover"), quarter=Q3, now=NOW)
    service.plan_candidate(db, service.planning_candidates(db, Q4)[0], Q4, now=NOW)
    assert dives.get_dive(db, gateway.dive_id).carried_from == "2026Q3"
    service.create_dive(db, DiveFields(title="Flag service", status="dropped"), quarter=Q4, now=NOW)
    service.create_dive(db, DiveFields(title="Last quarter's dive", status="done"), quarter=Q3, now=NOW)

    priya = people.add_person(db, handle="priya", name="Priya Raman", team="Payments", now=NOW)
    sam = people.add_person(db, handle="sam", name="Sam Okafor", team="Platform", now=NOW)
    pairing.add_session(
        db, person_id=priya, on=date(2026, 10, 12), topic="Idempotency keys", status="done",
        learned="Keys live 24 h; retries after that create duplicates.", now=NOW,
    )  # fmt: skip
    pairing.add_session(db, person_id=sam, on=date(2026, 12, 3), topic="Gateway SLOs", now=NOW)
    pairing.add_session(db, person_id=sam, on=date(2026, 9, 3), topic="Last quarter", status="done", now=NOW)

    radar.add_item(db, title="DuckDB", ring="trial", quadrant="tools", now=_at("2026-10-05"))
    backstage = radar.add_item(db, title="Backstage", ring="trial", quadrant="platforms", now=_at("2026-08-01"))
    radar.update_item(db, backstage, ring="hold", now=_at("2026-11-02"))
    radar.add_item(db, title="Placed last quarter", ring="adopt", quadrant="tools", now=_at("2026-09-01"))

    scan = practices.practice_by_key(db, "radar-scan")
    practices.update_practice(db, scan.id, start_date=date(2026, 10, 5))  # 8 Mondays up to TODAY
    for monday in ("10-05", "10-12", "10-19", "10-26", "11-02", "11-09"):
        log_practice(db, "radar-scan", done_on=date.fromisoformat(f"2026-{monday}"), now=NOW)
    log_practice(db, "radar-scan", done_on=date(2026, 11, 16), status="skipped", now=NOW)
    return db


def test_report_reads_as_a_review_for_a_reader_outside_engineering(quarter_db):
    text = render(quarter_db, Q4, TODAY)
    lines = text.splitlines()
    assert lines[0] == "# Technical leadership review: 2026Q4"
    assert (
        "This review covers October to December 2026 (2026Q4), as of 26 November 2026, "
        "with 36 days of the quarter left."
    ) in lines
    # Summary
    assert "- 2 deep dives against a target of 2: 1 in progress, 1 not started, 1 dropped." in lines
    assert "- 1 pairing session with engineers, across 1 team." in lines
    assert "- 2 technologies placed or moved on the technology radar." in lines
    # Each dive with status, checklist completion, failure modes and findings
    ledger = lines[lines.index("### Ledger migration") :]
    assert ledger[:8] == [
        "### Ledger migration",
        "",
        "- Status: in progress.",
        "- Team: Payments - Priya.",
        "- Time spent: 5 hours of 8 planned.",
        "- Review steps: 2 of 4 done.",
        "- Design document: <https://docs.example.com/ledger>",
        "",
    ]
    assert "- ✓ Read the entire design doc" in ledger
    assert "- ○ Ask: what happens when this 10xs?" in ledger
    assert "| Relay \\| falls behind | All confirmations late | Lag alert | Partition it |" in ledger
    assert ledger[ledger.index("Findings:") + 2 : ledger.index("Findings:") + 5] == [
        "> The queue is the bottleneck at 5x.",
        ">",
        "> Reversals are new events.",
    ]
    gateway = lines[lines.index("### Gateway failover") :]
    assert "- Carried over from 2026Q3." in gateway
    assert "None written yet." in gateway
    assert "Dropped this quarter: Flag service." in lines
    assert "Last quarter's dive" not in text
    # Pairing and what was learned
    assert "- 12 October 2026, Priya Raman (Payments): Idempotency keys.\\" in lines  # a hard break
    assert "  Learned: Keys live 24 h; retries after that create duplicates." in lines
    assert "- 3 December 2026, Sam Okafor (Platform): Gateway SLOs." in lines
    assert "Last quarter" not in text.split("## Pairing")[1]
    # Radar placed or moved in the quarter
    assert "- DuckDB: placed in Trial (Tools)." in lines
    assert "- Backstage: moved from Trial to Hold (Platforms)." in lines
    assert "Placed last quarter" not in text
    # Practice compliance
    assert "| Tech-radar scan | 6 | 8 | 1 |" in lines
    # No internal ids
    for dive in dives.dives_in_quarter(quarter_db, Q4):
        assert f"dive {dive.id}" not in text and f"#{dive.id}" not in text


def test_user_text_is_cleaned(db):
    service.create_dive(db, DiveFields(title="Evil\x1b[2J [bold]title"), quarter=Q4, now=NOW)
    text = render(db, Q4, TODAY)
    assert "\x1b" not in text
    assert "### Evil␛\\[2J \\[bold\\]title" in text.splitlines()


def test_an_empty_quarter_says_so(db):
    text = render(db, Quarter(2027, 1), TODAY)
    assert "This is the plan for January to March 2027 (2027Q1); the quarter has not started yet." in text
    assert "No deep dives were planned this quarter." in text
    assert "No pairing sessions were held this quarter." in text
    assert "Nothing was placed or moved on the radar this quarter." in text


def test_cli_writes_the_current_quarter_by_default(demo_db, db_path):
    result = run_cli("report", db_path=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "# Technical leadership review: 2026Q4"
    assert "### Payments ledger migration to event sourcing" in result.stdout


def test_cli_another_quarter_to_a_private_file(demo_db, db_path, tmp_path):
    out = tmp_path / "review.md"
    result = run_cli("report", "--quarter", "2026q3", "-o", str(out), db_path=db_path)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert text.startswith("# Technical leadership review: 2026Q3\n\nThis review covers July to September 2026")
    assert "### Internal developer portal: build or buy" in text
    assert os.stat(out).st_mode & 0o777 == 0o600


def test_cli_reads_last_this_and_next_as_capture_s_quarter_does(demo_db, db_path):
    for word, quarter in (("last", "2026Q3"), ("this", "2026Q4"), ("next", "2027Q1")):
        result = run_cli("report", "--quarter", word, db_path=db_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == f"# Technical leadership review: {quarter}"


def test_cli_refuses_an_unknown_quarter_in_one_line(db_path):
    result = run_cli("report", "--quarter", "2026Q5", db_path=db_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "techtime: unknown quarter 2026Q5: use a quarter like 2027Q1 (year, Q, 1-4) (or this, next, last)"
    ]
    assert not db_path.exists()  # bad input changes nothing


def test_report_code_does_not_import_textual():
    code = (
        "import sys, techtime.cli, techtime.cli.report, techtime.interchange.quarterly_report;"
        "techtime.cli.build_parser();"
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_demo_data_renders(db):
    populate(db, TODAY)
    assert render(db, Q4, TODAY).count("### ") == 3
