"""The offer form: raw offer mappings to form fields and back, and problems to fields."""

from __future__ import annotations

import re
from typing import Any

from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.model import AUDIENCES, CHANNELS, LOCATION_FIELDS
from services_catalog.validation import Problem

LANGUAGES = SUPPORTED_LANGUAGES
_LOCATION_PROBLEM = re.compile(r"^locations\[(\d+)\]\.(\w+)$")


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", text or "") if part.strip()]


def _number(text: str) -> Any:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text  # validation names the problem
    return int(value) if value.is_integer() and "." not in text and "," not in text else value


def _tristate(text: str) -> bool | None:
    return {"yes": True, "no": False}.get((text or "").strip())


def form_to_raw(form: Any, existing: dict[str, Any] | None = None) -> dict[str, Any]:
    """A raw offer mapping from a submitted form (status and verified_on are kept as stored)."""
    existing = existing or {}

    def text(name: str) -> str:
        return str(form.get(name, "") or "").strip()

    locations = []
    for index in range(int(text("location_count") or 0) + 1):
        values = {field: text(f"loc{index}_{field}") for field in LOCATION_FIELDS}
        if not values["town"] and not values["place_id"]:
            continue
        locations.append(
            {
                **values,
                "lat": _number(values["lat"]),
                "lon": _number(values["lon"]),
                "appointment_only": _tristate(values["appointment_only"]),
                "wheelchair": values["wheelchair"] or "unknown",
            }
        )
    return {
        "id": text("id") or existing.get("id", ""),
        "category": text("category"),
        "tags": _split(text("tags")),
        "name": {lang: text(f"name_{lang}") for lang in LANGUAGES if text(f"name_{lang}")},
        "description": {
            lang: text(f"description_{lang}") for lang in LANGUAGES if text(f"description_{lang}")
        },
        "provider": text("provider"),
        "locations": locations,
        "service_area": _split(text("service_area")),
        "contact": {key: text(key) for key in ("phone", "email", "website", "booking_url")},
        "channels": [c for c in CHANNELS if form.get(f"channel_{c}")],
        "languages": _split(text("languages")),
        "eligibility": {
            "audiences": [a for a in AUDIENCES if form.get(f"audience_{a}")],
            "min_age": _number(text("min_age")),
            "max_age": _number(text("max_age")),
            "note": {
                lang: text(f"eligibility_note_{lang}")
                for lang in ("de", "en")
                if text(f"eligibility_note_{lang}")
            },
        },
        "cost": text("cost") or "unknown",
        "cost_note": {
            lang: text(f"cost_note_{lang}") for lang in ("de", "en") if text(f"cost_note_{lang}")
        },
        "status": existing.get("status", "draft"),
        "source": text("source"),
        "verified_on": existing.get("verified_on", ""),
    }


def raw_to_form(raw: dict[str, Any]) -> dict[str, str]:
    """Form field values for a raw offer mapping."""
    values: dict[str, str] = {
        "id": raw.get("id", ""),
        "category": raw.get("category", ""),
        "tags": ", ".join(raw.get("tags") or []),
        "provider": raw.get("provider", ""),
        "service_area": ", ".join(raw.get("service_area") or []),
        "languages": ", ".join(raw.get("languages") or []),
        "cost": raw.get("cost", "unknown"),
        "source": raw.get("source", ""),
        "location_count": str(len(raw.get("locations") or [])),
    }
    for lang in LANGUAGES:
        values[f"name_{lang}"] = (raw.get("name") or {}).get(lang, "")
        values[f"description_{lang}"] = (raw.get("description") or {}).get(lang, "")
    for key in ("phone", "email", "website", "booking_url"):
        values[key] = (raw.get("contact") or {}).get(key, "")
    eligibility = raw.get("eligibility") or {}
    for bound in ("min_age", "max_age"):
        values[bound] = "" if eligibility.get(bound) is None else str(eligibility[bound])
    for lang in ("de", "en"):
        values[f"eligibility_note_{lang}"] = (eligibility.get("note") or {}).get(lang, "")
        values[f"cost_note_{lang}"] = (raw.get("cost_note") or {}).get(lang, "")
    for channel in raw.get("channels") or []:
        values[f"channel_{channel}"] = "on"
    for audience in eligibility.get("audiences") or []:
        values[f"audience_{audience}"] = "on"
    for index, location in enumerate(raw.get("locations") or []):
        for field in LOCATION_FIELDS:
            value = location.get(field)
            if field == "appointment_only":
                value = {True: "yes", False: "no"}.get(value, "")
            values[f"loc{index}_{field}"] = "" if value is None else str(value)
    return values


def problem_input(problem: Problem) -> str:
    """The form field a validation problem belongs to ('locations[0].lat' → 'loc0_lat')."""
    field = problem.field
    location = _LOCATION_PROBLEM.match(field)
    if location:
        return f"loc{location.group(1)}_{location.group(2)}"
    if field.startswith(("name.", "description.")):
        return field.replace(".", "_", 1)
    if field.startswith("contact."):
        return field.split(".", 1)[1]
    if field.startswith("eligibility."):
        rest = field.split(".", 1)[1]
        return "eligibility_" + rest.replace(".", "_") if rest.startswith("note") else rest
    if field.startswith("cost_note."):
        return field.replace(".", "_", 1)
    return field


def coverage(raw: dict[str, Any]) -> list[str]:
    """The languages that have both a name and a description."""
    names, descriptions = raw.get("name") or {}, raw.get("description") or {}
    return [lang for lang in LANGUAGES if names.get(lang) and descriptions.get(lang)]
