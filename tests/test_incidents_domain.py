"""Incident vocabulary: severities, roles, systemic or one-off, links, the form, and promotion's rule."""

from datetime import date

import pytest

from techtime.domain import incidents as i
from techtime.errors import CaptureError, InputError

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("typed", "severity"),
    [("sev1", "sev1"), ("SEV-2", "sev2"), ("3", "sev3"), ("Sev 4", "sev4"), ("p1", "sev1"), ("", None)],
)
def test_a_severity_is_read_the_ways_people_write_it(typed, severity):
    assert i.parse_severity(typed) == severity


@pytest.mark.parametrize("typed", ["sev5", "0", "critical", "sev", "sev12"])
def test_an_unknown_severity_names_what_is_accepted(typed):
    with pytest.raises(InputError, match=r"unknown severity .*sev1, sev2, sev3, sev4"):
        i.parse_severity(typed)


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("observer", "observer"),
        ("IC", "incident commander"),
        ("Incident  Commander", "incident commander"),
        ("comms", "comms"),
        ("decision maker", "decision-maker"),
        ("decision-maker", "decision-maker"),
        ("", None),
    ],
)
def test_my_role_in_the_room(typed, role):
    assert i.parse_role(typed) == role


def test_an_unknown_role_names_the_four():
    with pytest.raises(InputError, match="observer, incident commander, comms, decision-maker"):
        i.parse_role("firefighter")


@pytest.mark.parametrize(
    ("typed", "pattern"), [("systemic", "systemic"), ("One-off", "one-off"), ("one off", "one-off"), ("", None)]
)
def test_systemic_or_one_off_or_not_judged_yet(typed, pattern):
    assert i.parse_pattern(typed) == pattern


def test_a_pattern_that_is_neither_is_refused():
    with pytest.raises(InputError, match="systemic or one-off"):
        i.parse_pattern("maybe")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "wiki/postmortems/12", "-oProxy"])
def test_a_postmortem_link_must_be_a_web_address(url):
    with pytest.raises(InputError, match=r"http:// or https://"):
        i.parse_postmortem_url(url)


def test_a_web_postmortem_link_is_kept_and_empty_is_none():
    assert i.parse_postmortem_url(" https://wiki.example.com/pm/12 ") == "https://wiki.example.com/pm/12"
    assert i.parse_postmortem_url("") is None


def test_the_form_reads_every_field():
    fields = i.parse_incident_form(
        {
            "title": "  Checkout   502s ",
            "severity": "2",
            "systems": "#gateway, payments",
            "role": "ic",
            "minutes": "1h30",
            "learned": "  The retry storm came from the mobile client.  ",
            "pattern": "systemic",
            "postmortem_url": "https://wiki.example.com/pm/12",
        },
        day=TODAY,
    )
    assert fields == i.IncidentFields(
        "Checkout 502s",
        TODAY,
        "sev2",
        ("gateway", "payments"),
        "incident commander",
        90,
        "The retry storm came from the mobile client.",
        "systemic",
        "https://wiki.example.com/pm/12",
    )


def test_the_form_needs_a_title_and_leaves_the_rest_unsaid():
    with pytest.raises(InputError, match="needs a title"):
        i.parse_incident_form({"title": "  "}, day=TODAY)
    fields = i.parse_incident_form({"title": "DNS"}, day=TODAY)
    assert (fields.severity, fields.role, fields.minutes, fields.pattern, fields.postmortem_url) == (None,) * 5


def test_a_follow_up_needs_text_and_its_owner_is_a_handle():
    assert i.parse_follow_up("  add a lag   alert ") == "add a lag alert"
    with pytest.raises(InputError):
        i.parse_follow_up(" ")
    assert i.parse_owner("@dana") == "dana"
    assert i.parse_owner("") is None
    with pytest.raises(InputError, match="not a handle"):
        i.parse_owner("@da na")


def test_the_capture_option_reads_one_to_four():
    assert i.capture_severity("1", TODAY) == "sev1"
    assert i.capture_severity("sev4", TODAY) == "sev4"
    with pytest.raises(CaptureError, match="sev:1, sev:2, sev:3 or sev:4"):
        i.capture_severity("9", TODAY)
    with pytest.raises(CaptureError):
        i.capture_severity("", TODAY)


@pytest.mark.parametrize(
    ("pattern", "dive_id", "refused"),
    [
        ("systemic", None, ""),
        ("one-off", None, "only a systemic incident"),
        (None, None, "not judged systemic yet"),
        ("systemic", 7, "already a deep dive"),
    ],
)
def test_only_a_systemic_incident_becomes_a_deep_dive_and_only_once(pattern, dive_id, refused):
    refusal = i.promotion_refusal(pattern, dive_id)
    assert (refused in refusal) if refused else refusal == ""


def test_a_tally_counts_by_severity_highest_first_and_systemic_apart():
    counted = i.tally([("sev2", "systemic"), ("sev1", "one-off"), ("sev2", None), (None, "systemic")])
    assert counted == i.Tally(total=4, systemic=2, one_off=1, by_severity=(("sev1", 1), ("sev2", 2)))
    assert i.tally([]) == i.Tally(0, 0, 0, ())


def test_words_for_a_reader_outside_engineering():
    assert i.severity_word("sev1") == "critical"
    assert i.severity_word(None) == "not rated"
    assert i.label("sev3") == "SEV3"
    assert i.label(None) == "-"


def test_m_moves_a_judgement_on_and_round():
    assert [i.next_pattern(p) for p in (None, "systemic", "one-off")] == ["systemic", "one-off", None]
