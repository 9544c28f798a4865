"""Finding offers: need + place → ranked offers (refined by age and citizenship when
known), paging, new place/need."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from actions.base import Turn, WegweiserAction
from actions.citizenship import parse_eu_citizen
from actions.details import QUESTIONS, answer_details, shown_offers
from actions.eligibility import parse_age, parse_audiences, parse_wished_audiences
from actions.language import named_language
from actions.office_words import office_need
from actions.payloads import offer_payload
from actions.where import PlaceMixin, Where
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
# A message with a town and more words ("munca Flöha", "zubař Geringswalde") asks for the
# need the classifier ranks best among the needs, when at least this sure, even though "a
# place" ranks first. (Over the tuned journeys, where the classifier ranks "a place" first,
# the turns that only say where someone is rank no need above 0.13.)
PLACE_AND_NEED = 0.2
# A question about the offers shown, ranked among the first few beside the need they were
# shown for, is what the message asks.
QUESTION_RANK = 3
# An office named outright beats a need the classifier guesses below this.
OFFICE_OVER_GUESS = 0.5
QUESTION_BESIDE_NEED = 0.1
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
            words=frozenset(fold(turn.text).split()),
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


# "gibt es noch andere arzt?": the need already searched, "more" second at least this sure,
# in a message of at most this many words, asks for the next page.
MORE_RUNNER_UP = 0.25
MORE_SHORT_WORDS = 6


class ActionFindOffers(FindOffersMixin):
    """A need, a place or an age: remember it and answer with offers or the next question."""

    action_name = "action_find_offers"

    def respond(self, turn: Turn) -> None:
        category = category_of(turn.intent)
        office = office_need(turn.text)
        if (
            category
            and office not in (None, category)
            and turn.confidence((turn.intent or "",)) < OFFICE_OVER_GUESS
            and turn.ranked_among((f"need_{office}",), QUESTION_RANK)
        ):
            # "si Jobcenterul unde e acolo?": the office named outright (work, 0.17) beats
            # an unsure guess at another need (authorities, 0.41)
            category = office
        if crisis_continues(turn):
            # right after the emergency numbers, "I'm in Hartha, alone" or "where can I go
            # in Mittweida?" may still come from someone in danger: the numbers stay first
            turn.say("utter_crisis", crisis_type="")
            if (
                turn.ranked_among(("thanks",), QUESTION_RANK)
                and turn.ranked_need(CLEAR_NEED) is None
            ):
                # "ok, sanitka uz jede, diky" (the ambulance is coming, thanks): health 0.45,
                # thanks 0.15 — thanks, not a search for doctors
                turn.say("utter_welcome")
                return
        if category is None and turn.intent == "inform_place" and not turn.slot("category"):
            category = office_need(turn.text)  # "جاب سنتر فلوها": an office and a town
            if category is None and not self._only_a_place(turn):
                # "munca Flöha": a town and a word of need, which the classifier ranks second
                category = turn.ranked_need(PLACE_AND_NEED)
        if category and turn.slot("pending") == "place" and self._only_a_place(turn):
            category = None  # "augustusburg" answers where, it is not a new need
        if category and self._answers_where(turn, category):
            # after the crisis numbers: "I'm in Döbeln, where can I go with the children
            # afterwards?" answers where; "children" is not a new need
            category = None
        if category and self._moves_the_search(turn, category):
            # after offers: "is there also one in Chemnitz? I go there every week" asks for
            # the same help elsewhere; "every week" is not a wish to meet people
            category = None
        if category and self._asks_about_shown(turn, category):
            return
        if category and asks_more_of_the_same(self, turn, category):
            # "gibt es noch andere arzt?" after doctors: health 0.60, more 0.39 — the next
            # page, not the same three doctors again
            more_offers(self, turn)
            return
        if category and category != turn.slot("category"):
            turn.set(category=category, page=0, shown_offers=None)
        read_eligibility(turn)
        if (
            turn.intent == "inform_age"
            and turn.slot("age") is None
            and turn.slot("eu_citizen") is None
        ):
            turn.say("utter_ask_age")
            return
        self.continue_search(turn, self.locate(turn))

    def _answers_where(self, turn: Turn, category: str) -> bool:
        """True when we asked where, the message names a place, and its need is a weak guess
        that differs from the one being searched."""
        current = turn.slot("category")
        if turn.slot("pending") != "place" or not current or category == current:
            return False
        names_a_place = self.catalog.gazetteer.without_places(turn.text) != turn.text
        return names_a_place and turn.ranked_need(CLEAR_NEED) is None

    def _moves_the_search(self, turn: Turn, category: str) -> bool:
        """True when offers were shown, the message names another town than the one
        searched, and its need is a weak guess that differs from the one shown."""
        current = turn.slot("category")
        if not turn.slot("shown_offers") or not current or category == current:
            return False
        if self.asks_same_elsewhere(turn):
            return True
        return self.names_other_town(turn) and turn.ranked_need(CLEAR_NEED) is None

    def _asks_about_shown(self, turn: Turn, category: str) -> bool:
        """After offers of this very need, a message that names the need again beside a
        question about them ("the doctor there speak arabic?": doctor 0.88, languages 0.12)
        asks about the offers shown, unless it brings another town or an age or citizenship
        that would change them: answer the question (and return True)."""
        if category != turn.slot("category") or not turn.slot("shown_offers"):
            return False
        if self.names_other_town(turn) or turn.text.startswith("/"):
            return False
        if parse_age(turn.text) is not None or parse_eu_citizen(turn.text) is not None:
            return False
        ranking = turn.tracker.latest_message.get("intent_ranking") or []
        question = next(
            (
                QUESTIONS[str(entry.get("name"))]
                for entry in ranking[:QUESTION_RANK]
                if str(entry.get("name")) in QUESTIONS
                and float(entry.get("confidence") or 0) >= QUESTION_BESIDE_NEED
            ),
            None,
        )
        if question is None:
            return False
        offers = shown_offers(self, turn)
        if not offers:
            return False
        answer_details(self, turn, offers, question)
        return True

    def _only_a_place(self, turn: Turn) -> bool:
        """True when the message is a place name and nothing else."""
        rest = self.catalog.gazetteer.without_places(turn.text)
        return bool(turn.text.strip()) and not fold(rest).strip()


def read_eligibility(turn: Turn) -> None:
    """Age and EU citizenship from a refinement button or from the message's own words."""
    age = turn.entity("age")
    if age is None:
        age = parse_age(turn.text, answering=turn.intent == "inform_age")
    try:
        if age is not None and 1 <= int(float(age)) <= 99:
            turn.set(age=float(int(float(age))))
    except (TypeError, ValueError):
        pass
    eu = turn.entity("eu_citizen")
    if isinstance(eu, bool):
        turn.set(eu_citizen=eu)
    elif isinstance(eu, str) and eu.lower() in ("true", "false"):
        turn.set(eu_citizen=eu.lower() == "true")
    elif turn.text and not turn.text.startswith("/"):
        stated = parse_eu_citizen(turn.text)
        if stated is not None:
            turn.set(eu_citizen=stated)
    if turn.text and not turn.text.startswith("/"):
        groups = parse_audiences(turn.text)
        if groups - set(turn.slot("groups") or ()):
            turn.set(groups=sorted(groups | set(turn.slot("groups") or ())))


class ActionMoreOffers(FindOffersMixin):
    """The next page of the last search."""

    action_name = "action_more_offers"

    def respond(self, turn: Turn) -> None:
        more_offers(self, turn)


def asks_more_of_the_same(action: FindOffersMixin, turn: Turn, category: str | None) -> bool:
    """After offers, the need already searched again with "more" as the runner-up: not
    understood and "more" ranked above the need, or the need ranked first in a short message
    naming no town and "more" second with at least MORE_RUNNER_UP."""
    if not turn.slot("shown_offers") or category is None or category != turn.slot("category"):
        return False
    if not turn.ranked_among(("more_results",), 2):
        return False
    more = turn.confidence(("more_results",))
    if turn.intent == "nlu_fallback":
        return more >= turn.confidence((f"need_{category}",))
    return (
        turn.intent == f"need_{category}"
        and more >= MORE_RUNNER_UP
        and len(turn.text.split()) <= MORE_SHORT_WORDS
        and action.named_town(turn) is None
    )


def more_offers(action: FindOffersMixin, turn: Turn) -> None:
    """The next page of the last search (see `ActionMoreOffers`)."""
    category = turn.slot("category")
    other_town = action.names_other_town(turn)
    where = action.locate(turn)
    if not category or not where.known:
        turn.say("utter_need_offers_first")
        return
    office = office_need(turn.text)
    if office not in (None, category):
        # "и Kita рядом есть какая-нибудь?" (and is there a Kita nearby?) after doctors:
        # another office named is a new need there, not more doctors
        turn.set(category=office, page=0, shown_offers=None)
        action.show_offers(turn, str(office), where, 0)
        return
    if other_town:
        # "Dobeln'de de var mi?" (is there one in Döbeln too?): the nearest there, not
        # the next page of the last search
        action.show_offers(turn, category, where, 0)
        return
    action.show_offers(turn, category, where, int(turn.slot("page") or 0) + 1)


class ActionAskPlace(FindOffersMixin):
    """Forget the place and ask for a new one, unless the message names it: "а ближче, у
    Міттвайді, нема?" (nothing nearer, in Mittweida?) searches the same need there."""

    action_name = "action_ask_place"

    def respond(self, turn: Turn) -> None:
        if turn.slot("category") and turn.text and not turn.text.startswith("/"):
            match = self.catalog.gazetteer.resolve(turn.text)
            named = match.place is not None and match.place.kind != "country"
            if named or match.uncertain:
                turn.set(page=0, shown_offers=None)
                self.continue_search(turn, self.locate(turn))
                return
        turn.set(place_id=None, lat=None, lon=None, place_candidates=None, page=0, pending="place")
        turn.say("utter_ask_place", category=turn.slot("category"))


class ActionAskNeed(WegweiserAction):
    """Forget the need and ask what else the user needs."""

    action_name = "action_ask_need"

    def respond(self, turn: Turn) -> None:
        turn.set(category=None, page=0, shown_offers=None, pending="need")
        turn.say("utter_ask_need")
