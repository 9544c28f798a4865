"""Conversation: greeting, help, goodbye, thanks, out of scope, language switch."""

from __future__ import annotations

from actions.base import Turn, WegweiserAction
from actions.find import FindOffersMixin
from services_catalog.model import CATEGORIES

# A need ranked at least this high in an out-of-scope or not-understood message is taken.
RANKED_NEED_CONFIDENCE = 0.25
# A message that names a place and whose intents rank a place answer this high (among the
# top few) gives the place for the need already known.
PLACE_INTENTS = ("inform_place", "change_place")
PLACE_RANK = 3


class ActionGreet(WegweiserAction):
    """Hello, and what I can do."""

    action_name = "action_greet"

    def respond(self, turn: Turn) -> None:
        turn.say("utter_greet")


class ActionHelp(WegweiserAction):
    """What I can do, with the topic menu."""

    action_name = "action_help"

    def respond(self, turn: Turn) -> None:
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

    def respond(self, turn: Turn) -> None:
        category = turn.ranked_need(RANKED_NEED_CONFIDENCE)
        if category in CATEGORIES:
            turn.set(category=category, page=0, shown_offers=None)
            self.continue_search(turn, self.locate(turn))
            return
        about_place = turn.slot("pending") == "place" or turn.ranked_among(
            PLACE_INTENTS, PLACE_RANK
        )
        if about_place and turn.slot("category") and turn.text and not turn.text.startswith("/"):
            # "a cos blizej Flohy?": a place for the need we already know
            match = self.catalog.gazetteer.resolve(turn.text)
            if match.place is not None or match.uncertain:
                self.continue_search(turn, self.locate(turn))
                return
        turn.say("utter_out_of_scope")


class ActionChangeLanguage(WegweiserAction):
    """Switch to the language the user named or chose, or show the language picker."""

    action_name = "action_change_language"

    def respond(self, turn: Turn) -> None:
        if turn.language_source == "explicit":
            turn.say("utter_language_switched")
        else:
            turn.say("utter_choose_language")
