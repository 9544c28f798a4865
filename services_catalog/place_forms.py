"""How people write place names: inflection endings in Latin script, Arabic proclitics
glued to a name, the well-known places elsewhere that a misspelt name of ours must not be
taken for, and the key names are compared by (Pashto letters and Tigrinya vowels folded)
(used by `services_catalog.gazetteer`)."""

from __future__ import annotations

import re
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


# Turkish case endings with "I am" glued to a name without the apostrophe
# ("Mittweidadayim", "Dobelndeyim"): longer than the endings above, so matched only when
# what is left is a town's name exactly.
TURKISH_ENDINGS = tuple(
    f"{case}{person}"
    for case in ("da", "de", "ta", "te", "dan", "den", "tan", "ten", "daki", "deki")
    for person in ("yim", "yım", "yiz", "yız", "yum", "yuz", "")
    if len(case + person) > 3
)


def turkish_stems(key: str) -> Iterator[str]:
    """`key` without each Turkish case ending it carries ("mittweidadayim" → "mittweida")."""
    for ending in TURKISH_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM:
            yield key[: -len(ending)]


def proclitic_stems(key: str) -> Iterator[str]:
    """`key` without each Arabic proclitic it starts with ("بفرايبرغ" → "فرايبرغ")."""
    for clitic in ARABIC_PROCLITICS:
        if key.startswith(clitic) and len(key) - len(clitic) >= MIN_STEM:
            yield key[len(clitic) :]


# Pashto letters that stand where Persian and Arabic write a plain letter in a foreign name:
# "ډوبلن" is "دوبلن" (Döbeln), "فرانکنبرګ" is "فرانکنبرگ". Folded for place names only: the
# language of a message is told by exactly these letters elsewhere.
_PASHTO_FOLD = str.maketrans({"ډ": "د", "ټ": "ت", "ړ": "ر", "ګ": "گ", "ې": "ی", "ۍ": "ی", "ښ": "ش"})
# Ukrainian writes the German g of a name as г or as ґ ("Пеніг", "Пеніґу", "Ляйсніґ").
_UKRAINIAN_FOLD = str.maketrans({"ґ": "г"})


# Ethiopic (Tigrinya) syllables stand for a consonant and a vowel; a foreign name's vowels
# are written in many ways ("ፍሎሃ", "ፍለሃ", "ፍሌሃ" are all Flöha), so names are compared by
# their consonants: each syllable folds to the first form of its row, and the letters that
# Tigrinya spells one sound with (h: ሀ ሐ ኀ ኸ, s: ሰ ሠ, ts: ጸ ፀ, glottal: አ ዐ) to one.
_ETHIOPIC_SAME_SOUND = {"ሐ": "ሀ", "ኀ": "ሀ", "ኸ": "ሀ", "ሠ": "ሰ", "ፀ": "ጸ", "ዐ": "አ"}
_ETHIOPIC_FOLD = str.maketrans(
    {
        chr(code): _ETHIOPIC_SAME_SOUND.get(
            chr(code - (code - 0x1200) % 8), chr(code - (code - 0x1200) % 8)
        )
        for code in range(0x1200, 0x1358)
    }
)


def name_key(text: str) -> str:
    """`services_catalog.text.fold`, with Pashto letter variants, Ukrainian ґ and Ethiopic
    vowels of names folded too: the form in which names and the words of a message are compared."""
    return fold(text).translate(_PASHTO_FOLD).translate(_UKRAINIAN_FOLD).translate(_ETHIOPIC_FOLD)


# How a word that says "I live" begins (folded), in the 14 languages: the town it
# points to is where to look, when the message names another town too ("my interview is in
# Chemnitz … i live in Hainichen"). Most languages put it before the town ("live in",
# "wohne in", "живу в", "ساكن في"); Turkish, Persian, Pashto and Tigrinya after it
# ("Hainichen'de yaşıyorum", "در فرایبرگ زندگی می‌کنم", "په فرایبرګ کې اوسېږم").
# fmt: off
_LIVING_BEFORE_WORDS = (
    "live", "living", "wohne", "wohnen", "wohnhaft", "habite", "habitons", "habitant",
    "живу", "живем", "живём", "живемо", "живет", "живе", "zhyv", "zhiv", "mieszk", "bydli",
    "bydlí", "locuies", "locuim", "traiesc", "trăiesc", "sống",
    "أسكن", "اسكن", "ساكن", "نسكن", "عايش", "عايشة", "نعيش", "اعيش", "ساکن",
)
_LIVING_AFTER_WORDS = (
    "yasiyor", "yaşıyor", "oturuyor", "زندگی", "اوسېږ", "اوسیږ", "اوسيږ", "እነብር", "ንነብር",
    "ይነብር", "nebir",
)
# fmt: on
LIVING_SPAN = 3  # words between the name and the word for "I live"
# where they lived before ("when I was staying in Flöha"): not where help is wanted now
_LIVED_WORDS = (
    *("lived", "wohnte", "habitais", "habitait", "stateam", "locuiam", "traiam"),
    *("жил", "жила", "жили", "мешкала", "мешкав", "mieszkalam", "mieszkalem", "bydlela"),
    *("bydlel", "yasiyordum", "kaliyordum", "کنت ساکن", "كنت ساكن", "زندگی میکردم"),
)
LIVED = tuple(sorted({name_key(word) for word in _LIVED_WORDS}))
# "now" just before a town, as a whole word: where the writer is now, beside a town of the
# past ("trước làm ở Karl-Marx-Stadt. Giờ chú ở Flöha": before in Karl-Marx-Stadt, now
# in Flöha)
_NOW_WORDS = (
    *("now", "jetzt", "nun", "gio", "hien", "сейчас", "теперь", "зараз", "тепер", "teraz"),
    *("ted", "teď", "acum", "maintenant", "şimdi", "simdi", "الآن", "الان", "هلق", "اکنون"),
    *("حالا", "اوس", "ሕጂ"),
)
NOW = frozenset(name_key(word) for word in _NOW_WORDS)
# "before, formerly" up to PAST_SPAN words before a town, as a whole word: a town of the
# past, which yields to another town named
_PAST_WORDS = (
    *("formerly", "previously", "früher", "frueher", "damals", "truoc", "trước", "раньше"),
    *("раніше", "wczesniej", "wcześniej", "drive", "dříve", "predtim", "předtím", "inainte"),
    *("înainte", "autrefois", "avant", "eskiden", "önceden", "onceden", "سابقا", "سابقاً"),
    *("قبلا", "قبلاً", "پخوا", "ቅድሚ"),
)
PAST = frozenset(name_key(word) for word in _PAST_WORDS)
PAST_SPAN = 8
LIVING_BEFORE = tuple(sorted({name_key(word) for word in _LIVING_BEFORE_WORDS}))
LIVING_AFTER = tuple(sorted({name_key(word) for word in _LIVING_AFTER_WORDS}))

# "near" before a town (or Turkish "yakın" after it), folded: a reference point, not the
# place meant, when the message names another ("Döbeln'e yakın bir köyde kalıyoruz,
# Großweitzschen'de": a village near Döbeln, Großweitzschen).
_NEAR_BEFORE_WORDS = (
    *("near", "nearby", "bei", "nahe", "pres", "около", "возле", "рядом", "недалеко", "біля"),
    *("поблизу", "obok", "kolo", "blisko", "nedaleko", "langa", "aproape", "gan", "gần", "قرب"),
    *("جنب", "نزدیک", "نزدیکی", "نږدې", "ጥቓ"),
)
NEAR_BEFORE = frozenset(name_key(word) for word in _NEAR_BEFORE_WORDS)
NEAR_AFTER = (name_key("yakın"), "yakin")


def around_name(words: list[str], start: int, size: int) -> tuple[bool, bool]:
    """Whether the name at `words[start : start + size]` (folded) is where the writer lives
    (a word for "I live" next to it), and whether it is only a point of reference ("near
    …")."""
    before, after = words[max(0, start - LIVING_SPAN) : start], words[start + size :]
    living = (
        any(word.startswith(LIVING_BEFORE) and not word.startswith(LIVED) for word in before)
        or any(word.startswith(LIVING_AFTER) for word in after[:LIVING_SPAN])
        or any(word in NOW for word in before)
    )
    reference = (
        (bool(before) and before[-1] in NEAR_BEFORE)
        or any(word.startswith(NEAR_AFTER) for word in after[:2])
        or any(word.startswith(LIVED) for word in before)
        or any(word in PAST for word in words[max(0, start - PAST_SPAN) : start])
    )
    return living, reference


_SLAVIC_LATIN = (("kh", "ch"), ("v", "w"), ("aj", "ai"), ("ej", "ei"))


def german_spelling(word: str) -> str:
    """A Latin word as German would spell the sounds a Russian or Ukrainian transliteration
    writes ("mittveide" → "mittweide", "hajnihene" → "hainichene"); "h" between vowels is
    German "ch" (Russian х)."""
    for slavic, german in _SLAVIC_LATIN:
        word = word.replace(slavic, german)
    # Saxon speech ends "-berg"/"-burg" in "ch" ("Freiberch", "Augustusburch")
    word = re.sub(r"(?<=b[eu]r)ch$", "g", word)
    return re.sub(r"(?<=[aeiou])h(?=[aeiou])", "ch", word)


_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+")


def latin_close_forms(key: str, max_ending: int, min_length: int) -> Iterator[str]:
    """Forms of one Latin word that only a close match may take for a town: a misspelt name
    without its inflection ending ("v Rossvaine": Russian in Latin letters, "in Roßwein"),
    and the same in German spelling ("v Mittveide", "v Hajnihene"); in Cyrillic the name
    misspelt and inflected ("в Ляйснігу"). Not in Arabic script: there any last letter
    looks like an ending ("اوكرانيا" is Ukraine, not Oederan)."""
    if not key.isascii() and not _CYRILLIC_WORD.fullmatch(key):
        return
    german = german_spelling(key) if key.isascii() else key
    for form in (key, german) if german != key else (key,):
        if form != key:
            yield form
        for cut in range(1, max_ending + 1):
            stem = form[:-cut]
            if len(stem) >= min_length and inflection_ending(form[-cut:]):
                yield stem
