"""Where a message asks for help: a button, a shared location or a town in the text, else
the place already known; and whether a message after offers names another town."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from actions.base import Turn, WegweiserAction
from actions.office_words import office_need
from services_catalog.places import Place
from services_catalog.text import fold

# "und in Döbeln? da gehe ich zur schule": a short opening question, then more.
_OPENING_QUESTION = re.compile(r"\s*([^?？؟]+[?？؟])\s*\S")
OPENING_QUESTION_WORDS = 6
# A need the classifier is this sure of is stated, even in a short question about a town.
STATED_NEED = 0.85
# A word this long in the opening question may name a need ("doctor"); "and in", "а в",
# "et à" do not.
NEED_WORD_LETTERS = 5


def _point(lat: object, lon: object) -> tuple[float, float] | None:
    """Valid coordinates from a shared location, else None."""
    try:
        point = (float(lat), float(lon))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return point if -90 <= point[0] <= 90 and -180 <= point[1] <= 180 else None


@dataclass(frozen=True)
class Where:
    """Where to search: a place and/or a point, or candidates to confirm."""

    place: Place | None = None
    lat: float | None = None
    lon: float | None = None
    candidates: tuple[Place, ...] = ()

    @property
    def known(self) -> bool:
        return self.place is not None or self.lat is not None


class PlaceMixin(WegweiserAction):
    """Locating a message, for every action that searches or answers about offers."""

    def locate(self, turn: Turn) -> Where:
        """The place of this message (button, shared location, text), else the stored one."""
        gazetteer = self.catalog.gazetteer
        place_id = turn.entity("place_id")
        if place_id and gazetteer.get(str(place_id)):
            place = gazetteer.get(str(place_id))
            turn.set(place_id=str(place_id), lat=None, lon=None, place_candidates=None)
            return Where(place=place)
        point = _point(turn.entity("lat"), turn.entity("lon"))
        if point is not None:
            lat, lon = point
            near = gazetteer.nearest(lat, lon)
            turn.set(lat=lat, lon=lon, place_id=near.id if near else None, place_candidates=None)
            return Where(place=near, lat=lat, lon=lon)
        if turn.text and not turn.text.startswith("/"):
            match = gazetteer.resolve(turn.text)
            if match.place is not None and match.place.kind == "country":
                match = replace(match, place=None)  # "in Germany": ask for the town
            if match.place is not None:
                turn.set(place_id=match.place.id, lat=None, lon=None, place_candidates=None)
                return Where(place=match.place)
            others = [p for p in match.candidates if p.id != turn.slot("place_id")]
            if (
                match.uncertain
                and turn.slot("shown_offers")
                and len(others) == 1 < len(match.candidates)
            ):
                # after offers near Frankenberg: "what about Hainichen? the bus to
                # Frankenberg is too long" — of two towns named, the one not yet searched
                place = others[0]
                turn.set(place_id=place.id, lat=None, lon=None, place_candidates=None)
                return Where(place=place)
            if match.uncertain:
                return Where(candidates=match.candidates)
            if turn.intent == "inform_place":
                return Where()  # a place we do not know: say so rather than reuse the old one
        stored = turn.slot("place_id")
        return Where(
            place=gazetteer.get(stored) if stored else None,
            lat=turn.slot("lat"),
            lon=turn.slot("lon"),
        )

    def named_town(self, turn: Turn) -> Place | None:
        """The town or city the message names (not an area such as Saxony), if any."""
        if not turn.text or turn.text.startswith("/"):
            return None
        place = self.catalog.gazetteer.resolve(turn.text).place
        return place if place is not None and place.kind in ("municipality", "city") else None

    def names_other_town(self, turn: Turn) -> bool:
        """True when the message names a town or city other than the one searched."""
        town = self.named_town(turn)
        return town is not None and town.id != turn.slot("place_id")

    def asks_same_elsewhere(self, turn: Turn) -> bool:
        """True when offers were shown and the message opens with a short question naming
        another town, then says more ("und in Döbeln? da gehe ich zur schule", "А в Hainichen
        є вільні місця? Чоловік там знайшов Arbeit"): the same help there; the reason after
        it ("my husband found work there") is no new need."""
        if not turn.slot("shown_offers") or not turn.text or turn.text.startswith("/"):
            return False
        opening = _OPENING_QUESTION.match(turn.text)
        if opening is None or len(opening.group(1).split()) > OPENING_QUESTION_WORDS:
            return False
        asked = self.catalog.gazetteer.without_places(opening.group(1))
        if any(len(word) >= NEED_WORD_LETTERS for word in fold(asked).split()) and (
            turn.ranked_need(STATED_NEED) not in (None, turn.slot("category"))
        ):
            # "a doctor in Chemnitz? my son is ill": a new need, stated in the question; but
            # "and in Chemnitz? i go there for my course" asks only where, whatever the
            # reason after it makes the classifier think
            return False
        town = self.catalog.gazetteer.resolve(opening.group(1)).place
        return (
            town is not None
            and town.kind in ("municipality", "city")
            and town.id != turn.slot("place_id")
            and office_need(opening.group(1)) in (None, turn.slot("category"))
        )
