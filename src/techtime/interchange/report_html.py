"""`techtime report --format html`: the quarterly review as one self-contained HTML file, with the
radar as it stood at the end of the quarter and the year's heat map of technical activity drawn in
(inline SVG), for pasting into a document.

The text is the Markdown report (interchange/quarterly_report.py, every user field already escaped)
rendered by markdown-it-py with raw HTML switched off, so nothing a user typed can become markup
twice over; the page has no script and refers to nothing outside itself (interchange/radar_svg.page).
"""

from __future__ import annotations

from datetime import date, timedelta

from techtime.domain.quarters import Quarter
from techtime.interchange import quarterly_report, radar_svg
from techtime.interchange.heatmap_svg import heatmap_svg
from techtime.services import practices as practice_service
from techtime.services import radar as radar_service
from techtime.store.database import Database


def render_html(db: Database, quarter: Quarter, today: date) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    body = []
    for name, markdown in quarterly_report.sections(db, quarter, today):
        body.append(md.render(markdown))
        if name == "radar":
            body.append(_radar_figure(db, quarter, today))
        elif name == "practices":
            body.append(_heatmap_figure(db, quarter, today))
    return radar_svg.page(f"Technical leadership review: {quarter}", "\n".join(body))


def _radar_figure(db: Database, quarter: Quarter, today: date) -> str:
    if quarter.first_day > today:
        return ""
    blips = radar_service.blips(db, quarter)
    if not blips:
        return ""
    svg = radar_svg.radar_svg(blips, quarter, standalone=False)
    return f'<figure class="radar">\n{svg}<figcaption>The radar at the end of {quarter}.</figcaption>\n</figure>\n'


def _heatmap_figure(db: Database, quarter: Quarter, today: date) -> str:
    last = min(quarter.last_day, today)
    if last < quarter.first_day:
        return ""
    activity = practice_service.activity_between(db, last - timedelta(days=371), last)
    caption = "Technical activity over the year: practices done, checklist steps ticked, radar items read."
    return f'<figure class="heatmap">\n{heatmap_svg(activity, last)}<figcaption>{caption}</figcaption>\n</figure>\n'
