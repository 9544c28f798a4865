"""The offer model: language-neutral facts apart from per-language text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services_catalog.languages import TEXT_FALLBACK_LANGUAGES

CATEGORIES: tuple[str, ...] = (
    "language_course",
    "migration_counselling",
    "asylum_legal_counselling",
    "labour_rights_counselling",
    "recognition_counselling",
    "work_and_training",
    "health_care",
    "psychosocial_support",
    "violence_protection",
    "anti_discrimination",
    "authorities",
    "family_and_school",
    "community",
)
CHANNELS: tuple[str, ...] = ("in_person", "phone", "online", "video", "outreach")
AUDIENCES: tuple[str, ...] = (
    "everyone",
    "women",
    "men",
    "youth",
    "children",
    "families",
    "refugees",
    "asylum_seekers",
    "eu_workers",
    "foreign_workers",
    "students",
    "lgbtq",
    "seniors",
)
# The audiences that are about residence status or citizenship (what "I am an EU citizen" or
# "I come from Syria" decides); the others (women, families, youth …) are about who one is.
STATUS_AUDIENCES = frozenset({"refugees", "asylum_seekers", "eu_workers", "foreign_workers"})
STATUSES: tuple[str, ...] = ("draft", "published", "archived")
COSTS: tuple[str, ...] = ("free", "fee", "reduced", "unknown")
WHEELCHAIR: tuple[str, ...] = ("yes", "no", "unknown")
# How precise a location's lat/lon are: the building, the postcode area, or the town centre.
COORDINATE_PRECISIONS: tuple[str, ...] = ("address", "postcode", "town")

# The fields of a location, as the seed files, the CSV form and the admin's form name them.
LOCATION_FIELDS: tuple[str, ...] = (
    "town",
    "place_id",
    "address",
    "postcode",
    "lat",
    "lon",
    "coordinates",
    "opening_hours",
    "opening_hours_source",
    "appointment_only",
    "wheelchair",
)

# Text fields hold one string per language (ISO 639-1); German is required for names.
LocalText = dict[str, str]


def localized(text: LocalText, lang: str) -> str:
    """Text in `lang`, else German, else English, else any language, else ''."""
    for code in (lang, *TEXT_FALLBACK_LANGUAGES):
        if text.get(code):
            return text[code]
    return next((value for value in text.values() if value), "")


@dataclass(frozen=True)
class Location:
    """A place where people can go in person."""

    town: str
    place_id: str
    lat: float
    lon: float
    address: str = ""
    postcode: str = ""
    opening_hours: str = ""
    appointment_only: bool | None = None
    wheelchair: str = "unknown"
    own_coordinates: bool = False  # False: the town's coordinates (from the gazetteer) stand in
    coordinates: str = "town"  # how precise lat/lon are: one of COORDINATE_PRECISIONS
    opening_hours_source: str = ""  # the page that states the opening hours

    @property
    def exact_coordinates(self) -> bool:
        """True only when lat/lon locate the address itself; distances to a postcode area or
        a town centre are approximate, and replies must say no more than that."""
        return self.coordinates == "address"


@dataclass(frozen=True)
class Contact:
    """How to reach an offer."""

    phone: str = ""
    email: str = ""
    website: str = ""
    booking_url: str = ""


@dataclass(frozen=True)
class Eligibility:
    """Who an offer is for."""

    audiences: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    note: LocalText = field(default_factory=dict)

    def admits_age(self, age: int | None) -> bool:
        """False only when the age is known and outside the offer's range."""
        if age is None:
            return True
        if self.min_age is not None and age < self.min_age:
            return False
        return not (self.max_age is not None and age > self.max_age)

    def admits_audience(self, audiences: frozenset[str]) -> bool:
        """False only when the offer is restricted by residence status (EU workers, refugees,
        …) and none of the user's status groups fits. An offer for families, women or young
        people says nothing about citizenship: "I came from Guinea with my daughter" still
        finds the Kita counselling."""
        restricted = set(self.audiences) & STATUS_AUDIENCES
        if not restricted or not audiences:
            return True
        return bool(restricted & audiences)


@dataclass(frozen=True)
class Offer:
    """One offer of the catalog (a course, a counselling service, a helpline …)."""

    id: str
    category: str
    name: LocalText
    provider: str
    source: str
    verified_on: str = ""
    description: LocalText = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    service_area: tuple[str, ...] = ()
    contact: Contact = field(default_factory=Contact)
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    eligibility: Eligibility = field(default_factory=Eligibility)
    cost: str = "unknown"
    cost_note: LocalText = field(default_factory=dict)
    status: str = "published"
    updated_at: str = ""
    synthetic: bool = False

    def name_in(self, lang: str) -> str:
        """The offer's name in `lang` with the German/English fallback."""
        return localized(self.name, lang)

    def description_in(self, lang: str) -> str:
        """The offer's description in `lang` with the German/English fallback."""
        return localized(self.description, lang)

    def to_dict(self) -> dict[str, Any]:
        """The offer as the plain mapping the seed files and the database hold."""
        return {
            "id": self.id,
            "category": self.category,
            "tags": list(self.tags),
            "name": dict(self.name),
            "description": dict(self.description),
            "provider": self.provider,
            "locations": [
                {
                    "address": loc.address,
                    "postcode": loc.postcode,
                    "town": loc.town,
                    "place_id": loc.place_id,
                    "lat": loc.lat if loc.own_coordinates else None,
                    "lon": loc.lon if loc.own_coordinates else None,
                    "coordinates": loc.coordinates,
                    "opening_hours": loc.opening_hours,
                    "opening_hours_source": loc.opening_hours_source,
                    "appointment_only": loc.appointment_only,
                    "wheelchair": loc.wheelchair,
                }
                for loc in self.locations
            ],
            "service_area": list(self.service_area),
            "contact": {
                "phone": self.contact.phone,
                "email": self.contact.email,
                "website": self.contact.website,
                "booking_url": self.contact.booking_url,
            },
            "channels": list(self.channels),
            "languages": list(self.languages),
            "eligibility": {
                "audiences": list(self.eligibility.audiences),
                "min_age": self.eligibility.min_age,
                "max_age": self.eligibility.max_age,
                "note": dict(self.eligibility.note),
            },
            "cost": self.cost,
            "cost_note": dict(self.cost_note),
            "status": self.status,
            "source": self.source,
            "verified_on": self.verified_on,
            **({"synthetic": True} if self.synthetic else {}),
        }
