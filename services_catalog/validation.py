"""Validation of raw offers (seed YAML, imports, the admin): one clear message per problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from services_catalog import hours
from services_catalog.gazetteer import Gazetteer
from services_catalog.model import (
    AUDIENCES,
    CATEGORIES,
    CHANNELS,
    COORDINATE_PRECISIONS,
    COSTS,
    LOCATION_FIELDS,
    STATUSES,
    WHEELCHAIR,
    Contact,
    Eligibility,
    Location,
    Offer,
)
from services_catalog.values import is_language_code, parse_phone, short, surrogate_paths

# Saxony's bounding box (with a small margin): coordinates outside are typing errors.
SAXONY_LAT = (50.17, 51.69)
SAXONY_LON = (11.87, 15.04)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^\d{5}$")
_FIELDS = {
    "id",
    "category",
    "tags",
    "name",
    "description",
    "provider",
    "locations",
    "service_area",
    "contact",
    "channels",
    "languages",
    "eligibility",
    "cost",
    "cost_note",
    "status",
    "source",
    "verified_on",
    "updated_at",
    "synthetic",
}
_LOCATION_FIELDS = set(LOCATION_FIELDS)
_CONTACT_FIELDS = {"phone", "email", "website", "booking_url"}
_ELIGIBILITY_FIELDS = {"audiences", "min_age", "max_age", "note"}


@dataclass(frozen=True)
class Problem:
    """One problem with one field of one offer."""

    offer_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"offer {self.offer_id!r}, field {self.field!r}: {self.message}"


class _Checker:
    """Collects problems while it reads one raw offer."""

    def __init__(self, raw: dict[str, Any], gazetteer: Gazetteer, stored: bool = False) -> None:
        self.raw = raw
        self.gazetteer = gazetteer
        self.stored = stored
        offer_id = raw.get("id")
        self.offer_id = offer_id[:120] if isinstance(offer_id, str) and offer_id else "?"
        self.problems: list[Problem] = []

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.offer_id, field, message))

    def text(self, value: Any, field: str, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(field, f"must be text, not {type(value).__name__}")
            return ""
        if required and not value.strip():
            self.fail(field, "is required")
        return value.strip()

    def mapping(self, value: Any, field: str, allowed: set[str] | None = None) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(field, f"must be a mapping, not {type(value).__name__}")
            return {}
        for key in value:
            if allowed is not None and key not in allowed:
                self.fail(f"{field}.{key}", "unknown field")
        return value

    def str_list(self, value: Any, field: str, allowed: tuple[str, ...] | None = None) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(field, "must be a list of text")
            return []
        if allowed is not None:
            for item in value:
                if item not in allowed:
                    self.fail(
                        field,
                        f"unknown value {short(item)} (expected one of {', '.join(allowed)})",
                    )
        return [item.strip() for item in value]

    def local_text(self, value: Any, field: str, require_german: bool = False) -> dict[str, str]:
        result: dict[str, str] = {}
        for lang, text in self.mapping(value, field).items():
            if not is_language_code(lang):
                self.fail(f"{field}.{lang}", f"unknown language code {short(lang)}")
            elif not isinstance(text, str):
                self.fail(f"{field}.{lang}", "must be text")
            elif text.strip():
                result[lang] = text.strip()
        if require_german and "de" not in result:
            self.fail(f"{field}.de", "a German text is required")
        return result

    def age(self, value: Any, field: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
            self.fail(field, f"must be a whole number from 0 to 120, not {short(value)}")
            return None
        return value

    def url(self, value: Any, field: str) -> str:
        text = self.text(value, field)
        if text and not re.match(r"^https?://[^\s/]+\.[^\s]+$", text):
            self.fail(field, f"not a web address (http:// or https://): {short(text)}")
        return text

    def location(self, raw: Any, index: int) -> Location | None:
        field = f"locations[{index}]"
        loc = self.mapping(raw, field, _LOCATION_FIELDS)
        if not loc:
            self.fail(field, "must be a mapping with at least town and place_id")
            return None
        town = self.text(loc.get("town"), f"{field}.town", required=True)
        place_id = self.text(loc.get("place_id"), f"{field}.place_id", required=True)
        place = self.gazetteer.get(place_id) if place_id else None
        if place_id and place is None:
            self.fail(f"{field}.place_id", f"unknown place id {short(place_id)} (see places.yaml)")
        lat, lon = loc.get("lat"), loc.get("lon")
        own = lat is not None or lon is not None
        if own:
            if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
                self.fail(f"{field}.lat", "lat and lon must both be numbers (or both empty)")
                return None
            assert lat is not None and lon is not None
            if not (
                SAXONY_LAT[0] <= lat <= SAXONY_LAT[1] and SAXONY_LON[0] <= lon <= SAXONY_LON[1]
            ):
                self.fail(f"{field}.lat", f"coordinates {lat}, {lon} lie outside Saxony")
        elif place is not None and place.has_point:
            lat, lon = place.lat, place.lon
        elif place is not None:
            self.fail(
                f"{field}.lat", f"place {short(place_id)} has no coordinates: give lat and lon"
            )
        postcode = self.text(loc.get("postcode"), f"{field}.postcode")
        if postcode and not _POSTCODE.match(postcode):
            self.fail(
                f"{field}.postcode", f"a German postcode has five digits, not {short(postcode)}"
            )
        precision = self.precision(loc.get("coordinates"), own, f"{field}.coordinates")
        opening = self.text(loc.get("opening_hours"), f"{field}.opening_hours")
        if opening:
            try:
                hours.check(opening)
            except hours.OpeningHoursError as exc:
                self.fail(f"{field}.opening_hours", str(exc))
        hours_source = self.url(loc.get("opening_hours_source"), f"{field}.opening_hours_source")
        if opening and not hours_source and not self.stored:
            self.fail(
                f"{field}.opening_hours_source",
                "opening hours need the web address of the page that states them",
            )
        appointment = loc.get("appointment_only")
        if appointment is not None and not isinstance(appointment, bool):
            self.fail(f"{field}.appointment_only", "must be true, false or empty")
            appointment = None
        wheelchair = self.text(loc.get("wheelchair") or "unknown", f"{field}.wheelchair")
        if wheelchair not in WHEELCHAIR:
            self.fail(f"{field}.wheelchair", f"must be one of {', '.join(WHEELCHAIR)}")
        if lat is None or lon is None:
            return None
        return Location(
            town=town,
            place_id=place_id,
            lat=float(lat),
            lon=float(lon),
            address=self.text(loc.get("address"), f"{field}.address"),
            postcode=postcode,
            opening_hours=opening,
            appointment_only=appointment,
            wheelchair=wheelchair,
            own_coordinates=own,
            coordinates=precision,
            opening_hours_source=hours_source,
        )

    def precision(self, value: Any, own: bool, field: str) -> str:
        """How precise a location's coordinates are. Unstated: 'town' without lat/lon of its
        own, else 'postcode' (never claim the address unless someone said so)."""
        stated = self.text(value, field)
        if not stated:
            return "postcode" if own else "town"
        if stated not in COORDINATE_PRECISIONS:
            self.fail(field, f"must be one of {', '.join(COORDINATE_PRECISIONS)}")
        elif stated != "town" and not own:
            self.fail(field, f"precision {stated!r} needs the location's own lat and lon")
        return stated

    def offer(self) -> Offer | None:
        raw = self.raw
        for key in raw:
            if key not in _FIELDS:
                self.fail(key if isinstance(key, str) else short(key), "unknown field")
        offer_id = self.text(raw.get("id"), "id", required=True)
        if offer_id and not _SLUG.match(offer_id):
            self.fail("id", "use lower-case letters, digits and single hyphens (e.g. vhs-doebeln)")
        category = self.text(raw.get("category"), "category", required=True)
        if category and category not in CATEGORIES:
            self.fail(
                "category",
                f"unknown category {short(category)} (expected one of {', '.join(CATEGORIES)})",
            )
        name = self.local_text(raw.get("name"), "name", require_german=True)
        description = self.local_text(raw.get("description"), "description")
        provider = self.text(raw.get("provider"), "provider", required=True)
        source = self.text(raw.get("source"), "source", required=True)
        verified_on = self._verified_on(raw.get("verified_on"))
        locations_raw = raw.get("locations") or []
        if not isinstance(locations_raw, list):
            self.fail("locations", "must be a list")
            locations_raw = []
        locations = [self.location(loc, i) for i, loc in enumerate(locations_raw)]
        service_area = self.str_list(raw.get("service_area"), "service_area")
        for place_id in service_area:
            if place_id not in self.gazetteer:
                self.fail("service_area", f"unknown place id {short(place_id)} (see places.yaml)")
        if not locations_raw and not service_area:
            self.fail(
                "locations", "an offer needs a location or a service_area, or nobody finds it"
            )
        contact = self._contact(raw.get("contact"))
        eligibility = self._eligibility(raw.get("eligibility"))
        languages = self.str_list(raw.get("languages"), "languages")
        for code in languages:
            if not is_language_code(code):
                self.fail(
                    "languages", f"unknown language code {short(code)} (use ISO 639-1, e.g. 'uk')"
                )
        cost = self.text(raw.get("cost") or "unknown", "cost")
        if cost not in COSTS:
            self.fail("cost", f"must be one of {', '.join(COSTS)}")
        status = self.text(raw.get("status") or "published", "status")
        if status not in STATUSES:
            self.fail("status", f"must be one of {', '.join(STATUSES)}")
        synthetic = raw.get("synthetic", False)
        if self.problems:
            return None
        return Offer(
            id=offer_id,
            category=category,
            name=name,
            provider=provider,
            source=source,
            verified_on=verified_on,
            description=description,
            tags=tuple(self.str_list(raw.get("tags"), "tags")),
            locations=tuple(loc for loc in locations if loc is not None),
            service_area=tuple(service_area),
            contact=contact,
            channels=tuple(self.str_list(raw.get("channels"), "channels", CHANNELS)),
            languages=tuple(languages),
            eligibility=eligibility,
            cost=cost,
            cost_note=self.local_text(raw.get("cost_note"), "cost_note"),
            status=status,
            updated_at=str(raw.get("updated_at") or ""),
            synthetic=bool(synthetic),
        )

    def _verified_on(self, value: Any) -> str:
        if isinstance(value, date):
            value = value.isoformat()
        text = self.text(value, "verified_on")
        if text:
            try:
                day = date.fromisoformat(text)
            except ValueError:
                self.fail("verified_on", f"must be a date YYYY-MM-DD or empty, not {short(text)}")
                return ""
            if day > date.today():
                self.fail("verified_on", f"{text} lies in the future")
        return text

    def _contact(self, value: Any) -> Contact:
        contact = self.mapping(value, "contact", _CONTACT_FIELDS)
        phone = self.text(contact.get("phone"), "contact.phone")
        if phone and parse_phone(phone) is None:
            self.fail("contact.phone", f"not a valid phone number: {short(phone)}")
        email = self.text(contact.get("email"), "contact.email")
        if email and not _EMAIL.match(email):
            self.fail("contact.email", f"not an e-mail address: {short(email)}")
        return Contact(
            phone=phone,
            email=email,
            website=self.url(contact.get("website"), "contact.website"),
            booking_url=self.url(contact.get("booking_url"), "contact.booking_url"),
        )

    def _eligibility(self, value: Any) -> Eligibility:
        elig = self.mapping(value, "eligibility", _ELIGIBILITY_FIELDS)
        min_age = self.age(elig.get("min_age"), "eligibility.min_age")
        max_age = self.age(elig.get("max_age"), "eligibility.max_age")
        if min_age is not None and max_age is not None and min_age > max_age:
            self.fail("eligibility.max_age", f"max_age {max_age} is below min_age {min_age}")
        return Eligibility(
            audiences=tuple(
                self.str_list(elig.get("audiences"), "eligibility.audiences", AUDIENCES)
            ),
            min_age=min_age,
            max_age=max_age,
            note=self.local_text(elig.get("note"), "eligibility.note"),
        )


def validate_offer(
    raw: object, gazetteer: Gazetteer, stored: bool = False, surrogates_possible: bool = True
) -> tuple[Offer | None, list[Problem]]:
    """The offer and no problems, or None and every problem found. `stored`: a document read
    back from the database, where opening hours saved before `opening_hours_source` existed
    stay valid (the offer keeps being found; the admin asks for the source on the next save).
    `surrogates_possible=False`: the caller knows the document holds no lone surrogates
    (its JSON text has no escaped one), and the walk over every text is skipped."""
    if not isinstance(raw, dict):
        return None, [Problem("?", "(offer)", f"must be a mapping, not {type(raw).__name__}")]
    checker = _Checker(raw, gazetteer, stored)
    broken = surrogate_paths(raw) if surrogates_possible else []
    if broken:
        return None, [
            Problem(checker.offer_id, field, "contains invalid characters (lone surrogates)")
            for field in broken
        ]
    offer = checker.offer()
    return offer, checker.problems


def validate_offers(raws: list[object], gazetteer: Gazetteer) -> tuple[list[Offer], list[Problem]]:
    """Validate many offers, including that ids are unique among them."""
    offers: list[Offer] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in raws:
        offer, found = validate_offer(raw, gazetteer)
        problems.extend(found)
        if offer is None:
            continue
        if offer.id in seen:
            problems.append(Problem(offer.id, "id", "used by more than one offer"))
        seen.add(offer.id)
        offers.append(offer)
    return offers, problems
