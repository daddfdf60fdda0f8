"""Saying a cadence in words ("weekly on mon", "every 3 months") and reading an RRULE back as words."""

from __future__ import annotations

import re
from datetime import date

from techtime.domain.cadence import RuleError, validate_rule
from techtime.domain.dates import WEEKDAYS

ACCEPTED_RULES = (
    "daily, weekly, weekly on mon, every wed, every 2 weeks on fri, twice a month, monthly, "
    "monthly on the 15th, every 3 months (or quarterly), yearly, or a raw rule like FREQ=WEEKLY;BYDAY=TU"
)
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Patterns as text: re compiles each on first use (and caches it), not on every start.
_EVERY_RE = r"^every (\d+) (day|week|month|year)s?(?: on (.+))?$"
_WEEKLY_RE = r"^(?:weekly|every week)(?: on (.+))?$"
_MONTHLY_ON_RE = r"^monthly on the (\d{1,2})(?:st|nd|rd|th)?$"


def rule_from_text(text: str, *, validate_from: date | None = None) -> str:
    """Turn what the leader typed into an RRULE body; raise RuleError naming the accepted forms."""
    words = " ".join(text.strip().lower().replace(",", " , ").split()).replace(" , ", ",")
    if not words:
        raise RuleError(f"a cadence is missing: use {ACCEPTED_RULES}")
    if words.upper().startswith(("FREQ=", "RRULE:")):
        rule = text.strip().upper().removeprefix("RRULE:")
    else:
        rule = _from_words(words)
    if validate_from is not None:
        validate_rule(rule, validate_from)
    return rule


def _from_words(words: str) -> str:
    simple = {
        "daily": "FREQ=DAILY",
        "every day": "FREQ=DAILY",
        "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "monthly": "FREQ=MONTHLY;BYMONTHDAY=1",
        "every month": "FREQ=MONTHLY;BYMONTHDAY=1",
        "twice a month": "FREQ=MONTHLY;BYMONTHDAY=1,15",
        "quarterly": "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1",
        "every quarter": "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1",
        "yearly": "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
        "every year": "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
        "annually": "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
    }
    if words in simple:
        return simple[words]
    if words.startswith("every ") and words.removeprefix("every ") in WEEKDAYS:
        return f"FREQ=WEEKLY;BYDAY={_days(words.removeprefix('every '))}"
    if match := re.match(_WEEKLY_RE, words):
        return "FREQ=WEEKLY" + (f";BYDAY={_days(match.group(1))}" if match.group(1) else ";BYDAY=MO")
    if match := re.match(_MONTHLY_ON_RE, words):
        day = int(match.group(1))
        if not 1 <= day <= 31:
            raise RuleError(f"there is no day {day} in a month: use {ACCEPTED_RULES}")
        return f"FREQ=MONTHLY;BYMONTHDAY={day}"
    if match := re.match(_EVERY_RE, words):
        interval, unit, days = int(match.group(1)), match.group(2), match.group(3)
        if interval < 1:
            raise RuleError(f"every {interval} {unit}s never happens: use {ACCEPTED_RULES}")
        if unit == "month" and interval == 3 and not days:
            return "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1"
        base = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}[unit]
        rule = f"FREQ={base};INTERVAL={interval}"
        if days:
            rule += f";BYDAY={_days(days)}"
        elif unit == "week":
            rule += ";BYDAY=MO"
        elif unit == "month":
            rule += ";BYMONTHDAY=1"
        return rule
    raise RuleError(f"cannot read the cadence {words!r}: use {ACCEPTED_RULES}")


def _days(text: str) -> str:
    codes = []
    for name in re.split(r"[,\s]+|\band\b", text):
        if not name:
            continue
        if name not in WEEKDAYS:
            raise RuleError(f"{name!r} is not a weekday: use mon, tue, wed, thu, fri, sat or sun")
        codes.append(_DAY_CODES[WEEKDAYS[name]])
    return ",".join(dict.fromkeys(codes))


def describe_rule(rule: str) -> str:
    """Words for a rule, for lists and help ("every Monday", "monthly", "every 3 months")."""
    parts = dict(part.split("=", 1) for part in rule.upper().removeprefix("RRULE:").split(";") if "=" in part)
    freq, interval = parts.get("FREQ", ""), int(parts.get("INTERVAL", "1"))
    days = [
        _DAY_NAMES[_DAY_CODES.index(code[-2:])] for code in parts.get("BYDAY", "").split(",") if code[-2:] in _DAY_CODES
    ]
    if freq == "DAILY":
        return "daily" if interval == 1 else f"every {interval} days"
    if freq == "WEEKLY":
        on = " and ".join(days) if days else ""
        if days == list(_DAY_NAMES[:5]):
            on = "weekday"
        return (f"every {on}" if interval == 1 else f"every {interval} weeks on {on}") if on else "weekly"
    if freq == "YEARLY" and parts.get("BYMONTH") == "1,4,7,10":
        return "every quarter"
    if freq == "MONTHLY":
        monthday = parts.get("BYMONTHDAY", "1")
        if monthday == "1,15":
            return "twice a month"
        if interval == 1:
            return "monthly" if monthday == "1" else f"monthly on the {_ordinal(monthday)}"
        return f"every {interval} months"
    if freq == "YEARLY":
        return "yearly" if interval == 1 else f"every {interval} years"
    return rule


def _ordinal(number: str) -> str:
    value = int(number) if number.lstrip("-").isdigit() else 0
    if value < 1:
        return number
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def occurrence_noun(rule: str) -> str:
    """What one occurrence is called in "9 of 13 Mondays", "2 of 3 months"."""
    parts = dict(part.split("=", 1) for part in rule.upper().removeprefix("RRULE:").split(";") if "=" in part)
    freq, days = parts.get("FREQ", ""), parts.get("BYDAY", "").split(",")
    if freq == "WEEKLY" and len(days) == 1 and days[0][-2:] in _DAY_CODES and parts.get("INTERVAL", "1") == "1":
        return _DAY_NAMES[_DAY_CODES.index(days[0][-2:])] + "s"
    if freq == "YEARLY" and parts.get("BYMONTH") == "1,4,7,10":
        return "quarters"
    return {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}.get(freq, "times")
