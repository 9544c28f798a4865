"""Opening hours in OpenStreetMap `opening_hours` syntax, evaluated in Saxony's time zone.

Parsing and evaluation use `opening-hours-py`. Its built-in German holiday calendar knows
only nationwide holidays, so a rule that starts with `PH` ("PH off", "PH 10:00-12:00") is
rewritten to the explicit dates of Saxony's public holidays from the `holidays` package
(Reformation Day, Day of Repentance and Prayer included). `PH` inside a weekday list
("Mo-Fr,PH") is rejected by validation with a message that says how to write it instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from opening_hours import OpeningHours, State

TIMEZONE = ZoneInfo("Europe/Berlin")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RULE_SPLIT = re.compile(r"(;|\|\|)")
_PH_RULE = re.compile(r"^(\s*)PH(?=\s|$)")


class OpeningHoursError(ValueError):
    """An opening_hours expression that cannot be used."""


@dataclass(frozen=True)
class Interval:
    """An open interval in local time."""

    start: datetime
    end: datetime
    comment: str = ""


def saxon_holidays(year: int) -> list[date]:
    """Saxony's public holidays of a year."""
    return sorted(holidays.country_holidays("DE", subdiv="SN", years=year))


def _date_list(years: range) -> str:
    days = [day for year in years for day in saxon_holidays(year)]
    return ",".join(f"{d.year} {_MONTHS[d.month - 1]} {d.day:02d}" for d in days)


def _expand_public_holidays(expression: str, year: int) -> str:
    """Replace a leading `PH` selector in each rule by the explicit Saxon holiday dates."""
    if "PH" not in expression:
        return expression
    dates = _date_list(range(year - 1, year + 2))
    parts = _RULE_SPLIT.split(expression)
    for index in range(0, len(parts), 2):
        rule = parts[index]
        if _PH_RULE.match(rule):
            parts[index] = _PH_RULE.sub(lambda m: m.group(1) + dates, rule, count=1)
        elif re.search(r"\bPH\b", rule):
            raise OpeningHoursError(
                "PH (public holiday) is supported only at the start of its own rule, "
                'e.g. "Mo-Fr 09:00-17:00; PH off"'
            )
    return "".join(parts)


@lru_cache(maxsize=4096)
def _compiled(expression: str, year: int) -> OpeningHours:
    try:
        return OpeningHours(
            _expand_public_holidays(expression, year), auto_country=False, auto_timezone=False
        )
    except OpeningHoursError:
        raise
    except Exception as exc:  # the library raises its own ParserError / SyntaxError
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise OpeningHoursError(f"not valid opening_hours syntax: {first_line}") from exc


def check(expression: str) -> None:
    """Raise OpeningHoursError when the expression cannot be parsed or used."""
    _compiled(expression, datetime.now(TIMEZONE).year)


def local_time(moment: datetime) -> datetime:
    """A naive local time in Saxony for an aware (any zone) or naive (local) datetime."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(TIMEZONE)
    return moment.replace(tzinfo=None)


def is_open(expression: str, moment: datetime) -> bool | None:
    """True/False when known; None for an empty or 'unknown' expression."""
    if not expression.strip():
        return None
    local = local_time(moment)
    state = _compiled(expression, local.year).state(local)[0]
    if state == State.UNKNOWN:
        return None
    return bool(state == State.OPEN)


def intervals_on(expression: str, day: date) -> list[Interval]:
    """The open intervals of one local day, in order."""
    if not expression.strip():
        return []
    start = datetime(day.year, day.month, day.day)
    end = start + timedelta(days=1)
    result = []
    for begin, finish, state, comment in _compiled(expression, day.year).intervals(start, end):
        if state == State.OPEN:
            result.append(Interval(max(begin, start), min(finish, end), comment))
    return result
