"""Replies in the chat API's form (DESIGN.md): text, lang, dir, buttons, offers."""

from __future__ import annotations

from typing import Any

from services_catalog.formatting import text_direction
from services_catalog.languages import FALLBACK_LANGUAGE

OFFER_FIELDS = (
    "id",
    "category",
    "name",
    "provider",
    "town",
    "distance_km",
    "phone",
    "website",
    "languages",
    "open_now",
    "verified_on",
    "today_hours",
    "cost",
    "address",
    "postcode",
    "lat",
    "lon",
    "appointment_only",
    "covers_area",
    "approximate",
    "summary",
    "unverified_note",
    "min_age",
    "max_age",
    "audiences",
)


def shape_message(message: dict[str, Any]) -> dict[str, Any]:
    """One reply in the chat API's form."""
    custom = message.get("custom") or {}
    lang = custom.get("lang") or FALLBACK_LANGUAGE
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict)
    ]
    offers = [
        {key: offer.get(key) for key in OFFER_FIELDS if key in offer}
        for offer in custom.get("offers") or []
        if isinstance(offer, dict)
    ]
    shaped = {
        "text": message.get("text") or "",
        "lang": lang,
        "dir": custom.get("dir") or text_direction(lang),
        "buttons": buttons,
        "offers": offers,
    }
    if custom.get("intro"):
        shaped["intro"] = custom["intro"]
    if custom.get("request_location"):
        shaped["request_location"] = True
    if custom.get("emergency"):
        shaped["emergency"] = True
    return shaped
