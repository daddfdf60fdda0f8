"""The Markdown report and digest rendered by markdown-it-py (CommonMark + GFM tables, strikethrough
and autolinks via linkify): user text comes out as text, never as HTML, a link or an image."""

from datetime import date

import html5lib
import pytest
from conftest import NOW, TODAY
from markdown_it import MarkdownIt

from techtime.domain.dives import DiveFields
from techtime.domain.quarters import Quarter
from techtime.interchange.quarterly_report import render
from techtime.interchange.weekly_digest import weekly_digest
from techtime.services import dives as dive_service
from techtime.store import pairing, people, radar

EVIL_TITLE = "Evil](https://evil.example/x) ![p](https://evil.example/pixel.png) <img src=x onerror=alert(1)>"
HOSTILE = [
    EVIL_TITLE,
    "HTML <dialog> element",
    "__init__.py and *stars* and `code` and ~~strike~~ and $x$",
    "see www.evil.com or evil.com/x or mail@evil.com or https://evil.com/raw",
    "# not a heading",
    "1. not a list",
    "&lt;b&gt; stays as typed & so does &amp;",
]


def gfm() -> MarkdownIt:
    md = MarkdownIt("gfm-like")  # commonmark, tables, strikethrough, linkify (autolinks in text)
    md.options["linkify"] = True
    return md


def rendered(markdown: str) -> tuple[str, list, str]:
    """(the HTML, every token, the text a browser shows)."""
    md = gfm()
    tokens = md.parse(markdown)
    html = md.renderer.render(tokens, md.options, {})
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return html, tokens, " ".join("".join(tree.itertext()).split())


def walk(tokens):
    for token in tokens:
        yield token
        yield from walk(token.children or [])


@pytest.fixture
def hostile_db(db):
    q4 = Quarter(2026, 4)
    dive = dive_service.create_dive(
        db,
        DiveFields(title=EVIL_TITLE, owner="__init__.py team", doc_url="https://docs.example.com/design"),
        quarter=q4,
        now=NOW,
    ).dive_id
    dive_service.save_findings(db, dive, "First finding <b>.\nSecond line, kept.\n\nA new paragraph.", now=NOW)
    dive_service.create_dive(db, DiveFields(title="javascript doc", doc_url="javascript:alert(1)"), quarter=q4, now=NOW)
    for title in HOSTILE[1:]:
        radar.add_item(db, title=title, ring="trial", quadrant="tools", now=NOW)
    person = people.add_person(db, handle="dana", name="Dana <script>", team="[Team](https://evil.example)", now=NOW)
    pairing.add_session(
        db, person_id=person, on=date(2026, 11, 24), topic="*topic*", status="done",
        learned="Line one of the lesson\nline two: www.evil.com", now=NOW,
    )  # fmt: skip
    return db


@pytest.mark.parametrize("make", [lambda db: render(db, Quarter(2026, 4), TODAY), lambda db: weekly_digest(db, TODAY)])
def test_user_text_renders_as_text_without_html_links_or_images(hostile_db, make):
    markdown = make(hostile_db)
    html, tokens, text = rendered(markdown)
    kinds = {token.type for token in walk(tokens)}
    assert not kinds & {"html_inline", "html_block", "image", "code_inline", "code_block", "s_open", "em_open"}
    links = [token.attrs.get("href") for token in walk(tokens) if token.type == "link_open"]
    assert set(links) <= {"https://docs.example.com/design"}  # the design document's own link, nothing else
    assert "<img" not in html and "<script" not in html and "<dialog" not in html
    for value in (HOSTILE[1], HOSTILE[3], "Dana <script>", "*topic*"):
        assert value in text


def test_the_report_keeps_every_hostile_title_and_the_findings_line_breaks(hostile_db):
    markdown = render(hostile_db, Quarter(2026, 4), TODAY)
    html, tokens, text = rendered(markdown)
    for value in HOSTILE:
        assert " ".join(value.split()) in text, value
    assert "First finding &lt;b&gt;.<br />\nSecond line, kept.</p>\n<p>A new paragraph.</p>" in html
    assert "Line one of the lesson<br />\nline two: www.evil.com" in html
    assert "javascript:alert(1)" in text and "javascript:" not in "".join(
        str(t.attrs) for t in walk(tokens) if t.type == "link_open"
    )
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "# not a heading" not in headings and not any(t.type == "ordered_list_open" for t in tokens)


def test_checklists_are_plain_lists_with_marks(hostile_db):
    markdown = render(hostile_db, Quarter(2026, 4), TODAY)
    assert "- ○ Read the entire design doc" in markdown.splitlines()
    html, _, _ = rendered(markdown)
    assert "<li>○ Read the entire design doc</li>" in html


def test_the_demo_report_renders_cleanly(demo_db):
    _, tokens, text = rendered(render(demo_db, Quarter(2026, 4), TODAY))
    assert not {t.type for t in walk(tokens)} & {"html_inline", "html_block", "image"}
    assert "Technical leadership review: 2026Q4" in text
