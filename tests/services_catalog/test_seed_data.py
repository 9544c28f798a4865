"""The seed catalog: valid, honest in form, and broad enough to be useful."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import read_paths, seed_directory
from services_catalog.model import CATEGORIES, Offer
from services_catalog.validation import validate_offers


@pytest.fixture(scope="module")
def seed_raws() -> list[Any]:
    """The seed files as read (once for the module: parsing them takes ~0.5 s)."""
    raws, problems = read_paths([seed_directory()])
    assert problems == [], [str(p) for p in problems]
    return raws


@pytest.fixture(scope="module")
def seed_offers(seed_raws: list[Any], gazetteer: Gazetteer) -> list[Offer]:
    offers, problems = validate_offers(seed_raws, gazetteer)
    assert problems == [], [str(p) for p in problems]
    return offers


def test_seed_catalog_is_valid_and_covers_every_category(seed_offers: list[Offer]) -> None:
    published = [o for o in seed_offers if o.status == "published"]
    assert len(published) >= 40
    assert set(Counter(o.category for o in published)) == set(CATEGORIES)


def test_every_seed_offer_has_source_german_and_english(seed_offers: list[Offer]) -> None:
    for offer in seed_offers:
        assert offer.source.startswith("http"), offer.id
        assert offer.name.get("de") and offer.name.get("en"), offer.id
        assert offer.description.get("de") and offer.description.get("en"), offer.id
        assert not offer.synthetic, offer.id


def test_seed_covers_the_main_towns_of_mittelsachsen(seed_offers: list[Offer]) -> None:
    towns = {loc.place_id for offer in seed_offers for loc in offer.locations}
    assert {"freiberg", "doebeln", "mittweida", "rochlitz"} <= towns
    assert {"chemnitz", "dresden", "leipzig"} & towns


def test_every_published_seed_fact_names_its_source(seed_raws: list[Any]) -> None:
    """Read from the raw files, apart from validation: a published offer without `source`, or
    a location that states opening hours without `opening_hours_source`, fails here."""
    missing = []
    for raw in seed_raws:
        if raw.get("status", "published") != "published":
            continue
        if not str(raw.get("source") or "").startswith(("http://", "https://")):
            missing.append(f"{raw.get('id')}: source")
        for index, loc in enumerate(raw.get("locations") or []):
            if loc.get("opening_hours") and not str(
                loc.get("opening_hours_source") or ""
            ).startswith(("http://", "https://")):
                missing.append(f"{raw.get('id')}: locations[{index}].opening_hours_source")
    assert missing == []
