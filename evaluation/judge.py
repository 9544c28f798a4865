"""Judging one reply of a journey by what the user sees, never by the assistant's internals.

A turn's expectation (written by people who never saw the training data) is checked
against the chat API's answer:

* `offers`: the first offer has the expected category and is the nearest *fitting* offer,
  computed here from the catalog export (not by the search code): the offers of that
  category that admit the stated age, citizenship, group and wanted language; specialised
  offers (students, exams, one group of people) only when the user asked for them or
  nothing general exists. The first offer passes when it is as near as the nearest fitting
  in-person offer (within max(5 km, 25 %)), or when it serves the user's area by phone,
  online or outreach and no fitting office lies within 10 km.
* `emergency`: the first message carries the emergency numbers for that danger, as numbers.
* `ask: place` / `ask: need`: no offers, and the question a user would see (the
  location button / the topic menu).
* `followup`: the reply speaks about offers shown before (their names), or shows new ones.
* `no_offers`, `handover`, and in every turn the reply language (a language detector over
  the reply text with offer names, providers, towns and addresses removed).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from services_catalog.gazetteer import Gazetteer
from services_catalog.places import haversine_km
from services_catalog.text import fold

IN_PERSON_SLACK_KM = 5.0
IN_PERSON_SLACK_RATIO = 1.25
NEARBY_OFFICE_KM = 10.0
EU_GROUPS = frozenset({"eu_workers"})
NON_EU_GROUPS = frozenset({"foreign_workers", "refugees", "asylum_seekers"})
# Groups an offer can be restricted to that a general newcomer is not assumed to belong to.
NARROW_GROUPS = frozenset({"women", "men", "lgbtq", "students", "seniors"})
SPECIALISED_WORDS = frozenset(
    {
        *("dsh", "testdaf", "studienkolleg", "hochschule", "universitat", "universitaet"),
        *("university", "exam", "prufung", "pruefung", "sprachprufung", "telc", "studium"),
        "studienvorbereitung",
        *("menschenhandel", "trafficking", "zwangsprostitution"),
        *("rueckkehrberatung", "rueckkehr", "return", "reintegration"),
    }
)
EMERGENCY_NUMBERS = {
    "medical": (("112",),),
    "violence": (("110",), ("116 016", "116016", "112")),
    "suicide": (("0800 111 0 111", "0800 111 0 222", "112", "08001110111", "08001110222"),),
}
LANGUAGES = (
    *("de", "en", "ar", "fa", "uk", "ru", "tr", "pl", "fr", "ro", "cs", "vi"),
    *("es", "it", "nl", "pt", "hr", "sk", "ur"),
)
# Lingua knows neither Pashto nor Tigrinya: Ge'ez letters are Tigrinya here, and Arabic
# letters with several of the letters only Pashto writes are Pashto.
_ETHIOPIC = re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_PASHTO_LETTERS = re.compile("[ټډړږښګڼېۍځڅ]")
# Words only Pashto writes ("of", "in", "that", "from", "for"): a short Pashto reply may
# have a single Pashto letter ("سمه ده، له اوس نه به په پښتو ولیکم").
_PASHTO_WORDS = frozenset({"د", "په", "کې", "چې", "یې", "څخه", "لپاره"})
# Russian and Ukrainian: letters and everyday words only one of them writes. Lingua
# takes a short Ukrainian reply ("Телефоном або онлайн.") for Russian.
_UKRAINIAN_ONLY = (re.compile("[іїєґ]"), frozenset({"або", "що", "це", "та", "від", "й", "і"}))
_RUSSIAN_ONLY = (re.compile("[ыэёъ]"), frozenset({"или", "что", "это", "от", "и"}))
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# "(Migrationsberatung)", "(Postleitzahl)": the German word people need at the counter,
# given in brackets on purpose in every language
_GLOSS = re.compile(r"\([^()]*\)")
_ISOLATES = re.compile("[\u2066-\u2069\u200e\u200f]")


@dataclass
class Verdict:
    """Whether a turn passed, and why not (failure classes: category, nearest, language,
    emergency, withheld, asked, followup, unexpected_offers, handover, error)."""

    passed: bool = True
    failures: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def fail(self, kind: str, detail: str) -> None:
        self.passed = False
        self.failures.append(kind)
        self.details.append(detail)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def reply_language(
    messages: list[dict[str, Any]],
    shown_before: Iterable[Mapping[str, Any]] = (),
    place_names: Iterable[str] = (),
) -> str | None:
    """The language of the reply text, offer names (of this reply and the offers shown
    before, which follow-up answers name), the names of places ("near Roßwein": an ß is
    no German sentence) and other proper names removed."""
    names: set[str] = {name for name in place_names if name}
    shown = [offer for message in messages for offer in message.get("offers") or []]
    for offer in [*shown, *shown_before]:
        for key in ("name", "provider", "town", "address", "website", "phone"):
            if offer.get(key):
                names.add(str(offer[key]))
    for message in messages:
        for button in message.get("buttons") or []:
            if button.get("payload", "").startswith("/inform_place"):
                names.add(str(button.get("title", "")))
    # the language picker is written in every language on purpose
    spoken = [m for m in messages if not any(_is_picker(b) for b in m.get("buttons") or [])]
    text = "\n".join(_ISOLATES.sub("", str(m.get("text") or "")) for m in spoken)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"https?://\S+|\S+@\S+|[\d+()/.:-]{3,}", " ", text)
    text = _GLOSS.sub(" ", text)
    if len(text.split()) < 2:
        return None
    letters = len(re.findall(r"[^\W\d_]", text))
    lowered = text.lower()
    words = re.findall(r"[^\W\d_]+", lowered)
    if len(_ETHIOPIC.findall(text)) > letters / 2:
        return "ti"
    pashto = len(_PASHTO_LETTERS.findall(text)) + sum(word in _PASHTO_WORDS for word in words)
    if len(_ARABIC_SCRIPT.findall(text)) > letters / 2 and pashto >= 2:
        return "ps"
    if len(_CYRILLIC.findall(text)) > letters / 2:
        marks = {
            lang: len(only.findall(lowered)) + sum(word in only_words for word in words)
            for lang, (only, only_words) in (("uk", _UKRAINIAN_ONLY), ("ru", _RUSSIAN_ONLY))
        }
        if bool(marks["uk"]) != bool(marks["ru"]):
            return "uk" if marks["uk"] else "ru"
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < 0.4:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


def _is_picker(button: Mapping[str, Any]) -> bool:
    return str(button.get("payload", "")).startswith("/change_language")


class Catalog:
    """The catalog export, and the place coordinates of the gazetteer."""

    def __init__(self, offers: Iterable[Mapping[str, Any]], gazetteer: Gazetteer) -> None:
        self.offers = [dict(offer) for offer in offers]
        self.by_id = {offer["id"]: offer for offer in self.offers}
        self.gazetteer = gazetteer

    @cached_property
    def place_names(self) -> tuple[str, ...]:
        """The names of the places the assistant may name in a reply."""
        return tuple(place.name for place in self.gazetteer)

    def point(self, expect: Mapping[str, Any]) -> tuple[float, float] | None:
        """Where the user is: a shared location, or the place's coordinates."""
        at = expect.get("at")
        if isinstance(at, Mapping):
            return float(at["lat"]), float(at["lon"])
        place = self.gazetteer.get(str(expect.get("place") or ""))
        if place is not None and place.lat is not None and place.lon is not None:
            return place.lat, place.lon
        return None

    def areas(self, expect: Mapping[str, Any], point: tuple[float, float] | None) -> set[str]:
        """The place ids whose coverage serves the user: the place and its areas."""
        place_id = str(expect.get("place") or "")
        if not place_id and point is not None:
            near = self.gazetteer.nearest(*point)
            place_id = near.id if near else "sachsen"
        return set(self.gazetteer.ancestors(place_id)) if place_id else set()


def fits(offer: Mapping[str, Any], expect: Mapping[str, Any]) -> bool:
    """True when nothing the user said excludes the offer (age, citizenship, group)."""
    rules = offer.get("eligibility") or {}
    age = expect.get("age")
    if age is not None:
        if rules.get("min_age") is not None and int(age) < int(rules["min_age"]):
            return False
        if rules.get("max_age") is not None and int(age) > int(rules["max_age"]):
            return False
    restricted = set(rules.get("audiences") or ()) - {"everyone"}
    # citizenship rules out only offers restricted by residence status, not one for families
    status = restricted & (EU_GROUPS | NON_EU_GROUPS)
    if status and expect.get("eu_citizen") is not None:
        groups = EU_GROUPS if expect["eu_citizen"] else NON_EU_GROUPS
        if not status & groups:
            return False
    audience = expect.get("audience")
    youth_by_age = audience == "youth" and rules.get("max_age") is not None
    return not (restricted and audience and audience not in restricted and not youth_by_age)


def specialised(offer: Mapping[str, Any], expect: Mapping[str, Any]) -> bool:
    """True for offers meant for a narrower need than a general newcomer's: only for
    narrow groups (students, women, …) the user did not name, or for an exam/university."""
    restricted = set((offer.get("eligibility") or {}).get("audiences") or ()) - {"everyone"}
    narrow = restricted - {"children", "families"}  # a women's refuge takes the children too
    if narrow and narrow <= NARROW_GROUPS and expect.get("audience") not in restricted:
        return True
    words = set(
        fold(" ".join([*(offer.get("name") or {}).values(), *offer.get("tags", [])])).split()
    )
    return bool(words & SPECIALISED_WORDS)


def _distance(offer: Mapping[str, Any], point: tuple[float, float] | None) -> float:
    if point is None:
        return math.inf
    distances = [
        haversine_km(point[0], point[1], float(loc["lat"]), float(loc["lon"]))
        for loc in offer.get("locations") or []
        if loc.get("lat") is not None and loc.get("lon") is not None
    ]
    return min(distances, default=math.inf)


def acceptable_first(catalog: Catalog, expect: Mapping[str, Any]) -> tuple[set[str], str]:
    """The ids of the offers that may come first for this expectation, and a description
    of the nearest fitting one (for the report)."""
    category = expect["category"]
    point = catalog.point(expect)
    areas = catalog.areas(expect, point)
    fitting = [o for o in catalog.offers if o["category"] == category and fits(o, expect)]
    if not expect.get("specialised"):
        general = [o for o in fitting if not specialised(o, expect)]
        fitting = general or fitting
    speaks = expect.get("speaks")
    if speaks:
        speaking = [o for o in fitting if speaks in (o.get("languages") or [])]
        fitting = speaking or fitting
    if not fitting:
        return set(), "no fitting offer in the catalog"
    distances = {o["id"]: _distance(o, point) for o in fitting}
    best = min(distances.values())
    covering = {o["id"] for o in fitting if areas & set(o.get("service_area") or [])}
    ok = {
        offer_id
        for offer_id, km in distances.items()
        if km <= max(best + IN_PERSON_SLACK_KM, best * IN_PERSON_SLACK_RATIO)
    }
    if best > NEARBY_OFFICE_KM:
        ok |= covering
    if not ok:  # nothing within reach at all: any fitting offer serving the area
        ok = covering
    nearest = min(distances, key=lambda offer_id: distances[offer_id])
    return ok, f"nearest fitting {nearest} at {best:.1f} km"


def _has_number(text: str, number: str) -> bool:
    return (
        re.search(rf"(?<![\d ]){re.escape(number)}(?![\d])", text) is not None
        or re.search(rf"(?<!\d){re.escape(number)}(?![\d ]*\d)", text) is not None
    )


def judge_turn(
    expect: Mapping[str, Any],
    lang: str,
    messages: list[dict[str, Any]],
    status: int,
    catalog: Catalog,
    shown_before: list[dict[str, Any]],
) -> Verdict:
    """The verdict on one turn's reply (see the module docstring)."""
    verdict = Verdict()
    if status != 200 or not messages:
        verdict.fail("error", f"HTTP {status}, {len(messages)} messages")
        return verdict
    offers = [offer for message in messages for offer in message.get("offers") or []]
    # a follow-up answer names the offers shown before as they are called in its language:
    # the German original where the catalog has no translation
    originals = [
        {"name": name}
        for offer in shown_before
        for name in ((catalog.by_id.get(str(offer.get("id"))) or {}).get("name") or {}).values()
    ]
    detected = reply_language(messages, [*shown_before, *originals], catalog.place_names)
    if detected is not None and detected != lang:
        verdict.fail("language", f"reply in {detected}, expected {lang}")
    if "emergency" in expect:
        first = _ISOLATES.sub("", str(messages[0].get("text") or ""))
        for alternatives in EMERGENCY_NUMBERS.get(str(expect["emergency"]), (("112",),)):
            if not any(_has_number(first, number) for number in alternatives):
                verdict.fail("emergency", f"first message lacks {' or '.join(alternatives)}")
    if "offers" in expect:
        _judge_offers(verdict, expect["offers"], offers, catalog)
    if "ask" in expect:
        if offers:
            verdict.fail("unexpected_offers", "offers shown before the question was answered")
        elif expect["ask"] == "place" and not any(m.get("request_location") for m in messages):
            verdict.fail("asked", "did not ask for the place")
        elif expect["ask"] == "need" and not any(
            b.get("payload", "").startswith("/need_") for m in messages for b in m["buttons"]
        ):
            verdict.fail("asked", "did not ask for the need (no topic menu)")
    if expect.get("no_offers") and offers:
        verdict.fail("unexpected_offers", f"{len(offers)} offers shown")
    if "followup" in expect:
        _judge_followup(verdict, catalog, str(expect["followup"]), messages, offers, shown_before)
    if expect.get("handover") and not (offers or any(m.get("request_location") for m in messages)):
        verdict.fail("handover", "no contact and no question for the place")
    return verdict


def _judge_offers(
    verdict: Verdict,
    expect: Mapping[str, Any],
    offers: list[dict[str, Any]],
    catalog: Catalog,
) -> None:
    if not offers:
        verdict.fail("withheld", "no offers shown")
        return
    first = offers[0]
    if first.get("category") != expect["category"]:
        verdict.fail("category", f"first offer is {first.get('category')}")
        return
    ok, nearest = acceptable_first(catalog, expect)
    if first.get("id") not in ok:
        verdict.fail("nearest", f"first offer {first.get('id')}; {nearest}")


def _judge_followup(
    verdict: Verdict,
    catalog: Catalog,
    kind: str,
    messages: list[dict[str, Any]],
    offers: list[dict[str, Any]],
    shown_before: list[dict[str, Any]],
) -> None:
    if not shown_before:
        verdict.fail("followup", "no offers were shown before this follow-up")
        return
    if kind == "more":
        before = {offer.get("id") for offer in shown_before}
        if not any(offer.get("id") not in before for offer in offers):
            verdict.fail("followup", "no further offers shown")
        return
    text = _ISOLATES.sub("", "\n".join(str(m.get("text") or "") for m in messages))
    names = [str(offer.get("name") or "") for offer in shown_before]
    for offer in shown_before:  # after a language switch the names come in the new language
        names.extend((catalog.by_id.get(str(offer.get("id"))) or {}).get("name", {}).values())
    if not any(name and _ISOLATES.sub("", name) in text for name in names):
        verdict.fail("followup", f"the {kind} answer names none of the offers shown")
