"""The shared frame of every action: language decision, catalog access, replies by name."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import language
from actions.write_requests import write_request
from services_catalog.catalog import Catalog
from services_catalog.languages import FALLBACK_LANGUAGE
from services_catalog.records import Records
from services_catalog.settings import CatalogSettings

log = logging.getLogger(__name__)

# A request to be written to in another language ("muzete mi psat nemecky?") is the switch
# unless the classifier is at least this sure the message is something else.
REQUEST_OVER_GUESS = 0.6
# ... and out of scope is never that something else ("Kannst du das bitte auf Paschtu
# schreiben? Sie liest nur Paschtu": out of scope 0.60, switch 0.35)
NOT_SOMETHING_ELSE = frozenset({"out_of_scope"})
_lock = threading.Lock()
_shared: dict[str, Any] = {}


def default_catalog() -> Catalog:
    """The catalog from the environment (CATALOG_DATABASE_URL), opened on first use."""
    with _lock:
        if "catalog" not in _shared:
            _shared["catalog"] = Catalog.open(CatalogSettings.from_env())
        catalog: Catalog = _shared["catalog"]
    return catalog


@dataclass
class Turn:
    """One user message being answered: who said what, in which language, and the events."""

    dispatcher: CollectingDispatcher
    tracker: Tracker
    lang: str
    language_source: str = "current"
    events: list[EventType] = field(default_factory=list)

    @property
    def intent(self) -> str:
        return str((self.tracker.latest_message.get("intent") or {}).get("name") or "")

    @property
    def text(self) -> str:
        return str(self.tracker.latest_message.get("text") or "")

    def answered_last_by(self, action_name: str) -> bool:
        """True when `action_name` answered the user's message before this one."""
        users = 0
        for event in reversed(self.tracker.events or []):
            if event.get("event") == "user":
                users += 1
                if users == 2:
                    return False
            elif users == 1 and event.get("event") == "action" and event.get("name") == action_name:
                return True
        return False

    def entity(self, name: str) -> Any:
        """The value of the first entity called `name` in this message, or None."""
        for entity in self.tracker.latest_message.get("entities") or []:
            if entity.get("entity") == name:
                return entity.get("value")
        return None

    def ranked_need(
        self, min_confidence: float, among: tuple[str, ...] | None = None
    ) -> str | None:
        """The service need (category id) the classifier ranks highest among the need_*
        intents (or only `among` these categories), when at least `min_confidence`: what a
        vague or mixed message most likely asks for when its top intent is not a need."""
        for entry in self.tracker.latest_message.get("intent_ranking") or []:
            name = str(entry.get("name") or "")
            category = name.removeprefix("need_")
            if not name.startswith("need_") or (among is not None and category not in among):
                continue
            return category if float(entry.get("confidence") or 0) >= min_confidence else None
        return None

    def confidence(self, intents: tuple[str, ...]) -> float:
        """The classifier's highest confidence for any of `intents` (0 when unranked)."""
        ranked = intent_confidences(self.tracker)
        return max((ranked.get(intent, 0.0) for intent in intents), default=0.0)

    def ranked_among(self, intents: tuple[str, ...], top: int) -> bool:
        """True when one of `intents` is among the classifier's `top` ranked intents."""
        ranking = self.tracker.latest_message.get("intent_ranking") or []
        return any(str(entry.get("name")) in intents for entry in ranking[:top])

    def slot(self, name: str) -> Any:
        """A slot's value, including changes this action already made."""
        for event in reversed(self.events):
            if event.get("event") == "slot" and event.get("name") == name:
                return event.get("value")
        return self.tracker.get_slot(name)

    def set(self, **slots: Any) -> None:
        """Set slots; one event per changed slot (every event is stored and sent back to
        the action server on each later turn, so unchanged values are not repeated)."""
        for name, value in slots.items():
            self.events = [
                e for e in self.events if not (e.get("event") == "slot" and e.get("name") == name)
            ]
            if self.tracker.get_slot(name) != value:
                self.events.append(SlotSet(name, value))

    def say(self, response: str, **data: Any) -> None:
        """Send a response by name with its data; bot.replies renders it in the language."""
        self.dispatcher.utter_message(response=response, lang=self.lang, data=data)


def intent_confidences(tracker: Tracker) -> dict[str, float]:
    """The classifier's confidence per intent for the latest message."""
    message = tracker.latest_message or {}
    return {
        str(r.get("name")): float(r.get("confidence") or 0)
        for r in message.get("intent_ranking") or []
    }


class WegweiserAction(Action):  # type: ignore[misc]  # rasa_sdk has no type hints
    """Base class: decides the language, then lets `respond` answer the turn."""

    action_name = ""

    def __init__(self, catalog: Catalog | None = None, records: Records | None = None) -> None:
        self._catalog = catalog
        self._records = records

    def name(self) -> str:
        return self.action_name

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = default_catalog()
        return self._catalog

    @property
    def records(self) -> Records:
        if self._records is None:
            self._records = Records(self.catalog.store.engine)
        return self._records

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        metadata = message.get("metadata") or {}
        intent = self.language_intent(tracker)
        requested = self._write_request(tracker, intent)
        decision = language.decide(
            text=str(message.get("text") or ""),
            intent="change_language" if requested else intent,
            entities=list(message.get("entities") or []),
            current=tracker.get_slot("language"),
            locked=bool(tracker.get_slot("language_locked")),
            hint=metadata.get("locale") if isinstance(metadata, dict) else None,
            without_places=self.catalog.gazetteer.without_places,
        )
        turn = Turn(dispatcher, tracker, decision.lang or FALLBACK_LANGUAGE, decision.source)
        if decision.lang != tracker.get_slot("language"):
            turn.set(language=decision.lang)
        if decision.locked != bool(tracker.get_slot("language_locked")):
            turn.set(language_locked=decision.locked)
        await self.catalog.refreshed()  # cheap unless the catalog changed; rebuilds off the loop
        if requested and decision.source == "explicit":
            # "viet bang tieng anh giup mk" (write in English for me): the switch is what
            # the message asks; an unsure guess at a need beside it is not
            turn.say("utter_language_switched")
        else:
            self.respond(turn)
        if decision.lang is None:
            turn.say("utter_choose_language")
        log.debug("%s answered in %s (%s)", self.name(), turn.lang, decision.source)
        return turn.events

    @staticmethod
    def _write_request(tracker: Tracker, intent: str) -> str | None:
        """The language a message asks to be written to in, when the classifier took it
        for something else it is unsure of (below REQUEST_OVER_GUESS)."""
        if intent == "change_language" or str(
            (tracker.latest_message or {}).get("text") or ""
        ).startswith("/"):
            return None
        sure = intent_confidences(tracker).get(intent, 0.0) >= REQUEST_OVER_GUESS
        if sure and intent not in NOT_SOMETHING_ELSE:
            return None
        text = str((tracker.latest_message or {}).get("text") or "")
        return write_request(text, tracker.get_slot("language"))

    def language_intent(self, tracker: Tracker) -> str:
        """The intent the reply language is decided by: the classifier's."""
        return str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")

    def respond(self, turn: Turn) -> None:
        """Answer the turn: set slots and say responses."""
        raise NotImplementedError
