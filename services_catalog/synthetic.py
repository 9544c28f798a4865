"""Synthetic offers for benchmarks and load tests: generated, marked synthetic, never seeded."""

from __future__ import annotations

import random

from services_catalog.gazetteer import Gazetteer
from services_catalog.languages import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES
from services_catalog.model import CATEGORIES, Contact, Eligibility, Location, Offer

# Languages an offer may have text in besides the fallback language.
EXTRA_LANGUAGES = tuple(code for code in SUPPORTED_LANGUAGES if code != FALLBACK_LANGUAGE)
SYNTHETIC_SOURCE = "https://example.invalid/synthetic"  # made up, like everything here
HOURS_POOL = ("", "Mo-Fr 09:00-16:00; PH off", "Mo,We 08:00-12:00; Th 13:00-18:00; PH off", "24/7")


def synthetic_offers(count: int, gazetteer: Gazetteer, seed: int = 7) -> list[Offer]:
    """`count` made-up offers spread over Saxony, around the gazetteer's towns."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    towns = [p for p in gazetteer if p.has_point and p.kind in ("municipality", "city")]
    offers = []
    for number in range(count):
        town = rng.choice(towns)
        assert town.lat is not None and town.lon is not None
        remote = rng.random() < 0.05
        opening_hours = rng.choice(HOURS_POOL)
        location = Location(
            town=town.name,
            place_id=town.id,
            lat=town.lat + rng.uniform(-0.03, 0.03),
            lon=town.lon + rng.uniform(-0.05, 0.05),
            opening_hours=opening_hours,
            own_coordinates=True,
            coordinates="address",
            opening_hours_source=SYNTHETIC_SOURCE if opening_hours else "",
        )
        languages = (FALLBACK_LANGUAGE, *rng.sample(EXTRA_LANGUAGES, rng.randint(0, 2)))
        offers.append(
            Offer(
                id=f"synthetic-{number:06d}",
                category=rng.choice(CATEGORIES),
                name={"de": f"Synthetisches Angebot {number}", "en": f"Synthetic offer {number}"},
                provider=f"Synthetic provider {number % 997}",
                source="synthetic",
                locations=() if remote else (location,),
                service_area=(rng.choice(("mittelsachsen", "sachsen", town.id)),) if remote else (),
                contact=Contact(),
                channels=("phone",) if remote else ("in_person",),
                languages=languages,
                eligibility=Eligibility(
                    min_age=rng.choice((None, None, None, 12)), max_age=rng.choice((None, None, 26))
                ),
                synthetic=True,
            )
        )
    return offers
