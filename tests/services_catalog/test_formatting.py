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


def test_a_distance_never_glues_the_number_to_the_unit() -> None:
    # CLDR's short Persian meter is '400متر'; readers expect the space every language has.
    assert format_distance(0.42, "fa") == "400\u00a0متر"
    assert format_distance(3.25, "fa") == "3.2 کیلومتر"
    for lang in SUPPORTED_LANGUAGES:
        for km in (0.42, 3.25, 27.4):
            text = format_distance(km, lang)
            digits_end = max(i for i, ch in enumerate(text) if ch.isdigit())
            assert not text[digits_end + 1].isalpha(), (lang, text)


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
        "cs": "Čeština",
        "ro": "Română",
        "vi": "Tiếng Việt",
        "fr": "Français",
        "ps": "پښتو",
        "ti": "ትግርኛ",
    }
    assert language_name("uk", "de") == "Ukrainisch"


def test_inside_a_sentence_language_names_are_written_as_the_language_writes_them() -> None:
    # 'Языки: немецкий', not 'Языки: Немецкий' (ru, uk, pl, cs, ro, fr write them in lower case).
    assert language_name("de", "ru") == "немецкий"
    assert language_name("de", "uk") == "німецька"
    assert language_name("de", "pl") == "niemiecki"
    assert language_name("ar", "fr") == "arabe"
    assert language_name("de", "de") == "Deutsch"
    assert language_name("de", "en") == "German"
    assert language_name("de", "tr") == "Almanca"
    assert language_name("de", "vi") == "tiếng Đức"


def test_phone_numbers() -> None:
    assert format_phone("+49 351 1234567") == "0351 1234567"
    assert phone_uri("0800 111 0 111") == "tel:+498001110111"
    assert phone_uri("116 016") == "tel:116016"
    assert phone_uri("not a number") == ""


def test_direction() -> None:
    codes = ("ar", "fa", "ps", "de", "uk", "ti")
    assert [text_direction(c) for c in codes] == ["rtl", "rtl", "rtl", "ltr", "ltr", "ltr"]
