"""Rasa NLG in-process: renders every response by name with bot.replies (endpoints.yml `nlg`)."""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_speedups
from bot.replies import RENDERERS, render
from services_catalog.languages import FALLBACK_LANGUAGE

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
        if utter_action not in RENDERERS:
            log.warning("no renderer for response %s", utter_action)
            return None
        lang = kwargs.get("lang") or tracker.get_slot("language") or FALLBACK_LANGUAGE
        data = kwargs.get("data") or {}
        return render(utter_action, str(lang), data if isinstance(data, dict) else {})
