"""The radar's vocabulary: rings, quadrants and reading statuses."""

from __future__ import annotations

RINGS = ("adopt", "trial", "assess", "hold")
QUADRANTS = ("techniques", "platforms", "tools", "languages-frameworks")
STATUSES = ("inbox", "bookmarked", "read", "archived")

QUADRANT_LABELS = {
    "techniques": "Techniques",
    "platforms": "Platforms",
    "tools": "Tools",
    "languages-frameworks": "Languages & Frameworks",
}
# Shorter spellings people type; each maps to its canonical name.
_QUADRANT_ALIASES = {
    "technique": "techniques",
    "platform": "platforms",
    "tool": "tools",
    "languages": "languages-frameworks",
    "frameworks": "languages-frameworks",
    "languages-and-frameworks": "languages-frameworks",
    "languages&frameworks": "languages-frameworks",
    "lang": "languages-frameworks",
}


def normalize_ring(value: str) -> str | None:
    """The canonical ring for what was typed, or None if it is not a ring."""
    value = value.strip().lower()
    return value if value in RINGS else None


def normalize_quadrant(value: str) -> str | None:
    value = value.strip().lower().replace(" ", "-").replace("_", "-")
    if value in QUADRANTS:
        return value
    return _QUADRANT_ALIASES.get(value)
