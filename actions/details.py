"""Questions about the offers just shown: which ones, and the answer (cost, hours,
languages, address), nearest location first."""

from __future__ import annotations

from actions.base import Turn
from actions.language_questions import names_a_course
from actions.payloads import offer_payload
from actions.where import PlaceMixin
from services_catalog.model import Location, Offer
from services_catalog.places import haversine_km

# The intents that ask about the offers shown, and the question each asks.
QUESTIONS = {
    "ask_cost": "cost",
    "ask_opening_hours": "hours",
    "ask_languages": "languages",
    "ask_address": "address",
}


# A question of at most this many words that names a course after offers of another need
# ("a ten kurz?", "طيب والكورس؟": and the course?) asks for courses, unless the classifier
# is this sure it asks about the offers ("قديش بيكلف الكورس؟", how much is the course?:
# cost 1.00, about the course shown before the Jobcenter; "طيب والكورس؟": 0.69).
COURSE_QUESTION_WORDS = 6
SURE_QUESTION = 0.9


def unsure_short_question(turn: Turn) -> bool:
    """A message of a few words that the classifier takes for a question about the offers
    shown, but not surely: "and the course?", "and a kindergarten there?" are searches."""
    return (
        len(turn.text.split()) <= COURSE_QUESTION_WORDS
        and turn.confidence(tuple(QUESTIONS)) < SURE_QUESTION
    )


def asks_for_courses(turn: Turn, offers: list[Offer]) -> bool:
    """True when a short question about the offers shown names a course, and none of them
    is one: "طيب والكورس؟" (and the course?) after school offers, taken for a cost question
    because people ask so much about the cost of courses, asks for courses, as "and the
    Kita?" asks for a Kita."""
    return (
        unsure_short_question(turn)
        and turn.slot("category") != "language_course"
        and names_a_course(turn.text, turn.lang)
        and not any(names_a_course(" ".join(offer.name.values())) for offer in offers)
    )


def nearest_location(offer: Offer, lat: float | None, lon: float | None) -> Location | None:
    """The offer's location nearest the user, or its first one."""
    if not offer.locations:
        return None
    if lat is None or lon is None:
        return offer.locations[0]
    return min(offer.locations, key=lambda loc: haversine_km(lat, lon, loc.lat, loc.lon))


def shown_offers(action: PlaceMixin, turn: Turn) -> list[Offer]:
    """The offers of the last answer that are still in the catalog."""
    shown = [
        action.catalog.index.offers.get(offer_id) for offer_id in turn.slot("shown_offers") or []
    ]
    return [offer for offer in shown if offer is not None]


def answer_details(action: PlaceMixin, turn: Turn, offers: list[Offer], question: str) -> None:
    """Cost, hours, languages or address of these offers, nearest location first."""
    where = action.locate(turn)
    lat, lon = where.lat, where.lon
    if lat is None and where.place is not None:
        lat, lon = where.place.lat, where.place.lon
    payloads = [offer_payload(o, turn.lang, nearest_location(o, lat, lon)) for o in offers]
    turn.say("utter_offer_details", question=question, offers=payloads)


# "More" ranked first at least this sure (the classifier's own bar, the fallback threshold:
# not understood only because another intent came close) asks for the next page.
MORE_FIRST = 0.3


def ranking_without_fallback(turn: Turn) -> list[tuple[str, float]]:
    """The classifier's (intent, confidence) ranking, best first, without "not understood"."""
    return [
        (str(r.get("name") or ""), float(r.get("confidence") or 0))
        for r in turn.tracker.latest_message.get("intent_ranking") or []
        if r.get("name") != "nlu_fallback"
    ]


def question_about_shown(turn: Turn, first: float, close: float) -> str | None:
    """The question about the offers shown ("cost", "hours", …), when offers were shown and
    the classifier ranks it first (after the fallback) with at least `first`, or second
    with at most `close` less than the first ("meas yijemir? saat kindey": out of scope
    0.51, hours 0.45 — but not "what's the weather there tomorrow?": 0.61 against 0.30)."""
    if not turn.slot("shown_offers"):
        return None
    ranking = ranking_without_fallback(turn)
    if ranking and ranking[0][0] in QUESTIONS and ranking[0][1] >= first:
        return QUESTIONS[ranking[0][0]]
    if (
        len(ranking) > 1
        # "a jsou tam i jiní?" (others too?): more 0.46, hours 0.41 — the next page; but
        # "فوقاش كيحلو؟" (when do they open?): more 0.29, hours 0.22 — the question
        and not (ranking[0][0] == "more_results" and ranking[0][1] >= MORE_FIRST)
        and ranking[1][0] in QUESTIONS
        and ranking[0][1] - ranking[1][1] <= close
    ):
        return QUESTIONS[ranking[1][0]]
    return None
