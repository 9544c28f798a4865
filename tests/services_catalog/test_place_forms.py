"""Places written as newcomers write them: inflected, transcribed, next to language words."""

from __future__ import annotations

import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.transcription import cyrillic_forms


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("живу в Крибштайне", "kriebstein"),  # transcribed by rule, inflected
        ("стоматолог у Дьобельні", "doebeln"),
        ("Герінгсвальде, куди звертатись?", "geringswalde"),
        ("в Штригистале", "striegistal"),
        ("у Гайніхені", "hainichen"),
        ("у Фрайберзі", "freiberg"),  # a changed ending, one town meant
        ("szukam pracy w Mittweidzie", "mittweida"),
        ("Deutschkurs in Deutschland, Frankenbreg", "frankenberg"),  # a town beats the country
        ("german lessons in Leisnig", "leisnig"),
        ("٠٩٥٩٩", "freiberg"),  # a postcode in Arabic-Indic digits
        ("اوكي وبفلوها؟", "floeha"),  # "and" + "in" glued to the name
        ("وبكمنتس في شي؟", "chemnitz"),
    ],
)
def test_one_clear_place_needs_no_question(gazetteer: Gazetteer, text: str, place_id: str) -> None:
    match = gazetteer.resolve(text)
    assert match.place is not None and match.place.id == place_id


@pytest.mark.parametrize("text", ["german lessons", "کلاس آلمانی", "almanca kursu", "saxon"])
def test_a_language_word_is_never_the_country(gazetteer: Gazetteer, text: str) -> None:
    match = gazetteer.resolve(text)
    assert match.place is None and not match.candidates


@pytest.mark.parametrize("text", ["لطفا ببینید کجا هست", "بگید کجا برم"])
def test_a_persian_verb_with_its_prefix_is_not_a_town(gazetteer: Gazetteer, text: str) -> None:
    """ "ببینید" (see!) is "بینید" after the prefix, one letter from "بينيغ" (Penig)."""
    match = gazetteer.resolve(text)
    assert match.place is None


def test_transcriptions_follow_the_usual_conventions() -> None:
    assert {"крибштайн", "вальдхайм"} <= cyrillic_forms("Kriebstein") | cyrillic_forms("Waldheim")
    assert "гайніхен" in cyrillic_forms("Hainichen")  # Ukrainian h → г
    assert "франкенберг" in cyrillic_forms("Frankenberg/Sa.")
