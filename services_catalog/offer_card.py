"""The offer card: one offer as it travels with a reply, from the action server to the replies.

The action server builds it (`actions/payloads.py`), the gateway renders it
(`bot/offer_replies.py`); a field renamed on one side fails type checking on the other.
"""

from __future__ import annotations

from typing import TypedDict


class OfferCard(TypedDict):
    """DESIGN.md's offer fields plus what the cards show, in the user's language."""

    id: str
    category: str
    name: str
    provider: str
    town: str | None
    distance_km: float | None
    phone: str
    website: str
    languages: list[str]
    open_now: bool | None
    verified_on: str
    address: str
    postcode: str
    lat: float | None
    lon: float | None
    opening_hours: str
    appointment_only: bool | None
    cost: str
    # whom the offer is for: cards say it, so nobody has to be asked first
    min_age: int | None
    max_age: int | None
    audiences: list[str]
    # True when only the town is known: the distance is then between town centres
    approximate: bool
    covers_area: bool
    reasons: list[str]
