"""Nearest-offer search and typo-tolerant keyword search over published offers.

Ranking of `SearchIndex.nearest` (what a newcomer would expect, in this order):

1. Hard filters: the category; eligibility (a known age outside the offer's age range, or
   known audience groups that the offer's restricted audience does not include); with
   `only_open`, offers known to be closed at the given time.
2. An offer is a candidate when one of its locations lies within `max_km` (default 60 km,
   about the width of Mittelsachsen) of the user's point, or when its `service_area`
   covers the user's place (the town itself, the district, Saxony, Germany).
3. Each candidate gets an effective distance: the real distance to its nearest location,
   or, for coverage by phone/online/outreach, a fixed equivalent — 15 km when it serves
   the town itself, 20 km for the district, 30 km for Saxony, 40 km for Germany — whichever
   is smaller. So an office in your own town comes first; a statewide phone line beats
   an office 50 km away; a regional offer beats a national one.
4. An offer that speaks one of the user's languages (other than German) gets its effective
   distance multiplied by 0.75: an Arabic-speaking counselling 12 km away ranks before a
   German-only one 8 km away, but not before one next door.
5. Within the category, what fits a general newcomer first: an offer for a narrower need
   (students, an exam, one group of people) counts 25 km farther unless the user's words
   or groups ask for it (then 10 km nearer); a fee counts 3 km farther than free; when
   the user asked for staff speaking a language by name, offers without it 45 km farther.
6. Ties break by fit (an asked-for offer in the town itself before a general one there:
   effective distances do not go below 0), then by real distance, then (while the user's
   status is unknown) offers open whatever one's residence status before those only for
   refugees or for EU workers, then by id, so results are stable.

Every result carries the distance in km (None for offers without a location; approximate
unless the location's coordinates are the address's own) and reasons,
short machine-readable words: `in_person_nearby` (≤ 10 km), `in_person`, `covers_area`,
`by_phone`, `online`, `outreach`, `speaks_language`, `open_now`.

The in-person part uses one k-d tree per category (scipy cKDTree over unit vectors), so a
query looks at the nearest locations only and its cost grows with log(offers), not with
the size of the catalog.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from scipy.spatial import cKDTree

from services_catalog import hours
from services_catalog.fit import fit_penalty_km
from services_catalog.gazetteer import Gazetteer
from services_catalog.model import Location, Offer
from services_catalog.places import Place, haversine_km
from services_catalog.text import fold

# Audiences by residence status: an offer only for one of them fits only some newcomers.
STATUS_AUDIENCES = frozenset({"refugees", "asylum_seekers", "eu_workers", "foreign_workers"})

EARTH_KM = 6371.0088
DEFAULT_MAX_KM = 60.0
NEARBY_KM = 10.0
LANGUAGE_FACTOR = 0.75
CHANNEL_REASONS = (
    ("phone", "by_phone"),
    ("online", "online"),
    ("video", "online"),
    ("outreach", "outreach"),
)
COVERAGE_KM = {
    "municipality": 15.0,
    "city": 15.0,
    "town": 15.0,
    "district": 20.0,
    "state": 30.0,
    "country": 40.0,
}


@dataclass(frozen=True)
class Query:
    """What the user needs and where; all filters optional but the category."""

    category: str
    lat: float | None = None
    lon: float | None = None
    place: Place | None = None
    languages: tuple[str, ...] = ()
    age: int | None = None
    audiences: frozenset[str] = frozenset()
    at: datetime | None = None
    only_open: bool = False
    max_km: float = DEFAULT_MAX_KM
    limit: int = 5
    offset: int = 0
    words: frozenset[str] = frozenset()  # the user's own words (folded), for specialised offers
    asked_language: str | None = None  # a language the user asked the staff to speak
    # groups the user said they belong to (lgbtq, women): they rank, they do not filter
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Result:
    """One ranked offer with why it was chosen."""

    offer: Offer
    location: Location | None
    distance_km: float | None
    effective_km: float
    reasons: tuple[str, ...]
    open_now: bool | None
    # how much farther (or nearer, when asked for) the offer ranks for how it fits: at the
    # same effective distance (0 km in the town itself) the better fitting offer comes first
    fit_km: float = 0.0

    @property
    def approximate(self) -> bool:
        """True when the distance is to a postcode area or a town centre, not the address."""
        return self.location is not None and not self.location.exact_coordinates


@dataclass(frozen=True)
class Page:
    """One page of ranked results."""

    results: list[Result]
    has_more: bool
    place: Place | None


def _unit_vectors(lats: NDArray[np.float64], lons: NDArray[np.float64]) -> NDArray[np.float64]:
    lat, lon = np.radians(lats), np.radians(lons)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def _chord(km: float) -> float:
    return 2 * math.sin(min(km, math.pi * EARTH_KM) / (2 * EARTH_KM))


class _CategoryIndex:
    """The in-person locations of one category in a k-d tree, and its area offers."""

    def __init__(self, offers: list[Offer]) -> None:
        self.offers = offers
        owners: list[int] = []
        points: list[tuple[float, float]] = []
        self.by_area: dict[str, list[int]] = defaultdict(list)
        for index, offer in enumerate(offers):
            for loc in offer.locations:
                owners.append(index)
                points.append((loc.lat, loc.lon))
            for place_id in offer.service_area:
                self.by_area[place_id].append(index)
        self.owners = np.array(owners, dtype=np.int64)
        self.tree = (
            cKDTree(
                _unit_vectors(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
            )
            if points
            else None
        )

    def near(
        self, lat: float, lon: float, k: int, max_km: float
    ) -> tuple[list[tuple[int, float]], bool]:
        """(offer index, km) of the k nearest locations within max_km; True when exhausted."""
        if self.tree is None:
            return [], True
        k = min(k, self.tree.n)
        point = _unit_vectors(np.array([lat]), np.array([lon]))[0]
        dists, idxs = self.tree.query(point, k=k, distance_upper_bound=_chord(max_km))
        dists, idxs = np.atleast_1d(dists), np.atleast_1d(idxs)
        found = [
            (int(self.owners[i]), 2 * EARTH_KM * math.asin(min(1.0, d / 2)))
            for d, i in zip(dists, idxs, strict=True)
            if i < self.tree.n
        ]
        return found, len(found) < k or k == self.tree.n


class SearchIndex:
    """All published offers, indexed for nearest-offer and keyword search."""

    def __init__(self, offers: Iterable[Offer], gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        published = [offer for offer in offers if offer.status == "published"]
        self.offers = {offer.id: offer for offer in published}
        grouped: dict[str, list[Offer]] = defaultdict(list)
        for offer in published:
            grouped[offer.category].append(offer)
        self._categories = {category: _CategoryIndex(items) for category, items in grouped.items()}
        self._haystack_offers = published
        self._vocabulary: dict[str, set[int]] = defaultdict(set)
        for offer_index, offer in enumerate(published):
            for word in _haystack(offer).split():
                self._vocabulary[word].add(offer_index)
        self._vocabulary_words = list(self._vocabulary)

    def __len__(self) -> int:
        return len(self.offers)

    def nearest(self, query: Query) -> Page:
        """Ranked offers of one category for a place or point (see the module docstring)."""
        index = self._categories.get(query.category)
        place, lat, lon = self._locate(query)
        if index is None or (lat is None and place is None):
            return Page([], False, place)
        coverage: dict[int, float] = {}
        for area_id in self.gazetteer.ancestors(place.id) if place else []:
            area = self.gazetteer.get(area_id)
            km = COVERAGE_KM[area.kind] if area else COVERAGE_KM["country"]
            for offer_index in index.by_area.get(area_id, ()):
                coverage[offer_index] = min(coverage.get(offer_index, math.inf), km)
        results: dict[int, Result] = {}

        def consider(offer_index: int) -> None:
            if offer_index not in results:
                result = self._result(
                    index.offers[offer_index], coverage.get(offer_index), query, lat, lon
                )
                if result is not None:
                    results[offer_index] = result

        for offer_index in coverage:
            consider(offer_index)
        wanted = query.offset + query.limit + 1
        if lat is not None and lon is not None:
            k = max(16, wanted * 3)
            while True:
                found, exhausted = index.near(lat, lon, k, query.max_km)
                for offer_index, _ in found:
                    consider(offer_index)
                ranked = sorted(r.effective_km for r in results.values())
                horizon = ranked[wanted - 1] if len(ranked) >= wanted else math.inf
                farthest = found[-1][1] if found else 0.0
                # No location beyond `farthest` can beat the horizon, even with the language bonus.
                if exhausted or farthest * LANGUAGE_FACTOR >= horizon:
                    break
                k *= 4
        ordered = sorted(
            results.values(),
            key=lambda r: (
                r.effective_km,
                r.fit_km,
                r.distance_km if r.distance_km is not None else math.inf,
                # at the same distance, while the user's status is unknown, an offer open
                # to everyone fits whoever asks; one only for refugees or EU workers fits
                # only them
                not query.audiences and bool(set(r.offer.eligibility.audiences) & STATUS_AUDIENCES),
                r.offer.id,
            ),
        )
        page = ordered[query.offset : query.offset + query.limit]
        return Page(page, len(ordered) > query.offset + query.limit, place)

    def _locate(self, query: Query) -> tuple[Place | None, float | None, float | None]:
        place, lat, lon = query.place, query.lat, query.lon
        if lat is None and place is not None and place.has_point:
            lat, lon = place.lat, place.lon
        if place is None and lat is not None and lon is not None:
            place = self.gazetteer.nearest(lat, lon)
        return place, lat, lon

    def _result(
        self,
        offer: Offer,
        coverage_km: float | None,
        query: Query,
        lat: float | None,
        lon: float | None,
    ) -> Result | None:
        """The offer ranked for this query, or None when it is filtered out or out of reach."""
        if not offer.eligibility.admits_age(query.age):
            return None
        if not offer.eligibility.admits_audience(query.audiences):
            return None
        location, distance = self._nearest_location(offer, lat, lon)
        reachable = distance is not None and distance <= query.max_km
        effective = min(
            distance if reachable and distance is not None else math.inf,
            coverage_km if coverage_km is not None else math.inf,
        )
        if effective == math.inf:
            return None
        reasons: list[str] = []
        if reachable and distance is not None:
            reasons.append("in_person_nearby" if distance <= NEARBY_KM else "in_person")
        if coverage_km is not None:
            reasons.append("covers_area")
            for channel, reason in CHANNEL_REASONS:
                if channel in offer.channels and reason not in reasons:
                    reasons.append(reason)
        factor = self._language_factor(offer, query)
        if factor < 1:
            reasons.append("speaks_language")
        fit_km = fit_penalty_km(
            offer, query.words, query.audiences | query.groups, query.asked_language
        )
        effective = max(0.0, effective + fit_km)
        open_now = None
        if query.at is not None and location is not None:
            open_now = hours.is_open(location.opening_hours, query.at)
        if query.only_open and open_now is False:
            return None
        if open_now:
            reasons.append("open_now")
        return Result(
            offer, location, distance, effective * factor, tuple(reasons), open_now, fit_km
        )

    @staticmethod
    def _language_factor(offer: Offer, query: Query) -> float:
        wanted = set(query.languages) - {"de"}
        return LANGUAGE_FACTOR if wanted & set(offer.languages) else 1.0

    @staticmethod
    def _nearest_location(
        offer: Offer, lat: float | None, lon: float | None
    ) -> tuple[Location | None, float | None]:
        if not offer.locations:
            return None, None
        if lat is None or lon is None:
            return offer.locations[0], None
        return min(
            ((loc, haversine_km(lat, lon, loc.lat, loc.lon)) for loc in offer.locations),
            key=lambda pair: pair[1],
        )

    def keyword(self, text: str, limit: int = 10) -> list[tuple[Offer, float]]:
        """Offers matching every word of `text` in names, providers, tags or towns, best
        first. A word matches a catalog word exactly, as its prefix (3+ letters), or with
        typos (rapidfuzz ratio ≥ 80, for words of 4+ letters). Score: the mean of the words'
        best matches, ties broken by matches in the offer's name."""
        words = fold(text).split()
        if not words:
            return []
        scores: dict[int, list[float]] = {}
        for position, word in enumerate(words):
            best: dict[int, float] = {}
            for vocab_word, score in self._word_matches(word):
                for offer_index in self._vocabulary[vocab_word]:
                    best[offer_index] = max(best.get(offer_index, 0.0), score)
            if position == 0:
                scores = {index: [score] for index, score in best.items()}
            else:
                scores = {
                    index: [*found, best[index]] for index, found in scores.items() if index in best
                }
        ranked = sorted(
            scores.items(),
            key=lambda item: (
                -sum(item[1]) / len(item[1]),
                -self._name_hits(item[0], words),
                item[0],
            ),
        )
        return [
            (self._haystack_offers[index], sum(found) / len(found))
            for index, found in ranked[:limit]
        ]

    def _word_matches(self, word: str) -> list[tuple[str, float]]:
        matches: dict[str, float] = {}
        if word in self._vocabulary:
            matches[word] = 100.0
        if len(word) >= 3:
            for vocab_word in self._vocabulary:
                if vocab_word.startswith(word) and vocab_word not in matches:
                    matches[vocab_word] = 95.0
        if len(word) >= 4:
            for vocab_word, score, _ in process.extract(
                word, self._vocabulary_words, scorer=fuzz.ratio, score_cutoff=80, limit=20
            ):
                matches.setdefault(vocab_word, float(score))
        return list(matches.items())

    def _name_hits(self, offer_index: int, words: list[str]) -> int:
        name_words = set(fold(" ".join(self._haystack_offers[offer_index].name.values())).split())
        return sum(1 for word in words if word in name_words)


def _haystack(offer: Offer) -> str:
    parts = [
        *offer.name.values(),
        offer.provider,
        *offer.tags,
        *(loc.town for loc in offer.locations),
    ]
    return fold(" ".join(parts))
