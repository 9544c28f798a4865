"""Places we know (municipalities of Mittelsachsen, Chemnitz, Dresden, Leipzig, areas)
and the resolution of free text ("in Doebeln", "09599", "Фрайберг", "near Freibreg") to one.

Resolution, in this order:

1. a five-digit postcode of a known place;
2. an exact name or alias (any script, diacritics and case ignored) in a window of 1–3
   words; the most specific kind wins (a town beats "Sachsen" in the same message);
3. the same with a short inflection ending ("во Фрайберге", "Dresden'de", "w Lipsku"), an
   Arabic proclitic ("بفرايبرغ"), or a changed ending that leaves one town ("Фрайберзі",
   "Mittweidzie"); areas (district, state, country) only by their exact names, so that a
   language adjective ("german", "آلمانی") never becomes the country, and a town named
   in the same message — even misspelt — beats an area;
4. a typo-tolerant match (rapidfuzz, Damerau-Levenshtein similarity) of a window of at least
   five letters against every alias with the same first letter: confident at ≥ 85 when the
   window has six letters or more and no other place comes within 5 points; otherwise, from
   75, the best places are returned as candidates for the assistant to confirm ("Did you mean
   Freiberg?"). A window that is itself the name of a well-known place elsewhere ("Freiburg")
   is never taken as confident;
5. a word in Arabic script that spells a town's German name by its consonants
   (`services_catalog.sound_skeleton`: "گرینگسوالده" is Geringswalde), or a hyphenated
   Vietnamese spelling that sounds like it (`services_catalog.vietnamese_names`:
   "Mít-vai-đa" is Mittweida), when nothing else matched.

When a message names several towns, one after "from" is where the writer comes from, and
one next to "I live" is where to look.

Nonsense resolves to nothing rather than to a wild guess. The written forms of every name
and the lookups by form (steps 2 and 3) are `services_catalog.place_aliases`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from importlib import resources

import yaml
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from services_catalog.place_aliases import (
    MAX_INFLECTION,
    MIN_CONFIDENT_FUZZY_LENGTH,
    MIN_FUZZY_LENGTH,
    SPECIFICITY,
    AliasIndex,
    is_town,
)
from services_catalog.place_forms import (
    ELSEWHERE,
    around_name,
    latin_close_forms,
    proclitic_stems,
)
from services_catalog.place_forms import name_key as fold
from services_catalog.places import Place, PlaceMatch, haversine_km, place_from_dict
from services_catalog.sound_skeleton import best_by_sound, german_skeleton
from services_catalog.text import western_digits
from services_catalog.vietnamese_names import (
    SYLLABIFIED,
    best_by_vietnamese_sound,
    german_sound,
)

CONFIDENT_SCORE = 85.0
CANDIDATE_SCORE = 75.0
SOLE_CANDIDATE_SCORE = 80.0
AMBIGUITY_MARGIN = 5.0
MAX_WINDOW = 3
_POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_SOUND_SCRIPT = re.compile("[\u0600-\u06ff\u1200-\u137f]")  # Arabic, Ge'ez
# "from" before a town (folded), in the 14 languages: where someone comes from, not where
# they look for help, when the message names another town too
FROM_WORDS = frozenset(
    {"aus", "von", "from", "z", "ze", "din", "depuis", "из", "с", "со", "з", "із", "از", "من"}
    | {"له", "ካብ", "kab", "tu", "odkud", "dinspre"}
)


@dataclass
class _Hit:
    place_ids: frozenset[str]
    score: float
    words: int
    matched: str
    method: str
    candidates: list[tuple[str, float]] = field(default_factory=list)
    before: str = ""  # the word before the name (folded)
    living: bool = False  # a word for "I live" is next to it
    reference: bool = False  # "near …": a point of reference, not the place meant


class Gazetteer:
    """The known places, with lookup by id, postcode, text and coordinates."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._places: dict[str, Place] = {}
        for place in places:
            if place.id in self._places:
                raise ValueError(f"place {place.id!r}: id used twice")
            self._places[place.id] = place
        self._aliases = AliasIndex(self._places)
        self._by_postcode: dict[str, str] = {}
        for place in self._places.values():
            for code in place.postcodes:
                self._by_postcode.setdefault(code, place.id)

    @classmethod
    def load(cls, path: str | None = None) -> Gazetteer:
        """The gazetteer from `path`, or the one shipped in services_catalog/data/places.yaml."""
        if path is None:
            text = (
                resources.files("services_catalog").joinpath("data/places.yaml").read_text("utf-8")
            )
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        return cls(place_from_dict(raw) for raw in yaml.safe_load(text)["places"])

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def __len__(self) -> int:
        return len(self._places)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        return self._places.get(place_id)

    def by_postcode(self, postcode: str) -> Place | None:
        """The place a postcode belongs to, or None."""
        place_id = self._by_postcode.get(postcode)
        return self._places[place_id] if place_id else None

    def ancestors(self, place_id: str) -> list[str]:
        """The place and every area that contains it, most specific first."""
        chain: list[str] = []
        current: str | None = place_id
        while current and current in self._places and current not in chain:
            chain.append(current)
            current = self._places[current].parent
        return chain

    @cached_property
    def _points(self) -> list[Place]:
        return [p for p in self._places.values() if p.has_point and is_town(p)]

    def nearest(self, lat: float, lon: float, max_km: float = 20.0) -> Place | None:
        """The nearest town with coordinates within `max_km`, or None."""
        best: tuple[float, Place] | None = None
        for place in self._points:
            assert place.lat is not None and place.lon is not None
            dist = haversine_km(lat, lon, place.lat, place.lon)
            if dist <= max_km and (best is None or dist < best[0]):
                best = (dist, place)
        return best[1] if best else None

    def resolve(self, text: str) -> PlaceMatch:
        """Resolve free text to a place, to candidates to confirm, or to nothing."""
        # postcodes typed on Arabic and Persian keyboards too
        for code in _POSTCODE.findall(western_digits(text)):
            place = self.by_postcode(code)
            if place:
                return PlaceMatch(place=place, score=100.0, matched=code, method="postcode")
        # a Persian half-space (ZWNJ) inside a name joins, it does not split ("بورگ‌اشتت")
        words = fold(text.replace("\u200c", "")).split()
        hits = list(self._exact_hits(words))
        if len({pid for hit in hits for pid in hit.place_ids}) > 1:
            # "in Lunzenau … we are moving from Chemnitz": where they come from is not
            # where they look for help
            hits = [hit for hit in hits if hit.before not in FROM_WORDS] or hits
        if len({pid for hit in hits for pid in hit.place_ids}) > 1:
            hits = [hit for hit in hits if hit.living] or hits
        if len({pid for hit in hits for pid in hit.place_ids}) > 1:
            hits = [hit for hit in hits if not hit.reference] or hits
        if not hits:
            fuzzy = self._decide(list(self._fuzzy_hits(words)))
            if fuzzy.place:
                return fuzzy
            spelt = self._by_vietnamese_sound(text)
            if spelt.place:
                return spelt
            return fuzzy if fuzzy.uncertain else self._by_sound(words)
        if all(self._specificity(hit) > 0 for hit in hits):
            # Only an area ("in Sachsen", "Germany"): a town named in the same message,
            # even misspelt, is what the user means.
            town = self._decide(list(self._fuzzy_hits(words)))
            if town.place is not None:
                return town
        return self._decide(hits)

    @cached_property
    def _sound_skeletons(self) -> dict[str, str]:
        return {
            place.id: german_skeleton(place.name.split("/")[0])
            for place in self._places.values()
            if is_town(place)
        }

    def _by_sound(self, words: list[str]) -> PlaceMatch:
        """A town whose German name a word in Arabic script spells, by its consonants
        ("گرینگسوالده", "بغيرينغسفالده": Geringswalde), when no name or alias matched."""
        for word in words:
            if not _SOUND_SCRIPT.search(word):
                continue
            for form in (word, *proclitic_stems(word)):
                place_id = best_by_sound(form, self._sound_skeletons)
                if place_id:
                    return PlaceMatch(self._places[place_id], (), CONFIDENT_SCORE, word, "sound")
        return PlaceMatch()

    @cached_property
    def _german_sounds(self) -> dict[str, str]:
        return {
            place.id: german_sound(place.name.split("/")[0])
            for place in self._places.values()
            if is_town(place)
        }

    def _by_vietnamese_sound(self, text: str) -> PlaceMatch:
        """A town whose German name a hyphenated Vietnamese spelling sounds like
        ("Mít-vai-đa": Mittweida, "Frai-béc": Freiberg), when no name or alias matched."""
        for spelling in SYLLABIFIED.findall(text):
            place_id = best_by_vietnamese_sound(spelling, self._german_sounds)
            if place_id:
                place = self._places[place_id]
                return PlaceMatch(place, (), CONFIDENT_SCORE, spelling, "vietnamese sound")
        return PlaceMatch()

    def without_places(self, text: str) -> str:
        """The text without the place names and postcodes it contains (word by word): what
        is left says more about the writer's language than "Freiberg" or "09599" does."""
        kept = []
        for word in text.split():
            folded = fold(word)
            # "Chemnitz'te": a name with a Turkish case ending after an apostrophe
            head = folded.split()[0] if " " in folded else folded
            if (
                _POSTCODE.fullmatch(folded)
                or folded in self._aliases
                or head in self._aliases
                or (folded and self._aliases.inflection_stem(folded) is not None)
                or self._aliases.changed_ending(folded)  # "Mittweidzie", "Frankenberzi"
            ):
                continue
            kept.append(word)
        return " ".join(kept)

    def _windows(self, words: list[str]) -> Iterator[tuple[int, str]]:
        for size, _, key in self._placed_windows(words):
            yield size, key

    def _placed_windows(self, words: list[str]) -> Iterator[tuple[int, int, str]]:
        for size in range(min(MAX_WINDOW, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                yield size, start, " ".join(words[start : start + size])

    def _exact_hits(self, words: list[str]) -> Iterator[_Hit]:
        for size, start, key in self._placed_windows(words):
            before = words[start - 1] if start else ""
            living, reference = around_name(words, start, size)
            hit = partial(_Hit, before=before, living=living, reference=reference)
            if key in self._aliases:
                yield hit(self._aliases.ids(key), 100.0, size, key, "exact")
                continue
            stem = self._aliases.inflection_stem(key)
            if stem:
                yield hit(self._aliases.ids(stem), 95.0, size, key, "inflection")
                continue
            changed = self._aliases.changed_ending(key)
            if changed:
                yield hit(changed, 90.0, size, key, "inflection")

    def _fuzzy_hits(self, words: list[str]) -> Iterator[_Hit]:
        for size, key, stripped, cutoff in self._fuzzy_keys(words):
            if len(key.replace(" ", "")) < MIN_FUZZY_LENGTH:
                continue
            scored: dict[str, float] = {}
            for alias, score, _ in process.extract(
                key,
                self._aliases.town_keys,
                scorer=DamerauLevenshtein.normalized_similarity,
                score_cutoff=cutoff / 100,
                limit=10,
            ):
                if alias[0] != key[0]:
                    continue
                if (
                    len(key) < MIN_CONFIDENT_FUZZY_LENGTH
                    and key.isascii()
                    and (alias[: len(key) - 1] != key[:-1] or abs(len(alias) - len(key)) > 1)
                ):
                    # a short Latin word that differs from a name inside it ("hafte", Pashto
                    # "week", ↔ "harte") is another word; only a changed ending ("flohx") is
                    # a misspelt or inflected name
                    continue
                if stripped and alias[-1] != key[-1]:
                    # a word that only looks like a name once a letter is taken off its front
                    # must keep the name's last letter: Persian "ببینید" (see!) is not
                    # "بينيغ" (Penig), "بكمنتس" is "كيمنتس" (Chemnitz)
                    continue
                for place_id in self._aliases.ids(alias):
                    scored[place_id] = max(scored.get(place_id, 0.0), score * 100)
            if scored:
                ranked = sorted(scored.items(), key=lambda item: -item[1])
                best_id, best = ranked[0]
                yield _Hit(frozenset([best_id]), best, size, key, "fuzzy", ranked)

    def _fuzzy_keys(self, words: list[str]) -> Iterator[tuple[int, str, bool, float]]:
        """The windows, and single words without an Arabic proclitic ("بكمنتس") or without
        an inflection ending; the flag says the proclitic was taken off, the number is the
        lowest score worth a look."""
        for size, key in self._windows(words):
            yield size, key, False, CANDIDATE_SCORE
            if size == 1:
                for stem in proclitic_stems(key):
                    yield size, stem, True, CANDIDATE_SCORE
                for form in latin_close_forms(key, MAX_INFLECTION, MIN_CONFIDENT_FUZZY_LENGTH):
                    yield size, form, False, CONFIDENT_SCORE

    def _decide(self, hits: list[_Hit]) -> PlaceMatch:
        if not hits:
            return PlaceMatch()
        if hits[0].method != "fuzzy":
            specific = min(self._specificity(hit) for hit in hits)
            top = [hit for hit in hits if self._specificity(hit) == specific]
            if any(hit.method == "exact" for hit in top):
                # "Burgstädt … erlaubt": the name as written beats a word that only looks
                # like an inflected place ("erlaubt" ← Erlau)
                top = [hit for hit in top if hit.method == "exact"]
            best_words = max(hit.words for hit in top)
            top = [hit for hit in top if hit.words == best_words]
            ids = sorted({pid for hit in top for pid in hit.place_ids})
            if len(ids) == 1:
                hit = top[0]
                return PlaceMatch(self._places[ids[0]], (), hit.score, hit.matched, hit.method)
            return PlaceMatch(candidates=tuple(self._places[pid] for pid in ids[:3]))
        best = max(hits, key=lambda hit: (hit.score, hit.words))
        ranked = best.candidates
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        length = len(best.matched.replace(" ", ""))
        confident = best.matched not in ELSEWHERE and (
            (
                best.score >= CONFIDENT_SCORE
                and length >= MIN_CONFIDENT_FUZZY_LENGTH
                and best.score - runner_up >= AMBIGUITY_MARGIN
            )
            # one place only comes near at all ("Flohy", "كمنتس"): no real doubt
            or (best.score >= SOLE_CANDIDATE_SCORE and len(ranked) == 1)
        )
        if confident:
            place = self._places[ranked[0][0]]
            return PlaceMatch(place, (), best.score, best.matched, "fuzzy")
        candidates = tuple(self._places[pid] for pid, _ in ranked[:3])
        return PlaceMatch(candidates=candidates, score=best.score, matched=best.matched)

    def _specificity(self, hit: _Hit) -> int:
        return min(SPECIFICITY[self._places[pid].kind] for pid in hit.place_ids)
