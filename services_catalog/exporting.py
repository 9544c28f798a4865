"""Exports of the published catalog: our JSON (DESIGN.md contract), HSDS 3.0 and CSV."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from typing import Any

import yaml
from babel import Locale

from services_catalog.csv_format import COLUMNS, offer_to_rows
from services_catalog.gazetteer import Gazetteer
from services_catalog.model import Offer

FORMATS = ("json", "hsds", "csv", "yaml")
COORDINATES_TAXONOMY = "wegweiser-coordinates"
# Stable UUIDs for HSDS ids, derived from our slugs.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/wegweiser-mittelsachsen/catalog")


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def offer_to_json(offer: Offer) -> dict[str, Any]:
    """One offer in the public JSON export form (DESIGN.md, "Catalog export")."""
    return {
        "id": offer.id,
        "category": offer.category,
        "name": dict(offer.name),
        "provider": offer.provider,
        "locations": [
            {
                "town": loc.town,
                "postcode": loc.postcode,
                "lat": loc.lat,
                "lon": loc.lon,
                "coordinates": loc.coordinates,
                "opening_hours": loc.opening_hours,
                "opening_hours_source": loc.opening_hours_source,
            }
            for loc in offer.locations
        ],
        "service_area": list(offer.service_area),
        "languages": list(offer.languages),
        "verified_on": offer.verified_on,
        "source": offer.source,
        # whom it is for and what it costs: an evaluation (make journeys) or another site
        # can tell which offers fit a person without the search code
        "eligibility": {
            "audiences": list(offer.eligibility.audiences),
            "min_age": offer.eligibility.min_age,
            "max_age": offer.eligibility.max_age,
        },
        "cost": offer.cost,
        "tags": list(offer.tags),
    }


def offer_to_hsds(offer: Offer, gazetteer: Gazetteer) -> dict[str, Any]:
    """One offer as an HSDS 3.0 service (validates against shared/hsds-3.0/service.json)."""
    english = Locale("en")
    service: dict[str, Any] = {
        "id": _uuid("service", offer.id),
        "name": offer.name_in("de"),
        "alternate_name": offer.name.get("en", ""),
        "description": offer.description_in("de"),
        "status": "active",
        "organization": {
            "id": _uuid("organization", offer.provider),
            "name": offer.provider,
            "description": offer.provider,
        },
        "languages": [
            {
                "id": _uuid("language", offer.id, code),
                "name": english.languages.get(code, code),
                "code": code,
            }
            for code in offer.languages
        ],
        "service_areas": [
            {
                "id": _uuid("service_area", offer.id, place_id),
                "name": place.name if (place := gazetteer.get(place_id)) else place_id,
            }
            for place_id in offer.service_area
        ],
        "service_at_locations": [],
        # Our own facts HSDS has no field for: the stable slug and the category.
        "attributes": [
            {
                "id": _uuid("attribute", offer.id, "category"),
                "link_entity": "service",
                "value": offer.id,
                "taxonomy_term": {
                    "id": _uuid("category", offer.category),
                    "code": offer.category,
                    "name": offer.category,
                    "description": "Wegweiser service category",
                    "taxonomy": "wegweiser-category",
                },
            }
        ],
    }
    if offer.contact.website:
        service["url"] = offer.contact.website
    if offer.contact.email:
        service["email"] = offer.contact.email
    if offer.contact.phone:
        service["phones"] = [{"id": _uuid("phone", offer.id), "number": offer.contact.phone}]
    if offer.eligibility.min_age is not None:
        service["minimum_age"] = offer.eligibility.min_age
    if offer.eligibility.max_age is not None:
        service["maximum_age"] = offer.eligibility.max_age
    if offer.verified_on:
        service["assured_date"] = offer.verified_on
    if offer.cost != "unknown":
        service["fees_description"] = offer.cost_note.get("en") or offer.cost
    for index, loc in enumerate(offer.locations):
        location: dict[str, Any] = {
            "id": _uuid("location", offer.id, str(index)),
            "location_type": "physical",
            "name": f"{offer.name_in('de')} – {loc.town}",
            "latitude": loc.lat,
            "longitude": loc.lon,
            # How precise latitude/longitude are (HSDS has no field for it).
            "attributes": [
                {
                    "id": _uuid("attribute", offer.id, str(index), "coordinates"),
                    "link_entity": "location",
                    "value": loc.coordinates,
                    "taxonomy_term": {
                        "id": _uuid("coordinates", loc.coordinates),
                        "code": loc.coordinates,
                        "name": loc.coordinates,
                        "description": "How precise latitude and longitude are",
                        "taxonomy": COORDINATES_TAXONOMY,
                    },
                }
            ],
        }
        if loc.address and loc.postcode:
            location["addresses"] = [
                {
                    "id": _uuid("address", offer.id, str(index)),
                    "address_1": loc.address,
                    "city": loc.town,
                    "state_province": "Sachsen",
                    "postal_code": loc.postcode,
                    "country": "DE",
                    "address_type": "physical",
                }
            ]
        if loc.opening_hours:
            location["schedules"] = [
                {
                    "id": _uuid("schedule", offer.id, str(index)),
                    "description": loc.opening_hours,
                    "notes": "OpenStreetMap opening_hours syntax",
                    **(
                        {"schedule_link": loc.opening_hours_source}
                        if loc.opening_hours_source
                        else {}
                    ),
                }
            ]
        service["service_at_locations"].append(
            {"id": _uuid("service_at_location", offer.id, str(index)), "location": location}
        )
    return service


def export(offers: Iterable[Offer], fmt: str, gazetteer: Gazetteer) -> str:
    """The offers as text in one of FORMATS."""
    offers = list(offers)
    if fmt == "json":
        return json.dumps([offer_to_json(o) for o in offers], ensure_ascii=False, indent=2) + "\n"
    if fmt == "hsds":
        services = [offer_to_hsds(o, gazetteer) for o in offers]
        return json.dumps(services, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for offer in offers:
            writer.writerows(offer_to_rows(offer.to_dict()))
        return buffer.getvalue()
    if fmt == "yaml":  # the seed files' own format: imports back unchanged
        docs = [offer.to_dict() for offer in offers]
        return yaml.safe_dump({"offers": docs}, allow_unicode=True, sort_keys=False, width=100)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
