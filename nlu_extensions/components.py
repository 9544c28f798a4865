"""Rasa graph component: crisis phrases override the classifier's intent."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_extensions.crisis import crisis_kind, help_has_come

EMERGENCY = "emergency"
FALLBACK = "nlu_fallback"
# Danger ranked among the classifier's two best intents with at least this probability is
# treated as danger: a needless list of emergency numbers costs little, a missed one a life.
# 0.2 since session 6 (was 0.12): with ~300 more danger examples the classifier gives danger
# more weight everywhere; on both held-out NLU splits 0.2 keeps every danger line (phrases
# or rank) and halves the false alarms (independent split 70 → 42 of 3,456), and in the
# journeys the lowest danger described in own words is ranked 0.32.
EMERGENCY_RANK = 2
EMERGENCY_MIN_CONFIDENCE = 0.2


def danger_ranked_high(message: Message) -> bool:
    """True when `emergency` is among the classifier's best intents with some weight."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != FALLBACK]
    return any(
        r.get("name") == EMERGENCY and float(r.get("confidence") or 0) >= EMERGENCY_MIN_CONFIDENCE
        for r in ranking[:EMERGENCY_RANK]
    )


# The FallbackClassifier's threshold: an intent less sure than this is not understood.
FALLBACK_THRESHOLD = 0.3


def _without_emergency(message: Message) -> None:
    """The classifier's best intent other than danger when it is sure enough, else "not
    understood" (the ranking without danger either way)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != EMERGENCY]
    best = next((r for r in ranking if r.get("name") != FALLBACK), None)
    if best is None or float(best.get("confidence") or 0) < FALLBACK_THRESHOLD:
        best = {"name": FALLBACK, "confidence": FALLBACK_THRESHOLD}
    message.set(INTENT, dict(best), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisPhraseOverride(GraphComponent):  # type: ignore[misc]  # rasa has no type hints here
    """Sets intent `emergency` and entity `crisis_type` when a crisis phrase matches,
    whatever the classifier thought; sets intent `emergency` (kind unknown) when the
    classifier ranks danger among its two best intents. Place it last in the pipeline."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisPhraseOverride:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kind = crisis_kind(text) if not text.startswith("/") else None
            if kind is None:
                if text.startswith("/") or not danger_ranked_high(message):
                    continue
                if help_has_come(text):
                    # "I called 110, the police came; later I need counselling for women":
                    # help is there, no phrase says danger goes on — the need that follows
                    _without_emergency(message)
                    continue
                # danger in words the phrase lists do not know ("his arm is limp and he
                # cannot speak"): the numbers come first all the same
                message.set(INTENT, {"name": EMERGENCY, "confidence": 1.0}, add_to_output=True)
                continue
            message.set(INTENT, {"name": EMERGENCY, "confidence": 1.0}, add_to_output=True)
            ranking = [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != EMERGENCY
            ]
            message.set(
                INTENT_RANKING_KEY,
                [{"name": EMERGENCY, "confidence": 1.0}, *ranking],
                add_to_output=True,
            )
            entity = {
                "entity": "crisis_type",
                "value": kind,
                "start": 0,
                "end": len(text),
                "confidence": 1.0,
                "extractor": "CrisisPhraseOverride",
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
