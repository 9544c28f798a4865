"""Every reply renders in every language, completely translated, right-to-left where needed."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.i18n import po_path
from bot.replies import RENDERERS, render
from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.offer_card import OfferCard

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
ROOT = Path(__file__).parents[2]
POT = po_path("de").parents[2] / "messages.pot"
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}  # as `make translations` extracts them
MsgId = str | tuple[str, ...]
# Digits, possibly grouped by single spaces, as one number.
PHONE_NUMBER = re.compile(r"(?<!\d)\d+(?: \d+)*")
# The emergency numbers block, in its order: police, ambulance, women's helpline, counselling.
EMERGENCY_NUMBERS = ("110", "112", "116016", "08001110111", "08001110222")
# The number the first sentence asks the person to call, by crisis type.
FIRST_NUMBERS = {
    "suicide": ("08001110111", "08001110222"),
    "violence": ("110",),
    "sexual_violence": ("110",),
    "medical": ("112",),
    "": ("110",),
}
OFFER: OfferCard = {
    "id": "vhs-test",
    "category": "language_course",
    "name": "Integrationskurs <b>VHS</b>",
    "provider": "VHS Mittelsachsen",
    "town": "Döbeln",
    "distance_km": 0.4,
    "approximate": False,
    "covers_area": False,
    "phone": "03431 12345",
    "website": "https://example.org",
    "languages": ["de", "ar"],
    "open_now": True,
    "verified_on": "",
    "opening_hours": "Mo-Fr 09:00-16:00; PH off",
    "appointment_only": None,
    "cost": "reduced",
    "address": "Straße 1",
    "postcode": "04720",
    "lat": 51.12,
    "lon": 13.11,
    "min_age": None,
    "max_age": None,
    "audiences": [],
    "reasons": [],
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


def _msgids(catalog: Catalog) -> set[MsgId]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def test_every_msgid_in_the_code_is_in_the_template() -> None:
    extracted = extract_from_dir(
        str(ROOT), method_map=[("bot/**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    )
    in_code = {msgid if isinstance(msgid, str) else tuple(msgid) for _, _, msgid, _, _ in extracted}
    assert len(in_code) >= 90
    assert in_code - _msgids(_read(POT)) == set(), "run `make translations`"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_msgid_of_the_template_is_translated(lang: str) -> None:
    catalog = _read(po_path(lang), lang)
    forms = get_plural(lang).num_plurals
    untranslated = []
    for message in _read(POT):
        if not message.id:
            continue
        translated = catalog.get(message.id)
        strings = translated.string if translated is not None else None
        if isinstance(message.id, str):
            complete = isinstance(strings, str) and bool(strings)
        else:  # plural: one non-empty string for each plural form of the language
            complete = isinstance(strings, tuple | list) and len(strings) == forms and all(strings)
        if translated is None or translated.fuzzy or not complete:
            untranslated.append(message.id)
    assert untranslated == []


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("response", sorted(RENDERERS))
def test_every_response_renders(lang: str, response: str) -> None:
    message = render(response, lang, DATA, now=FRIDAY)
    assert message["text"].strip()
    assert message["custom"]["lang"] == lang
    assert message["custom"]["dir"] == ("rtl" if lang in ("ar", "fa", "ps") else "ltr")


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


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "خدمة واحدة"), (2, "خدمتين"), (3, "3 خدمات"), (11, "11 خدمةً"), (100, "100 خدمة ")],
)
def test_arabic_plural_forms_keep_babels_order(count: int, words: str) -> None:
    # babel orders Arabic's six forms zero, one, two, few (3-10), other (100-102), many (11-99);
    # a translation tool that reorders them would say "two services" for eleven.
    head = render("utter_offers", "ar", {**DATA, "offers": [OFFER] * count})["text"].splitlines()[0]
    assert words in head, head
    assert "عروض" not in head  # "offers" are services (خدمات), not sales promotions (عروض)


def _numbers(text: str) -> list[str]:
    """The phone numbers in a text as a caller dials them ("0800 111 0 111" → "08001110111")."""
    plain = text.replace("\u2066", "").replace("\u2069", "")
    return [number.replace(" ", "") for number in PHONE_NUMBER.findall(plain)]


def test_numbers_are_read_as_whole_numbers() -> None:
    assert _numbers("Polizei: 110\nSeelsorge: 0800 111 0 111 oder \u2066116 016\u2069.") == [
        "110",
        "08001110111",
        "116016",
    ]


@pytest.mark.parametrize("kind", ["suicide", "violence", "medical", "sexual_violence", ""])
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_crisis_reply_has_every_emergency_number(lang: str, kind: str) -> None:
    text = render("utter_crisis", lang, {"crisis_type": kind})["text"]
    first, numbers = text.split("\n\n")
    assert _numbers(numbers) == list(EMERGENCY_NUMBERS), (lang, numbers)
    assert set(_numbers(first)) == set(FIRST_NUMBERS[kind]), (lang, first)


def test_language_picker_lists_languages_in_their_own_names() -> None:
    buttons = render("utter_choose_language", "de")["buttons"]
    titles = [b["title"] for b in buttons]
    assert "العربية" in titles and "Українська" in titles and "Deutsch" in titles
    assert buttons[2]["payload"] == '/change_language{"language": "ar"}'


@pytest.mark.parametrize("lang", ["ar", "fa", "ps"])
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


def _translations(lang: str) -> list[str]:
    with po_path(lang).open("rb") as file:
        catalog = read_po(file, locale=lang)
    strings: list[str] = []
    for message in catalog:
        if message.id:
            strings += [message.string] if isinstance(message.string, str) else message.string or ()
    return strings


def test_polish_addresses_the_reader_formally_and_gender_free() -> None:
    # Every other language is formal; Polish uses neutral «Proszę …» forms, never «ty». Short
    # button labels keep the imperative that Polish interfaces use («Pokaż więcej», «Zadzwoń»).
    informal = re.compile(
        r"\b(ty|ci|cię|ciebie|twój|twoja|twoje|twoją|twojej|twoich|twoim)\b", re.I
    )
    imperative = re.compile(r"(?:^|[.!?:] )(Napisz|Zadzwoń|Wybierz|Sprawdź|Porozmawiaj|Poczekaj)\b")
    for text in _translations("pl"):
        assert not informal.search(text), text
        if len(text.split()) > 3:
            assert not imperative.search(text), text


@pytest.mark.parametrize("lang", ["ar", "fa", "tr"])
def test_migration_counselling_reads_as_counselling_for_migrants(lang: str) -> None:
    # «استشارات الهجرة» / «مشاوره مهاجرت» / «Göç danışmanlığı» read like a visa or emigration
    # agency: the label says "for migrants" and keeps the German word used at the counter.
    label = render_label("Migration counselling", lang)
    assert "(Migrationsberatung)" in label
    assert not {"استشارات الهجرة", "مشاوره مهاجرت", "Göç danışmanlığı"} & {label.split(" (")[0]}


def render_label(msgid: str, lang: str) -> str:
    with po_path(lang).open("rb") as file:
        message = read_po(file, locale=lang).get(msgid)
    assert message is not None and isinstance(message.string, str)
    return message.string


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_catalog_says_who_translated_it_and_whether_a_native_speaker_reviewed_it(
    lang: str,
) -> None:
    with po_path(lang).open("rb") as file:
        catalog = read_po(file, locale=lang)
    assert catalog.last_translator and "FULL NAME" not in catalog.last_translator
    assert "review" in catalog.header_comment.lower()
    machine = "machine" in catalog.last_translator or "LLM" in catalog.last_translator
    # Nothing produced by a machine is presented as reviewed by a native speaker.
    assert not machine or "not reviewed by a native speaker" in catalog.last_translator
