"""Importing what leaders migrate from, each from a fixture in its tool's real export format
(tests/data/reading/): Pocket's zip and ril_export.html, Raindrop.io, Instapaper, Readwise Reader,
Omnivore, Linkwarden, Karakeep and OPML. The formats' headers and fields are those the tools write
and that Karakeep's and Linkwarden's own importers read."""

from datetime import datetime
from pathlib import Path

import pytest
from conftest import NOW, run_cli

from techtime.cli.importing import FORMATS, guess_format, read_file
from techtime.domain.radar import RadarFilter
from techtime.errors import InputError
from techtime.interchange import (
    instapaper,
    karakeep,
    linkwarden,
    omnivore,
    opml,
    pocket,
    raindrop,
    readwise,
)
from techtime.store import radar

DATA = Path(__file__).parent / "data" / "reading"


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def items(db):
    return {item.title: item for item in radar.query_items(db, RadarFilter(), sort="title", limit=10_000)}


def local(seconds: int) -> str:
    return datetime.fromtimestamp(seconds).isoformat(sep=" ")


def test_pockets_zip_of_csv_parts(db):
    content = (DATA / "pocket-export.zip").read_bytes()
    assert pocket.import_pocket(db, content, NOW) == (
        "Pocket zip: 3 added, 0 already present, 2 skipped (1 not a web link, 1 repeated in the file)"
    )
    found = items(db)
    assert found["Temporal durable execution"].tags == ("workflows", "durable-execution")
    ddia = found["Designing Data-Intensive Applications, ch. 5"]
    assert (ddia.status, ddia.captured_at) == ("read", local(1717000100))
    # Another #fragment of the same book is another link.
    assert found["DDIA partitioning chapter"].url == "https://dataintensive.net/#partitioning"
    assert pocket.import_pocket(db, content, NOW).startswith("Pocket zip: 0 added, 4 already present")


def test_pockets_older_ril_export_html(db):
    assert pocket.import_pocket(db, text("ril_export.html"), NOW) == (
        "Pocket HTML: 3 added, 0 already present, 1 skipped (1 not a web link)"
    )
    found = items(db)
    htmx = found["htmx essays & more"]
    assert (htmx.tags, htmx.status, htmx.captured_at) == (("web", "essays"), "inbox", local(1600000000))
    assert found["The SRE book"].status == "read"


def test_raindrop_csv(db):
    summary = raindrop.import_raindrop(db, text("raindrop.csv"), NOW)
    assert summary == "Raindrop.io: 3 added, 0 already present, 1 skipped (1 repeated in the file)"
    found = items(db)
    kafka = found["Kafka: the definitive guide"]
    assert kafka.tags == ("reading", "streaming", "kafka", "books")
    assert kafka.notes == "My note, with a comma"
    assert kafka.captured_at == datetime.fromisoformat("2024-03-15T09:30:00+00:00").astimezone().strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    assert found["DuckDB docs"].tags == ()  # Unsorted is no folder
    assert '=HYPERLINK("https://evil.example","x")' in found  # stored as text, like any title


def test_instapaper_csv(db):
    assert instapaper.import_instapaper(db, text("instapaper.csv"), NOW) == (
        "Instapaper: 4 added, 0 already present, 0 skipped"
    )
    found = items(db)
    wayne = found["Hillel Wayne on formal methods"]
    assert (wayne.tags, wayne.notes, wayne.status) == (("formal-methods",), "TLA+ is worth a look", "inbox")
    assert found["Postmortem lessons"].status == "read"
    assert found["Marc Brooker's blog"].tags == ("starred",)
    assert found["TLA+ home"].tags == ("distributed-systems",)


def test_readwise_reader_csv(db):
    assert readwise.import_readwise(db, text("readwise.csv"), NOW) == (
        "Readwise Reader: 3 added, 0 already present, 1 skipped (1 in the feed, never saved)"
    )
    found = items(db)
    assert found["Why Kubernetes is so complex"].tags == ("kubernetes", "platforms")
    assert found["The log: what every software engineer should know"].status == "read"
    assert found["Shortlisted"].tags == ("to-read",)


@pytest.mark.parametrize("name", ["metadata_0_to_3.json", "omnivore-export.zip"])
def test_omnivore_export(db, name):
    content = read_file(DATA / name)
    assert omnivore.sniff(content)
    assert omnivore.import_omnivore(db, content, NOW) == (
        "Omnivore: 2 added, 0 already present, 1 skipped (1 not a web link)"
    )
    found = items(db)
    assert found["Event sourcing pitfalls"].tags == ("architecture", "event-sourcing")
    assert found["Cell-based architecture"].status == "read"


def test_linkwarden_backup(db):
    assert linkwarden.import_linkwarden(db, text("linkwarden.json"), NOW) == (
        "Linkwarden: 2 added, 0 already present, 1 skipped (1 not a web link)"
    )
    found = items(db)
    backstage = found["Backstage software catalog"]
    assert (backstage.tags, backstage.notes) == (
        ("platform", "developer-experience"),
        "Our developer portal candidate.",
    )
    assert found["Crossplane"].captured_at.startswith("2021-01-01") or found["Crossplane"].captured_at.startswith(
        "2020-12-31"
    )  # importDate, in local time


def test_karakeep_export(db):
    assert karakeep.import_karakeep(db, text("karakeep.json"), NOW) == (
        "Karakeep: 2 added, 0 already present, 1 skipped (1 a note, not a link)"
    )
    found = items(db)
    design = found["Tigerbeetle design docs"]
    assert (design.tags, design.notes, design.captured_at) == (
        ("databases", "design-docs"),
        "Compare with our ledger.\nSecond line.",
        local(1718000000),
    )
    assert found["https://docs.tigerbeetle.com/#coding"].status == "read"  # no title: the link stands in


def test_opml_feeds_become_radar_items_tagged_feed(db):
    assert opml.import_opml(db, text("feeds.opml"), NOW) == "OPML: 3 added, 0 already present, 0 skipped"
    found = items(db)
    netflix = found["Netflix TechBlog"]
    assert (netflix.url, netflix.tags, netflix.notes) == (
        "https://netflixtechblog.com/",
        ("feed", "engineering-blogs"),
        "Feed: https://netflixtechblog.com/feed",
    )
    assert found["Only a feed & no site"].url == "https://example.com/feed.xml"
    assert found["Only a feed & no site"].tags == ("feed",)


def test_opml_with_entities_is_refused_before_anything_expands(db):
    bomb = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]><opml><body/></opml>'
    with pytest.raises(InputError, match="line 1: an OPML file has no DTD or entities"):
        opml.import_opml(db, bomb, NOW)
    with pytest.raises(InputError, match="line 4: not well-formed OPML"):
        opml.import_opml(db, '<opml version="2.0">\n<body>\n<outline text="x">\n</body></opml>', NOW)


@pytest.mark.parametrize(
    ("module", "importer", "name", "change", "message"),
    [
        (pocket, "import_pocket", "ril_export.html", ('time_added="1600000100"', 'time_added="soon"'),
         "line 12: time_added 'soon' is not a Unix time"),
        (raindrop, "import_raindrop", "raindrop.csv", ("2024-03-16T10:00:00Z", "yesterday"),
         "line 3: created 'yesterday' is not a date and time"),
        (instapaper, "import_instapaper", "instapaper.csv", (",1700000100,", ",last week,"),
         "line 3: Timestamp 'last week' is not a Unix time"),
        (readwise, "import_readwise", "readwise.csv", ("2023-09-02 09:00:00+00:00", "Sept 2"),
         "line 3: Saved date 'Sept 2' is not a date and time"),
        (omnivore, "import_omnivore", "metadata_0_to_3.json", ('"labels": [],', '"labels": "none",'),
         "item 2: labels is not a list"),
        (linkwarden, "import_linkwarden", "linkwarden.json", ('"2024-05-01T12:00:00.000Z"', '"May"'),
         "collection 'Platform', link 1: createdAt 'May' is not a date and time"),
        (karakeep, "import_karakeep", "karakeep.json", ('"createdAt": 1718000100', '"createdAt": "June"'),
         "bookmark 2: createdAt 'June' is not a Unix time"),
        (opml, "import_opml", "feeds.opml", ("</outline>", ""), "line 13: not well-formed OPML"),
    ],
)  # fmt: skip
def test_a_wrong_row_refuses_the_whole_file_naming_it(db, module, importer, name, change, message):
    radar.add_item(db, title="already here", now=NOW)
    assert change[0] in text(name)
    with pytest.raises(InputError, match=message):
        getattr(module, importer)(db, text(name).replace(*change), NOW)
    assert list(items(db)) == ["already here"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pocket-export.zip", "pocket"),
        ("part_000000.csv", "pocket"),
        ("ril_export.html", "pocket"),
        ("raindrop.csv", "raindrop"),
        ("instapaper.csv", "instapaper"),
        ("readwise.csv", "readwise"),
        ("metadata_0_to_3.json", "omnivore"),
        ("omnivore-export.zip", "omnivore"),
        ("linkwarden.json", "linkwarden"),
        ("karakeep.json", "karakeep"),
        ("feeds.opml", "opml"),
        ("../radar/chrome-bookmarks.html", "bookmarks"),
        ("../radar/google-bookmarks.html", "bookmarks"),
        ("../radar/byor-sheet.csv", "radar-csv"),
        ("../radar/byor-radar.json", "radar-json"),
    ],
)
def test_the_format_is_guessed_from_the_content(name, expected):
    content = read_file(DATA / name)
    assert guess_format(content) == expected
    # ... and no other format claims it.
    from importlib import import_module

    claims = [
        other
        for other, chosen in FORMATS.items()
        if not chosen.folder  # a folder format (MADR) reads a folder, never a file
        and (chosen.zip or not isinstance(content, bytes))
        and getattr(import_module(f"techtime.interchange.{chosen.module}"), chosen.sniff)(content)
    ]
    assert claims == [expected]


def test_the_command_imports_every_format_guessed_and_refuses_a_zip_for_a_text_format(db_path):
    for name in ("pocket-export.zip", "feeds.opml", "karakeep.json"):
        result = run_cli("import", str(DATA / name), db_path=db_path)
        assert result.returncode == 0, result.stderr
    assert "Karakeep: 2 added" in result.stdout
    wrong = run_cli("import", str(DATA / "pocket-export.zip"), "--format", "raindrop", db_path=db_path)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("techtime: ") and "is a zip archive: --format raindrop reads a file" in wrong.stderr
