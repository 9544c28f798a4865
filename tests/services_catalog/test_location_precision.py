"""Coordinates say how precise they are, opening hours say where they come from, and both
survive every import and export form."""

from __future__ import annotations

import json

import jsonschema
import pytest

from services_catalog.exporting import export
from services_catalog.formatting import format_distance
from services_catalog.gazetteer import Gazetteer
from services_catalog.hsds_import import hsds_to_raw
from services_catalog.importing import ImportFailed, import_raw, parse_text
from services_catalog.search import Query, SearchIndex
from services_catalog.storage import CatalogStore
from services_catalog.validation import validate_offer
from tests.fakes.offers import make_location, make_offer

HOURS_PAGE = "https://example.org/opening-hours"


def problems_of(raw: object, gazetteer: Gazetteer) -> list[str]:
    return [str(p) for p in validate_offer(raw, gazetteer)[1]]


def precise_offer() -> dict[str, object]:
    """An offer with one location at its address and one at a postcode area's centre."""
    return make_offer(
        locations=[
            make_location(
                "doebeln",
                "Döbeln",
                address="Bahnhofstraße 1",
                postcode="04720",
                lat=51.1211,
                lon=13.1152,
                coordinates="address",
                opening_hours="Mo-Fr 09:00-12:00",
                opening_hours_source=HOURS_PAGE,
            ),
            make_location(
                "freiberg",
                "Freiberg",
                postcode="09599",
                lat=50.91,
                lon=13.34,
                coordinates="postcode",
                opening_hours="",
                opening_hours_source="",
            ),
        ]
    )


def test_address_precision_needs_own_coordinates(gazetteer: Gazetteer) -> None:
    raw = make_offer(locations=[make_location("doebeln", "Döbeln", coordinates="address")])
    found = problems_of(raw, gazetteer)
    assert len(found) == 1
    assert "field 'locations[0].coordinates': precision 'address' needs" in found[0]


def test_unknown_precision_is_named(gazetteer: Gazetteer) -> None:
    raw = make_offer(locations=[make_location("doebeln", "Döbeln", coordinates="street")])
    assert "must be one of address, postcode, town" in problems_of(raw, gazetteer)[0]


def test_opening_hours_without_their_source_are_an_error(gazetteer: Gazetteer) -> None:
    raw = make_offer(locations=[make_location("doebeln", "Döbeln", opening_hours_source="")])
    found = problems_of(raw, gazetteer)
    assert len(found) == 1
    assert "field 'locations[0].opening_hours_source': opening hours need" in found[0]
    no_hours = make_location("doebeln", "Döbeln", opening_hours="", opening_hours_source="")
    assert problems_of(make_offer(locations=[no_hours]), gazetteer) == []


def test_unstated_precision_never_claims_the_address(gazetteer: Gazetteer) -> None:
    loc = make_location("freiberg", "Freiberg", lat=50.92, lon=13.34)
    del loc["coordinates"]
    offer, problems = validate_offer(make_offer(locations=[loc]), gazetteer)
    assert problems == [] and offer is not None
    assert offer.locations[0].coordinates == "postcode"
    assert not offer.locations[0].exact_coordinates
    town_only = make_location("freiberg", "Freiberg")
    del town_only["coordinates"]
    offer, _ = validate_offer(make_offer(locations=[town_only]), gazetteer)
    assert offer is not None and offer.locations[0].coordinates == "town"


def test_only_address_precision_gives_an_exact_distance(gazetteer: Gazetteer) -> None:
    offer, problems = validate_offer(precise_offer(), gazetteer)
    assert problems == [] and offer is not None
    index = SearchIndex([offer], gazetteer)
    for place_id, approximate in (("doebeln", False), ("freiberg", True)):
        place = gazetteer.get(place_id)
        page = index.nearest(Query(category=offer.category, place=place))
        assert page.results[0].location is not None
        assert page.results[0].location.place_id == place_id
        assert page.results[0].approximate is approximate, place_id


def test_an_approximate_distance_is_given_in_whole_kilometres() -> None:
    assert format_distance(0.42, "de", approximate=True) == "1 km"
    assert format_distance(3.25, "en", approximate=True) == "3 km"
    assert format_distance(3.25, "en") == "3.2 km"


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_precision_and_hours_source_survive_export_and_import(
    store: CatalogStore, gazetteer: Gazetteer, fmt: str
) -> None:
    import_raw(store, [precise_offer()])
    raws, problems = parse_text(export(store.offers(), fmt, gazetteer), fmt)
    assert problems == []
    again = CatalogStore.open("sqlite://", gazetteer)
    import_raw(again, raws)
    locations = again.offers()[0].locations
    assert [loc.coordinates for loc in locations] == ["address", "postcode"]
    assert locations[0].opening_hours_source == HOURS_PAGE
    assert again.offers()[0].to_dict() == store.offers()[0].to_dict()


def test_json_export_states_precision_and_hours_source(
    store: CatalogStore, gazetteer: Gazetteer
) -> None:
    import_raw(store, [precise_offer(), make_offer(id="town-only")])
    exported = {o["id"]: o for o in json.loads(export(store.offers(), "json", gazetteer))}
    first = exported["test-course-doebeln"]["locations"][0]
    assert first["coordinates"] == "address"
    assert first["opening_hours_source"] == HOURS_PAGE
    assert exported["town-only"]["locations"][0]["coordinates"] == "town"


def test_hsds_round_trip_keeps_precision_and_hours_source(
    store: CatalogStore, gazetteer: Gazetteer, hsds_service_validator: jsonschema.Draft7Validator
) -> None:
    import_raw(store, [precise_offer(), make_offer(id="town-only")])
    services = json.loads(export(store.offers(), "hsds", gazetteer))
    for service in services:
        assert sorted(map(str, hsds_service_validator.iter_errors(service))) == []
    offers = [validate_offer(hsds_to_raw(s, gazetteer), gazetteer)[0] for s in services]
    by_id = {o.id: o for o in offers if o is not None}
    assert [loc.coordinates for loc in by_id["test-course-doebeln"].locations] == [
        "address",
        "postcode",
    ]
    assert by_id["test-course-doebeln"].locations[0].opening_hours_source == HOURS_PAGE
    town = by_id["town-only"].locations[0]
    assert (town.coordinates, town.own_coordinates) == ("town", False)


def test_hours_stored_before_their_source_existed_keep_the_offer_findable(
    store: CatalogStore, gazetteer: Gazetteer
) -> None:
    """An offer saved with opening hours before `opening_hours_source` existed stays in the
    catalog (hiding it would hurt more); importing or saving it again needs the source."""
    legacy = make_offer(locations=[make_location("doebeln", "Döbeln", opening_hours_source="")])
    del legacy["locations"][0]["opening_hours_source"]
    offer, problems = validate_offer(legacy, gazetteer, stored=True)
    assert problems == [] and offer is not None
    with store.transaction() as conn:
        store.upsert(conn, offer)
    assert [o.id for o in store.offers()] == ["test-course-doebeln"]
    assert store.get("test-course-doebeln") is not None
    with pytest.raises(ImportFailed):
        import_raw(store, [legacy])
