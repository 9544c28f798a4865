"""Languages named in a message ("can you write in English?", "a doctor who speaks
Arabic", "بالإنكليزي"): their names in every supported language, with case forms and
common spellings, but not the language of a keyboard ("my Arabic keyboard is broken")."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from actions.lexicons import lexicons
from services_catalog.languages import SUPPORTED_LANGUAGES
from services_catalog.text import fold


def _inflectable_names() -> list[tuple[str, str, str]]:
    """(language written in, language named, its name) for the languages whose names
    change by case: Russian, Ukrainian, Polish."""
    return [
        (in_lang, code, name)
        for in_lang in ("ru", "uk", "pl")
        for code in SUPPORTED_LANGUAGES
        if (name := Locale(in_lang).languages.get(code))
    ]


def _case_forms(in_lang: str, name: str) -> list[str]:
    """How a language's name is written in a request ("а можна російською?", "на русском",
    "po rosyjsku"), from its dictionary form (folded)."""
    name = name.replace("ʼ", " ")  # "вʼєтнамська" as people type it: "в'єтнамською"
    if in_lang == "ru" and name.endswith(("ий", "ии")):  # fold writes й as и
        stem = name[:-2]
        return [stem + "ом", f"по {stem}и"]
    if in_lang == "uk" and name.endswith("ка"):
        stem = name[:-1]
        return [stem + "ою", stem + "ій", f"по {stem}и"]
    if in_lang == "pl" and name.endswith("i"):
        return [f"po {name[:-1]}u", name + "m"]
    return []


_ARABIC_LANGUAGE_STEMS = {
    "en": ("إنجليزي", "إنكليزي", "انقليزي", "انجلش"),
    "de": ("ألماني",),
    "ar": ("عربي",),
    "fa": ("فارسي",),
    "ru": ("روسي",),
    "uk": ("أوكراني",),
    "tr": ("تركي",),
    "pl": ("بولندي", "بولوني"),
    "fr": ("فرنسي", "فرنساوي"),
    "ro": ("روماني",),
    "cs": ("تشيكي",),
    "vi": ("فيتنامي",),
    "ps": ("بشتو",),
    "ti": ("تغريني",),
}


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Folded language names in every supported language → language code."""
    names: dict[str, str] = {}
    for in_lang in SUPPORTED_LANGUAGES:
        for code in SUPPORTED_LANGUAGES:
            name = Locale(in_lang).languages.get(code)
            if name:
                names[fold(name)] = code
        names[fold(Locale(in_lang).get_display_name(in_lang) or "")] = in_lang
    for in_lang, code, name in _inflectable_names():
        names.update(dict.fromkeys(_case_forms(in_lang, fold(name)), code))
    # Common adverbial forms ("auf Deutsch", "по-русски", "po polsku", "in English").
    extra = {
        "deutsch": "de",
        "englisch": "en",
        "english": "en",
        "arabisch": "ar",
        "farsi": "fa",
        "persisch": "fa",
        "dari": "fa",
        "ukrainisch": "uk",
        "russisch": "ru",
        "turkisch": "tr",
        "polnisch": "pl",
        "po russki": "ru",
        "po russkii": "ru",
        "po ukrainski": "uk",
        "po polsku": "pl",
        "po angielsku": "en",
        "po niemiecku": "de",
        "turkce": "tr",
        "ingilizce": "en",
        "almanca": "de",
        "по русски": "ru",
        "по украински": "uk",
        "українською": "uk",
        "по-українськи": "uk",
        "англійською": "en",
        "английском": "en",
        "немецком": "de",
        "німецькою": "de",
        "بالعربي": "ar",
        "بالعربية": "ar",
        "بالانجليزي": "en",
        "بالألماني": "de",
        "فارسی": "fa",
        "انگلیسی": "en",
        "آلمانی": "de",
        # how people name the language they want staff to speak ("на русском языке")
        **dict.fromkeys(("русском", "по русски", "rusca", "po rosyjsku", "بالروسي"), "ru"),
        **dict.fromkeys(("украинском", "українській", "po ukrainsku", "ukraynaca"), "uk"),
        **dict.fromkeys(("арабском", "арабською", "arapca", "po arabsku", "عربي"), "ar"),
        **dict.fromkeys(("фарси", "farsca", "po persku", "بالفارسي", "فارسي"), "fa"),
        # Arabizi ("fi 7ada bye7ke 3arabe?", does anyone speak Arabic?)
        **dict.fromkeys(
            ("3arabi", "3arabe", "3arabiya", "3arabeya", "bel3arabi", "bil3arabi"), "ar"
        ),
        **dict.fromkeys(("englizi", "engleezi", "inglizi", "ingleezi", "belenglizi"), "en"),
        **dict.fromkeys(("турецком", "турецькою", "po turecku", "بالتركي", "ترکی"), "tr"),
        **dict.fromkeys(("польском", "польською", "lehce", "بالبولندي"), "pl"),
        # Russian and Ukrainian adverbs "по-…ски" ("писать по-английски")
        **dict.fromkeys(("по английски", "по англійськи"), "en"),
        **dict.fromkeys(("по немецки", "по німецьки"), "de"),
        **dict.fromkeys(("по арабски", "по арабськи"), "ar"),
        **dict.fromkeys(("по персидски", "по перськи"), "fa"),
        **dict.fromkeys(("по турецки", "по турецьки"), "tr"),
        **dict.fromkeys(("по польски", "по польськи"), "pl"),
        **dict.fromkeys(("по французски", "по французьки"), "fr"),
        **dict.fromkeys(("по румынски", "по румунськи"), "ro"),
        **dict.fromkeys(("по чешски", "по чеськи"), "cs"),
        **dict.fromkeys(("по вьетнамски", "по в'єтнамськи"), "vi"),
    }
    names.update({fold(key): code for key, code in extra.items()})
    # Arabic "in <language>": بال + the adjective, Levantine and Iraqi spellings too
    # ("ممكن تكتبلي بالإنكليزي؟", can you write to me in English?)
    for code, stems in _ARABIC_LANGUAGE_STEMS.items():
        for stem in stems:
            names.update(dict.fromkeys((fold(f"بال{stem}"), fold(f"بال{stem}ة")), code))
    for lang, lexicon in lexicons().items():
        for code, words in (lexicon.get("language_names") or {}).items():
            names.update({fold(word): code for word in words if len(fold(word).split()) <= 2})
        for phrase in lexicon.get("language_switch") or ():
            if len(fold(phrase).split()) <= 2:
                names.setdefault(fold(phrase), lang)
    names.pop("", None)
    return names


# "my Arabic keyboard stopped working": a language named beside a keyboard is the
# keyboard's, not a wish (folded word beginnings; within KEYBOARD_REACH words)
_KEYBOARD_STEMS = tuple(
    fold(stem)
    for stem in (
        *("keyboard", "tastatur", "clavier", "klawiatur", "klavye", "tastatura", "klavesnic"),
        *("клавиатур", "клавіатур", "كيبورد", "الكيبورد", "کیبورد", "کیبرد", "ኪቦርድ"),
    )
)
KEYBOARD_REACH = 2


def named_languages(text: str) -> set[str]:
    """Every supported language a message names (not the language of a keyboard)."""
    words = fold(text).split()
    keyboards = [i for i, word in enumerate(words) if word.startswith(_KEYBOARD_STEMS)]
    found = set()
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            key = " ".join(words[start : start + size])
            near_keyboard = any(
                start - KEYBOARD_REACH <= i < start + size + KEYBOARD_REACH for i in keyboards
            )
            if key in _language_names() and not near_keyboard:
                found.add(_language_names()[key])
    return found


def named_language(text: str, current: str | None = None) -> str | None:
    """The supported language a message names ("can you speak English?"), if exactly one
    besides the current one ("write in English, my husband does not read Ukrainian")."""
    found = named_languages(text)
    if len(found) == 2 and current in found:
        found.discard(current)
    return found.pop() if len(found) == 1 else None
