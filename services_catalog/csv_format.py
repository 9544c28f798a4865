"""The CSV form of offers: one row per location (offer fields repeated), for spreadsheets.

Per-language text has one column per language (`name_de`, `name_en`, …); lists are
separated by `;`. An offer without locations has one row with empty location columns.
"""

from __future__ import annotations

from typing import Any

from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.model import LOCATION_FIELDS

LANGUAGES = SUPPORTED_LANGUAGES
LOCATION_COLUMNS = LOCATION_FIELDS
COLUMNS: tuple[str, ...] = (
    "id",
    "category",
    "status",
    "provider",
    *(f"name_{lang}" for lang in LANGUAGES),
    *(f"description_{lang}" for lang in LANGUAGES),
    "tags",
    *LOCATION_COLUMNS,
    "service_area",
    "phone",
    "email",
    "website",
    "booking_url",
    "channels",
    "languages",
    "audiences",
    "min_age",
    "max_age",
    "cost",
    "source",
    "verified_on",
)


def _join(values: list[str]) -> str:
    return ";".join(values)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _optional_number(value: str | None) -> Any:
    text = (value or "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text  # validation reports it
    return int(number) if number.is_integer() and "." not in text else number


def _optional_bool(value: str | None) -> Any:
    text = (value or "").strip().lower()
    return {"": None, "true": True, "yes": True, "false": False, "no": False}.get(text, text)


def offer_to_rows(doc: dict[str, Any]) -> list[dict[str, str]]:
    """CSV rows for one offer mapping (as Offer.to_dict gives it)."""
    base: dict[str, str] = {
        "id": doc["id"],
        "category": doc["category"],
        "status": doc["status"],
        "provider": doc["provider"],
        "tags": _join(doc["tags"]),
        "service_area": _join(doc["service_area"]),
        "phone": doc["contact"]["phone"],
        "email": doc["contact"]["email"],
        "website": doc["contact"]["website"],
        "booking_url": doc["contact"]["booking_url"],
        "channels": _join(doc["channels"]),
        "languages": _join(doc["languages"]),
        "audiences": _join(doc["eligibility"]["audiences"]),
        "min_age": ""
        if doc["eligibility"]["min_age"] is None
        else str(doc["eligibility"]["min_age"]),
        "max_age": ""
        if doc["eligibility"]["max_age"] is None
        else str(doc["eligibility"]["max_age"]),
        "cost": doc["cost"],
        "source": doc["source"],
        "verified_on": doc["verified_on"],
    }
    for lang in LANGUAGES:
        base[f"name_{lang}"] = doc["name"].get(lang, "")
        base[f"description_{lang}"] = doc["description"].get(lang, "")
    rows = []
    for loc in doc["locations"] or [{}]:
        row = dict(base)
        for column in LOCATION_COLUMNS:
            value = loc.get(column)
            row[column] = (
                ""
                if value is None
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
        rows.append(row)
    return rows


def rows_to_offers(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Offer mappings from CSV rows; consecutive rows with one id are one offer's locations."""
    offers: dict[str, dict[str, Any]] = {}
    for index, row in enumerate(rows):
        offer_id = (row.get("id") or "").strip() or f"(row {index + 2})"
        location = {
            column: (row.get(column) or "").strip()
            for column in LOCATION_COLUMNS
            if column not in ("lat", "lon", "appointment_only")
        }
        location.update(
            lat=_optional_number(row.get("lat")),
            lon=_optional_number(row.get("lon")),
            appointment_only=_optional_bool(row.get("appointment_only")),
        )
        if offer_id in offers:
            if location["town"] or location["place_id"]:
                offers[offer_id]["locations"].append(location)
            continue
        offers[offer_id] = {
            "id": offer_id,
            "category": (row.get("category") or "").strip(),
            "status": (row.get("status") or "").strip() or "published",
            "provider": (row.get("provider") or "").strip(),
            "name": {lang: row[f"name_{lang}"] for lang in LANGUAGES if row.get(f"name_{lang}")},
            "description": {
                lang: row[f"description_{lang}"]
                for lang in LANGUAGES
                if row.get(f"description_{lang}")
            },
            "tags": _split(row.get("tags")),
            "locations": [location] if location["town"] or location["place_id"] else [],
            "service_area": _split(row.get("service_area")),
            "contact": {
                key: (row.get(key) or "").strip()
                for key in ("phone", "email", "website", "booking_url")
            },
            "channels": _split(row.get("channels")),
            "languages": _split(row.get("languages")),
            "eligibility": {
                "audiences": _split(row.get("audiences")),
                "min_age": _optional_number(row.get("min_age")),
                "max_age": _optional_number(row.get("max_age")),
            },
            "cost": (row.get("cost") or "").strip() or "unknown",
            "source": (row.get("source") or "").strip(),
            "verified_on": (row.get("verified_on") or "").strip(),
        }
    return list(offers.values())
