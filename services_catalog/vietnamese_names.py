"""German place names as Vietnamese writers spell them, syllable by syllable, compared by
sound.

Vietnamese is written in syllables that end in a vowel or one of a few consonants, so a
foreign name is spelt as the syllables it sounds like, joined by hyphens: "Mít-vai-đa"
(Mittweida), "Frai-béc" (Freiberg), "Đô-ben" (Döbeln), "Khem-nít" (Chemnitz), "Lai-xích"
(Leipzig). Such a word is turned into a rough sound spelling ("mitvaida", "fraibek"), as is
every town's German name ("mitvaida", "fraiberk"), and the two are compared (Damerau-
Levenshtein similarity): consonant clusters that Vietnamese syllables cannot hold ("rg",
"ln") cost a letter or two, not the match. Used by the gazetteer only for hyphenated words
of two to five short syllables, when no name, alias or typo matched; a match must be close
and clearly ahead of the next town.
"""

from __future__ import annotations

import re
import unicodedata

from services_catalog.sound_skeleton import clearly_closest

# a word of two to five syllables of at most five letters each, joined by hyphens
SYLLABIFIED = re.compile(r"(?<![\w-])[^\W\d_]{1,5}(?:-[^\W\d_]{1,5}){1,4}(?![\w-])")
MIN_SOUND = 5  # letters of the sound spelling, at least
MIN_SIMILARITY = 0.8
MIN_MARGIN = 0.1

# Vietnamese letters and letter groups → the sound spelling, per syllable: initials, then
# finals (c and ch end a syllable as k; nh as n)
_INITIALS = (("ngh", "ng"), ("ph", "f"), ("kh", "k"), ("th", "t"), ("gh", "g"), ("qu", "kv"))
_FINALS = (("ch", "k"), ("nh", "n"), ("c", "k"))
_VOWEL_GROUPS = (("ao", "au"), ("ay", "ai"), ("y", "i"))


def _plain(text: str) -> str:
    """Lower case without tone marks; ơ (a schwa, written for German "-er" and "e") is e,
    ư is u, đ is d."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = text.replace("o\u031b", "e").replace("u\u031b", "u")
    return "".join(c for c in text if not unicodedata.combining(c))


def vietnamese_sound(word: str) -> str:
    """The sound spelling of a hyphenated Vietnamese spelling of a name."""
    out = []
    for syllable in _plain(word).split("-"):
        for written, sound in _INITIALS:
            if syllable.startswith(written):
                syllable = sound + syllable[len(written) :]
                break
        for written, sound in _FINALS:
            if syllable.endswith(written) and len(syllable) > len(written):
                syllable = syllable[: -len(written)] + sound
                break
        syllable = syllable.replace("x", "s").replace("c", "k").replace("w", "v")
        for written, sound in _VOWEL_GROUPS:
            syllable = syllable.replace(written, sound)
        out.append(syllable)
    return re.sub(r"(.)\1+", r"\1", "".join(out))


def german_sound(name: str) -> str:
    """The sound spelling of a German place name, in the same letters."""
    text = name.lower().replace("ß", "s").replace("ä", "e").replace("ö", "o").replace("ü", "u")
    text = re.sub(r"[^a-z]", "", text)
    for written, sound in (
        ("sch", "s"), ("ch", "k"), ("ck", "k"), ("tz", "t"), ("dt", "t"), ("th", "t"),
        ("ph", "f"), ("qu", "kv"), ("ei", "ai"), ("ie", "i"), ("eu", "oi"), ("y", "i"),
    ):  # fmt: skip
        text = text.replace(written, sound)
    text = text.replace("z", "s").replace("c", "k").replace("w", "v")
    text = re.sub(r"(?<=[aeiou])h(?![aeiou])", "", text)  # a lengthening h ("Lohmen")
    text = re.sub(r"g$", "k", re.sub(r"d$", "t", text))  # final g and d sound k and t
    return re.sub(r"(.)\1+", r"\1", text)


def best_by_vietnamese_sound(word: str, sounds: dict[str, str]) -> str | None:
    """The one key of `sounds` (id → `german_sound` of its name) whose name the hyphenated
    `word` spells, when the match is long, close and clear; else None."""
    sound = vietnamese_sound(word)
    if len(sound) < MIN_SOUND:
        return None
    return clearly_closest(sound, sounds, MIN_SIMILARITY, MIN_MARGIN)
