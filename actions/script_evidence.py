"""What the writing itself says about the language, before any statistical detector.

* Script: a message written mostly in Arabic letters is Arabic, Persian or Pashto, in
  Cyrillic Ukrainian or Russian, in Ethiopic (Ge'ez) Tigrinya, whatever German words
  ("Jobcenter", "Sprachkurs") or place names it contains. Letters that only one language
  uses decide (Pashto ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ; Persian پ چ ژ گ and its own ی ک; Arabic ة ي ك ى;
  Ukrainian і ї є ґ; Russian ы э ъ ё), then small words only one of them writes.
* Romanised Persian ("salam, mikhastam bedunam kelas koja hast"), Arabic written in
  Latin letters with digits for sounds ("3ayez doktor", "a7taj") and transliterated
  Russian/Ukrainian ("privet, gde mozhno najti vracha") are recognised by their common
  words and the digits inside words; so are Pashto and Tigrinya typed in Latin letters
  ("za ghwaram", "selam, hagez yedliyeni"), which no statistical detector we have knows;
  a lone greeting ("czesc", "merhaba") by a short list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from services_catalog.text import fold

# Words of a language that tell it apart, one file a language (actions/lexicon/<lang>.yml):
# how its speakers ask for it and name other languages, greetings, and for languages that
# no detector knows, the words people type in Latin letters.
LEXICON = Path(__file__).parent / "lexicon"


@lru_cache(maxsize=1)
def lexicons() -> dict[str, dict[str, Any]]:
    """Each language's lexicon file, by language code."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for path in sorted(LEXICON.glob("*.yml"))
    }


def _latin_words(lang: str) -> frozenset[str]:
    return frozenset(fold(word) for word in lexicons().get(lang, {}).get("latin_words") or ())


# Chooses one of two languages for a text, or None (a statistical detector).
Prefer = Callable[[str, tuple[str, str]], str | None]

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ETHIOPIC = re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")
_LETTER = re.compile(r"[^\W\d_]")
_PASHTO_ONLY = "ټډړږښګڼېۍځڅ"
_PERSIAN_ONLY = "پچژگیک"
_ARABIC_ONLY = "ةيكى"
_UKRAINIAN_ONLY = "іїєґ"
_RUSSIAN_ONLY = "ыэъё"
MIN_SHARE = 0.2
# This many letters of a script (place names already removed) are a sentence in it, however
# many German words ("Termin bei der Ausländerbehörde") it carries.
MIN_LETTERS = 6
_WORD = re.compile(r"[^\W\d_]+")
# Small words only one of the two languages uses (when no letter tells them apart).
_UKRAINIAN_WORDS = frozenset(
    {"з", "із", "зі", "що", "як", "мені", "мене", "шукаю", "потрібно", "де", "це", "та"}
    | {"будь", "ласка", "дякую", "привіт", "вже", "також", "або", "чи", "треба", "коли"}
    | {"болить", "дуже", "сьогодні", "тут", "допоможіть", "ні", "мій", "моя", "він", "вона"}
)
_RUSSIAN_WORDS = frozenset(
    {"с", "из", "где", "что", "это", "мне", "меня", "нужен", "нужна", "нужно", "ищу"}
    | {"пожалуйста", "спасибо", "привет", "или", "ли", "уже", "тоже", "как", "когда", "надо"}
    | {"болит", "очень", "сегодня", "здесь", "помогите", "нет", "мой", "моя", "он", "она"}
)

# Small Pashto words that Persian and Arabic do not write, also as typed on a Persian keyboard
# without Pashto's own letters ("غوارم" for "غواړم").
# ("کار" and "داکتر", which Dari writes too, are left out: they are no evidence.)
_PASHTO_WORDS = frozenset(
    {"زه", "زما", "ستا", "ستاسو", "ستاسې", "دی", "ده", "کې", "کښې", "کي", "څه", "څنګه", "شته"}
    | {"غواړم", "غوارم", "غواړو", "لپاره", "مننه", "ډېر", "ډیر", "چېرته", "چیرته", "څوک", "یم"}
    | {"راسره", "مرسته", "مرستې", "ولې", "نشم", "کولای", "کوم", "وکړئ", "وکړه", "ورکړئ", "اوسېږم"}
    | {"اوسیږم", "ژبه", "ژبې", "ډاکټر", "پوښتنه"}
)
_PERSIAN_WORDS = frozenset(
    {"من", "میخواهم", "می‌خواهم", "میخوام", "می‌خوام", "است", "هست", "هستم", "کجا", "چطور"}
    | {"برای", "لطفا", "لطفاً", "ممنون", "خیلی", "دارم", "میتوانم", "می‌توانم", "کمک", "را"}
)

# Common words of romanised Persian (Finglish) and Arabic (Arabizi), folded.
_FINGLISH = frozenset(
    [
        "salam",
        "mikham",
        "mikhastam",
        "mikhaam",
        "khastam",
        "bedunam",
        "bedoonam",
        "koja",
        "kojast",
        "kojas",
        "hast",
        "hastam",
        "nist",
        "mishe",
        "mitunam",
        "mitoonam",
        "lotfan",
        "komak",
        "daram",
        "dare",
        "darid",
        "kelas",
        "kelass",
        "dars",
        "zaban",
        "almani",
        "baraye",
        "barayeh",
        "chetori",
        "khoobi",
        "merci",
        "mamnun",
        "mamnoon",
        "kheili",
        "khaili",
        "doktor",
        "pezeshk",
        "bimarestan",
        "kar",
        "karam",
        "mikonam",
        "konam",
        "shahr",
        "nazdik",
        "nazdike",
        "chi",
        "chera",
        "chejuri",
        "mesle",
        "khune",
        "khoone",
        "beram",
        "biyam",
        "begid",
        "begin",
        "bebakhshid",
        "ghanuni",
        "vakil",
        "panahandegi",
        "ghabul",
        "ejaze",
        "eghamat",
        "madrese",
        "bache",
        "bacheh",
        "shoma",
    ]
)
_ARABIZI = frozenset(
    [
        "ani",
        "bdi",
        "baddi",
        "biddi",
        "abgha",
        "3ayez",
        "3ayz",
        "3awz",
        "3awez",
        "ahtaj",
        "a7taj",
        "mumkin",
        "momken",
        "mmkn",
        "ya3ni",
        "shukran",
        "shokran",
        "fi",
        "wein",
        "feen",
        "kifak",
        "kifik",
        "marhaba",
        "mar7aba",
        "inshallah",
        "habibi",
        "tabib",
        "dactor",
        "doktor",
        "mosa3da",
        "musa3ada",
        "ma3",
        "almani",
        "lugha",
        "lo8a",
        "dars",
        "duros",
        "madrase",
        "shughl",
        "sho8l",
        "3amal",
        "mustashfa",
        "mostashfa",
        "7aga",
        "7aja",
        "haga",
        "leh",
        "kaman",
        *("bghit", "bghina", "kayn", "kayna", "bzaf", "wach", "dyal", "mzyan", "lalmania"),
        *("nta", "nti", "3afak", "chno", "fin", "daba", "salam", "ana", "bde", "sakin"),
        *("sakna", "saken", "3aysh", "3ayesh"),
        "la2",
        "aywa",
        "aiwa",
        "na3am",
        "tayeb",
        "ma3lesh",
        "3ala",
        "3an",
    ]
)
# Russian and Ukrainian typed in Latin letters ("privet, gde mozhno najti vracha").
_TRANSLIT_RU = frozenset(
    {
        *("privet", "zdravstvujte", "zdravstvuite", "zdravstvuyte", "gde", "mozhno", "najti"),
        *("naiti", "nuzhen", "nuzhna", "nuzhno", "vrach", "vracha", "pomoshch", "pomosh"),
        *("pomogite", "spasibo", "pozhalujsta", "pozhaluista", "menya", "rabota"),
        *("raboty", "nemeckogo", "nemetskogo", "yazyka", "jazyka", "skolko", "stoit", "kak"),
        *("chto", "eto", "ili", "tozhe", "tolko", "hochu", "khochu", "ochen", "gorode"),
        *("russki", "russkom", "govorit", "govoryat", "govorjat"),
    }
)
_TRANSLIT_UK = frozenset(
    {
        *("pryvit", "dobryj", "dobryi", "potriben", "potribna", "potribno"),
        *("likar", "likarya", "likarja", "dopomoha", "dopomogu", "dyakuyu", "diakuiu"),
        *("laska", "mozhna", "znajty", "znaity", "meni", "robota", "roboty"),
        *("nimecka", "nimetskoi", "movy", "skilky", "koshtuje", "koshtuie", "shcho", "ukrainskoju"),
        *("ukrainskoiu", "rozmovljaiut", "zhyvu", "shukaju", "shukaiu"),
    }
)
_SLAVIC_DIGRAPHS = re.compile(r"zh|shch|kh|sch(?=[aeiouy])|ij$|yj$")
_UKRAINIAN_ENDINGS = re.compile(r"(nnja|nnia|nnya|ennja|yty|ity)$|^(ja|vy|vony|dyplom)")
_TURKISH_SUFFIX = re.compile(
    r"\w['’´](?:d[ae]|t[ae]|d[ae]n|t[ae]n|d[ae]y[iı]m|t[ae]y[iı]m|y[ae]|[iıuü]n|n[iıuü]n"
    r"|l[iıuü]y[iıuü]m|d[ae]k[iı]|t[ae]k[iı])\b",
    re.IGNORECASE,
)
# Pashto and Tigrinya as typed in Latin letters: words no other language of ours writes so.
_PASHTO_LATIN = frozenset(
    {"zma", "zmung", "stasu", "ghwaram", "ghwarem", "ghwarum", "ghwaro", "kawam", "kawalay"}
    | {"mrasta", "mrastay", "manana", "tsanga", "tsenga", "cherta", "chiray", "shta", "lapara"}
    | {"lpara", "warta", "rasara"}
    | {"kegi", "ogorum", "oosegam", "osegam", "pukhto", "pashto", "pakhto", "zhaba", "zhabe"}
)
_TIGRINYA_LATIN = frozenset(
    {"yekenyeley", "yekenyelay", "yekenyelna", "hagez", "hagzi", "hagizi", "yedliyeni", "ydliyeni"}
    | {"deliye", "dliye", "kemey", "kemay", "aleka", "aleki", "abey", "abzi", "eti", "entay"}
    | {"kndey", "kendey", "gezana", "ezi", "ezom", "tigrinya", "tigrigna", "nay", "kab", "mesh"}
    | {"selamat", "haftey", "hawey", "kemzi", "tsbuq", "tsbuk", "ane", "ayfelton", "yelen"}
)
# Vietnamese typed without its diacritics ("minh can tim lop hoc tieng duc"), which lingua
# cannot place, and Czech without háčky ("potrebuju lekare"), which it takes for Croatian.
_VIETNAMESE_PLAIN = frozenset(
    {"xin", "chao", "minh", "toi", "khong", "ko", "duoc", "dc", "tim", "lop", "hoc", "tieng"}
    | {"giup", "voi", "nguoi", "lam", "viec", "bac", "dau", "nhu", "nao", "cua", "benh", "vien"}
    | {"truong", "luat", "giay", "phep", "muon", "khoa", "nhieu", "tien", "mien", "phi", "mk"}
    | {"bn", "ntn", "chua", "vay", "ak", "nhe", "oi", "minh", "duc", "viet", "cam", "roi"}
)
_CZECH_PLAIN = frozenset(
    {"potrebuju", "potrebuji", "prosim", "dekuji", "dekuju", "diky", "ahoj", "cau", "jsem"}
    | {"nemam", "hledam", "praci", "lekare", "lekar", "doktora", "pomoct", "pomuze", "nekdo"}
    | {"nejblizsi", "kolik", "stoji", "mluvi", "cesky", "nemecky", "nemcine", "kurz", "sef"}
    | {"nezaplatil", "zaplatil", "jsme", "tady", "taky", "nebo", "jeste", "chci", "bydlim"}
    | {"delam", "pracuju", "pracuji", "smlouvu", "smlouva", "vyplatu", "penize", "dobry den"}
)
_ARABIZI_DIGITS = re.compile(r"[a-z][2-9]|[2-9][a-z]")
# Words both lists share that say nothing alone.
_SHARED = _FINGLISH & _ARABIZI


def by_script(text: str, current: str | None = None, prefer: Prefer | None = None) -> str | None:
    """ar/fa for text mostly in Arabic letters, uk/ru for Cyrillic, else None. When
    nothing in the writing tells the two apart, `prefer` (a statistical detector) decides,
    then the current language."""
    letters = _LETTER.findall(text)
    if not letters:
        return None
    arabic = len(_ARABIC_SCRIPT.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    ethiopic = len(_ETHIOPIC.findall(text))
    if ethiopic >= 2 and ethiopic >= MIN_SHARE * len(letters):
        return "ti"  # of our languages only Tigrinya is written in Ge'ez
    if arabic >= MIN_LETTERS or (arabic >= 2 and arabic >= MIN_SHARE * len(letters)):
        if _pashto(text, current):
            return "ps"
        return _pick(text, _PERSIAN_ONLY, _ARABIC_ONLY, ("fa", "ar"), current, prefer)
    if cyrillic >= MIN_LETTERS or (cyrillic >= 2 and cyrillic >= MIN_SHARE * len(letters)):
        lowered = text.lower()
        uk_letters = sum(lowered.count(ch) for ch in _UKRAINIAN_ONLY)
        ru_letters = sum(lowered.count(ch) for ch in _RUSSIAN_ONLY)
        words = _WORD.findall(lowered)  # telling letters and small words both count
        uk_letters += sum(word in _UKRAINIAN_WORDS for word in words)
        ru_letters += sum(word in _RUSSIAN_WORDS for word in words)
        if uk_letters != ru_letters:
            return "uk" if uk_letters > ru_letters else "ru"
        return _tie(text, ("uk", "ru"), current, prefer)
    return None


def _pashto(text: str, current: str | None) -> bool:
    """Whether a text in Arabic letters is Pashto: one of its own letters, or more of its own
    small words than Persian ones; while the conversation is in Pashto, anything without
    Arabic's ة or Persian's words stays Pashto (Pashto writes پ چ ژ گ ی ک too)."""
    if any(ch in _PASHTO_ONLY for ch in text):
        return True
    words = _WORD.findall(text)
    pashto = sum(word in _PASHTO_WORDS for word in words)
    persian = sum(word in _PERSIAN_WORDS for word in words)
    if pashto >= 2 and pashto > persian:
        return True
    return current == "ps" and "ة" not in text and pashto >= persian


def _pick(
    text: str,
    first_only: str,
    second_only: str,
    langs: tuple[str, str],
    current: str | None,
    prefer: Prefer | None,
) -> str:
    first = sum(text.count(ch) for ch in first_only)
    second = sum(text.count(ch) for ch in second_only)
    if first > second:
        return langs[0]
    if second > first:
        return langs[1]
    return _tie(text, langs, current, prefer)


def _tie(text: str, langs: tuple[str, str], current: str | None, prefer: Prefer | None) -> str:
    """The current language of the two when the writing cannot tell (a short "سلام" or
    "да"), else the detector's choice of the two, else the second (ar, ru)."""
    if current in langs:
        return current
    chosen = prefer(text, langs) if prefer else None
    return chosen if chosen in langs else langs[1]


def romanised(text: str) -> str | None:
    """fa or ar for Persian or Arabic written in Latin letters, else None."""
    if _ARABIC_SCRIPT.search(text) or _CYRILLIC.search(text) or _ETHIOPIC.search(text):
        return None
    words = fold(text).split()
    if len(words) < 2:
        return None
    vietnamese = sum(word in _VIETNAMESE_PLAIN for word in words)
    if vietnamese >= 2 and vietnamese >= 0.3 * len(words):
        return "vi"
    czech = sum(word in _CZECH_PLAIN for word in words)
    if czech >= 2 and czech >= 0.3 * len(words):
        return "cs"
    pashto = sum(word in _PASHTO_LATIN or word in _latin_words("ps") for word in words)
    tigrinya = sum(word in _TIGRINYA_LATIN or word in _latin_words("ti") for word in words)
    if max(pashto, tigrinya) >= 2 and pashto != tigrinya:
        return "ps" if pashto > tigrinya else "ti"
    finglish = sum(word in _FINGLISH and word not in _SHARED for word in words)
    arabizi = sum(word in _ARABIZI and word not in _SHARED for word in words)
    arabizi += sum(bool(_ARABIZI_DIGITS.search(word)) for word in words)
    if finglish >= 2 and finglish > arabizi:
        return "fa"
    if arabizi >= 2 and arabizi > finglish:
        return "ar"
    russian = sum(word in _TRANSLIT_RU for word in words)
    ukrainian = sum(word in _TRANSLIT_UK for word in words)
    # letter groups only a transliterated Slavic language writes ("zh", "shch", "kh")
    slavic = sum(bool(_SLAVIC_DIGRAPHS.search(word)) for word in words)
    if max(russian, ukrainian) + slavic >= 2 and max(russian, ukrainian, slavic) > 0:
        ukrainian += sum(bool(_UKRAINIAN_ENDINGS.search(word)) for word in words)
        return "uk" if ukrainian > russian else "ru"
    return None


def turkish_suffix(text: str) -> bool:
    """True when a name carries a Turkish case ending after an apostrophe ("Oederan'dayım",
    "Brand-Erbisdorf'ta"), which Turkish spelling, and no other of ours, writes."""
    return _TURKISH_SUFFIX.search(text) is not None


# Greetings and short words that name their language on their own (folded), for a first
# message that a statistical detector cannot place ("czesc", "merhaba").
GREETINGS = {
    **dict.fromkeys(("czesc", "dzien dobry", "witam", "dobry wieczor", "dziekuje"), "pl"),
    **dict.fromkeys(("merhaba", "selam", "iyi gunler", "gunaydin", "tesekkurler"), "tr"),
    **dict.fromkeys(("hallo", "guten tag", "moin", "servus", "danke", "guten morgen"), "de"),
    **dict.fromkeys(("hello", "hi", "hey", "hi there", "good morning", "thank you"), "en"),
    "thanks": "en",
    **dict.fromkeys(("privet", "zdravstvujte", "zdravstvuyte", "spasibo"), "ru"),
    **dict.fromkeys(("pryvit", "dyakuyu", "diakuiu"), "uk"),
}


@lru_cache(maxsize=1)
def _greetings() -> dict[str, str]:
    """GREETINGS and the lexicons' greetings; one that two languages share ("merci",
    "salut") names neither."""
    claims: dict[str, set[str]] = {}
    for text, lang in GREETINGS.items():
        claims.setdefault(text, set()).add(lang)
    for lang, lexicon in lexicons().items():
        for text in lexicon.get("greetings") or ():
            claims.setdefault(fold(text), set()).add(lang)
    return {text: langs.pop() for text, langs in claims.items() if len(langs) == 1}


def greeting(text: str) -> str | None:
    """The language of a message that is only a greeting or thanks, else None."""
    return _greetings().get(fold(text))
