"""HSDS 3.0 services (as our export writes them, or from other HSDS publishers) to raw offers."""

from __future__ import annotations

from typing import Any

from services_catalog.exporting import COORDINATES_TAXONOMY
from services_catalog.gazetteer import Gazetteer


def _category_and_id(service: dict[str, Any]) -> tuple[str, str]:
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        if term.get("taxonomy") == "wegweiser-category":
            return str(term.get("code") or term.get("name") or ""), str(
                attribute.get("value") or ""
            )
    return "", ""


def _location(entry: dict[str, Any], gazetteer: Gazetteer) -> dict[str, Any]:
    location = entry.get("location") or {}
    address = (location.get("addresses") or [{}])[0]
    town = str(address.get("city") or "")
    if not town:
        name = str(location.get("name") or "")
        town = name.rsplit(" – ", 1)[-1] if " – " in name else ""
    place = gazetteer.resolve(town).place if town else None
    schedule = (location.get("schedules") or [{}])[0]
    precision = next(
        (
            str(attribute.get("value") or "")
            for attribute in location.get("attributes") or []
            if (attribute.get("taxonomy_term") or {}).get("taxonomy") == COORDINATES_TAXONOMY
        ),
        "",
    )
    # The export gives a town-precision location the town's coordinates: keep them implicit.
    town_centre = precision == "town" and place is not None and place.has_point
    return {
        "town": town,
        "place_id": place.id if place else "",
        "address": str(address.get("address_1") or ""),
        "postcode": str(address.get("postal_code") or ""),
        "lat": None if town_centre else location.get("latitude"),
        "lon": None if town_centre else location.get("longitude"),
        "coordinates": precision,
        "opening_hours": str(schedule.get("description") or ""),
        "opening_hours_source": str(schedule.get("schedule_link") or ""),
        "appointment_only": None,
        "wheelchair": "unknown",
    }


def hsds_to_raw(service: Any, gazetteer: Gazetteer) -> Any:
    """A raw offer (for validation) from one HSDS service; non-mappings pass through so that
    validation reports them."""
    if not isinstance(service, dict):
        return service
    category, offer_id = _category_and_id(service)
    phones = service.get("phones") or [{}]
    return {
        "id": offer_id,
        "category": category,
        "tags": [],
        "name": {
            key: value
            for key, value in (("de", service.get("name")), ("en", service.get("alternate_name")))
            if value
        },
        "description": {"de": service["description"]} if service.get("description") else {},
        "provider": str((service.get("organization") or {}).get("name") or ""),
        "locations": [
            _location(entry, gazetteer) for entry in service.get("service_at_locations") or []
        ],
        "service_area": [
            place.id
            for area in service.get("service_areas") or []
            if (place := gazetteer.resolve(str(area.get("name") or "")).place) is not None
        ],
        "contact": {
            "phone": str(phones[0].get("number") or ""),
            "email": str(service.get("email") or ""),
            "website": str(service.get("url") or ""),
            "booking_url": "",
        },
        "channels": [],
        "languages": [
            str(lang.get("code")) for lang in service.get("languages") or [] if lang.get("code")
        ],
        "eligibility": {
            "audiences": [],
            "min_age": service.get("minimum_age"),
            "max_age": service.get("maximum_age"),
            "note": {},
        },
        "cost": "unknown",
        "cost_note": {},
        "status": "published" if service.get("status", "active") == "active" else "archived",
        "source": str(service.get("url") or "HSDS import"),
        "verified_on": str(service.get("assured_date") or ""),
    }
