"""The assistant as channels see it: send a user message, get shaped replies; forget a chat."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from bot.privacy import delete_conversation
from bot.rasa_client import RasaClient, RasaUnavailable, merge_messages
from bot.replies import render
from bot.shaping import shape_message
from services_catalog.languages import FALLBACK_LANGUAGE, normalize_language


class Assistant:
    """Channel-neutral access to Rasa, remembering each session's last reply language."""

    def __init__(self, rasa: RasaClient, tracker_store: str, max_sessions: int = 50_000) -> None:
        self.rasa = rasa
        self.tracker_store = tracker_store  # SQLAlchemy URL (or a SQLite file's path)
        self.max_sessions = max_sessions
        self._languages: OrderedDict[str, str] = OrderedDict()

    def language(self, session: str, hint: str | None = None) -> str:
        """The session's last reply language, else the hint's, else German."""
        return self._languages.get(session) or normalize_language(hint) or FALLBACK_LANGUAGE

    def _remember(self, session: str, lang: str) -> None:
        self._languages[session] = lang
        self._languages.move_to_end(session)
        while len(self._languages) > self.max_sessions:
            self._languages.popitem(last=False)

    async def ask(
        self, session: str, message: str, locale: str | None = None
    ) -> list[dict[str, Any]]:
        """The shaped replies to one message; RasaUnavailable when Rasa or the actions are down."""
        metadata = {"locale": locale} if locale else {}
        replies = merge_messages(await self.rasa.send(session, message, metadata))
        if not replies:
            # nothing to say is never an answer: the action server was down when Rasa called
            # it, and may be back by now (a restart by the supervisor): "try again" it is
            ready = await self.rasa.actions_ready()
            raise RasaUnavailable("no reply" if ready else "action server down")
        shaped = [shape_message(m) for m in replies]
        if shaped:
            self._remember(session, shaped[-1]["lang"])
        return shaped

    def unavailable(self, session: str, hint: str | None = None) -> dict[str, Any]:
        """The "can't look up offers right now" reply in the session's language."""
        return shape_message(render("utter_unavailable", self.language(session, hint)))

    async def forget(self, session: str) -> int:
        """Delete the conversation everywhere it is stored; returns deleted events
        (TrackerStoreUnavailable when the tracker store cannot be reached). The delete runs
        in a worker thread: it may wait on a busy database, the event loop must not."""
        self._languages.pop(session, None)
        return await asyncio.to_thread(delete_conversation, self.tracker_store, session)
