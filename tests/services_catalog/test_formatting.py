"""Locale formatting of distances, language names, phone numbers and text direction."""

from __future__ import annotations

from services_catalog.formatting import (
    format_distance,
    format_phone,
    language_name,
    phone_uri,
    text_direction,
)
from services_catalog.languages import SUPPORTED_LANGUAGES


def test_distances_follow_the_locale() -> None:
    assert format_distance(3.25, "de") == "3,2 km"
    assert format_distance(3.25, "en") == "3.2 km"
    assert format_distance(0.42, "de") == "400 m"
    assert format_distance(27.4, "uk") == "27 км"


def test_language_names_in_their_own_language() -> None:
    names = {code: language_name(code) for code in SUPPORTED_LANGUAGES}
    assert names == {
        "de": "Deutsch",
        "en": "English",
        "ar": "العربية",
        "fa": "فارسی",
        "uk": "Українська",
        "ru": "Русский",
        "tr": "Türkçe",
        "pl": "Polski",
    }
    assert language_name("uk", "de") == "Ukrainisch"


def test_phone_numbers() -> None:
    assert format_phone("+49 351 1234567") == "0351 1234567"
    assert phone_uri("0800 111 0 111") == "tel:+498001110111"
    assert phone_uri("116 016") == "tel:116016"
    assert phone_uri("not a number") == ""


def test_direction() -> None:
    assert [text_direction(c) for c in ("ar", "fa", "de", "uk")] == ["rtl", "rtl", "ltr", "ltr"]
