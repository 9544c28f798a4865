"""Trackers for action tests, built with rasa_sdk's Tracker.from_dict like Rasa does."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def tracker(
    text: str,
    intent: str,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    locale: str | None = None,
    ranking: list[tuple[str, float]] | None = None,
    answered_by: list[str] | None = None,
) -> Tracker:
    """A tracker whose latest message is `text` classified as `intent` (and, optionally,
    the classifier's ranking of other intents, and the actions that answered the message
    before)."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.95},
        "intent_ranking": [
            {"name": name, "confidence": confidence}
            for name, confidence in (ranking or [(intent, 0.95)])
        ],
        "entities": entities or [],
        "metadata": {"locale": locale} if locale else {},
    }
    return Tracker.from_dict(
        {
            "sender_id": "test-session",
            "slots": slots or {},
            "latest_message": latest,
            "events": [
                # the message before, and the actions that answered it
                *([{"event": "user", "text": "…"}] if answered_by else []),
                *({"event": "action", "name": name} for name in answered_by or ()),
                {"event": "action", "name": "action_listen"},
                {"event": "user", "text": text, "parse_data": latest},
            ],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )
