"""The judge's notion of a fitting offer (evaluation/judge.py)."""

from __future__ import annotations

from typing import Any

from evaluation.judge import fits, reply_language


def offer(*audiences: str, min_age: int | None = None) -> dict[str, Any]:
    return {"eligibility": {"audiences": list(audiences), "min_age": min_age, "max_age": None}}


def test_citizenship_rules_out_only_offers_restricted_by_residence_status() -> None:
    non_eu = {"category": "family_and_school", "eu_citizen": False}
    assert fits(offer("families"), non_eu)  # "I came from Guinea with my daughter": the Kita
    assert fits(offer("refugees", "families"), non_eu)
    assert not fits(offer("eu_workers"), non_eu)
    assert not fits(offer("foreign_workers"), {"eu_citizen": True})
    assert fits(offer("everyone"), non_eu)


def test_an_age_outside_the_range_does_not_fit() -> None:
    assert not fits(offer("youth", min_age=12), {"age": 8})
    assert fits(offer("youth", min_age=12), {"age": 16})


def test_a_place_name_in_the_reply_does_not_make_it_german() -> None:
    """ "near Roßwein" in an English reply: the ß is the town's, not the sentence's."""
    text = (
        "I found 3 offers for Doctors and health near \u2068Roßwein\u2069:\n\n"
        "\u2068Döbeln hospital\u2069\n\u2068Döbeln\u2069, 8 km away\n"
        "Details not yet verified: please check before you go."
    )
    messages = [{"text": text, "offers": [{"name": "Döbeln hospital", "town": "Döbeln"}]}]
    assert reply_language(messages, place_names=["Roßwein", "Döbeln"]) == "en"
    # a German reply stays German
    german = [{"text": "Ich habe 3 Angebote in der Nähe von \u2068Roßwein\u2069 gefunden."}]
    assert reply_language(german, place_names=["Roßwein"]) == "de"
