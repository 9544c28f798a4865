"""German place names as Arabic, Persian, Pashto and Tigrinya writers spell them, compared
by sound.

A name written in Arabic letters keeps the consonants of the German name and drops most
vowels: "گرینگسوالده", "غيرينغسفالده" and "ګیرینګسوالډې" are all Geringswalde. Both the
written word and the German name are reduced to a skeleton of consonant classes (p and b,
d and t, s and z, sch and ch, w/v and f are one class each, since Arabic script or German
pronunciation does not keep them apart), and the skeletons are compared. Used by the
gazetteer for names that have no alias in Arabic script, and only for skeletons of five
consonants or more (shorter ones, like "متفاوت" for Mittweida, are too often ordinary
words). Measured on the project's own data: all 41 Arabic-script town aliases that long map
to their own town (none of the 42 shorter ones to another), and of the words in the Arabic,
Persian and Pashto training examples, only town names map to a town (34 forms). Ge'ez
script the same way: 17 of the 21 town aliases that long map to their own town (the other
four to none), and only town names among the Tigrinya training words (12 forms).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

# Arabic-script letters (as `name_key` folds them) → consonant class; vowels and ع are left
# out, و and a final ه are vowels unless a vowel follows (see `arabic_skeleton`).
_ARABIC_CLASSES = {
    **dict.fromkeys("بپ", "b"),
    **dict.fromkeys("تطدضذ", "t"),
    **dict.fromkeys("سصثز", "s"),
    **dict.fromkeys("شچخ", "S"),
    **dict.fromkeys("گغجقګ", "g"),
    **dict.fromkeys("کك", "k"),
    **dict.fromkeys("هح", "h"),
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ر": "r",
    "ف": "f",
}
_ARABIC_VOWELS = frozenset("اآأإىيیئءعۀ")
_GERMAN_CLASSES = {"p": "b", "d": "t", "w": "f", "v": "f", "j": "g"}
_DOUBLED = re.compile(r"(.)\1+")

# A skeleton this long at least, this similar to one town's, and this far ahead of the next.
MIN_CONSONANTS = 5
MIN_SIMILARITY = 0.85
MIN_MARGIN = 0.15


def arabic_skeleton(word: str) -> str:
    """The consonant classes of a word in Arabic script, or "" when it has other letters."""
    out = []
    for index, letter in enumerate(word):
        after = word[index + 1] if index + 1 < len(word) else ""
        if letter in _ARABIC_VOWELS:
            continue
        if letter == "و":  # a consonant (w) at the start or before a vowel, else o/u
            if index == 0 or (after and after in "اآیيى"):
                out.append("f")
            continue
        if letter == "ه" and not after:
            continue  # the final e of "…والده"
        sound = _ARABIC_CLASSES.get(letter)
        if sound is None:
            return ""
        out.append(sound)
    skeleton = "".join(out)
    if word.startswith("خ"):  # "خیمنیتس": Chemnitz's initial ch is a k
        skeleton = "k" + skeleton[1:]
    return _DOUBLED.sub(r"\1", skeleton)


# Ge'ez (Tigrinya) syllables, folded to the first form of their row by `name_key`, →
# consonant class; አ (and ዐ, folded to it) and የ carry vowels.
_ETHIOPIC_CLASSES = {
    **dict.fromkeys("ሀሐኀኸ", "h"),
    **dict.fromkeys("ሰሠዘ", "s"),
    **dict.fromkeys("ጸፀ", "ts"),  # German z ("ሉንጸናው", Lunzenau)
    **dict.fromkeys("ሸቸዠጨ", "S"),
    **dict.fromkeys("ቀቐከ", "k"),
    **dict.fromkeys("በጰፐ", "b"),
    **dict.fromkeys("ቨፈወ", "f"),
    **dict.fromkeys("ተደጠ", "t"),
    **dict.fromkeys("ነኘ", "n"),
    **dict.fromkeys("ገጀ", "g"),
    "ለ": "l",
    "መ": "m",
    "ረ": "r",
}
_ETHIOPIC_VOWELS = frozenset("አዐየ")


def ethiopic_skeleton(word: str) -> str:
    """The consonant classes of a folded word in Ge'ez script ("ኣውጉስቱስቡርግ", Augustusburg:
    the ው after a first ኣ is the vowel of "au", as a final ው is), or "" when it has other
    letters."""
    out = []
    for index, letter in enumerate(word):
        if letter in _ETHIOPIC_VOWELS or (letter == "ወ" and index == 1 and word[0] == "አ"):
            continue
        if letter == "ወ" and index == len(word) - 1 and index > 1:
            continue  # the u of a final "au" ("ሉንጸናው")
        sound = _ETHIOPIC_CLASSES.get(letter)
        if sound is None:
            return ""
        out.append(sound)
    return _DOUBLED.sub(r"\1", "".join(out))


def skeleton(word: str) -> str:
    """The consonant classes of a folded word in Arabic or Ge'ez script, else ""."""
    if word and "\u1200" <= word[0] <= "\u137f":
        return ethiopic_skeleton(word)
    return arabic_skeleton(word)


def german_skeleton(name: str) -> str:
    """The consonant classes of a German place name, as it sounds."""
    text = name.lower().replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u")
    text = re.sub(r"[^a-z]", "", text)
    text = re.sub(r"^ch", "k", text)
    text = text.replace("sch", "S").replace("ch", "S").replace("ck", "k").replace("tz", "z")
    text = text.replace("z", "ts")  # German z sounds ts
    text = text.replace("ph", "f").replace("qu", "kf").replace("c", "k")
    # "st", "sp" at the start or after a consonant sound "scht", "schp" (Kriebstein, Burgstädt)
    text = re.sub(r"(^|[^aeiouy])s([tp])", r"\1S\2", text)
    out = []
    for index, letter in enumerate(text):
        if letter in "aeiouy":
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if letter == "h" and before in "aeiouy" and before and after not in "aeiouy":
            continue  # a lengthening h ("Waldheim" keeps its h, "Lohmen" does not)
        out.append(_GERMAN_CLASSES.get(letter, letter))
    return _DOUBLED.sub(r"\1", "".join(out))


def best_by_sound(word: str, skeletons: dict[str, str]) -> str | None:
    """The one key of `skeletons` (id → German skeleton) whose name `word` (Arabic or Ge'ez
    script, folded) spells, when the match is long, close and clear; else None."""
    consonants = skeleton(word)
    if len(consonants) < MIN_CONSONANTS:
        return None
    return clearly_closest(consonants, skeletons, MIN_SIMILARITY, MIN_MARGIN)


def clearly_closest(sound: str, sounds: dict[str, str], least: float, margin: float) -> str | None:
    """The one key of `sounds` whose value (with the same first letter) is at least `least`
    similar to `sound` (Damerau-Levenshtein) and `margin` ahead of the next; else None."""
    scored = sorted(
        (
            (DamerauLevenshtein.normalized_similarity(sound, other), key)
            for key, other in sounds.items()
            if other and other[0] == sound[0]
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < least:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < margin:
        return None
    return scored[0][1]
