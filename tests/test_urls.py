"""Link keys: spellings of one page share a key; a #fragment makes another link."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from techtime.domain.urls import _key_by_urllib, is_openable, normalize_url


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://docs.python.org/3/library/re.html#re.sub", "https://docs.python.org/3/library/re.html#re.match"),
        ("https://app.example.com/#/settings", "https://app.example.com/#/billing"),
        ("https://example.com/page#intro", "https://example.com/page"),
    ],
)
def test_links_that_differ_by_a_fragment_are_different(first, second):
    assert normalize_url(first) != normalize_url(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com/page#", "https://example.com/page"),
        ("https://example.com/page#:~:text=durable%20execution", "https://example.com/page"),
        ("https://example.com/page#intro:~:text=x", "https://example.com/page#intro"),
        ("https://WWW.example.com/page/?utm_source=feed&fbclid=1#intro", "http://example.com/page#intro"),
    ],
)
def test_an_empty_fragment_a_text_directive_and_tracking_parameters_are_dropped(first, second):
    assert normalize_url(first) == normalize_url(second)


def test_upgrading_gives_links_with_a_fragment_their_own_key(tmp_path):
    from conftest import NOW, TODAY

    from techtime.services import radar as radar_service
    from techtime.store import migrations, radar
    from techtime.store.database import open_database

    db = open_database(tmp_path / "old.db", today=TODAY, migrate=False)
    migrations.ensure_schema(db, TODAY, migrations.MIGRATIONS[:1])
    with db.transaction() as conn:  # what schema 1 stored: the key without the fragment
        conn.execute(
            "INSERT INTO radar_item (title, url, url_key, captured_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            ("re.sub", "https://docs.python.org/3/library/re.html#re.sub", "https://docs.python.org/3/library/re.html",
             "2026-01-01 00:00:00", "2026-01-01 00:00:00"),
        )  # fmt: skip
    migrations.ensure_schema(db, TODAY)
    assert db.scalar("SELECT url_key FROM radar_item") == "https://docs.python.org/3/library/re.html#re.sub"
    entry = radar_service.Entry("re.match", "https://docs.python.org/3/library/re.html#re.match", NOW)
    summary = radar_service.import_entries(db, [entry], what="test", source="test", now=NOW)
    assert (summary.added, radar.count_all(db)) == (1, 2)
    db.close()


_PIECES = st.sampled_from(
    ["http", "https", "HTTPS", "ftp", "javascript", "://", ":", "//", "/", "?", "#", ":~:", "www.", "WWW.", "a", "Z",
     "0", ".", "-", "_", "@", "[", "]", "::1", "%20", ":8080", ":443", ":x", "utm_source=1", "&", "=", " ", "\t",
     "\n", "é", "ß", "\x01", "\\", "example.com", "text=q"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map("".join) | st.text(max_size=30) | st.builds("https://{}".format, st.text()))
def test_a_plain_link_is_keyed_as_urllib_keys_it(url):
    """Keying the common link without urllib.parse (start-up time) gives urllib's key, for any text."""
    if url.strip():
        assert normalize_url(url) == _key_by_urllib(url.strip())


@pytest.mark.parametrize(
    "url",
    ["https://Example.com/a/", "http://www.example.com", "https://example.com#", "https://example.com/p#a?b:~:c",
     "https://example.com?q=1", "https://a.b/c?#d", "https://user@example.com/", "https://[::1]/x",
     "https://example.com:8443/x", "https://exa\tmple.com/", "https://ex%41mple.com/", "HTTPS://EX.com/P#F"],
)  # fmt: skip
def test_tricky_links_are_keyed_as_urllib_keys_them(url):
    assert normalize_url(url) == _key_by_urllib(url)


def _openable_by_urllib(url):
    """is_openable as it was before its fast path for plain links: every character looked at, urlsplit."""
    from urllib.parse import urlsplit

    if not url:
        return False
    url = url.strip()
    if url.startswith("-") or any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


@given(
    st.lists(_PIECES | st.sampled_from(["-", "\x7f", "\x1f", "\u00a0", "\u2028", "-o"]), max_size=12).map("".join)
    | st.text(max_size=30)
    | st.builds("https://{}".format, st.text())
)
def test_which_links_open_is_what_urllib_says_for_any_text(url):
    assert is_openable(url) == _openable_by_urllib(url)
