"""Filing a page sent from the browser (a techtime:// link) in the radar inbox.

The one thing a link can do: add one inbox item. A page already on the radar (the same
normalized link as imports use) is left exactly as it is.
"""

from __future__ import annotations

from datetime import datetime

from techtime.domain.capture_link import CaptureLink
from techtime.records import NamedTuple
from techtime.store import radar
from techtime.store.database import Database

SOURCE = "browser"


class Filed(NamedTuple):
    """What a link did: `added` False means the page was on the radar already, and nothing changed."""

    id: int
    title: str
    url: str
    added: bool

    def summary(self) -> str:
        if self.added:
            return f"added to the radar inbox: radar item {self.id}: {self.title}"
        return f"already on the radar: radar item {self.id}: {self.title}; nothing added"


def file_link(db: Database, link: CaptureLink, *, now: datetime) -> Filed:
    """Add the page as one radar inbox item (the selection as its notes), unless its link is there."""
    with db.transaction():
        existing = radar.find_by_url(db, link.url)
        if existing is not None:
            return Filed(existing.id, existing.title, existing.url or link.url, added=False)
        item_id = radar.add_item(
            db, title=link.title, url=link.url, tags=link.tags, notes=link.notes, source=SOURCE, now=now
        )
        return Filed(item_id, link.title, link.url, added=True)
