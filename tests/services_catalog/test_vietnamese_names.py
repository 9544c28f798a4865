"""German town names spelt the Vietnamese way, syllable by syllable, are found by sound."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from services_catalog.gazetteer import Gazetteer
from services_catalog.vietnamese_names import SYLLABIFIED, best_by_vietnamese_sound

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("mk đang ở Mít-vai-đa, cần tìm việc", "mittweida"),
        ("chủ giữ hộ chiếu của em ở tiệm nail Phrai-bớc", "freiberg"),
        ("tư vấn cho phụ nữ ở Đô-ben", "doebeln"),
        ("bác sĩ ở Hai-ni-khen", "hainichen"),
        ("em sống ở Rốc-lít", "rochlitz"),
        ("lớp tiếng Đức ở Lun-xen-nao", "lunzenau"),
        ("nha ở O-de-ran, ko dau", "oederan"),  # without diacritics
        ("Pê-ních có chỗ tư vấn không", "penig"),
    ],
)
def test_vietnamese_spellings_find_the_town(gazetteer: Gazetteer, text: str, town: str) -> None:
    match = gazetteer.resolve(text)
    assert match.place is not None and match.place.id == town, match


def test_the_vietnamese_aliases_spell_their_own_town(gazetteer: Gazetteer) -> None:
    """The Vietnamese aliases people wrote down (hyphenated syllables, only the first
    capitalised, unlike "Karl-Marx-Stadt"), without the alias list, find their own town by
    sound or none, never another."""
    sounds = gazetteer._german_sounds
    checked = found = 0
    for place in gazetteer:
        for alias in place.aliases:
            later = alias.split("-")[1:]
            if not SYLLABIFIED.fullmatch(alias) or any(s[:1].isupper() for s in later):
                continue
            checked += 1
            town = best_by_vietnamese_sound(alias, sounds)
            assert town in (None, place.id), alias
            found += town == place.id
    assert checked >= 5 and found >= checked - 1


def test_no_hyphenated_word_of_the_training_data_is_a_town(gazetteer: Gazetteer) -> None:
    """Romanian "într-un", French "peut-être", "c'est-à-dire" …: hundreds of hyphenated
    words in the 14 languages' training examples sound like no town."""
    sounds = gazetteer._german_sounds
    words = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            words.update(SYLLABIFIED.findall(block.get("examples") or ""))
    assert len(words) > 100
    assert [w for w in sorted(words) if best_by_vietnamese_sound(w, sounds)] == []


@pytest.mark.parametrize("text", ["m-a ajutat într-un fel", "peut-être demain", "s-a dus"])
def test_ordinary_hyphenated_words_are_no_place(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.resolve(text).place is None
