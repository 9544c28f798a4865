"""Follow-ups on shown offers, yes/no answers, feedback, handover to a person, crisis."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.base import Turn, WegweiserAction
from actions.details import (
    QUESTIONS,
    answer_details,
    asks_for_courses,
    shown_offers,
    unsure_short_question,
)
from actions.find import read_eligibility
from actions.language_names import named_languages
from actions.language_questions import asks_chat_language, asks_to_learn
from actions.offer_search import CRISIS_CATEGORIES, FindOffersMixin, crisis_continues
from actions.office_words import office_need
from actions.payloads import offer_payload
from actions.where import Where
from services_catalog.search import Query

# A need ranked at least this high in a follow-up question with no offers shown is taken.
RANKED_NEED_CONFIDENCE = 0.05
# A question about the offers shown that the classifier also ranks as another need at least
# this high asks for that need ("is there a doctor who speaks arabic there?" after places to
# meet people: languages 0.65, doctor 0.34; "co bac si nao noi dc tieng Viet o gan do
# hok": 0.66, 0.29).
OTHER_NEED_CONFIDENCE = 0.25
# The need of a Kita named in a short question the classifier is unsure of.
KITA = "family_and_school"
# ... and for the other questions (when, where, how much), whose need words are mostly the
# reason around the question ("when do they open? I am at school until 2": hours 0.44,
# school 0.37).
OTHER_NEED_BESIDE_QUESTION = 0.4
# After the numbers for an unnamed danger, offers only for a need ranked at least this high.
CRISIS_NEED_CONFIDENCE = 0.25
CRISIS_OTHER_NEED_CONFIDENCE = 0.6


class ActionOfferDetails(FindOffersMixin):
    """Cost, opening hours, languages or address of the offers just shown."""

    action_name = "action_offer_details"

    def language_intent(self, tracker: Tracker) -> str:
        intent = super().language_intent(tracker)
        if intent == "ask_languages" and asks_chat_language(tracker):
            return "change_language"  # "а можно на английском?": also write in it
        return intent

    def respond(self, turn: Turn) -> None:
        if crisis_continues(turn):
            turn.say("utter_crisis", crisis_type="")
        offers = shown_offers(self, turn)
        if not offers:
            # "a doctor who speaks Arabic" before any offer: a need with a wish, not a
            # question about offers shown
            category = (
                turn.ranked_need(RANKED_NEED_CONFIDENCE)
                or office_need(turn.text)
                or turn.slot("category")
            )
            if category:
                turn.set(category=category, page=0)
                self.continue_search(turn, self.locate(turn))
                return
            turn.say("utter_need_offers_first")
            return
        other_need = turn.ranked_need(
            OTHER_NEED_CONFIDENCE if turn.intent == "ask_languages" else OTHER_NEED_BESIDE_QUESTION
        )
        if (
            turn.intent == "ask_languages"
            and other_need == "language_course"
            and named_languages(turn.text) != {"de"}
        ):
            # "Geht die Beratung auch auf Arabisch? Ihr Deutsch ist erst B1": the languages
            # named make a course look likely; the question is about the staff (but one
            # naming only German, "and for me, is there a German course there?", is a course)
            other_need = None
        if (
            turn.intent == "ask_languages"
            and other_need is None
            and named_languages(turn.text) == {"de"}
            and asks_to_learn(turn.text)
            and turn.slot("category") not in ("language_course", "family_and_school")
        ):
            # "ab'u nay jermen qwanqwa timhrti'ke ale dyu?" (is there German language
            # teaching there?) after doctors, taken for a question about the staff (0.95):
            # naming only German and a course, it is a course
            other_need = "language_course"
        if other_need is None and asks_for_courses(turn, offers):
            other_need = "language_course"  # "طيب والكورس؟" (and the course?) after schools
        if turn.intent == "ask_address" and other_need in (None, turn.slot("category")):
            # "وفين الجوب سنتر هناك؟" (and where's the Jobcenter there?) after Kita offers:
            # the office of another need is a search for it
            other_need = office_need(turn.text)
        if other_need in (None, turn.slot("category")) and unsure_short_question(turn):
            # "а садик там же?" (and a kindergarten there?) after courses, taken for an
            # hours question (0.50): a Kita named is a search for one, as a course is
            # (not the Jobcenter: "und zahlt das Jobcenter den Kurs?" asks the cost)
            other_need = KITA if office_need(turn.text) == KITA else other_need
        if other_need not in (None, turn.slot("category")):
            # "is there a doctor who speaks arabic there?" after places to meet people: a
            # new need (with a wish for the staff's language), not a question about these
            turn.set(category=other_need, page=0, shown_offers=None)
            self.continue_search(turn, self.locate(turn))
            return
        town = self.named_town(turn)
        in_that_town = town is not None and any(
            location.place_id == town.id for o in offers for location in o.locations
        )
        # a question about languages that names none ("А в Хемнице такое есть? Я там
        # работаю": and in Chemnitz, is there such? I work there) is not about the staff
        no_language = turn.intent == "ask_languages" and not named_languages(turn.text)
        if (
            town is not None
            and self.names_other_town(turn)
            and (
                turn.intent in ("ask_address", "ask_opening_hours")
                or not in_that_town
                or no_language
            )
        ):
            # "а в Митвайде есть такое?" (and in Mittweida, is there such a thing?): the same
            # search in another town, not a question about the offers shown (unless one of
            # them is in that town: "do they speak Arabic in the Chemnitz office?"; "where,
            # in Chemnitz?" is the search there all the same, the office there comes first;
            # so is "a v Drážďanech je taky něco takového?" taken for a question when open)
            self.continue_search(turn, self.locate(turn))
            return
        if turn.language_source == "explicit":
            turn.say("utter_language_switched")
        answer_details(self, turn, offers, QUESTIONS.get(turn.intent, "address"))


class ActionYesNo(FindOffersMixin):
    """Yes or no: to "did you mean …?", or in general."""

    action_name = "action_yes_no"

    def respond(self, turn: Turn) -> None:
        pending = turn.slot("pending")
        yes = turn.intent == "affirm"
        if pending == "confirm_place":
            candidates = turn.slot("place_candidates") or []
            place = self.catalog.gazetteer.get(candidates[0]) if yes and candidates else None
            if place is None:
                turn.set(pending="place", place_candidates=None)
                turn.say("utter_ask_place", category=turn.slot("category"))
                return
            turn.set(place_id=place.id, lat=None, lon=None, place_candidates=None)
            self.continue_search(turn, Where(place=place))
            return
        if self.names_other_town(turn):
            # "Mulda" after "where?", taken for "yes" (.49): the town is the answer
            self.continue_search(turn, self.locate(turn))
            return
        turn.say("utter_help" if yes else "utter_ask_need")


class ActionFeedback(WegweiserAction):
    """Helpful or not: recorded anonymously (category and language only)."""

    action_name = "action_feedback"

    def respond(self, turn: Turn) -> None:
        if crisis_continues(turn):
            # "e ko nói đc tiếng đức nhiều, giờ gọi số nào" (I don't speak German, which
            # number now?) taken for "not helpful" right after the numbers: they stay first
            turn.say("utter_crisis", crisis_type="")
        helpful = turn.intent == "feedback_positive"
        self.records.feedback(turn.slot("category") or "", turn.lang, helpful)
        turn.say("utter_feedback_thanks" if helpful else "utter_feedback_sorry")


class ActionHandover(FindOffersMixin):
    """Talk to a person: show the right counselling contact and record the request."""

    action_name = "action_handover"

    def respond(self, turn: Turn) -> None:
        category = turn.slot("category") or "migration_counselling"
        where = self.locate(turn)
        self.records.handover(category, where.place.id if where.place else "", turn.lang)
        shown = [self.catalog.index.offers.get(i) for i in turn.slot("shown_offers") or []]
        offer = next((o for o in shown if o is not None), None)
        location = None
        if offer is None and where.known:
            found = self.catalog.nearest(
                Query(
                    category,
                    lat=where.lat,
                    lon=where.lon,
                    place=where.place,
                    languages=(turn.lang,),
                    limit=1,
                )
            )
            if found.results:
                offer, location = found.results[0].offer, found.results[0].location
        turn.say(
            "utter_handover", offer=offer_payload(offer, turn.lang, location) if offer else None
        )


class ActionCrisis(FindOffersMixin):
    """Danger now: the emergency numbers first, then the matching offers."""

    action_name = "action_crisis"

    def respond(self, turn: Turn) -> None:
        crisis_type = str(turn.entity("crisis_type") or "")
        turn.say("utter_crisis", crisis_type=crisis_type)
        read_eligibility(turn)  # "my husband …": the women's refuge comes first
        category = CRISIS_CATEGORIES.get(crisis_type)
        asked = turn.ranked_need(CRISIS_OTHER_NEED_CONFIDENCE)
        if category and asked and asked not in CRISIS_CATEGORIES.values():
            # "if they deport me they will kill me": the numbers first all the same, then
            # the help the message clearly asks for (asylum counselling), not a women's refuge
            category = asked
        if category is None and crisis_type != "medical":
            # danger the phrase lists did not name: the need the classifier ranks next
            # (violence, psychological help) is where help comes from after the call
            category = turn.ranked_need(CRISIS_NEED_CONFIDENCE)
        if category is None:
            # a town the message names is kept for the need that follows ("a colleague fell
            # from the scaffolding in Mittweida" … "where can we complain?")
            town = self.named_town(turn)
            if town is not None:
                turn.set(place_id=town.id, lat=None, lon=None)
                searched = turn.slot("category")
                if not crisis_type and searched and turn.slot("pending") == "place":
                    # we asked where for a need: "je suis a dobeln dans le heim" answers it
                    # (danger ranked second, no phrase): after the numbers, the offers there
                    turn.set(page=0)
                    self.continue_search(turn, self.locate(turn))
                    return
            if not crisis_type:
                # no named danger and no clear need ("ich brauche Hilfe", "Pomocy!"): after
                # the numbers, the topics, so that whoever is not in danger goes on
                turn.set(pending="need")
                turn.say("utter_ask_need")
            return
        turn.set(category=category, page=0)
        where = self.locate(turn)
        if where.known:
            self.show_offers(turn, category, where, 0)
            return
        # statewide help now; the town, when the user gives it, brings the nearest
        self.show_offers(turn, category, Where(place=self.catalog.gazetteer.get("sachsen")), 0)
        turn.set(pending="place")
