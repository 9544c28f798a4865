"""German town names written in Arabic script are found by their consonants."""

from __future__ import annotations

import re

import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.place_forms import name_key
from services_catalog.sound_skeleton import MIN_CONSONANTS, arabic_skeleton, best_by_sound


def _town_skeletons(gazetteer: Gazetteer) -> dict[str, str]:
    return gazetteer._sound_skeletons


def test_every_arabic_script_alias_of_a_town_spells_its_own_town(gazetteer: Gazetteer) -> None:
    """The aliases people wrote down are the measure: each long enough one, without the
    alias list, still finds its town by sound."""
    skeletons = _town_skeletons(gazetteer)
    checked = 0
    for place_id in skeletons:
        for alias in gazetteer.get(place_id).aliases:  # type: ignore[union-attr]
            if not re.search("[\u0600-\u06ff]", alias):
                continue
            word = name_key(alias).replace(" ", "")
            if len(arabic_skeleton(word)) < MIN_CONSONANTS:
                continue
            checked += 1
            assert best_by_sound(word, skeletons) == place_id, alias
    assert checked >= 20


@pytest.mark.parametrize(
    "text",
    [
        "کسی را می‌خواهم. در گرینگسوالده زندگی می‌کنم",  # Persian
        "بدي اتعرف على ناس وسوي شي تطوع بغيرينغسفالده",  # Arabic, with "in" glued on
        "زه په ګیرینګسوالډه کې اوسېږم",  # Pashto letters
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
