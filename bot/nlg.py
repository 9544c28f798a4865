"""Rasa NLG in-process: renders every response by name with bot.replies (endpoints.yml `nlg`)."""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_speedups
from bot.replies import render_for_rasa

log = logging.getLogger(__name__)


class GettextNLG(NaturalLanguageGenerator):  # type: ignore[misc]  # rasa has no type hints
    """Looks up the response renderer and the language (the action's `lang`, else the slot)."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None, **_: Any) -> None:
        self.endpoint_config = endpoint_config
        self.domain = domain
        rasa_speedups.install()

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """The message for `utter_action`, or None for an unknown response name."""
        message = render_for_rasa(utter_action, kwargs, tracker.get_slot("language"))
        if message is None:
            log.warning("no renderer for response %s", utter_action)
        return message
