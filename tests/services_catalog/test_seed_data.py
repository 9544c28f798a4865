"""The seed catalog: valid, honest in form, and broad enough to be useful."""

from __future__ import annotations

from collections import Counter

from services_catalog.gazetteer import Gazetteer
from services_catalog.importing import read_paths, seed_directory
from services_catalog.model import CATEGORIES
from services_catalog.validation import validate_offers


def seed_offers(gazetteer: Gazetteer) -> list:
    raws, problems = read_paths([seed_directory()])
    offers, more = validate_offers(raws, gazetteer)
    assert problems == [] and more == [], [str(p) for p in [*problems, *more]]
    return offers


def test_seed_catalog_is_valid_and_covers_every_category(gazetteer: Gazetteer) -> None:
    offers = seed_offers(gazetteer)
    published = [o for o in offers if o.status == "published"]
    assert len(published) >= 40
    assert set(Counter(o.category for o in published)) == set(CATEGORIES)


def test_every_seed_offer_has_source_german_and_english(gazetteer: Gazetteer) -> None:
    for offer in seed_offers(gazetteer):
        assert offer.source.startswith("http"), offer.id
        assert offer.name.get("de") and offer.name.get("en"), offer.id
        assert offer.description.get("de") and offer.description.get("en"), offer.id
        assert not offer.synthetic, offer.id


def test_seed_covers_the_main_towns_of_mittelsachsen(gazetteer: Gazetteer) -> None:
    towns = {loc.place_id for offer in seed_offers(gazetteer) for loc in offer.locations}
    assert {"freiberg", "doebeln", "mittweida", "rochlitz"} <= towns
    assert {"chemnitz", "dresden", "leipzig"} & towns


def test_every_published_seed_fact_names_its_source() -> None:
    """Read from the raw files, apart from validation: a published offer without `source`, or
    a location that states opening hours without `opening_hours_source`, fails here."""
    raws, problems = read_paths([seed_directory()])
    assert problems == []
    missing = []
    for raw in raws:
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
