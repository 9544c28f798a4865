"""Checks of single values, shared by validation and formatting: language codes, phone
numbers, bounded reprs for messages, lone surrogates."""

from __future__ import annotations

import re
import reprlib
from functools import lru_cache

import phonenumbers
from babel import Locale

_REPR = reprlib.Repr()
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4
_REPR.maxlevel = 2


def short(value: object) -> str:
    """A bounded repr for messages: a 500-byte YAML alias bomb must not become gigabytes."""
    return _REPR.repr(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_paths(value: object, path: str = "") -> list[str]:
    """Fields holding text with lone surrogates (unencodable: the database refuses them).
    Shared containers (YAML aliases) are visited once. A field's path is spelt out only
    for a container or a finding: an offer has hundreds of short texts."""
    found: list[str] = []
    seen: set[int] = set()
    stack: list[tuple[object, str, str | int | None]] = [(value, path, None)]
    while stack and len(found) < 10:
        item, parent, key = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):  # in C: a Python loop per character took 0.2 ms/offer
                found.append(_joined(parent, key) or "(offer)")
        elif isinstance(item, dict | list):
            if id(item) in seen:
                continue
            seen.add(id(item))
            where = _joined(parent, key)
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend(
                (child, where, child_key)
                for child_key, child in pairs
                if isinstance(child_key, str | int)
            )
    return found


def _joined(parent: str, key: str | int | None) -> str:
    if key is None:
        return parent
    return f"{parent}.{key}" if parent else str(key)


@lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    codes = Locale("en").languages
    return frozenset(str(code) for code in codes if len(str(code)) == 2)


def is_language_code(code: object) -> bool:
    """True for a known ISO 639-1 code such as 'de' or 'uk'."""
    return isinstance(code, str) and code in _language_codes()


def parse_phone(number: str) -> phonenumbers.PhoneNumber | None:
    """The parsed German (or international) number, or None when it is not a valid one."""
    try:
        parsed = phonenumbers.parse(number, "DE")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(parsed):
        return parsed
    if parsed.country_code != 49:
        return None
    # Short numbers: those phonenumbers knows (110, 116 111 …) and the harmonised
    # 116 xxx helplines it does not list yet (116 016, the violence-against-women helpline).
    harmonised = re.fullmatch(r"116\d{3}", str(parsed.national_number)) is not None
    return parsed if harmonised or phonenumbers.is_valid_short_number(parsed) else None
