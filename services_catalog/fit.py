"""How well an offer fits a general newcomer within its category (part of the ranking of
`services_catalog.search`): specialised offers, fees, the language asked for."""

from __future__ import annotations

from services_catalog.model import Offer
from services_catalog.text import fold

# Within a category, what fits a general newcomer comes first: specialised offers (for
# students, an exam, one group) rank as if this much farther away unless the message asks
# for them ("DSH", "university"); paid offers as if a little farther than free ones.
SPECIALISED_PENALTY_KM = 25.0
ASKED_FOR_BONUS_KM = 10.0  # a specialised offer the user asked for comes before general ones
FEE_PENALTY_KM = 3.0
# "a doctor who speaks Arabic": offers that do not speak the language asked for by name
# rank as if this much farther away: one that speaks it within a region's reach (Leipzig
# from Chemnitz, 68 km) comes first, and an online service in that language beats them.
NOT_SPEAKING_PENALTY_KM = 100.0
NARROW_AUDIENCES = frozenset({"students", "women", "men", "lgbtq", "seniors"})
ACCOMPANYING = frozenset({"children", "families"})  # who may come along to a narrow offer
STUDENTS = frozenset({"students"})  # whom a DSH or Studienkolleg question counts among
SPECIALISED_TAGS = frozenset(
    {
        "dsh",
        "testdaf",
        "studienkolleg",
        "studium",
        "hochschule",
        "hochschulzugang",
        "university",
        "universitaet",
        "pruefung",
        "sprachpruefung",
        "exam",
        "feststellungspruefung",
        "fsp",
        "studienvorbereitung",
        "menschenhandel",
        "trafficking",
        "zwangsprostitution",
        # return counselling: for those thinking of going back, not a newcomer's first stop
        "rueckkehrberatung",
        "rueckkehr",
        "return",
        "reintegration",
        # pregnancy counselling: a woman looking for a Kita is not looking for it
        "schwangerschaft",
        "pregnancy",
    }
)
PREGNANCY_TAGS = frozenset({"schwangerschaft", "pregnancy"})
# How users say "pregnant" / "pregnancy" (folded word beginnings, and word pairs), so that
# a pregnancy counselling comes first for them in every language.
_PREGNANCY_STEMS = (
    *("schwanger", "pregnan", "беремен", "вагітн", "hamile", "ciaz", "tehotn", "enceinte"),
    *("grossesse", "insarcinat", "gravid", "حامل", "حبلى", "باردار", "حامله", "امیندوار"),
    *("بلاربه", "ጥንሲ", "ነፍሰ", "tinsi"),
)
_PREGNANCY_PAIRS = (("mang", "thai"), ("co", "thai"), ("co", "bau"))


def _mentions_pregnancy(words: frozenset[str]) -> bool:
    return any(word.startswith(_PREGNANCY_STEMS) for word in words) or any(
        set(pair) <= words for pair in _PREGNANCY_PAIRS
    )


def topic_words(words: frozenset[str]) -> frozenset[str]:
    """The words of a message that ask for a specialised offer ("dsh", "rueckkehr"; a
    pregnancy in any language as "schwangerschaft"), to be remembered for the same need."""
    topics = words & SPECIALISED_TAGS
    return topics | {"schwangerschaft"} if _mentions_pregnancy(words) else topics


def _narrow(offer: Offer) -> frozenset[str]:
    """The narrow groups an offer is only for (a women's refuge that also takes the
    children is for women), or empty."""
    restricted = set(offer.eligibility.audiences) - {"everyone"}
    groups = restricted - ACCOMPANYING
    return frozenset(groups) if groups and groups <= NARROW_AUDIENCES else frozenset()


def _specialised_tags(offer: Offer) -> frozenset[str]:
    return frozenset(fold(" ".join(offer.tags)).split()) & SPECIALISED_TAGS


def specialised(offer: Offer) -> bool:
    """True for offers meant for a narrower need than a general newcomer's: for students,
    for an exam, for one group of people, for victims of trafficking."""
    return bool(_narrow(offer) or _specialised_tags(offer))


def _asked_for(offer: Offer, words: frozenset[str], groups: frozenset[str]) -> bool:
    """True when the user's own words and groups point at everything that makes this
    offer specialised (its group, and its topic)."""
    narrow, tags = _narrow(offer), _specialised_tags(offer)
    topic_ok = not tags or bool(tags & words)
    # one who asks for a DSH course or a Studienkolleg is a (would-be) student
    group_ok = not narrow or bool(narrow & groups) or (narrow <= STUDENTS and bool(tags & words))
    if tags and tags <= PREGNANCY_TAGS:
        topic_ok = _mentions_pregnancy(words)
    return group_ok and topic_ok


def fit_penalty_km(
    offer: Offer, words: frozenset[str], groups: frozenset[str], asked_language: str | None
) -> float:
    """Kilometres added to an offer's effective distance when it fits a general newcomer
    less well: specialised offers the user did not ask for (`words`: the user's folded
    words; `groups`: the groups they belong to), a fee, staff not speaking the language
    the user asked for (`asked_language`)."""
    penalty = 0.0
    if specialised(offer):
        if _asked_for(offer, words, groups):
            penalty -= ASKED_FOR_BONUS_KM
        elif _narrow(offer) and groups & NARROW_AUDIENCES:
            penalty += 2 * SPECIALISED_PENALTY_KM  # for another group than the user named
        else:
            penalty += SPECIALISED_PENALTY_KM
    if offer.cost == "fee":
        penalty += FEE_PENALTY_KM
    if asked_language and asked_language not in offer.languages:
        penalty += NOT_SPEAKING_PENALTY_KM
    return penalty
