"""German town names written in Arabic script are found by their consonants."""

from __future__ import annotations

import re

import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.place_forms import name_key
from services_catalog.sound_skeleton import MIN_CONSONANTS, best_by_sound, skeleton


def _town_skeletons(gazetteer: Gazetteer) -> dict[str, str]:
    return gazetteer._sound_skeletons


@pytest.mark.parametrize(
    ("script", "least_found"), [("[\u0600-\u06ff]", 1.0), ("[\u1200-\u137f]", 0.75)]
)
def test_town_aliases_spell_their_own_town(
    gazetteer: Gazetteer, script: str, least_found: float
) -> None:
    """The aliases people wrote down are the measure: each long enough one, without the
    alias list, finds its own town by sound (Arabic script: all; Ge'ez: most) and never
    another."""
    skeletons = _town_skeletons(gazetteer)
    found = checked = 0
    for place_id in skeletons:
        for alias in gazetteer.get(place_id).aliases:  # type: ignore[union-attr]
            if not re.search(script, alias):
                continue
            word = name_key(alias).replace(" ", "")
            if len(skeleton(word)) < MIN_CONSONANTS:
                continue
            checked += 1
            town = best_by_sound(word, skeletons)
            assert town in (None, place_id), alias
            found += town == place_id
    assert checked >= 20 and found >= least_found * checked


@pytest.mark.parametrize(
    "text",
    [
        "کسی را می‌خواهم. در گرینگسوالده زندگی می‌کنم",  # Persian
        "بدي اتعرف على ناس وسوي شي تطوع بغيرينغسفالده",  # Arabic, with "in" glued on
        "زه په ګیرینګسوالډه کې اوسېږم",  # Pashto letters
        "ኣብ ጌሪንግስቫልደ እነብር",  # Tigrinya in Ge'ez
    ],
)
def test_geringswalde_in_arabic_script(gazetteer: Gazetteer, text: str) -> None:
    match = gazetteer.resolve(text)
    assert match.place is not None and match.place.id == "geringswalde"


@pytest.mark.parametrize(
    "word",
    ["درست", "متفاوت", "افغانستان", "دوستان", "فرستادن", "برگزار", "تروریست", "پرېشانه"],
)
def test_ordinary_words_are_no_town(gazetteer: Gazetteer, word: str) -> None:
    """ "correct", "different", "Afghanistan", "friends", "to send" … sound like no town."""
    assert gazetteer.resolve(word).place is None


def test_augustusburg_in_geez(gazetteer: Gazetteer) -> None:
    """ "ኣውጉስቱስቡርግ": the ው after the first ኣ is the vowel of "au"."""
    match = gazetteer.resolve("ኣብ ኣውጉስቱስቡርግ እነብር")
    assert match.place is not None and match.place.id == "augustusburg"


def test_lunzenau_in_geez(gazetteer: Gazetteer) -> None:
    """ "ሉንጸናው": ጸ is German z (ts), the final ው the u of "au"."""
    match = gazetteer.resolve("ኣብ ሉንጸናው እየ ዘለኹ")
    assert match.place is not None and match.place.id == "lunzenau"
