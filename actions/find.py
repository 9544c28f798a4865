"""Finding offers, the actions: a need, a place or an age → the next question or offers
(`actions.offer_search`), paging, a new place or need."""

from __future__ import annotations

from actions.base import Turn, WegweiserAction
from actions.citizenship import parse_eu_citizen
from actions.details import QUESTIONS, answer_details, shown_offers
from actions.eligibility import parse_age, parse_audiences
from actions.language_questions import names_a_course
from actions.offer_search import CLEAR_NEED, FindOffersMixin, category_of, crisis_continues
from actions.office_words import office_need
from services_catalog.model import CATEGORIES
from services_catalog.text import fold

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
# A need ranked at least this high beside a German course that the message adds with "and"
# or "also" in its second half is what it asks first (`course_said_second`).
COURSE_BESIDE_NEED = 0.2
OTHER_THAN_COURSE = tuple(c for c in CATEGORIES if c != "language_course")
# "and" and "also" in our languages (folded; Arabic "و" is glued to the next word: "وكمان")
_AND_WORDS = frozenset(
    fold(word)
    for word in (
        *("and", "also", "too", "und", "auch", "et", "aussi", "taky", "take", "tez", "też"),
        *("si", "și", "asemenea", "ve", "ayrıca", "и", "і", "й", "та", "тоже", "також"),
        *("ещё", "ще", "và", "cũng", "كمان", "وكمان", "أيضا", "ايضا", "وأيضا", "va", "هم"),
        *("همچنین", "او", "ከምኡ"),
    )
)


# "gibt es noch andere arzt?": the need already searched, "more" second at least this sure,
# in a message of at most this many words, asks for the next page (health 0.84, more 0.16;
# Egyptian "طب في حاجة تانية غير دول؟", so is there anything other than these: health 0.61
# for "طب", more 0.24). Showing the same offers again never helps.
MORE_RUNNER_UP = 0.15
MORE_SHORT_WORDS = 6


class ActionFindOffers(FindOffersMixin):
    """A need, a place or an age: remember it and answer with offers or the next question."""

    action_name = "action_find_offers"

    def respond(self, turn: Turn) -> None:
        category = office_over_guess(turn, course_said_second(turn, category_of(turn.intent)))
        if crisis_continues(turn):
            # right after the emergency numbers, "I'm in Hartha, alone" or "where can I go
            # in Mittweida?" may still come from someone in danger: the numbers stay first
            turn.say("utter_crisis", crisis_type="")
            if thanks_after_crisis(turn):
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


def thanks_after_crisis(turn: Turn) -> bool:
    """Right after the emergency numbers, thanks ranked among the first few and no clear
    need: thanks, not a search ("ok, sanitka uz jede, diky", the ambulance is coming,
    thanks: health 0.45, thanks 0.15; "au venit cei de la ambulanta. multumesc": not
    understood, discrimination 0.30, thanks 0.20)."""
    return turn.ranked_among(("thanks",), QUESTION_RANK) and turn.ranked_need(CLEAR_NEED) is None


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


def course_said_second(turn: Turn, category: str | None) -> str | None:
    """The other need when the guess is a German course that the message adds with "and"
    or "also" after another need the classifier ranks too ("musze zapisac syna do szkoly
    (ma 8 lat) i sama tez szukam kursu niemieckiego": course 0.69, school 0.29): its
    offers are one question away ("and the course?")."""
    if category != "language_course" or not course_comes_second(turn.text, turn.lang):
        return category
    return turn.ranked_need(COURSE_BESIDE_NEED, OTHER_THAN_COURSE) or category


def course_comes_second(text: str, lang: str = "") -> bool:
    """True when a message names a course only in its second half, after an "and" or
    "also" ("a taky chci nemecky kurz", "si de un curs", "وكمان بدي كورس", Turkish "bir de");
    a course named last in a Turkish or Persian sentence, whose verb comes last, is no second
    need ("doktora icin TestDaF hazirlik kursu ariyorum")."""
    words = fold(text).split()
    first = next((i for i, word in enumerate(words) if names_a_course(word, lang)), None)
    if first is None or first < len(words) / 2:
        return False
    before = words[1:first]
    return any(word in _AND_WORDS for word in before) or " bir de " in f" {' '.join(before)} "


def office_over_guess(turn: Turn, category: str | None) -> str | None:
    """The need guessed, or the office named outright in the message when the guess is
    unsure and the office's need is ranked among the first few ("si Jobcenterul unde e
    acolo?": work 0.17 beats authorities 0.41; "je cherche le jobcenter de Waldheim, ils
    ont coupé mon argent": work 0.33 beats migration counselling 0.35)."""
    office = office_need(turn.text)
    if (
        category
        and office not in (None, category)
        and turn.confidence((f"need_{category}",)) < OFFICE_OVER_GUESS
        and turn.ranked_among((f"need_{office}",), QUESTION_RANK)
    ):
        return office
    return category


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
