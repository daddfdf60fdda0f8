"""The decision journal's rules: bands, Brier score, partly = half, the frozen prediction, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from techtime.domain import decisions as d
from techtime.domain.decisions import Amendment, Outcome
from techtime.errors import CaptureError, InputError

TODAY = date(2026, 11, 26)


def outcome(confidence, held=None, grade=None, i=1):
    return Outcome(i, f"call {i}", confidence, held, grade)


def test_each_confidence_lands_in_its_band_from_50_to_99():
    assert d.band_of(50) == (50, 59)
    assert d.band_of(59) == (50, 59)
    assert d.band_of(60) == (60, 69)
    assert d.band_of(89) == (80, 89)
    assert d.band_of(99) == (90, 99)
    with pytest.raises(ValueError):
        d.band_of(49)


def test_calibration_counts_per_band_and_partly_counts_half():
    result = d.calibrate(
        [outcome(80, "yes"), outcome(85, "partly"), outcome(82, "no"), outcome(70, "yes"), outcome(95, "partly")]
    )
    bands = {band.label: band for band in result.bands}
    assert [band.label for band in result.bands] == ["50-59 %", "60-69 %", "70-79 %", "80-89 %", "90-99 %"]
    assert (bands["80-89 %"].calls, bands["80-89 %"].held) == (3, 1.5)
    assert bands["80-89 %"].rate == 0.5
    assert (bands["70-79 %"].calls, bands["70-79 %"].held) == (1, 1.0)
    assert (bands["90-99 %"].calls, bands["90-99 %"].held) == (1, 0.5)
    assert bands["50-59 %"].rate is None
    assert result.reviewed == 5
    assert result.held == 3.0


def test_brier_score_is_the_mean_squared_gap_with_partly_as_half():
    assert d.brier_score([(80, "yes")]) == pytest.approx(0.04)
    assert d.brier_score([(80, "no")]) == pytest.approx(0.64)
    assert d.brier_score([(80, "partly")]) == pytest.approx(0.09)
    assert d.brier_score([(80, "yes"), (60, "no")]) == pytest.approx((0.04 + 0.36) / 2)
    assert d.brier_score([]) is None
    assert d.calibrate([outcome(90, "yes"), outcome(90, "partly")]).brier == pytest.approx((0.01 + 0.16) / 2)


def test_open_and_unscored_decisions_are_counted_apart():
    result = d.calibrate([outcome(70), outcome(None, "yes", 3), outcome(75, "yes")])
    assert result.open == 1  # a confidence, no verdict yet
    assert result.reviewed == 1  # the one without a confidence is not scored
    assert result.stated == 75


def test_the_two_kinds_of_luck_are_listed_apart():
    result = d.calibrate(
        [
            outcome(80, "no", 5, i=1),  # good process, bad outcome
            outcome(70, "yes", 1, i=2),  # bad process, good outcome
            outcome(70, "partly", 5, i=3),  # neither
            outcome(60, "yes", 4, i=4),  # deserved
        ]
    )
    assert [o.decision_id for o in result.good_process_bad_outcome] == [1]
    assert [o.decision_id for o in result.bad_process_good_outcome] == [2]


def test_calibration_in_one_sentence():
    assert d.calibration_sentence(d.calibrate([outcome(70)])) == (
        "No decision has been reviewed against its prediction yet (1 waiting for their review date)."
    )
    sentence = d.calibration_sentence(d.calibrate([outcome(90, "yes"), outcome(90, "no"), outcome(90, "partly")]))
    assert sentence.startswith("Of 3 reviewed calls, 1.5 held (50 %) against an average stated confidence of 90 %")
    assert "overconfident" in sentence and "Brier score 0.33" in sentence


def test_a_proposed_decision_is_edited_in_place_a_decided_one_gets_dated_amendments():
    current = {"prediction": "Live in 6 weeks", "confidence": 70}
    direct, amended = d.frozen_changes("proposed", current, {"prediction": "Live in 8 weeks", "confidence": 75}, TODAY)
    assert direct == {"prediction": "Live in 8 weeks", "confidence": 75} and amended == ()

    direct, amended = d.frozen_changes("decided", current, {"prediction": "Live in 8 weeks", "confidence": 70}, TODAY)
    assert direct == {}
    assert amended == (Amendment("prediction", "Live in 8 weeks", TODAY),)
    for status in ("superseded", "reversed"):
        assert d.frozen_changes(status, current, {"confidence": 90}, TODAY) == (
            {},
            (Amendment("confidence", "90", TODAY),),
        )


def test_the_current_value_is_the_latest_amendment_and_the_original_stays():
    amendments = [Amendment("confidence", "80", date(2026, 1, 1)), Amendment("confidence", "65", date(2026, 2, 1))]
    assert d.current_value(70, amendments, "confidence") == 65
    assert d.current_value("Live in 6 weeks", amendments, "prediction") == "Live in 6 weeks"
    # Calibration scores what was written before the outcome was known, not the amendment.
    assert d.calibrate([outcome(70, "yes")]).stated == 70


def test_review_dates_default_to_one_90_days_on_and_look_forward():
    assert d.parse_review_dates("", TODAY, TODAY) == (date(2027, 2, 24),)
    assert d.parse_review_dates("Mar 1, 2027-06-01", TODAY, TODAY) == (date(2027, 3, 1), date(2027, 6, 1))
    assert d.parse_review_dates("fri", TODAY, TODAY) == (date(2026, 11, 27),)
    with pytest.raises(InputError, match=r"^review date: 2026-10-01 is before the decision's date \(2026-11-26\)"):
        d.parse_review_dates("2026-10-01", TODAY, TODAY)


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (d.parse_status, "maybe", "status: unknown status 'maybe': use one of proposed, decided, superseded, reversed"),
        (d.parse_door, "revolving", "reversibility: unknown door 'revolving': use two-way or one-way"),
        (d.parse_confidence, "45", "confidence: '45' is not accepted: use a whole percentage from 50 to 99"),
        (d.parse_confidence, "100", "confidence: '100' is not accepted"),
        (d.parse_confidence, "0.7", "confidence: '0.7' is not accepted"),
        (d.parse_blast_radius, "huge", "blast radius: unknown size 'huge': use one of small, medium, large"),
        (d.parse_held, "maybe", "held: 'maybe' is not accepted"),
        (d.parse_grade, "6", "process grade: '6' is not accepted: use 1 to 5"),
    ],
)
def test_bad_input_names_the_field_and_what_is_accepted(parse, text, message):
    with pytest.raises(InputError) as caught:
        parse(text)
    assert str(caught.value).startswith(message)


def test_words_people_type_are_read():
    assert d.parse_status("Accepted") == "decided"
    assert d.parse_door("one way door") == "one-way"
    assert d.parse_door("reversible") == "two-way"
    assert d.parse_door("") == ""
    assert d.parse_confidence("70%") == 70
    assert d.parse_confidence("") is None
    assert d.parse_held("P") == "partly"
    assert d.parse_kind("build vs buy") == "build-vs-buy"


def test_people_consulted_must_be_on_the_roster():
    roster = ["priya", "Sam"]
    assert d.parse_handles("@priya, sam @PRIYA", roster) == ("priya", "Sam")
    with pytest.raises(
        InputError, match=r"^consulted: '@dana' is not on the roster: use handles of the roster, e\.g\. @Sam"
    ):
        d.parse_handles("@priya @dana", roster)


def test_the_form_is_read_whole_or_refused():
    values = {"title": "  Buy a  portal ", "status": "decided", "confidence": "80", "door": "two-way",
              "consulted": "@priya", "review_dates": "", "tags": "#platform"}  # fmt: skip
    fields = d.parse_decision_form(values, today=TODAY, roster=["priya"])
    assert (fields.title, fields.decided_on, fields.confidence, fields.consulted) == (
        "Buy a portal",
        TODAY,
        80,
        ("priya",),
    )
    assert fields.review_dates == (date(2027, 2, 24),) and fields.tags == ("platform",)
    with pytest.raises(InputError, match=r"^consulted:"):
        d.parse_decision_form({**values, "consulted": "@ghost"}, today=TODAY, roster=["priya"])
    with pytest.raises(InputError, match=r"^review date:"):
        d.parse_decision_form(
            {**values, "date": "2026-11-01", "review_dates": "2026-10-01", "consulted": ""}, today=TODAY, roster=[]
        )


def test_options_need_titles_once_each_and_one_chosen_at_most():
    options = [d.OptionFields("Build on Backstage"), d.OptionFields("Buy Port", chosen=True)]
    assert d.check_options(options) == tuple(options)
    with pytest.raises(InputError, match=r"^options: choose one option at most"):
        d.check_options([o._replace(chosen=True) for o in options])
    with pytest.raises(InputError, match=r"^options: two options have the same title"):
        d.check_options([d.OptionFields("Buy Port"), d.OptionFields("buy port")])


def test_capture_options_conf_and_review():
    assert d.confidence_option("70", TODAY) == 70
    with pytest.raises(CaptureError, match=r"^conf: '40' is not accepted: use a whole percentage from 50 to 99"):
        d.confidence_option("40", TODAY)
    assert d.review_option("Mar 3", TODAY) == date(2027, 3, 3)  # a date without a year: its next occurrence
    assert d.review_option("Dec 3", TODAY) == date(2026, 12, 3)
    with pytest.raises(CaptureError, match=r"^review: 2026-11-01 is before the decision's date"):
        d.review_option("2026-11-01", TODAY)


def test_a_review_needs_what_happened_a_verdict_and_a_grade():
    fields = d.parse_review_form({"happened": "Live in 7 weeks", "held": "partly", "grade": "4"}, today=TODAY,
                                 decided_on=date(2026, 8, 1))  # fmt: skip
    assert fields == d.ReviewFields(TODAY, "Live in 7 weeks", "partly", 4, "")
    with pytest.raises(InputError, match=r"^what happened:"):
        d.parse_review_form({"held": "yes", "grade": "4"}, today=TODAY, decided_on=TODAY)


def test_a_snooze_moves_a_review_ahead():
    d.check_snooze(date(2026, 12, 10), TODAY, date(2026, 8, 1))
    with pytest.raises(InputError, match=r"^snooze: 2026-11-26 is not ahead"):
        d.check_snooze(TODAY, TODAY, date(2026, 8, 1))


def test_blast_radius_and_reversibility_in_one_line():
    assert d.one_line("large", "every payment", "one-way", "a quarter of rework") == (
        "blast radius large (every payment); hard to reverse (a one-way door), cost to reverse: a quarter of rework"
    )
    assert d.one_line("", "", "two-way", "") == "reversible (a two-way door)"
    assert d.one_line("", "", "", "") == ""
