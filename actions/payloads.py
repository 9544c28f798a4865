"""Offer cards: offers as the data that travels with a reply (the chat API's `offers` items)."""

from __future__ import annotations

from services_catalog.formatting import format_phone
from services_catalog.model import Location, Offer
from services_catalog.offer_card import OfferCard
from services_catalog.search import Result


def offer_payload(
    offer: Offer, lang: str, location: Location | None = None, result: Result | None = None
) -> OfferCard:
    """The offer card of an offer (at this location, with this search result)."""
    location = location or (offer.locations[0] if offer.locations else None)
    return OfferCard(
        id=offer.id,
        category=offer.category,
        name=offer.name_in(lang),
        provider=offer.provider,
        town=location.town if location else None,
        distance_km=round(result.distance_km, 1)
        if result and result.distance_km is not None
        else None,
        phone=format_phone(offer.contact.phone) if offer.contact.phone else "",
        website=offer.contact.website,
        languages=list(offer.languages),
        open_now=result.open_now if result else None,
        verified_on=offer.verified_on,
        address=location.address if location else "",
        postcode=location.postcode if location else "",
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        opening_hours=location.opening_hours if location else "",
        appointment_only=location.appointment_only if location else None,
        cost=offer.cost,
        min_age=offer.eligibility.min_age,
        max_age=offer.eligibility.max_age,
        audiences=[a for a in offer.eligibility.audiences if a != "everyone"],
        approximate=bool(location and not location.exact_coordinates),
        covers_area=bool(result and "covers_area" in result.reasons),
        reasons=list(result.reasons) if result else [],
    )
