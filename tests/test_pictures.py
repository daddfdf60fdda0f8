"""The radar picture (SVG and HTML) and the quarterly review as HTML, checked as files and in a real
browser: headless Chromium (Debian's `chromium`) renders them to PNG, its DOM holds one blip per
item, and its network log shows that the pages asked for nothing (a control page that does ask is
caught by the same check). Chromium runs offline: every host name resolves to nothing."""

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import html5lib
import pytest
from conftest import NOW, TODAY, run_cli

from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.interchange import radar_svg
from techtime.interchange.report_html import render_html
from techtime.services import radar as radar_service
from techtime.store import radar

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt install it)")
SVG = "{http://www.w3.org/2000/svg}"
# Anything that would make a page fetch: a URL with a scheme or a host in an attribute or in CSS.
FETCHING = re.compile(r"""(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)"""
                      r"""|url\s*\(|@import""", re.IGNORECASE)  # fmt: skip


def dom(markup: str):
    return html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False)


def blips_in(tree) -> list:
    return [g for g in tree.iter() if str(g.tag).endswith("g") and "blip" in (g.get("class") or "").split()]


# As files --------------------------------------------------------------------------------------


def test_the_standalone_svg_has_quadrants_rings_a_numbered_blip_per_item_and_a_legend(demo_db):
    text = radar_svg.export_svg(demo_db, TODAY)
    root = ET.fromstring(text.encode("utf-8"))  # well-formed XML, as an SVG file must be
    assert root.tag == f"{SVG}svg"
    blips = [g for g in root.iter(f"{SVG}g") if g.get("class") == "blip"]
    expected = radar_service.blips(demo_db, Quarter.containing(TODAY))
    assert len(blips) == len(expected) == 14
    assert [int(g.get("data-number")) for g in blips] == list(range(1, 15))
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("class") == "ring"]) == 4
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for label in ("Techniques", "Platforms", "Tools", "Languages & Frameworks", "Adopt", "Trial", "Assess", "Hold"):
        assert label in texts
    assert "12. ▲ Kotlin coroutines (Adopt)" in texts  # moved in this quarter
    assert "8. ▼ Backstage software catalog (Hold)" in texts  # moved out
    assert {g.get("data-status") for g in blips} == {"New", "Moved In", "Moved Out", "No Change"}
    assert not FETCHING.search(text)


def test_names_are_escaped_and_a_quarter_draws_the_radar_as_it_stood(db):
    item = radar.add_item(db, title='<script>alert("x")</script> & </svg>', now=NOW)
    radar_service.place(db, item, ring="trial", quadrant="tools", now=NOW)
    text = radar_svg.export_html(db, TODAY)
    assert "<script>" not in text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;/svg&gt;" in text
    (blip,) = blips_in(dom(text))
    title = next(element for element in blip.iter() if str(element.tag).endswith("title"))
    assert "".join(title.itertext()) == '1. <script>alert("x")</script> & </svg> (new)'
    with pytest.raises(InputError, match="nothing to draw: no radar item had both a ring and a quadrant at the end of"):
        radar_svg.export_svg(db, TODAY, quarter=Quarter(2026, 3))  # placed in Q4 only
    with pytest.raises(InputError, match="2027Q1 has not started yet"):
        radar_svg.export_svg(db, TODAY, quarter=Quarter(2027, 1))


def test_the_demo_radar_at_the_end_of_last_quarter(demo_db, db_path):
    q3 = radar_svg.export_svg(demo_db, TODAY, quarter=Quarter(2026, 3))
    q3_blips = radar_service.blips(demo_db, Quarter(2026, 3))
    assert q3.count('class="blip"') == len(q3_blips) and q3_blips
    titles = {blip.item.title for blip in q3_blips}
    assert "Temporal for durable workflows" not in titles  # placed in Q4
    result = run_cli("--demo", "export", "--format", "radar-svg", "--quarter", "2026Q3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('class="blip"') == len(q3_blips)


def test_the_html_pages_allow_nothing_but_themselves(demo_db):
    for text in (radar_svg.export_html(demo_db, TODAY), render_html(demo_db, Quarter(2026, 4), TODAY)):
        tree = dom(text)
        policy = next(m.get("content") for m in tree.iter("meta") if m.get("http-equiv") == "Content-Security-Policy")
        assert policy.startswith("default-src 'none'; style-src 'sha256-")
        assert not list(tree.iter("script")) and not list(tree.iter("link")) and not list(tree.iter("img"))
        assert not FETCHING.search(text.replace("<a href=", "<a x="))  # links to click are not fetched
        assert "http://www.w3.org" not in text  # inline SVG needs no namespace


def test_the_html_review_has_the_report_the_radar_and_the_heat_map(demo_db, db_path, tmp_path):
    text = render_html(demo_db, Quarter(2026, 4), TODAY)
    tree = dom(text)
    assert "".join(next(tree.iter("h1")).itertext()) == "Technical leadership review: 2026Q4"
    assert len(blips_in(tree)) == 14
    days = [r for r in tree.iter() if str(r.tag).endswith("rect") and r.get("class") == "day"]
    assert 360 <= len(days) <= 371
    assert {"Deep dives", "Pairing with engineers", "Technology radar", "Keeping up the practices"} <= {
        "".join(h.itertext()) for h in tree.iter("h2")
    }
    output = tmp_path / "review.html"
    result = run_cli("--demo", "report", "--format", "html", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").count('class="blip"') == 14
    refused = run_cli("report", "--week", "--format", "html", db_path=db_path)
    assert refused.returncode == 2 and "--format html is for the quarterly review" in refused.stderr


# In a browser ----------------------------------------------------------------------------------


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-pings",
        "--disable-domain-reliability",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no host name resolves, nothing leaves the machine
        f"--user-data-dir={profile}",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def page_requests(net_log: Path) -> list[str]:
    """The URLs the page itself asked for, from Chromium's network log (the browser's own background
    requests have no initiating origin)."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    found = []
    for event in log["events"]:
        params = event.get("params", {})
        started = names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params
        if started and params.get("initiator") != "not an origin":
            found.append(params["url"])
    return found


@needs_chromium
def test_chromium_renders_both_pictures_counts_the_blips_and_fetches_nothing(demo_db, tmp_path):
    pages = {
        "radar.html": radar_svg.export_html(demo_db, TODAY),
        "review.html": render_html(demo_db, Quarter(2026, 4), TODAY),
        # The control: a page that does fetch (a closed port on this machine) must be caught.
        "control.html": '<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:9/pixel.png">',
    }
    for name, markup in pages.items():
        path = tmp_path / name
        path.write_text(markup, encoding="utf-8")
        png, net_log = tmp_path / f"{path.stem}.png", tmp_path / f"{path.stem}.json"
        shot = chromium(path, tmp_path / f"profile-{path.stem}", "--window-size=1300,2000",
                        f"--screenshot={png}", f"--log-net-log={net_log}")  # fmt: skip
        assert shot.returncode == 0, shot.stderr[-2000:]
        requests = page_requests(net_log)
        if name == "control.html":
            assert requests == ["http://127.0.0.1:9/pixel.png"]
            continue
        assert requests == [], requests
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
        dumped = chromium(path, tmp_path / f"dom-{path.stem}", "--dump-dom")
        assert dumped.returncode == 0, dumped.stderr[-2000:]
        assert len(blips_in(dom(dumped.stdout))) == 14


@needs_chromium
def test_chromium_opens_the_standalone_svg(demo_db, tmp_path):
    path = tmp_path / "radar.svg"
    path.write_text(radar_svg.export_svg(demo_db, TODAY), encoding="utf-8")
    dumped = chromium(path, tmp_path / "profile", "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    assert dumped.stdout.count('class="blip"') == 14


def test_the_heat_map_shades_busier_days_darker():
    from techtime.interchange.heatmap_svg import SHADES, heatmap_svg

    text = heatmap_svg({date(2026, 11, 2): 1, date(2026, 11, 3): 6}, date(2026, 11, 26))
    assert f'fill="{SHADES[1]}"><title>Mon 02 Nov 2026: 1</title>' in text
    assert f'fill="{SHADES[4]}"><title>Tue 03 Nov 2026: 6</title>' in text
    ET.fromstring(text.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
