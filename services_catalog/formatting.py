"""Locale formatting with babel: distances, weekdays, opening hours, dates, language names,
phone numbers (phonenumbers)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import phonenumbers
from babel import Locale
from babel.dates import format_date, format_time
from babel.units import format_unit

from services_catalog import hours
from services_catalog.values import parse_phone

RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ur", "he"})


def text_direction(lang: str) -> str:
    """'rtl' for right-to-left languages, else 'ltr'."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def format_distance(km: float, lang: str, approximate: bool = False) -> str:
    """A distance for people: '400 m' below 1 km, '3.2 km' below 10 km, '27 km' beyond.
    An approximate distance (to a postcode area or a town centre) is given in whole km, at
    least 1 km: no more precision than the data has."""
    if approximate:
        return _spaced(
            format_unit(max(1, round(km)), "length-kilometer", length="short", locale=lang)
        )
    if km < 1:
        meters = max(100, round(km * 10) * 100)
        return _spaced(format_unit(meters, "length-meter", length="short", locale=lang))
    value = round(km, 1) if km < 10 else round(km)
    return _spaced(format_unit(value, "length-kilometer", length="short", locale=lang))


_NUMBER_GLUED_TO_WORD = re.compile(r"(\d)(?=[^\W\d_])")


def _spaced(text: str) -> str:
    """CLDR writes some short units glued to the number ('400متر' in Persian): a reader needs
    the space every other language has ('400 متر')."""
    return _NUMBER_GLUED_TO_WORD.sub("\\1\u00a0", text)


def weekday_name(day: date, lang: str) -> str:
    """The weekday's full name in the language ('Freitag', 'الجمعة')."""
    return format_date(day, "EEEE", locale=lang)


def format_day(day: date, lang: str) -> str:
    """A date in the language's medium format."""
    return format_date(day, "medium", locale=lang)


def hours_on(expression: str, day: date, lang: str) -> list[str]:
    """The open intervals of one day as '09:00–12:00' strings in the language."""
    result = []
    for interval in hours.intervals_on(expression, day):
        start = format_time(interval.start.time(), "short", locale=lang)
        end_time = interval.end.time() if interval.end.date() == day else datetime.min.time()
        end = format_time(end_time, "short", locale=lang) if interval.end.date() == day else "24:00"
        result.append(f"{start}–{end}")
    return result


def week_in_words(expression: str, lang: str, week_of: date) -> list[tuple[str, list[str]]]:
    """(weekday name, intervals) for the seven days from the Monday of `week_of`."""
    monday = week_of - timedelta(days=week_of.weekday())
    days = [monday + timedelta(days=offset) for offset in range(7)]
    return [(weekday_name(day, lang), hours_on(expression, day, lang)) for day in days]


# CLDR writes these languages' names capitalised ("Tiếng Đức"); inside a sentence Vietnamese
# writes "tiếng Đức".
_LOWER_IN_SENTENCES = frozenset({"vi"})


def language_name(code: str, in_lang: str | None = None) -> str:
    """A language's name. Without `in_lang`: its own name as a label stands alone (the picker,
    'Polski', 'Русский', 'العربية'), capitalised like the start of a sentence. With `in_lang`:
    the name as it is written inside a sentence of that language ('Языки: немецкий',
    'Sprachen: Arabisch'), as CLDR gives it."""
    name = Locale.parse(code).get_display_name(in_lang or code) or code
    if in_lang in _LOWER_IN_SENTENCES:
        return name[:1].lower() + name[1:]
    return name if in_lang else name[:1].upper() + name[1:]


def format_phone(number: str) -> str:
    """A phone number in German national format ('0351 1234567'), or as given."""
    parsed = parse_phone(number)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_uri(number: str) -> str:
    """A tel: link ('tel:+493511234567'; short numbers like 116016 as dialled)."""
    parsed = parse_phone(number)
    if parsed is None:
        return ""
    if phonenumbers.is_valid_number(parsed):
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "tel:" + str(parsed.national_number)
