"""Links: one normalized key per page, and which links are safe to open."""

from __future__ import annotations

# urllib.parse (with ipaddress) costs ~3 ms to import; it is imported by the functions that use it,
# so `techtime today`, which loads this module but parses no link, does not pay for it, and a plain
# link (`_plain_key`) is keyed without it, so neither does `techtime add r https://...` most of the time.

OPENABLE_SCHEMES = ("http", "https")
# Tracking parameters that make the same page look like two.
_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_KEYS = {"fbclid", "gclid", "ref_src", "igshid", "si"}


def normalize_url(url: str | None) -> str | None:
    """The key two spellings of one page share: lower-case host, no tracking parameters, no default
    port, no trailing slash, http == https.

    A `#fragment` is kept: `re.html#re.sub` and `re.html#re.match`, or an app's `/#/settings` and
    `/#/billing`, are different links. Only an empty `#` and a text directive (`#:~:text=...`, which
    only scrolls the page to a quote) are dropped.
    """
    if not url or not url.strip():
        return None
    plain = _plain_key(url.strip())
    return plain if plain is not None else _key_by_urllib(url.strip())


def _plain_key(url: str) -> str | None:
    """`_key_by_urllib`'s answer for the common link, by string operations: http(s), a host of ASCII
    letters, digits, dots and hyphens (no user, port or brackets), no query, no tab or newline (which
    urlsplit removes). None for any other link."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in OPENABLE_SCHEMES or "\t" in url or "\r" in url or "\n" in url:
        return None
    end = len(rest)
    for mark in "/?#":  # the host ends at the first of them
        index = rest.find(mark, 0, end)
        if index != -1:
            end = index
    host, path = rest[:end], rest[end:]
    letters = host.replace(".", "").replace("-", "")  # ASCII letters and digits, dots and hyphens
    if not host or not host.isascii() or (letters and not letters.isalnum()):
        return None
    path, _, fragment = path.partition("#")
    if "?" in path:
        return None
    fragment = fragment.partition(":~:")[0]
    return f"https://{host.lower().removeprefix('www.')}{path.rstrip('/')}" + (f"#{fragment}" if fragment else "")


def _key_by_urllib(url: str) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in OPENABLE_SCHEMES or not parts.hostname:
        return url
    host = parts.hostname.lower().removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_KEYS
        )
    )
    path = parts.path.rstrip("/")
    fragment = parts.fragment.partition(":~:")[0]
    return urlunsplit(("https", host, path, query, fragment))


def is_openable(url: str | None) -> bool:
    """Only http(s) links are handed to a browser: never javascript:, file: or an option-like '-...'."""
    if not url:
        return False
    url = url.strip()
    if url.startswith("-"):
        return False
    # Printable ASCII without a space has no space or control character: the common link is told by
    # two C-speed tests (a 100,000-link import went through every character in Python).
    plain = url.isascii() and url.isprintable() and " " not in url
    if not plain and any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        return False
    if plain and _plain_key(url) is not None:  # http(s) and a plain, non-empty host: what urlsplit would say
        return True
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in OPENABLE_SCHEMES and bool(parts.hostname)
