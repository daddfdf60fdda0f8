"""MADR interchange: a folder of MADR 4 files out, MADR 2-4 and adr-tools (Nygard) folders in."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from conftest import NOW, TODAY

from techtime.cli import main
from techtime.domain.decisions import DecisionFields, OptionFields
from techtime.interchange import madr
from techtime.services import decisions as service
from techtime.store import decisions, people
from techtime.store.database import open_database

DATA = Path(__file__).parent / "data" / "adr"


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_export_import_into_an_empty_database_and_export_again_gives_the_same_files(demo_db, tmp_path):
    first = tmp_path / "first"
    madr.export_folder(demo_db, TODAY, folder=str(first))
    assert len(files(first)) == 12
    empty = open_database(tmp_path / "empty.db", today=TODAY)
    summary = madr.import_folder(empty, first, NOW)
    assert summary.startswith(f"imported 12 decisions from {first}")
    second = tmp_path / "second"
    madr.export_folder(empty, TODAY, folder=str(second))
    assert files(second) == files(first)
    # What calibration is made of came through: confidences as first written, verdicts, grades.
    assert service.calibration(empty) == service.calibration(demo_db)
    portal = decisions.find_decision(empty, "Buy a managed developer portal", date(2026, 8, 18))
    assert portal is not None and portal.supersedes_id is not None
    empty.close()


def test_files_are_madr_4_named_by_number_and_title_private_and_carry_techtime_s_section(demo_db, tmp_path):
    madr.export_folder(demo_db, TODAY, folder=str(tmp_path / "adr"))
    name = "0009-buy-a-managed-developer-portal.md"
    path = tmp_path / "adr" / name
    text = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert text.startswith("---\nstatus: accepted\ndate: 2026-08-18\nconsulted:\n- sam\n")
    for heading in ("# Buy a managed developer portal", "## Context and Problem Statement", "## Considered Options",
                    "## Decision Outcome", "### Confirmation", "## Pros and Cons of the Options",
                    "## More Information", "## Decision journal (techtime)"):  # fmt: skip
        assert f"\n{heading}\n" in text
    assert 'Chosen option: "Managed portal (Port)", because' in text
    assert "confidence: 75\n" in text and "blast-radius: medium\n" in text and "reversibility: two-way\n" in text
    superseded = (tmp_path / "adr" / "0007-self-host-backstage-as-the-developer-portal.md").read_text()
    assert "status: superseded by ADR-0009\n" in superseded


def test_re_export_keeps_numbers_renames_its_own_files_and_never_touches_others(demo_db, tmp_path):
    folder = tmp_path / "adr"
    madr.export_folder(demo_db, TODAY, folder=str(folder))
    portal = decisions.find_decision(demo_db, "Buy a managed developer portal", date(2026, 8, 18))
    assert portal is not None
    decisions.update_decision(demo_db, portal.id, title="Buy a managed portal", now=NOW)
    (folder / "README.md").write_text("our notes")
    with pytest.raises(Exception, match=r"holds files techtime did not write .*README\.md.*--force"):
        madr.export_folder(demo_db, TODAY, folder=str(folder))
    summary = madr.export_folder(demo_db, TODAY, folder=str(folder), force=True)
    assert summary.endswith("1 old file removed")
    names = sorted(p.name for p in folder.iterdir())
    assert "0009-buy-a-managed-portal.md" in names and "0009-buy-a-managed-developer-portal.md" not in names
    assert (folder / "README.md").read_text() == "our notes"
    assert len(names) == 13


def test_a_new_decision_takes_the_next_number_after_the_folder_s_own(demo_db, tmp_path):
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0020-an-older-record.md").write_text("# 20. An older record\n")
    madr.export_folder(demo_db, TODAY, folder=str(folder), force=True)
    assert (folder / "0020-an-older-record.md").read_text() == "# 20. An older record\n"
    assert min(p.name for p in folder.iterdir() if p.name != "0020-an-older-record.md").startswith("0021-")


def test_the_export_command_writes_a_folder_and_refuses_a_file(demo_db, tmp_path, capsys):
    folder = tmp_path / "out"
    assert main(["--db", str(demo_db.path), "export", "--format", "madr", "-o", str(folder)]) == 0
    assert "wrote 12 decision records" in capsys.readouterr().err
    assert main(["--db", str(demo_db.path), "export", "--format", "madr"]) == 2
    assert "give it with -o FOLDER" in capsys.readouterr().err


def test_an_adr_tools_folder_is_read_with_its_supersedes_links(db):
    summary = madr.import_folder(db, DATA / "nygard", NOW)
    assert summary == f"imported 3 decisions from {DATA / 'nygard'}"
    found = {d.title: d for d in decisions.list_decisions(db)}
    first = found["Record architecture decisions"]
    assert (first.decided_on, first.status, first.madr_number) == (date(2024, 1, 12), "decided", 1)
    assert first.why.startswith("We will use Architecture Decision Records")
    assert first.consequences == "See Michael Nygard's article, linked above."
    queue, kafka = found["Use a message queue for order events"], found["Use Kafka for order events"]
    assert queue.status == "superseded" and kafka.supersedes_id == queue.id


def test_madr_2_and_4_folders_are_read(db):
    madr.import_folder(db, DATA / "madr2", NOW)
    record = decisions.find_decision(db, "Use Markdown Architectural Decision Records", date(2023, 5, 8))
    assert record is not None and record.deciders == "Dana Li, Sam Okafor"
    options = decisions.options(db, record.id)
    assert [(o.title, o.chosen) for o in options][:2] == [("MADR 2.1.2", True), ("Michael Nygard's template", False)]
    assert options[0].cons == "it is longer than Nygard's"
    assert "Decisions are findable" in record.consequences and "One more template" in record.consequences
    proposed = decisions.find_decision(db, "Keep decision records in the repository", date(2023, 6, 1))
    assert (
        proposed is not None
        and proposed.status == "proposed"
        and proposed.drivers == "Reviewed with the code\nVersioned"
    )

    summary = madr.import_folder(db, DATA / "madr4", NOW)
    assert "2 consulted people added to the roster" in summary
    ledger = decisions.find_decision(db, "Use Postgres for the ledger", date(2025, 2, 10))
    assert ledger is not None
    assert (ledger.consulted, ledger.informed) == (("priya-raman", "sam"), "the payments team")
    assert people.find_by_handle(db, "priya-raman") is not None
    assert ledger.prediction == "A load test at 3x today's writes keeps p99 under 50 ms."
    assert decisions.options(db, ledger.id)[0].pros == "we run it already\nneutral: it needs partitioning at 10x"
    assert ledger.more_info == "Revisit when the write volume triples."
    flags = decisions.find_decision(db, "Buy a feature-flag service", date(2025, 4, 1))
    assert flags is not None and flags.status == "superseded"


def test_importing_twice_adds_nothing_twice(db):
    madr.import_folder(db, DATA / "nygard", NOW)
    again = madr.import_folder(db, DATA / "nygard", NOW)
    assert again.endswith("3 already there")
    assert decisions.count(db) == 3


def test_a_bad_file_is_named_with_its_line_and_nothing_is_saved(db, capsys):
    with pytest.raises(Exception, match=r"^0002-broken-status\.md line 3: status: unknown status 'banana'"):
        madr.import_folder(db, DATA / "bad", NOW)
    assert decisions.count(db) == 0
    assert main(["--db", str(db.path), "import", str(DATA / "bad")]) == 2
    assert "0002-broken-status.md line 3" in capsys.readouterr().err
    assert decisions.count(db) == 0


def test_the_import_command_reads_a_folder(db, capsys):
    assert main(["--db", str(db.path), "import", str(DATA / "madr4")]) == 0
    assert "imported 3 decisions" in capsys.readouterr().out
    assert os.path.isdir(DATA / "madr4")


# Markdown as MADR readers expect it -------------------------------------------------------------------

HOSTILE_CONTEXT = "\n".join(
    (
        "## not a heading",
        "- not a list",
        "1. not a numbered list",
        "```",
        "---",
        "> not a quote",
        "[ref]: https://example.com/ref",
        "<!-- not a comment --> and <b>no HTML</b>",
        "&amp; stays as typed, and so do C:\\ and \\*",
        "a line that ends in a backslash \\",
        "*emphasis*, `code` and [the RFC](https://example.com/rfc) stay Markdown; [bad](javascript:alert(1)) does not",
    )
)


def _hostile_decision(db) -> int:
    from techtime.store import radar

    item_id = radar.add_item(db, title="Kafka <KRaft> mode", url="https://kafka.apache.org/", now=NOW)
    fields = DecisionFields(
        title="# 2. Use <b>Kafka</b> & C# #",
        decided_on=date(2026, 10, 1),
        status="decided",
        context=HOSTILE_CONTEXT,
        prediction="First line\nsecond line ends in a backslash \\\n\nA paragraph.",
        confidence=70,
        review_dates=(date(2027, 1, 1),),
        drivers="- a driver\n#1 priority",
        options=(OptionFields("Kafka #", pros="fast\n> 10x", chosen=True), OptionFields("3. SQS")),
    )
    return service.create_decision(db, fields, now=NOW, radar_item_ids=(item_id,))


def test_madr_text_is_markdown_its_readers_expect_escaped_only_where_the_structure_would_break(db, tmp_path):
    from markdown_it import MarkdownIt

    decision_id = _hostile_decision(db)
    madr.export_folder(db, TODAY, folder=str(tmp_path / "adr"))
    (path,) = (tmp_path / "adr").iterdir()
    text = path.read_text()
    assert "* Radar: Kafka \\<KRaft> mode <https://kafka.apache.org/>\n" in text  # a link MADR readers follow
    assert "*emphasis*, `code` and [the RFC](https://example.com/rfc) stay Markdown" in text
    tokens = MarkdownIt("commonmark").parse(text.split("\n---\n", 1)[1])  # after the front matter
    inline = [child for token in tokens for child in (token.children or [])]
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert headings[0] == "\\# 2. Use \\<b>Kafka\\</b> & C# \\#"  # the title, and only the sections after it
    assert [h for h in headings if not h.startswith(("Kafka", "3"))] == [
        headings[0], "Context and Problem Statement", "Decision Drivers", "Considered Options", "Decision Outcome",
        "Confirmation", "Pros and Cons of the Options", "More Information", "Decision journal (techtime)",
    ]  # fmt: skip
    assert [t.content.strip() for t in tokens if t.type == "html_block"] == [madr.MARKER]  # ours alone
    assert not [t for t in tokens if t.type in ("blockquote_open", "hr", "ordered_list_open")]
    assert not [t for t in tokens if t.type == "fence" and t.info != "yaml"]
    assert not [t for t in inline if t.type == "html_inline"]
    targets = [t.attrs["href"] for t in inline if t.type == "link_open"]
    assert targets == ["https://example.com/rfc", "https://kafka.apache.org/"]  # javascript: is text
    rendered = MarkdownIt("commonmark").render(text)
    assert "&amp;amp; stays as typed" in rendered and "C:\\ and \\*" in rendered

    # Read back, the text is what was typed, and written again the file is the same, byte for byte.
    empty = open_database(tmp_path / "empty.db", today=TODAY)
    madr.import_folder(empty, tmp_path / "adr", NOW)
    (back,) = decisions.list_decisions(empty)
    original = decisions.get_decision(db, decision_id)
    assert original is not None
    assert (back.title, back.context, back.prediction) == (original.title, original.context, original.prediction)
    assert back.drivers == original.drivers
    madr.export_folder(empty, TODAY, folder=str(tmp_path / "again"))
    assert files(tmp_path / "again") == files(tmp_path / "adr")
    empty.close()
