"""German place names as Russian and Ukrainian speakers write them in Cyrillic.

People write the towns they live in the way they hear them: "Крибштайн", "Герінгсвальде",
"Дьобельн". The gazetteer carries hand-made aliases for the larger towns; for every other
municipality these rules make the usual transcription (German spelling → Cyrillic, after
the common Russian/Ukrainian conventions: ei → ай, sch → ш, initial st/sp → шт/шп, z → ц,
ö → ё/ьо, h after a vowel silent, s before a vowel з), so that the typo-tolerant and
inflection-aware matching of the gazetteer has a form to match against.
"""

from __future__ import annotations

import re

# Longest German letter groups first; each maps to (Russian, Ukrainian).
_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("tsch", "ч", "ч"),
    ("sch", "ш", "ш"),
    ("chs", "кс", "кс"),
    ("ch", "х", "х"),
    ("ei", "ай", "ай"),
    ("ey", "ай", "ай"),
    ("ai", "ай", "ай"),
    ("ie", "и", "і"),
    ("eu", "ой", "ой"),
    ("äu", "ой", "ой"),
    ("au", "ау", "ау"),
    ("ck", "к", "к"),
    ("tz", "ц", "ц"),
    ("ph", "ф", "ф"),
    ("qu", "кв", "кв"),
    ("th", "т", "т"),
    ("ß", "сс", "сс"),
    ("ss", "сс", "сс"),
    ("ee", "е", "е"),
    ("a", "а", "а"),
    ("ä", "е", "е"),
    ("b", "б", "б"),
    ("c", "к", "к"),
    ("d", "д", "д"),
    ("e", "е", "е"),
    ("f", "ф", "ф"),
    ("g", "г", "г"),
    ("i", "и", "і"),
    ("j", "й", "й"),
    ("k", "к", "к"),
    ("l", "ль", "ль"),
    ("m", "м", "м"),
    ("n", "н", "н"),
    ("o", "о", "о"),
    ("ö", "ё", "ьо"),
    ("p", "п", "п"),
    ("r", "р", "р"),
    ("s", "с", "с"),
    ("t", "т", "т"),
    ("u", "у", "у"),
    ("ü", "ю", "ю"),
    ("v", "ф", "ф"),
    ("w", "в", "в"),
    ("x", "кс", "кс"),
    ("y", "и", "і"),
    ("z", "ц", "ц"),
)
_VOWELS = set("aeiouäöüy")
_DOUBLE = re.compile(r"(.)\1")


def cyrillic_forms(name: str) -> set[str]:
    """The usual Russian and Ukrainian transcriptions of a German place name: with and
    without "шт" for an "st" inside a compound (Kriebstein → Крибштайн, Крибстайн), and
    "ei" as "ай" or, the older way, "ей" (Leisnig → Лайсниг, Лейсниг)."""
    words = name.split("/")[0].replace("-", " ").split()
    forms = {
        " ".join(_word(word.lower(), flavour, inner_st) for word in words)
        for flavour in (0, 1)
        for inner_st in (False, True)
    }
    if "ei" in name.lower():
        forms |= {form.replace("ай", "ей") for form in forms}
    forms |= {_DOUBLE.sub(r"\1", form) for form in forms}  # Миттвайда, Митвайда
    return forms


def _word(word: str, flavour: int, inner_st: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        rest = word[i:]
        previous = word[i - 1] if i else ""
        following = word[i + 1] if i + 1 < len(word) else ""
        compound = inner_st and previous and previous not in _VOWELS
        if (i == 0 or compound) and rest[:2] in ("st", "sp"):
            out.append("шт" if rest[1] == "t" else "шп")
            i += 2
            continue
        if rest[0] == "h":
            if previous not in _VOWELS:
                out.append("х" if flavour == 0 else "г")
            i += 1  # silent after a vowel ("Flöha")
            continue
        if rest[0] == "s" and following in _VOWELS and (i == 0 or previous in _VOWELS):
            out.append("з")
            i += 1
            continue
        if i == 0 and rest[0] == "e" and flavour == 0:
            out.append("э")
            i += 1
            continue
        for german, ru, uk in _GROUPS:
            if rest.startswith(german):
                letters = ru if flavour == 0 else uk
                if german == "l" and (following in _VOWELS):
                    letters = "л"  # soft sign only before a consonant or at the end
                out.append(letters)
                i += len(german)
                break
        else:
            out.append(rest[0])
            i += 1
    return "".join(out)


# Cyrillic → Latin as Russian and Ukrainian speakers type on a Latin keyboard ("my v
# Mitvajde", "zhyvemo u Debelni"): the Polish/Czech-like habit with j and c (х as h or ch),
# and the English-like one with y, kh and ts. "г" is g in Russian, h in Ukrainian; both are made.
_LATIN_J = {
    **dict(zip("абвгдезийклмнопрстуфыэі", "abvgdezijklmnoprstufyei", strict=True)),
    **{"ж": "zh", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "ju", "я": "ja"},
    **{"ё": "jo", "є": "je", "ї": "ji", "ґ": "g", "ь": "", "ъ": "", "'": "", "’": ""},
}
_LATIN_Y = {
    **_LATIN_J,
    **{"й": "y", "х": "kh", "ц": "ts", "ю": "yu", "я": "ya", "ё": "e", "є": "ye", "ї": "yi"},
}

_LATIN_CH = {**_LATIN_J, "х": "ch"}  # "v Rochlice"
_LATIN_I = {**_LATIN_Y, "й": "i"}  # "v Mittvaidi", as Ukrainian passports write й after a vowel


def latin_forms(cyrillic: str, min_length: int | None = None) -> set[str]:
    """A Cyrillic place name as it is typed in Latin letters (Миттвайда → mittvajda,
    mittvayda; Гайніхен → gajnihen, hajnihen, haynikhen); forms shorter than min_length
    (default LATIN_MIN_LENGTH) are left out."""
    lowered = cyrillic.lower()
    if not any("\u0400" <= ch <= "\u04ff" for ch in lowered):
        return set()
    forms = set()
    for table in (_LATIN_J, _LATIN_Y, _LATIN_CH, _LATIN_I):
        for g in ("g", "h"):
            forms.add("".join(g if ch == "г" else table.get(ch, ch) for ch in lowered))
    # shorter forms are too often words of their own (Флёа → "flea", Харта → Romanian
    # "harta"); short names are typed as in German anyway
    shortest = LATIN_MIN_LENGTH if min_length is None else min_length
    return {form for form in forms if len(form.replace(" ", "")) >= shortest}


LATIN_MIN_LENGTH = 6
