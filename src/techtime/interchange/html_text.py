"""HTML written by other tools (BYOR descriptions, read-later apps' notes) read back as plain text.

Tags are dropped and entities decoded; `<br>` becomes a line break and a block (`<p>`, `<li>`,
a heading) a paragraph; the links' targets are collected in order. Nothing is ever rendered or
fetched: this is the standard library's tokenizer, not a browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "section"}
)
_HIDDEN = frozenset({"script", "style", "template", "head", "title"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class Text:
    """What a piece of HTML says: `text` (paragraphs separated by a blank line) and the `links`
    (href values, in document order, as written)."""

    __slots__ = ("links", "text")

    def __init__(self, text: str, links: list[str]) -> None:
        self.text = text
        self.links = links


def html_to_text(markup: str) -> Text:
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    return parser.result()


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCKS:
            self._parts.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href")
            if href:
                self._links.append(href.strip())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts.append(_SPACES.sub(" ", data))

    def result(self) -> Text:
        lines = [line.strip() for line in "".join(self._parts).split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        return Text(text, self._links)
