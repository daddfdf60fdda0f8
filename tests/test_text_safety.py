"""User text is shown as text: control characters and bidi overrides never reach the terminal."""

from techtime.domain.text import clean


def test_escape_sequences_become_visible_symbols():
    assert clean("\x1b[2Jgone") == "␛[2Jgone"
    assert clean("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"  # OSC 52 clipboard write
    assert clean("\x1b]8;;https://evil\x1b\\x\x1b]8;;\x1b\\") == "␛]8;;https://evil␛\\x␛]8;;␛\\"


def test_c1_controls_and_bidi_overrides_are_replaced():
    assert clean("a\x9bb") == "a\ufffdb"
    assert clean("abc\u202edcba") == "abc\ufffddcba"
    assert clean("x\u2066y\u2069") == "x\ufffdy\ufffd"


def test_newlines_fold_on_one_line_and_stay_in_multiline_text():
    assert clean("one\ntwo\r\n") == "one two  "
    assert clean("one\r\ntwo", multiline=True) == "one\ntwo"


def test_markup_is_left_alone_for_the_renderer_to_show_literally():
    assert clean("[bold]x[/]") == "[bold]x[/]"


def test_plain_text_is_unchanged():
    text = "Tomás: 10x the queue — ✓ café"
    assert clean(text) == text
    assert clean(None) == ""
