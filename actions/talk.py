"""Conversation: greeting, help, goodbye, thanks, out of scope, language switch."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.base import Turn, WegweiserAction
from actions.details import (
    MORE_FIRST,
    QUESTIONS,
    answer_details,
    asks_for_courses,
    question_about_shown,
    ranking_without_fallback,
    shown_offers,
)
from actions.find import (
    asks_more_of_the_same,
    more_offers,
    office_over_guess,
    read_eligibility,
    thanks_after_crisis,
)
from actions.language_names import named_languages
from actions.language_questions import asks_offer_languages, learns_german
from actions.offer_search import CLEAR_NEED, CRISIS_CATEGORIES, FindOffersMixin, crisis_continues
from actions.office_words import office_need
from services_catalog.model import CATEGORIES

# A plea for help with a need ranked at least this high asks for that need (over the 85
# journey turns taken for help: vague pleas rank no need above 0.36, "ዝሕግዘኒ ሰብ ኣሎ ዶ?").
NEED_BESIDE_HELP = 0.4
# A need ranked at least this high in an out-of-scope or not-understood message is taken.
# (Session 6 tried 0.2 for a need ranked first: it took "bi sorum var", I have a question,
# for a doctor; the model of the end of session 6 ranks the cases it was for above 0.25.)
RANKED_NEED_CONFIDENCE = 0.25
# (Session 9 tried 0.2 for a not-understood message naming a town before any offers: over
# the 1,938 tuned journeys it changed one turn, for the worse — "we just arrived in Leisnig
# yesterday" got anti-discrimination offers.)
# An out-of-scope message this sure names a town in passing, never a search there.
SURE_OUT_OF_SCOPE = 0.9
# Not understood, naming the office of another need, with "where" ranked among the first
# few questions: the office is searched (not the question about the offers shown).
ADDRESS_RANK = 3
# ... or with the office's own need ranked at least this share of the question ranked first
OFFICE_BESIDE_QUESTION = 0.8
# A message that names a place and whose intents rank a place answer this high (among the
# top few) gives the place for the need already known.
PLACE_INTENTS = ("inform_place", "change_place")
PLACE_RANK = 3
# "and in Roßwein?", "a cos blizej Flohy?": a place follow-up is a few words.
SHORT_MESSAGE_WORDS = 6
# After offers were shown, a question about them is taken when the classifier ranks it first
# with at least this much, or a close second ("meas yijemir? saat kindey", Tigrinya in Latin
# letters: out of scope 0.51, hours 0.45; "hoc phi bn v a": fallback, cost 0.21).
QUESTION_FIRST = 0.2
QUESTION_CLOSE = 0.15
# Right after the emergency numbers, their need ranked first among the needs at least this
# sure in a message not understood is that help again.
CRISIS_NEED_AGAIN = 0.15
CRISIS_NEED_CLOSE = 0.05


class ActionGreet(WegweiserAction):
    """Hello, and what I can do."""

    action_name = "action_greet"

    def respond(self, turn: Turn) -> None:
        turn.say("utter_greet")


class ActionHelp(FindOffersMixin):
    """What I can do, with the topic menu; "and in Mittweida?" after offers goes on with
    the search there."""

    action_name = "action_help"

    def respond(self, turn: Turn) -> None:
        need = turn.ranked_need(NEED_BESIDE_HELP)
        if need is not None and need != turn.slot("category"):
            # "e can tim viec lam, ai giup e vs dc k ak" (I need to find work, who can help
            # me?): help 0.5, work 0.44 — a need asked for with a plea for help
            turn.set(category=need, page=0, shown_offers=None)
            self.continue_search(turn, self.locate(turn))
            return
        if not continued_with_place(self, turn, short_only=True):
            # "Mittweida'dayım, yardıma ihtiyacım var": the topic menu, and the town kept
            # for the need that follows
            remember_place(self, turn)
            turn.say("utter_help")


class ActionGoodbye(WegweiserAction):
    """Goodbye."""

    action_name = "action_goodbye"

    def respond(self, turn: Turn) -> None:
        turn.say("utter_goodbye")


class ActionThanks(WegweiserAction):
    """You're welcome."""

    action_name = "action_thanks"

    def respond(self, turn: Turn) -> None:
        turn.say("utter_welcome")


class ActionOutOfScope(FindOffersMixin):
    """A polite "I can help you find …" with the menu, never a made-up answer; but a
    message that answers the place question, or whose most likely need is clear enough,
    goes on with the search instead of getting stuck."""

    action_name = "action_out_of_scope"

    @staticmethod
    def _another_need_first(turn: Turn) -> bool:
        """Not understood after offers, naming a language, but another need ranked above
        the question about languages: "co bac si nao noi dc tieng Viet o gan do hok" (a
        doctor who speaks Vietnamese nearby?) after places to meet people is a doctor with
        a language wish; "vợ mình muốn học tiếng Đức" (my wife wants to learn German) after
        Kita offers, naming only German, a course (a course beside another language named
        is a question about the staff: "auf Arabisch? mein Deutsch ist erst B1")."""
        named = named_languages(turn.text)
        other = turn.ranked_need(RANKED_NEED_CONFIDENCE)
        if other in (None, turn.slot("category")) or not named:
            return False
        if other == "language_course":
            return named == {"de"}
        languages = turn.confidence(("ask_languages",))
        return 0 < languages <= turn.confidence((f"need_{other}",))

    @staticmethod
    def _office_close_to_question(turn: Turn, office: str) -> bool:
        """Not understood, and the need of the office named ranked nearly as high as the
        first question about the offers shown, or higher ("Jobcenterke abzi alo do?": work
        0.50, cost 0.46); a cost question naming the Jobcenter that the classifier is sure
        of stays one: "und zahlt das Jobcenter den Kurs?")."""
        questions = [c for name, c in ranking_without_fallback(turn) if name in QUESTIONS]
        if not questions:
            return False
        return turn.confidence((f"need_{office}",)) >= OFFICE_BESIDE_QUESTION * questions[0]

    @staticmethod
    def _asks_for_more(turn: Turn) -> bool:
        """Not understood after offers, with "more" ranked first at least MORE_FIRST:
        the next page (or the search in another town or for another office named)."""
        ranking = ranking_without_fallback(turn)
        return (
            turn.intent == "nlu_fallback"
            and bool(turn.slot("shown_offers"))
            and bool(ranking)
            and ranking[0][0] == "more_results"
            and ranking[0][1] >= MORE_FIRST
        )

    @staticmethod
    def _names_a_language_after_offers(turn: Turn) -> bool:
        """Not understood after offers, but naming a language ("unja kas hast ke farsi gap
        mizana?", is there someone who speaks Farsi?): a question about the staff's
        languages. A request to write in it is understood as one (`change_language`)."""
        return (
            turn.intent == "nlu_fallback"
            and bool(turn.slot("shown_offers"))
            and bool(named_languages(turn.text))
        )

    def respond(self, turn: Turn) -> None:
        if crisis_continues(turn):
            # "what do I do now, I am alone" right after the numbers: they stay first
            turn.say("utter_crisis", crisis_type="")
            if thanks_after_crisis(turn):
                turn.say("utter_welcome")
                return
            if crisis_help_again(turn):
                # "canh sat den roi … mai e muon tim nha tru an cho phu nu va tre con o
                # Hartha" (the police came and took him; tomorrow I want a shelter for women
                # and children in Hartha): not understood, violence 0.18 first among the
                # needs — the help the numbers came with, now with the wishes it names
                read_eligibility(turn)
                turn.set(page=0, shown_offers=None)
                self.continue_search(turn, self.locate(turn))
                return
        if (
            turn.slot("pending") == "place"
            and turn.ranked_need(CLEAR_NEED) is None
            and continued_with_place(self, turn, short_only=False)
        ):
            # we asked where: "augustusburg", or "I am in Waldheim, where can I go
            # afterwards?", answers it; a guess at another need does not
            return
        question = question_about_shown(turn, QUESTION_FIRST, QUESTION_CLOSE)
        if question is None and self._names_a_language_after_offers(turn):
            question = "languages"
        if question == "languages" and self._another_need_first(turn):
            question = None
        if question and self.names_other_town(turn):
            question = None  # "а в Митвайде есть такое?": the same help in another town
        office = office_need(turn.text)
        if office not in (None, turn.slot("category")) and (
            question == "address"
            or (question and turn.ranked_among(("ask_address",), ADDRESS_RANK))
            or (question and self._office_close_to_question(turn, office))
        ):
            # "وفين الجوب سنتر هناك؟" (and where's the Jobcenter there?) after Kita offers:
            # the Jobcenter, also when "what does it cost" is ranked just above "where", or
            # just above the office's own need ("Jobcenterke abzi alo do?": cost 0.50,
            # work 0.46)
            question = None
        offers = shown_offers(self, turn) if question else []
        if question and offers and asks_for_courses(turn, offers):
            # "a ten kurz?" (and the course?) after Jobcenter offers: cost 0.33, address 0.32
            turn.set(category="language_course", page=0, shown_offers=None)
            self.continue_search(turn, self.locate(turn))
            return
        if question and offers:
            answer_details(self, turn, offers, question)
            return
        if question is None and self._asks_for_more(turn):
            more_offers(self, turn)  # "a jsou tam i jiní?" (are there others too?)
            return
        # "شو الطقس بكرا بكمنتس؟" (weather tomorrow in Chemnitz?): a short message the
        # classifier is sure is out of scope asks nothing about offers there
        sure_elsewhere = turn.confidence(("out_of_scope",)) >= SURE_OUT_OF_SCOPE
        # "Ой, извините, по-русски мне проще. А в Россвайне есть что-нибудь?" after offers:
        # another town named is the same search there, not the topic menu
        elsewhere_after_offers = bool(turn.slot("shown_offers")) and self.names_other_town(turn)
        if (
            turn.ranked_among(("help",), 3)
            and not turn.ranked_need(CLEAR_NEED)
            and not sure_elsewhere
            and not elsewhere_after_offers
        ):
            # "yardim lazim" (help needed): "help" as likely as any need, so the topic menu
            # rather than a guess at one need
            if not continued_with_place(self, turn, short_only=True):
                remember_place(self, turn)
                turn.say("utter_help")
            return
        category = office_over_guess(turn, turn.ranked_need(RANKED_NEED_CONFIDENCE)) or office_need(
            turn.text
        )
        if asks_more_of_the_same(self, turn, category):
            # "طب في حاجة تانية غير دول؟" (anything besides these?): "more" ranked above
            # the need already searched; the same three offers again would be a loop
            more_offers(self, turn)
            return
        if (
            category
            and turn.slot("shown_offers")
            and self.names_other_town(turn)
            and (
                turn.confidence(PLACE_INTENTS) >= turn.confidence((f"need_{category}",))
                or self.asks_same_elsewhere(turn)
                or (turn.intent == "nlu_fallback" and not office_need(turn.text))
            )
        ):
            # after offers: "Nếu nhà tôi chuyển lên Lai-xích thì sao?" (and if we move to
            # Leipzig?) — a place ranked above any need is the same search there; so is a
            # short question about another town before a reason ("А в Хемнице такое есть?
            # Я там работаю": "I work there" is no wish for work); so is a message not
            # understood that names another town ("Con trai tôi ở Leipzig cũng muốn làm, ở
            # đó thì đi đâu?", my son in Leipzig wants it too, where does he go there?)
            category = None
        if category in CATEGORIES:
            turn.set(category=category, page=0, shown_offers=None)
            self.continue_search(turn, self.locate(turn))
            return
        about_place = turn.slot("pending") == "place" or turn.ranked_among(
            PLACE_INTENTS, PLACE_RANK
        )
        repeats_town = False
        if turn.slot("shown_offers"):
            # after offers: another town goes on with the same search there, also when the
            # classifier did not understand the rest ("age Chemnitz bashe chi? unja ham
            # hast?", Persian in Latin letters); the town already searched does not repeat
            # the offers ("will it snow in Frankenberg tomorrow?")
            other = self.names_other_town(turn)
            repeats_town = not other and self.named_town(turn) is not None
            about_place = about_place or (
                other and (turn.intent == "nlu_fallback" or self.asks_same_elsewhere(turn))
            )
        if (
            not repeats_town
            and not sure_elsewhere
            and continued_with_place(self, turn, short_only=not about_place)
        ):
            return
        remember_place(self, turn)
        turn.say("utter_out_of_scope")


def crisis_help_again(turn: Turn) -> bool:
    """Right after the emergency numbers came with the offers of their need (protection from
    violence, psychological help), a message not understood that ranks that very need first
    among the needs, at least CRISIS_NEED_AGAIN, or within CRISIS_NEED_CLOSE of the first
    ("ok i called the number … is there a counsellor for mental health in doebeln?" after
    the numbers for suicide: violence 0.32, psychological help 0.30)."""
    category = turn.slot("category")
    if category not in CRISIS_CATEGORIES.values():
        return False
    first = turn.ranked_need(CRISIS_NEED_AGAIN)
    if first == category:
        return True
    own = turn.confidence((f"need_{category}",))
    return (
        first is not None
        and own >= CRISIS_NEED_AGAIN
        and turn.confidence((f"need_{first}",)) - own <= CRISIS_NEED_CLOSE
    )


def continued_with_place(action: FindOffersMixin, turn: Turn, short_only: bool) -> bool:
    """When a need is known and the message names a place ("a cos blizej Flohy?", "we are
    in Leisnig, where can we go?"), search there and return True. With `short_only`, only
    a short message counts (a long one naming a town is more likely about something else)."""
    if not turn.slot("category") or not turn.text or turn.text.startswith("/"):
        return False
    if short_only and len(turn.text.split()) > SHORT_MESSAGE_WORDS:
        return False
    match = action.catalog.gazetteer.resolve(turn.text)
    if match.place is None and not match.uncertain:
        return False
    action.continue_search(turn, action.locate(turn))
    return True


def remember_place(action: FindOffersMixin, turn: Turn) -> None:
    """Keep a town named in passing ("what's the weather in Freiberg?") for the next need
    ("and German courses there?")."""
    if turn.text and not turn.text.startswith("/"):
        match = action.catalog.gazetteer.resolve(turn.text)
        if match.place is not None and match.place.kind != "country":
            turn.set(place_id=match.place.id, lat=None, lon=None)


class ActionChangeLanguage(FindOffersMixin):
    """Switch to the language the user named or chose, or show the language picker. After
    offers, a question that may also ask whether the staff speak it ("geht das auch auf
    Arabisch?", "momken tekalemni english?") gets both: the switch, and the languages of
    the offers shown, in the new language."""

    action_name = "action_change_language"

    def language_intent(self, tracker: Tracker) -> str:
        if learns_german(tracker):
            return "need_language_course"  # no switch to German
        return super().language_intent(tracker)

    def respond(self, turn: Turn) -> None:
        if learns_german(turn.tracker):
            # "almani zhaba zdakawal ghwaram" (Pashto: I want to learn German): a course
            turn.set(category="language_course", page=0, shown_offers=None)
            self.continue_search(turn, self.locate(turn))
            return
        if turn.language_source == "explicit" and asks_offer_languages(turn.tracker):
            turn.say("utter_language_switched")
            answer_details(self, turn, shown_offers(self, turn), "languages")
            return
        if turn.language_source == "explicit":
            turn.say("utter_language_switched")
        else:
            turn.say("utter_choose_language")
