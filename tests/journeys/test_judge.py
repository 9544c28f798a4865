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


def test_short_replies_are_told_apart_by_what_only_one_language_writes() -> None:
    """Lingua takes a short Pashto reply for Persian and a short Ukrainian one for Russian."""
    pashto = "سمه ده، له اوس نه به په پښتو ولیکم."  # one Pashto letter and "په"
    assert reply_language([{"text": pashto}]) == "ps"
    persian = "باشه، از این به بعد به فارسی می‌نویسم."
    assert reply_language([{"text": persian}]) == "fa"
    assert reply_language([{"text": "Телефоном або онлайн."}]) == "uk"
    assert reply_language([{"text": "По телефону или онлайн."}]) == "ru"
    assert reply_language([{"text": "Ещё предложения по теме «Работа»:"}]) == "ru"


def test_a_german_word_in_brackets_does_not_decide_the_language() -> None:
    """The German word people need at the counter is given in brackets in every language."""
    romanian = (
        "Unde să caut: Consiliere pentru migranți (Migrationsberatung)? Vă rugăm să scrieți "
        "localitatea sau codul poștal (Postleitzahl) ori să trimiteți locația."
    )
    assert reply_language([{"text": romanian}]) == "ro"
    german = "Wo soll ich suchen (Migrationsberatung)? Bitte schreiben Sie Ihren Ort."
    assert reply_language([{"text": german}]) == "de"


def test_a_follow_up_naming_an_offer_by_its_german_name_is_judged_by_its_sentences() -> None:
    """Offers shown in English, then a Ukrainian cost question: the answer names them by
    their German originals (no Ukrainian translation), which are names, not German."""
    from evaluation.judge import Catalog, judge_turn
    from services_catalog.gazetteer import Gazetteer

    english = "Migration counselling for adult immigrants (MBE)"
    german = "Migrationsberatung für erwachsene Zugewanderte (MBE) des Diakonischen Werkes"
    original = {"id": "mbe-x", "name": {"de": german, "en": english}}
    shown = [{"id": "mbe-x", "name": english, "category": "migration_counselling"}]
    answer = (
        "\u2068Migrationsberatung für erwachsene Zugewanderte (MBE) des Diakonischen "
        "Werkes\u2069: Вартість невідома: будь ласка, запитайте в них."
    )
    catalog = Catalog([original], Gazetteer.load())
    verdict = judge_turn({"followup": "cost"}, "uk", [{"text": answer}], 200, catalog, shown)
    assert not [f for f in verdict.failures if f == "language"], verdict.details
