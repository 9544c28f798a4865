"""Validation gives one clear message per problem, naming the offer and the field."""

from __future__ import annotations

from services_catalog.gazetteer import Gazetteer
from services_catalog.validation import validate_offer
from tests.fakes.offers import make_location, make_offer


def messages(raw: object, gazetteer: Gazetteer) -> list[str]:
    offer, problems = validate_offer(raw, gazetteer)
    assert (offer is None) == bool(problems)
    return [str(p) for p in problems]


def test_a_valid_offer_has_no_problems(gazetteer: Gazetteer) -> None:
    offer, problems = validate_offer(make_offer(), gazetteer)
    assert problems == []
    assert offer is not None
    assert offer.locations[0].place_id == "doebeln"
    # Without own coordinates the location stands at the town's coordinates.
    doebeln = gazetteer.get("doebeln")
    assert doebeln is not None
    assert (offer.locations[0].lat, offer.locations[0].lon) == (doebeln.lat, doebeln.lon)


def test_unknown_category_names_offer_and_field(gazetteer: Gazetteer) -> None:
    found = messages(make_offer(category="cooking"), gazetteer)
    assert len(found) == 1
    assert found[0].startswith(
        "offer 'test-course-doebeln', field 'category': unknown category 'cooking'"
    )


def test_bad_opening_hours(gazetteer: Gazetteer) -> None:
    raw = make_offer(locations=[make_location("doebeln", "Döbeln", opening_hours="Mo-Fx 9-17")])
    found = messages(raw, gazetteer)
    assert len(found) == 1
    assert "field 'locations[0].opening_hours': not valid opening_hours syntax" in found[0]


def test_coordinates_outside_saxony(gazetteer: Gazetteer) -> None:
    raw = make_offer(locations=[make_location("doebeln", "Döbeln", lat=52.52, lon=13.40)])
    found = messages(raw, gazetteer)
    assert found == [
        "offer 'test-course-doebeln', field 'locations[0].lat': "
        "coordinates 52.52, 13.4 lie outside Saxony"
    ]


def test_bad_phone_number(gazetteer: Gazetteer) -> None:
    raw = make_offer(contact={"phone": "0351 12", "email": "", "website": "", "booking_url": ""})
    assert messages(raw, gazetteer) == [
        "offer 'test-course-doebeln', field 'contact.phone': not a valid phone number: '0351 12'"
    ]


def test_helpline_numbers_are_valid(gazetteer: Gazetteer) -> None:
    for number in ("116 016", "116 111", "0800 111 0 111", "+49 351 4965-0"):
        raw = make_offer(contact={"phone": number, "email": "", "website": "", "booking_url": ""})
        assert messages(raw, gazetteer) == [], number


def test_unknown_language_code(gazetteer: Gazetteer) -> None:
    found = messages(make_offer(languages=["de", "xx"]), gazetteer)
    assert found == [
        "offer 'test-course-doebeln', field 'languages': "
        "unknown language code 'xx' (use ISO 639-1, e.g. 'uk')"
    ]


def test_missing_german_name(gazetteer: Gazetteer) -> None:
    found = messages(make_offer(name={"en": "Only English"}), gazetteer)
    assert found == ["offer 'test-course-doebeln', field 'name.de': a German text is required"]


def test_every_problem_is_reported_at_once(gazetteer: Gazetteer) -> None:
    raw = make_offer(category="x", languages=["zz"], name={"en": "n"}, source="", cost="cheap")
    fields = [p.field for p in validate_offer(raw, gazetteer)[1]]
    assert fields == ["category", "name.de", "source", "languages", "cost"]


def test_unknown_place_and_unknown_field(gazetteer: Gazetteer) -> None:
    raw = make_offer(locations=[make_location("atlantis", "Atlantis")], colour="red")
    found = messages(raw, gazetteer)
    assert "offer 'test-course-doebeln', field 'colour': unknown field" in found
    assert any("unknown place id 'atlantis'" in m for m in found)


def test_offer_nobody_can_find_is_rejected(gazetteer: Gazetteer) -> None:
    found = messages(make_offer(locations=[], service_area=[]), gazetteer)
    assert found == [
        "offer 'test-course-doebeln', field 'locations': "
        "an offer needs a location or a service_area, or nobody finds it"
    ]


def test_ages_and_dates(gazetteer: Gazetteer) -> None:
    raw = make_offer(
        eligibility={"audiences": ["youth"], "min_age": 27, "max_age": 12, "note": {}},
        verified_on="2999-01-01",
    )
    found = messages(raw, gazetteer)
    assert (
        "offer 'test-course-doebeln', field 'verified_on': 2999-01-01 lies in the future" in found
    )
    assert any("max_age 12 is below min_age 27" in m for m in found)


def test_not_a_mapping(gazetteer: Gazetteer) -> None:
    assert messages(["a list"], gazetteer) == [
        "offer '?', field '(offer)': must be a mapping, not list"
    ]
