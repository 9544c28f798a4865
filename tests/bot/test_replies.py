"""Every reply renders in every language, completely translated, right-to-left where needed."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from babel.messages.pofile import read_po

from bot.i18n import po_path
from bot.replies import RENDERERS, render
from bot.reply_base import CATEGORY_LABELS
from services_catalog.languages import SUPPORTED_LANGUAGES

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
OFFER = {
    "id": "vhs-test",
    "category": "language_course",
    "name": "Integrationskurs <b>VHS</b>",
    "provider": "VHS Mittelsachsen",
    "town": "Döbeln",
    "distance_km": 0.4,
    "phone": "03431 12345",
    "website": "https://example.org",
    "languages": ["de", "ar"],
    "open_now": True,
    "verified_on": "",
    "opening_hours": "Mo-Fr 09:00-16:00; PH off",
    "cost": "reduced",
    "address": "Straße 1",
    "postcode": "04720",
}
DATA = {
    "offers": [OFFER],
    "offer": OFFER,
    "category": "language_course",
    "place_name": "Döbeln",
    "has_more": True,
    "candidates": [{"id": "freiberg", "name": "Freiberg"}],
    "crisis_type": "violence",
    "question": "cost",
}
FRIDAY = datetime(2026, 11, 20, 10, 0)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_catalog_is_complete_and_keeps_placeholders(lang: str) -> None:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing, broken = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = tuple(message.id) if isinstance(message.id, tuple | list) else (str(message.id),)
        strings = (
            tuple(message.string)
            if isinstance(message.string, tuple | list)
            else (str(message.string or ""),)
        )
        if message.fuzzy or not all(strings):
            missing.append(ids[0])
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            if (text and not found <= wanted) or (len(ids) == 1 and found != wanted):
                broken.append((ids[0], text))
    assert missing == [] and broken == []
    assert len(catalog) >= 90


def test_every_msgid_in_the_code_is_in_every_catalog() -> None:
    with po_path("de").open("rb") as handle:
        german = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for label in CATEGORY_LABELS.values():
        assert label in german


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("response", sorted(RENDERERS))
def test_every_response_renders(lang: str, response: str) -> None:
    message = render(response, lang, DATA, now=FRIDAY)
    assert message["text"].strip()
    assert message["custom"]["lang"] == lang
    assert message["custom"]["dir"] == ("rtl" if lang in ("ar", "fa") else "ltr")


@pytest.mark.parametrize("lang", [lang for lang in SUPPORTED_LANGUAGES if lang != "en"])
def test_replies_are_really_translated(lang: str) -> None:
    english = render("utter_greet", "en", DATA)["text"]
    assert render("utter_greet", lang, DATA)["text"] != english
    assert render("utter_ask_need", lang, DATA)["buttons"][0]["title"] != "German courses"


def test_offer_card_content() -> None:
    message = render("utter_offers", "de", DATA, now=FRIDAY)
    text = message["text"]
    assert "Döbeln" in text and "400 m" in text
    assert "09:00–16:00" in text
    assert "Arabisch" in text  # languages named in the user's language
    assert message["custom"]["offers"][0]["today_hours"] == ["09:00–16:00"]
    assert message["buttons"][0]["payload"] == "/more_results"


def test_names_are_isolated_for_right_to_left() -> None:
    text = render("utter_offers", "ar", DATA, now=FRIDAY)["text"]
    assert "\u2068Integrationskurs <b>VHS</b>\u2069" in text  # as text, isolated


def test_plural_forms() -> None:
    one = render("utter_offers", "ru", {**DATA, "offers": [OFFER]})["text"]
    three = render("utter_offers", "ru", {**DATA, "offers": [OFFER] * 3})["text"]
    assert one.splitlines()[0] != three.splitlines()[0]


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_crisis_reply_has_every_emergency_number(lang: str) -> None:
    text = render("utter_crisis", lang, {"crisis_type": "suicide"})["text"]
    digits = re.sub(r"[^\d\n]", "", text)
    for number in ("110", "112", "116016", "08001110111", "08001110222"):
        assert number in digits.replace("\n", " ").replace(" ", "") or number in digits, (
            lang,
            number,
        )


def test_language_picker_lists_languages_in_their_own_names() -> None:
    buttons = render("utter_choose_language", "de")["buttons"]
    titles = [b["title"] for b in buttons]
    assert "العربية" in titles and "Українська" in titles and "Deutsch" in titles
    assert buttons[2]["payload"] == '/change_language{"language": "ar"}'


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_emergency_numbers_keep_their_order_in_right_to_left_text(lang: str) -> None:
    text = render("utter_crisis", lang, {"crisis_type": "violence"})["text"]
    assert "\u20660800 111 0 111\u2069" in text
    assert "\u2066116 016\u2069" in text
    assert text.count("\u2066") == text.count("\u2069")


def test_no_made_up_precision_when_only_the_town_is_known() -> None:
    approximate = {**OFFER, "approximate": True, "distance_km": 0.0}
    text = render("utter_offers", "de", {**DATA, "offers": [approximate]}, now=FRIDAY)["text"]
    assert "entfernt" not in text and "\u2068Döbeln\u2069" in text
    farther = {**OFFER, "approximate": True, "distance_km": 12.3}
    assert (
        "12 km" in render("utter_offers", "de", {**DATA, "offers": [farther]}, now=FRIDAY)["text"]
    )
