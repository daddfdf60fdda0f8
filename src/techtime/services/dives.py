"""Deep-dive use cases shared by several screens."""

from __future__ import annotations

from datetime import datetime

from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.store import dives, radar
from techtime.store.database import Database


def promote_radar_item(db: Database, item_id: int, *, quarter: Quarter, now: datetime) -> int:
    """Turn a radar item into a deep dive of `quarter`; the item keeps a link to its dive."""
    with db.transaction():
        item = radar.get_item(db, item_id)
        if item is None:
            raise InputError(f"there is no radar item {item_id}")
        if item.dive_id is not None and dives.get_dive(db, item.dive_id) is not None:
            raise InputError(f"{item.title!r} is already a deep dive")
        dive_id = dives.add_dive(db, quarter=quarter, title=item.title, doc_url=item.url, tags=item.tags, now=now)
        fields: dict = {"dive_id": dive_id}
        if item.status == "inbox":
            fields["status"] = "bookmarked"
        radar.update_item(db, item_id, now=now, **fields)
    return dive_id


def linked_radar_items(db: Database, dive_id: int) -> list[radar.RadarItem]:
    """The radar items a dive came from: the link seen from the other side."""
    return radar.items_for_dive(db, dive_id)
