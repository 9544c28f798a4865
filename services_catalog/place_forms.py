"""How people write place names around the name itself: inflection endings in Latin
script, Arabic proclitics glued to a name, and the well-known places elsewhere that a
misspelt name of ours must not be taken for (used by `services_catalog.gazetteer`)."""

from __future__ import annotations

from collections.abc import Iterator

from services_catalog.text import fold

# "and" (و) may stand before another proclitic: "وبفلوها" (and in Flöha).
ARABIC_PROCLITICS = ("وبال", "وال", "بال", "لل", "وب", "ول", "ال", "و", "ب", "ل", "ف")
MIN_STEM = 4

# Well-known places outside the catalog's area that are one letter away from one of ours.
ELSEWHERE: frozenset[str] = frozenset(
    fold(name)
    for name in (
        "Freiburg",
        "Frankfurt",
        "Frankenthal",
        "Hamburg",
        "Homburg",
        "Halle",
        "Berlin",
        "Bremen",
        "Dessau",
        "Leisnitz",
        "Mittenwald",
        "Rochlitz an der Iser",
    )
)


# Endings that inflection adds to a place name in Latin script (Polish, Czech, Turkish,
# German): "we Freibergu", "w Mittweidzie", "Döbeln'de", "Freiberger". Other letters after
# a name ("erlaubt" ← Erlau) are another word, not an inflected place.
LATIN_ENDINGS = frozenset(
    {*"eauyi", "ie", "em", "om", "ach", "ow", "de", "da", "te", "ta", "den", "dan", "ten"}
    | {"tan", "er", "s", "es", "en", "n", "in", "im", "a", "ze", "zie", "u", "iu", "ii"}
)


def inflection_ending(ending: str) -> bool:
    """True when `ending` is something inflection adds: any ending in Cyrillic or Arabic
    script, the usual endings in Latin script."""
    if not ending.isascii():
        return True
    return ending in LATIN_ENDINGS


def proclitic_stems(key: str) -> Iterator[str]:
    """`key` without each Arabic proclitic it starts with ("بفرايبرغ" → "فرايبرغ")."""
    for clitic in ARABIC_PROCLITICS:
        if key.startswith(clitic) and len(key) - len(clitic) >= MIN_STEM:
            yield key[len(clitic) :]
