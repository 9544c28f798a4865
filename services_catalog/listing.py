"""The admin's list of every offer, as plain tuples of strings.

The offer list and the overview read every offer on every page. Validating thousands of
stored documents into `Offer` objects each time took a third of a second of Python, and
keeping those objects (or building thousands of dicts per page) gave the garbage collector
hundreds of thousands of containers to walk, with the GIL held, while the gateway's event
loop waited. A row here is a plain tuple of strings and tuples of strings, which the
collector stops tracking; the store keeps them per catalog change (`CatalogStore.listing`).
"""

from __future__ import annotations

from typing import Any

from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.model import Offer

# The fields of a row, in order.
FIELDS = (
    "id",
    "names",  # ((lang, name), …)
    "provider",
    "category",
    "status",
    "towns",
    "verified_on",
    "tags",
    "described",  # languages with both a name and a description
)
ID, NAMES, PROVIDER, CATEGORY, STATUS, TOWNS, VERIFIED_ON, TAGS, DESCRIBED = range(len(FIELDS))

Row = tuple[Any, ...]


def row(offer: Offer) -> Row:
    """The listed fields of one offer."""
    return (
        offer.id,
        tuple(sorted(offer.name.items())),
        offer.provider,
        offer.category,
        offer.status,
        tuple(location.town for location in offer.locations),
        offer.verified_on,
        tuple(offer.tags),
        tuple(
            lang
            for lang in SUPPORTED_LANGUAGES
            if offer.name.get(lang) and offer.description.get(lang)
        ),
    )
