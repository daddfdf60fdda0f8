"""One way to read a length of time, in captures, session forms and practice forms alike."""

import pytest

from techtime.domain.durations import parse_minutes
from techtime.errors import InputError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("90", 90), ("90m", 90), ("90 min", 90), ("1h", 60), ("1.5h", 90), ("1h30", 90), ("3 hours", 180), ("24h", 1440)],
)
def test_accepted(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["", "lots", "0", "25h", "-5", "1h-30"])
def test_refused_with_the_accepted_forms(text):
    with pytest.raises(InputError) as raised:
        parse_minutes(text)
    assert "\n" not in str(raised.value) and ("1h30" in str(raised.value))
