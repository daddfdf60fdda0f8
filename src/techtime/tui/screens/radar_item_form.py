"""Editing a radar item (`e` on the Radar table): its title, link, tags and notes, on the one form.

Each field is read by the rule the capture uses, so a bad value is refused under its own field; a link
another item already has is refused under the link. One `u` puts all four back.
"""

from __future__ import annotations

from techtime.domain.dives import parse_tags
from techtime.services import radar as radar_service
from techtime.services.radar import RadarItem
from techtime.tui.form import Field, Form, Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import line, safe


def item_form(screen: TechtimeScreen, item: RadarItem) -> Form[RadarItem]:
    """Dismissed with the item as saved; with None when cancelled or when nothing changed."""

    def save(values: Values) -> RadarItem | None:
        fields = (values["title"], values["url"], values["tags"], values["notes"].rstrip())
        if fields == (item.title, item.url, item.tags, item.notes):
            return None  # nothing to save, nothing to say
        return radar_service.edit_item(
            screen.db,
            item.id,
            title=values["title"],
            url=values["url"],
            tags=values["tags"],
            notes=values["notes"],
            now=screen.tt.now(),
        )

    title = line(("Edit ", "bold"), safe(item.title, "bold", width=70))
    fields = [
        Field("title", "Title", item.title, radar_service.parse_title, "e.g. Temporal for durable workflows"),
        Field("url", "Link", item.url or "", radar_service.parse_link, "https://... (empty: none)"),
        Field("tags", "Tags", " ".join(f"#{tag}" for tag in item.tags), parse_tags, "e.g. #workflows #platform"),
        Field("notes", "Notes", item.notes, multiline=True),
    ]
    return Form(title, fields, save, focus="title")
