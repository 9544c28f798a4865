"""Every written form of the known places' names, and the lookups by form the gazetteer
builds on (`services_catalog.gazetteer`): a name as written, inflected ("во Фрайберге",
"Mittweidadayim", "بفرايبرغ"), or with a changed ending that leaves one town ("Фрайберзі").

Forms are folded (`place_forms.name_key`). A town has, beside its name and aliases, the
usual Cyrillic transcriptions (`transcription.cyrillic_forms`) and those typed in Latin
letters (`transcription.latin_forms`: "my v Mitvajde"); the latter match exactly or
inflected, never as misspellings (they are guesses already; "Rossmann" is not "rossvajn").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping

from services_catalog.place_forms import inflection_ending, proclitic_stems, turkish_stems
from services_catalog.place_forms import name_key as fold
from services_catalog.places import Place
from services_catalog.text import transliterate_umlauts
from services_catalog.transcription import cyrillic_forms, latin_forms

# How specific a kind is: a lower number wins when one message names several places.
SPECIFICITY = {"municipality": 0, "city": 0, "town": 0, "district": 1, "state": 2, "country": 3}
MIN_FUZZY_LENGTH = 5
MIN_CONFIDENT_FUZZY_LENGTH = 6
MAX_INFLECTION = 3


def is_town(place: Place) -> bool:
    """A municipality, town or city (not an area: district, state, country)."""
    return SPECIFICITY[place.kind] == 0


def _spelt_forms(place: Place) -> Iterator[str]:
    """The name, its aliases and (for a town) its Cyrillic transcriptions, folded."""
    base = place.name.split("/")[0]
    transcribed = cyrillic_forms(base) if is_town(place) else set()
    for form in (place.name, base, transliterate_umlauts(base), *place.aliases, *transcribed):
        folded = fold(form)
        if folded:
            yield folded


def _romanised_forms(place: Place) -> set[str]:
    """A town's Cyrillic forms as typed in Latin letters."""
    if not is_town(place):
        return set()
    cyrillic = (*place.aliases, *cyrillic_forms(place.name.split("/")[0]))
    return {fold(latin) for form in cyrillic for latin in latin_forms(form)} - {""}


class AliasIndex:
    """Folded written form → the ids of the places it names."""

    def __init__(self, places: Mapping[str, Place]) -> None:
        self._places = places
        self._ids: dict[str, set[str]] = {}
        spelt: set[str] = set()
        for place in places.values():
            for form in _spelt_forms(place):
                self._ids.setdefault(form, set()).add(place.id)
                spelt.add(form)
            for form in _romanised_forms(place):
                self._ids.setdefault(form, set()).add(place.id)
        self._sorted = sorted(self._ids)
        # Misspelt forms are matched against town names only (see `names_a_town`).
        self.town_keys = [key for key in self._ids if key in spelt and self.names_a_town(key)]

    def __contains__(self, form: object) -> bool:
        return form in self._ids

    def ids(self, form: str) -> frozenset[str]:
        """The places a form names (empty when none)."""
        return frozenset(self._ids.get(form, ()))

    def names_a_town(self, form: str) -> bool:
        """True when `form` names a town or city: areas ("Germany", "Sachsen") are never
        matched by an inflected or misspelt form, so that "german lessons" or "آلمانی"
        (German, the language) do not become the country."""
        return any(is_town(self._places[pid]) for pid in self._ids.get(form, ()))

    def inflection_stem(self, key: str) -> str | None:
        """The town's form that `key` is with an inflection ending, an Arabic proclitic or
        a Turkish case ending, else None."""
        for cut in range(1, MAX_INFLECTION + 1):
            stem = key[:-cut]
            if (
                len(stem) >= MIN_FUZZY_LENGTH
                and inflection_ending(key[-cut:])
                and self.names_a_town(stem)
            ):
                return stem
        stems = (*proclitic_stems(key), *turkish_stems(key))
        return next((stem for stem in stems if self.names_a_town(stem)), None)

    def changed_ending(self, key: str) -> frozenset[str]:
        """The one town whose name is `key` with its last letters changed, as inflection
        does ("Фрайберзі" ← Фрайберг, "Mittweidzie" ← Mittweida), else empty."""
        if " " in key or len(key) < MIN_CONFIDENT_FUZZY_LENGTH:
            return frozenset()
        for cut in range(1, MAX_INFLECTION + 1):
            stem = key[:-cut]
            if len(stem) < MIN_FUZZY_LENGTH:
                break
            if not inflection_ending(key[-cut:]):
                continue
            start = bisect.bisect_left(self._sorted, stem)
            found: set[str] = set()
            for alias in self._sorted[start:]:
                if not alias.startswith(stem):
                    break
                if len(alias) <= len(stem) + 2 and self.names_a_town(alias):
                    found |= self._ids[alias]
            if len(found) == 1:
                return frozenset(found)
            if found:
                return frozenset()
        return frozenset()
