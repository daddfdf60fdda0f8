"""The capture syntax: each kind, each option, each error."""

from datetime import date

import pytest

from techtime.domain.capture import parse_capture
from techtime.domain.quarters import Quarter
from techtime.errors import CaptureError

TODAY = date(2026, 11, 26)


def parse(text):
    return parse_capture(text, TODAY)


def test_radar_with_url_tags_ring_and_quadrant():
    item = parse("r Temporal for workflows https://temporal.io #Workflows #infra ring:Assess quadrant:platforms")
    assert item.kind == "radar"
    assert item.title == "Temporal for workflows"
    assert item.url == "https://temporal.io"
    assert item.tags == ("workflows", "infra")
    assert (item.ring, item.quadrant) == ("assess", "platforms")


def test_radar_long_word_and_quadrant_alias():
    item = parse("radar Kotlin coroutines quadrant:languages")
    assert (item.kind, item.title, item.quadrant, item.url) == (
        "radar",
        "Kotlin coroutines",
        "languages-frameworks",
        None,
    )


def test_radar_with_only_a_url_uses_it_as_the_title():
    item = parse("r https://duckdb.org/")
    assert (item.title, item.url) == ("https://duckdb.org/", "https://duckdb.org/")


def test_text_with_a_url_and_no_kind_is_a_radar_item():
    item = parse("worth a look https://example.com/post #data")
    assert (item.kind, item.title, item.url, item.tags) == (
        "radar",
        "worth a look",
        "https://example.com/post",
        ("data",),
    )


def test_text_without_a_url_is_a_note_kept_verbatim():
    item = parse("ask Priya about ring:adopt and #tags")
    assert (item.kind, item.title) == ("note", "ask Priya about ring:adopt and #tags")


def test_dive_with_quarter_and_tags():
    item = parse("d Payments ledger migration quarter:2027Q1 #payments")
    assert (item.kind, item.title, item.quarter, item.tags) == (
        "dive",
        "Payments ledger migration",
        Quarter(2027, 1),
        ("payments",),
    )


def test_dive_quarter_next_and_doc_url():
    item = parse("dive Gateway failover https://docs.example.com/failover quarter:next")
    assert item.quarter == Quarter(2027, 1)
    assert item.url == "https://docs.example.com/failover"


def test_pair_with_handle_topic_date_and_minutes():
    item = parse("p @dana event sourcing in the ledger on:next fri min:1h30")
    assert (item.kind, item.handle, item.title, item.date, item.minutes) == (
        "pair",
        "dana",
        "event sourcing in the ledger",
        date(2026, 11, 27),
        90,
    )


def test_pair_date_with_spaces_quoted_or_spread():
    assert parse('p @dana x on:"in 3 days"').date == date(2026, 11, 29)
    assert parse("p @dana x on:in 3 days").date == date(2026, 11, 29)
    assert parse("p @dana x on: yesterday").date == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected", "title"),
    [
        ("p @dana ledger walk on:Dec 3", date(2026, 12, 3), "ledger walk"),
        ("p @dana x on:2w ago", date(2026, 11, 12), "x"),
        ("p @dana x on:3 days ago", date(2026, 11, 23), "x"),
        ("p @dana x on:Dec 3rd, 2027 topic", date(2027, 12, 3), "x topic"),
        ("p @dana x on:3 Dec more", date(2026, 12, 3), "x more"),
    ],
)
def test_dates_of_several_words(text, expected, title):
    item = parse(text)
    assert (item.date, item.title) == (expected, title)


def test_a_month_without_a_day_is_refused():
    with pytest.raises(CaptureError, match="needs a day too"):
        parse("p @dana x on:Feb")


def test_tinker_with_minutes_and_date():
    item = parse("t built a token prototype min:180 on:last fri")
    assert (item.kind, item.title, item.minutes, item.date) == (
        "tinker",
        "built a token prototype",
        180,
        date(2026, 11, 20),
    )


def test_note_kind():
    assert parse("n   call Lena back ").title == "call Lena back"


def test_markup_and_escapes_are_kept_as_text():
    item = parse("n [bold]x[/] \x1b[2J")
    assert item.title == "[bold]x[/] \x1b[2J"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "nothing to capture"),
        ("r ring:maybe x", "unknown ring 'maybe': use one of adopt, trial, assess, hold"),
        ("r x quadrant:kitchen", "unknown quadrant 'kitchen'"),
        ("r", "needs a title or a URL"),
        ("d", "needs a title"),
        ("d #tag quarter:2027Q1", "needs a title"),
        ("d x quarter:2026Q5", "2026Q5"),
        ("d x ring:adopt", "ring: does not apply to a deep dive, which takes quarter: and #tags"),
        ("r x on:fri", "on: does not apply to a radar item"),
        ("p event sourcing", "needs an @handle"),
        ("p @ x", "is not a handle"),
        ("p @dana x on:someday", "on: cannot read 'someday' as a date"),
        ("t x min:abc", "min: cannot read 'abc' as a duration"),
        ("t x min:0", "out of range"),
        ("t x min:25h", "out of range"),
        ("t", "needs what you explored"),
        ("n", "an inbox note needs some text"),
        ("r x ring:adopt ring:hold", "ring: is given twice"),
        ("t x on:in 9999 years", "too far away"),
        ("d x quarter:9999Q4", "out of range"),
    ],
)
def test_errors_say_what_was_wrong_and_what_is_accepted(text, expected):
    with pytest.raises(CaptureError) as raised:
        parse(text)
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_line_longer_than_the_cap_is_refused_saying_the_cap():
    from techtime.domain.capture import MAX_LENGTH

    with pytest.raises(CaptureError, match=f"at most {MAX_LENGTH:,} characters"):
        parse("r " + "w " * MAX_LENGTH)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("t built a prototype on:fri", date(2026, 11, 20)),  # done: last Friday, not tomorrow
        ("t built a prototype on:Nov 30", date(2025, 11, 30)),  # done: the last 30 November
        ("p @priya ledger walk on:Nov 5", date(2026, 11, 5)),  # the closer 5 November: three weeks ago
        ("p @priya ledger walk on:Dec 3", date(2026, 12, 3)),  # the closer 3 December: next week
    ],
)
def test_on_reads_a_date_without_a_year_the_way_its_kind_looks(text, expected):
    assert parse(text).date == expected


def test_a_word_ending_in_a_colon_is_text_unless_this_kind_takes_that_option():
    item = parse("r Design review: the gateway failover https://example.com/review")
    assert (item.title, item.url) == ("Design review: the gateway failover", "https://example.com/review")
    assert parse("n review: the outbox relay").title == "review: the outbox relay"
    with pytest.raises(CaptureError, match="ring: does not apply to a tinkering log"):
        parse("t x ring:adopt")
