"""Raw offers for tests: a valid base offer and variations of it."""

from __future__ import annotations

import copy
from typing import Any

BASE_OFFER: dict[str, Any] = {
    "id": "test-course-doebeln",
    "category": "language_course",
    "tags": ["deutschkurs"],
    "name": {"de": "Deutschkurs Döbeln (Test)", "en": "German course Döbeln (test)"},
    "description": {"de": "Ein Testangebot.", "en": "A test offer."},
    "provider": "Testanbieter",
    "locations": [
        {
            "address": "",
            "postcode": "",
            "town": "Döbeln",
            "place_id": "doebeln",
            "lat": None,
            "lon": None,
            "coordinates": "town",
            "opening_hours": "Mo-Fr 09:00-16:00; PH off",
            "opening_hours_source": "https://example.org/test/hours",
            "appointment_only": False,
            "wheelchair": "unknown",
        }
    ],
    "service_area": [],
    "contact": {"phone": "", "email": "", "website": "", "booking_url": ""},
    "channels": ["in_person"],
    "languages": ["de"],
    "eligibility": {"audiences": [], "min_age": None, "max_age": None, "note": {}},
    "cost": "free",
    "cost_note": {},
    "status": "published",
    "source": "https://example.org/test",
    "verified_on": "",
}


def make_offer(**changes: Any) -> dict[str, Any]:
    """A valid raw offer with some fields replaced (nested dicts replaced whole)."""
    offer = copy.deepcopy(BASE_OFFER)
    offer.update(copy.deepcopy(changes))
    return offer


def make_location(place_id: str, town: str, **changes: Any) -> dict[str, Any]:
    """A raw location in a town of the gazetteer."""
    location = copy.deepcopy(BASE_OFFER["locations"][0])
    location.update(town=town, place_id=place_id, **changes)
    return location
