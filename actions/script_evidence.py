"""What the script of a message says about its language, before any statistical detector.

A message written mostly in Arabic letters is Arabic, Persian or Pashto, in Cyrillic
Ukrainian or Russian, in Ethiopic (Ge'ez) Tigrinya, whatever German words ("Jobcenter",
"Sprachkurs") or place names it contains. Letters that only one language uses decide
(Pashto ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ; Persian پ چ ژ گ and its own ی ک; Arabic ة ي ك ى; Ukrainian
і ї є ґ; Russian ы э ъ ё), then small words only one of them writes. Latin-script writing
habits (romanised Persian, Arabizi, …) are read in `actions.latin_writing`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

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
# ... unless they are one word in a sentence of this many Latin-letter words ("… seit der
# Flucht كوابيس habe und nicht schlafen kann"): a word quoted in its script, not the language.
QUOTED_AMONG = 5
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ]{2,}")
_WORD = re.compile(r"[^\W\d_]+")
# Small words only one of the two languages uses (when no letter tells them apart).
_UKRAINIAN_WORDS = frozenset(
    {"з", "із", "зі", "що", "як", "мені", "мене", "шукаю", "потрібно", "де", "це", "та"}
    | {"будь", "ласка", "дякую", "привіт", "вже", "також", "або", "чи", "треба", "коли"}
    | {"болить", "дуже", "сьогодні", "тут", "допоможіть", "ні", "мій", "моя", "він", "вона"}
    | {"яка", "який", "яке", "які", "ми", "ви", "є", "тільки", "можна", "скільки", "чому"}
)
_RUSSIAN_WORDS = frozenset(
    {"с", "из", "где", "что", "это", "мне", "меня", "нужен", "нужна", "нужно", "ищу"}
    | {"пожалуйста", "спасибо", "привет", "или", "ли", "уже", "тоже", "как", "когда", "надо"}
    | {"болит", "очень", "сегодня", "здесь", "помогите", "нет", "мой", "моя", "он", "она"}
    | {"какая", "какой", "какое", "какие", "мы", "вы", "есть", "только", "можно", "сколько"}
    | {"почему", "ладно", "хорошо", "сейчас"}
)

# Small Pashto words that Persian and Arabic do not write, also as typed on a Persian keyboard
# without Pashto's own letters ("غوارم" for "غواړم").
# ("کار" and "داکتر", which Dari writes too, are left out: they are no evidence.)
_PASHTO_WORDS = frozenset(
    {"زه", "زما", "ستا", "ستاسو", "ستاسې", "دی", "کې", "کښې", "کي", "څه", "څنګه", "شته"}
    | {"غواړم", "غوارم", "غواړو", "لپاره", "مننه", "ډېر", "ډیر", "چېرته", "چیرته", "څوک", "یم"}
    | {"راسره", "مرسته", "مرستې", "ولې", "نشم", "کولای", "کوم", "وکړئ", "وکړه", "ورکړئ", "اوسېږم"}
    | {"اوسیږم", "ژبه", "ژبې", "ډاکټر", "پوښتنه"}
    # tomorrow, will be, does, to me, you, there, here, there is not, has, one, say
    | {"سبا", "وي", "کوي", "کوی", "راته", "ماته", "تاسو", "تاسې", "هلته", "دلته", "نشته"}
    | {"لري", "لرم", "یوه", "ووایه", "وایه"}
    # brother, sister (the greeting "سلام ورور"), and the plural address "brothers",
    # "sisters" ("سلام ورورو")
    | {"ورور", "وروره", "خورې", "ورورو", "ورونو", "خویندو"}
)
# Pashto words that say it alone, in a short message ("سلام ورور"; "ده", "is", is left out of
# the lists: Dari writes it for "in", "ده فرایبرگ").
_PASHTO_ALONE = frozenset(
    {"ورور", "وروره", "ورورو", "ورونو", "خویندو", "زه", "زما", "غواړم", "مننه", "ډېره"}
)
SHORT_WORDS = 3
_PERSIAN_WORDS = frozenset(
    {"من", "میخواهم", "می‌خواهم", "میخوام", "می‌خوام", "است", "هست", "هستم", "کجا", "چطور"}
    | {"برای", "لطفا", "لطفاً", "ممنون", "خیلی", "دارم", "میتوانم", "می‌توانم", "کمک", "را"}
    # Dari and colloquial forms: one, (object) ra, does, wants, now, other, life
    | {"یک", "ره", "میکنه", "میکد", "میخواهد", "حالی", "دیگه", "زندگی"}
    # words as the tokenizer leaves them after a ZWNJ ("می‌توانم" → "می", "توانم"): can,
    # becomes, sorry, I go, I know, Dari and Persian named
    | {"توانم", "میتوانم", "شود", "میشود", "میشه", "نمیشه", "ببخشید", "بروم", "میدانم"}
    | {"نمیدانم", "دانم", "دری", "فارسی"}
)


# Letters of our languages that only Vietnamese writes, and the share of words with one
# that makes a message Vietnamese.
_VIETNAMESE_ONLY = re.compile(
    "[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹƠƯĐẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
)
VIETNAMESE_SHARE = 0.3


def by_script(
    text: str,
    current: str | None = None,
    prefer: Prefer | None = None,
    places: Sequence[str] = (),
) -> str | None:
    """ar/fa for text mostly in Arabic letters, uk/ru for Cyrillic, else None. When
    nothing in the writing tells the two apart, `prefer` (a statistical detector) decides,
    then the current language. `places`: the message's words that name a place."""
    letters = _LETTER.findall(text)
    if not letters:
        return None
    arabic = len(_ARABIC_SCRIPT.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    ethiopic = len(_ETHIOPIC.findall(text))
    if ethiopic >= 2 and ethiopic >= MIN_SHARE * len(letters):
        return "ti"  # of our languages only Tigrinya is written in Ge'ez
    if _quoted_word(text):
        return None
    words = text.split()
    vietnamese = sum(bool(_VIETNAMESE_ONLY.search(word)) for word in words)
    if vietnamese and vietnamese >= VIETNAMESE_SHARE * len(words):
        # "cám ơn nha": ơ, ư, đ and the dotted or hooked vowels are Vietnamese only (a
        # name like "Nguyễn" in a German sentence is too few words to count)
        return "vi"
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
        ru_letters += sum(_russian_transcription(place) for place in places)
        if uk_letters != ru_letters:
            return "uk" if uk_letters > ru_letters else "ru"
        return _tie(text, ("uk", "ru"), current, prefer)
    return None


def _russian_transcription(name: str) -> bool:
    """A German place name transcribed the Russian way: its i written и, not і
    ("в Хайнихене"; Ukrainian writes "у Хайніхені")."""
    lowered = name.lower()
    if lowered.startswith(_UKRAINIAN_WITH_I):
        return False
    return "и" in lowered and not any(ch in lowered for ch in _UKRAINIAN_ONLY)


# Names Ukrainian writes with и by tradition ("у Лейпцигу").
_UKRAINIAN_WITH_I = ("лейпциг",)


def _quoted_word(text: str) -> bool:
    """True when the only word in another script stands among QUOTED_AMONG or more words
    in Latin letters."""
    others = [word for word in text.split() if other_script(word)]
    return len(others) == 1 and len(_LATIN_WORD.findall(text)) >= QUOTED_AMONG


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
    if len(words) <= SHORT_WORDS and persian == 0 and any(word in _PASHTO_ALONE for word in words):
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


def other_script(text: str) -> bool:
    """True when the text has Arabic, Cyrillic or Ethiopic letters."""
    return bool(_ARABIC_SCRIPT.search(text) or _CYRILLIC.search(text) or _ETHIOPIC.search(text))
