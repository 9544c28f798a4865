"""Searching and showing offers: what every action that answers with offers shares (the
next question when need or place is missing, one page of ranked offers, refinement buttons),
and what the emergency numbers are followed by."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from actions.base import Turn
from actions.eligibility import parse_wished_audiences
from actions.language_names import named_language
from actions.payloads import offer_payload
from actions.where import PlaceMixin, Where
from services_catalog.fit import topic_words
from services_catalog.hours import TIMEZONE
from services_catalog.model import CATEGORIES
from services_catalog.search import Query, Result
from services_catalog.text import fold

PAGE_SIZE = 3
# The help that follows the emergency numbers for each kind of danger.
CRISIS_CATEGORIES = {
    "violence": "violence_protection",
    "sexual_violence": "violence_protection",
    "suicide": "psychosocial_support",
}
LANGUAGE_REACH_KM = 120.0
# A need the classifier is at least this sure of is a new need even when we asked where.
CLEAR_NEED = 0.6
EU_AUDIENCES = frozenset({"eu_workers"})
NON_EU_AUDIENCES = frozenset({"foreign_workers", "refugees", "asylum_seekers"})


def crisis_continues(turn: Turn) -> bool:
    """True right after the emergency numbers, unless the message clearly asks for another
    kind of help: someone in danger may go on with a place, a question ("gọi số nào có
    ng nói tiếng việt ko", which number speaks Vietnamese?) or a wish for the same help."""
    return turn.answered_last_by("action_crisis") and (
        turn.ranked_need(CLEAR_NEED) in (None, *CRISIS_CATEGORIES.values())
    )


def category_of(intent: str) -> str | None:
    """The category a need_* intent asks for."""
    category = intent.removeprefix("need_")
    return category if intent.startswith("need_") and category in CATEGORIES else None


class FindOffersMixin(PlaceMixin):
    """What every action that shows offers shares."""

    def continue_search(self, turn: Turn, where: Where, page: int = 0) -> None:
        """Ask what is missing (need, place, age) or show a page of offers."""
        category = turn.slot("category")
        self._remember_language_wish(turn, category)
        self._remember_topic_wish(turn, category)
        if where.candidates:
            turn.set(pending="confirm_place", place_candidates=[p.id for p in where.candidates])
            turn.say(
                "utter_confirm_place",
                candidates=[{"id": p.id, "name": p.name} for p in where.candidates],
            )
            return
        if not category:
            turn.set(pending="need")
            turn.say("utter_ask_need")
            return
        if not where.known:
            turn.set(pending="place")
            response = (
                "utter_place_not_found" if turn.intent == "inform_place" else "utter_ask_place"
            )
            turn.say(response, category=category)
            return
        self.show_offers(turn, category, where, page)

    @staticmethod
    def _remember_language_wish(turn: Turn, category: str | None) -> str | None:
        """The language the user wants the staff to speak, named in this message or in an
        earlier one about the same need ("a psychologist who speaks Persian" … "Freiberg");
        kept as "category:language" so that a new need starts without it."""
        wanted = named_language(turn.text) if turn.intent != "change_language" else None
        if wanted and category:
            turn.set(language_wish=f"{category}:{wanted}")
            return wanted
        stored = str(turn.slot("language_wish") or "")
        wish_category, _, wish = stored.partition(":")
        return wish if wanted is None and wish and wish_category == category else wanted

    @staticmethod
    def _remember_topic_wish(turn: Turn, category: str | None) -> frozenset[str]:
        """The user's words, with those asking for a specialised offer ("DSH", "pregnant")
        said in an earlier message about the same need ("a DSH course in Hainichen?" …
        "and in Freiberg?"); kept as "category:words", so that a new need starts without."""
        words = frozenset(fold(turn.text).split())
        topics = topic_words(words)
        if topics and category:
            turn.set(topic_wish=f"{category}:{' '.join(sorted(topics))}")
            return words
        wish_category, _, wish = str(turn.slot("topic_wish") or "").partition(":")
        return words | frozenset(wish.split()) if wish and wish_category == category else words

    def show_offers(self, turn: Turn, category: str, where: Where, page: int) -> None:
        """Search and show one page for what is known now. Answer first, refine after:
        nothing is withheld to ask a question; where age or EU citizenship would change the
        answer, the reply carries refinement buttons that re-rank."""
        age = turn.slot("age")
        eu_citizen = turn.slot("eu_citizen")
        wanted = self._remember_language_wish(turn, category)
        query = Query(
            category,
            lat=where.lat,
            lon=where.lon,
            place=where.place,
            languages=(wanted, turn.lang) if wanted else (turn.lang,),
            age=int(age) if age is not None else None,
            at=datetime.now(TIMEZONE),
            limit=PAGE_SIZE,
            offset=page * PAGE_SIZE,
            words=self._remember_topic_wish(turn, category),
            asked_language=wanted if wanted and wanted != "de" else None,
        )
        if query.asked_language or page > 0:
            # staff speaking the language asked for may be farther than the usual reach; and
            # whoever asks for more after the nearest ones wants the next ones, even if far
            query = replace(query, max_km=LANGUAGE_REACH_KM)
        if eu_citizen is not None:
            query = replace(query, audiences=EU_AUDIENCES if eu_citizen else NON_EU_AUDIENCES)
        groups = frozenset(turn.slot("groups") or ()) | parse_wished_audiences(turn.text)
        query = replace(query, groups=groups)
        found = self.catalog.nearest(query)
        if not found.results and query.audiences:
            # answer first: an EU citizen asking about residence law (for her husband) finds
            # the offers for refugees rather than nothing; each card says whom it is for
            query = replace(query, audiences=frozenset())
            found = self.catalog.nearest(query)
        place_name = found.place.name if found.place else ""
        if not found.results:
            if page == 0:
                self.records.unmet_demand(
                    category, found.place.id if found.place else "", turn.lang
                )
                turn.say("utter_no_offers", category=category, place_name=place_name)
            else:
                turn.say("utter_no_more_offers")
            turn.set(pending=None)
            return
        offers = [offer_payload(r.offer, turn.lang, r.location, r) for r in found.results]
        self.records.offers_shown(r.offer.id for r in found.results)
        refine = self._refinements(query, age, eu_citizen) if page == 0 else {}
        turn.say(
            "utter_offers",
            offers=offers,
            category=category,
            place_name=place_name,
            has_more=found.has_more,
            page=page,
            refine=refine,
        )
        turn.set(shown_offers=[o["id"] for o in offers], page=page, pending=None)

    def _refinements(self, query: Query, age: object, eu_citizen: object) -> dict[str, object]:
        """What the user could tell to get a better fitting answer: the age limit that
        separates the candidates (e.g. 26 for a youth service) and whether EU citizenship
        matters. Empty when nothing would change."""
        probe = self.catalog.nearest(replace(query, limit=10, offset=0, at=None, age=None))
        refine: dict[str, object] = {}
        if age is None:
            limits = [
                r.offer.eligibility.max_age
                for r in probe.results
                if r.offer.eligibility.max_age is not None
            ]
            if limits:
                refine["age_limit"] = max(set(limits), key=limits.count)
        if eu_citizen is None and self._citizenship_matters(probe.results):
            refine["eu"] = True
        return refine

    @staticmethod
    def _citizenship_matters(results: list[Result]) -> bool:
        """True when an offer for EU workers is among the candidates and EU citizens and
        others would get different offers (BABS for EU workers, other advice for the rest)."""
        if not any("eu_workers" in r.offer.eligibility.audiences for r in results):
            return False
        return any(
            r.offer.eligibility.admits_audience(EU_AUDIENCES)
            != r.offer.eligibility.admits_audience(NON_EU_AUDIENCES)
            for r in results
        )
