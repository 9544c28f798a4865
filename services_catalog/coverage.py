"""Coverage of the district: for every municipality and category, the best offer a newcomer
there gets, found with the catalog's own search (`SearchIndex.nearest`).

A cell is

- `in_person` when a location of the category lies within `reach_km` (default 25 km) of the
  municipality's coordinates (the nearest such location counts);
- `remote` when no location is within reach but an offer covers the municipality by phone,
  online or outreach (its `service_area` holds the municipality or an area containing it:
  the district, Saxony, Germany);
- `none` otherwise.

Municipalities without coordinates in the gazetteer cannot be measured in person: their
cells are `remote` or `none` and say `located: false`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from services_catalog.gazetteer import Gazetteer
from services_catalog.model import CATEGORIES
from services_catalog.places import Place
from services_catalog.search import Query, Result, SearchIndex

DISTRICT = "mittelsachsen"
REACH_KM = 25.0
LEVELS: tuple[str, ...] = ("in_person", "remote", "none")
# The target: every municipality has an in-person offer of these within reach.
TARGET_CATEGORIES: tuple[str, ...] = (
    "language_course",
    "migration_counselling",
    "authorities",
    "work_and_training",
    "health_care",
)


@dataclass(frozen=True)
class Cell:
    """The best offer of one category for one municipality."""

    place_id: str
    place: str
    category: str
    level: str  # one of LEVELS
    located: bool  # False: the municipality has no coordinates, in person is not measured
    offer_id: str | None = None
    offer_name: str | None = None
    offer_town: str | None = None
    distance_km: float | None = None
    approximate: bool = False  # the distance is to a postcode area or a town centre


def municipalities(gazetteer: Gazetteer, district: str = DISTRICT) -> list[Place]:
    """The district's municipalities, by name."""
    found = [p for p in gazetteer if p.kind == "municipality" and p.parent == district]
    return sorted(found, key=lambda place: place.name)


def _best(place: Place, category: str, results: Sequence[Result], reach_km: float) -> Cell:
    in_person = [r for r in results if r.distance_km is not None and r.distance_km <= reach_km]
    if in_person:
        nearest = min(in_person, key=lambda r: (r.distance_km or 0.0, r.offer.id))
        assert nearest.location is not None and nearest.distance_km is not None
        return Cell(
            place.id,
            place.name,
            category,
            "in_person",
            place.has_point,
            nearest.offer.id,
            nearest.offer.name_in("de"),
            nearest.location.town,
            round(nearest.distance_km, 1),
            nearest.approximate,
        )
    covering = [r for r in results if "covers_area" in r.reasons]
    if covering:
        best = covering[0]  # the search's own order: the most local area first
        return Cell(
            place.id,
            place.name,
            category,
            "remote",
            place.has_point,
            best.offer.id,
            best.offer.name_in("de"),
        )
    return Cell(place.id, place.name, category, "none", place.has_point)


def coverage(
    index: SearchIndex,
    categories: Iterable[str] = CATEGORIES,
    reach_km: float = REACH_KM,
    district: str = DISTRICT,
) -> list[Cell]:
    """One cell per municipality and category, municipalities by name, categories in order."""
    cells = []
    everything = max(1, len(index))
    for place in municipalities(index.gazetteer, district):
        for category in categories:
            query = Query(category, place=place, max_km=reach_km, limit=everything)
            cells.append(_best(place, category, index.nearest(query).results, reach_km))
    return cells


def summary(cells: Iterable[Cell]) -> dict[str, dict[str, int]]:
    """category → level → number of municipalities."""
    counts: dict[str, Counter[str]] = {}
    for cell in cells:
        counts.setdefault(cell.category, Counter())[cell.level] += 1
    return {
        category: {level: found[level] for level in LEVELS} for category, found in counts.items()
    }


def misses(cells: Iterable[Cell], categories: Iterable[str] = TARGET_CATEGORIES) -> list[Cell]:
    """The cells of these categories without an in-person offer within reach."""
    wanted = set(categories)
    return [cell for cell in cells if cell.category in wanted and cell.level != "in_person"]


def coverage_json(cells: Sequence[Cell], reach_km: float = REACH_KM) -> dict[str, Any]:
    """The JSON form (the contract the tests and the admin rely on)."""
    return {
        "district": DISTRICT,
        "reach_km": reach_km,
        "municipalities": len({cell.place_id for cell in cells}),
        "categories": list(dict.fromkeys(cell.category for cell in cells)),
        "summary": summary(cells),
        "cells": [asdict(cell) for cell in cells],
    }


def coverage_table(cells: Sequence[Cell]) -> str:
    """A plain-text matrix: one row per municipality, one column per category; a cell shows
    the km to the nearest in-person offer ('~' when approximate), 'tel' for coverage by
    phone/online only, '-' for nothing."""
    categories = list(dict.fromkeys(cell.category for cell in cells))
    width = max((len(cell.place) for cell in cells), default=10)
    header = " ".join(f"{category[:6]:>6}" for category in categories)
    lines = [f"{'':{width}} {header}"]
    rows: dict[str, dict[str, Cell]] = {}
    for cell in cells:
        rows.setdefault(cell.place, {})[cell.category] = cell
    for name, by_category in rows.items():
        marks = []
        for category in categories:
            cell = by_category[category]
            if cell.level == "in_person":
                mark = f"{'~' if cell.approximate else ''}{cell.distance_km:.0f}"
            else:
                mark = "tel" if cell.level == "remote" else "-"
            marks.append(f"{mark:>6}")
        lines.append(f"{name:{width}} {' '.join(marks)}")
    lines.append("")
    for category, levels in summary(cells).items():
        counts = ", ".join(f"{level} {count}" for level, count in levels.items())
        lines.append(f"{category:28} {counts}")
    return "\n".join(lines) + "\n"
