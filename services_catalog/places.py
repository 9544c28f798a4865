"""A place of the gazetteer (municipality, city or area), what a text resolved to, and the
distance between two points."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

KINDS: tuple[str, ...] = ("municipality", "city", "town", "district", "state", "country")


@dataclass(frozen=True)
class Place:
    """A municipality, city or area of the gazetteer."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    postcodes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def has_point(self) -> bool:
        """True when the place has coordinates."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class PlaceMatch:
    """What a text resolved to: one place, or candidates to confirm, or nothing."""

    place: Place | None = None
    candidates: tuple[Place, ...] = ()
    score: float = 0.0
    matched: str = ""
    method: str = ""  # postcode | exact | inflection | fuzzy | sound | vietnamese sound

    @property
    def uncertain(self) -> bool:
        """True when the assistant should ask "did you mean …?"."""
        return self.place is None and bool(self.candidates)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def place_from_dict(raw: dict[str, Any]) -> Place:
    """A Place from its places.yaml mapping."""
    kind = str(raw["kind"])
    if kind not in KINDS:
        raise ValueError(f"place {raw.get('id')!r}: unknown kind {kind!r}")
    lat, lon = raw.get("lat"), raw.get("lon")
    return Place(
        id=str(raw["id"]),
        name=str(raw["name"]),
        kind=kind,
        parent=raw.get("parent"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        postcodes=tuple(str(code) for code in raw.get("postcodes") or ()),
        aliases=tuple(str(alias) for alias in raw.get("aliases") or ()),
    )
