"""Coverage of the district: what a newcomer in each municipality gets, per category; and the
issue's target on the seed catalog, checked through the command's JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from services_catalog.coverage import REACH_KM, TARGET_CATEGORIES, coverage, municipalities
from services_catalog.coverage_map import coverage_svg
from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import import_raw
from services_catalog.search import SearchIndex
from services_catalog.storage import CatalogStore
from services_catalog.validation import validate_offers
from tests.fakes.offers import make_location, make_offer
from tests.services_catalog.command_line import command_line

# The target is none; where no such offer exists in reality the gap is named here
# with its source, so that a new gap fails the test and a closed one asks to shrink the list.
# Neuhausen/Erzgeb. (south-east corner of the district): the nearest in-person German
# course, health and work offers of the catalog are in Freiberg, 28 km away (Brand-Erbisdorf,
# 23 km, has none of them: its medical centre closed in 2018, Freie Presse); the nearer
# ones in Olbernhau (Erzgebirgskreis, ~8 km) lie outside the gazetteer (session 3 research).
SEED_MISSES_ALLOWED: list[str] = [
    "health_care: Neuhausen/Erzgeb. (remote)",
    "language_course: Neuhausen/Erzgeb. (remote)",
    "work_and_training: Neuhausen/Erzgeb. (remote)",
]


def index_of(raws: list[dict[str, Any]], gazetteer: Gazetteer) -> SearchIndex:
    offers, problems = validate_offers(list(raws), gazetteer)
    assert problems == []
    return SearchIndex(offers, gazetteer)


def test_every_municipality_of_the_district_is_listed(gazetteer: Gazetteer) -> None:
    places = municipalities(gazetteer)
    assert len(places) == 52
    assert {"doebeln", "freiberg", "mittweida", "sayda"} <= {p.id for p in places}
    assert "chemnitz" not in {p.id for p in places}


def test_in_person_within_reach_beats_a_phone_line_and_nothing_stays_nothing(
    gazetteer: Gazetteer,
) -> None:
    raws = [
        make_offer(id="course-doebeln", locations=[make_location("doebeln", "Döbeln")]),
        make_offer(
            id="phone-saxony",
            locations=[],
            service_area=["sachsen"],
            channels=["phone"],
        ),
    ]
    cells = coverage(index_of(raws, gazetteer), ["language_course", "health_care"])
    by_key = {(cell.place_id, cell.category): cell for cell in cells}
    doebeln = by_key["doebeln", "language_course"]
    assert (doebeln.level, doebeln.offer_id, doebeln.distance_km) == (
        "in_person",
        "course-doebeln",
        0.0,
    )
    assert doebeln.approximate  # the town's centre stands in for the address
    # Sayda lies about 50 km from Döbeln: the statewide phone line is the best it gets.
    sayda = by_key["sayda", "language_course"]
    assert (sayda.level, sayda.offer_id, sayda.distance_km) == ("remote", "phone-saxony", None)
    assert by_key["sayda", "health_care"].level == "none"
    assert len(cells) == 52 * 2


def test_the_nearest_location_counts_and_reach_is_25_km(gazetteer: Gazetteer) -> None:
    raws = [
        make_offer(id="far", locations=[make_location("doebeln", "Döbeln")]),
        make_offer(id="near", locations=[make_location("hartha", "Hartha")]),
    ]
    cells = coverage(index_of(raws, gazetteer), ["language_course"])
    by_place = {cell.place_id: cell for cell in cells}
    assert by_place["hartha"].offer_id == "near"
    assert by_place["doebeln"].offer_id == "far"
    for cell in cells:
        assert cell.level in ("in_person", "none")
        if cell.level == "in_person":
            assert cell.distance_km is not None and cell.distance_km <= REACH_KM


def test_coverage_command_json_and_svg(
    monkeypatch: pytest.MonkeyPatch, store: CatalogStore, gazetteer: Gazetteer
) -> None:
    import_raw(store, [make_offer(locations=[make_location("doebeln", "Döbeln")])])
    run = command_line(monkeypatch, str(store.engine.url))
    code, out, _ = run("coverage", "--category", "language_course", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["municipalities"] == 52 and payload["reach_km"] == REACH_KM
    assert payload["categories"] == ["language_course"]
    summary = payload["summary"]["language_course"]
    assert sum(summary.values()) == 52 and summary["in_person"] >= 5
    code, out, _ = run("coverage", "--category", "language_course", "--format", "svg")
    assert code == 0 and out.startswith("<svg") and "<title" in out and "Döbeln" in out
    code, _, err = run("coverage", "--format", "svg")
    assert code == 2 and "--category" in err


def test_map_draws_one_shape_per_located_municipality_with_demand(
    gazetteer: Gazetteer,
) -> None:
    raws = [make_offer(locations=[make_location("doebeln", "Döbeln")])]
    cells = coverage(index_of(raws, gazetteer), ["language_course"])
    svg = coverage_svg(cells, gazetteer, "Deutschkurse <Test>", {"sayda": 4})
    located = [cell for cell in cells if cell.located]
    assert svg.count('<g class="place') == len(located)
    assert "Deutschkurse &lt;Test&gt;" in svg  # escaped
    assert 'data-place="sayda"><title>Sayda: nothing; unmet demand: 4</title>' in svg
    assert ">4</text>" in svg
    unlocated = [cell.place for cell in cells if not cell.located]
    for name in unlocated:
        assert name in svg.split("<desc", 1)[1].split("</desc>", 1)[0]


def test_seed_catalog_meets_the_target(monkeypatch: pytest.MonkeyPatch, seeded_url: str) -> None:
    """The issue's target, read from the coverage command's JSON on the seed catalog: for
    these categories every municipality has an in-person offer within 25 km (a phone line
    does not count). The message lists every municipality/category pair that misses."""
    code, out, err = command_line(monkeypatch, seeded_url)("coverage", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["municipalities"] == 52
    missing = sorted(
        f"{cell['category']}: {cell['place']} ({cell['level']}"
        + ("" if cell["located"] else "; no coordinates in the gazetteer")
        + ")"
        for cell in payload["cells"]
        if cell["category"] in TARGET_CATEGORIES
        and not (cell["level"] == "in_person" and cell["distance_km"] <= 25)
    )
    assert missing == SEED_MISSES_ALLOWED, f"{len(missing)} pairs miss:\n" + "\n".join(missing)
