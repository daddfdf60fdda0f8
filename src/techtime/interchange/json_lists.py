"""Reading JSON files from other tools: parse once, name the item that is wrong."""

from __future__ import annotations

import json

from techtime.errors import InputError


def load(text: str, what: str) -> object:
    try:
        return json.loads(text.lstrip("\ufeff"))
    except ValueError as error:
        raise InputError(f"not {what}: {error}") from None


def peek(content: str | bytes) -> object:
    """The parsed JSON of a file that looks like JSON, else None (for sniffing)."""
    if isinstance(content, bytes):
        return None
    stripped = content.lstrip("\ufeff \t\r\n")
    if not stripped.startswith(("{", "[")):
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def text(item: dict[str, object], key: str, where: str, *, required: bool = False) -> str:
    value = item.get(key)
    if value is None:
        if required:
            raise InputError(f"{where}: {key} is missing")
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: {key} is not text")
    return value


def names(value: object, where: str, key: str) -> list[str]:
    """A list of tags as strings, or as objects with a name."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where}: {key} is not a list")
    found = []
    for tag in value:
        if isinstance(tag, dict) and isinstance(tag.get("name"), str):
            found.append(tag["name"])
        elif isinstance(tag, str):
            found.append(tag)
        else:
            raise InputError(f"{where}: {key} holds {tag!r}, not a tag name")
    return found
