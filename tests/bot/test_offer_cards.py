"""Offer cards say whom an offer is for and never claim more precision than the data has."""

from __future__ import annotations

from typing import Any

from bot.replies import render


def card(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "x",
        "category": "language_course",
        "name": "Kurs",
        "provider": "",
        "town": "Freiberg",
        "distance_km": 7.7,
        "approximate": True,
        "verified_on": "2026-10-01",
        "min_age": None,
        "max_age": None,
        "audiences": [],
    }
    return {**base, **fields}


def text_of(offer: dict[str, Any], lang: str = "de", **data: Any) -> str:
    message = render(
        "utter_offers",
        lang,
        {"offers": [offer], "category": "language_course", "place_name": "Döbeln", **data},
    )
    return str(message["text"])


def test_distance_between_town_centres_is_in_whole_km() -> None:
    assert "8 km" in text_of(card())
    assert "7,7 km" in text_of(card(approximate=False))


def test_card_says_whom_the_offer_is_for() -> None:
    text = text_of(card(min_age=12, max_age=26, audiences=["refugees"]))
    assert "Für: Alter 12 bis 26; Geflüchtete" in text
    assert "Для кого" in text_of(card(audiences=["women"]), "ru")


def test_refinement_buttons_re_rank() -> None:
    message = render(
        "utter_offers",
        "en",
        {
            "offers": [card()],
            "category": "migration_counselling",
            "place_name": "Burgstädt",
            "refine": {"age_limit": 26, "eu": True},
        },
    )
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[:4] == [
        '/inform_age{"age": 26}',
        '/inform_age{"age": 27}',
        '/inform_age{"eu_citizen": true}',
        '/inform_age{"eu_citizen": false}',
    ]
    assert message["buttons"][0]["title"] == "I am 26 or younger"
