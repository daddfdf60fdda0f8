"""Search everything (issue 12): every area's words, as words, as you type; the index follows every change."""

from __future__ import annotations

from conftest import NOW, TODAY
from test_statements import data_statements

from techtime.services.capture import capture
from techtime.services.search import search
from techtime.store import dives, notes, trash
from techtime.store.database import open_database
from techtime.store.migrations import MIGRATIONS, ensure_schema


def kinds(hits):
    return {(hit.area, hit.kind.split(",")[0]) for hit in hits}


def test_one_word_finds_it_in_every_area(demo_db):
    hits = search(demo_db, "kafka")
    assert {("radar", "radar item"), ("dives", "deep dive"), ("pairing", "pairing session")} <= kinds(hits)
    session = next(hit for hit in hits if hit.area == "pairing")
    assert session.title == "@jonas Kafka to warehouse streaming job"
    assert any(matched and text.lower().startswith("kafka") for text, matched in session.snippet)


def test_the_last_word_is_a_prefix_while_typing_and_every_word_counts(demo_db):
    assert {hit.id for hit in search(demo_db, "kaf")} == {hit.id for hit in search(demo_db, "kafka")}
    assert search(demo_db, "kafka zzzunheardof") == []


def test_notes_failure_modes_learnings_and_tinkering_are_found(demo_db):
    note_id = notes.add_note(demo_db, text="Ask about the outbox relay limits", now=NOW)
    notes.file_note(demo_db, note_id, now=NOW)
    found = kinds(search(demo_db, "outbox"))
    assert ("today", "filed note") in found
    assert ("dives", "failure mode") in found or ("dives", "deep dive") in found
    capture(demo_db, "t tried zigzagtokens in a prototype min:30", today=TODAY, now=NOW)
    (hit,) = search(demo_db, "zigzagtokens")
    assert (hit.area, hit.kind, hit.title) == ("practices", "10% tinkering log", "tried zigzagtokens in a prototype")


def test_words_are_searched_as_words(demo_db):
    for text in ['"', "OR", "kafka OR", "NEAR(", "*", "kafka*", "-kafka", "title:kafka", "'", "\x00kafka"]:
        search(demo_db, text)  # never an FTS syntax error
    assert search(demo_db, '"') == []


def test_the_index_follows_edits_deletes_and_undo(db):
    saved = capture(db, "d Zebrafish migration plan", today=TODAY, now=NOW)
    assert [hit.title for hit in search(db, "zebrafish")] == ["Zebrafish migration plan"]
    dives.update_dive(db, saved.id, findings="the quokka cache is shared", now=NOW)
    assert [hit.id for hit in search(db, "quokka")] == [saved.id]
    trash.delete(db, "deep_dive", saved.id, now=NOW, label="Zebrafish")
    assert search(db, "zebrafish") == []
    trash.undo(db, now=NOW)
    assert [hit.id for hit in search(db, "quokka")] == [saved.id]


def test_an_existing_database_gets_its_index_built_by_the_migration(db_path):
    old = open_database(db_path, today=TODAY, migrate=False)
    ensure_schema(old, today=TODAY, migrations=MIGRATIONS[:2])
    notes.add_note(old, text="a note from before search existed", now=NOW)
    old.close()
    upgraded = open_database(db_path, today=TODAY)
    assert [hit.kind for hit in search(upgraded, "before search")] == ["inbox note"]
    upgraded.close()


def test_a_search_reads_the_index_not_every_row(demo_db):
    plan = " ".join(
        row[-1]
        for row in demo_db.rows(
            "EXPLAIN QUERY PLAN SELECT t.id FROM pairing_session_fts JOIN pairing_session t"
            " ON t.id = pairing_session_fts.rowid WHERE pairing_session_fts MATCH 'kafka'"
            " ORDER BY pairing_session_fts.rowid DESC LIMIT 20"
        )
    )
    assert "VIRTUAL TABLE INDEX" in plan and "SCAN t" not in plan


def test_the_last_word_is_a_prefix_from_two_letters_and_a_lone_letter_is_a_word():
    from techtime.store.search import fts_query

    assert fts_query("kafka ev") == '"kafka" "ev"*'
    assert fts_query("event s") == '"event" "s"'  # one letter would match half the file
    assert fts_query("kafka ") == '"kafka"'  # a space ends the word
    assert fts_query('say "hi') == '"say" """hi"*'
    assert fts_query("\x00 \x1b") is None


def test_a_read_stamp_leaves_the_index_alone_and_a_title_or_status_change_updates_it(db):
    """The radar's index holds the words and the facets (status, ring, quadrant, tags) the Radar filters
    on; what it does not hold (read_at, the source, the deep dive) changes without touching it."""
    from techtime.domain.radar import RadarFilter
    from techtime.store import radar

    item = radar.add_item(db, title="Quokka caching", url="https://example.com/q", now=NOW)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    radar.update_item(db, item, read_at="2026-11-26 09:30:00", now=NOW)
    db.conn.set_trace_callback(None)
    assert not any("radar_item_fts" in statement for statement in statements)
    radar.update_item(db, item, title="Wombat caching", status="read", now=NOW)
    assert [hit.id for hit in search(db, "wombat")] == [item] and search(db, "quokka") == []
    assert radar.count_items(db, RadarFilter(status="read", text="wombat")) == 1
    assert radar.count_items(db, RadarFilter(status="inbox", text="wombat")) == 0


def test_a_word_typed_past_its_stem_keeps_finding_what_it_will_find_and_no_more(db):
    """The index holds each word's porter stem ("sourcing" -> "sourc"), which "sourci" and "sourcin" do
    not start: the radar's list and search everything emptied two keys before the word was whole."""
    from techtime.domain.radar import RadarFilter
    from techtime.store import radar

    wanted = radar.add_item(db, title="Event sourcing without tears", now=NOW)
    radar.add_item(db, title="Even faster builds", now=NOW)  # "even" is a start of "event": not wanted
    radar.add_item(db, title="Relational sourcing of sour events", tags=["data"], now=NOW)
    for line in ("event sourcing", "relational", "eventing"):
        for end in range(3, len(line) + 1):
            typed = line[:end]
            if typed.endswith(" ") or len(typed.split()[-1]) < 2:  # a lone letter is a word, not a start
                continue
            items = radar.query_items(db, RadarFilter(text=typed))
            found = {item.id for item in items}
            assert radar.count_items(db, RadarFilter(text=typed)) == len(found), typed
            assert {hit.id for hit in search(db, typed) if hit.area == "radar"} == found, typed
            if line == "event sourcing" and end >= len("event"):
                assert wanted in found, typed
            if typed.startswith("event"):
                assert not any(item.title.startswith("Even ") for item in items), typed
    # The Radar's keystroke: its bounded count, then its first page. Past the stem, the count asks the
    # stems too and the page reads them straight away; where nothing matches, no page is read.
    for typed, sent in (("event sourci", 3), ("event sourc", 2), ("sourcix", 2), ("event sour", 2)):
        traced: list[str] = []
        db.conn.set_trace_callback(traced.append)
        counted = radar.count_items(db, RadarFilter(text=typed), at_most=1001)
        page = radar.query_items(db, RadarFilter(text=typed))
        db.conn.set_trace_callback(None)
        assert (len(data_statements(traced)), len(page)) == (sent, counted), typed
    # A prefix that matches as typed is searched as typed: nothing more than before.
    assert radar.count_items(db, RadarFilter(text="sour")) == 2
    assert radar.count_items(db, RadarFilter(text="#data sourci")) == 1
    assert radar.count_items(db, RadarFilter(text="sourcix")) == 0


def test_the_stems_a_typed_word_may_have_passed_are_asked_longest_first_as_whole_words():
    from techtime.store.search import fts_fallbacks

    assert fts_fallbacks("event sourcin") == ['"event" "sourci"', '"event" "sourc"']
    assert fts_fallbacks("runni") == ['"runn"', '"run"']  # running: the stem's last letter doubled
    assert fts_fallbacks("eventi") == ['"event"', '"even"']
    assert fts_fallbacks("sourci ") == []  # a whole word is the word
    assert fts_fallbacks("kaf") == []  # no stem shorter than three letters
    assert fts_fallbacks("c++x") == fts_fallbacks("naïve") == []  # letters of English only
